"""One figure written twice, in two notations, the second in brackets right after the
first: ``1억 3800만 개(138M)``, ``138M (1억 3800만 개)``, ``약 2.4M(약 240만)``,
``23,700,000 (23.7M)``, ``60 million (60M)``. The two are one number and must agree;
where they do not (``3억 580만(358M)``: 305.8M against 358M) the pair is wrong, whatever
the figure counts.

Read only where the notations differ (Korean units, a letter scale, a scale word, digit
groups: ``Number.style``), at least one of them is scaled, and nothing but ``개`` and a
word of rounding stands between the figure and its bracket. They agree within one unit
of the coarser precision written (``1억 개(138M)``: the 억 is its precision), widened to
5% after ``약``/``about``/``~``.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.normalise import Token

NEEDS = ("(",)
_STYLES = ("korean", "suffix", "word", "grouped")
_BETWEEN = re.compile(r"\s*(?:개의?)?\s*\(\s*(?P<about>약|about|around|approx\.?|~|≈)?\s*$", re.I)
_AFTER = re.compile(r"^\s*(?:개)?\s*\)")
_ABOUT_BEFORE = re.compile(r"(?:약|about|around|approximately|~|≈)\s*$", re.I)
ROUGH = Fraction(5, 100)


def _scaled(tok: Token) -> bool:
    n = tok.num
    return n is not None and n.style in _STYLES and (n.unit > 1 or n.style == "grouped") \
        and n.value >= 1000


def check_line(number: int, masked: str, tokens: list[Token]) -> list[Claim]:
    nums = [t for t in tokens if t.kind == "NUM"]
    out: list[Claim] = []
    for a, b in zip(nums, nums[1:]):
        if not (_scaled(a) and _scaled(b)) or a.num.style == b.num.style:
            continue
        between = _BETWEEN.fullmatch(masked, a.end, b.start)
        if between is None or not _AFTER.match(masked[b.end:]):
            continue
        x, y = a.num, b.num
        slack = max(x.precision, y.precision)
        if between.group("about") or _ABOUT_BEFORE.search(masked[:a.start]):
            slack = max(slack, ROUGH * max(x.value, y.value))
        text = f"{a.text} = {b.text}"
        if abs(x.value - y.value) <= slack:
            out.append(Claim(number, text, "arithmetic", b.text, float(x.value), "right",
                             "one figure in two notations", confidence=0.9))
        else:
            out.append(Claim(number, text, "arithmetic", b.text, float(x.value), "wrong",
                             f"{a.text} is {float(x.value):,.0f}, {b.text} is "
                             f"{float(y.value):,.0f}: one figure written twice, two values",
                             confidence=0.9))
    return out
