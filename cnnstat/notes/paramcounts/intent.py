"""Mistakes of intent: the arithmetic is right, the quantity is not.

A conv layer's parameter count is ``(k·k·C_in + 1)·N``. Notes get the arithmetic of a
count right and the count wrong in a few ways, each a form of the expression:

* ``((8 x 8 x 3 + 1) x 20) + 20``: the ``+ 1`` inside already gives each filter its bias;
  adding ``N`` again counts the biases twice;
* ``(5*5 + 1)*64`` or ``32 × (3 × 3)`` for a conv whose input has 32 (or 3) channels: the
  input channels were left out (and perhaps the biases).

The layer is read from the code the note shows before the line (Keras ``Conv2D``/
``Convolution2D``, PyTorch ``nn.Conv2d``): the conv with the expression's filters and
kernel, whose input channels are the ``input_shape``'s, ``in_channels``, or the filters of
the conv before it. Its count comes from the layer algebra (``cnnstat.layers``). Where
the layer cannot be read without doubt (no such conv, two of them, input channels not
stated) nothing is said.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.grammar import Node, Parser, value
from cnnstat.notes.kept import KEPT
from cnnstat.notes.paramcounts import convorder, paramabove
from cnnstat.notes.paramcounts.proseconv import prose_conv
from cnnstat.notes.paramcounts.convterms import (bias_once, conv_count, flat_splits,
                                                  product_factors)
from cnnstat.notes.reading import runs
from cnnstat.notes.reading.normalise import plain_latex, scan
from cnnstat.notes.reading.numbers import plain
from cnnstat.notes.reading.numerals import Refused
from cnnstat.notes.reading.weightwords import WEIGHTS_ONLY
from cnnstat.notes.signs import Gated

_KERAS = re.compile(r"(?:Conv2D|Convolution2D)\s*\(\s*(?:filters\s*=\s*)?([0-9]{1,5})\s*,\s*"
                    r"(?:kernel_size\s*=\s*)?(?:\(\s*([0-9]{1,2})\s*,\s*([0-9]{1,2})\s*\)|"
                    r"([0-9]{1,2})\s*,\s*([0-9]{1,2})(?![0-9])|([0-9]{1,2})(?![0-9]))")
_KERAS_INPUT = re.compile(r"input_shape\s*=\s*[(\[]\s*[0-9]{1,5}\s*,\s*[0-9]{1,5}\s*,\s*"
                          r"([0-9]{1,4})\s*[)\]]")  # (32, 32, 3) or [32, 32, 3]
_TORCH = re.compile(r"nn\.Conv2d\s*\(\s*([0-9]{1,5})\s*,\s*([0-9]{1,5})\s*,\s*"
                    r"(?:kernel_size\s*=\s*)?([0-9]{1,2})(?![0-9])")
# a conv whose count is not (k·k·C_in + 1)·N, or whose C_in is not the shape's last: read
# with its input channels unknown, so nothing is said of a count of it
_UNLIKE = re.compile(r"(?:use_)?bias\s*=\s*False|groups\s*=|depth_multiplier|"
                     r"channels_first|input_shape\s*=\s*\(\s*[1-4]\s*,", re.I)
_PARAM = Gated(("param", "weight", "파라미터", "매개", "가중치"), r"param|weight|파라미터|매개\s*변수|가중치",
               re.I)

# a line that shows a count as a slip ("a common slip for conv1 is to add a single bias")
_SLIP = re.compile(r"\bslip|mistake|\bwrong|\berror|incorrect|\bforg[eo]t|instead\s+of|"
                   r"실수|틀린|잘못", re.I)
# a layer spoken of as any of its kind: "a 3x3 conv", "an 11x11 filter", "any 5x5 layer"
_SOME = re.compile(r"(?<![\w-])(?:a|an|any|one|each)\s+(?:\S+\s+){0,2}?"
                   r"(?:conv\w*|filters?|kernels?|layers?)\b", re.I)


# one filter's count: "필터 하나의 weight만 보면 3x3x32 = 288개", "each filter has 3*3*16 = 144
# weights": the product is one kernel's volume, no layer's filters times anything
_ONE_FILTER = re.compile(r"(?:필터|커널|filter|kernel)\s*(?:하나|한\s*개|1\s*개|당)|"
                         r"(?:한|하나의|각)\s*(?:필터|커널)|per\s+(?:filter|kernel)|"
                         r"(?:each|one|a\s+single|every)\s+(?:\w+\s+)?(?:filter|kernel)", re.I)
# where the clause that holds the product begins: a filter described in a clause before it
# ("each filter is 3x3, so 32 × 3 × 3 = 288") says nothing of what the product counts
_CLAUSE = re.compile(r"[;.]\s|,\s*(?:so|thus|hence|then)\b|\b(?:so|thus|hence)\b|그래서|따라서",
                     re.I)


class Conv(NamedTuple):
    filters: int
    k: int
    c_in: int | None
    line: int
    prose: bool = False  # read from a sentence ("ten 5x5 filters on a 32x32x3 input")


class Layers:
    """The convs of the code read so far, in order."""

    def __init__(self) -> None:
        # (filters, kernel) -> {input channels: (the first line a conv had them, whether
        # a sentence set it out)}: the first
        # two only, as two before a line already leave its conv in doubt (memory stays
        # flat however much code a note shows); past KEPT pairs the oldest is forgotten
        self.convs: dict[tuple[int, int], dict[int | None, tuple[int, bool]]] = {}
        self.last_filters: int | None = None  # the filters of the last conv read
        self.param_line = -10  # the last line that spoke of parameters
        self.param_text = ""  # its text ("Q1. Parameters of the first conv layer?")
        self.weights_line = -10  # the last that spoke of weights alone (biases apart)
        self.order = convorder.Order()  # the code's convs in order, for a line naming one
        self.placed: convorder.Placed | None = None  # the conv a line named by its place
        self.param_section = False  # under a heading that names parameters ("## 2. 파라미터 수")

    def _add(self, conv: Conv) -> None:
        key = (conv.filters, conv.k)
        seen = self.convs.pop(key, None)
        if seen is None:
            seen = {}
            if len(self.convs) >= KEPT:  # a pair forgotten: its claims go unjudged
                del self.convs[next(iter(self.convs))]
        if conv.c_in not in seen and len(seen) < 2:
            seen[conv.c_in] = (conv.line, conv.prose)
        self.convs[key] = seen
        self.last_filters = conv.filters

    def code_line(self, number: int, raw: str) -> None:
        self.order.seen(raw)
        if "onv" not in raw:
            return
        if _UNLIKE.search(raw):  # no bias, groups, channels first: its count is another
            for m in list(_TORCH.finditer(raw)) + list(_KERAS.finditer(raw)):
                ks = [g for g in m.groups()[1:] if g]
                k = int(m.group(3)) if m.re is _TORCH else int(ks[0]) if ks else None
                if k is not None:
                    self._add(Conv(int(m.group(2 if m.re is _TORCH else 1)), k, None, number))
                    self.order.add(raw, int(m.group(2 if m.re is _TORCH else 1)), k, None, number)
            return
        for m in _TORCH.finditer(raw):
            self._add(Conv(int(m.group(2)), int(m.group(3)), int(m.group(1)), number))
            self.order.add(raw, int(m.group(2)), int(m.group(3)), int(m.group(1)), number)
        for m in _KERAS.finditer(raw):
            ks = [g for g in m.groups()[1:] if g]
            if len(set(ks)) != 1:
                continue  # a kernel that is not square
            inp = _KERAS_INPUT.search(raw)
            prev = self.last_filters
            c_in = int(inp.group(1)) if inp else (prev if "input_shape" not in raw else None)
            self._add(Conv(int(m.group(1)), int(ks[0]), c_in, number))
            self.order.add(raw, int(m.group(1)), int(ks[0]), c_in, number)

    def prose_line(self, number: int, masked: str) -> None:
        """A conv set out in a sentence (a quiz's question): its count is judged as a
        coded one's, the biases only where the lines speak of parameters, not weights."""
        got = prose_conv(masked)
        short = paramabove.short(plain_latex(masked)) if got is None else None
        if short is not None:  # set out in short: "C1: 32x32x1 in, 6 filters 5x5 → 28x28x6"
            got = (short.c_out, short.k, short.c_in)
        if got is not None:
            last = self.last_filters  # a sentence's conv is no code's last layer
            self._add(Conv(got[0], got[1], got[2], number, True))
            self.last_filters = last
        if WEIGHTS_ONLY.search(masked):
            self.weights_line = number

    def heading(self, masked: str) -> list[Claim]:
        """A heading: its section speaks of parameters where it names them, every line of
        it as a line beside the word would (till the next heading)."""
        self.param_section = bool(_PARAM.search(masked))
        return []

    def words(self, number: int, masked: str) -> list[Claim]:
        """A line of prose that speaks of parameters, with or without a number ("the
        number of parameters must be:"): the lines under it count them."""
        if _PARAM.search(masked):
            self.param_line, self.param_text = number, masked
        return []

    def check(self, number: int, masked: str, claims: list[Claim],
              row_named: bool = False) -> list[Claim]:
        """``row_named``: the line names a row of a pasted summary above, whose Param #
        column it speaks of (``summary.context.names_row``)."""
        if _PARAM.search(masked) or row_named:
            self.param_line, self.param_text = number, masked
        near = number - self.param_line <= 2
        if not near and not self.param_section:
            return []
        out = []
        for c in claims:
            if c.kind == "arithmetic" and c.verdict == "right":
                got = self._judge(number, c, masked, biased=not near)
                if got is not None:
                    out.append(got)
            elif c.kind == "arithmetic" and c.verdict == "wrong":
                got = bias_term(number, c, masked) or self._judge(number, c, masked, True)
                if got is not None:
                    out.append(got)
        return out

    def _judge(self, number: int, c: Claim, masked: str = "",
               again_only: bool = False, biased: bool = False) -> Claim | None:
        """``biased``: the line is of parameters by its section's heading alone, and only
        a calculation that adds biases is a count by its own form (``3*3*128 = 1152``
        there may be a map's values)."""
        tree = lhs_tree(c.text)
        if tree is None:
            return None
        again = _again(tree, c.text, c.claimed)
        if again is not None:  # "(5*5*3+1)*6 = 456 + 6 = 462"
            return Claim(number, c.text, "params", c.claimed, again[0], "wrong",
                         f"the + 1 gives each of the {again[1]} outputs its bias; the step "
                         f"+ {again[1]} counts them again: {again[0]:,}")
        at = masked.find(c.text)
        head = masked[:at] if at >= 0 else masked  # a layer's place is named before its count
        form = None if again_only else conv_count(tree)
        if form is None and not again_only:  # "32 × 3 × 3": no structure names N
            form = self._one_known(number, flat_splits(tree), head)
        once = form is None and not again_only and bias_once(tree)
        if once:  # "3*3*3*64 + 1": one bias for the layer, not one a filter
            form = conv_count(tree.args[0]) or self._one_known(
                number, flat_splits(tree.args[0]), head)
        if form is None:
            return None
        k, c_written, n, bias, twice = form
        if not bias and (biased or _ONE_FILTER.search(_clause(head))):
            return None
        if once and (c_written < 2 or bias):
            return None
        if twice:
            right = (k * k * c_written + 1) * n
            return Claim(number, c.text, "params", c.claimed, right, "wrong",
                         f"the + 1 gives each of the {n} filters its bias; + {n} counts "
                         f"them again: ({k}*{k}*{c_written} + 1)*{n} = {right:,}")
        before = self._before(number, n, k, head)
        if len(before) != 1 and not bias and not twice:  # "3*3*32*64": N may be either
            other = self._one_known(number, [f for f in flat_splits(tree) if f[:3] != form[:3]],
                                    head)
            if other is not None:
                k, c_written, n, bias, twice = form = other
                before = self._before(number, n, k, head)
        if len(before) != 1 or before[0][1] is None:
            return None
        first, c_in, prose = before[0]
        right = _params(n, k, c_in)
        if c_written == c_in and bias:
            return None  # the arithmetic reader's "right" says it all
        if c_written not in (1, c_in) and bias and _SOME.search(masked):
            return None  # "a 3x3 conv with 64 filters = 64 x (3x3x3 + 1)": a count made
            # whole for a layer of its own, any layer of that kind, not the code's
        if c_written == c_in and (self.weights_line == number or
                                  (prose and number - self.weights_line <= 2)):
            return None  # "weights (…) and biases (…)", "how many weights?" above a
            # quiz's answer: the biases apart, by the line's or the question's words
        if _stated(c.claimed) == right:
            return None  # "5*5*6 = 150 + 6 = 156" on one input channel: the running
            # calculation adds what its first link left out, and ends at the count
        missing = []
        if c_written != c_in:
            missing.append(f"the {c_in} input channels" if c_written == 1
                           else f"{c_in} input channels, not {c_written}")
        if not bias:
            missing.append(f"the {n} biases" + (" (one a filter, not one for the layer)"
                                                 if once else ""))
        # another layer's count ("C3: (5*5*6 + 1)*16")? not where the line names its place
        other = c_written not in (1, c_in) and self.placed is None
        return Claim(number, c.text, "params", c.claimed, right, "wrong",
                     f"conv {k}x{k}, {c_in} -> {n} channels (line {first}): "
                     f"({k}*{k}*{c_in} + 1)*{n} = {right:,}; left out: " + " and ".join(missing)
                     + (f" (or another layer's, on {c_written} channels)" if other else ""),
                     confidence=0.4 if other or _SLIP.search(masked) else 1.0)
        # unsure below precedence.WRONG_NEEDS: another layer's, or a slip the line shows


    def _before(self, number: int, n: int, k: int,
                masked: str) -> list[tuple[int, int | None, bool]]:
        """The convs read before the line with ``n`` filters of ``k``: two or more
        narrowed to the one the line names by its place before the count (``masked``, the
        line up to it: ``convorder``)."""
        got = [(line, c, prose) for c, (line, prose) in self.convs.get((n, k), {}).items()
               if line < number]
        self.placed = None
        if len(got) > 1:
            self.placed = self.order.named(masked, number, n, k) or (
                self.order.named(self.param_text, number, n, k, True)
                if self.param_line < number else None)  # a question's "the first conv"
            got = [(self.placed.line, self.placed.c_in, False)] if self.placed else got
        return got

    def _one_known(self, number: int, forms: list, masked: str) -> tuple | None:
        """The one reading of a bare product whose filters and kernel are one conv's
        read before the line (none where two readings are, or none)."""
        known = {f for f in forms if len(self._before(number, f[2], f[0], masked)) == 1}
        return known.pop() if len(known) == 1 else None


def _clause(head: str) -> str:
    """The clause of ``head`` (a line up to a count) that the count closes."""
    starts = [m.end() for m in _CLAUSE.finditer(head)]
    return head[starts[-1]:] if starts else head


def _stated(claimed: str | None) -> Fraction | None:
    got = re.fullmatch(r"[0-9][0-9,_]*", claimed or "")
    return Fraction(int(re.sub("[,_]", "", claimed))) if got else None


def bias_term(number: int, c: Claim, masked: str = "") -> Claim | None:
    """``76x784+64 = 59660``: a count written as a product of weights plus its biases
    whose result is right for the layer, while the bias term is not: the result is the
    product plus one of its factors (the outputs, each with one bias), the term written
    is not that one (``(6 x 16 x 5 x 5) + 6 = 2416``: the input channels written for the
    outputs). The term is the mistake (a slip of the hand), not the result, so a
    total that adds the result carries no error of it. Only for a layer's size of count
    (``MIN_WEIGHTS`` weights, ``MIN_OUTPUTS`` outputs): small numbers fit by chance."""
    tree = lhs_tree(c.text, True)
    result = _stated(c.claimed)
    if tree is None or tree.op != "add" or tree.args[1].op != "num" or result is None:
        return None
    factors = product_factors(tree.args[0])
    term = tree.args[1].num.value
    if not factors or len(factors) < 2 or term < 1 or \
            any(f.denominator != 1 or f < 1 for f in factors):
        return None
    weights = Fraction(1)
    for f in factors:
        weights *= f
    outs = {f for f in factors if f >= MIN_OUTPUTS and weights + f == result}
    if len(outs) != 1 or weights < MIN_WEIGHTS:
        return None
    out = int(outs.pop())
    return Claim(number, c.text, "arithmetic", tree.args[1].num.text, out, "wrong",
                 f"the result, {plain(result)}, is {plain(weights)} weights + {out} biases "
                 f"(one for each of the {out} outputs): the bias term should be {out}, "
                 f"not {plain(term)}", _term_edit(number, c.text, masked, out), str(out))


MIN_WEIGHTS = 100
MIN_OUTPUTS = 4


def _term_edit(number: int, text: str, masked: str, out: int) -> tuple[Edit, ...]:
    """The edit that writes ``out`` for the term before the first ``=`` of ``text``."""
    at = masked.find(text)
    if at < 0:
        return ()
    try:
        toks = scan(text)
    except Refused:
        return ()
    eq = next((k for k, t in enumerate(toks) if t.kind in ("EQ", "APPROX")), len(toks))
    nums = [t for t in runs.drop_annotations(toks[:eq]) if t.kind == "NUM"]
    if not nums:
        return ()
    t = nums[-1]
    return (Edit(number, at + t.start, at + t.end, str(out)),)


def _params(n: int, k: int, c_in: int) -> int:
    from cnnstat.layers import KINDS

    return KINDS["conv"].make({"out": n, "kernel": k}).apply((c_in, k, k)).params


@lru_cache(maxsize=1024)
def lhs_tree(text: str, labelled: bool = False) -> Node | None:
    """The left side of ``text``'s first ``=``; ``labelled``: its labels in brackets
    (``6(weights+biases)``) dropped first."""
    try:
        toks = runs.drop_annotations(scan(text)) if labelled else scan(text)
        eq = next(i for i, t in enumerate(toks) if t.kind in ("EQ", "APPROX"))
        return Parser(toks[:eq]).parse()
    except (Refused, StopIteration):
        return None


_STEP = re.compile(r"\s*([0-9][0-9,]*)\s*\+\s*([0-9][0-9,]*)\s*")


def _again(tree: Node, text: str, claimed: str | None) -> tuple[int, int] | None:
    """(the count, its outputs) for ``(X + 1)·N = R + N = R'``: a chain whose next step
    adds the N biases the ``+ 1`` already gave; judged at the chain's last result."""
    sides = text.split("=")
    while tree.op == "paren":
        tree = tree.args[0]
    if len(sides) < 3 or claimed is None or sides[-1].strip() != claimed or tree.op != "mul":
        return None
    for vol, n in ((tree.args[0], tree.args[1]), (tree.args[1], tree.args[0])):
        while vol.op == "paren":
            vol = vol.args[0]
        if n.op == "num" and n.num.value.denominator == 1 and n.num.value > 1 and \
                vol.op == "add" and vol.args[1].op == "num" and vol.args[1].num.value == 1:
            try:
                count = value(tree)
            except Refused:
                return None
            for side in sides[1:-1]:
                m = _STEP.fullmatch(side)
                if m and Fraction(m.group(1).replace(",", "")) == count and \
                        Fraction(m.group(2).replace(",", "")) == n.num.value:
                    return int(count), int(n.num.value)
    return None
