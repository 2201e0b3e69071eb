"""A table's column of changes between two figure columns::

    | Metric   | Baseline | Enhanced | Improvement |
    | Features | 1        | 7        | +700%       |   <- (7 - 1)/1 = +600%: wrong
    | Accuracy | 79%      | 85%      | +6%         |   <- points (85 - 79), or relative

A column headed as a change (improvement, change, increase, gain, growth, difference,
delta, Δ, 증가, 변화, 개선, 향상, 차이) whose cells are each a signed percent (``+600%``) or a
factor (``7x``, ``×7``), right of exactly two figure columns (before, then after): each
row's change is judged against ``(after - before)/before`` (a factor: ``after/before``),
to the precision written. Where both figures are percentages the change may be in
points: either reading makes it right. A range (``85-95%``), a bound (``~``, ``<``), a
figure of another unit, or a row whose before is 0 is not judged.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Refused, read_number

NEEDS = ("%", "x", "×", "배")
CONFIDENCE = 0.8  # which columns are before and after is read from their order
_HEAD = re.compile(r"improv|change|increase|gain|growth|differ|delta|Δ|\bdiff\b|증가|변화|개선|"
                   r"향상|차이|상승", re.I)
_CHANGE = re.compile(r"^[*_\s]*(?P<sign>[+-]|[−–])?\s*(?P<n>[0-9]{1,5}(?:\.[0-9]{1,4})?)\s*"
                     r"(?P<unit>%|[x×]|배|%p|pp|p\.p\.)[*_\s]*$", re.I)
_FIGURE = re.compile(r"^[*_\s]*(?P<n>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
                     r"\s*(?P<pct>%)?[*_\s]*$")
_SEPARATOR = re.compile(r":?-{1,}:?|")


def _number(text: str):
    try:
        got = read_number(text, 0)
    except Refused:
        return None
    return got[0] if got is not None and got[1] == len(text) else None


def _figure(cell: str):
    m = _FIGURE.match(cell)
    if m is None:
        return None
    n = _number(m.group("n"))
    return None if n is None else (n.value, bool(m.group("pct")))


def check(rows: list[tuple[int, list[tuple[str, int, int]]]]) -> list[Claim]:
    """``rows``: the table as (line, cells), its header first."""
    if len(rows) < 2:
        return []
    head = [c for c, _, _ in rows[0][1]]
    body = [(n, cs) for n, cs in rows[1:] if len(cs) == len(head) and
            not all(_SEPARATOR.fullmatch(c.strip()) for c, _, _ in cs)]
    # the change column: headed as one, a change in most of its cells ("개선 후" is not)
    cols = [j for j, h in enumerate(head) if _HEAD.search(h) and
            sum(bool(_CHANGE.match(cs[j][0])) for _, cs in body) * 2 >= len(body) > 0]
    if len(cols) != 1 or cols[0] < 2:
        return []
    col = cols[0]
    # the two figure columns: those left of the change holding a figure in most rows
    figs = [j for j in range(col) if sum(_figure(cs[j][0]) is not None for _, cs in body)
            * 2 >= len(body)]
    if len(figs) != 2 or len(body) < 1:
        return []
    a_col, b_col = figs
    out = []
    for number, cs in body:
        a, b = _figure(cs[a_col][0]), _figure(cs[b_col][0])
        m = _CHANGE.match(cs[col][0])
        if a is None or b is None or m is None or a[0] == 0 or a[1] != b[1]:
            continue
        said = _number(m.group("n"))
        if said is None:
            continue
        unit = m.group("unit").lower()
        negative = m.group("sign") in ("-", "−", "–")
        got = _judge(a[0], b[0], said, unit, negative if m.group("sign") else None, a[1])
        if got is None:
            continue
        ok, want, how = got
        text = f"{cs[0][0].strip(' *_')}: {cs[col][0].strip(' *_')}"
        out.append(Claim(number, text, "arithmetic", cs[col][0].strip(" *_"), want,
                         "right" if ok else "wrong", how, (), "" if ok else want,
                         confidence=CONFIDENCE))
    return out


def _judge(a: Fraction, b: Fraction, said, unit: str, negative: bool | None,
           percents: bool):
    """(right?, the figure as it should be written, how) for one row; None where the
    change's unit does not fit the figures (points between counts). ``negative`` None: no
    sign written, the size of the change alone is judged."""
    value = -said.value if negative else said.value
    if unit in ("x", "×", "배"):
        ratio = b / a
        ok = agrees(ratio, said) and not negative
        return ok, f"{plain(round(ratio, 2))}x", f"{plain(b)} / {plain(a)} = {plain(ratio)}"
    relative = (b - a) * 100 / a
    readings = [relative]
    if percents:
        readings.append(b - a)  # points between two percentages
    elif unit != "%":
        return None  # "%p" between counts
    if unit in ("%p", "pp"):
        readings = [b - a]  # points, said so
    elif negative is None:
        readings.append(b * 100 / a)  # no sign: "(25%)" may be the share that is left
    ok = any(_agrees(r, value, said, negative is not None) for r in readings)
    how = f"({plain(b)} - {plain(a)}) / {plain(a)} = {plain(round(relative, 4))}%"
    if percents:
        how += f", or {plain(b - a)} points"
    sign = "+" if relative >= 0 else "-"
    return ok, f"{sign}{plain(round(abs(relative), 2))}%", how


def _agrees(actual: Fraction, value: Fraction, said, signed: bool) -> bool:
    if signed and (actual < 0) != (value < 0) and actual != 0:
        return False
    return agrees(abs(actual), said)


# "1 → 7 (+600%)", "79% -> 85% (+6%p)", "from 3 to 12 (+300%)", "3 → 12, 4x": a change in prose
_NUMBER = r"([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(%)?"
_ARROW = re.compile(r"(?<![\w.,])" + _NUMBER + r"\s*(?:→|->|⟶|\bto\b)\s*" + _NUMBER +
                    r"\s*\(\s*(?P<sign>[+-]|[−–])?\s*(?P<n>[0-9]{1,5}(?:\.[0-9]{1,4})?)"
                    r"\s*(?P<unit>%p|pp|%|[x×]|배)\s*\)", re.I)
LINE_NEEDS = ("→", "->", "⟶", " to ")


def check_line(number: int, masked: str) -> list[Claim]:
    """A change stated after the two figures it is between, in a sentence."""
    out = []
    for m in _ARROW.finditer(masked):
        a, b = _number(m.group(1)), _number(m.group(3))
        said = _number(m.group("n"))
        if a is None or b is None or said is None or a.value == 0 or \
                bool(m.group(2)) != bool(m.group(4)):
            continue
        sign = m.group("sign")
        got = _judge(a.value, b.value, said, m.group("unit").lower(),
                     (sign in ("-", "−", "–")) if sign else None, bool(m.group(2)))
        if got is None:
            continue
        ok, want, how = got
        text = " ".join(m.group(0).split())
        out.append(Claim(number, text, "arithmetic", m.group(0)[m.start("n") - m.start():]
                         .strip(), want, "right" if ok else "wrong", how, (),
                         "" if ok else want, confidence=CONFIDENCE))
    return out
