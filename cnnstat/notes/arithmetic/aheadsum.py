"""A total stated ahead of the sum that works it out::

    #### 총 파라미터 개수: 61,520개          <- judged with the sum below: wrong, 61,631
    * 첫 번째 완전 연결 층 ...
       파라미터 수: (1024 x 57) + 57 = 58,361  <- wrong: 58,425
    ...
    따라서 ... 58,361 + 2,679 + 480 = 61,520개

A line (a heading too) with a total word, a parameter word and one figure, before any
layer's figure is worked out, is *pending*. When ``carried`` closes a total whose members
start at most ``GAP`` lines after the pending line, and whose figure as written is the
pending figure (or that figure with one digit slipped, or two neighbours swapped), the
pending line is judged as that total was: right where the corrected members give it,
wrong with the corrected total otherwise. Unlike the sum below it (right as written, its
inherited error unsure: ``precedence.INHERITED``), the pending line states no calculation
but the model's count, which the corrected members contradict: a mistake of its own. Any other pending figure is never judged (it
may count what the lines below do not).
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain, write_like
from cnnstat.notes.arithmetic.totalahead import _slip as _digits_slip

GAP = 6  # lines from the pending total to the first member it adds up
NEEDS = ("total", "총", "합계", "전체")
_PARAM = ("param", "파라미터", "매개", "weights", "가중치")
CONFIDENCE = 0.9  # the same figure, stated twice about one list


class Pending(NamedTuple):
    line: int
    text: str
    tok: Token


class Ahead:
    def __init__(self) -> None:
        self.pending: Pending | None = None
        self.ready: list[Claim] = []  # judged, for the next reader of its own to give

    def take(self) -> list[Claim]:
        """The pending lines judged so far (given by a reader of their own, so that no
        finding of the line that judged them is taken for theirs)."""
        out, self.ready = self.ready, []
        return out

    def note(self, number: int, masked: str, free: list[Token]) -> None:
        """A line that may state a total ahead of its members."""
        low = masked.lower()
        if len(free) != 1 or free[0].num is None or free[0].num.value < 10 or \
                free[0].num.value.denominator != 1 or free[0].num.unit != 1 or \
                not any(w in low for w in NEEDS) or not any(w in low for w in _PARAM):
            return
        tok = free[0]
        start = masked.rfind(":", 0, tok.start) + 1 or 0
        self.pending = Pending(number, " ".join(masked[start:tok.end].split()), tok)

    def resolve(self, first: int, stated: Fraction, corrected: Fraction | None,
                line: int, detail: str) -> list[Claim]:
        self.ready += self._judge(first, stated, corrected, line, detail)
        return []

    def _judge(self, first: int, stated: Fraction, corrected: Fraction | None,
               line: int, detail: str) -> list[Claim]:
        """The pending total, judged by the total of line ``line`` whose members start
        at line ``first``: as written ``stated``, ``corrected`` once its members are."""
        p, self.pending = self.pending, None
        if p is None or corrected is None or not 0 < first - p.line <= GAP:
            return []
        if not agrees(stated, p.tok.num) and not _slip(stated, p.tok.num.value):
            return []  # another figure: the lines below may not be all it counts
        how = f"the total worked out on line {line}" + (f"; {detail}" if detail else "")
        value = int(corrected) if corrected.denominator == 1 else float(corrected)
        if agrees(corrected, p.tok.num):
            return [Claim(p.line, p.text, "arithmetic", p.tok.text, value, "right", how,
                          confidence=CONFIDENCE)]
        shown = write_like(corrected, p.tok.num)
        return [Claim(p.line, p.text, "arithmetic", p.tok.text, value, "wrong",
                      how if detail else f"{how}: {plain(corrected)}",
                      (Edit(p.line, p.tok.start, p.tok.end, shown),), shown, CONFIDENCE)]


def _slip(a: Fraction, b: Fraction) -> bool:
    """Two whole figures that differ in one digit or two neighbours swapped."""
    return a.denominator == 1 and b.denominator == 1 and \
        _digits_slip(str(int(a)), str(int(b)))
