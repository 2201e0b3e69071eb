"""Parameters in words: the count a sentence states of the one layer it sets out.

    A fully connected layer of 784 inputs x 100 neurons learns 78,500 parameters.
    A 3x3 conv with 64 input and 128 output channels has 73,856 parameters.
    32개의 3x3 필터를 RGB 이미지에 쓰면 파라미터는 896개이다.

A figure is a count when a parameter word follows it (``parameters``, ``params``,
``weights``, ``개의 파라미터``, ``가중치``) or labels it (``parameters:``, ``가중치는``). The
layer is read from the same sentence (``layerwords``: a conv's kernel and its input and
output channels, an RGB or grayscale image being 3 or 1 of them; a fully connected
layer's inputs and units). Its count comes from the layer algebra (``cnnstat.layers``):
the weights, and the weights with one bias an output. A figure that is either is right
(a sentence that says the biases are in, or out, allows only that one). Any other is
wrong, and the term the figure leaves out is named where a reading of it gives the
figure (the input channels, the filters, the kernel, the biases, or a count taken twice).

Nothing is said where the sentence may count something else: more than one layer
(``two 3x3 convs``, ``layers``), a model's total, a difference (``fewer``, ``saves``,
``than``), a part of a layer (depthwise, pointwise, grouped, per filter), or more than one
count. A figure given as about (``~``, ``about``, ``약``) is judged within 10 per cent.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.costs import layerwords
from cnnstat.notes.costs.costwords import _SENTENCE, numbers
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.weightwords import NO_BIAS, WEIGHTS_ONLY, WITH_BIAS
from cnnstat.notes.signs import has_any

NEEDS = ("param", "weight", "파라미터", "매개", "가중치")
_CLAUSE = re.compile(r";\s+")
CONFIDENCE = 0.8
_WORD = r"(?:parameters|params|weights|파라미터|매개\s*변수|가중치)"
_AFTER = re.compile(r"^\s*(?:개의?\s*)?(?:(?:trainable|learnable|learned|학습\s*(?:가능한\s*)?)\s*)?"
                    + _WORD + r"(?![A-Za-z])", re.I)
_BEFORE = re.compile(_WORD + r"\s*(?:count|수|개수|의\s*수)?\s*(?:is|are|of|:|=|은|는|이|가|"
                     r"comes\s+to)?\s*(?:about|around|roughly|approximately|only|약|~|≈)?\s*$",
                     re.I)
_ABOUT = re.compile(r"(?:about|around|roughly|approximately|nearly|almost|~|≈|약)\s*$", re.I)
_ABOUT_AFTER = re.compile(r"^\s*(?:개\s*)?(?:정도|가량|남짓)", re.I)
# the sentence may count more than the one layer, or a part of it, or a difference
_SEVERAL = re.compile(r"\blayers\b|\b(?:two|three|four|five|both|several)\b|\bstack|\bblocks?\b|"
                      r"\bmodules?\b|층들|레이어들|두\s*개|세\s*개|두\s*번|세\s*번", re.I)
_WHOLE = re.compile(r"\bnetworks?\b|\bmodel\b|\btotal|\bin\s+all\b|overall|\bwhole\b|\bentire|"
                    r"altogether|\bsum\b|전체|총|합계|모두|모델|네트워크", re.I)
# one layer named as such: the whole's words then speak of the network it is in
_ONE_LAYER = re.compile(r"\b(?:first|second|third|last|final|this|that|one|its|the|a|an)\s+"
                        r"(?:\w+\s+){0,2}?layer\b(?!s)|(?:첫|두\s*번째|세\s*번째|이|그|마지막)\s*"
                        r"(?:번째\s*)?(?:\S+\s*)?(?:층|레이어)", re.I)
_DIFFERENT = re.compile(r"\bthan\b|fewer|\bless\b|\bmore\b|sav(?:e|es|ing)\b|reduc|instead|"
                        r"compared|versus|\bvs\b|ratio|times|보다|대신|줄|절약|차이|감소|배", re.I)
_PART = re.compile(r"depth\s*-?\s*wise|point\s*-?\s*wise|separable|group|dilat|transpos|"
                   r"per\s+(?:filter|kernel|neuron|unit|output)|(?:each|every)\s+(?:filter|kernel|"
                   r"neuron|unit)\b|(?:one|a\s+single)\s+(?:filter|kernel)\b|깊이\s*별|점\s*별|분리|그룹|"
                   r"(?:각각의|각|모든)\s*(?:필터|커널|뉴런)|(?:필터|커널|뉴런)\s*(?:하나|한\s*개|당|마다|별)",
                   re.I)
# the working between a label and its figure: "파라미터는 (3*3+1)*10 = 100개"
_WORKING = re.compile(r"[-0-9.,()\s*x×·+/^]*[0-9)]\s*=\s*$")
_NO_FIGURE = re.compile(r"^\s*(?:[x×*·⋅/+^%]|by\b|times\b|배)", re.I)


def _figures(sentence: str) -> list:
    """The parameter counts of a sentence: (number, start, end, about)."""
    out = []
    for num, a, b in numbers(sentence):
        after = sentence[b:b + 40]
        before = sentence[max(0, a - 40):a]
        if _NO_FIGURE.match(after) or re.search(r"[x×*·⋅/+^(-]\s*$", before):
            continue  # a factor of a product, a share, a ratio: not a count
        if _AFTER.match(after) or _BEFORE.search(before) or \
                _BEFORE.search(_WORKING.sub("", sentence[max(0, a - 80):a])):
            about = bool(_ABOUT.search(before) or _ABOUT_AFTER.match(after))
            out.append((num, a, b, about))
    return out


def _conv(layer: layerwords.Layer) -> tuple[str, int, int, dict[int, str]]:
    """(what the layer is, its weights, its biases, what other counts leave out)."""
    from cnnstat.layers import KINDS

    k, ci, co = layer.k, layer.c_in, layer.c_out
    made = KINDS["conv"].make({"out": co, "kernel": k, "bias": True}).apply((ci, 32, 32))
    weights = made.params - co
    slips = {}
    for value, why in ((k * k * co, f"the {ci} input channels"),
                       (k * k * ci, f"the {co} filters (one filter's weights)"),
                       (ci * co, f"the kernel's {k}x{k}"), (k * ci * co, f"one side of the "
                                                                         f"{k}x{k} kernel")):
        slips.setdefault(value + co, why)
        slips.setdefault(value, why if "one filter" in why else why + f" and the {co} biases")
    slips.setdefault(k * k * ci + 1, f"the {co} filters (one filter's count)")
    slips.setdefault((k * k + 1) * co, f"the {ci} input channels")
    slips.setdefault((k * k * ci + 1) * co + co, "nothing: the biases are counted twice")
    return f"conv {k}x{k}, {ci} -> {co} channels", weights, co, slips


def _dense(layer: layerwords.Dense) -> tuple[str, int, int, dict[int, str]]:
    from cnnstat.layers import KINDS

    n, m = layer.n_in, layer.n_out
    made = KINDS["linear"].make({"out": m, "bias": True}).apply((n,))
    slips = {n * (m + 1): f"nothing, but one bias an input, not one an output ({m})",
             n + m: "the product: inputs and outputs are multiplied, not added",
             (n + 1) * (m + 1): "nothing, but a bias too many on each side"}
    return f"fully connected, {n} -> {m}", made.params - m, m, slips


def check_line(number: int, masked: str) -> list[Claim | Skip]:
    out: list[Claim | Skip] = []
    # a clause after ';' is a sentence of its own ("... = 156 parameters; with a 3-channel
    # input it would be 456"): its layer is another
    for sentence in (c for s in _SENTENCE.split(masked) for c in _CLAUSE.split(s)):
        if not has_any(sentence, NEEDS):
            continue
        figs = _figures(sentence)
        if len(figs) != 1:
            continue
        layer = layerwords.read(sentence)
        dense = layerwords.read_dense(sentence)
        if (layer is None) == (dense is None):
            continue  # no layer, or a conv and a dense one in the same words
        if _SEVERAL.search(sentence) or _DIFFERENT.search(sentence) or \
                _PART.search(sentence) or (_WHOLE.search(sentence) and
                                           not _ONE_LAYER.search(sentence)):
            continue
        num, a, b, about = figs[0]
        what, weights, biases, slips = _conv(layer) if layer is not None else _dense(dense)
        out.append(_judge(number, " ".join(sentence[max(0, a - 80):b + 20].split()), num,
                          about, sentence, what, weights, biases, slips))
    return out


def _judge(number: int, text: str, num, about: bool, sentence: str, what: str,
           weights: int, biases: int, slips: dict[int, str]) -> Claim | Skip:
    whole = weights + biases
    bias_in, bias_out = bool(WITH_BIAS.search(sentence)), bool(NO_BIAS.search(sentence))
    if bias_in and bias_out:
        return Skip(number, text, "unsure: the biases both in and out")
    allowed = {whole: "weights and biases", weights: "weights alone"}
    if bias_in:
        del allowed[weights]
    elif bias_out or (WEIGHTS_ONLY.search(sentence) and "bias" not in sentence.lower()):
        allowed = {weights: "weights alone", whole: "weights and biases"}
    how = f"{what}: {plain(weights)} weights + {plain(biases)} biases = {plain(whole)}"
    for value, name in allowed.items():
        if agrees(Fraction(value), num) or (about and abs(num.value - value) <= value / 10):
            return Claim(number, text, "params", num.text, value, "right",
                         f"{how}; the figure counts the {name}", confidence=CONFIDENCE)
    if about and min(abs(num.value - v) for v in allowed) <= max(allowed) / 4:
        return Skip(number, text, f"unsure: an approximate count near it ({how})")
    right = next(iter(allowed))
    slip = next((why for value, why in slips.items() if agrees(Fraction(value), num)), None)
    if slip is None and bias_in and agrees(Fraction(weights), num):
        slip = f"the {biases} biases the sentence counts in"
    if slip is not None and "one filter" in slip:
        return Skip(number, text, f"unsure: one filter's count, not the layer's ({how})")
    detail = how + (f"; left out: {slip}" if slip and not slip.startswith("nothing") else
                    f"; {slip[9:]}" if slip else "")
    return Claim(number, text, "params", num.text, right, "wrong", detail,
                 confidence=CONFIDENCE)
