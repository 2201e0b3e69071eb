"""Channels carried from layer to layer in hand-written parameter lines::

    Conv_2: ((3*3)*20 + 1)*20 = 3,620      <- 20 -> 20
    Conv_3: (3*3*20 + 1)*40 = 7,240        <- 20 -> 40
    Conv_4: (3*3*20 + 1)*40 = 7,240        <- its input is Conv_3's 40 channels, not 20

Each line's calculation (the arithmetic reader's, right or wrong) is read as one layer's
count where its form says which term is which (``intent``'s readings, plus the forms of a
count with its biases added last): a conv ``(k·k·C + 1)·N``, ``N·(k·k·C + 1)``,
``k·k·C·N + N`` (the factors in any order, a kernel's side twice, 2 to 11), a dense layer
``(n + 1)·m``, ``n·m + m``. The layer before gives the channels the next one takes in (a
pooling line between keeps them), and the count is judged through the layer algebra
(``cnnstat.layers``) where the chain is read without doubt:

- the lines are one numbered series (``Conv_3`` then ``Conv_4``, ``conv3`` then ``conv5``,
  ``second layer`` then ``third layer``), or a listing of one layer word without numbers
  (``Conv2D(64, 3x3):`` then ``Conv2D(128, 3x3):``): a number that does not grow, or
  another label, starts a new chain (another network, a branch);
- a conv after a conv, or a dense layer after a dense one (a dense layer after a conv takes
  the flattened map: not judged);
- the chain held at least ``MIN_LINKS`` times before (every link so far agreed): a
  branch's inputs, or a list that is no chain, break it at once;
- a dense count whose bias term is neither factor (``(32*32) + 10`` after a layer of 32
  outputs: 32 in, 10 out, so 32·10 weights) needs one link that held.

A conv taking a divisor of the channels above is not judged where the note names grouped
or depthwise convs or a network built of them (AlexNet's two towers, ResNeXt, MobileNet),
nor a 1-channel kernel that keeps the channels (a depthwise conv). A layer judged wrong
passes on the channels it gives (its outputs are not in doubt). A total word ends the
chain; so does a line ``SPAN`` lines after the last layer.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.grammar import Node
from cnnstat.notes.paramcounts.convterms import kernel_volume, product_factors
from cnnstat.notes.paramcounts.intent import lhs_tree

MIN_LINKS = 2  # links that held before a break is judged
SPAN = 12
CONFIDENCE = 0.8  # which term is which is read from the expression's form
_TOTAL = re.compile(r"total|sum\b|overall|총|합계|전체", re.I)
GROUPED_NEEDS = ("group", "gpu", "alexnet", "resnext", "shuffle", "depthwise", "depth-wise",
                 "separable", "mobilenet", "xception", "그룹", "깊이별")
_GROUPED = re.compile("|".join(GROUPED_NEEDS), re.I)
_ORDINALS = {w: n for n, w in enumerate(("first", "second", "third", "fourth", "fifth",
                                         "sixth", "seventh", "eighth", "ninth", "tenth"), 1)}
# the label before the calculation: "Convolutional_4 :", "conv-layer 3:", "- fc2:",
# "third layer:", "Conv2d layer 1:"
_LABEL = re.compile(r"^[\s>*#|+-]*(?:\d+[.)]\s+)?"
                    r"(?P<label>[A-Za-z0-9가-힣][\w -]{0,30}?)\s*(?:[:=]|-+>|\()")
_NUMBERED = re.compile(r"^(?P<word>[A-Za-z가-힣](?:[\w -]*?[A-Za-z가-힣_ -])?)[\s_-]*"
                       r"(?P<n>\d{1,2})$")
_ORDINAL = re.compile(r"^(?P<n>" + "|".join(_ORDINALS) + r")\s+(?P<word>[A-Za-z]+)$", re.I)
# "3층", "2번째 층", "세 번째 레이어"
_LAYER_WORD = re.compile(r"conv|dense|linear|\bfc\b|layer|층|레이어", re.I)
_KO_ORDINALS = {w: n for n, w in enumerate(("첫", "두", "세", "네", "다섯", "여섯", "일곱", "여덟",
                                            "아홉", "열"), 1)}
_KO_LAYER = r"(?P<word>층|레이어|합성곱\s*층|은닉\s*층|완전\s*연결\s*층)"
_KO_NUMBERED = re.compile(r"^(?P<n>\d{1,2}|" + "|".join(_KO_ORDINALS) + r")\s*(?:번째)?\s*"
                          + _KO_LAYER + "$")


class Layer(NamedTuple):
    line: int
    kind: str  # "conv" | "dense" | "loose" (a dense count whose bias is neither factor)
    k: int
    c_in: int
    out: int
    label: tuple[str, int | None] | None  # the series word and the layer's number
    factors: tuple[int, ...] = ()  # "loose": the weights' factors


class Chain:
    def __init__(self) -> None:
        self.last: Layer | None = None
        self.links = 0
        self.grouped = False  # the note named grouped or depthwise convs (or a network
        # built of them): a conv taking a divisor of the channels above may be one

    def groups(self, masked: str) -> list[Claim]:
        """A line that names grouped or depthwise convs, or a network built of them."""
        if _GROUPED.search(masked):
            self.grouped = True
        return []

    def check_line(self, number: int, masked: str, arithmetic: list[Claim]) -> list[Claim]:
        if self.last is not None and (number - self.last.line > SPAN or
                                      _TOTAL.search(masked)):
            self.last, self.links = None, 0
        results = [c for c in arithmetic if c.kind == "arithmetic" and
                   c.verdict in ("right", "wrong") and c.claimed and
                   c.claimed.replace(",", "").isdigit()]
        if not results:
            return []
        claim = results[-1]
        tree = lhs_tree(claim.text)
        layer = chain_layer(number, tree, _label(masked)) if tree is not None else None
        if layer is None:
            return []
        prev, self.last = self.last, layer
        if prev is None or not _follows(prev.label, layer.label):
            self.links = 0
            return []
        return self._link(prev, layer, claim)

    def _link(self, prev: Layer, layer: Layer, claim: Claim) -> list[Claim]:
        if prev.kind == "loose" or (prev.kind, layer.kind) == ("dense", "conv"):
            self.links = 0
            return []
        if layer.kind == "loose":
            if prev.kind != "dense" or self.links < 1 or prev.out not in layer.factors:
                self.links = 0
                return []
            want = _dense(prev.out, layer.out)
            self.last = layer._replace(kind="dense", c_in=prev.out)
            return [_wrong(claim, want, f"a dense layer of {prev.out} inputs (line "
                                        f"{prev.line}'s outputs) and {layer.out} outputs "
                                        f"(its bias term): ({prev.out}*{layer.out}) + "
                                        f"{layer.out} = {want:,}; the weights are "
                                        f"{prev.out}*{layer.out}")]
        if (prev.kind, layer.kind) == ("conv", "dense"):
            return []  # a flattened map: its size is not in the lines
        if layer.c_in == prev.out:
            self.links += 1
            return []
        if layer.kind == "conv" and layer.c_in and prev.out % layer.c_in == 0 and \
                (self.grouped or (layer.c_in == 1 and layer.out == prev.out)):
            return []  # a grouped conv (AlexNet's towers) or a depthwise one: not judged
        if self.links < MIN_LINKS:
            self.links = 0
            return []
        if layer.kind == "conv":
            want = _conv(layer.k, prev.out, layer.out)
            how = (f"conv {layer.k}x{layer.k} on line {prev.line}'s {prev.out} channels: "
                   f"the input term is {prev.out}, not {layer.c_in}: "
                   f"({layer.k}*{layer.k}*{prev.out} + 1)*{layer.out} = {want:,}")
        else:
            want = _dense(prev.out, layer.out)
            how = (f"a dense layer on line {prev.line}'s {prev.out} outputs: the input "
                   f"term is {prev.out}, not {layer.c_in}: ({prev.out} + 1)*{layer.out} = "
                   f"{want:,}")
        self.links += 1  # the chain goes on, corrected
        return [_wrong(claim, want, how)]


def _wrong(claim: Claim, want: int, how: str) -> Claim:
    return Claim(claim.line, claim.text, "params", claim.claimed, want, "wrong", how,
                 confidence=CONFIDENCE)


def _conv(k: int, c_in: int, out: int) -> int:
    from cnnstat.layers import KINDS

    return KINDS["conv"].make({"out": out, "kernel": k}).apply((c_in, k, k)).params


def _dense(n_in: int, out: int) -> int:
    from cnnstat.layers import KINDS

    return KINDS["linear"].make({"out": out}).apply((n_in,)).params


def _label(masked: str) -> tuple[str, int | None] | None:
    m = _LABEL.match(masked)
    if m is None:
        return None
    text = " ".join(m.group("label").split()).lower()
    n = _NUMBERED.match(text)
    if n is not None:
        return n.group("word").strip(" _-"), int(n.group("n"))
    o = _ORDINAL.match(text)
    if o is not None:
        return o.group("word"), _ORDINALS[o.group("n").lower()]
    k = _KO_NUMBERED.match(text)
    if k is not None:
        n = k.group("n")
        return "".join(k.group("word").split()), int(n) if n.isdigit() else _KO_ORDINALS[n]
    if _LAYER_WORD.search(text) and not any(ch.isdigit() for ch in text.replace("2d", "")):
        return text, None  # "Conv2D(64, 3x3):", "Dense:", "합성곱층:": the same word again
    return None


def _follows(before: tuple[str, int | None] | None, label: tuple[str, int | None] | None
             ) -> bool:
    """The label goes on the series of the one before: the same word, a greater number
    (``conv3``, ``conv4``), or both without one (``Conv2D``, ``Conv2D``: a listing)."""
    if before is None or label is None or before[0] != label[0]:
        return False
    if before[1] is None or label[1] is None:
        return before[1] is None and label[1] is None
    return label[1] > before[1]


def _ints(factors: list[Fraction] | None) -> list[int] | None:
    if not factors or any(f.denominator != 1 or f < 1 for f in factors):
        return None
    return [int(f) for f in factors]


def _strip(node: Node) -> Node:
    while node.op == "paren":
        node = node.args[0]
    return node


def chain_layer(number: int, tree: Node, label: tuple[str, int] | None) -> Layer | None:
    """The layer a count's expression sets out: (k·k·C + 1)·N, N·(k·k·C + 1),
    k·k·C·N + N (a conv, a kernel's side twice); (n + 1)·m, n·m + m (dense)."""
    tree = _strip(tree)
    if tree.op == "add" and _strip(tree.args[1]).op == "num":
        bias = _strip(tree.args[1]).num.value
        f = _ints(product_factors(_strip(tree.args[0])))
        if f is None or bias.denominator != 1 or bias < 2:
            return None
        b = int(bias)
        if b not in f:
            if len(f) == 2:
                return Layer(number, "loose", 1, 0, b, label, tuple(f))
            return None
        rest = list(f)
        rest.remove(b)
        return _sized(number, rest, b, label)
    if tree.op == "mul":
        for vol, n in ((tree.args[0], tree.args[1]), (tree.args[1], tree.args[0])):
            vol, n = _strip(vol), _strip(n)
            if n.op != "num" or n.num.value.denominator != 1 or n.num.value < 2:
                continue
            if vol.op == "add" and _strip(vol.args[1]).op == "num" and \
                    _strip(vol.args[1]).num.value == 1:
                f = _ints(product_factors(_strip(vol.args[0])))
                if f is not None:
                    return _sized(number, f, int(n.num.value), label)
    return None


def _sized(number: int, rest: list[int], out: int, label) -> Layer | None:
    kc = kernel_volume([Fraction(x) for x in rest])
    if kc is not None:
        return Layer(number, "conv", kc[0], kc[1], out, label)
    n_in = 1
    for x in rest:
        n_in *= x
    if any(x == 1 for x in rest) and len(rest) > 1 and rest.count(1) != len(rest) - 1:
        return None  # "a*1*b": neither a kernel nor a plain input count
    return Layer(number, "dense", 1, n_in, out, label)
