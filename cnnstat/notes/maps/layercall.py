"""One layer call written on one line of prose with the shape it takes and the shape it
gives, PyTorch's or Keras's, judged by the layer algebra. The call is the library's, so
nothing is guessed: it is parsed by the code readers' own parsers (``torchcode.layer``:
positional arguments in ``nn.<name>``'s order, ``ConvT``/``Deconv2d`` short for
``ConvTranspose2d``; ``kerasargs`` for Keras) with the library's defaults. Two ways of
writing it are read, one call pattern (``_CALL``) and one entry point (``check_line``):

The call between the map it takes and the map it gives, joined by arrows (PyTorch's calls
only)::

    - 16x16x128 → ConvT(128, 64, 4, 2, 1) → 32x32x64
    - 32x32x3 -> nn.Conv2d(3, 16, 3, 1, 1) -> 32x32x16
    - 28x28x6 → MaxPool2d(2, 2) → 14x14x6

The call is applied (``torchcode.apply``) to the map before it (height x width x channels
as the note writes it, or channels first where the sides say so, ``mapread.maps``), and
the map after it is judged. A call whose ``in_channels`` is not the map's, or a conv with
no padding written (a note's pseudo-call may mean 'same'), is unsure where the sizes
disagree. Every such call on the line is read.

The call first, its input and output after it (``_IN``/``_OUT``: ``on``, ``for``,
``takes`` or a colon; ``gives``, ``->``, ``to``, ``returns``, ``outputs``)::

    - MaxPooling2D((2, 2)) on (None, 13, 13, 64) gives (None, 7, 7, 64)   (Keras floors: 6)
    - nn.MaxPool2d(2, 2) on [N, 64, 11, 11] gives [N, 64, 6, 6]            (5)
    - nn.Conv2d(3, 64, 7, stride=2, padding=3) takes 224x224 to 112x112     (right)
    - Conv2D(64, 3, strides=2, padding='same'): (None, 75, 75, 3) -> (None, 37, 37, 64)  (38)

Its defaults are the library's (PyTorch: stride 1 for a conv, the kernel for a pooling,
padding 0, floor; Keras: ``'valid'``, a pooling's stride its size), and the output goes
through ``shapejudge.judge`` (Keras's ``'same'`` at a stride pads as TensorFlow does). A
shape is a Keras tuple with its batch (``(None, 13, 13, 64)``, channels last), a PyTorch
one (``[N, 64, 11, 11]``, ``(1, 3, 224, 224)``, channels first) or a map (``11x11``,
``28x28x32``). Only square maps are judged, and the channels where the shape's layout
says which side they are (a conv's are its filters, a pooling's its input's). One call a
line; a call with an argument the parsers do not take apart (dilation, groups,
ceil_mode), a question, or a line that supposes, is not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms import kerasargs, torchcode
from cnnstat.notes.maps.mapread import maps
from cnnstat.notes.maps.shapejudge import Kernel, judge
from cnnstat.notes.reading.questions import asks

NEEDS = ("(",)
UNSURE = 0.4  # a disagreement where the call may not be the map's (the arrow form)
# the call: its module (``nn.``, ``layers.``, ...), its class, its opening bracket
_CALL = re.compile(r"(?<![\w.])(?:(?P<lib>nn|layers|keras\.layers|tf\.keras\.layers)\.)?"
                   r"(?P<name>Conv2d|ConvTranspose2d|ConvT|Deconv2d|MaxPool2d|AvgPool2d|"
                   r"Conv2D|MaxPooling2D|AveragePooling2D|MaxPool2D|AvgPool2D)\s*\(")
# the calls each form reads: between arrows PyTorch's (bare or ``nn.``) with their
# arguments in one bracket; in words PyTorch's convs and poolings and Keras's
_ARROW_CALLS = {"Conv2d", "ConvTranspose2d", "ConvT", "Deconv2d", "MaxPool2d", "AvgPool2d"}
_WORD_CALLS = {"Conv2d", "MaxPool2d", "AvgPool2d", "Conv2D", "MaxPooling2D",
               "AveragePooling2D", "MaxPool2D", "AvgPool2D"}
_ALIASES = {"ConvT": "ConvTranspose2d", "Deconv2d": "ConvTranspose2d"}
_KERAS = {"Conv2D": False, "MaxPooling2D": True, "AveragePooling2D": True, "MaxPool2D": True,
          "AvgPool2D": True}  # Keras's calls: whether a pooling
_ARGS = re.compile(r"[^()]{1,120}\)")
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|⟶)\s*")
_BATCH = r"(?:None|N|B|n|b|batch(?:_size)?|bs|\d{1,4})"
_SHAPE = re.compile(r"[(\[]\s*(?P<batch>" + _BATCH + r")\s*,\s*(?P<a>\d{1,5})\s*,\s*"
                    r"(?P<b>\d{1,5})\s*,\s*(?P<c>\d{1,5})\s*[)\]]"
                    r"|(?<![\d.,x×*])(?P<h>\d{1,5})\s*[x×]\s*(?P<w>\d{1,5})"
                    r"(?:\s*[x×]\s*(?P<d>\d{1,5}))?(?![\d.,]|\s*[x×*]\s*\d)")
_IN = re.compile(r"(?:\bon\b|\bfor\b|\btakes\b|\bto\b|:|\binput\b)\s*(?:an?\s+|the\s+)?$", re.I)
_OUT = re.compile(r"^\s*(?:gives|->|→|=>|\bto\b|returns|outputs|produces|yields|becomes|"
                  r"makes|is)\s*(?:an?\s+)?$", re.I)
_SUPPOSE = re.compile(r"\bif\b|\bwould\b|\binstead\b|\bshould\b|\bwrong\b|만약|라면", re.I)


def check_line(number: int, masked: str, raw: str) -> list[Claim]:
    """Every layer call of the line between its maps, then the one call with its shapes
    in words. ``raw``: the line as written, where a shape's brackets are (masked takes
    ``[N, 64, 11, 11]`` for a link's)."""
    calls = list(_CALL.finditer(masked))
    if not calls:
        return []
    return _between(number, masked, calls) + _in_words(number, masked, raw, calls)


# ---------------------------------------------------------------- between arrows
def _between(number: int, masked: str, calls: list[re.Match]) -> list[Claim]:
    """``16x16x128 → ConvT(128, 64, 4, 2, 1) → 32x32x64``: each call an arrow joins to
    one map before it and one after."""
    spans = []
    for call in calls:
        args = _ARGS.match(masked, call.end())
        if call.group("lib") in (None, "nn") and call.group("name") in _ARROW_CALLS and args:
            spans.append((call, args.end()))
    if not spans:
        return []
    found = maps(masked)
    out = []
    for call, end in spans:
        before = [m for m in found if m.end <= call.start() and
                  _ARROW.fullmatch(masked, m.end, call.start())]
        after = [m for m in found if m.start >= end and _ARROW.fullmatch(masked, end, m.start)]
        if len(before) != 1 or len(after) != 1:
            continue
        name = call.group("name")
        lay = torchcode.layer(f"nn.{_ALIASES.get(name, name)}({masked[call.end():end - 1]})")
        if lay is None or lay.kind == "linear":
            continue
        src, dst = before[0], after[0]
        got = torchcode.apply([lay._replace(in_channels=None)], (1, src.c, src.h, src.w))
        if got is None:
            continue
        c, h, w = got[1:]
        said = (dst.h, dst.w, dst.c)
        ok = said == (h, w, c)
        shown = f"{h}x{w}x{c}"
        doubt = lay.in_channels not in (None, src.c) or \
            (lay.kind == "conv" and "padding" not in lay.args)
        out.append(Claim(number, masked[src.start:dst.end], "shape", masked[dst.start:dst.end],
                         shown, "right" if ok else "wrong",
                         f"{masked[call.start():end]} on {src.h}x{src.w}x{src.c} gives "
                         f"{shown} (the layer algebra)",
                         confidence=1.0 if ok or not doubt else UNSURE))
    return out


# ---------------------------------------------------------------- in words
def _close(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == "(") - (text[i] == ")")
        if depth == 0:
            return i + 1
    return None


def _layer(name: str, args: str) -> tuple[Kernel, int | None] | None:
    """(the layer as the judge takes it, a conv's filters) of a call; None where not read."""
    if name in _KERAS:
        pos, named = kerasargs.call_args(args)
        pool = _KERAS[name]
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


def _in_words(number: int, masked: str, raw: str, calls: list[re.Match]) -> list[Claim]:
    """``nn.MaxPool2d(2, 2) on [N, 64, 11, 11] gives [N, 64, 6, 6]``: the line's one call,
    the shape it takes and the shape it gives after it."""
    calls = [m for m in calls if m.group("name") in _WORD_CALLS]
    if len(calls) != 1 or asks(masked) or _SUPPOSE.search(masked):
        return []
    call = calls[0]
    end = _close(masked, call.end() - 1)
    if end is None:
        return []
    name = call.group("name")
    got = _layer(name, masked[call.end():end - 1])
    if got is None:
        return []
    kern, filters = got
    written = raw if len(raw) == len(masked) else masked
    shapes = [m for m in _SHAPE.finditer(written, end)]
    if len(shapes) != 2 or not _IN.search(written, end, shapes[0].start()) or \
            not _OUT.match(written[shapes[0].end():shapes[1].start()]):
        return []
    keras = name in _KERAS
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
