"""One Keras layer's output shape, from its input's (channels first), by the layer algebra
(``cnnstat.layers``): ``Flatten``, ``Dense``, a global pooling, ``Conv2D`` (its filters
given) and ``MaxPooling2D``/``AveragePooling2D`` (``kerasargs.window`` reads the window),
``ZeroPadding2D`` (the layer algebra's ``pad``);
``'same'`` with a stride is TensorFlow's (``ceil(n / s)`` windows, ``layers.conv.same_sides``,
one side padded more). The model reading the layers is ``kerascode.Model``; ``kerassaid``
asks for the output under the other padding.
"""

from __future__ import annotations

import re

from cnnstat.layers.conv import same_sides
from cnnstat.layers.window import window_out
from cnnstat.notes.codeforms.kerasargs import window

POOLS = ("MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D")


def output(name: str, pos: list[str], named: dict[str, str], shape: tuple[int, ...] | None,
           filters: int | None):
    """The output of the layer ``name`` called with ``pos`` and ``named`` on ``shape``; a
    conv's channels are ``filters``. None where it is not known (no input, a dilation,
    groups or a data format, a conv's filters not known); the layer algebra's errors
    (``SpecError``, ``ValueError``, ...) where the layer does not fit its input."""
    from cnnstat.layers import KINDS
    if shape is None or set(named) & {"dilation_rate", "groups", "data_format"}:
        return None
    if name == "Flatten":
        return KINDS["flatten"].make({}).apply(shape).output
    if name == "Dense":
        units = pos[0] if pos else named.get("units", "")
        if len(shape) != 1 or not units.isdecimal():
            return None
        return (int(units),)
    if name.startswith("Global") and len(shape) == 3:
        return (shape[0],)
    if name == "ZeroPadding2D":  # Keras's n, (height, width) or ((top, bottom), (left, right))
        sides = [int(n) for n in re.findall(r"\d+", pos[0] if pos else named.get("padding", "1"))]
        if len(sides) not in (1, 2, 4) or len(shape) != 3:
            return None
        return KINDS["pad"].make({"padding": sides if len(sides) > 1 else sides[0]}).apply(
            shape).output
    pool = name in POOLS
    if not pool and filters is None:
        return None
    got = window(pool, pos, named)
    if got is None:
        return None
    kernel, stride, padding = got
    args = {"kernel": kernel, "stride": stride, "padding": 0 if padding == "valid" else "same"}
    if padding == "same" and stride != 1:  # TensorFlow's "same": ceil(n / s) windows
        c, h, w = shape
        th, tw = same_sides(h, kernel, stride), same_sides(w, kernel, stride)
        if pool:
            return (c, window_out(h + sum(th), kernel, stride, 0),
                    window_out(w + sum(tw), kernel, stride, 0))
        args["padding"] = th + tw  # (top, bottom, left, right)
    if pool:
        return KINDS["maxpool"].make(args).apply(shape).output
    return KINDS["conv"].make(dict(args, out=filters)).apply(shape).output
