"""A slash that parts two equations written on one line: ``1만 = 10,000 / 1억 =
100,000,000 / 1M = 100만``. Spaced on both sides, between ``... = a`` and ``b = ...``,
it reads as a division only where the division holds (``RF = 224 / 4 = 56``); where
``a / b`` is not the figure after the next ``=`` while each equation holds on its own,
it is a list's separator, and the line is read as the equations it lists."""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.reading.normalise import Token

_EQ = ("EQ", "APPROX")


def _close(x: Fraction, y: Token) -> bool:
    return abs(x - y.num.value) <= y.num.precision / 2


def _holds(a: Token, b: Token) -> bool:
    """``a = b`` as two figures, one written within the other's precision."""
    slack = max(a.num.precision, b.num.precision) / 2
    return abs(a.num.value - b.num.value) <= slack


def parted(tokens: list[Token], raw: str) -> list[Token]:
    """``tokens`` with each separating slash made a plain sign (no operator)."""
    out = list(tokens)
    for k in range(3, len(tokens) - 3):
        t = tokens[k]
        if t.kind != "OP" or t.text != "/" or not t.gap or \
                tokens[k + 1].start == t.end:
            continue
        lhs, eq1, a, b, eq2, c = tokens[k - 3], tokens[k - 2], tokens[k - 1], \
            tokens[k + 1], tokens[k + 2], tokens[k + 3]
        if not (eq1.kind in _EQ and eq2.kind in _EQ and
                all(x.kind == "NUM" and x.num is not None for x in (lhs, a, b, c))):
            continue
        if b.num.value and _close(a.num.value / b.num.value, c):
            continue  # a division: "224 / 4 = 56"
        if _holds(lhs, a) and _holds(b, c):
            out[k] = t._replace(kind="OTHER")
    return out
