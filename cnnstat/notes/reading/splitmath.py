"""A calculation that inline math splits around its unit, joined back for the scan."""

from __future__ import annotations

import re

# a calculation inline math splits around its unit: "¦3 \\times 3 \\times 64¦ weights ¦= 576¦"
_SPLIT_MATH = re.compile(r"(?<=[0-9])¦(\s{0,3}[A-Za-z가-힣]{1,12}(?:\s[A-Za-z가-힣]{1,12})?\s{0,3})¦"
                         r"(?=\s*(?:=|≈|~|\\approx(?![A-Za-z]))\s*[0-9])")


def joined_math(s: str) -> str:
    """A calculation that inline math splits around its unit (``$3 \\times 3 \\times 64$
    weights $= 576$``, ``$12 \\times 8$ bytes $= 86$ bytes``): the two delimiters (``¦``)
    around the unit word between a figure and the next segment's relation (``=``, ``≈``)
    become spaces after the word (the line as long; the figures where they were, so a
    fix edits the raw line), and the line reads as plain text does (``12 x 8 bytes =
    86``). Elsewhere they keep inline math apart from its words."""
    return _SPLIT_MATH.sub(lambda m: _unit_first(m.group(1)), s)


def _unit_first(spaced: str) -> str:
    """A unit word and the two delimiters' room: one space, the word, the rest after."""
    word = " ".join(spaced.split())
    return " " + word + " " * (len(spaced) + 1 - len(word))
