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

NEEDS = ("(", "=", "→", "->", "=>", "즉")
_STYLES = ("korean", "suffix", "word", "grouped")
# the count's word between the figure and its restatement: "218,365,952 MACs (약 2.2억)"
_WORD = r"\s*(?:개의?|번|회|(?<![A-Za-z])(?:MACs?|FLOPs?|Mult-Adds|params|parameters)(?![A-Za-z]))?"
_BETWEEN = re.compile(_WORD + r"\s*\(\s*(?P<about>약|about|around|approx\.?|~|≈)?\s*$", re.I)
_AFTER = re.compile(r"^\s*(?:개)?\s*\)")
# the same figure after '=' or 즉 ("62,378,344개 = 약 6,238만 개"), held as a bracket is
_SAID = re.compile(_WORD + r"\s*(?:=|,?\s*즉)\s*(?P<about>약|about|around|~|≈)?\s*$", re.I)
# after an arrow the figure may become another ("138M → 500만으로 줄었다"): only a slip of
# its scale (the same digits, a power of ten apart) is judged wrong, agreement right
_ARROW = re.compile(_WORD + r"\s*(?:→|->|=>|⇒)\s*(?P<about>약|about|around|~|≈)?\s*$", re.I)
_CHANGED = re.compile(r"^\s*개?\s*(?:으로|로)\s*(?:줄|감소|늘|증가|바뀌|변|떨어|축소)|"
                      r"reduc|drop|cut|shr[iu]nk|grow|increas|decreas", re.I)
_BYTES = re.compile(r"[0-9.,]\s*[KMGT]?i?B(?:ytes?)?\b|byte|바이트|bit|비트", re.I)
_SLIPS = tuple(Fraction(10) ** k for k in (-4, -3, -2, -1, 1, 2, 3, 4))
_ABOUT_BEFORE = re.compile(r"(?:약|about|around|approximately|~|≈)\s*$", re.I)
ROUGH = Fraction(5, 100)


def _scaled(tok: Token) -> bool:
    n = tok.num
    return n is not None and n.style in _STYLES and (n.unit > 1 or n.style == "grouped") \
        and n.value >= 1000


def _slack(x, y, f: Fraction, between: re.Match) -> Fraction:
    """How far ``y`` may be from ``x`` written at ``f`` times its scale."""
    slack = max(x.precision * f, y.precision)
    return max(slack, ROUGH * y.value) if between.group("about") else slack


def check_line(number: int, masked: str, tokens: list[Token]) -> list[Claim]:
    nums = [t for t in tokens if t.kind == "NUM"]
    out: list[Claim] = []
    # a figure that ends a calculation (``25,088 × 4,096 + 4,096 = 1억 276만``) is an operand,
    # not a figure restated after its '='
    operand = {id(b) for a, b in zip(tokens, tokens[1:]) if a.kind in ("OP", "RP")}
    operand = _Ids(operand)
    for a, b in zip(nums, nums[1:]):
        if a.num is not None and b.num is not None and a.num.style == b.num.style == "bytes":
            out.extend(_bytes(number, masked, a, b, a in operand))
            continue
        if not (_scaled(a) and _scaled(b)) or a.num.style == b.num.style:
            continue
        between = _BETWEEN.fullmatch(masked, a.end, b.start)
        if (between is None or not _AFTER.match(masked[b.end:])) and a not in operand:
            between = _SAID.fullmatch(masked, a.end, b.start)
        arrow = None
        if between is None and a not in operand:
            between = arrow = _ARROW.fullmatch(masked, a.end, b.start)
        if between is None or _BYTES.search(masked[max(0, a.start - 2):b.end + 8]):
            continue
        x, y = a.num, b.num
        slack = max(x.precision, y.precision)
        if between.group("about") or _ABOUT_BEFORE.search(masked[:a.start]):
            slack = max(slack, ROUGH * max(x.value, y.value))
        text = f"{a.text} = {b.text}"
        if arrow is not None and abs(x.value - y.value) > slack and (
                _CHANGED.search(masked[b.end:]) or
                not any(abs(x.value * f - y.value) <= _slack(x, y, f, between)
                        for f in _SLIPS)):
            continue  # become another figure, not the same one with its scale slipped
        if abs(x.value - y.value) <= slack:
            out.append(Claim(number, text, "arithmetic", b.text, float(x.value), "right",
                             "one figure in two notations", confidence=0.9))
        else:
            out.append(Claim(number, text, "arithmetic", b.text, float(x.value), "wrong",
                             f"{a.text} is {float(x.value):,.0f}, {b.text} is "
                             f"{float(y.value):,.0f}: one figure written twice, two values",
                             confidence=0.9))
    return out


class _Ids(set):
    def __contains__(self, tok) -> bool:
        return set.__contains__(self, id(tok))


# "411,041,792 byte → 약 392MB", "12,845,056 byte로 약 12.8MB": a count of bytes written
# again in a unit of bytes (an '=' is the arithmetic's)
_BYTES_TO = re.compile(r"\s*(?:→|->|=>|⇒|로|으로|,?\s*즉|\()\s*(?P<about>약|about|around|~|≈)?\s*$",
                       re.I)


def _bytes(number: int, masked: str, a: Token, b: Token, operand: bool) -> list[Claim]:
    """A byte count restated in KB/MB/GB: right in either convention (10^3 or 2^10 a
    step), wrong only where it is a power of ten off both (its scale slipped)."""
    x, y = a.num, b.num
    between = _BYTES_TO.fullmatch(masked, a.end, b.start)
    if operand or between is None or x.unit != 1 or y.unit < 1000 or x.value < 1000:
        return []
    step = len(str(y.unit)) - 1  # 10^3 -> 1, 10^6 -> 2 (MiB's unit is 2^20: its own)
    values = {y.value}
    if y.unit == 10 ** step and step % 3 == 0:
        values.add(y.value / y.unit * 2 ** (10 * step // 3))
    slack = max(y.precision, ROUGH * y.value if between.group("about") else 0)
    text = f"{a.text} = {b.text}"
    if any(abs(x.value - v) <= slack for v in values):
        return [Claim(number, text, "arithmetic", b.text, float(x.value), "right",
                      "one count of bytes in two units", confidence=0.9)]
    if not any(abs(x.value * f - v) <= max(slack, y.precision) for f in _SLIPS for v in values):
        return []
    return [Claim(number, text, "arithmetic", b.text, float(x.value), "wrong",
                  f"{a.text} is {float(x.value) / 1e6:,.1f} MB ({float(x.value) / 2 ** 20:,.1f} "
                  f"MiB), not {b.text}: its scale slipped", confidence=0.9)]
