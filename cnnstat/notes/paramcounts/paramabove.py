"""A parameter count on a line of its own, under the line that sets out its conv::

    227x227x3 in, 96 filters 11x11, stride 4 -> 55x55x96
    MACs = 55*55*96*11*11*3 = 105,415,200
    Params: 11*11*96 + 96 = 11,712          <- the 3 input channels left out

    conv2: 5x5, 256 filters on 27x27x96.
    Weights: 5*5*256 = 6,400, plus 256 biases.

The layer line names one conv as notes write it in short: an input map ``H x W x C``
(the first of two maps, the second holding the filters as its channels), one square
kernel (``11x11``, ``f = 5``, ``k=3``) and one count of filters (``96 filters``, ``6
filters``, ``필터 32개``), or what ``layerwords`` reads of a sentence. The count line is
the nearest below it (within ``WINDOW`` lines, no heading between, no other layer set out
between) whose one figure a parameter word labels (``paramwords``: ``Params: ... =
11,712``, ``(5 x 5 + 1) x 6 = 156 parameters``) and which sets out no layer of its own,
names no other layer (``fc``, ``pool``, ``conv2`` under ``conv1``) and counts nothing
else (a part, a total, a difference). The count is the layer algebra's (``cnnstat.layers``,
``paramwords._conv``): right where it is the weights or the weights and biases; wrong only
where it is a known slip of the layer (the input channels, the filters, the kernel left
out, the biases counted twice); any other figure may count something else: nothing is
said.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.costs import layerwords
from cnnstat.notes.costs.costwords import _SENTENCE
from cnnstat.notes.paramcounts import paramwords
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.reading.normalise import plain_latex
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.weightwords import NO_BIAS, WITH_BIAS

WINDOW = 4  # lines from the layer down to its count
CONFIDENCE = 0.7  # the layer is read from another line


def _any(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(alternatives), re.I)


# a square kernel: "11x11" (not a map's sides), "f = 5", "k=3", "kernel_size: 3"
_KERNEL = _any(r"(?<![0-9.,x×*])\s?([0-9]{1,2})\s*[x×]\s*([0-9]{1,2})(?![0-9]|\s*[x×*]\s*[0-9])",
               r"(?<![A-Za-z_])(?:f|k|kernel(?:[_ ]size)?)\s*[=:]\s*([0-9]{1,2})(?![0-9])")
# a map H x W x C, not a product in working ("(5×5×3 + 1)", "5*5*8")
_MAP = _any(r"(?<![0-9.,(*×x])([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})\s*[x×]\s*([0-9]{1,5})"
            r"(?![0-9]|\s*[x×*+/)=-])")
# a layer other than a plain conv, or more than one: its count is not (k·k·C + 1)·N
_OTHER = _any(r"depth\s*-?\s*wise", r"point\s*-?\s*wise", "separable", "group", "dilat",
              "transpos", "deconv", r"\bpool", "풀링", r"\bfc\d*\b", "fully", "dense", "linear",
              r"\bbn\b", r"batch\s*norm", "inception", "bottleneck", "block", "branch",
              r"깊이\s*별", "분리", "그룹")
# a layer the count line names as another: "the second conv", "두 번째 층"
_ORDINAL = _any(r"\b(?:first|second|third|fourth|fifth|last|next|previous|final|other)\s+"
                r"(?:\w+\s+)?(?:conv\w*|layer)",
                r"(?:첫|두|세|네|다섯|마지막|다음)\s*(?:번째)?\s*(?:conv|합성곱|층|레이어)")
# a layer's own name: "conv2", "layer 3", or a line's leading label ("**S2**:", "C3:", "pool1 -")
_LABEL = _any(r"\b(?:conv|layer|c|fc|층|레이어)\s*_?([0-9]{1,2}(?:_[0-9])?)\b",
              r"^[\s|*_-]*([A-Za-z][A-Za-z_]{0,11}[0-9]{1,2}(?:_[0-9])?)[\s*_]*[:：-]")
# a change of map on the count line: the line sets out a layer of its own
_CHANGE = re.compile(r"→|->|⟶|=>")
# what a layer line (its filters) or a count line (its parameter word) holds
NEEDS = tuple(dict.fromkeys(layerwords._C_OUT_WORDS + paramwords.NEEDS))


def layer(masked: str) -> layerwords.Layer | None:
    """The one conv a line sets out in short, or None."""
    if _OTHER.search(masked):
        return None
    said = layerwords.read(masked)
    return said if said is not None else _short(masked)


def short(masked: str) -> layerwords.Layer | None:
    """The one conv a line sets out in short, on its input map: ``32x32x1 in, 6 filters
    5x5 → 28x28x6``, ``conv2: 5x5, 256 filters on 27x27x96``."""
    return None if _OTHER.search(masked) else _short(masked)


def _short(masked: str) -> layerwords.Layer | None:
    """``short`` on a line without another layer's word (``_OTHER``)."""
    found = list(_MAP.finditer(masked))
    if not 1 <= len(found) <= 2:
        return None  # the input map, and at most the output's
    filters = {int(m.group(1)) for rx in layerwords._C_OUT for m in rx.finditer(masked)}
    maps = [tuple(int(g) for g in m.groups()) for m in found]
    spans = [m.span() for m in found]
    kernels = {int(m.group(3) or m.group(1)) for m in _KERNEL.finditer(masked)
               if (m.group(3) or m.group(1) == m.group(2)) and
               not any(a <= m.start(1 if m.group(1) else 3) < b for a, b in spans)}
    if len(filters) != 1 or len(kernels) != 1 or not 1 <= len(maps) <= 2:
        return None
    n, k = filters.pop(), kernels.pop()
    h, w, c_in = maps[0]
    if len(maps) == 2 and (maps[1][2] != n or maps[1][0] > h or maps[1][1] > w):
        return None  # the second map is no output of these filters
    if len(maps) == 1 and c_in == n:
        return None  # the map may be the output
    if k > min(h, w):
        return None
    return layerwords.Layer(k, c_in, n, h, w, 1, None)


class Above:
    """The conv set out last, for a count on a line below it."""

    def __init__(self) -> None:
        self.last: tuple[int, layerwords.Layer, str] | None = None

    def heading(self) -> list:
        self.last = None
        return []

    def read(self, number: int, masked: str) -> list[Claim]:
        """Each sentence of the line in turn: one that sets out a conv is the layer for the
        counts after it (``... 96 filters of 11x11x3. It has 34,944 parameters.``)."""
        masked = plain_latex(masked).replace("⋅", "·")  # "$5 \times 5$", "5 \cdot 5"
        out: list[Claim] = []
        for sentence in _SENTENCE.split(masked):
            got = layer(sentence)
            if got is not None:
                label = _LABEL.search(sentence)
                self.last = (number, got,
                             (label.group(1) or label.group(2)).lower() if label else "")
                continue
            if self.last is None or number - self.last[0] > WINDOW:
                self.last = None
                continue
            out += self._count(number, sentence, "the sentence before" if
                               self.last[0] == number else "the layer above")
        return out

    def _count(self, number: int, masked: str, where: str) -> list[Claim]:
        _, conv, label = self.last
        if not paramwords.has_any(masked, paramwords.NEEDS) or _OTHER.search(masked) or \
                _ORDINAL.search(masked):
            return []
        if any(int(m.group(3) or m.group(1)) != conv.k for m in _KERNEL.finditer(masked)
               if m.group(3) or m.group(1) == m.group(2)):
            return []  # "a 1x1 conv doing the same: 3*6 + 6 = 24 params": another kernel
        own = _LABEL.search(masked)
        if (own and (own.group(1) or own.group(2)).lower() != label) or _CHANGE.search(masked):
            return []  # "conv2: ..." under conv1
        if paramwords._SEVERAL.search(masked) or paramwords._DIFFERENT.search(masked) or \
                paramwords._PART.search(masked) or paramwords._WHOLE.search(masked):
            return []
        figs = paramwords._figures(masked)
        if len(figs) != 1:
            return []
        num, a, b, about = figs[0]
        what, weights, biases, slips = paramwords._conv(conv)
        allowed = {weights + biases: "weights and biases", weights: "weights alone"}
        if WITH_BIAS.search(masked) and not NO_BIAS.search(masked):
            allowed = {weights + biases: "weights and biases"}
        how = f"{what}: {plain(weights)} weights + {plain(biases)} biases = " \
              f"{plain(weights + biases)}"
        text = " ".join(masked[max(0, a - 60):b + 10].split())
        for value, name in allowed.items():
            if agrees(Fraction(value), num) or (about and abs(num.value - value) <= value / 10):
                return [Claim(number, text, "params", num.text, value, "right",
                              f"{how}, {where}; the figure counts the {name}",
                              confidence=CONFIDENCE)]
        slip = next((why for value, why in slips.items() if agrees(Fraction(value), num)),
                    None)
        if slip is None or about or "one filter" in slip:
            return []
        detail = f"{how}, {where}; " + (f"left out: {slip}" if not
                                                   slip.startswith("nothing") else slip[9:])
        return [Claim(number, text, "params", num.text, next(iter(allowed)), "wrong",
                      detail, confidence=CONFIDENCE)]


READERS = [
    Reader("a count under its layer: heading", "heading",
           lambda at: at.state.param_above.heading()),
    # "227x227x3 in, 96 filters 11x11", then "Params: 11*11*96 + 96 = 11,712"
    Reader("a count under its layer", "prose",
           lambda at: at.state.param_above.read(at.line.number, at.line.masked),
           needs=NEEDS),
]
