"""A ConvNetJS network set out layer by layer (``layer_defs.push({type:'conv', sx:5,
filters:16, stride:1, pad:2, activation:'relu'});``) and the volume a comment under a layer
gives (``// output Vol will thus be 32x32x16 at this point``, ``// 16x16x16 after pooling``).

Each layer is applied in turn by the layer algebra with ConvNetJS's own defaults (its
``ConvLayer``: stride 1, pad 0; ``PoolLayer``: stride 2, pad 0; ``sy`` as ``sx``), so
floor((in + 2 pad - sx) / stride) + 1; ``fc`` and the classifiers (``softmax``, ``svm``,
``regression``) give 1x1xN. A volume is written width x height x depth. A layer this
reader does not know (``maxout``, a type of the note's own) leaves the volume unknown until
the next ``input``. A comment about a filter or a kernel (``16 kernels, each of size
5x5x3``) gives no volume.
"""

from __future__ import annotations

import re

from cnnstat.errors import SpecError
from cnnstat.notes.claims import Claim, Edit

_PUSH = re.compile(r"\{\s*type\s*:\s*['\"](\w+)['\"]([^{}]{0,300})\}")
_KV = re.compile(r"(\w+)\s*:\s*['\"]?([\w.]+)")
_VOL = re.compile(r"(?<![\w.])(\d{1,5})\s*[x×]\s*(\d{1,5})\s*[x×]\s*(\d{1,5})(?![\w.]|\s*[x×])")
_OUTPUT = re.compile(r"\bvol(?:ume)?\b|\boutput|\bout\b|\bafter\b", re.I)
_NOT_VOL = re.compile(r"kernel|filter|weight|param", re.I)
_KEEP = {"relu", "sigmoid", "tanh", "dropout", "lrn"}
_CLASSES = {"softmax": "num_classes", "svm": "num_classes", "regression": "num_neurons",
            "fc": "num_neurons"}
BELOW = 6  # comment lines under a layer that may give its volume


class Net:
    """The volume (depth, height, width) after the last layer read, and its line."""

    def __init__(self) -> None:
        self.shape: tuple[int, ...] | None = None
        self.line = -BELOW
        self.judged = False  # the last layer's volume was judged already

    def check_line(self, number: int, raw: str) -> list[Claim]:
        code, _, comment = raw.partition("//")
        m = _PUSH.search(code)
        if m is not None:
            self._apply(m.group(1), dict(_KV.findall(m.group(2))))
            self.line, self.judged = number, False
        elif code.strip() or number - self.line > BELOW or self.judged:
            return []
        vol = _VOL.search(comment)
        if vol is None or self.shape is None or len(self.shape) != 3 or \
                not _OUTPUT.search(comment) or _NOT_VOL.search(comment):
            return []
        self.judged = True
        w, h, d = (int(g) for g in vol.groups())
        want = (self.shape[2], self.shape[1], self.shape[0])
        shown = "x".join(map(str, want))
        at = len(code) + 2
        ok = (w, h, d) == want
        return [Claim(number, vol.group(0), "shape", vol.group(0), shown,
                      "right" if ok else "wrong", "ConvNetJS's layers from the input above "
                      "(width x height x depth; floor((in + 2 pad - sx) / stride) + 1)",
                      () if ok else (Edit(number, at + vol.start(), at + vol.end(), shown),),
                      shown)]

    def _apply(self, kind: str, opt: dict[str, str]) -> None:
        from cnnstat.layers import KINDS

        def num(key: str, default: int | None = None) -> int | None:
            value = opt.get(key)
            return int(value) if value is not None and value.isdecimal() else default

        shape, self.shape = self.shape, None
        if opt.get("activation", "relu") not in ("relu", "sigmoid", "tanh"):
            return  # maxout changes the depth
        if kind == "input":
            sx, sy, d = num("out_sx"), num("out_sy"), num("out_depth")
            if None not in (sx, sy, d):
                self.shape = (d, sy, sx)
        elif shape is None:
            return
        elif kind in _KEEP:
            self.shape = shape
        elif kind in _CLASSES:
            n = num(_CLASSES[kind])
            self.shape = (n, 1, 1) if n is not None else None
        elif kind in ("conv", "pool") and num("sx") is not None:
            sx = num("sx")
            sy = num("sy", sx)
            args = {"kernel": sx if sy == sx else [sy, sx],
                    "stride": num("stride", 1 if kind == "conv" else 2), "padding": num("pad", 0)}
            if None in args.values() or (kind == "conv" and num("filters") is None):
                return
            try:
                if kind == "conv":
                    self.shape = tuple(KINDS["conv"].make(dict(args, out=num("filters")))
                                       .apply(shape).output)
                else:
                    self.shape = tuple(KINDS["maxpool"].make(args).apply(shape).output)
            except SpecError:
                self.shape = None
