"""A parameter count told again in prose after the note's own totals: a summary's
``Total params: 393,472`` then ``학습 파라미터는 약 393k 정도가 나왔습니다``, a written sum
``총 파라미터 수: 156 + ... + 850 = 142,346`` and ``109,386`` then ``약 3만 개의 파라미터
차이``, ``so the model has about 1.2M parameters``.

The totals are the figures the note has shown to be totals, right as judged: a summary's
``Total params`` or ``Trainable params`` row and the result of a written sum of three or
more terms (``learn``, from each line's settled claims). A prose line that speaks of
parameters, names no network and no part of one (a layer, a block, a conv), and holds one
figure of a thousand or more (no calculation, no ``=``) tells one of them, or, with a
word of difference (``차이``, ``fewer``, ``less``, ``saves``), the difference of two:

- right where it states one (or one difference) to the digits it shows, rounded or cut
  (``393k`` for 393,472, ``163k`` for 163,696, ``3만`` for 32,960);
- wrong where it states none but is within 15% of the nearest (a misread total: ``383k``
  for 393,472) or, for a difference, where the note has shown two totals only and the
  figure is within a factor of 1.5 of theirs (``약 4만`` for 142,346 - 109,386 = 32,960);
- else nothing is said: a figure far from every total is of something else.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import mentions
from cnnstat.notes.reading.numbers import agrees, write_like


def _words(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(alternatives), re.I)


_PARAM = _words("param", "파라미터", r"매개\s*변수")
_DIFF = _words("차이", "difference", "differ", "fewer", r"\bless\b", r"sav(?:e|es|ed|ing)\b",
               r"reduced\s+by", r"reduction\s+of", "줄(?:었|어|일|여)", "감소", "절감", "절약")
# near the figure, a part of a network or another quantity; anywhere, a question, a
# hypothetical, or a total's own label (a new total, not one told again)
_PART = _words("layer", "층", "레이어", "conv", "합성곱", "컨볼루션", r"\bfc\b", "dense", "linear",
               "block", "블록", "kernel", "filter", "커널", "필터", "flop", r"\bmacs?\b", "연산",
               "byte", "바이트", r"\bMB\b", "memory", "메모리", "bias", "편향", "weight", "가중치",
               r"\bper\b", r"\d\s*%", r"\d\s*배")
_ELSE = _words(r"\?", "would", "만약", "없이", "without", r"\bif\b", "paper", "논문",
               r"(?:total|trainable)\s+param\w*\s*[:=]", r"총\s*(?:학습\s*)?파라미터\s*(?:수|개수)?\s*[:=]")
# a figure told roughly (a misread is told so): a scale, or a word of approximation
_ROUGH = _words("약", "about", "around", "roughly", "approx", "nearly", "almost", "~", "≈",
                "정도", "가량", "대략", "쯤")
_BEFORE, _AFTER = 40, 15  # characters around the figure read for a part's word
_TOTAL_ROW = re.compile(r"(?:total|trainable)\s+param", re.I)
_NEAR = Fraction(15, 100)
KEPT = 16  # totals remembered


class Totals:
    """The totals the note has shown so far, oldest first."""

    def __init__(self) -> None:
        self.values: list[int] = []

    def learn(self, claims: list[Claim]) -> None:
        for c in claims:
            if c.verdict != "right" or not isinstance(c.actual, int) or c.actual < 1000:
                continue
            total = (c.kind == "summary" and _TOTAL_ROW.match(c.text)) or \
                (c.kind == "arithmetic" and c.text.count("=") == 1 and
                 c.text.split("=")[0].count("+") >= 2 and
                 not re.search(r"[*x×·/]", c.text.split("=")[0]))
            if total and c.actual not in self.values:
                self.values.append(c.actual)
                del self.values[:-KEPT]

    def check_line(self, number: int, masked: str, tokens: list) -> list[Claim | Skip]:
        if not self.values or not _PARAM.search(masked) or "=" in masked or \
                _ELSE.search(masked) or mentions(masked):
            return []
        big = [i for i, t in enumerate(tokens) if t.kind == "NUM" and t.num is not None and
               t.num.value >= 1000]
        if len(big) != 1:
            return []
        i = big[0]
        if any(t.kind in ("OP", "EQ", "ARROW") for t in tokens[max(i - 1, 0):i + 2]):
            return []  # a factor or a term of a calculation
        at, num = tokens[i], tokens[i].num
        if _PART.search(masked, max(at.start - _BEFORE, 0), at.end + _AFTER):
            return []
        diff = _DIFF.search(masked) is not None
        if diff:
            vals = sorted(set(self.values))
            cands = sorted({b - a for i, a in enumerate(vals) for b in vals[i + 1:]})
        else:
            cands = list(self.values)
        if not cands:
            return []
        text = " ".join(masked.split())[:120]
        what = "the difference of the note's totals" if diff else "the note's total"
        for v in cands:
            if agrees(Fraction(v), num):
                return [Claim(number, text, "params", num.text, v, "right",
                              f"{what} {v:,}", confidence=0.8)]
        if num.unit == 1 and not _ROUGH.search(masked):
            return []  # every digit written, and none of them a total: another count
        near = min(cands, key=lambda v: abs(v - num.value))
        off = abs(num.value - near) / near
        if (diff and len(set(self.values)) == 2 and off <= Fraction(1, 2)) or \
                (not diff and off <= _NEAR):
            return [Claim(number, text, "params", num.text, near, "wrong",
                          f"{what} is {near:,} (said {num.text})",
                          shown=write_like(Fraction(near), num), confidence=0.8)]
        return []
