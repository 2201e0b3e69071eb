"""Questions: a line that asks (``Given a 32x32 input and 2x2 max pooling with stride 2,
what is the output?``, ``출력 크기는 얼마인가?``, ``Q: 7x7 input, 3x3 filter, stride 2``)
states its numbers as givens, not as an input and the output it claims.

``asks(masked)`` is true for a line that is a question with no answer after it: it ends
in a question mark (only markup or brackets after it), opens with a question's label
(``Q:``, ``Question``, ``Quiz``, ``Exercise``, ``문제``, ``질문``, ``퀴즈``), or ends in a Korean
question form (``얼마인가``, ``몇일까``, ``구하시오``). A line whose question mark is followed
by more numbers (``what is the output? 16x16``) holds its answer: it is no mere question.
The shape readers leave such a line alone and start afresh after it: its input is a new
problem's, not the output of the layer before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.signs import Gated

_LABEL = re.compile(r"^[\s>*#|_-]*(?:\d+[.)]\s*)?(?:Q\s*\d*\s*[:.)]|Q\s+(?=[A-Z])|"
                    r"questions?\b|quiz\b|exercises?\b|problems?\s*\d*\s*[:.)]|"
                    r"문제|질문|퀴즈|연습\s*문제)", re.I)
_KO_END = Gated(("얼마", "몇", "무엇", "어떻게", "어떤", "왜", "는가", "인가", "일까", "할까", "될까",
                 "을까", "는지", "구하", "구해", "계산하"),
                r"(?:얼마|몇|무엇|어떻게|어떤|왜)[^.!?\n]{0,20}$|(?:는가|인가|일까|할까|될까|"
                r"을까|는지|구하시오|구하라|구해\s*보자|계산하시오|계산하라)\W*$")
_DIGIT = re.compile(r"\d")
_ANSWER = Gated(("ans", "sol", "답", "풀이"), r"\b(?:answer|ans|solution|sol)\b|정답|답\s*[:：]|풀이",
                re.I)


# a numbered item of a list (a quiz's question: "4. You have ...", "2) 입력이 ...")
_NUMBERED = re.compile(r"^[\s>*#|_-]*(?:\(?\d{1,3}\s*[.):]|\d{1,3}\s*번\s*[.):]?|[①-⑳])\s*\D")
# a map called the line's own input: "an input volume that is 63x63x16", "input of
# 32x32x3", "입력이 28x28x1", "입력 크기는 32x32": it starts a problem of its own
_OWN_INPUT = Gated(("input", "입력"),
                   r"(?:input|입력)\s*(?:volume|image|map|feature\s*map|tensor|size|shape|"
                   r"data|크기|이미지|텐서|데이터)?\s*(?:that|which)?\s*(?:is|was|of|has|:|=|"
                   r"은|는|이|가|으로|로|을|를)?\s*(?:an?|the|size|shape|크기|크기는|크기가)?\s*"
                   r"(?:of\s*)?[(\[]?\s*$", re.I)


def states_input(masked: str, start: int) -> bool:
    """Whether the size at ``start`` is called the line's own input (``You have an input
    volume that is 63x63x16``, ``입력이 32x32x3일 때``): a problem of its own begins there,
    not the output of the layer before."""
    return _OWN_INPUT.search(masked[max(0, start - 40):start]) is not None


_PREMISE = re.compile(r"^\W{0,3}(?:given|suppose|assume|consider|imagine|let)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?？])\s+(?=\S)|(?<=다\.)|(?<=요\.)")


@lru_cache(maxsize=16)  # the last lines' answers: several readers ask of a line
def asks(masked: str) -> bool:
    """Whether the line is a question whose numbers are givens, with no answer on it: every
    sentence of it that holds a number asks (a statement before a closing question is
    still a statement)."""
    text = masked.rstrip()
    if not text or ("?" not in text and "？" not in text and not _LABEL.match(text)
                    and not _KO_END.search(text)) or _ANSWER.search(text):
        return False
    parts = [p for p in _SENTENCE.split(text) if _DIGIT.search(p)]
    if not parts:
        return _one(text)
    if len(parts) > 1 and _LABEL.match(text) or _NUMBERED.match(text):
        # "Q: A 7x7 input. A 3x3 filter. Output?", "4. You have a 63x63x16 input ... What is
        # the output volume?": a quiz's item sets its problem out, then asks
        return _one(text)
    if len(parts) > 1 and _PREMISE.match(parts[0]) and _one(parts[-1].rstrip()):
        # "Given a layer with 8 filters of 6x6, stride 2. For a 32x32x32 input, what is
        # the output?": the premise before a question sets out its givens
        return all(_PREMISE.match(p) for p in parts[:-1])
    return all(_one(p.rstrip()) for p in parts)


def ends_asking(text: str) -> bool:
    """Whether ``text`` ends in a question mark or a Korean question form (``몇일까요``,
    ``구하시오``)."""
    text = text.rstrip()
    return text.endswith(("?", "？")) or _KO_END.search(text) is not None


_POSED_SPLIT = re.compile(r"(?<=[.!?？])\s+(?=\S)")
# what a posed question asks for: a map ("What size is the resulting map?", "What comes
# out?", "What will the next layer receive?"), not a padding, a stride or a count
_ASKS_SIZE = re.compile(r"output|size|shape|volume|dimension|\bmaps?\b|result|comes?\s+out|"
                        r"receive|출력|크기|형태|결과", re.I)
# a question's part labelled in it ("1) what depth ...? 2) find the output's shape")
_SUB_ITEM = re.compile(r"^\s*\(?[1-9][)]\s*")


def posed(masked: str, answer: re.Pattern | None = None) -> bool:
    """A problem set out, then asked in a last sentence of its own with no number (``A 48 ×
    48 picture goes through ... no padding. What size is the resulting map?``, ``...
    적용했다. 출력 텐서의 shape을 구하시오``, its part's label ``2)`` aside): the numbers
    before it are givens (a quiz's numbered item, its number masked). ``answer``: a line
    it matches holds its answer, and is no mere question."""
    text = masked.rstrip()
    if not ends_asking(text) or (answer or _ANSWER).search(text):
        return False
    parts = _POSED_SPLIT.split(text)
    last = _SUB_ITEM.sub("", parts[-1])
    return len(parts) > 1 and not _DIGIT.search(last) and _ASKS_SIZE.search(last) is not None


def _one(text: str) -> bool:
    marks = [i for i in (text.find("?"), text.find("？")) if i >= 0]
    mark = min(marks) if marks else -1
    if mark >= 0:
        return not _DIGIT.search(text, mark)
    return bool(_LABEL.match(text) or _KO_END.search(text))


# a quiz's answer options listed on one line: "A: 14x14, B: 28x28", "(a) 55 (b) 56",
# "① 28x28 ② 14x14", "Option A ... Option B": candidates, none of them a claim
_OPTIONS = re.compile(r"(?:(?<![\w(])[A-Ea-e]\s*[:.)]|\([A-Ea-e]\)|[①-⑤]|\boption\s+[A-E]\b)"
                      r"\s*(?=[\d(])", re.I)


def options(masked: str) -> bool:
    """Whether the line lists two or more answer options."""
    return len(_OPTIONS.findall(masked)) >= 2
