"""One layer set out as labelled fields, a field a line, as course notes write an example::

    Input volume: 6x6x3
    Standard convolution:
    * Filter size = 3x3x3
    * Number of filter = 5
    * Output = 4x4x5                      <- 6 - 3 + 1 = 4, five filters: right

    입력: 32x32x3 / 필터 크기: 5x5 / 스트라이드: 1 / 필터 개수: 6 / 출력: 28x28x6

A field is ``label: value`` or ``label = value`` (list markers and emphasis masked): the
input (``Input``, ``Input volume``, ``입력``), the filter or kernel (``Filter``, ``Filter
size``, ``커널 크기``: ``k x k``, ``k x k x C`` or ``k``), the count of filters (``Number of
filters``, ``# filters``, ``필터 개수``), ``Stride``, ``Padding`` (a number, ``same``,
``valid``) and the output (``Output``, ``Output size``, ``출력``). The input starts a record;
the output ends it and is judged, the height and width by the layer algebra
(``shapes.judge``: a stride or padding not given is not guessed: right where the usual
defaults give the size, unsure where another setting would, wrong where none can), the
channels as the count of filters (a pooling's, where the record names one, as its
input's). A heading, a field of another label with a number, or a line of prose with a
number between ends the record unjudged; so does a gap of more than ``GAP`` lines. A
pooling's window (``Pool: 3x3``, ``풀링 크기``) is its kernel, its stride the window where
none is given. A record that names a transposed, dilated, grouped or depthwise layer, or
upsampling, in its lines or the ``ABOVE`` lines before it, is not judged (the plain rule
is not that layer's). Read in prose, lists and code alike (a plain fence).
"""

from __future__ import annotations

import re
from collections import deque

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.maps.shapejudge import Kernel, judge

GAP = 4  # lines between two fields of one record
CONFIDENCE = 0.85  # the fields are taken to set out one layer
NEEDS = ("input", "Input", "INPUT", "입력", "filter", "Filter", "kernel", "Kernel", "필터", "커널",
         "stride", "Stride", "패딩", "padding", "Padding", "output", "Output", "OUTPUT", "출력",
         "스트라이드", "pool", "Pool", "풀링",
         # and the words that make a record another layer's (``_OTHER``), read to see them
         "ranspos", "deconv", "psampl", "-sampl", "ilat", "atrous", "roup", "epthwise", "전치",
         "역합성곱", "업샘플", "팽창", "확장")
_FIELD = re.compile(r"^\s*([A-Za-z#가-힣][A-Za-z#가-힣 ._()-]{0,30}?)\s*[:=]\s*(\S.{0,80}?)\s*$")
_LABELS = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in (
    ("input", r"(?:input|입력)(?:\s*(?:volume|size|shape|image|map|feature\s*map|크기|이미지))?"),
    ("kernel", r"(?:filter|kernel|window|필터|커널)(?:\s*(?:size|shape|크기|사이즈))?"),
    ("pool", r"(?:max\s*|average\s*|avg\s*)?pool(?:ing)?(?:\s*(?:size|window))?|풀링(?:\s*크기)?"),
    ("count", r"(?:(?:number|no\.?|#)\s*(?:of\s*)?(?:filters?|kernels?)|filters|kernels|"
              r"(?:필터|커널)\s*(?:의\s*)?(?:개수|수))"),
    ("stride", r"strides?|스트라이드"),
    ("padding", r"padding|pad|패딩"),
    ("output", r"(?:output|출력)(?:\s*(?:volume|size|shape|map|크기))?"),
))
_MAP = re.compile(r"^\W{0,2}(\d{1,5})\s*[x×X*]\s*(\d{1,5})(?:\s*[x×X*]\s*(\d{1,5}))?\W{0,3}"
                  r"(?:\s+[^\d=+\-/]*)?$")
_KERNEL = re.compile(r"^\W{0,2}(\d{1,2})(?:\s*[x×X*]\s*(\d{1,2})(?:\s*[x×X*]\s*\d{1,5})?)?"
                     r"\W{0,3}(?:\s+[^\d=+\-/]*)?$")
_INT = re.compile(r"^\W{0,2}(\d{1,5})\W{0,3}(?:\s+[^\d=+\-/]*)?$")
_PAD_WORD = re.compile(r"^\W{0,2}(same|valid)\b", re.I)
_POOL = re.compile(r"pool|풀링", re.I)
# a layer whose output is not the plain rule's, named in the record or the lines above it
_OTHER = re.compile(r"transpos|deconv|upsampl|up-sampl|dilat|atrous|group|depthwise|전치|"
                    r"역합성곱|업샘플|팽창|확장\s*합성곱", re.I)
ABOVE = 4  # lines above a record whose words may make it another layer's
_DIGIT = re.compile(r"\d")


class FieldLines:
    """The record in progress: its fields, the line of its last field, whether a pooling
    was named."""

    def __init__(self) -> None:
        self.fields: dict[str, str] | None = None
        self.last = -10
        self.pool = False
        self.before: deque[str] = deque(maxlen=ABOVE)  # the lines above the record
        self.other = False  # the record is another layer's (transposed, dilated, ...)

    def check_line(self, number: int, masked: str, heading: bool) -> list[Claim | Skip]:
        self.before.append(masked)
        return self._read(number, masked, heading)

    def _read(self, number: int, masked: str, heading: bool) -> list[Claim | Skip]:
        if heading or number - self.last > GAP:
            self.fields = None
        m = _FIELD.match(masked)
        kind = next((k for k, rx in _LABELS if rx.fullmatch(m.group(1).strip())), None) \
            if m else None
        if kind is None:
            if self.fields is not None and _DIGIT.search(masked):
                self.fields = None  # a line of another kind with a figure: the record ends
                self.before.clear()
            elif self.fields is not None and _POOL.search(masked):
                self.pool = True
            return []
        value = m.group(2)
        if kind == "input":
            self.fields, self.pool = {}, bool(_POOL.search(masked))
            self.other = any(_OTHER.search(b) for b in self.before)
        if self.fields is None:
            return []
        self.other |= bool(_OTHER.search(masked))
        if kind == "pool":
            kind, self.pool = "kernel", True
        self.fields[kind] = value
        self.last = number
        if kind != "output":
            return []
        fields, self.fields = self.fields, None
        self.before.clear()  # what named this record's layer does not name the next one's
        return [] if self.other else self._judge(number, fields)

    def _judge(self, number: int, fields: dict[str, str]) -> list[Claim | Skip]:
        given, said = _MAP.match(fields.get("input", "")), _MAP.match(fields["output"])
        kernel = _KERNEL.match(fields.get("kernel", ""))
        if given is None or said is None or kernel is None or \
                given.group(1) != given.group(2) or said.group(1) != said.group(2) or \
                (kernel.group(2) and kernel.group(2) != kernel.group(1)):
            return []
        stride = padding = None
        if "stride" in fields:
            s = _INT.match(fields["stride"])
            if s is None:
                return []
            stride = int(s.group(1))
        if "padding" in fields:
            word, p = _PAD_WORD.match(fields["padding"]), _INT.match(fields["padding"])
            if word is None and p is None:
                return []
            padding = int(p.group(1)) if p else 0 if word.group(1).lower() == "valid" else "same"
        count = _INT.match(fields.get("count", ""))
        n, k, out = int(given.group(1)), int(kernel.group(1)), int(said.group(1))
        layer = Kernel(k, self.pool, stride, padding)
        verdict, got, note = judge(n, [layer], out)
        depth = int(said.group(3)) if said.group(3) else None
        want_c = (int(given.group(3)) if given.group(3) else None) if self.pool else \
            int(count.group(1)) if count else None
        text = f"{n}x{n} → {layer.describe()} → {fields['output'].strip()}"
        if depth is not None and want_c is not None and depth != want_c:
            shown = f"{got if got is not None else out}x{got if got is not None else out}x{want_c}"
            return [Claim(number, text, "shape", fields["output"].strip(), shown, "wrong",
                          "a pooling keeps its input's channels" if self.pool else
                          f"a conv gives one channel per filter: {want_c}", (), shown,
                          confidence=CONFIDENCE)]
        if verdict == "skip":
            return [Skip(number, text, f"unsure: {note}")]
        shown = f"{got}x{got}" + (f"x{depth}" if depth is not None else "")
        return [Claim(number, text, "shape", fields["output"].strip(), shown, verdict,
                      "layer algebra: floor((n + 2p - k) / s) + 1", (),
                      shown if verdict == "wrong" else "", confidence=CONFIDENCE)]
