"""A layer's call with the side it takes and the side it gives in the comment beside it::

    nn.Conv2d(3, 64, 7, stride=2, padding=3),   # 224 → 112
    nn.MaxPool2d(2),                            # 112 → 56
    layers.MaxPooling2D(pool_size=2)            # 28x28 -> 14x14

The comment holds one map side before an arrow and one after (``224 → 112``, a square
``56x56 → 28x28``), nothing else but words; the line holds one call, a convolution or a
pooling whose window settings are whole numbers written in the call (PyTorch's ``Conv2d``,
``MaxPool2d``, ``AvgPool2d``: kernel, stride (a pooling's defaults to its kernel),
padding, dilation; Keras's ``MaxPooling2D``, ``AveragePooling2D``, ``Conv2D``: pool size or
kernel, strides, ``padding='valid'``). The side after the arrow is the layer algebra's
output for the side before it (``layers.window.window_out``): right, or wrong. A
``padding='same'``, a ``ceil_mode``, a setting that is a name: not judged.
"""

from __future__ import annotations

import ast
import re

from cnnstat.notes.claims import Claim

CONFIDENCE = 0.9  # the comment is taken to give the call's own input and output
# the comment's marks: the slot "stated rules in code" declares (``prefilter.FEW``)
NEEDS = ("#", "return", "def", "//")
_NAMES = ("Conv2d", "MaxPool2d", "AvgPool2d", "Conv2D", "MaxPooling2D", "MaxPool2D",
          "AveragePooling2D", "AvgPool2D")
_CALL = re.compile(r"(?<![\w.])(?:(?:torch\.)?nn\.|(?:tf\.)?(?:keras\.)?layers\.)?("
                   + "|".join(_NAMES) + r")\s*\(")
_ANY_CALL = re.compile(r"[A-Za-z_]\w*\s*\(")

_SIDES = re.compile(r"^\s*(?:#|//)\s*(\d{1,4})(?:\s*[x×]\s*(\d{1,4}))?\s*(?:→|->)\s*"
                    r"(\d{1,4})(?:\s*[x×]\s*(\d{1,4}))?(?:\s+[A-Za-z가-힣][^0-9]*)?\s*$")
_TORCH = {"Conv2d": ("in_channels", "out_channels", "kernel_size", "stride", "padding",
                     "dilation"),
          "MaxPool2d": ("kernel_size", "stride", "padding", "dilation"),
          "AvgPool2d": ("kernel_size", "stride", "padding")}
_KERAS = {"Conv2D": ("filters", "kernel_size", "strides", "padding"),
          "MaxPooling2D": ("pool_size", "strides", "padding"),
          "AveragePooling2D": ("pool_size", "strides", "padding")}
_KERAS["MaxPool2D"], _KERAS["AvgPool2D"] = _KERAS["MaxPooling2D"], _KERAS["AveragePooling2D"]


def _side(node) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == 2 and \
            all(isinstance(e, ast.Constant) and type(e.value) is int for e in node.elts) and \
            node.elts[0].value == node.elts[1].value:
        return node.elts[0].value
    return None


def settings(name: str, args: str) -> tuple[int, int, int, int] | None:
    """(kernel, stride, padding, dilation) of a call's arguments; None where one is not a
    whole number written in the call, or the call pads otherwise."""
    try:
        call = ast.parse(f"f({args})", mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    if not isinstance(call, ast.Call) or any(k.arg is None for k in call.keywords):
        return None
    names = _TORCH.get(name) or _KERAS[name]
    if len(call.args) > len(names):
        return None
    got = dict(zip(names, call.args)) | {k.arg: k.value for k in call.keywords}
    if {"ceil_mode", "groups", "data_format", "dilation_rate"} & got.keys() and not (
            isinstance(got.get("ceil_mode"), ast.Constant) and got["ceil_mode"].value is False):
        return None
    keras = name in _KERAS
    kernel = _side(got.get("pool_size" if "pool_size" in names else "kernel_size",
                           ast.Constant(2) if "pool_size" in names else None))
    pool = "Pool" in name
    stride_node = got.get("strides" if keras else "stride")
    stride = kernel if stride_node is None and pool else 1 if stride_node is None else \
        _side(stride_node)
    if stride is None and pool and isinstance(stride_node, ast.Constant) and \
            stride_node.value is None:
        stride = kernel
    pad_node = got.get("padding")
    if keras:
        padding = 0 if pad_node is None or (isinstance(pad_node, ast.Constant) and
                                            pad_node.value == "valid") else None
    else:
        padding = 0 if pad_node is None else _side(pad_node)
    dilation = _side(got.get("dilation", ast.Constant(1)))
    if None in (kernel, stride, padding, dilation) or not kernel or not stride:
        return None
    return kernel, stride, padding, dilation


def closing(text: str, start: int) -> int | None:
    """Where the bracket opened just before ``start`` closes (None: it does not)."""
    depth = 1
    for k, ch in enumerate(text[start:]):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return start + k
    return None


def check_line(number: int, raw: str) -> list[Claim]:
    code, sep, comment = raw.partition("#")
    if not sep:
        code, sep, comment = raw.partition("//")
    m = _SIDES.match(sep + comment) if sep else None
    if m is None or (m.group(2) and m.group(2) != m.group(1)) or \
            (m.group(4) and m.group(4) != m.group(3)):
        return []
    calls = list(_CALL.finditer(code))
    if len(calls) != 1 or len(_ANY_CALL.findall(code[calls[0].start():])) != 1:
        return []  # two calls on the line, or a call inside the layer's arguments
    call = calls[0]
    end = closing(code, call.end())
    if end is None:
        return []
    got = settings(call.group(1), code[call.end():end])
    if got is None:
        return []
    from cnnstat.layers.window import window_out

    kernel, stride, padding, dilation = got
    side, said = int(m.group(1)), int(m.group(3))
    want = window_out(side, kernel, stride, padding, dilation)
    if want < 1:
        return []
    how = (f"{call.group(1)}: kernel {kernel}, stride {stride}, padding {padding}"
           + (f", dilation {dilation}" if dilation != 1 else "")
           + f" on {side}: floor(({side} + 2*{padding} - {dilation * (kernel - 1)} - 1)"
             f"/{stride}) + 1 = {want}")
    text = comment.strip()
    return [Claim(number, text, "shape", m.group(3), want, "right" if want == said else "wrong",
                  how, confidence=CONFIDENCE)]


__all__ = ["check_line", "closing", "settings"]
