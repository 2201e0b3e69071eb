"""A PyTorch layer's constructor taken apart, and layers applied: ``nn.Conv2d``,
``nn.ConvTranspose2d``, ``nn.MaxPool2d``, ``nn.AvgPool2d`` and ``nn.Linear`` written as a
call (``layer``: its arguments by position, ``POSITIONS``, or by name) or given by name
(``build``) make a ``Layer``; ``apply`` gives the shape layers give an input, by the
layer algebra (``cnnstat.layers``), never by a formula of its own. An argument not taken
apart (a string padding other than ``'same'``, groups) makes no layer. The code readers
share them (``torchcode``'s session, ``torchast``, ``torchchain``, ``modulerun``, ...).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.errors import SpecError

LAYER = re.compile(r"nn\.(Conv2d|ConvTranspose2d|MaxPool2d|AvgPool2d|Linear)\s*\((.{0,200})\)\s*$")
_KW = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*$")
_INT_PAIR = re.compile(r"^\(?\s*([0-9]{1,4})\s*(?:,\s*([0-9]{1,4})\s*)?\)?$")
POSITIONS = {"Conv2d": ("in_channels", "out_channels", "kernel_size", "stride", "padding"),
              "ConvTranspose2d": ("in_channels", "out_channels", "kernel_size", "stride",
                                  "padding", "output_padding"),
              "MaxPool2d": ("kernel_size", "stride", "padding"),
              "AvgPool2d": ("kernel_size", "stride", "padding"),
              "Linear": ("in_features", "out_features")}
_KIND = {"Conv2d": "conv", "ConvTranspose2d": "conv_transpose", "MaxPool2d": "maxpool",
         "AvgPool2d": "avgpool", "Linear": "linear"}
_ARG = {"out_channels": "out", "kernel_size": "kernel", "stride": "stride",
        "padding": "padding", "ceil_mode": "ceil_mode", "output_padding": "output_padding",
        "out_features": "out", "dilation": "dilation"}


class Layer(NamedTuple):
    kind: str
    args: dict
    in_channels: int | None
    text: str


def split_args(args: str) -> list[str]:
    """A call's arguments, split at the commas outside brackets."""
    out, depth, cur = [], 0, ""
    for ch in args:
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        depth += ch in "([{"
        depth -= ch in ")]}"
        cur += ch
    return out + [cur] if cur.strip() else out


def _value(text: str):
    text = text.strip()
    if text in ("True", "False"):
        return text == "True"
    if text.strip("'\"") == "same" and text[0] in "'\"":
        return "same"
    m = _INT_PAIR.match(text)
    if not m:
        raise ValueError(text)
    a, b = int(m.group(1)), m.group(2)
    return a if b is None or int(b) == a else [a, int(b)]


def layer(call: str) -> Layer | None:
    """The layer a constructor's call (``nn.Conv2d(3, 16, 3, padding=1)``) builds, or None."""
    m = LAYER.search(call)
    if not m:
        return None
    name, named = m.group(1), {}
    try:
        for k, part in enumerate(split_args(m.group(2))):
            kw = _KW.match(part)
            key = kw.group(1) if kw else (POSITIONS[name][k] if k < len(POSITIONS[name])
                                          else None)
            if key is None:
                return None
            named[key] = _value(kw.group(2) if kw else part)
    except ValueError:
        return None
    return build(name, named, m.group(0))


def build(name: str, named: dict, text: str) -> Layer | None:
    """The layer ``nn.<name>`` builds from its arguments by name (positional ones named
    by ``POSITIONS``); None for an argument this reader does not take apart."""
    if set(named) - set(_ARG) - {"in_channels", "in_features", "bias"}:
        return None  # dilation, groups, ...: not read
    args = {_ARG[k]: v for k, v in named.items() if k in _ARG}
    if name == "Linear":  # (..., in_features) -> (..., out_features)
        if not isinstance(named.get("in_features"), int) or not isinstance(args.get("out"), int):
            return None
        return Layer("linear", args, named["in_features"], text)
    if "kernel" not in args or (name.startswith("Conv") and "out" not in args):
        return None
    return Layer(_KIND[name], args, named.get("in_channels"), text)


def apply(layers: list[Layer], shape: tuple[int, ...]) -> tuple[int, ...] | None:
    """The shape ``layers`` give an input of ``shape`` (a conv or pooling reads (N, C, H,
    W)); None where a layer does not fit it."""
    from cnnstat.layers import KINDS

    for lay in layers:
        if lay.kind == "module":  # a module class of the note (``modulerun``)
            if (shape := lay.args["run"](tuple(shape))) is None:
                return None
            continue
        if lay.kind == "linear":  # on the last dimension, whatever the rank
            if shape[-1] != lay.in_channels:
                return None
            shape = shape[:-1] + (lay.args["out"],)
            continue
        if len(shape) != 4:
            return None
        if lay.in_channels is not None and lay.in_channels != shape[1]:
            return None
        try:
            got = KINDS[lay.kind].make(dict(lay.args)).apply(tuple(shape[1:])).output
        except SpecError:
            return None
        shape = (shape[0],) + tuple(got)
    return shape
