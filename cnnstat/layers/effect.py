"""What one layer does to one sample: its output shape, parameters, buffers, MACs and
other ops (``Effect``), and the receptive field of an output position (``Field``); the
shape helpers every kind uses."""

from __future__ import annotations

import math
from typing import NamedTuple

from cnnstat.errors import SpecError


Shape = tuple[int, ...]


class Effect(NamedTuple):
    """Everything one layer does to one sample, as computed by its kind."""

    output: Shape
    params: int = 0
    frozen: int = 0  # parameters that exist but are not trained (counted in params)
    buffers: int = 0  # non-parameter state, e.g. BN running statistics
    macs: int = 0
    ops: int = 0
    window: tuple[tuple[int, int], tuple[int, int]] = ((1, 1), (1, 1))  # (kernel, stride)


class Field(NamedTuple):
    """The receptive field of one output position: what a layer's value can depend on.

    ``rf`` (height, width) is the span of input pixels that one position reads through
    local windows, ``jump`` the input distance between two neighbouring positions; a layer
    with window (k, s) maps them to ``rf + (k - 1) * jump`` and ``jump * s``.

    **Global context.** Some values depend on the whole input however small their local
    window: a global pooling's output, everything computed from it (a squeeze-and-
    excitation gate), and a map multiplied by such a gate. The rule: global context does
    not move the local ``rf`` or ``jump`` of the path it joins (a C x 1 x 1 gate is one
    number per channel, broadcast to every position; it has no position, so no window and
    no step); it sets ``is_global``, which follows every value computed from it. So an
    SE-ResNet-50 block sees exactly what the ResNet-50 block does (RF 427, jump 32 at the
    last conv at 224 x 224), and says "global" beside it. The pooling that produces the
    context keeps the window arithmetic (its window is the whole map, so its own RF
    covers the input, like ``flatten``'s before a classifier).

    **Limit: where a window sits.** A Field says how wide one position's window is and
    how far apart neighbouring windows are, not where a window sits; a merge takes the
    widest of its inputs' (``Merge.field``). That is the union's width exactly when, at
    every output position, one input's window contains the others': the inputs' jumps
    are equal and their windows are nested (odd kernels padded by (k - 1) / 2 are centred
    on the same pixel; unpadded windows all start at the same pixel), as in every bundled
    spec (``verify`` measures them). Outside that the merge's field is wider:

    1. equal jumps, windows offset so that neither contains the other: wider by a fixed
       offset. Tracking each window's start (each kind's padding) would model it; the
       kinds do not report their padding, so it is not modelled;
    2. unequal jumps that reach one output size by rounding (a zeropad shortcut of
       stride 3 beside two stride-2 convs, 5 -> 2 both ways): the windows drift apart by
       the difference of the jumps at each position, so the union's width grows with the
       position and no single (rf, jump) describes the layer; a number cannot model it
       (a per-position range, or marking the axis irregular from that merge on, as
       ``verify`` does after an adaptive pool of unequal windows, could).

    The parity fuzz (tests/strategies.py) generates case 2, so it compares shapes,
    parameters and MACs but not fields."""

    rf: tuple[int, int] = (1, 1)
    jump: tuple[int, int] = (1, 1)
    is_global: bool = False  # the value depends on the whole input (global context)

    def through(self, window: tuple[tuple[int, int], tuple[int, int]],
                is_global: bool = False) -> "Field":
        """The field after a layer with ``window`` = (kernel, stride)."""
        (kh, kw), (sh, sw) = window
        rf = (self.rf[0] + (kh - 1) * self.jump[0], self.rf[1] + (kw - 1) * self.jump[1])
        return Field(rf, (self.jump[0] * sh, self.jump[1] * sw), self.is_global or is_global)


def _spatial(shape: Shape, kind: str) -> tuple[int, int, int]:
    if len(shape) != 3:
        raise SpecError(f"{kind} needs a feature map (C, H, W) but its input is "
                        f"{fmt_shape(shape)}; a flattened vector has no spatial size")
    return shape  # type: ignore[return-value]


def numel(shape: Shape) -> int:
    return math.prod(shape)


def fmt_shape(shape: Shape) -> str:
    """``(96, 55, 55)`` -> ``96x55x55``; channels first, as the tables print them."""
    return "x".join(str(d) for d in shape)
