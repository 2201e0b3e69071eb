"""A result written again as its share: ``572 − 388 = 184 = 92 pixels on each side``,
``= 1,200 MB = 150 MB per GPU``, ``= 64 개, 각각 32``. The last side of a chain is the
value divided among equal parts, the parts named after it (``each``, ``per``, ``apiece``,
``씩``); the calculation left the division unwritten. A "wrong" side that the value is a
whole multiple (two or more) of, with such a word a few words after it, is said as unsure
by ``precedence.settle``, never as a mistake.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim

_FIGURE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?(?![0-9])")

# a few words (no number, no sign of a new calculation), then the word of a share
_SHARE_AFTER = re.compile(r"[^0-9=≈+*×/;.\n]{0,40}?(?:\b(?:each|per|apiece|every)\b|씩|각각)",
                          re.I)


def shared_on_line(masked: str, claim: Claim) -> str | None:
    """Why a "wrong" arithmetic ``claim`` may be its value's share: the value is a whole
    multiple of the stated figure, and a word of a share follows it; None otherwise."""
    if claim.verdict != "wrong" or claim.kind != "arithmetic" or not claim.claimed or \
            not claim.edits or isinstance(claim.actual, bool) or \
            not isinstance(claim.actual, (int, float)):
        return None
    figure = _FIGURE.match(claim.claimed.strip())  # the figure as written, its unit aside
    if figure is None or not Fraction(figure.group(0).replace(",", "")):
        return None
    ratio = Fraction(claim.actual).limit_denominator(10**6) / \
        Fraction(figure.group(0).replace(",", ""))
    if ratio.denominator != 1 or ratio < 2:
        return None
    end = claim.edits[0].end
    if not _SHARE_AFTER.match(masked, end):
        return None
    return (f"{claim.claimed} is {claim.actual} divided {ratio} ways, a share the words "
            "after it name (each, per), not the calculation's result")
