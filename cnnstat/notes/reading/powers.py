"""Scientific notation, the one owner of a figure written as a mantissa times a power of
ten: ``3.8 x 10^9``, ``4.12×10^9``, ``1.5 * 10^6`` (taken token by token, ``power_at``, or
as a parsed product, ``power_in``) and ``1.2e6`` (``numerals.read_number``). Its value is
the mantissa times the power, precise to the mantissa's last digit (``ten_to``); which
powers a reader accepts as one figure (the exponents, a whole mantissa) is the reader's.
"""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numerals import Number

_TIMES = ("*", "x", "×", "·", "\\times", "\\cdot")


def ten_to(mantissa: Number, exp: int, text: str) -> Number:
    """``mantissa × 10^exp``, written ``text``, as one figure: its value and the precision
    of the mantissa's last digit scaled by the power, the mantissa's notation kept."""
    scale = Fraction(10) ** exp
    return mantissa._replace(value=mantissa.value * scale,
                             precision=mantissa.precision * scale, text=text)


def power_at(tokens: list[Token], idx: int, masked: str) -> tuple[Token, int] | None:
    """The token ``idx`` with the ``x 10^e`` after it as one NUM token, and the index of
    the exponent's token; None where no power of ten follows (the scanner gives the
    mantissa, the ``x``, the 10, the ``^`` and the exponent apart)."""
    if idx + 4 >= len(tokens):
        return None
    m, times, ten, hat, exp = tokens[idx:idx + 5]
    if m.kind != "NUM" or times.kind not in ("OP", "WORD") or times.text not in _TIMES or \
            ten.kind != "NUM" or ten.text != "10" or hat.kind != "OP" or hat.text != "^" or \
            exp.kind != "NUM" or not exp.text.isdigit() or not 3 <= int(exp.text) <= 15:
        return None
    if idx + 5 < len(tokens) and tokens[idx + 5].kind == "OP" and not tokens[idx + 5].gap:
        return None  # 10^9 * 2: the power is a factor of a calculation
    num = ten_to(m.num, int(exp.text), masked[m.start:exp.end])
    return m._replace(end=exp.end, text=masked[m.start:exp.end], num=num), idx + 4


def power_in(tree) -> tuple[Number, int] | None:
    """A parsed product ``m × 10^e`` (``4.6 × 10^8``, ``1.5 \\times 10^{10}``): the
    mantissa ``m`` and the whole exponent ``e``; None for any other tree."""
    if tree.op != "mul" or len(tree.args) != 2:
        return None
    m, p = tree.args
    args = [_unwrapped(a) for a in p.args]
    if m.op != "num" or p.op != "pow" or len(args) != 2 or \
            any(a.op != "num" for a in args) or args[0].num.value != 10:
        return None
    e = args[1].num.value
    if e.denominator != 1:
        return None
    return m.num, int(e)


def _unwrapped(node):
    while node.op == "paren" and len(node.args) == 1:
        node = node.args[0]
    return node


__all__ = ["power_at", "power_in", "ten_to", "Number"]
