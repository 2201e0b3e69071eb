"""A quiz's answer, on a later line than its question::

    **Question**: Given a 32×32×3 input and a conv layer with 8 filters of size 5×5,
    stride 1 and no padding, what is the output size?
    ...                                             (the working, an explanation)
    **Answer**: Output size is **28×28×8**
    Q: You apply a 2×2 max pooling with stride 2 on a 16×16 map. Output?
    정답: 8×8

A question (``questions.asks``) that sets out one layer (``walkthrough.describe``, a lone
``3×3 filter`` counting as a conv) and one map it calls its input (``on a 16×16 feature
map``, ``to a 64×64 input``, ``an image of shape 128×128``, ``입력 32x32x3``) is remembered
until the next question (or ``WINDOW`` lines); the first line after it that gives an
answer (``Answer``, ``정답``, ``답:``, ``Output size is``, ``출력 크기는``) with one map
(``28×28×8``, or ``31×31`` without its channels) is judged as the walkthrough judges a
layer (``walkthrough.judge_layer``). A question about several layers (``two successive
convolutional layers``), or one that changes an earlier question (``if padding is changed
to "same"``: no map, no layer of its own), is not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.questions import asks, states_input
from cnnstat.notes.maps.walkthrough import INPUT_AFTER, ON, Layer, Map, describe, judge_layer

_SQUARE = re.compile(r"(?<![0-9.,x×X*])([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})"
                     r"(?:\s*[x×X*]\s*([0-9]{1,5}))?(?![0-9]|\s*[x×X*]\s*[0-9])")
_MAP_AFTER = re.compile(r"\s*(?:feature\s*maps?|maps?\b|images?|pictures?|volume|이미지|입력)",
                        re.I)
_SHAPE_OF = re.compile(r"(?:of\s+(?:shape|size)|shaped?|sized?|크기(?:가|는|의)?)\s*$", re.I)
_WINDOW_WORD = re.compile(r"filter|kernel|window|pool|필터|커널|풀링", re.I)
_SEVERAL = re.compile(r"(?:\b(?:two|three|four|several)|(?<![x×X*0-9])(?<![x×X*] )[2-9])\s+(?:\w+\s+)?(?:conv\w*|layers|"
                      r"pool\w*)|successive|consecutive|stacked|연속|두\s*(?:번|개)|세\s*(?:번|개)",
                      re.I)
_ANSWER = re.compile(r"\banswer\b|정답|답\s*[:：]|(?:output|출력)\s*(?:spatial\s*)?"
                     r"(?:size|shape|volume|dimension\w*|크기|형태)\s*(?:of\s+the\s+"
                     r"(?:\w+\s+){0,2}?(?:layer|conv\w*|pool\w*)\s+)?(?:is|=|:|은|는)", re.I)
WINDOW = 40  # lines a question waits for its answer


def _inputs(masked: str) -> list[re.Match]:
    """The square maps a question calls its input: by a word of an input or a map around
    it (``on a 16×16 feature map``); else by ``of size`` where no window word is near
    (``an image of size 32×32×3``, not ``8 filters of size 5×5``)."""
    strong, weak = [], []
    for m in _SQUARE.finditer(masked):
        if m.group(1) != m.group(2):
            continue
        before = masked[max(0, m.start() - 16):m.start()]
        if ON.search(before) or INPUT_AFTER.match(masked, m.end()) or \
                states_input(masked, m.start()) or _MAP_AFTER.match(masked, m.end()):
            strong.append(m)
        elif _SHAPE_OF.search(before) and not _WINDOW_WORD.search(before):
            weak.append(m)  # "8 filters of size 5×5", "a pooling window of 2×2": the layer's
    return strong or weak


def _map(m: re.Match) -> Map:
    return Map(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), m.start(), m.end(),
               (m.span(1), m.span(2)))


class Quiz:
    def __init__(self) -> None:
        self.question: tuple[Layer, Map, int] | None = None

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        if asks(masked):
            self.question = None
            found = _inputs(masked)
            if len(found) != 1 or _SEVERAL.search(masked):
                return []
            m = found[0]
            rest = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
            lay = describe(rest, loose=True)
            if lay is not None and all(x.group(1) == x.group(2) == str(lay.k) and not x.group(3)
                                       for x in _SQUARE.finditer(rest)):  # no other map
                self.question = (lay, _map(m), number)
            return []
        if self.question is None or number - self.question[2] > WINDOW or \
                not _ANSWER.search(masked):
            return []
        found = [m for m in _SQUARE.finditer(masked) if m.group(1) == m.group(2)]
        if len(found) != 1:
            return []
        lay, src, _ = self.question
        self.question = None  # the first answer is the question's
        return [judge_layer(number, lay, src, _map(found[0]))]
