"""A dense layer's count worked out right, of the wrong quantity: the biases left out
(``2304 * 512 = 1,179,648`` for Keras' ``Dense(512)``), the bias given to the inputs
(``128·257`` for 128 -> 256), or the input features not the layer's (``nn.Linear(400,
120)`` counted ``256*120 + 120``).

The layer is read from the code the note shows before the line or on it (Keras ``Dense``,
PyTorch ``nn.Linear``; ``use_bias=False`` / ``bias=False`` kept): the dense layers whose
outputs are a factor of the count. The count is judged only on a line that speaks of a
dense layer (or whose line above does: a sentence wrapped), of parameters (the line, or a
question up to two lines above), and never of weights alone; not where the product holds
a kernel written twice (a conv's count), and not where the layers with those outputs
disagree on their bias (or, for the inputs, where more than one has those outputs).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.claims import Claim
from cnnstat.notes.kept import KEPT
from cnnstat.notes.paramcounts.convterms import product_factors, stated_agrees
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.precedence import Supersede
from cnnstat.notes.reading.weightwords import NO_BIAS, WEIGHTS_ONLY
from cnnstat.notes.signs import Gated

_PARAM = Gated(("param", "파라미터", "매개"), r"param|파라미터|매개\s*변수", re.I)

# Keras' Dense(units), PyTorch's Linear(in, out): the call's head up to its outputs
_KERAS, _TORCH = (re.compile(r"\bDense\s*\(\s*(?:units\s*=\s*)?([0-9]{1,6})\s*[,)]"),
                  re.compile(r"\bLinear\s*\(\s*(?:in_features\s*=\s*)?([^,()]{1,40}?)\s*,\s*"
                             r"(?:out_features\s*=\s*)?([0-9]{1,6})\s*[,)]"))
# the words of a line: of a dense layer; of another kind of layer (a conv, a BN's four
# per channel, a pooling); of a size, not a count, in the clause before a figure
# ("Flatten gives 13·13·10")
_DENSE_WORD, _CONV_WORD, _SIZE = (re.compile("|".join(words), re.I) for words in (
    ("dense", r"\bfc[0-9_]*\b", r"fully[- ]?connected", "linear", "classifier",
     r"hidden\s+layer", r"output\s+layer", r"\bFC"),
    ("conv", "kernel", "filter", "batch", r"\bBN\b", "norm", "pool", "embed", "LSTM", "GRU",
     "attention"),
    ("flatten", "shape", "size", "positions", "vector", "features", "values", "elements",
     "activations", "tensor", "inputs", "outputs")))


class Layer(NamedTuple):
    inputs: int | None  # None: not stated (Keras)
    outputs: int
    bias: bool
    line: int


def _product(text: str) -> int | None:
    """``512 * 7 * 7`` as 25088; None for a name (``self.flat``) or anything else."""
    parts = re.split(r"\s*[*x×]\s*", text.strip())
    if not all(re.fullmatch(r"[0-9]{1,7}", p) for p in parts):
        return None
    n = 1
    for p in parts:
        n *= int(p)
    return n


class Dense:
    """The dense layers of the code read so far."""

    def __init__(self) -> None:
        self.layers: dict[int, list[Layer]] = {}  # outputs -> layers (two kept)
        self.above = ""  # the line above's text

    def code_line(self, number: int, raw: str) -> None:
        if "ense" not in raw and "inear" not in raw:
            return
        segments = re.split(r"(?=\bDense\s*\(|\bLinear\s*\()", raw)
        for seg in segments:
            bias = not NO_BIAS.search(seg.split(")")[0] + ")" if ")" in seg else seg)
            m = _TORCH.match(seg) or _KERAS.match(seg)
            if m is None:
                continue
            lay = Layer(_product(m.group(1)), int(m.group(2)), bias, number) \
                if m.re is _TORCH else Layer(None, int(m.group(1)), bias, number)
            seen = self.layers.setdefault(lay.outputs, [])
            if len(seen) < 2 and lay[:3] not in [s[:3] for s in seen]:
                seen.append(lay)
            if len(self.layers) > KEPT:
                del self.layers[next(iter(self.layers))]

    def check(self, number: int, masked: str, claims: list[Claim], params: bool,
              weights: bool) -> list[Claim]:
        """``params``: the line or a question above speaks of parameters; ``weights``:
        of weights alone."""
        above, self.above = self.above, masked
        if not params or weights or not self.layers or _CONV_WORD.search(masked) or not (
                _DENSE_WORD.search(masked) or _DENSE_WORD.search(above)) or NO_BIAS.search(masked):
            return []
        out = []
        for c in claims:
            at = masked.find(c.text)
            clause = re.split(r"[,;:.](?!\d)|\band\b", masked[:at])[-1] if at >= 0 else ""
            if c.kind == "arithmetic" and c.verdict == "right" and not _SIZE.search(clause):
                got = self._judge(number, c)
                if got is not None:
                    out.append(got)
        return out

    def _judge(self, number: int, c: Claim) -> Claim | None:
        """The one reading of the count as a layer of the code: any reading that fits its
        layer says nothing is wrong; of several that do not, the one whose inputs are the
        layer's, or whose added term is its outputs."""
        from cnnstat.notes.paramcounts.intent import lhs_tree

        tree = lhs_tree(c.text)
        found = []
        for u, inputs, bias, per_input in (_readings(tree) if tree is not None else []):
            layers = [x for x in self.layers.get(u, []) if x.line <= number]
            if not layers or len({x.bias for x in layers}) != 1 or inputs < 2:
                continue
            known = {x.inputs for x in layers}
            right_in = known.pop() if len(known) == 1 and None not in known else None
            miss = []
            if right_in is not None and right_in != inputs:
                miss.append(f"{right_in} input features, not {inputs}")
            if per_input:
                miss.append(f"one bias for each of the {u} outputs, not each input")
            elif layers[0].bias and not bias:
                miss.append(f"the {u} biases")
            if not miss:
                return None
            found.append((right_in == inputs, bias, u, right_in or inputs, layers[0], miss))
        sure = [f for f in found if f[0] or f[1]] if len(found) > 1 else found
        if len(sure) != 1:
            return None
        _, _, u, n_in, lay, miss = sure[0]
        right = n_in * u + (u if lay.bias else 0)
        if stated_agrees(c.claimed, right):
            return None  # "25,088 × 4,096 = 102.8M": the biases below its digits
        return Claim(number, c.text, "params", c.claimed, right, "wrong",
                     f"dense {n_in} -> {u}{'' if lay.bias else ', no bias'} (line "
                     f"{lay.line}): {n_in}*{u}" + (f" + {u}" if lay.bias else "")
                     + f" = {right:,}; left out: " + " and ".join(miss))


def _readings(tree) -> list[tuple[int, int, bool, bool]]:
    """(outputs, inputs, biases counted, a bias per input) for each way the count reads as a
    dense layer's: ``in·out``, ``in·out + out``, ``(in + 1)·out``, ``in·(out + 1)``;
    none for a count with a kernel written twice (a conv's)."""
    while tree.op == "paren":
        tree = tree.args[0]
    term = None
    if tree.op == "add" and tree.args[1].op == "num":
        term, tree = tree.args[1].num.value, tree.args[0]
        while tree.op == "paren":
            tree = tree.args[0]
    if tree.op == "mul" and term is None:  # (in + 1)·out
        for a, b in ((tree.args[0], tree.args[1]), (tree.args[1], tree.args[0])):
            while a.op == "paren":
                a = a.args[0]
            if a.op == "add" and a.args[1].op == "num" and a.args[1].num.value == 1 and \
                    b.op == "num" and b.num.value.denominator == 1:
                ins = product_factors(a.args[0])
                if ins and all(f.denominator == 1 for f in ins):
                    n = 1
                    for f in ins:
                        n *= int(f)
                    return [(int(b.num.value), n, True, False)]
    factors = product_factors(tree)
    if factors is None or len(factors) < 2 or any(f.denominator != 1 or f < 1 for f in factors):
        return []
    ints = [int(f) for f in factors]
    if any(ints.count(k) >= 2 and 1 < k <= 11 for k in ints):
        return []  # k·k·C·N: a conv
    total = 1
    for f in ints:
        total *= f
    out = []
    for f in sorted(set(ints), reverse=True):
        out.append((f, total // f, term == f, False))
        if term is None and f > 2:
            out.append((f - 1, total // f, False, True))
    return out


def _check(at) -> list[Claim]:
    layers = at.state.layers  # intent's: the lines that spoke of parameters or weights
    number, masked = at.line.number, at.line.masked
    params = bool(_PARAM.search(masked)) or number - layers.param_line <= 2
    weights = bool(WEIGHTS_ONLY.search(masked)) or number - layers.weights_line <= 2
    return at.state.dense.check(number, masked, at.arithmetic, params, weights)


# the readers of this module (``counts.READERS`` takes them in this place)
READERS = [
    Reader("dense layers in code", "code+every",
           lambda at: at.state.dense.code_line(at.line.number, at.line.raw) or []),
    Reader("a dense layer's count", "claims", _check,
           supersedes=(Supersede("arithmetic", kind="arithmetic"),)),
]
