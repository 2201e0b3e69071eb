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
(``28×28×8``, or ``31×31`` without its channels; LaTeX's ``\\times`` between its sides),
or the first line read under the question where it opens a callout (a Notion ``<aside>
💡``, a ``<details>`` fold), is judged as the walkthrough judges a
layer (``walkthrough.judge_layer``). A question about several layers (``two successive
convolutional layers``), or one that changes an earlier question (``if padding is changed
to "same"``: no map, no layer of its own), is not read.

A multiple-choice question lists its options under it (``a) 41 × 41``, ``(B) 15x15``, ``C.
16 × 16 × 12``, ``① 62 × 62``) and is answered by a letter (``Answer: D``, ``Ans: (b)``,
``정답: ①``, ``답은 2번``): the option the letter names is the answer. An option with one map
is judged as above; one that says no option fits (``None of the above``, ``해당 없음``) is
right only when every option's map is wrong, wrong when one of them is the layer's output
(the claim names it). An option of another kind (``All of the above``, a map not read) is
not judged.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.questions import asks, posed, states_input
from cnnstat.notes.maps.walkthrough import INPUT_AFTER, ON, Layer, Map, describe, judge_layer

_SQUARE = re.compile(r"(?<![0-9.,x×X*])([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})"
                     r"(?:\s*[x×X*]\s*([0-9]{1,5}))?(?![0-9]|\s*[x×X*]\s*[0-9])")
_MAP_AFTER = re.compile(r"\s*(?:feature\s*maps?|maps?\b|images?|pictures?|volume|이미지|입력)",
                        re.I)
_SHAPE_OF = re.compile(r"(?:of\s+(?:shape|size|dimensions?)|shaped?|sized?|크기(?:가|는|의)?)\s*$", re.I)
_WINDOW_WORD = re.compile(r"filter|kernel|window|pool|필터|커널|풀링", re.I)
_SEVERAL = re.compile(r"(?:\b(?:two|three|four|several)|(?<![x×X*0-9])(?<![x×X*] )[2-9])\s+(?:\w+\s+)?(?:conv\w*|layers|"
                      r"pool\w*)|successive|consecutive|stacked|연속|두\s*(?:번|개)|세\s*(?:번|개)",
                      re.I)
_ANSWER = re.compile(r"\banswer\b|\bans\b|correct\s+(?:option|choice)|정답|답\s*[:：]|(?:output|출력)\s*(?:spatial\s*)?"
                     r"(?:size|shape|volume|dimension\w*|크기|형태)\s*(?:of\s+the\s+"
                     r"(?:\w+\s+){0,2}?(?:layer|conv\w*|pool\w*)\s+)?(?:is|=|:|은|는)", re.I)
WINDOW = 40  # lines a question waits for its answer
# an option under a question: "a) 41 × 41", "(B) 15x15", "C. 16 × 16 × 12", "① 62 × 62"
_CHOICE = re.compile(r"^[\s>*|_-]*(?:\(([A-Ha-h1-9])\)|([A-Ha-h1-9])\s*[).:]|([①-⑨]))\s*(\S.*)$")
# an answer given as an option's letter: "Answer: D", "Ans: (b)", "정답: ①", "답은 2번"
_LETTER = re.compile(r"(?:\banswer\b|\bans\b|correct\s+(?:option|choice)|정답|답)\s*(?:is\s*)?(?:[:：=]|은|는)?\s*"
                     r"(?:option\s*)?[(\[]?\s*(?:([A-Ha-h])(?![A-Za-z])|([1-9])\s*번?|([①-⑨]))"
                     r"\s*[)\].]?(?=\s|$|[,;:(—-])", re.I)
# an option that says none of the others is the answer
_NONE = re.compile(r"none\s+of\s+(?:the\s+)?(?:above|these|them)|not\s+(?:any|one)\s+of|"
                   r"해당\s*(?:사항)?\s*없음|정답\s*없음|모두\s*(?:틀림|아님|아니다)", re.I)


# options on one line: "(a) 5x5 (b) 59x59 (c) 60x60 (d) None of the above", "A. 3 B. 4"
_INLINE = re.compile(r"(?:^|\s)(?:\(([A-Ea-e])\)|([A-E])[.)])\s+")


def _options(text: str) -> list[tuple[str, str]]:
    """The options a line lists: one (``a) 41 × 41``), or several in a row."""
    marks = list(_INLINE.finditer(text))
    if len(marks) > 1 and not text[:marks[0].start()].strip():
        return [(_key(*m.groups()), text[m.end():nxt].strip())
                for m, nxt in zip(marks, [x.start() for x in marks[1:]] + [len(text)])]
    choice = _CHOICE.match(text)
    return [(_key(*choice.groups()[:3]), choice.group(4))] if choice is not None else []


def _key(*groups: str | None) -> str:
    """An option's letter as one key: ``B`` and ``b`` alike, ``②`` as ``2``."""
    g = next(x for x in groups if x)
    return str(ord(g) - ord("①") + 1) if "①" <= g <= "⑨" else g.lower()


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


# a question that asks for a count of the layer's, not its output
_COUNT_ASKED = re.compile(r"how\s+many\s+(?:\w+\s+)?(?:param|weight|bias|mult|add|op)|"
                          r"(?:파라미터|매개\s*변수|가중치|연산)\s*(?:의\s*)?(?:수|개수|갯수|량)", re.I)
# LaTeX's times between a map's sides ("$128\times 128 \times 20$"), kept as wide
_TIMES = re.compile(r"\\times\b|\\cdot\b")
# a callout opening the line right under a question: its answer (a Notion ``<aside>``
# with its lamp, a ``<details>`` fold)
_CALLOUT = re.compile(r"^\s*(?:<aside>|<details>|>\s*💡|💡)")


class Quiz:
    def __init__(self) -> None:
        self.question: tuple[Layer, Map, int] | None = None
        self.options: dict[str, str] = {}  # the question's options by letter
        self.under = False  # the last line read set a question out

    def check_line(self, number: int, masked: str, raw: str = "") -> list[Claim | Skip]:
        if "\\" in masked:
            masked = _TIMES.sub(lambda m: "×".ljust(len(m.group(0))), masked)
        under, self.under = self.under, False  # the first line read after a question
        if asks(masked) or posed(masked, _ANSWER):
            self.question, self.options = None, {}
            found = _inputs(masked)
            if len(found) != 1 or _SEVERAL.search(masked) or _COUNT_ASKED.search(masked):
                return []  # a count asked ("How many parameters?"): no map answers it
            m = found[0]
            rest = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
            lay = describe(rest, loose=True)
            if lay is not None and all(x.group(1) == x.group(2) == str(lay.k) and not x.group(3)
                                       for x in _SQUARE.finditer(rest)):  # no other map
                self.question, self.under = (lay, _map(m), number), True
            return []
        if self.question is None or number - self.question[2] > WINDOW:
            return []
        choices = _options(masked) or _options(raw)  # "1. 61 × 61": its number masked
        if choices:
            for key, text in choices:
                self.options.setdefault(key, text)
            return []
        if any(states_input(masked, m.start()) for m in _SQUARE.finditer(masked)):
            self.question, self.options = None, {}  # a problem of its own begins here
            return []
        if not _ANSWER.search(masked) and not (under and _CALLOUT.match(raw or masked)):
            return []
        found = [m for m in _SQUARE.finditer(masked) if m.group(1) == m.group(2)]
        lay, src, _ = self.question
        letter = _LETTER.search(masked) if not found and self.options else None
        if letter is None and len(found) != 1:
            return []
        self.question = None  # the first answer is the question's
        if letter is not None:
            return self._chosen(number, lay, src, _key(*letter.groups()))
        return [judge_layer(number, lay, src, _map(found[0]))]

    def _judged(self, number: int, lay: Layer, src: Map, text: str) -> Claim | Skip | None:
        """An option's one map through the question's layer (``None``: no map, or several)."""
        found = list(_SQUARE.finditer(text))
        if len(found) != 1 or found[0].group(1) != found[0].group(2):
            return None
        return judge_layer(number, lay, src, _map(found[0]))

    def _chosen(self, number: int, lay: Layer, src: Map, key: str) -> list[Claim | Skip]:
        """The option a letter answer names, judged: its map, or "none of the above"
        against the maps of the others."""
        text = self.options.get(key)
        if text is None:
            return []
        if not _NONE.search(text):
            got = self._judged(number, lay, src, text)
            if not isinstance(got, Claim):
                return [got] if got is not None else []
            return [got._replace(text=f"answer {key.upper()}: {got.text}", edits=())]
        others = {k: self._judged(number, lay, src, t) for k, t in self.options.items()
                  if k != key}
        if not others or any(not isinstance(c, Claim) for c in others.values()):
            return []  # an option not read (another kind, several maps): not judged
        fits = [(k, c) for k, c in others.items() if c.verdict == "right"]
        what = f"answer {key.upper()}: none of the options"
        if fits:
            k, c = fits[0]
            return [Claim(number, what, "shape", text.strip(), f"{k.upper()}) {c.actual}",
                          "wrong", f"option {k.upper()} is the layer's output: {c.detail}")]
        return [Claim(number, what, "shape", text.strip(), "none of the options", "right",
                      "every option's map is another than the layer gives: "
                      + next(iter(others.values())).detail)]
