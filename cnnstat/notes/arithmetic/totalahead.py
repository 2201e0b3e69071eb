"""A total stated before the layers it adds up, each layer's count on a line of its own::

    - Total parameters: 64,630
    - Layers:
      - First layer: 62,880 parameters
      - Second layer: 1,620 parameters
      - Third layer: 230 parameters      <- they add up to 64,730

The total line holds a total word, a parameter word and one figure; the list that follows
(within ``GAP`` lines) gives a layer a line: a layer's label, one figure and a parameter
word. The list must start at the first layer (``Layer 1``, ``First layer``, ``conv1``,
``Convolutional Layer 1``, ``1층``) and hold two layers or more; it ends at the first line
that is no layer of it (a heading too). The total is judged then: right where the list
adds up to it; wrong only where the two differ in one digit, or in two neighbours swapped
(a slip of the sum, not a list that leaves a layer out on purpose); otherwise not judged.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.numbers import plain, write_like
from cnnstat.notes.reading.numerals import read_number

GAP = 2  # lines between the total and the list's first layer
MAX_LAYERS = 40
CONFIDENCE = 0.8  # the list is read as the total's parts from its layout
_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+"
_TOTAL = re.compile(r"^[\s>*#|+-]*(?:\d+[.)]\s*)?(?:the\s+)?(?:total|총)\s*"
                    r"(?:number\s+of\s+)?(?:#\s*)?(?:trainable\s+)?"
                    r"(?:param(?:eter)?s?|파라미터|매개\s*변수)\s*(?:수|개수)?"
                    r"\s*[:=]\s*(?P<n>" + _NUM + r")\s*(?:개|params|parameters)?\s*[.]?\s*$", re.I)
_ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|output|input|final|last"
_LAYER = re.compile(r"^[\s>*#|+-]*(?P<label>(?:[A-Za-z]+\s+){0,2}"
                    r"(?:layer|conv\w*|fc|dense|linear|층|레이어)\s*_?(?P<k>\d{1,2})?|"
                    r"(?:" + _ORD + r")\s+(?:[A-Za-z]+\s+)?layer|"
                    r"(?P<k2>\d{1,2})\s*(?:번째\s*)?층)\s*[:=-]\s*(?P<n>" + _NUM + r")\s*"
                    r"(?:개의?\s*)?(?:params|parameters|파라미터|매개\s*변수)\b", re.I)
_FIRST = re.compile(r"\b(?:first|input)\b", re.I)


class Ahead:
    def __init__(self) -> None:
        self.total: tuple[int, str, int, int, str] | None = None  # line, text, start, end, figure
        self.layers: list[tuple[int, Fraction, str]] = []
        self.last = 0

    def check_line(self, number: int, masked: str, heading: bool = False) -> list[Claim]:
        if self.total is None:
            if heading or not ("total" in masked.lower() or "총" in masked):
                return []
            self._open(number, masked)
            return []
        layer = None if heading else _LAYER.match(masked)
        if layer is not None and (self.layers or number - self.last <= GAP + 1) and \
                len(self.layers) < MAX_LAYERS:
            got = read_number(masked, layer.start("n"))
            if got is not None and got[0].unit == 1:
                if self.layers or _first(layer):
                    self.layers.append((number, got[0].value, layer.group("label")))
                    self.last = number
                    return []
        if not self.layers and number - self.last <= GAP and not heading:
            return self._open(number, masked) or []  # a lead-in line ("- Layers:")
        out = self._judge()
        self.total, self.layers = None, []
        if not heading and ("total" in masked.lower() or "총" in masked):
            self._open(number, masked)
        return out

    def _open(self, number: int, masked: str) -> list[Claim] | None:
        m = _TOTAL.match(masked)
        if m is not None:
            self.total = (number, " ".join(masked[m.start():m.end("n")].split()).lstrip("-* "),
                          m.start("n"), m.end("n"), m.group("n"))
            self.layers, self.last = [], number
        return None

    def _judge(self) -> list[Claim]:
        if self.total is None or len(self.layers) < 2:
            return []
        number, text, start, end, written = self.total
        got = read_number(written, 0)
        if got is None:
            return []
        figure = got[0]
        want = sum((v for _, v, _ in self.layers), Fraction(0))
        lines = ", ".join(str(n) for n, _, _ in self.layers)
        how = f"the layers of lines {lines}, added"
        if want == figure.value:
            return [Claim(number, text, "arithmetic", written, int(want), "right", how,
                          confidence=CONFIDENCE)]
        if want.denominator != 1 or not _slip(str(int(want)), str(int(figure.value))):
            return []  # not a slip of the sum: the list may leave layers out on purpose
        shown = write_like(want, figure)
        return [Claim(number, text, "arithmetic", written, int(want), "wrong",
                      f"{how}: {plain(want)}, not {written}",
                      (Edit(number, start, end, shown),), shown, CONFIDENCE)]


def _slip(a: str, b: str) -> bool:
    """Two figures of as many digits that differ in one digit, or in two neighbours
    swapped: a slip of the pen, not a layer left out."""
    if len(a) != len(b):
        return False
    off = [k for k in range(len(a)) if a[k] != b[k]]
    return len(off) == 1 or (len(off) == 2 and off[1] == off[0] + 1 and
                             a[off[0]] == b[off[1]] and a[off[1]] == b[off[0]])


def _first(m: re.Match) -> bool:
    k = m.group("k") or m.group("k2")
    return k == "1" if k else bool(_FIRST.search(m.group("label")))
