"""A figure written as a power of ten, ``3.8 x 10^9``, ``4.12×10^9``, ``1.5 * 10^6``, read as
one number where a reader takes figures token by token (the scanner gives the mantissa,
the ``x``, the 10, the ``^`` and the exponent apart): its value is the mantissa times the
power, precise to the mantissa's last digit.
"""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numerals import Number

_TIMES = ("*", "x", "×", "·", "\\times", "\\cdot")


def power_at(tokens: list[Token], idx: int, masked: str) -> tuple[Token, int] | None:
    """The token ``idx`` with the ``x 10^e`` after it as one NUM token, and the index of
    the exponent's token; None where no power of ten follows."""
    if idx + 4 >= len(tokens):
        return None
    m, times, ten, hat, exp = tokens[idx:idx + 5]
    if m.kind != "NUM" or times.kind not in ("OP", "WORD") or times.text not in _TIMES or \
            ten.kind != "NUM" or ten.text != "10" or hat.kind != "OP" or hat.text != "^" or \
            exp.kind != "NUM" or not exp.text.isdigit() or not 3 <= int(exp.text) <= 15:
        return None
    if idx + 5 < len(tokens) and tokens[idx + 5].kind == "OP" and not tokens[idx + 5].gap:
        return None  # 10^9 * 2: the power is a factor of a calculation
    scale = Fraction(10) ** int(exp.text)
    num = m.num._replace(value=m.num.value * scale, precision=m.num.precision * scale,
                         text=masked[m.start:exp.end])
    return m._replace(end=exp.end, text=masked[m.start:exp.end], num=num), idx + 4


__all__ = ["power_at", "Number"]
