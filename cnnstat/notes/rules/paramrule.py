"""A layer's parameter count stated as a rule, in letters or words, in any language.

    NumOfParameters = (FW * FH * C + 1) * N        (after "필터 갯수 : N", "입력 채널 : C")
    ((shape of width of the filter * shape of height of the filter + 1) * number of filters)
    (kernel_size * channels) * filters = summary Param 개수
    dense: ((current layer n * previous layer n) + 1)     (n + 1) * m, "for n inputs and m outputs"
    #params = |input| * (|output| + 1)      (input and output words: a dense layer's sizes)

Each operand's role comes from ``operands.role`` (a word, a subscript, a bare letter's
guess), from a legend on the lines above or on the line itself (``* 입력 채널 : C``, ``N: the
number of filters``, ``for n inputs and m outputs``), or, for a pair ``w``/``h`` in a count
with no kernel word, the kernel's two sides. ``rulecheck.judge_params`` evaluates the rule
at several layers against the layer algebra (``(k*k*C_in + 1)*C_out``, a dense layer's
``(in + 1)*out``). Two readings are held against what the note says the count is:

- a count labelled as a Keras summary's ``Param #`` holds the biases (Keras' default), so a
  rule of the weights alone is wrong there;
- a conv's rule without the input channels is right only for a one-channel input: wrong
  where it is stated as the general rule (no worked figure on its line, no first layer,
  grayscale or single channel named around it), unsure otherwise.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.operands import phrase_role
from cnnstat.notes.reading.weightwords import WEIGHTS_ONLY
from cnnstat.notes.rules.general import _params
from cnnstat.notes.rules.rulecheck import judge_params, params_fits
from cnnstat.notes.rules.ruletree import names

_PARAM_WORDS = re.compile(r"param|파라미터|매개\s*변수|weights|가중치", re.I)
_CONV_WORDS = re.compile(r"conv|합성곱|컨볼루션|kernel|filter|커널|필터", re.I)
_KEEP = {"k", "ci", "co", "b1"}
_LETTERS = set("KFkfCcDNMnmLl")  # a letter that may be a kernel, channels or filters
_SIDES = {"w", "h"}  # a kernel's width and height, where the count names no kernel
# a dense layer named where its count stands: its inputs and units named by words need no
# other word to say the rule is a count
_DENSE = re.compile(r"dense|fully|\bfc\b|linear|전결합|완전\s*연결", re.I)
# a count labelled as what a Keras summary prints: its Param # holds the biases
_SUMMARY = re.compile(r"summary|param\s*#|케라스|keras", re.I)
# a count said of a one-channel input, where a rule without the channels holds
_ONE_CHANNEL = re.compile(r"first|1\s*channel|one\s+channel|single[- ]channel|gr[ae]y|흑백|"
                          r"mnist|첫\s*번?째|채널\s*(?:이|은|수)?\s*1\b|depth\s*(?:of\s*)?1\b",
                          re.I)
# a legend: "* 입력 채널 : C", "N: number of filters", "C = input channels", "n inputs"
_SYM = r"[A-Za-z](?:_?\{?[A-Za-z0-9]{1,3}\}?)?"
_AFTER = re.compile(r"^[\s*+\-•]*(?P<phrase>[^:=()*]{2,30}?)\s*[:=]\s*`?\$?(?P<sym>" + _SYM +
                    r")\$?`?\s*(?:\\?\(.{0,20}\\?\))?\s*$")
_BEFORE = re.compile(r"^[\s*+\-•]*`?\$?(?P<sym>" + _SYM + r")\$?`?\s*(?:[:=]|is\s+the|is|denotes)"
                     r"\s*(?P<phrase>[^,;=\d]{3,40}?)\s*$", re.I)
_COUNTED = re.compile(r"(?<![\w*])(?P<sym>[a-zA-Z])\s+(?P<phrase>inputs|outputs|filters|"
                      r"channels|units|neurons|input\s+units|output\s+units)\b")
_ROLE_OF = {"n": "ci", "o": "co"}  # a dense layer's input and output sizes: its counts


class Legend:
    """The letters a note named on the lines above (within ``SPAN`` lines)."""

    SPAN = 8

    def __init__(self) -> None:
        self.named: dict[str, tuple[int, str]] = {}

    def see(self, number: int, masked: str) -> None:
        """Read a line's legend entries, the line's own among them."""
        text = masked.replace("\\(", "(").replace("\\)", ")").strip()
        found = []
        for rx in (_AFTER, _BEFORE):
            m = rx.match(text)
            if m:
                found.append((m.group("sym"), m.group("phrase")))
                break
        if "input" in text or "output" in text:
            found += [(m.group("sym"), m.group("phrase")) for m in _COUNTED.finditer(text)]
        for sym, phrase in found:
            got = phrase_role(phrase)
            got = _ROLE_OF.get(got, got)
            if got in ("k", "ci", "co"):
                self.named[sym] = (number, got)

    def roles(self, number: int) -> dict[str, str]:
        return {s: r for s, (n, r) in self.named.items() if number - n <= self.SPAN}


def judge(number: int, text: str, masked: str, node, assign: dict[str, str],
          guessed: set[str], label: str, context: str, legend: dict[str, str]
          ) -> Claim | Skip | None:
    """A parameter rule (``assign``: operand -> role, ``guessed``: bare letters), or None
    where the rule is not a parameter count this reads."""
    assign, guessed = dict(assign), set(guessed)
    if {"n", "o"} <= set(assign.values()) <= {"n", "o", "b1"} and \
            _PARAM_WORDS.search(label + " " + masked) and \
            not _CONV_WORDS.search(label + " " + masked):
        # "#params = input * (output + 1)": a count over an input and an output and no
        # kernel is a dense layer's, its input and output sizes its features and units
        assign = {x: _ROLE_OF.get(r, r) for x, r in assign.items()}
    for x in list(guessed):
        if x in legend:
            assign[x] = legend[x]
            guessed.discard(x)
    sides = [x for x in guessed if x.lower() in _SIDES and assign[x] == "n"]
    if len(sides) == 2 and {x.lower() for x in sides} == _SIDES and \
            "k" not in assign.values() and "n" not in {assign[x] for x in assign
                                                        if x not in sides}:
        for x in sides:  # "(w*h + 1)*filters": the kernel's width and height
            assign[x] = "k"
            guessed.discard(x)
    roles = set(assign.values())
    named = {assign[x] for x in assign if x not in guessed}
    if not (named & {"ci", "co"} or named and _PARAM_WORDS.search(label + " " + masked)) or \
            not named <= _KEEP or \
            not all(x in _LETTERS or assign[x] in _KEEP for x in guessed) or \
            not (guessed or {"ci", "co"} <= roles or {"k", "co"} <= roles):
        return None
    where = label if label.strip() else context
    dense = "k" not in roles and {"ci", "co"} <= named and _DENSE.search(label + " " + masked)
    if not dense and not _PARAM_WORDS.search(label + " " + context + " " + masked):
        return None
    if "k" not in roles and not dense and _CONV_WORDS.search(where + " " + masked):
        return None  # a conv's count without its kernel: not a dense layer's
    weights = bool(WEIGHTS_ONLY.search(where)) and not re.search(
        r"param|파라미터|bias|편향", where, re.I)
    ks = [x for x in assign if assign[x] == "k"]
    if "ci" not in roles and len(ks) == 1 and names(node).count(ks[0]) == 1 and \
            not guessed and len(ks[0]) > 2:
        return Skip(number, text, "unsure: a kernel named once, with no input channels, "
                                  "may stand for the filter's volume (k*k*C_in)")
    if "ci" not in roles and not guessed and "k" in roles:
        return _no_channels(number, text, masked, node, assign, context)
    got = judge_params(number, text, node, assign, weights, guessed)
    if isinstance(got, Claim) and got.verdict == "wrong" and "k" not in roles and \
            (taps := _taps_folded(node, assign)):
        return Skip(number, text, f"unsure: a conv's count with its kernel's {taps} taps "
                                  "written as a number (the rule has no kernel letter)")
    alt = judge_params(number, text, _loose(node), assign, weights, guessed) if \
        isinstance(got, Claim) and got.verdict == "wrong" and _loose(node) != node else None
    if alt is not None and not (isinstance(alt, Claim) and alt.verdict == "wrong"):
        return Skip(number, text, "unsure: the rule fits with its product over the whole sum "
                                  "before it (a + b * c as (a + b) * c), as written without brackets")
    if isinstance(got, Skip) and _SUMMARY.search(label + " " + masked) and \
            "b1" not in roles and not guessed:
        k, ci, co = 3, 5, 7
        return Claim(number, text, "formula", text, "(k*k*C_in + 1)*C_out", "wrong",
                     f"a summary's Param # holds one bias a filter: {co} filters of {k}x{k} "
                     f"on {ci} channels have {k * k * ci * co} weights + {co} biases = "
                     f"{_params(co, k, ci)}; the rule gives the weights alone",
                     confidence=0.9)
    return got


# a kernel's taps written as a number: k*k (2x2 to 11x11) or k*k*k (a 3-D kernel)
_TAPS = sorted({k * k for k in range(2, 12)} | {k ** 3 for k in range(2, 8)})


def _taps_folded(node, assign: dict[str, str]) -> int | None:
    """The taps ``c`` where a rule with no kernel letter is ``(c*C_in + 1)*C_out`` (or
    ``c*C_in*C_out`` of the weights alone) at every size tried: a conv's count with its
    kernel's taps folded in (``27·C_in·C_out + C_out`` for a 3x3x3 kernel), no dense
    layer's."""
    for c in _TAPS:
        for bias in (1, 0):
            if params_fits(node, assign, False,
                           lambda k, ci, co, c=c, b=bias: (c * ci + b) * co):
                return c
    return None


def _loose(node):
    """``a + b * c`` as ``(a + b) * c``: how a note that writes ``input_dim + bias * units``
    without brackets means it."""
    if node[0] in ("n", "v"):
        return node
    node = (node[0],) + tuple(_loose(a) for a in node[1:])
    if node[0] == "+" and node[2][0] == "*":
        return ("*", ("+", node[1], node[2][1]), node[2][2])
    return node


def _no_channels(number: int, text: str, masked: str, node, assign: dict[str, str],
                 context: str) -> Claim | Skip | None:
    """A conv's rule with no input channels: the count of a one-channel input."""
    if not any(params_fits(node, assign, False, lambda k, ci, co, w=w: _params(co, k, 1) -
                           (0 if w else co)) for w in (True, False)):
        return judge_params(number, text, node, assign, False)
    worked = re.search(r"\d{2,}|[2-9]", masked)
    if worked or _ONE_CHANNEL.search(masked + " " + context):
        return Skip(number, text, "unsure: the count of a one-channel input (the input "
                                  "channels are not in the rule)")
    k, ci, co = 3, 5, 7
    return Claim(number, text, "formula", text, "(k*k*C_in + 1)*C_out", "wrong",
                 f"the input channels are missing: {co} filters of {k}x{k} on {ci} channels "
                 f"have ({k}*{k}*{ci} + 1)*{co} = {_params(co, k, ci)} parameters; the rule "
                 "holds for a one-channel input only", confidence=0.8)


__all__ = ["Legend", "judge"]
