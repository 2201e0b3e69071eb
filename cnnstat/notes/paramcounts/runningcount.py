"""A running parameter count kept down a list of layers, one item a layer, each item with
the count so far (``Running parameter count: N``, ``cumulative params: N``, ``params so
far: N``), and the run's last count told again below it (``training a 1,234,567-parameter
model``).

The first count of a run is taken as given (its layer is another reader's to judge),
except at a list's first item that sets out a conv in words (``a conv with 32 3x3
kernels``, ``costs.layerwords``) on the images the note named above it (``noteinput``:
``28x28 grayscale images``, ``MNIST``) or in the item: the count is that layer's alone,
from the layer algebra, ``(k·k·C_in + 1)·N``; right where it is that, wrong where it
leaves out the biases (where neither the item nor the list's lead speaks of weights or
biases) or the input channels, unsure otherwise (no claim). Each
item after it adds what its layer says it adds: a dense layer written as its weight
matrix (``A 5408x100 matrix``) its A*B weights and one bias an output, B (or A, a matrix
written output first); an item that says it adds nothing (``no extra parameters``) or
sets out a layer without weights only (a pooling, a flatten, a dropout, an activation)
nothing. Each later count is judged against the first plus what the items between added,
with the biases or without (the count the first one kept, whichever it was): right where
it is one of those sums, wrong where it is none, the sum with the biases given. A wrong
count does not move the run: the next is judged against the same first count and the
layers since, so a slip carried down is caught where it stands. An item whose layer adds
what cannot be read (a conv set out in words, a dense layer without its matrix), a count
that is not a whole number or has a unit (``118M``), a line that speaks of no parameters
(``running total: 1,024``) or of costs or memory too, or a line that is no item of the
list ends the run; a later count starts another. A line after the run that speaks of parameters and holds the run's
last count, alone, tells it again: judged as it was.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.costs import layerwords
from cnnstat.notes.paramcounts.noteinput import Seen

CONFIDENCE = 0.8
NEEDS = None  # the items without a count (a pooling) move the run too
_COUNT = re.compile(
    r"(?:(?:running|cumulative)\s+(?:(?:total\s+)?(?:number\s+of\s+)?param(?:eter)?s?"
    r"(?:\s+(?:count|total))?|(?:param(?:eter)?\s+)?(?:count|total))|"
    r"param(?:eter)?s?\s+(?:count\s+)?so\s+far|total\s+so\s+far|"
    r"누적\s*(?:파라미터|매개\s*변수)(?:\s*(?:수|개수))?)"
    r"\s*(?:is|=|:|->|→)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]*\d)"
    r"(?!\s*(?!param|weight|파라미터)[A-Za-z%가-힣])", re.I)  # no unit: "118M", "4 MB"
# a running total of another quantity: costs, memory
_OTHER = re.compile(r"flop|\bmacs?\b|mult-?adds?|memory|\bbytes?\b|\b[KMGT]i?B\b|메모리|연산",
                    re.I)
_ITEM = re.compile(r"^\s{0,6}(?:\d{1,2}[.)]|[-*+])\s")
_MATRIX = re.compile(r"(?<![\d.x×])(?P<a>\d{1,6})\s*[x×]\s*(?P<b>\d{1,6})(?!\s*[x×]\s*\d)"
                     r"\s+(?:weight\s+)?matri(?:x|ces)\b", re.I)
_NONE = re.compile(r"\bno\s+(?:extra|more|new|additional|further|learn\w*|trainable\s+)?\s*"
                   r"(?:param|weight)", re.I)
_FREE = re.compile(r"\b(?:max\s*-?\s*pool\w*|avg\s*-?\s*pool\w*|pool\w*|flatten\w*|dropout|"
                   r"relu|activation|softmax)\b", re.I)
_WEIGHTED = re.compile(r"\b(?:conv\w*|dense|linear|fully[- ]connected|fc\d*|batch\s*norm\w*|"
                       r"embedding|lstm|gru|matri(?:x|ces)|filters?|kernels?)\b", re.I)
_PARAM = re.compile(r"param|파라미터|매개\s*변수", re.I)
# a line that counts the weights apart from the biases: a count without them may be its own
_BIAS_APART = re.compile(r"weight|bias|가중치|편향", re.I)
_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d{4,})(?![\d.,]*\d)")


class Run:
    """The run in progress: its first count, the weights and biases added since (biases
    as outputs, or as inputs for a matrix written output first), and the last count."""

    def __init__(self) -> None:
        self.base: int | None = None
        self.weights = self.outs = self.ins = 0
        self.last: Claim | None = None  # the run's last count, judged or not
        self.images = Seen()  # the channels of the images the note's prose named
        self.listed = False  # the line above was an item of a list
        self.lead = ""  # the last line that was no item: a list's lead

    def _end(self) -> None:
        self.base = None

    def _adds(self, masked: str) -> tuple[int, int, int] | None:
        """What an item's layer adds (weights, biases as outputs, as inputs); None where
        it cannot be read."""
        mats = list(_MATRIX.finditer(masked))
        if len(mats) == 1:
            a, b = int(mats[0].group("a")), int(mats[0].group("b"))
            return a * b, b, a
        if mats:
            return None
        if _NONE.search(masked):
            return 0, 0, 0
        if _FREE.search(masked) and not _WEIGHTED.search(masked):
            return 0, 0, 0
        return None

    def check_line(self, number: int, masked: str, raw: str) -> list[Claim]:
        first, self.listed = not self.listed, bool(_ITEM.match(raw))
        if not self.listed:
            self.images.line(masked)
            self.lead = masked
            self._end()
            return self._told(number, masked)
        found = list(_COUNT.finditer(masked))
        if len(found) > 1 or _OTHER.search(masked) or (found and not _PARAM.search(masked)):
            self._end()
            return []
        adds = self._adds(masked)
        if not found:
            if self.base is None or adds is None:
                self._end()
            else:
                self._add(adds)
            return []
        said = int(found[0].group("n").replace(",", ""))
        text = " ".join(masked.split())[:120]
        if self.base is None or adds is None:
            self.base, self.weights, self.outs, self.ins = said, 0, 0, 0
            self.last = Claim(number, text, "params", found[0].group("n"), said, "right")
            own = self._first_layer(number, text, masked, said) if first else None
            return [own] if own else []  # a run's first count: given, or its layer's
        self._add(adds)
        w = self.base + self.weights
        sums = {w, w + self.outs, w + self.ins}
        if said in sums:
            claim = Claim(number, text, "params", found[0].group("n"), said, "right",
                          f"the count above, {self.base:,}, and the layers since: "
                          f"{self.weights:,} weights" + (
                              "" if said == w else f" and {said - w:,} biases"),
                          confidence=CONFIDENCE)
        else:
            claim = Claim(number, text, "params", found[0].group("n"), w + self.outs,
                          "wrong", f"the count above, {self.base:,}, and the layers since: "
                          f"{self.weights:,} weights and {self.outs:,} biases give "
                          f"{w + self.outs:,} ({w:,} without the biases)",
                          shown=f"{w + self.outs:,}" if "," in found[0].group("n")
                          else str(w + self.outs), confidence=CONFIDENCE)
        self.last = claim
        return [claim]

    def _first_layer(self, number: int, text: str, masked: str, said: int) -> Claim | None:
        """The first item's count judged as its conv's, where the item sets one out."""
        layer = layerwords.read(masked, self.images.one())
        if layer is None:
            return None
        k, c_in, n = layer.k, layer.c_in, layer.c_out
        right = _params(n, k, c_in)
        weights = _params(n, k, c_in, False)
        left = {_params(n, k, 1, False): f"the {c_in} input channels and the {n} biases",
                _params(n, k, 1): f"the {c_in} input channels", weights: f"the {n} biases"}
        how = f"conv {k}x{k}, {c_in} -> {n} channels: ({k}*{k}*{c_in} + 1)*{n} = {right:,}"
        if said == right:
            return Claim(number, text, "params", f"{said:,}", said, "right", how,
                         confidence=CONFIDENCE)
        if said not in left or (said == weights and (_BIAS_APART.search(masked) or
                                                     _BIAS_APART.search(self.lead))):
            return None
        return Claim(number, text, "params", f"{said:,}", right, "wrong",
                     f"{how}; left out: {left[said]}", confidence=CONFIDENCE)

    def _add(self, adds: tuple[int, int, int]) -> None:
        w, o, i = adds
        self.weights += w
        self.outs += o
        self.ins += i

    def _told(self, number: int, masked: str) -> list[Claim]:
        """The run's last count told again in a line on parameters, its only figure."""
        last = self.last
        if last is None or last.detail == "" or not _PARAM.search(masked) or \
                _COUNT.search(masked) or "=" in masked:
            return []
        figs = _FIGURE.findall(masked)
        if len(figs) != 1 or int(figs[0].replace(",", "")) != int(last.claimed.replace(",", "")):
            return []
        return [last._replace(line=number, text=" ".join(masked.split())[:120],
                              detail="the running count told again: " + last.detail)]


def _params(n: int, k: int, c_in: int, bias: bool = True) -> int:
    from cnnstat.layers import KINDS

    return KINDS["conv"].make({"out": n, "kernel": k, "bias": bias}).apply((c_in, k, k)).params
