"""A table's total row, its column the sum of the rows above it::

    | Layer         | Output   | Params |
    | conv1 3x3, 16 | 32x32x16 | 448    |
    | conv2 3x3, 32 | 32x32x32 | 4,460  |   <- the layer table judges it: 4,640
    | fc 10         | 10       | 81,930 |
    | **Total**     |          | **86,838** |  <- 86,838 as written; 87,018 carried

The total row's first cell is a total word alone (``Total``, ``**Total**``, ``합계``, ``총계``);
its one figure stands in a column whose cells above are each a whole number, or empty, ``-``
or ``0`` (a pooling row): two rows or more. The figure is judged only where it is the
column's sum as written (so it is the sum of those rows, not of some other list): right,
or wrong where the layer table's own reading (``layertable``, the same rows) corrects a
row's figure, naming the rows whose errors it inherits. A figure that is the sum with one
digit slipped, or the sum less one row (a row left out), is wrong (``_missed``, ``slips``);
any other figure is not judged.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.numbers import plain, write_like
from cnnstat.notes.reading.numerals import read_number
from cnnstat.notes.precedence import INHERITED
from cnnstat.notes.arithmetic import slips

NEEDS = ("total", "합계", "총계", "총합", "총")
CONFIDENCE = 0.9
_TOTAL = re.compile(r"^[*_\s]*(?:total|합계|총계|총합|총)[*_\s:]*$", re.I)
_EMPTY = re.compile(r"^[*_\s]*(?:-+|—|–|0)?[*_\s]*$")


def _figure(cell: str):
    text = cell.strip().strip("*_ ").strip()
    got = read_number(text, 0) if text[:1].isdigit() else None
    if got is None or got[1] != len(text) or got[0].unit != 1 or \
            got[0].value.denominator != 1:
        return None
    return got[0]


def check(rows: list[tuple[int, list[tuple[str, int, int]]]],
          judged: list[Claim]) -> list[Claim]:
    """``rows``: the table as (line, cells), its header first; ``judged``: the layer
    table's claims on the same rows."""
    for k, (number, cells) in enumerate(rows):
        if k < 2 or not cells or not _TOTAL.match(cells[0][0]):
            continue
        figures = [(j, _figure(c)) for j, (c, _, _) in enumerate(cells[1:], 1)]
        figures = [(j, f) for j, f in figures if f is not None]
        if len(figures) != 1:
            return []
        col, figure = figures[0]
        above = [(n, cs) for n, cs in rows[1:k] if not all(
            re.fullmatch(r":?-{1,}:?|", c.strip()) for c, _, _ in cs)]
        values = []
        for n, cs in above:
            cell = cs[col][0] if col < len(cs) else ""
            f = _figure(cell)
            if f is None and not _EMPTY.match(cell):
                return []
            values.append((n, cell.strip("*_ "), f.value if f else Fraction(0)))
        if sum(1 for _, _, v in values if v) < 2:
            return []
        stated = sum((v for _, _, v in values), Fraction(0))
        if stated != figure.value:
            return _missed(number, figure, stated, values, above, cells[col])
        fixed = {}
        for c in judged:
            if c.kind == "params" and c.verdict == "wrong" and isinstance(c.actual, int):
                row = next((r for r in values if r[0] == c.line and r[1] == c.claimed), None)
                if row is not None:
                    fixed[row[0]] = (row[1], Fraction(c.actual) - row[2])
        corrected = stated + sum((d for _, d in fixed.values()), Fraction(0))
        text = f"total {figure.text}"
        how = f"the rows of lines {above[0][0]} to {above[-1][0]}, added"
        _, start, end = cells[col]
        if not fixed:
            return [Claim(number, text, "arithmetic", figure.text, int(stated), "right", how,
                          confidence=CONFIDENCE)]
        parts = " and ".join(f"line {n}'s ({t}, which should be {plain(_value(t) + d)})"
                             for n, (t, d) in sorted(fixed.items()))
        shown = write_like(corrected, figure)
        lead = cells[col][0].find(figure.text)
        edit = (Edit(number, start + lead, start + lead + len(figure.text), shown),) \
            if lead >= 0 else ()
        return [Claim(number, text, "arithmetic", figure.text, int(corrected), "wrong",
                      f"{how}; it inherits the error of {parts}: with the corrected "
                      f"figures, {plain(corrected)}", edit, shown, INHERITED)]
    return []


def _missed(number: int, figure, stated: Fraction, values, above, cell) -> list[Claim]:
    """A total that is not its rows' sum: wrong where it is that sum with a slip of the
    hand (``slips``) or that sum less one row (a row left out), with no row above
    that is itself a total (a subtotal counted twice would look the same)."""
    if any(_SUB.search(cs[0][0]) for _, cs in above if cs):
        return []
    rows = [v for _, _, v in values if v]
    short = [t for n, t, v in values if v and stated - v == figure.value
             and not _PART.search(_label(above, n))]
    if slips.slipped(figure.value, stated):
        why = "a slip of the hand"
    elif len(rows) >= 3 and len(short) == 1:
        why = f"the rows' sum less {short[0]}: that row left out"
    else:
        return []
    shown = write_like(stated, figure)
    lead = cell[0].find(figure.text)
    edit = (Edit(number, cell[1] + lead, cell[1] + lead + len(figure.text), shown),) \
        if lead >= 0 else ()
    return [Claim(number, f"total {figure.text}", "arithmetic", figure.text, int(stated),
                  "wrong", f"the rows of lines {above[0][0]} to {above[-1][0]} add to "
                  f"{plain(stated)}; {figure.text} is {why}", edit, shown)]


_SUB = re.compile(r"total|sum|합계|소계|총", re.I)
# a row that is part of the rows above it, not a layer of its own ("(of which bias)")
_PART = re.compile(r"^\W*\(|of\s+which|\bincl|\bbias|among|thereof|이\s*중|그\s*중", re.I)


def _label(rows, number: int) -> str:
    return next((cs[0][0] for n, cs in rows if n == number and cs), "")


def _value(text: str) -> Fraction:
    f = _figure(text)
    return f.value if f is not None else Fraction(0)
