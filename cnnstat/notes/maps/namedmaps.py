"""A named network's feature maps written as products, a map a line or a table row, traced
from the input the note states::

    VGG 16                                        (the network, named alone on a line)
    | 입력        | 224 x 224 x 3  | ...          (an input word and the spec's input)
    | 첫번째 블록 | 224 x 224 x 64 | conv 3x3 |    (the output of a layer after the last)
    | (next)      | 224 x 244 x 64 | conv 3x3 |    (no layer gives it: the next conv with 64
                                                   channels gives 224x224x64: wrong)
    - 입력 데이터로는 3x224x224 사이즈의 RGB 이미지    (channels first: mapread reads both)
    - 풀링 이후 사이즈는 64x112x112이다.

``trace`` reads maps with their batch first (``torch.Size([1, 64, 55, 55])``); this reads
the maps ``mapread`` reads (``28x28x6``, ``64x224x224``, ``(28, 28, 32)``) with the same
judge (``trace.Trace._judge``): walked from the stated input through every bundled spec
the name means (a family named alone, ``VGGNet``, means all its variants); right where a
spec gives the map after the layer the last map matched; wrong only where every spec
says so, the line names the layer's kind (conv, 합성곱, pool, 풀링, fc) and a map of the
trace agreed before. A line that sets out filters or kernels (``64x3x3 사이즈의 64개의
필터``: a filter's volume), holds two maps or more (a layer's input and output), asks, or
names another network is not judged; another network named restarts the trace.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.maps.mapread import maps
from cnnstat.notes.maps.trace import Trace, _Net, spec_input
from cnnstat.notes.modelfacts.models import NAME_SIGNS, mentions, resolve
from cnnstat.notes.reading.normalise import plain_latex
from cnnstat.notes.reading.questions import asks

NEEDS = NAME_SIGNS + ("x", "×", "*", "\\times", "(")  # a network named, or a map
_INPUT_WORD = re.compile(r"input|입력", re.I)
_VOLUME_WORD = re.compile(r"filter|kernel|필터|커널|weight|가중치|param|파라미터", re.I)
# the layer's kind a line names: (pattern, the spec's row type it means)
_KIND_WORDS = ((re.compile(r"conv|합성곱|컨볼루션", re.I), "conv"),
               (re.compile(r"pool|풀링", re.I), "pool"),
               (re.compile(r"\bfc\b|linear|dense|fully|완전\s*연결", re.I), "linear"))


class NamedMaps(Trace):
    """The network named last, walked from the input stated after it."""

    def _name(self, masked: str, number: int) -> None:
        found = mentions(masked)
        if len({(m.family, m.key) for m in found}) != 1:
            if found:  # two networks on the line: which one the maps are, unknown
                self.net, self.rows = None, {}
            return
        specs = tuple(resolve(found[0]).specs)
        if self.net is None or specs != self.net.specs:
            self.net = _Net(specs, number) if specs else None
            self.rows, self.input = {}, None

    def check_line(self, number: int, raw: str, masked: str | None = None
                   ) -> tuple[list[Claim], list[Skip]]:
        masked = plain_latex(raw if masked is None else masked).replace("¦", " ")
        self._name(masked, number)
        if self.net is None:
            return [], []
        found = maps(masked)
        if len(found) != 1 or _VOLUME_WORD.search(masked) or asks(masked):
            return [], []
        m = found[0]
        dims = (m.c, m.h, m.w)
        if _INPUT_WORD.search(masked):
            self._start(dims)
            return [], []
        if self.input is None or not self.rows:
            return [], []
        kind = next((k for rx, k in _KIND_WORDS if rx.search(masked)), None)
        verdicts = [self._judge(spec, rows, None, kind, dims) for spec, rows in self.rows.items()]
        text = raw[m.start:m.end].strip() if len(raw) == len(masked) else masked[m.start:m.end]
        return self.settled(number, text, verdicts), []

    def _start(self, dims: tuple[int, ...]) -> None:
        """An input line: the specs of the network named whose own input has these
        channels (a network is walked only on the channels it is built for: a walk costs
        a spec's whole analysis, and an input of other channels is another network's)."""
        super()._start(dims)
        self._pending = tuple(s for s in self._pending if (spec_input(s) or (None,))[0] == dims[0])

    def table(self, block: list) -> list[Claim]:
        """A markdown table's rows, one map a row, in order."""
        out: list[Claim] = []
        for line in block or ():
            out += self.check_line(line.number, line.raw, line.masked)[0]
        return out
