"""Comparing and writing numbers: does a stated figure agree with the true value to the
digits it shows (``agrees``), and how is the true value written the way the note wrote
the figure (``write_like``: ``138M``, ``1억 3800만``, ``294,912``).

The notation itself is read elsewhere, each once: numerals in ``numerals``, a line's
tokens in ``normalise`` (the one normalisation pass), expressions in ``grammar``.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from cnnstat.notes.reading.numerals import Number, Refused


def _dec(v: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 80
        return Decimal(v.numerator) / Decimal(v.denominator)


def quantize(v: Fraction, precision: Fraction, mode: str = "nearest") -> Fraction:
    """``v`` in whole multiples of ``precision``: rounded half up, or cut (``down``)."""
    q = v / precision
    whole = Fraction(math.floor(q)) if mode == "down" else Fraction(math.floor(q + Fraction(1, 2)))
    if v < 0 and mode == "down":
        whole = Fraction(math.ceil(q))
    return whole * precision


def agrees(actual: Fraction, claimed: Number, exact: bool = False) -> bool:
    """Does ``claimed`` state ``actual`` within its own precision? ``60M`` states
    60,965,224 (cut after the digits shown); ``110M`` does not state 138,357,544. With
    ``exact`` an integer claim of an integer value must be equal."""
    c = claimed.value
    if exact and actual.denominator == 1 and claimed.precision == 1:
        return actual == c
    p = claimed.precision
    if quantize(actual, p) == c or quantize(actual, p, "down") == c:
        return True
    if claimed.style == "bytes" and claimed.unit in (10**3, 10**6, 10**9, 10**12):
        # "527.8 MB" for 553,430,176 bytes: MiB written MB (torchsummary, many notes)
        k = {10**3: 1, 10**6: 2, 10**9: 3, 10**12: 4}[claimed.unit]
        f = Fraction(2 ** (10 * k), 10 ** (3 * k))
        alt = claimed._replace(value=c * f, precision=p * f, style="plain")
        return agrees(actual, alt)
    return False


def plain(v: Fraction | int, grouped: bool = True) -> str:
    """An exact value for people: 294,912; 14.5; 0.333333."""
    v = Fraction(v)
    if v.denominator == 1:
        return f"{int(v):,}" if grouped else str(int(v))
    with localcontext() as ctx:  # every whole digit and six decimals (past 28: a product
        ctx.prec = 80 + abs(v.numerator).bit_length() // 3  # of huge figures, 10^22 x 0.5)
        d = Decimal(v.numerator) / Decimal(v.denominator)
        text = format(d.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP).normalize(), "f")
    if grouped and abs(v) >= 1000:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def write_like(v: Fraction, like: Number) -> str:
    """``v`` written the way ``like`` was: same scale, same number of decimals."""
    if like.style == "korean":
        return korean(quantize(v, like.precision), like.precision)
    scaled = v / like.unit
    with localcontext() as ctx:
        ctx.prec = 120  # a huge figure to a few decimals needs more digits than 28
        q = _dec(scaled).quantize(Decimal(1).scaleb(-like.decimals), rounding=ROUND_HALF_UP)
    text = format(q, "f")
    if like.style == "grouped" or (like.style in ("suffix", "word") and "," in like.text):
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text + like.unit_text


def korean(v: Fraction, precision: Fraction = Fraction(1)) -> str:
    """250,000,000 -> ``2억 5000만``; 40,000 -> ``4만``; 60,000,000 -> ``6000만``."""
    n = int(v)
    if n < 10**4 or v.denominator != 1:
        return plain(v, grouped=False)
    parts = []
    for unit, name in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        if n >= unit:
            parts.append(f"{n // unit}{name}")
            n %= unit
    if n:
        parts.append(str(n))
    return " ".join(parts)


# a figure in Indian groups, read without its commas: 1,38,357,544
_INDIAN = re.compile(r"^\d{1,2}(?:,\d\d)+,\d{3}$")


def cell_value(cell: str):
    """The figure a cell states: (exact value, None) for a calculation, (value, Number)
    for a number written with its precision; (None, None) when it is neither."""
    text = cell.strip().rstrip(".")
    if _INDIAN.match(text):
        text = text.replace(",", "")
    from cnnstat.notes.reading.normalise import scan

    try:
        toks = scan(text)
    except Refused:
        return None, None
    nums = [t for t in toks if t.kind == "NUM"]
    if len(nums) == 1 and len(toks) == 1:
        return nums[0].num.value, nums[0].num
    from cnnstat.notes.reading.grammar import evaluate

    try:
        return evaluate(text), None
    except (Refused, ValueError, ZeroDivisionError, ArithmeticError):
        return None, None


__all__ = ["agrees", "quantize", "plain", "write_like", "korean", "cell_value"]

