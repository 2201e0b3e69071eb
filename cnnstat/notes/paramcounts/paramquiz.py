"""A quiz's parameter count, on a later line than its question::

    3. Your input is a 300 by 300 colour (RGB) image and you use a conv layer with 100
       filters that are each 5x5. How many parameters does it have (including biases)?
    Ans: 2600                   <- wrong: (5*5*3 + 1)*100 = 7,600; left out: the 3
                                   input channels
    Q: 28x28 흑백 이미지에 3x3 필터 8개를 쓰는 합성곱 층의 파라미터 수는?
    정답: 80

A question (``questions.asks``) that asks for parameters (``parameters``, ``weights``,
``파라미터``, ``가중치``) and sets out one layer is remembered until the next question or
``WINDOW`` lines: a conv (a count of filters, kernels or feature maps and one square
kernel, ``100 filters that are each 5x5``, ``3x3 필터 8개``, ``40 feature maps`` with
``5 × 5 kernels``) on an input whose channels it states once (the depth of an
``H x W x C`` input, or a colour word: RGB, colour, 컬러 = 3; grayscale, 흑백 = 1), or a
fully connected layer (``100 neurons``, ``은닉 유닛 64개``) on an input whose every side it
states (``300 by 300`` and the channels). Its answer is the first line after it that opens
with an answer's label (``Ans:``, ``Answer:``, ``A.:``, ``정답``, ``답:``) and holds one
figure (or a line that is the figure alone, the quiz's answer under its question), or the
figure an answer's sentence gives as a count of parameters (``a total of 4500 learning
parameters``). The count comes from the layer algebra; the biases are in
it where the question or the answer says so (``including the bias``), out where either
says weights alone (``ignoring biases``, ``without bias``, ``가중치만``), and either is
right where neither says. A wrong answer that another reading of the layer gives (the
input channels left out, the biases left out or counted twice) is named.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.paramcounts import choices
from cnnstat.notes.reading.numbers import plain
from cnnstat.notes.reading.numerals import Refused, read_number
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.weightwords import NO_BIAS, WITH_BIAS

NEEDS = ("param", "weight", "파라미터", "가중치", "매개", "ans", "답", "a.")
WINDOW = 12  # lines a question waits for its answer
CONFIDENCE = 0.9  # the layer is read from a sentence

_PARAM = re.compile(r"param|weights?\b|파라미터|가중치|매개\s*변수", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8,
          "ten": 10, "sixteen": 16, "twenty": 20, "thirty-two": 32, "sixty-four": 64}
_N = r"(?P<n>[0-9]{1,5}|" + "|".join(_WORDS) + r")"
_K = r"(?P<k>[0-9]{1,2})\s*(?:[x×X*]|by)\s*(?P=k)(?![0-9]|\s*[x×X*]\s*[0-9])"
_BANK = r"(?:filters|kernels|feature\s*maps|output\s*channels)"
_CONV = [
    re.compile(r"(?<![0-9A-Za-z.])" + _N + r"\s+" + _BANK + r"\s*(?:,\s*)?(?:that\s+are\s+|"
               r"which\s+are\s+)?(?:each\s+|all\s+)?(?:of\s+)?(?:size\s+|shape\s+)?(?:of\s+)?"
               + _K, re.I),
    re.compile(r"(?<![0-9A-Za-z.])" + _N + r"\s+" + _K + r"\s+(?:conv\w*\s+)?" + _BANK, re.I),
    re.compile(_K + r"\s*(?:크기의?\s*)?(?:필터|커널)\s*(?P<n>[0-9]{1,5})\s*개"),
    re.compile(r"(?P<n>[0-9]{1,5})\s*개의?\s*" + _K + r"\s*(?:크기의?\s*)?(?:필터|커널)"),
]
# a bank's count and its kernel told apart: "5 × 5 convolution kernels ... 40 feature maps"
_COUNT = re.compile(r"(?<![0-9A-Za-z.x×*])" + _N + r"\s+(?:" + _BANK + r"|filters?)\b", re.I)
_KERNEL = re.compile(_K + r"\s*(?:conv\w*\s+)?(?:kernels?|filters?|convolutions?|필터|커널)",
                     re.I)
_FC = re.compile(r"(?<![0-9A-Za-z.])" + _N + r"\s+(?:hidden\s+)?(?:neurons|units|nodes)|"
                 r"(?:뉴런|유닛|노드)\s*(?P<n2>[0-9]{1,5})\s*개|(?P<n3>[0-9]{1,5})\s*개의?\s*"
                 r"(?:뉴런|유닛|노드)", re.I)
_FULLY = re.compile(r"fully[\s-]*connected|dense|완전\s*연결|전결합|not\s+using\s+a\s+conv", re.I)
_SIDES = re.compile(r"(?<![0-9.])([0-9]{1,4})\s*(?:[x×X*]|by)\s*([0-9]{1,4})"
                    r"(?:\s*(?:[x×X*]|by)\s*([0-9]{1,4}))?(?![0-9])")
_RGB = re.compile(r"\bRGB\b|colou?r(?:ed)?\s+(?:\(RGB\)\s+)?image|컬러|칼라", re.I)
_GRAY = re.compile(r"gr[ae]y\s*-?\s*scale|흑백|monochrome|single[-\s]channel", re.I)
_UNLIKE = re.compile(r"depthwise|separable|group|dilat|transpos|1\s*x\s*1\s*conv|bottleneck|"
                     r"two\s+(?:conv|layers)|layers\b|stack", re.I)
_ANSWER = re.compile(r"^[\s>*#_-]*(?:\*\*)?(?:ans(?:wer)?\b|a\s*\.?\s*:|정답|답)\s*\.?\s*"
                     r"(?:\*\*)?\s*[:：.)]?", re.I)
# a line that is a figure alone: the answer written under its question
_LONE = re.compile(r"\s*[0-9][0-9,]{0,15}\s*")
# a multiple choice's letter before the answer's figure: "D. 18944", "(b) 7600"
_OPTION = re.compile(r"^[\s>*#_-]*(?:\*\*)?\(?[A-Ea-e][.)]\s*(?:\*\*)?\s*(?=[0-9])")
_COUNTED = re.compile(r"([0-9][0-9,]*)\s+(?:learn\w*\s+|trainable\s+|learnable\s+)?"
                      r"(?:scalar\s+)?(?:parameters|params|weights)", re.I)


class Layer(NamedTuple):
    line: int
    kind: str  # "conv" or "fc"
    n: int  # filters, or units
    k: int  # kernel side (conv), 0 for fc
    c_in: int  # input channels (conv) or inputs (fc)
    bias: bool | None  # the question says with (True) or without (False) biases


def _count(text: str) -> int:
    return _WORDS.get(text.lower()) or int(text)


def _channels(masked: str, sides: list[tuple[int, int, int | None]]) -> int | None:
    depths = {c for _, _, c in sides if c is not None}
    words = {3} if _RGB.search(masked) else set()
    words |= {1} if _GRAY.search(masked) else set()
    found = depths | words
    return found.pop() if len(found) == 1 else None


def read_layer(number: int, masked: str) -> Layer | None:
    """The one layer a question sets out, with its input; None where anything is in doubt."""
    if _UNLIKE.search(masked):
        return None
    bias = True if WITH_BIAS.search(masked) else False if NO_BIAS.search(masked) else None
    sides = [(int(a), int(b), int(c) if c else None) for a, b, c in
             (m.groups() for m in _SIDES.finditer(masked))]
    convs = {(_count(m.group("n")), int(m.group("k"))) for rx in _CONV
             for m in rx.finditer(masked)}
    if not convs:
        counts = {_count(m.group("n")) for m in _COUNT.finditer(masked)}
        kernels = {int(m.group("k")) for m in _KERNEL.finditer(masked)}
        if len(counts) == 1 and len(kernels) == 1:
            convs = {(counts.pop(), kernels.pop())}
    fcs = {_count(next(g for g in m.group("n", "n2", "n3") if g)) for m in _FC.finditer(masked)}
    if len(convs) == 1 and not fcs:
        (n, k), = convs
        maps = [s for s in sides if s[0] == s[1] and s[0] != k]  # the input, not the kernel
        c_in = _channels(masked, maps)
        if c_in is None or len(maps) > 2:
            return None
        return Layer(number, "conv", n, k, c_in, bias)
    if len(fcs) == 1 and not convs and _FULLY.search(masked):
        maps = [s for s in sides if s[0] > 1]
        c_in = _channels(masked, maps)
        if len(maps) != 1 or c_in is None:
            return None
        h, w, _ = maps[0]
        return Layer(number, "fc", fcs.pop(), 0, h * w * c_in, bias)
    return None


def _weights(layer: Layer) -> int:
    from cnnstat.layers import KINDS

    if layer.kind == "fc":
        got = KINDS["linear"].make({"out": layer.n}).apply((layer.c_in,)).params
        return got - layer.n
    got = KINDS["conv"].make({"out": layer.n, "kernel": layer.k}).apply(
        (layer.c_in, layer.k, layer.k)).params
    return got - layer.n


class Quiz:
    def __init__(self) -> None:
        self.layer: Layer | None = None
        self.label = False  # the line above was an answer's label alone ("Answer")

    def check_line(self, number: int, masked: str, raw: str = "") -> list[Claim]:
        if _question(masked):
            self.layer = read_layer(number, masked) if _PARAM.search(masked) else None
            return []
        layer = self.layer
        if layer is None:
            return []
        if number - layer.line > WINDOW:
            self.layer = None
            return []
        label, self.label = self.label, False
        choice = choices.choice(raw)
        if choice == "not taken":
            return []  # one choice of several, not ticked: the answer is still to come
        got = self._answer(choices.unticked(masked, raw) if choice == "ticked" else masked,
                           label or choice == "ticked")
        if got is None:
            if masked.strip() and _ANSWER.match(masked) and \
                    not any(ch.isdigit() for ch in masked):
                self.label = True  # "Answer", then the figure on the next line
            return []
        self.layer = None
        tok_text, start, end, value = got
        bias = layer.bias
        if NO_BIAS.search(masked):
            bias = False
        elif WITH_BIAS.search(masked) and bias is None:
            bias = True
        weights = _weights(layer)
        right = {weights + layer.n} if bias else {weights} if bias is False else \
            {weights, weights + layer.n}
        what = (f"conv {layer.k}x{layer.k}, {layer.c_in} -> {layer.n} channels"
                if layer.kind == "conv" else f"fully connected, {layer.c_in:,} -> {layer.n}")
        how = f"{what} (line {layer.line})"
        if value in right:
            return [Claim(number, tok_text, "params", tok_text, value, "right", how,
                          confidence=CONFIDENCE)]
        want = max(right) if bias is not False else weights
        missing = _left_out(layer, value, bias)
        detail = f"{how}: {plain(want)}" + (f"; {missing}" if missing else "")
        return [Claim(number, tok_text, "params", tok_text, want, "wrong", detail,
                      (Edit(number, start, end, f"{want:,}" if "," in tok_text else
                            str(want)),), f"{want:,}", CONFIDENCE)]

    @staticmethod
    def _answer(masked: str, after_label: bool = False) -> tuple[str, int, int, int] | None:
        """The answer's figure: the one number of a line opening with an answer's label
        (or of the line under a label alone, a choice's letter before it), or a count of
        parameters an answer's sentence gives."""
        label = _ANSWER.match(masked) or (_OPTION.match(masked) if after_label else None)
        if label is None and (after_label or _LONE.fullmatch(masked)) and \
                masked.strip()[:1].isdigit():
            label = re.match(r"\s*", masked)  # "Answer" above, or the figure alone
        figures = []
        if label is not None:
            k = label.end()
            while k < len(masked):
                if masked[k].isdigit() and (k == 0 or not masked[k - 1].isalnum()):
                    try:
                        got = read_number(masked, k)
                    except Refused:
                        return None
                    if got is None:
                        return None
                    figures.append((got[0], k, got[1]))
                    k = got[1]
                else:
                    k += 1
            if len(figures) == 1 and figures[0][0].unit == 1:
                num, start, end = figures[0]
                if num.value.denominator == 1:
                    return num.text, start, end, int(num.value)
        counted = [m for m in _COUNTED.finditer(masked)]
        if label is not None and len(counted) == 1:
            text = counted[0].group(1).rstrip(",")
            value = int(text.replace(",", ""))
            return text, counted[0].start(1), counted[0].start(1) + len(text), value
        return None


def _question(masked: str) -> bool:
    """A question with no answer on its line: one ``questions.asks`` reads, or a quiz's
    item (its number masked) that sets a problem out and ends by asking."""
    if asks(masked):
        return True
    mark = max(masked.rfind("?"), masked.rfind("？"))
    return mark >= 0 and not any(ch.isdigit() for ch in masked[mark:]) and \
        _ANSWER.match(masked) is None


def _left_out(layer: Layer, value: int, bias: bool | None) -> str:
    """The reading of the layer that gives ``value``, named."""
    n, k = layer.n, layer.k
    if layer.kind == "conv":
        no_c = k * k * n
        if value in (no_c, no_c + n) and layer.c_in > 1:
            return f"left out: the {layer.c_in} input channels"
    weights = _weights(layer)
    if value == weights and bias:
        return f"left out: the {n} biases"
    if value == weights + 2 * n:
        return f"the {n} biases counted twice"
    return ""
