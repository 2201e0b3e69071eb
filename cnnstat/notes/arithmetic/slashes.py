"""A slash that parts two equations written on one line: ``1만 = 10,000 / 1억 =
100,000,000 / 1M = 100만``, ``1x1x256x64 = 16,384 / 3x3x64x64 = 36,864``. Spaced on
both sides, between ``... = a`` and ``b = ...``, it reads as a division only where the
division holds (``RF = 224 / 4 = 56``). Where it does not, it is a list's separator, and
the line is read as the equations it lists: when each equation holds on its own
(``1만 = 10,000``, ``1억 = 100,000,000``), or when the slash opens a product of its own
(``/ 3x3x64x64 = 36,864``: nobody divides a result by a product written out), which is
then judged by itself, a slip in it caught there."""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.reading.grammar import Parser, value
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numerals import Refused

_EQ = ("EQ", "APPROX")


def _close(x: Fraction, y: Token) -> bool:
    return abs(x - y.num.value) <= y.num.precision / 2


def _holds(a: Token, b: Token) -> bool:
    """``a = b`` as two figures, one written within the other's precision."""
    slack = max(a.num.precision, b.num.precision) / 2
    return abs(a.num.value - b.num.value) <= slack


def _value(tokens: list[Token]) -> Fraction | None:
    try:
        return value(Parser(tokens).parse())
    except (Refused, ZeroDivisionError):
        return None


def _calculation(tokens: list[Token], k: int) -> int | None:
    """Where the product written out after the slash at ``k`` meets its ``=`` (the
    index of the ``=``): numbers joined by ``*`` alone, a figure after the ``=``. A sum
    (``99 / 2 + 1 = 49 + 1``, a floored size) is no such product."""
    j = k + 1
    while j + 1 < len(tokens) and tokens[j].kind == "NUM" and tokens[j + 1].kind == "OP" \
            and tokens[j + 1].text == "*":
        j += 2
    if j == k + 1 or j >= len(tokens) - 2 or tokens[j].kind != "NUM" or \
            tokens[j + 1].kind not in _EQ or tokens[j + 2].kind != "NUM":
        return None
    return j + 1


def parted(tokens: list[Token], raw: str) -> list[Token]:
    """``tokens`` with each separating slash made a plain sign (no operator)."""
    out = list(tokens)
    for k in range(3, len(tokens) - 3):
        t = tokens[k]
        if t.kind != "OP" or t.text != "/" or not t.gap or \
                tokens[k + 1].start == t.end:
            continue
        eq1, a = tokens[k - 2], tokens[k - 1]
        if eq1.kind not in _EQ or a.kind != "NUM" or a.num is None:
            continue
        j = _calculation(tokens, k)
        if j is not None:
            c = tokens[j + 1]
            divided = _value(tokens[k - 1:j])  # "a / 3 * 3 * 64 * 64" as written
            whole = _value(tokens[k + 1:j])  # "a / (3 * 3 * 64 * 64)"
            if c.num is not None and (
                    (divided is not None and _close(divided, c)) or
                    (whole and _close(a.num.value / whole, c))):
                continue  # a division after all
            out[k] = t._replace(kind="OTHER", text=";")  # read as the list's separator
            continue
        lhs, b, eq2, c = tokens[k - 3], tokens[k + 1], tokens[k + 2], tokens[k + 3]
        if not (eq2.kind in _EQ and
                all(x.kind == "NUM" and x.num is not None for x in (lhs, b, c))):
            continue
        if b.num.value and _close(a.num.value / b.num.value, c):
            continue  # a division: "224 / 4 = 56"
        if _holds(lhs, a) and _holds(b, c):
            out[k] = t._replace(kind="OTHER")
    return out
