"""A layer's count told in its parts, a line each, then their total::

    - Weights: 32 × 3 × 3 × 3 = 864
    - Bias: 32 (one per filter)
    - **Conv1 Total: 896 parameters**          <- 864 + 32: right
    가중치: 5*5*3*10 = 750개
    편향: 10개
    합계: 770개                                <- 750 + 10 = 760: wrong

A line labelled weights (``Weights``, ``가중치``) and a line labelled biases (``Bias``,
``Biases``, ``bias terms``, ``편향``, ``바이어스``), next to each other in either order, each
with one figure (a calculation's result counts as the figure), at most ``APART`` lines
apart (a sub-list may explain the first), then within ``GAP`` lines a line labelled a total
(``Total``, ``총``, ``합계``, ``Total for fc1``) with one figure: the total is judged against
the two parts added (a calculation on the total's line is the arithmetic reader's to judge;
its result is judged here too).
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import plain, write_like
from cnnstat.notes.arithmetic.sumterms import free_numbers

GAP = 2  # lines from the second part to the total
APART = 3  # lines between the two parts (a sub-list may explain the first)
NEEDS = ("weight", "bias", "가중치", "편향", "바이어스", "total", "총", "합계")
CONFIDENCE = 0.85  # the parts are read from their labels
_LEAD = r"^[\s>*#|+-]*(?:\d+[.)]\s+)?(?:\w+\s+){0,2}?"
_WEIGHTS = re.compile(_LEAD + r"(?:total\s+)?(?:weights?|가중치)(?:\s+(?:count|수|개수))?\s*[:=]",
                      re.I)
_BIASES = re.compile(_LEAD + r"(?:total\s+)?(?:bias(?:es)?(?:\s+terms?)?|편향|바이어스)"
                     r"(?:\s+(?:count|수|개수))?\s*[:=]", re.I)
_TOTAL = re.compile(_LEAD + r"(?:total|총|합계|합)\w*(?:\s+(?:for\s+\w+|parameters?|params|"
                    r"파라미터(?:\s*수)?))?\s*[:=]", re.I)


class Parts:
    def __init__(self) -> None:
        self.parts: dict[str, tuple[int, Fraction]] = {}
        self.last = -10

    def check_line(self, number: int, masked: str, tokens: list[Token] | None) -> list[Claim]:
        if not tokens:
            return []
        figure = self._figure(tokens)
        if number - self.last > GAP + 1:
            self.parts = {}
        if _BIASES.match(masked) and figure is not None:
            self._keep("b", number, figure.num.value)
            return []
        if _WEIGHTS.match(masked) and figure is not None:
            self._keep("w", number, figure.num.value)
            return []
        if len(self.parts) == 2 and _TOTAL.match(masked) and figure is not None:
            (wl, w), (bl, b) = self.parts["w"], self.parts["b"]
            self.parts = {}
            want = w + b
            text = " ".join(masked[_TOTAL.match(masked).start():figure.end].split()).strip("-* ")
            how = f"line {wl}'s {plain(w)} weights + line {bl}'s {plain(b)} biases"
            value = int(want) if want.denominator == 1 else float(want)
            if figure.num.value == want:
                return [Claim(number, text, "params", figure.text, value, "right", how,
                              confidence=CONFIDENCE)]
            shown = write_like(want, figure.num)
            return [Claim(number, text, "params", figure.text, value, "wrong",
                          f"{how} = {plain(want)}",
                          (Edit(number, figure.start, figure.end, shown),), shown, CONFIDENCE)]
        return []

    def _keep(self, part: str, number: int, value: Fraction) -> None:
        if part in self.parts or (self.parts and number - self.last > APART):
            self.parts = {}
        self.parts[part] = (number, value)
        self.last = number

    @staticmethod
    def _figure(tokens: list[Token]) -> Token | None:
        """The line's figure: its one number, or the result its calculation ends in."""
        free = [t for t in free_numbers(tokens) if t.num is not None]
        if not free:
            return None
        last = free[-1]
        if last.num.unit != 1 or last.num.value.denominator != 1 or last.num.value < 1:
            return None
        if len(free) == 1:
            return last
        k = tokens.index(last)
        return last if k > 0 and tokens[k - 1].kind in ("EQ", "APPROX") else None
