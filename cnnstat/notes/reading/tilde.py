"""A tilde between two calculations of one form (``1/8 ~ 1/9``, ``3x3 ~ 5x5``): the bounds
of a range, as Korean and many notes write one, not a calculation and its approximate
result. ``normalise.scan`` asks this before it reads a tilde as "about"."""

from __future__ import annotations

import re
from fractions import Fraction

_OP = {"/": "/", "÷": "/", "^": "^"}  # the tilde side's operators as the scan writes them; else "*"

# the side after a tilde: numbers joined by operators, and no result after them
_TILDE_SIDE = re.compile(r"\s*[0-9][0-9,.]*(?:\s*[x×*/÷^]\s*[0-9][0-9,.]*)+(?![0-9,.]*\s*[x×*/÷^=≈])")
_TILDE_OPS = re.compile(r"[x×*/÷^]")


def range_tilde(s: str, i: int, out: list) -> bool:
    """A tilde between two calculations of the same form (``1/8 ~ 1/9``, ``3x3 ~ 5x5``):
    a range's bounds, as Korean and many notes write a range, not a result (``out``: the
    scan's tokens so far)."""
    side = _TILDE_SIDE.match(s, i + 1)
    if not side:
        return False
    ops = [_OP.get(o, "*") for o in _TILDE_OPS.findall(side.group(0))]
    tail = out[-2 * len(ops) - 1:]
    if len(tail) != 2 * len(ops) + 1 or any(t.kind != "NUM" for t in tail[::2]):
        return False
    if len(out) > len(tail) and out[-len(tail) - 1].kind in ("OP", "LP", "RP"):
        return False  # the left side is longer than the right: "2 x 3 x 3 ~ 3 x 6"
    if [t.text for t in tail[1::2]] != ops or any(t.kind != "OP" for t in tail[1::2]):
        return False
    # of one value (``64/256 ~ 1/4``) the tilde may be "about": either reading is right,
    # and the calculation is judged
    right = re.findall(r"[0-9][0-9,]*(?:\.[0-9]+)?", side.group(0))
    return _fold([t.num.value for t in tail[::2]], ops) != \
        _fold([Fraction(n.replace(",", "")) for n in right], ops)


def _fold(values: list, ops: list[str]):
    """``a op b op c`` left to right (``*``, ``/``, ``^``); None where it cannot be."""
    acc = values[0]
    for op, v in zip(ops, values[1:]):
        if op == "/" and not v or op == "^" and (v.denominator != 1 or abs(v) > 64):
            return None
        acc = acc * v if op == "*" else acc / v if op == "/" else acc ** int(v) \
            if op == "^" else None
        if acc is None:
            return None
    return acc
