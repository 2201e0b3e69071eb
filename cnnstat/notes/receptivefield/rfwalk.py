"""A receptive field followed through layers told in prose, a layer a sentence or line:
"The first layer applies 64 filters to the input, each being 5x5." / "The receptive
field of this first layer is 5x5" / "a pooling of regions of size 2x2 with a stride of
2, so the receptive field is now 6x6".

The walk starts at a layer said to be the first (or to read the input) with a field of
1 and a jump of 1, and grows by the analysis's rule (``cnnstat.analysis.grow``:
``r + (k - 1)·j``, ``j·s``) through each layer whose window it reads: one square window
beside a layer word (``5x5 filters``, ``filters ... each being 5x5``, ``pools regions of
size 2x2``), its stride stated (``stride of 2``, ``stride 2x2``) or, for a conv, 1. A
field stated on a layer's line, or on the line after it, is judged against the walk; a
wrong one is not carried on. The walk ends (nothing more is said) at a line that names a
layer without a window it can read, a pooling without its stride, a dilation, two
windows on one line, or after ``GAP`` lines without a layer.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.signs import Gated

_LAYER_WORD = (r"(?:conv\w*|filters?|kernels?|pool\w*|max[- ]?pool\w*|windows?|regions?|필터|커널|"
               r"풀링|합성곱|컨볼루션)")


def _sq(name: str) -> str:
    """A square window, ``5x5``, its side in group ``name``."""
    return rf"(?<![\d.])(?P<{name}>\d{{1,2}})\s*[x×]\s*(?P={name})(?!\d|\.\d|\s*[x×]\s*\d)"


_WINDOW = re.compile(rf"{_sq('a')}(?:\s*/\s*\d)?\s*{_LAYER_WORD}|{_LAYER_WORD}\b[^.;]{{0,40}}?"
                     rf"(?:each\s+being|of\s+size|sized?|size\s+of|of)\s+{_sq('b')}", re.I)
_POOL = re.compile(r"pool|subsampl|풀링", re.I)
_LAYER = re.compile(r"\b(?:conv\w*|filters?|kernels?|pool\w*|layer)\b|필터|커널|풀링", re.I)
# "stride of 2", "stride 2x2", "스트라이드 2", and "3x3/2" after the window
_STRIDE = re.compile(r"(?:stride|스트라이드)\s*(?:of\s*|=\s*|:\s*|는\s*|가\s*)?(\d)(?:\s*[x×]\s*(\d))?"
                     r"(?!\d)|(?<=\d)\s*/\s*(\d)(?![\d.])", re.I)
_FIRST = re.compile(r"\bfirst\b|첫\s*번째", re.I)  # a walk starts over
_START = re.compile(r"\binput\b|입력", re.I)  # or starts, where none is under way
_FIELD = Gated(("receptive", "수용"), r"(?:receptive\s+field|수용\s*(?:영역|장))[^.;]{0,40}?"
               r"(?:is|=|:|becomes|of|가|은|는)\s*(?:now\s+|then\s+)?(\d{1,4})\s*[x×]\s*(\d{1,4})"
               r"(?!\d|\.\d|\s*[x×]\s*\d)", re.I)
_SQUARE = re.compile(r"\d\s*[x×]\s*\d", re.I)  # in every window and field above
_OFF = re.compile(r"dilat|atrous|팽창|stacked|\b(?:two|three|four)\s+\d", re.I)
NEEDS = ("receptive", "수용", "filter", "kernel", "conv", "pool", "window", "region", "layer",
         "필터", "커널", "풀링", "합성곱", "컨볼루션", "dilat", "atrous", "팽창", "stacked",
         "two", "three", "four")  # every word a line that changes the walk holds
GAP = 8  # lines a walk waits for its next layer
CONFIDENCE = 0.8  # the layers are read from sentences, not from a table


class Walk:
    def __init__(self) -> None:
        self.rf = self.jump = 0  # 0: no walk
        self.last = 0  # the line of the last layer read
        self.pending: tuple[int, int, int] | None = None  # a layer not yet grown: k, s, line

    def check_line(self, number: int, masked: str) -> list[Claim]:
        if self.rf and number - self.last > GAP:
            self.rf = 0
        if _OFF.search(masked):
            self.rf, self.pending = 0, None
            return []
        if not _SQUARE.search(masked):
            return []  # no window, no field, nothing that ends the walk (each is a product)
        windows = list(_WINDOW.finditer(masked))
        field = _FIELD.search(masked)
        if len(windows) > 1 or (not windows and _LAYER.search(masked) and not field and
                                 re.search(r"\d\s*[x×]\s*\d", masked)):
            self.rf, self.pending = 0, None  # layers it cannot read: the walk ends
            return []
        if windows:
            self._flush()
            w = windows[0]
            k = int(w.group("a") or w.group("b"))
            s = _STRIDE.search(masked)
            if s is not None and s.group(2) and s.group(2) != s.group(1):
                stride = None
            else:
                stride = int(s.group(1) or s.group(3)) if s else \
                    (None if _POOL.search(masked) else 1)
            first = _FIRST.search(masked)
            if not 1 <= k <= 11 or stride is None or (not self.rf and not first and
                                                       not _START.search(masked)):
                self.rf, self.pending = 0, None
                return []
            if not self.rf or first:
                self.rf = self.jump = 1
            self.pending, self.last = (k, stride, number), number
        if field is None or field.group(1) != field.group(2) or self.pending is None:
            return []
        k, s, _ = self.pending
        self._flush()
        claimed = int(field.group(1))
        ok = claimed == self.rf
        return [Claim(number, " ".join(field.group(0).split()), "receptive field",
                      f"{claimed}x{claimed}", f"{self.rf}x{self.rf}", "right" if ok else "wrong",
                      f"after a {k}x{k} window of stride {s}: r + (k - 1)·j = {self.rf}",
                      confidence=CONFIDENCE)]

    def _flush(self) -> None:
        """Grow the walk through the layer waiting on it."""
        if self.pending is None or not self.rf:
            return
        from cnnstat.analysis import grow
        k, s, _ = self.pending
        rf, jump = grow((self.rf, self.rf), (self.jump, self.jump), ((k, k), (s, s)))
        self.rf, self.jump, self.pending = rf[0], jump[0], None
