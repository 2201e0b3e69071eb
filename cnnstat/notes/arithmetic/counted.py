"""A calculation after a count of the things it is one of: ``2 convs of 3x3x64x64 =
2 × 36,864 = 73,728``, ``three layers of 3*3*C*C = 27C²``. The first side is one of them;
the side after it, the count times the first, is all of them. ``arith`` then judges the
calculation from its second side on (or, with no side after, not at all): the first
side is no wrong figure for the total, nor the total a wrong one for the first."""

from __future__ import annotations

import re

from cnnstat.notes.reading.grammar import value
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numerals import Refused

_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "twelve": 12, "sixteen": 16}
_OF = re.compile(r"(?i)of|with|at")


def count_before(tokens: list[Token], i: int) -> int | None:
    """The count in ``<count> <word> of`` (one to two words) right before token ``i``."""
    k = i - 1
    if k < 1 or tokens[k].kind != "WORD" or not _OF.fullmatch(tokens[k].text):
        return None
    k -= 1
    words = 0
    while k >= 0 and tokens[k].kind == "WORD" and words < 2 and \
            tokens[k].text.lower() not in _WORDS:
        k, words = k - 1, words + 1
    if not words or k < 0:
        return None
    t = tokens[k]
    if t.kind == "NUM":
        try:
            n = int(t.text)
        except ValueError:
            return None
    else:
        n = _WORDS.get(t.text.lower())
    return n if n and 1 < n <= 64 else None


def one_of(tokens: list[Token], i: int, trees: list) -> bool:
    """Whether the first side is one of a count written before the run and the second
    side is the count times it."""
    n = count_before(tokens, i)
    if n is None or len(trees) < 2:
        return False
    try:
        first, second = value(trees[0]), value(trees[1])
    except (Refused, ZeroDivisionError, TypeError):
        return False
    return bool(first) and second == n * first
