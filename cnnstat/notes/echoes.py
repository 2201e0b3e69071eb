"""A figure judged wrong on one line, repeated on another as "X not Y" (or "X, instead of
Y"): the repeat asserts the same wrong figure against the right one, and is judged the same.
Read only after every other reader, from the wrong claims they found; "Y not X", the right
figure against the wrong one, is judged right.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_NUM = r"\d{1,3}(?:[,_]\d{3})+|\d+"
_NOT = re.compile(rf"(?<![\w.,])(?P<x>{_NUM})(?![\w.,]\d)\s*[,.;]?\s*"
                  rf"(?:not|instead of|rather than)\s+(?P<y>{_NUM})(?![\w]|[.,]\d)", re.I)
MIN_DIGITS = 3  # a pair of short figures (2 not 3) is too likely to be a coincidence


def _value(text: str) -> int:
    return int(text.replace(",", "").replace("_", ""))


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(_NUM, value.strip()):
        return _value(value.strip())
    return None


def check(lines: list[tuple[int, str]], claims: list[Claim]) -> list[Claim]:
    """Claims for the lines (number, masked text) that repeat a wrong pair as X not Y."""
    pairs: dict[tuple[int, int], Claim] = {}
    for c in claims:
        if c.verdict != "wrong":
            continue
        x, y = _as_int(c.claimed), _as_int(c.actual)
        if x is not None and y is not None and x != y and min(x, y) >= 10 ** (MIN_DIGITS - 1):
            pairs.setdefault((x, y), c)
    if not pairs:
        return []
    judged = {c.line for c in claims if c.verdict == "wrong"}
    out: list[Claim] = []
    for number, text in lines:
        if number in judged:
            continue
        for m in _NOT.finditer(text):
            x, y = _value(m.group("x")), _value(m.group("y"))
            source = pairs.get((x, y)) or pairs.get((y, x))
            if source is None:
                continue
            right = (y, x) in pairs
            out.append(Claim(number, m.group(0), source.kind, m.group("x"), source.actual,
                             "right" if right else "wrong",
                             f"line {source.line} works it out: {source.actual:,}"
                             if isinstance(source.actual, int) else
                             f"line {source.line} works it out: {source.actual}"))
    return out
