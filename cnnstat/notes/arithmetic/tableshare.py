"""A table's column of shares, each row's figure as a percent of the total::

    | Layer     | Parameters     | Share   |
    | conv1     | 1,792          | 0.6%    |
    | fc1       | 295,040        | 99.4%   |   <- 295,040 / 296,832 = 99.396%: right
    | **Total** | **296,832**    | 100%    |

A column whose cells are each a percent (``12.5%``, ``0.004 %``) beside a column whose
cells are each a whole figure (empty, ``-`` or ``0`` for a layer without one) is a share
column where the total is known without doubt: a total row (``Total``, ``합계``) whose
figure is the column's sum as written, or, with no total row, shares that add up to 100
(each as written, within their precision). Each share is judged against its row's figure
over that total, to the precision it was written with (rounded or cut). Two figure columns
(parameters and FLOPs) are read only where the share's header names one of them. A share
written as a bound (``<0.01%``, ``~0%``) is not judged, nor a column of accuracies or
error rates (``Top-1``, ``정확도``) beside the counts.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.numbers import agrees, plain, write_like
from cnnstat.notes.reading.numerals import Refused, read_number

NEEDS = ("%",)
CONFIDENCE = 0.9  # the total is the column's own; a share of another total would differ
_TOTAL = re.compile(r"^[*_\s]*(?:total|합계|총계|총합|총|전체)[*_\s:]*$", re.I)
_EMPTY = re.compile(r"^[*_\s]*(?:-+|—|–|0)?[*_\s]*$")
_SEPARATOR = re.compile(r":?-{1,}:?|")
_PERCENT = re.compile(r"^[*_\s]*([0-9]{1,3}(?:\.[0-9]{1,6})?)\s*%[*_\s]*$")
_RATE = re.compile(r"acc|top-?\s?[15]|error|err\b|map\b|miou|iou|f1|recall|precision|정확도|"
                   r"오차|오류|에러|정밀", re.I)
_QUANTITY = {"param": ("param", "파라미터", "weight", "가중치"),
             "flop": ("flop", "mac", "연산"), "memory": ("memory", "mb", "메모리", "byte")}


def _figure(cell: str):
    text = cell.strip().strip("*_ ").strip()
    if not text[:1].isdigit():
        return None
    try:
        got = read_number(text, 0)
    except Refused:
        return None
    if got is None or got[1] != len(text) or got[0].unit != 1 or \
            got[0].value.denominator != 1:
        return None
    return got[0]


def _share(cell: str):
    m = _PERCENT.match(cell)
    if m is None:
        return None
    got = read_number(m.group(1), 0)
    return (got[0], m.start(1)) if got is not None and got[1] == len(m.group(1)) else None


def _quantity(header: str) -> str | None:
    low = header.lower()
    found = [q for q, words in _QUANTITY.items() if any(w in low for w in words)]
    return found[0] if len(found) == 1 else None


def check(rows: list[tuple[int, list[tuple[str, int, int]]]]) -> list[Claim]:
    """``rows``: the table as (line, cells), its header first."""
    if len(rows) < 3:
        return []
    head = [c for c, _, _ in rows[0][1]]
    body = [(n, cs) for n, cs in rows[1:]
            if not all(_SEPARATOR.fullmatch(c.strip()) for c, _, _ in cs)]
    total = [(n, cs) for n, cs in body if cs and _TOTAL.match(cs[0][0])]
    parts = [(n, cs) for n, cs in body if not (cs and _TOTAL.match(cs[0][0]))]
    if len(total) > 1 or len(parts) < 2 or any(len(cs) != len(head) for _, cs in body):
        return []
    shares = [j for j in range(1, len(head))
              if all(_share(cs[j][0]) is not None for _, cs in parts)]
    figures = [j for j in range(1, len(head)) if j not in shares and
               all(_figure(cs[j][0]) is not None or _EMPTY.match(cs[j][0]) for _, cs in parts)
               and sum(_figure(cs[j][0]) is not None for _, cs in parts) >= 2]
    if len(shares) != 1 or not figures or _RATE.search(head[shares[0]]):
        return []  # an accuracy or an error rate beside a count is no share of it
    col = shares[0]
    if len(figures) > 1:
        want = _quantity(head[col])
        figures = [j for j in figures if want is not None and _quantity(head[j]) == want]
        if len(figures) != 1:
            return []
    fig = figures[0]
    values = [(_figure(cs[fig][0]) or None) for _, cs in parts]
    whole = sum((v.value for v in values if v is not None), Fraction(0))
    if whole == 0:
        return []
    if total:
        stated = _figure(total[0][1][fig][0])
        if stated is None or stated.value != whole:
            return []  # a total that is not the rows' sum: which one the shares are of?
        how = f"of the total on line {total[0][0]}, {plain(whole)}"
    else:
        written = [_share(cs[col][0])[0] for _, cs in parts]
        slack = sum((s.precision for s in written), Fraction(0))
        if abs(sum((s.value for s in written), Fraction(0)) - 100) > slack:
            return []  # the shares add up to no whole: of what total, unknown
        how = f"of the rows' sum, {plain(whole)}"
    out = []
    for (number, cs), v in zip(parts, values):
        share, lead = _share(cs[col][0])
        actual = (v.value if v is not None else Fraction(0)) * 100 / whole
        shown_actual = float(round(actual, 6))
        text = f"{cs[0][0].strip(' *_')}: {share.text}%"
        detail = f"{plain(v.value if v is not None else 0)} {how}"
        if agrees(actual, share):
            out.append(Claim(number, text, "arithmetic", share.text, shown_actual, "right",
                             detail, confidence=CONFIDENCE))
            continue
        shown = write_like(actual, share)
        start = cs[col][1] + lead
        out.append(Claim(number, text, "arithmetic", share.text, shown_actual, "wrong",
                         f"{detail} is {plain(actual)}%, not {share.text}%",
                         (Edit(number, start, start + len(share.text), shown),), shown,
                         CONFIDENCE))
    return out
