"""The scale and unit of an arithmetic result: ``= 3.6 GFLOPs`` after a calculation in
billions, ``/ 1024² = 527.79 MiB``, ``= 742.34 MB`` as a label on a unitless sum, and the
rounding an operand such as ``138M`` carries into the result. ``arith`` asks; the
figures compared are decided here.
"""

from __future__ import annotations

import math
import re

from fractions import Fraction

from cnnstat.notes.reading.grammar import value
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees
from cnnstat.notes.reading.numerals import SUFFIXES, Number, Refused
from cnnstat.notes.reading.powers import power_in, ten_to


# "= 3.6 GFLOPs", "= 25.6 Mparams": a scale glued to the unit word after a result
_PREFIX = re.compile(r"\s*([kKMGT])(?:FLOPS?|FLOPs?|flops|MACs?|Macs?|MMACs?|ops|OPs|OPS|"
                     r"params?)\b")
_SCALES = {**SUFFIXES, "T": 10**12}


def prefixed(raw: str, tok: Token, num: Number, expr: list[Token],
             actual: Fraction | None = None) -> Number:
    """The result as scaled by a prefix glued to its unit word, where the calculation's
    own operands are scaled (``2 x 1.8G = 3.6 GFLOPs``): 3.6 billion, not 3.6; or where,
    scaled, it is the calculation's value to the digits written (``2 * 4096 * 2*10^9 =
    16.384 TOPS``: the operands unscaled, the count is in units; unscaled it would be a
    figure already in the prefix's units, as ``3 x 1.2 = 3.6 GFLOPs`` is)."""
    m = _PREFIX.match(raw, tok.end)
    small = _LOWER_SCALE.match(raw, tok.end)  # "= 10.0 m (1천만)", "= 2.4m"
    if num.unit != 1 or num.style != "plain":
        return num
    if small is not None and num.decimals:
        k = _LOWER[small.group(1)]
    elif m is None:
        return num
    else:
        k = _SCALES[m.group(1)]
        scaled = num._replace(value=num.value * k, unit=k, precision=num.precision * k)
        if not any(t.kind == "NUM" and t.num.unit > 1 for t in expr):
            if actual is None or not actual or agrees(actual, num) or not num.value:
                return num
            # agreeing scaled, or nearer so (its "wrong" then shows 12.288 TOPS, not 12.3e12)
            return scaled if agrees(actual, scaled) or abs(_log_ratio(abs(actual), abs(
                scaled.value))) < abs(_log_ratio(abs(actual), abs(num.value))) else num
    return num._replace(value=num.value * k, unit=k, precision=num.precision * k)


# a lower-case scale letter after a result with decimals, standing alone: thousand,
# million, billion (written for the M of the calculation's millions)
_LOWER_SCALE = re.compile(r" ?([kmb])(?![\w.])")
_LOWER = {"k": 10**3, "m": 10**6, "b": 10**9}


def in_unit(tree, claimed: Number) -> Number:
    """``138,357,544 × 4 / 1024² = 527.79 MiB``: a calculation that divides by the byte
    unit itself (or its binary or decimal twin: a MiB written MB) states the number in
    that unit; the claimed figure is compared as the number written."""
    if claimed.style != "bytes" or claimed.unit <= 1:
        return claimed
    k = next((k for k in range(1, 5) if claimed.unit in (10**(3 * k), 2**(10 * k))), None)
    if k is None or not _divides_by(tree, {10**(3 * k), 2**(10 * k)}):
        return claimed
    return claimed._replace(value=claimed.value / claimed.unit, style="plain", unit=1,
                            precision=claimed.precision / claimed.unit)


def as_label(expr: list[Token], tree, actual: Fraction, claimed: Number,
              approx: bool) -> tuple[Number, Fraction] | None:
    """``(4.06 * 128) + 218.27 + 4.39 = 742.34 MB``: where the calculation carries no unit
    of its own (no operand is scaled or in bytes), a unit written after its result labels
    the result: the figure is read as the number written when that reading agrees, or
    when it is the nearer of the two (``6 x 10 = 60M`` read as 60 million still agrees
    as a scaled figure). A count scale after a division by 1024s (``49326872/1024/1024 =
    47.04M params``) is no label: a million is 10^6, and the figure is judged as the count
    the calculation divided. Returns the figure to compare and the value it states; None
    where the result's unit may convert the calculation's (``... = 0.74 GB`` after a sum
    of MB figures): unsure."""
    if claimed.unit <= 1 or any(t.kind == "NUM" and (t.num.unit != 1 or t.num.style == "bytes")
                                for t in expr):
        return claimed, actual
    if claimed.style != "bytes":
        k = next((k for k in range(1, 5) if claimed.unit == 10 ** (3 * k)), None)
        if k is not None and _divides_by(tree, {2 ** (10 * k)}):
            return claimed, actual * 2 ** (10 * k)
    bare = claimed._replace(value=claimed.value / claimed.unit, style="plain", unit=1,
                            precision=claimed.precision / claimed.unit)
    exact = not approx
    if agrees(actual, claimed if exact else rounded(claimed), exact=exact):
        return claimed, actual
    if agrees(actual, bare if exact else rounded(bare), exact=exact):
        return bare, actual
    for f in (1000, 1024, 1000 ** 2, 1024 ** 2):
        if any(agrees(v, bare if exact else rounded(bare)) for v in (actual / f, actual * f)):
            return None
    # neither agrees: the reading nearer the calculation's value is the one it is judged by
    # (its "wrong" then shows the number a reader expects, never "0.00 MB")
    a, scaled, label_ = abs(actual), abs(claimed.value), abs(bare.value)
    if a and scaled and label_ and abs(_log_ratio(a, label_)) < abs(_log_ratio(a, scaled)):
        return bare, actual
    return claimed, actual


def _log_ratio(a: Fraction, b: Fraction) -> float:
    return math.log(float(a)) - math.log(float(b))


def _divides_by(tree, units: set[int]) -> bool:
    """Does ``tree`` end by dividing by one of ``units`` (``/ 1024²``, ``/ 1024 / 1024``,
    ``/ 10^6``)?"""
    divisor = 1
    while tree.op in ("div", "frac", "paren"):
        if tree.op == "paren":
            tree = tree.args[0]
            continue
        try:
            divisor *= value(tree.args[1])
        except Refused:
            return False
        if divisor in units:
            return True
        tree = tree.args[0]
    return False


def rounded(claimed: Number) -> Number:
    """``≈ 3000``, ``~1억 300만``: an approximate whole number is stated to its last
    non-zero digit."""
    v = claimed.value
    # "~1억 300만", "~60M": the trailing zeros of a scaled figure are not digits either
    if v.denominator != 1 or v == 0 or claimed.decimals or \
            claimed.precision.denominator != 1:
        return claimed
    step = int(claimed.precision)
    while int(v) % (step * 10) == 0:
        step *= 10
    return claimed._replace(precision=Fraction(step))


def _leaves(tree) -> tuple[list, set]:
    """A calculation's numbers and the operations that join them."""
    nums: list = []
    ops: set = set()

    def walk(node) -> None:
        if node.op == "num":
            nums.append(node.num)
        else:
            ops.add(node.op)
            for a in node.args:
                walk(a)

    walk(tree)
    return nums, ops


def rounding(tree) -> Fraction | None:
    """None when every operand is exact; else the relative error the rounded operands
    (``138M``, ``3.2M``) can carry into a product or quotient (first order), or -1 when
    they are added or subtracted (no simple bound)."""
    nums, ops = _leaves(tree)
    rounded = [n for n in nums if n.unit > 1 and n.precision > 1]
    if not rounded:
        return None
    if ops - {"mul", "div", "paren", "frac"}:
        return Fraction(-1)
    return sum((n.precision / abs(n.value) for n in rounded if n.value), Fraction(0))


def interval(tree, decimals: bool = False) -> tuple[Fraction, Fraction] | None:
    """The least and greatest values a calculation can take when each rounded operand
    (``117.6k``, ``240k``: a scale written after it) may be off by a whole unit of its last
    digit (cut, not rounded), or by half the tens its zeros stand for (``240k``), the
    others exact: sums and differences included (``117.6k + 240k + 20*84``).
    None for an operation it does not bound (a floor, a power, a division by a range
    holding 0). ``decimals``: an operand written with decimals (``1/0.11892``, ``0.0039 +
    0.1111``: a quotient rounded on the way) may be off by a unit of its last digit too."""
    op = tree.op
    if op == "num":
        n = tree.num
        e = n.precision if n.unit > 1 and n.precision > 1 else \
            n.precision if decimals and n.decimals and n.unit == 1 else Fraction(0)
        if e > n.unit:  # "240k": the zeros say it was rounded to its tens, by half of them
            e /= 2
        return n.value - e, n.value + e
    if op == "paren":
        return interval(tree.args[0], decimals)
    if op == "neg":
        got = interval(tree.args[0], decimals)
        return None if got is None else (-got[1], -got[0])
    if op not in ("add", "sub", "mul", "div", "frac"):
        return None
    a, b = interval(tree.args[0], decimals), interval(tree.args[1], decimals)
    if a is None or b is None:
        return None
    if op == "add":
        return a[0] + b[0], a[1] + b[1]
    if op == "sub":
        return a[0] - b[1], a[1] - b[0]
    if op == "mul":
        ends = [x * y for x in a for y in b]
        return min(ends), max(ends)
    if b[0] <= 0 <= b[1]:
        return None
    ends = [x / y for x in a for y in b]
    return min(ends), max(ends)


def _notation(num) -> str:
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]{1,2}", num.text):
        return "sci"
    return "scaled" if num.unit != 1 else "digits"


def converted(number: int, text: str, trees, scientific_side: bool = False):
    """A figure written again in another notation, ``1M = 10e6``, ``1.2B = 1,200M``,
    ``2.5e3 = 2,500``: two bare figures of different notations (a scale, scientific,
    digits), right where either states the other to its own precision. Two figures of one
    notation (``28 = 28``, a label's) are not read; a side written as a product in
    scientific notation (``15,470,264,320 ≈ 15.5 × 10^9``, ``scientific_side``) is one."""
    from cnnstat.notes.claims import Claim

    if len(trees) != 2 or any(t.op != "num" for t in trees):
        return None
    a, b = trees[0].num, trees[1].num
    if not scientific_side and (_notation(a) == _notation(b) or
                                "sci" not in (_notation(a), _notation(b))):
        return None
    ok = agrees(a.value, b) or agrees(b.value, a)
    return Claim(number, text, "arithmetic", b.text, _plain_value(a.value),
                 "right" if ok else "wrong",
                 f"{a.text} is {_plain_value(a.value)}; {b.text} is {_plain_value(b.value)}")


def _plain_value(v: Fraction) -> str:
    return f"{int(v):,}" if v.denominator == 1 else f"{float(v):g}"


def scientific(tree, raw: str, start: int, end: int, approx: bool = False):
    """A side written in scientific notation as a product, ``4.6 × 10^8``, ``1.5 \\times
    10^{10}``, a mantissa with a decimal point or after an approximate sign (``≈ 5 ×
    10^8``): one figure, precise to its mantissa's last digit (``≈ 4.6 × 10^8`` for
    462,422,016 is right), not a product judged exactly. None for any other side. The
    power is read by ``reading.powers``; which powers are one figure here is decided here."""
    got = power_in(tree)
    if got is None:
        return None
    m, e = got
    if not 1 <= e <= 30 or m.unit != 1 or not (m.decimals or approx):
        return None  # "= 5 x 10^3": a whole mantissa may be a calculation's operand
    plain = Number(m.value, m.precision, "", "plain", decimals=m.decimals)
    return ten_to(plain, e, raw[start:end])


def decimal_spread(tree) -> Fraction | None:
    """The relative error a product or quotient carries when each operand written with
    decimals (``57.7``, a rounded 57.744) may be off by half its last digit: for a result
    stated with ``≈``, where the writer rounded an operand before multiplying. None where
    no operand has decimals or the tree adds or subtracts."""
    nums, ops = _leaves(tree)
    decimal = [n for n in nums if n.decimals and n.value]
    if not decimal or ops - {"mul", "div", "paren", "frac"}:
        return None
    return sum((n.precision / 2 / abs(n.value) for n in decimal), Fraction(0))
