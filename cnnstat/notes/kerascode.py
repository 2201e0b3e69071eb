"""Shapes a note writes beside its Keras layers: ``model.add(Conv2D(32, (3, 3),
input_shape=(28, 28, 1)))  # (None, 26, 26, 32)``, ``x = MaxPooling2D(2)(x)  # [batch,
13, 13, 32]``, or the shape alone in a comment on the line after the layer.

The layers are read in order (``Conv2D``, ``MaxPooling2D``/``AveragePooling2D``,
``Flatten``, ``Dense``, ``GlobalAveragePooling2D``, and the layers that keep a shape:
activations, dropout, batch norm); the first one's ``input_shape=(H, W, C)`` (or an
``Input(shape=(H, W, C))``) gives the shape they start from. Each output is computed by
the layer algebra (``cnnstat.layers``, channels first; Keras prints channels last). A shape
written beside a layer is judged against that output; where the input is not known, a
conv's channels are still its filter count. A layer this reader cannot take apart
(strides with ``'same'``, dilation, a call it does not know) makes the shapes below
unknown until the next ``input_shape``.
"""

from __future__ import annotations

import re

from cnnstat.errors import SpecError
from cnnstat.notes.claims import Claim, Edit

_CALL = re.compile(r"\b(Conv2D|Convolution2D|MaxPooling2D|MaxPool2D|AveragePooling2D|"
                   r"AvgPool2D|Flatten|Dense|GlobalAveragePooling2D|GlobalMaxPooling2D|"
                   r"Dropout|BatchNormalization|Activation|ReLU|LeakyReLU|InputLayer|Input|"
                   r"[A-Z]\w{0,40})\s*\(([^()]{0,200}(?:\([^()]{0,60}\)[^()]{0,200}){0,6})\)")
_KEEP = {"Dropout", "BatchNormalization", "Activation", "ReLU", "LeakyReLU"}
_INPUT = re.compile(r"(?:input_shape|shape|batch_input_shape)\s*=\s*[(\[]\s*(?:None\s*,\s*)?"
                    r"(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,?\s*[)\]]")
# a shape in a comment: (None, 26, 26, 32), [batch, 13, 13, 32], (batch_size, 10)
_SHAPE = re.compile(r"[(\[]\s*(?:None|batch(?:_size)?|N|B|-1|\?)\s*,\s*(\d{1,6}(?:\s*,\s*"
                    r"\d{1,6}){0,2})\s*,?\s*[)\]]")
_INT = re.compile(r"\d{1,5}")
_ARROW = re.compile(r"\s*(?:->|→|=>|⇒|\bto\b|-{1,2}>)\s*$")
# words that make a shape in prose the layer's input: "on a (None, 28, 28, 1) input"
_GIVEN = re.compile(r"\s*(?:input|입력)|.{0,20}\b(?:on|from|takes?|given|receives?|input)\b",
                    re.I)
# how a layer is applied: ``y = Conv2D(...)(x)`` reads x and gives y; ``net.add(...)``
# reads and gives net's output
_FUNCTIONAL = re.compile(r"^\s*(?P<gives>\w{1,40})\s*=\s*.{0,300}\)\s*\(\s*(?P<takes>\w{1,40})\s*\)"
                         r"\s*$")
_ADD = re.compile(r"^\s*(?P<takes>(?P<gives>\w{1,40}))\.add\s*\(")
_ASSIGNED = re.compile(r"^\s*(\w{1,40})\s*=")
GAP = 20  # lines after the last layer read that the model's shape is kept
WINDOW = 2  # a shape alone on a comment line belongs to the layer this many lines above


def _args(text: str) -> tuple[list[str], dict[str, str]]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        depth += (ch in "([") - (ch in ")]")
        cur += ch
    if cur.strip():
        parts.append(cur.strip())
    pos = [p for p in parts if not re.match(r"^\w+\s*=", p)]
    named = {m.group(1): m.group(2).strip() for p in parts
             for m in [re.match(r"^(\w+)\s*=\s*(.+)$", p)] if m}
    return pos, named


def _output(comment: str) -> re.Match | None:
    """The shape a comment gives as the layer's output: its one shape, or the last of
    ``(None, 28, 28, 1) -> (None, 26, 26, 32)``; None for shapes set side by side."""
    shapes = list(_SHAPE.finditer(comment))
    if len(shapes) > 1 and not all(_ARROW.match(comment, a.end(), b.start())
                                   for a, b in zip(shapes, shapes[1:])):
        return None
    return shapes[-1] if shapes else None


def _pair(text: str | None) -> int | None:
    if text is None:
        return None
    nums = _INT.findall(text)
    if not nums or len(set(nums)) != 1 or not re.fullmatch(r"[\s(\[\d,)\]]+", text):
        return None
    return int(nums[0])


class Model:
    """The Keras layers read so far: the shape after the last one (channels first)."""

    def __init__(self) -> None:
        self.shape: tuple[int, ...] | None = None
        self.filters: int | None = None  # the last conv's, when nothing else is known
        self.last = -10  # the line of the last layer read
        self.judged = -10  # the line whose shape was judged last
        self.var: str | None = None  # what holds the output: a tensor's or a model's name

    def check_line(self, number: int, raw: str, prose: bool = False) -> list[Claim]:
        """``prose``: a line of prose (or of code in a fence without a language), where
        the shape may follow the layer without a ``#``: ``Conv2D(32, 3) gives (None, 26,
        26, 32)``, one shape after the call, not said to be its input."""
        if "(" not in raw and "[" not in raw:
            return []  # no layer, no shape (most lines: a cheap test)
        code, hash_, comment = raw.partition("#")
        layer = next((m for m in reversed(list(_CALL.finditer(code)))
                      if m.group(1) not in ("Input", "Sequential")
                      and not m.group(1).endswith("Model")), None)
        flow = _FUNCTIONAL.match(code) or _ADD.match(code)
        takes = flow.group("takes") if flow and layer is not None else None
        if "Sequential(" in code or number - self.last > GAP or \
                (takes is not None and takes != self.var):
            self.shape = self.filters = None  # another model, or code far below the last
        if flow is not None:
            self.var = flow.group("gives")
        start = _INPUT.search(code)
        if start:
            h, w, c = (int(g) for g in start.groups())
            self.shape, self.filters = (c, h, w), None
            self.var = flow.group("gives") if flow else _ASSIGNED.match(code) and \
                _ASSIGNED.match(code).group(1)
        if layer is not None:
            self._apply(layer)
            self.last = number
        elif code.strip() or number - self.last > WINDOW or self.judged >= self.last:
            return []  # a shape alone on a comment line: the layer just above's, once
        shown, offset = (_output(comment), len(code) + 1) if hash_ else (None, 0)
        if shown is not None and (_GIVEN.search(comment, 0, shown.start()) or
                                  _GIVEN.match(comment, shown.end())):
            return []  # "# input: (None, 28, 28, 1)": not the layer's output
        if not hash_ and prose and layer is not None:
            after = list(_SHAPE.finditer(code, layer.end()))
            if len(after) == 1 and not _GIVEN.search(code, layer.end(), after[0].start()) \
                    and not _GIVEN.match(code, after[0].end()):
                shown, offset = after[0], 0
        if shown is None:
            return []
        self.judged = number
        return self._judge(number, offset, shown)

    # ------------------------------------------------------------------ layers
    def _apply(self, m: re.Match) -> None:
        name, (pos, named) = m.group(1), _args(m.group(2))
        if name in _KEEP:
            return
        conv = name in ("Conv2D", "Convolution2D")
        self.filters = None
        if conv and pos and pos[0].isdigit():
            self.filters = int(pos[0])
        elif conv and named.get("filters", "").isdigit():
            self.filters = int(named["filters"])
        try:
            self.shape = self._out(name, pos, named)
        except (SpecError, ValueError, KeyError, IndexError):
            self.shape = None

    def _out(self, name: str, pos: list[str], named: dict[str, str]):
        from cnnstat.layers import KINDS
        if self.shape is None or set(named) & {"dilation_rate", "groups", "data_format"}:
            return None
        if name == "Flatten":
            return KINDS["flatten"].make({}).apply(self.shape).output
        if name == "Dense":
            units = pos[0] if pos else named.get("units", "")
            if len(self.shape) != 1 or not units.isdigit():
                return None
            return (int(units),)
        if name.startswith("Global") and len(self.shape) == 3:
            return (self.shape[0],)
        pool = name in ("MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D")
        if not pool and self.filters is None:
            return None
        at = 0 if pool else 1  # the kernel's place among the positional arguments
        kernel = _pair(named.get("pool_size" if pool else "kernel_size") or
                       (pos[at] if len(pos) > at else ("2" if pool else None)))
        given = named.get("strides") or (pos[at + 1] if len(pos) > at + 1 else None)
        stride = _pair(given) if given not in (None, "None") else (kernel if pool else 1)
        padding = named.get("padding", "'valid'").strip("'\"")
        if kernel is None or stride is None or padding not in ("valid", "same") or \
                (padding == "same" and stride != 1):
            return None
        args = {"kernel": kernel, "stride": stride, "padding": 0 if padding == "valid" else "same"}
        if pool:
            return KINDS["maxpool"].make(args).apply(self.shape).output
        return KINDS["conv"].make(dict(args, out=self.filters)).apply(self.shape).output

    # ------------------------------------------------------------------ shapes
    def _judge(self, number: int, offset: int, m: re.Match) -> list[Claim]:
        dims = tuple(int(d) for d in _INT.findall(m.group(1)))
        claimed = tuple(dims[-1:] + dims[:-1]) if len(dims) == 3 else dims
        text = m.group(0)
        a, b = offset + m.start(1), offset + m.end(1)
        if self.shape is not None:
            want = self.shape
            ok = claimed == want
            shown = ", ".join(map(str, want[1:] + want[:1] if len(want) == 3 else want))
            how = "the layer algebra from the input above (Keras writes channels last)"
            if not ok:
                self.shape = want
        elif self.filters is not None and len(dims) == 3:
            ok = dims[-1] == self.filters
            shown = ", ".join(map(str, dims[:-1] + (self.filters,)))
            how = f"a conv with {self.filters} filters gives {self.filters} channels"
            self.shape = claimed if ok else None
        else:
            return []
        return [Claim(number, text, "shape", m.group(1), shown, "right" if ok else "wrong",
                      how, () if ok else (Edit(number, a, b, shown),), shown)]
