"""Numbers and shapes as text for the calculator: the formula substitutions, the
shape syntax (``227x227x3``, ``3x227x227``), the ``Line`` record and ``CalcError``."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from cnnstat.errors import SpecError
from cnnstat.layers import Shape

DOT = "·"
ORDERS = ("hwc", "chw")

# ASCII digits, at most 9: '²'.isdigit() is True but int('²') fails, and int() refuses
# more than 4,300 digits; no layer size needs more than 9.
INT = re.compile(r"[0-9]{1,9}")


def is_count(text: str) -> bool:
    """Is ``text`` a plain count cnnstat reads (ASCII digits, at most 9)?"""
    return bool(INT.fullmatch(text))


class CalcError(SpecError):
    """Bad calculator input: printed without a file or line."""

    def __str__(self) -> str:
        return self.message


class Line(NamedTuple):
    """One computed quantity: what it is, the formula, the numbers put in, the result."""

    what: str
    formula: str
    substituted: str  # evaluates to ``value`` (· is multiplication, ⌊x⌋ floor, ⌈x⌉ ceil)
    value: Any


def num(v: Any) -> str:
    """Integers with thousands separators; floats to four significant digits."""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v == int(v) and abs(v) < 1e15:
            return f"{int(v):,}"
        return f"{v:.4g}"
    return str(v)


def quotient(a: int, b: int) -> str:
    """``a / b`` for display, truncated (not rounded) to 4 decimals, so that the floor and
    ceiling of the shown number are those of the exact quotient: 53.25, 27.5, 0.3333."""
    q, r = divmod(a, b)
    digits = str(r * 10**4 // b).rjust(4, "0").rstrip("0")
    return f"{q}.{digits}" if digits else str(q)


def prod(*factors: Any) -> str:
    return DOT.join(str(f) for f in factors)


def size_text(n: int, k: int, s: int, p: int, d: int = 1, ceil: bool = False,
              result: int | None = None) -> tuple[str, str]:
    """(formula, substitution) of the output-size rule for one spatial dimension.

    ``result`` is the size the layer algebra computed; it is only used to mark a ceil-mode
    window that PyTorch drops (the substitution then says so).
    """
    if d == 1:
        formula = "(n - k + 2p)/s + 1"
        inner = f"{n} - {k} + 2{DOT}{p}"
        span = n - k + 2 * p
    else:
        formula = "(n + 2p - d(k - 1) - 1)/s + 1"
        inner = f"{n} + 2{DOT}{p} - {d}{DOT}({k} - 1) - 1"
        span = n + 2 * p - d * (k - 1) - 1
    if span % s == 0:
        return formula, f"({inner})/{s} + 1"
    lo, hi = ("⌈", "⌉") if ceil else ("⌊", "⌋")
    formula = f"{lo}{formula.replace(' + 1', '')}{hi} + 1"
    return formula, f"{lo}({inner})/{s}{hi} + 1 = {lo}{quotient(span, s)}{hi} + 1"


def shape_text(shape: Shape, order: str = "chw") -> str:
    if len(shape) == 3 and order == "hwc":
        c, h, w = shape
        return f"{h}x{w}x{c}"
    return "x".join(str(d) for d in shape)


def parse_shape_text(text: str, order: str = "chw", what: str = "input") -> Shape:
    """``3x227x227`` (C x H x W, as everywhere in cnnstat), ``227x227x3`` with
    ``order="hwc"`` or written ``227x227x3:hwc``; ``9216`` for a vector. A shape that reads
    better in the other order is an error saying how to write it (``spec.order``)."""
    from cnnstat.spec.order import check_plausible, split_order

    if order not in ORDERS:
        raise CalcError(f"--order must be hwc or chw, not {order!r}")
    full = str(text).strip()
    text, order, explicit = split_order(full, order)
    parts = re.split(r"\s*[x×*,]\s*", str(text).strip())
    if not all(INT.fullmatch(p) for p in parts) or len(parts) not in (1, 3):
        example = "227x227x3 (height x width x channels)" if order == "hwc" else \
            "3x227x227 (channels x height x width)"
        raise CalcError(f"{what} {text!r} must look like {example}, or one number for a "
                        "flat vector")
    dims = [int(p) for p in parts]
    if any(d < 1 for d in dims):
        raise CalcError(f"{what} {text!r}: every size must be at least 1")
    if not explicit:
        check_plausible(tuple(dims), full, what, order)
    if len(dims) == 3 and order == "hwc":
        h, w, c = dims
        return (c, h, w)
    return tuple(dims)

