"""A comment that says in words how the layer under it (or beside it) is set, against the
call that builds it::

    # Conv layer 2: 3x3 kernel, stride=1, padding=0, 20 output channels
    self.conv2 = nn.Conv2d(in_channels=2, out_channels=4, kernel_size=3, stride=1, padding=0)
    # max pooling, 2x2 window, stride 2
    self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
    x = layers.Conv2D(64, (5, 5), strides=2)(x)  # 5x5 kernels, stride 2, 64 filters

Templates are copied and their code changed while the comment stays: the code is what
runs, so the comment is judged against the call. The comment states one or more of the
layer's settings: its kernel (``3x3 kernel``, ``kernel_size=3``, ``kernel 5``), its stride
(``stride=1``, ``stride of 2``), its padding (a number), and a conv's output channels
(``20 output channels``, ``64 filters``, ``16 feature maps``, ``out_channels=4``). The
call is one convolution or pooling (``sidearrow``'s names, its settings whole numbers
written in it) on the line the comment closes, or the next code line under a comment
alone on its line (blank lines between); a comment right under another layer's line may
be that layer's, and is only said right where the call under it agrees. A comment that names two kernels, two strides,
or another layer's words (``then``, ``followed``, ``each``, ``block``, ``x2``) is a stage's,
not one layer's: not read. Right where every setting it states is the call's; wrong where
one is not (the call's value named).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms.sidearrow import _CALL, closing, settings

CONFIDENCE = 0.85  # the comment is taken to describe the layer under it
GAP = 3  # lines from the comment to its layer (blank lines between)
_KERNEL = (re.compile(r"\b(\d{1,2})\s*[x×]\s*(\d{1,2})\s*(?:(?:conv\w*\s+)?(?:kernels?|filters?|"
                      r"windows?)|(?:max\s*|average\s*|avg\s*)?pool\w*|conv\w*)\b", re.I),
           re.compile(r"\b(?:kernels?|filters?|windows?)\s+of\s+(?:size\s+)?(\d{1,2})\s*[x×]\s*"
                      r"(\d{1,2})\b", re.I),
           re.compile(r"\b(?:kernel|window|pool)(?:[ _]size)?\s*(?:[=:]|of|is)?\s*\(?(\d{1,2})"
                      r"(?:\s*[x×,]\s*(\d{1,2}))?\)?", re.I))
_STRIDE = re.compile(r"\bstrides?\s*(?:[=:]|of|is)?\s*\(?(\d{1,2})(?:\s*,\s*(\d{1,2})\))?", re.I)
_PADDING = re.compile(r"\b(?:padding|pad)\s*(?:[=:]|of|is)?\s*(\d{1,2})\b(?!\s*[x×])", re.I)
_OUT = (re.compile(r"\b(\d{1,5})\s+(?:output\s+channels|out\s+channels|filters|feature\s+maps|"
                   r"kernels)\b", re.I),
        re.compile(r"\b(?:out_channels|filters)\s*=\s*(\d{1,5})\b", re.I))
_STAGE = re.compile(r"\b(?:then|followed|each|block|stage|repeat\w*|twice|both|layers)\b|"
                    r"\bx\s*\d\b|×\s*\d\b|→|->", re.I)
# the layer's own word, by the call's kind (a comment naming neither is not the layer's)
_CONV_WORD = re.compile(r"conv|합성곱|filters|feature\s+maps|output\s+channels", re.I)
_POOL_WORD = re.compile(r"pool|풀링", re.I)
# a map the layer gives (``(60, 60, 8)``, ``28x28x16``): the shape readers' comment
_MAPPED = re.compile(r"\(\s*\d+\s*,\s*\d+\s*,\s*\d+|\d+\s*[x×]\s*\d+\s*[x×]\s*\d+")
_PRINTED = re.compile(r"[A-Za-z_]\w*\s*\(")  # a layer printed (``Conv2d(32, 64, ...)``)


# a darknet row kept as the comment over its port (``#13 conv7 1024 3 x 3 / 1 13 x 13 x 512
# -> 13 x 13 x 1024``): filters, kernel, stride, and the input's channels
_ROW = re.compile(r"^\s*\d{0,3}\s*conv\w*\s+(\d{1,5})\s+(\d{1,2})\s*x\s*(\d{1,2})\s*/\s*(\d{1,2})\s+"
                  r"\d{1,4}\s*x\s*\d{1,4}\s*x\s*(\d{1,5})\s*->", re.I)
# a TensorFlow kernel's weights, [kh, kw, in, out] (``weight_variable([3,3,512,1024])``)
_WEIGHTS = "a kernel's weights [kh, kw, in, out]"
_WEIGHT = re.compile(r"(?:weight|variable|kernel)\w*\s*\(.{0,40}?\[\s*(\d{1,2})\s*,\s*(\d{1,2})\s*,"
                     r"\s*(\d{1,5})\s*,\s*(\d{1,5})\s*\]", re.I)


def _stated(comment: str) -> dict[str, int] | None:
    """The settings a comment states in words (None where it states two of one kind, or
    reads as a stage of layers)."""
    row = _ROW.match(comment)
    if row:
        n, kh, kw, stride, given = (int(g) for g in row.groups())
        return {"kernel": kh, "stride": stride, "channels": n, "in": given} if kh == kw \
            else None
    if _STAGE.search(comment) or _PRINTED.search(comment) or _MAPPED.search(comment) or \
            not (_CONV_WORD.search(comment) or _POOL_WORD.search(comment)):
        return None
    out: dict[str, int] = {}
    kernels = {(m.group(1), m.group(2) or m.group(1)) for rx in _KERNEL
               for m in rx.finditer(comment)}
    strides = {(m.group(1), m.group(2) or m.group(1)) for m in _STRIDE.finditer(comment)}
    pads = {m.group(1) for m in _PADDING.finditer(comment)}
    outs = {m.group(1) for rx in _OUT for m in rx.finditer(comment)}
    for name, found in (("kernel", kernels), ("stride", strides)):
        if len(found) > 1:
            return None
        if found:
            a, b = next(iter(found))
            if a != b:
                return None
            out[name] = int(a)
    for name, found in (("padding", pads), ("channels", outs)):
        if len(found) > 1:
            return None
        if found:
            out[name] = int(next(iter(found)))
    return out or None


def _built(code: str) -> tuple[str, dict[str, int]] | None:
    """The one layer call on a line of code: its name and settings."""
    weights = list(_WEIGHT.finditer(code))
    if len(weights) == 1 and weights[0].group(1) == weights[0].group(2):
        kernel, _, given, channels = (int(g) for g in weights[0].groups())
        return _WEIGHTS, {"kernel": kernel, "in": given, "channels": channels}
    calls = list(_CALL.finditer(code))
    if len(calls) != 1:
        return None
    call = calls[0]
    end = closing(code, call.end())
    if end is None:
        return None
    name, args = call.group(1), code[call.end():end]
    got = settings(name, args)
    if got is None:
        return None
    from cnnstat.notes.maps.arrowcalls import _channels

    kernel, stride, padding, _ = got
    out = {"kernel": kernel, "stride": stride, "padding": padding}
    channels = _channels(name, args)
    if channels is not None:
        out["channels"] = channels
    first = re.match(r"\s*(?:in_channels\s*=\s*)?(\d{1,5})\s*,", args)
    if name == "Conv2d" and first:
        out["in"] = int(first.group(1))
    return name, out


class SettingNote:
    """A comment alone on its line that states settings, waiting for the layer under it."""

    def __init__(self) -> None:
        self.pending: tuple[int, str, dict[str, int], bool] | None = None
        self.built = -10  # the last line that built a layer

    def line(self, number: int, raw: str) -> list[Claim]:
        code, sep, comment = raw.partition("#")
        pending, self.pending = self.pending, None
        if not raw.strip():
            self.pending = pending  # blank lines between the comment and its layer
            return []
        if sep and not code.strip():  # a comment alone: it may describe the next layer,
            said = _stated(comment)  # or, right under a layer, the one above
            self.pending = (number, comment.strip(), said, self.built == number - 1) \
                if said else None
            return []
        if _built(code) is not None:
            self.built = number
        if sep and _stated(comment):
            return _judge(number, comment.strip(), _stated(comment), code)
        if pending is not None and number - pending[0] <= GAP:
            got = _judge(pending[0], pending[1], pending[2], code)
            return [c for c in got if c.verdict == "right"] if pending[3] else got
        return []


def _judge(number: int, comment: str, said: dict[str, int], code: str) -> list[Claim]:
    built = _built(code)
    if built is None:
        return []
    name, has = built
    if name == _WEIGHTS and not _ROW.match(comment):
        return []  # words over TensorFlow weights are the "tensorflow code" reader's
    pool = "Pool" in name
    if not (_POOL_WORD if pool else _CONV_WORD).search(comment) or \
            (pool and _CONV_WORD.search(comment)):
        return []  # the comment names another kind of layer than the call's
    if "channels" in said and pool:
        return []  # a pooling's channels are its input's: not in its call
    common = [k for k in said if k in has]
    if not common:
        return []
    off = [k for k in common if said[k] != has[k]]
    how = f"{name} in the code: " + ", ".join(f"{k} {has[k]}" for k in common)
    if off:
        how += "; the comment says " + ", ".join(f"{k} {said[k]}" for k in off)
    want = ", ".join(f"{k} {has[k]}" for k in common)
    return [Claim(number, comment, "shape", comment, want, "wrong" if off else "right", how,
                  confidence=CONFIDENCE)]


__all__ = ["CONFIDENCE", "SettingNote"]
