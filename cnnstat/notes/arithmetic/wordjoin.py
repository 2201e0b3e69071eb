"""``784·128 + 128 = 100,480 plus 128·10 + 10 = 1,290``: a word that adds (``plus``,
``더하기``) between a result and a calculation with its own ``=`` may join two equations
(the first layer's count, plus the second's) rather than run one chain on; so may a word
that multiplies (``224·224·3 = 150,528 inputs times 224·224·64 = 3,211,264 outputs``: the
second ``=`` is the second product's, not the two counts' product). The line is
read both ways: where the chain is wrong and the two equations, read apart, are each
right, the word joined them; otherwise the chain stands (``27 plus 1 = 28``, a sum run on,
is one chain either way; ``= 100,480 plus 1,290 = 101,770`` too)."""

from __future__ import annotations

import re
from typing import Callable

from cnnstat.notes.reading.normalise import Token

JOINS = frozenset({"plus", "더하기", "times", "곱하기"})


def _joins(raw: str, t: Token) -> bool:
    """The word, read as ``+`` or ``×`` (an ``OP``), or left a word where a unit stands
    before it (``150,528 inputs times 224·224·64 = 3,211,264``: the units' reader reads it
    as a product)."""
    return t.kind in ("OP", "WORD") and raw[t.start:t.end].lower() in JOINS


def joined(raw: str, tokens: list[Token]) -> bool:
    return any(_joins(raw, t) for t in tokens)


def settle(number: int, raw: str, tokens: list[Token], check: Callable):
    """``check``'s reading of the line, or the one with each joining word read as a
    break between two equations where that one judges every figure the chain judged, each
    right, and the chain does not (``27 plus 1 = 29`` stays wrong: apart, 29 is no one's)."""
    got = check(number, raw, tokens)
    if not any(c.verdict == "wrong" for c in got[0]):
        return got
    apart = [t._replace(kind="OTHER", text=";") if _joins(raw, t) else t for t in tokens]
    other = check(number, raw, apart)
    judged = {_first(c.claimed) for c in other[0]}
    if other[0] and all(c.verdict == "right" for c in other[0]) and \
            all(_first(c.claimed) in judged for c in got[0]):
        return other  # each figure the chain judged, judged right apart
    return got


def _first(claimed: str) -> str:
    """The first figure of a stated side (``100,480 plus 128·10 + 10``: 100,480)."""
    m = re.search(r"[0-9][0-9,.]*", claimed)
    return m.group(0) if m else claimed
