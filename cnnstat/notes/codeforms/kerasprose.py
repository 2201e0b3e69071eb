"""What the prose around Keras code says of its layers (``kerascode``'s reader): a shape
written with its batch (``(None, 26, 26, 32)``, ``[batch, 13, 13, 32]``), the channel or
filter counts a sentence states, the sentence a layer is named in, and a layer named in
words (``the pooling layer``, ``합성곱 층``) by its Keras name.
"""

from __future__ import annotations

import re

from cnnstat.notes.signs import Gated

# a count of channels or filters the prose states: "now with 32 channels", "32 filters",
# "the number of filters to apply (here, 32)", "필터 32개", "32개의 채널"
# (every match holds one of its words: tried only where one is)
COUNT = Gated(("channel", "filter", "kernel", "feature", "채널", "필터", "커널"),
              r"(?<![\d.,x×*])(\d{1,4})\s*(?:output\s+)?(?:channels|filters|kernels|"
              r"feature\s+maps|개의?\s*(?:채널|필터|커널))\b"
              r"|(?:filters|필터|커널|채널)\D{0,40}?(?<![\d.,x×*])(\d{1,4})(?![\d.,]\d|\s*[x×*])",
              re.I, scanned=False)  # asked of a part of a line
# every match holds one of its words (a gated pattern: tried only where one is)
NAMED = Gated(("conv", "pool", "합성곱", "컨볼루션", "풀링"),
              r"\b(?:(conv2d|convolution2d)|(max_?pool(?:ing)?2d|avg_?pool(?:ing)?2d|"
              r"average_?pooling2d))\b|(convolution(?:al)?\s+layer|conv\s+layer|합성곱\s*층|"
              r"컨볼루션\s*층)|((?:max[\s-]*|average\s+|avg\s+)?pooling\s+layer|"
              r"(?:맥스\s*|최대\s*)?풀링\s*층)", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\[])")
# a shape in a comment: (None, 26, 26, 32), [batch, 13, 13, 32], (batch_size, 10), one
# whose output word opens its bracket: (output: None, 7, 7, 7), (출력 N,7,7,7), and one whose
# batch letter carries a gloss in brackets: (N(batch_size), 5, 5, 1)
SHAPE = re.compile(r"[(\[]\s*(?:(?:출력|아웃풋|output|out)\s*[:=]?\s*)?(?:None|batch(?:_size)?|bs|[NnBb]|-1|\?|배치(?:\s*크기)?)"
                   r"(?:\s*\((?:batch|sample|배치|샘플)[^()\d]{0,24}\))?\s*,\s*(\d{1,6}(?:\s*,\s*"
                   r"\d{1,6}){0,2})\s*,?\s*[)\]]")


def counts(text: str) -> set[int]:
    """The channel or filter counts a piece of prose states."""
    if "(" in text or "[" in text:  # every shape is in brackets
        text = SHAPE.sub(lambda m: " " * len(m.group(0)), text)  # a shape's sides are no count
    return {int(a or b) for a, b in COUNT.findall(text)}


def sentence(text: str, at: int) -> str:
    """The sentence of ``text`` that holds position ``at``."""
    start = 0
    for m in SENTENCE_END.finditer(text):
        if m.start() >= at:
            return text[start:m.start()]
        start = m.end()
    return text[start:]


def canonical(m: re.Match) -> str:
    """The Keras name of a layer named in prose without its call."""
    if m.group(1) or m.group(3):
        return "Conv2D"
    word = (m.group(2) or m.group(4)).lower()
    return "AveragePooling2D" if "av" in word else "MaxPooling2D"
