"""Which settings give a summary row: the kernel of a convolution and the window of a
pooling or convolution, found by asking cnnstat's layer classes.

``Conv`` gives each candidate's parameter count (its 1x1 weights, its biases, the count
at a kernel); ``window_out``, the output-size rule conv and pooling share, gives each
stride and padding's size. Nothing here re-states a layer's formula.
"""

from __future__ import annotations

import math
from functools import lru_cache

from cnnstat.errors import SpecError
from cnnstat.layers import KINDS, window_out
from cnnstat.notes.summary.rows import Shape

KERNELS = range(1, 12)


@lru_cache(maxsize=4096)  # bounded: memory stays flat however long the note
def effect(kind: str, args: tuple, shape: Shape):
    """The layer class's effect, or None where the class refuses the input."""
    try:
        return KINDS[kind].make(dict(args)).apply(shape)
    except (SpecError, ValueError, ZeroDivisionError):
        return None


def spatial(shape: Shape) -> Shape | None:
    """A feature map as ``Conv`` takes it: (C, L) of a 1-D layer becomes (C, 1, L)."""
    if len(shape) == 3:
        return shape
    if len(shape) == 2:
        return (shape[0], 1, shape[1])
    return None


def conv_fits(src: Shape, out: Shape, params: int, depthwise: bool, square: bool = False,
              grouped: bool = False, plain: bool = False) -> tuple[str, int, int] | None:
    """The kernel (kh, kw) that gives a convolution from ``src`` to ``out`` ``params``
    parameters as ``Conv`` counts them, said in words; None when none does. Square
    kernels come first, then 1 x k; plain and depthwise convolutions, and with
    ``grouped`` every grouping that divides both channel counts."""
    s, o = spatial(src), spatial(out)
    if s is None or o is None:
        return None
    c_in, c_out = s[0], o[0]
    if c_in < 1 or c_out < 1:
        return None  # a map of no channels: no kernel gives it
    groups: list = ["in"] if depthwise else \
        [1] + (["in"] if c_out % c_in == 0 and c_in > 1 and not plain else [])
    if grouped:
        groups += [g for g in range(2, min(c_in, c_out, 1024))
                   if c_in % g == 0 and c_out % g == 0 and g != c_in]
    one_d = len(out) == 2
    for g in groups:
        for bias in (True, False):
            unit, extra = _unit(c_in, c_out, g, bias)
            if not unit:
                continue
            area, rest = divmod(params - extra, unit)
            if rest or area < 1:
                continue
            root = math.isqrt(area)
            shapes = [(1, area)] if one_d else \
                [(root, root)] * (root * root == area) + \
                [(1, area)] * (not square and area > 1)
            for kh, kw in shapes:
                if kw > 11:
                    continue
                eff = effect("conv", (("out", c_out), ("kernel", (kh, kw)), ("bias", bias),
                                       ("groups", g)), (c_in, 11, 11))
                if eff is not None and eff.params == params:
                    k = str(kw) if one_d else f"{kh}x{kw}"
                    how = "depthwise " if g == "in" else f"{g} groups, " if g != 1 else ""
                    text = f"{how}{k} kernel{'' if bias else ', no bias'}, {c_in} in"
                    return text, kh, kw
    return None


def _window(n: int, k: int, s: int, p: int, ceil: bool) -> int | None:
    try:
        return window_out(n, k, s, p, ceil=ceil)
    except SpecError:
        return None  # the window is larger than the padded input


@lru_cache(maxsize=4096)
def _unit(c_in: int, c_out: int, groups, bias: bool) -> tuple[int, int]:
    """``Conv``'s count per unit of kernel area (its 1x1 weights) and its bias count;
    (0, 0) where the class refuses the channels."""
    one = effect("conv", (("out", c_out), ("kernel", 1), ("bias", False),
                           ("groups", groups)), (c_in, 11, 11))
    with_b = effect("conv", (("out", c_out), ("kernel", 1), ("bias", bias),
                              ("groups", groups)), (c_in, 11, 11))
    if one is None or with_b is None:
        return 0, 0
    return one.params, with_b.params - one.params


def window_fits(src: Shape, out: Shape, kernel: int | None) -> str | None:
    """A window that turns ``src`` into ``out``'s height and width with the window
    arithmetic conv and pooling share: a conv's ``kernel`` at strides 1, 2, ...
    and paddings up to half the kernel; a pool's kernel, stride (its kernel first) and
    padding, floored or in ceil mode. None when no window gives it."""
    s, o = spatial(src), spatial(out)
    if s is None or o is None:
        return None
    pool = kernel is None
    for k in (2, 3, 4, 5, 6, 7, 1) if pool else (kernel,):
        strides = range(1, max(k, 2) + 1)
        for st in sorted(strides, key=lambda st: st != k) if pool else strides:
            for p in range(0, k // 2 + 1):
                for ceil in (False, True) if pool else (False,):
                    if all(_window(n, k, st, p, ceil) == m for n, m in zip(s[1:], o[1:])):
                        return f"{k}x{k}, stride {st}, padding {p}" + (" ceil" if ceil else "")
    return None


def _nearest_kernel(unit: int, extra: int, params: int) -> int:
    """The k of ``KERNELS`` whose ``unit * k * k + extra`` is nearest ``params`` (the
    smaller on a tie): the count grows with k, so only the two kernels around the square
    root can be nearest, and no other is tried."""
    root = math.isqrt(max(0, (params - extra) // unit))
    near = [k for k in (root - 1, root, root + 1, root + 2) if k in KERNELS] or \
        [KERNELS[0] if root < KERNELS[0] else KERNELS[-1]]
    return min(near, key=lambda k: abs(unit * k * k + extra - params))


def nearest_conv(srcs: list[Shape], out: Shape, params: int,
             depthwise: bool) -> tuple[str, int] | None:
    """The square kernel, with or without bias, on any of the inputs ``srcs``, whose
    count is nearest ``params``: its count is ``Conv``'s 1x1 weights times the kernel
    area plus its biases, confirmed by the class."""
    g = "in" if depthwise else 1
    best = None
    for src in srcs:
        s = spatial(src)
        for bias in (True, False):
            unit, extra = _unit(s[0], out[0], g, bias) if s else (0, 0)
            if not unit:
                continue
            k = _nearest_kernel(unit, extra, params)
            n = unit * k * k + extra
            if best is None or abs(n - params) < abs(best[0] - params):
                best = (n, k, bias, s[0])
    if best is None:
        return None
    _, k, bias, c_in = best
    eff = effect("conv", (("out", out[0]), ("kernel", k), ("bias", bias), ("groups", g)),
                  (c_in, 11, 11))
    if eff is None:
        return None
    return f"a {k}x{k} kernel{'' if bias else ' without bias'} on {c_in} channels", eff.params
