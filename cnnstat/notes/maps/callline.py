"""One layer called in prose, PyTorch's or Keras's, with the shape it takes and the shape
it gives on the same line::

    - MaxPooling2D((2, 2)) on (None, 13, 13, 64) gives (None, 7, 7, 64)   (Keras floors: 6)
    - nn.MaxPool2d(2, 2) on [N, 64, 11, 11] gives [N, 64, 6, 6]            (5)
    - nn.Conv2d(3, 64, 7, stride=2, padding=3) takes 224x224 to 112x112     (right)
    - Conv2D(64, 3, strides=2, padding='same'): (None, 75, 75, 3) -> (None, 37, 37, 64)  (38)

The call is the library's, so nothing is guessed: its defaults are the library's (PyTorch:
stride 1 for a conv, the kernel for a pooling, padding 0, floor; Keras: ``'valid'``, a
pooling's stride its size), read by the code readers' own parsers (``torchcode.layer``,
``kerasargs``), and the output goes through the layer algebra (``shapejudge.judge``; Keras's
``'same'`` at a stride pads as TensorFlow does). The input is the shape after ``on``,
``for``, ``takes`` or a colon, the output the shape after ``gives``, ``->``, ``to``,
``returns``, ``outputs``; a shape is a Keras tuple with its batch (``(None, 13, 13, 64)``,
channels last), a PyTorch one (``[N, 64, 11, 11]``, ``(1, 3, 224, 224)``, channels
first) or a map (``11x11``, ``28x28x32``). Only square maps are judged, and the channels
where the shape's layout says which side they are (a conv's are its filters, a
pooling's its input's). One call a line; a call with an argument the parsers do not take
apart (dilation, groups, ceil_mode), a question, or a line that supposes, is not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms import kerasargs, torchcode
from cnnstat.notes.maps.shapejudge import Kernel, judge
from cnnstat.notes.reading.questions import asks

NEEDS = ("Conv2d(", "Conv2D(", "Pool2d(", "Pooling2D(", "Pool2D(")
_CALL = re.compile(r"(?<![\w.])(?:(?:nn|layers|keras\.layers|tf\.keras\.layers)\.)?"
                   r"(Conv2d|MaxPool2d|AvgPool2d|Conv2D|MaxPooling2D|AveragePooling2D|"
                   r"MaxPool2D|AvgPool2D)\s*\(")
_KERAS = {"Conv2D": False, "MaxPooling2D": True, "AveragePooling2D": True, "MaxPool2D": True,
          "AvgPool2D": True}
_BATCH = r"(?:None|N|B|n|b|batch(?:_size)?|bs|\d{1,4})"
_SHAPE = re.compile(r"[(\[]\s*(?P<batch>" + _BATCH + r")\s*,\s*(?P<a>\d{1,5})\s*,\s*"
                    r"(?P<b>\d{1,5})\s*,\s*(?P<c>\d{1,5})\s*[)\]]"
                    r"|(?<![\d.,x×*])(?P<h>\d{1,5})\s*[x×]\s*(?P<w>\d{1,5})"
                    r"(?:\s*[x×]\s*(?P<d>\d{1,5}))?(?![\d.,]|\s*[x×*]\s*\d)")
_IN = re.compile(r"(?:\bon\b|\bfor\b|\btakes\b|\bto\b|:|\binput\b)\s*(?:an?\s+|the\s+)?$", re.I)
_OUT = re.compile(r"^\s*(?:gives|->|→|=>|\bto\b|returns|outputs|produces|yields|becomes|"
                  r"makes|is)\s*(?:an?\s+)?$", re.I)
_SUPPOSE = re.compile(r"\bif\b|\bwould\b|\binstead\b|\bshould\b|\bwrong\b|만약|라면", re.I)


def _close(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == "(") - (text[i] == ")")
        if depth == 0:
            return i + 1
    return None


def _layer(name: str, args: str) -> tuple[Kernel, int | None] | None:
    """(the layer as the judge takes it, a conv's filters) of a call; None where not read."""
    if name in _KERAS or name == "Conv2D":
        pos, named = kerasargs.call_args(args)
        pool = _KERAS.get(name, False)
        if not pool and (kerasargs.not_keras(pos, named) or len(pos) > 2 or not pos or
                         not pos[0].isdecimal()):
            return None
        if set(named) - {"kernel_size", "pool_size", "strides", "padding", "activation",
                         "name", "use_bias", "input_shape"}:
            return None
        got = kerasargs.window(pool, pos, named)
        if got is None:
            return None
        k, s, pad = got
        return Kernel(k, pool, s, "same" if pad == "same" else 0), (None if pool else int(pos[0]))
    lay = torchcode.layer(f"nn.{name}({args})")
    if lay is None or lay.kind not in ("conv", "maxpool", "avgpool"):
        return None
    a = lay.args
    k, p = a.get("kernel"), a.get("padding", 0)
    if not isinstance(k, int) or not isinstance(p, int):
        return None
    pool = lay.kind != "conv"
    s = a.get("stride", k if pool else 1)
    if not isinstance(s, int):
        return None
    return Kernel(k, pool, s, p), (a.get("out") if not pool else None)


def _shape(m: re.Match, keras: bool) -> tuple[int, int, int | None]:
    """(height, width, channels or None) of a shape as written."""
    if m.group("h"):
        return int(m.group("h")), int(m.group("w")), int(m.group("d")) if m.group("d") else None
    a, b, c = int(m.group("a")), int(m.group("b")), int(m.group("c"))
    if keras or m.group("batch") == "None":
        return a, b, c
    return b, c, a  # PyTorch: (N, C, H, W)


def check_line(number: int, masked: str, raw: str) -> list[Claim]:
    """``raw``: the line as written, where a shape's brackets are (masked takes ``[N, 64,
    11, 11]`` for a link's)."""
    calls = list(_CALL.finditer(masked))
    if len(calls) != 1 or asks(masked) or _SUPPOSE.search(masked):
        return []
    call = calls[0]
    end = _close(masked, call.end() - 1)
    if end is None:
        return []
    name = call.group(1)
    got = _layer(name, masked[call.end():end - 1])
    if got is None:
        return []
    kern, filters = got
    written = raw if len(raw) == len(masked) else masked
    shapes = [m for m in _SHAPE.finditer(written, end)]
    if len(shapes) != 2 or not _IN.search(written, end, shapes[0].start()) or \
            not _OUT.match(written[shapes[0].end():shapes[1].start()]):
        return []
    keras = name in _KERAS or name == "Conv2D"
    (h, w, c_in), (oh, ow, c_out) = _shape(shapes[0], keras), _shape(shapes[1], keras)
    if h != w or oh != ow:
        return []
    verdict, want, _ = judge(h, [kern], oh)
    if verdict == "skip" or want is None:
        return []
    channels = c_in if kern.pool else filters
    if verdict == "right" and c_out is not None and channels is not None and c_out != channels:
        verdict = "wrong"
    shown = f"{want}x{want}" + (f"x{channels}" if c_out is not None and channels else "")
    text = f"{call.group(0)}...) {shapes[0].group(0)} -> {shapes[1].group(0)}"
    lib = "Keras" if keras else "PyTorch"
    return [Claim(number, text, "shape", shapes[1].group(0), shown, verdict,
                  f"{lib}'s {kern.describe()} on {h}x{w} by the layer algebra: {shown}"
                  + ("" if kern.pool or channels is None else f" ({channels} filters)"))]
