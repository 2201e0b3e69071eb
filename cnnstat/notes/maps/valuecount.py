"""The number of values a volume holds, told right after the volume: ``the output is
3x3x10, these 90 values go to the FC layer``, ``13x13x256 (43,264 values)``,
``최종적으로 7x7x64 크기가 나오면 이 3136개의 값을``, ``a 28x28x1 image has 784 pixel values``.

A map of three sides (``A x B x C``, ``(A, B, C)``) and, later in the same clause, a count
of values, numbers, elements, neurons or activations (``개의 값``, ``개의 원소``, ``개의
뉴런``) linked to it by a word that makes the count the volume's own: a demonstrative
(``these``, ``이``, ``그``), a gloss (``i.e.``, ``which is``, ``즉``, an opening bracket),
a total (``in total``, ``총``) or a verb of having (``has``, ``holds``, ``gives``). The count
is judged against the layer algebra's flatten of the volume (H*W*C, whichever way round
the sides are written). Nothing between the two may name a layer, a filter, a weight or
an arrow (the count may be the next layer's: ``7x7x512 → FC 4096 neurons``), nor another
number; a count ``per`` position or ``each`` is no volume's. A count that is one side of
the volume, or two sides multiplied, is left unjudged (``3x3x10 ... its 10 values``: the
classes).
"""

from __future__ import annotations

import re

from cnnstat.layers.tensor import Flatten
from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.signs import Gated

NEEDS = ("value", "number", "element", "entr", "neuron", "activation", "scalar",
         "값", "원소", "요소", "숫자", "뉴런")
_N = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,7}"
_VOLUME = (r"(?<![\w.*×])(\d{1,5})\s*[x×X*]\s*(\d{1,5})\s*[x×X*]\s*(\d{1,5})(?![\d.]\d|\s*[x×X*]\s*\d)"
           r"|[(\[]\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*[)\]]")
# what the count counts: "values", "pixel values", "개의 값", "개 원소"
_UNIT = (r"(?:\s*(?:(?:pixel|input|output|feature|activation)\s+)?(?:values|numbers|elements|"
         r"entries|neurons|activations|scalars)\b|\s*개의?\s*(?:값|원소|요소|숫자|뉴런))")
# the volume, a gap (no digit, no arrow or equals sign, no new sentence), the count
_FORM = Gated(NEEDS, r"(?:" + _VOLUME + r")([^\d=→>]{0,48}?)(?<![\d.,])(" + _N + r")" + _UNIT, re.I)
# a word that makes the count the volume's own, at the gap's end
_LINK = re.compile(r"(?:\b(?:these|those|this|its|i\.\s?e\.?|that\s+is|which\s+is|i\.e\.,|"
                   r"has|holds|contains|gives|yields|makes|in\s+total|a\s+total\s+of|"
                   r"total(?:ling)?|so|is|are|with)|\(|:|,|(?:^|\s)(?:이|그|총|즉|모두|전체))\s*(?:(?:the|all)\s+)?$",
                   re.I)
# what makes the count something else than the volume's values
_OTHER = re.compile(r"layer|conv|pool|dense|linear|fully|\bfc\b|filter|kernel|weight|param|"
                    r"flatten|bias|class|label|\beach\b|\bper\b|층|레이어|필터|커널|가중치|"
                    r"파라미터|평탄|각|클래스"
                    r"|\band\b(?!\s+(?:these|those|this|so)\b)|\b(?:we|you|if|then|but)\b|;|그리고", re.I)  # or another clause's
# a count per position, or another layer's: "1000 neurons in the first layer", "512 per pixel"
_AFTER_OTHER = re.compile(r"\s*(?:per\b|each\b|(?:for|in)\s+(?:each|every)\b|씩|마다|당|(?:in|of|at|for)\s+(?:the\s+)?"
                          r"(?:\w+\s+){0,2}?(?:layer|hidden|fc|dense|conv|층|레이어))", re.I)
# a sentence's end in the gap, and the next sentence's start that still speaks of the volume
_SENTENCE_END = re.compile(r"(?<!i\.e)(?<!e\.g)[.!?](?:\s|$)|다\.")
_NEXT = re.compile(r"\s*(?:(?:so|then|and)\s+)?(?:these|those|이|그)\s+(?:(?:the|all)\s+)?$", re.I)
# a batch of volumes: the count may be the batch's ("32 images of 28x28x1, i.e. 25,088 values")
_BATCH = re.compile(r"batch|배치|\b\d+\s+(?:images|samples|inputs|pictures)\b|\d+\s*(?:장|개)의?\s*이미지", re.I)


def check_line(number: int, masked: str) -> list[Claim | Skip]:
    out: list[Claim | Skip] = []
    for m in _FORM.finditer(masked):
        sides = [int(g) for g in m.groups()[:6] if g is not None]
        gap, count = m.group(7), m.group(8)
        ends = list(_SENTENCE_END.finditer(gap))  # a next sentence only as "These N values"
        if ends and not _NEXT.match(gap, ends[-1].end()) or \
                _OTHER.search(gap) or not _LINK.search(gap) or _BATCH.search(masked, 0, m.start()) or \
                _AFTER_OTHER.match(masked, m.end()):
            continue
        n = int(count.replace(",", ""))
        a, b, c = sides
        want = Flatten.make({}).effect((c, a, b)).output[0]
        shown = "x".join(map(str, sides))
        text = f"{shown} holds {n} values"
        if n != want and n in {a, b, c, a * b, b * c, a * c}:
            out.append(Skip(number, text, "unsure: the count is one side or a slice of it"))
            continue
        edits = () if n == want else (Edit(number, m.start(8), m.end(8), f"{want:,}" if
                                           "," in count else str(want)),)
        out.append(Claim(number, text, "shape", count, want, "right" if n == want else "wrong",
                         f"a {shown} volume holds {shown.replace('x', '*')} = {want} values",
                         edits, str(want)))
    return out
