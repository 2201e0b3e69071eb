"""An output-size formula a comment works out beside the layer it describes, against the
layer as the code builds it: ``self.pool1 = nn.MaxPool2d(2, 2)  # W = (28-2)/1+1 = 27``
divides by a stride of 1 where the pooling's is 2 (the stride ignored), ``Conv2D(8, 3,
strides=2)  # (32 - 3)/1 + 1`` the same for a conv. The formula is this layer's where its
kernel is the layer's (``(A - F + 2P)/S + 1``, ``(A + 2*P - F)/S + 1``, written as the
note writes it); it is wrong where its stride, or a padding it writes, is not the
layer's, and the output is worked out with the layer's own: ``floor((A + 2p - k) / s) +
1``. A formula with another kernel is about something else: not judged.
"""

from __future__ import annotations

import ast
import re

from cnnstat.layers.window import window_out
from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms import torchast, torchcode
from cnnstat.notes.codeforms.kerasargs import call_args, window

HOW = "the output-size rule with the layer's own kernel, stride and padding"
# (A - F)/S + 1 with a padding term anywhere inside the brackets: 2*P, 2P, 2 * P, P*2
_FORMULA = re.compile(r"\(\s*(?P<inner>\d{1,5}(?:\s*[-+]\s*(?:\d{1,5}\s*\*?\s*)?\d{1,5})"
                      r"{1,2})\s*\)\s*/\s*(?P<s>\d{1,3})\s*\+\s*1(?![\d.])"
                      r"(?:\s*=\s*(?P<r>\d{1,5})(?![\d.]))?")
_TERM = re.compile(r"([-+])\s*(?:(\d{1,5})\s*\*?\s*)?(\d{1,5})")
_CALL = re.compile(r"\bnn\.(?:Conv2d|Linear|MaxPool2d|AvgPool2d)\s*\(")


def constructed(code: str) -> torchcode.Layer | None:
    """The one PyTorch layer a line of code builds (``nn.MaxPool2d(2, 2)`` inside a list,
    a tuple or an assignment), read by Python's parser; None for none or several."""
    found = list(_CALL.finditer(code))
    if len(found) != 1:
        return None
    depth, start = 0, found[0].start()
    for i in range(found[0].end() - 1, len(code)):
        depth += {"(": 1, ")": -1}.get(code[i], 0)
        if depth == 0:
            try:
                return torchast.made(ast.parse(code[start:i + 1], mode="eval").body)
            except (SyntaxError, ValueError, TypeError):
                return None
    return None


_KERAS = re.compile(r"\b(Conv2D|Convolution2D|MaxPooling2D|MaxPool2D|AveragePooling2D|"
                    r"AvgPool2D)\s*\((.*)\)")


def _terms(inner: str) -> tuple[int, int, int | None] | None:
    """``A - F + 2P``: the input, the kernel, the padding (None where not written)."""
    first = re.match(r"\s*(\d{1,5})", inner)
    a, kernel, padding = int(first.group(1)), None, None
    for sign, factor, num in _TERM.findall(inner[first.end():]):
        if sign == "-" and not factor and kernel is None:
            kernel = int(num)
        elif sign == "+" and factor == "2" and padding is None:
            padding = int(num)
        else:
            return None
    return (a, kernel, padding) if kernel is not None else None


def _torch(code: str) -> tuple[int, int, int] | None:
    """A PyTorch conv's or pooling's kernel, stride and padding, all square."""
    lay = constructed(code)
    if not isinstance(lay, torchcode.Layer) or lay.kind not in ("conv", "maxpool", "avgpool"):
        return None
    k, s, p = (lay.args.get(x) for x in ("kernel", "stride", "padding"))
    s = s if s is not None else (k if lay.kind != "conv" else 1)
    p = p if p is not None else 0
    return (k, s, p) if all(type(v) is int for v in (k, s, p)) else None


def _keras(code: str) -> tuple[int, int, int | None] | None:
    """A Keras conv's or pooling's kernel, stride and padding (None for ``'same'``)."""
    m = _KERAS.search(code)
    if m is None:
        return None
    got = window("Pool" in m.group(1), *call_args(m.group(2)))
    return None if got is None else (got[0], got[1], 0 if got[2] == "valid" else None)


def read(number: int, raw: str) -> list[Claim]:
    """A layer's line of code and the formula its comment works out."""
    code, hash_, comment = raw.partition("#")
    if not hash_ or "/" not in comment:
        return []
    layer = _torch(code) if "nn." in code or "Conv2d" in code or "Pool2d" in code \
        else _keras(code)
    if layer is None:
        return []
    k, s, p = layer
    out = []
    for m in _FORMULA.finditer(comment):
        got = _terms(m.group("inner"))
        if got is None:
            continue
        a, kernel, padding = got
        if kernel != k:
            continue  # another layer's formula
        stride = int(m.group("s"))
        if stride == s and (padding is None or p is None or padding == p):
            continue  # the layer's own stride and padding: the arithmetic reader's
        if p is None or (a + 2 * p - k) < 0:
            continue  # 'same': its padding is not a number here
        want = window_out(a, k, s, p)
        text = m.group(0)
        stated = m.group("r") or text
        off = "stride" if stride != s else "padding"
        out.append(Claim(number, text, "shape", stated, want, "wrong",
                         f"{HOW}: the {off} is {s if off == 'stride' else p}, "
                         f"(({a} + 2*{p} - {k}) / {s}) + 1 = {want}"))
    return out
