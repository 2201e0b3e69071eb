"""A calculation set alone on its line, its result told on the next line of the note, past
a blank line too: ``5 * (5 * 5 * 1) + 5``, then ``And this gives 130``; ``(28 - 5)/1 + 1``,
then ``which comes to 24``.

The calculation is the arithmetic reader's, left without a result (information); the line
that tells its result refers to it by ``this``, ``that``, ``it`` or ``which`` and a verb
of result (``gives``, ``yields``, ``comes to``, ``equals``, ``evaluates to``, ``results
in``, ``makes``) with the figure right after (``gives me``, ``gives a total of``). The
figure is then the calculation's result: right where it states the value to the digits
it shows, wrong where not. A figure that another term follows (``130 plus the biases``,
``130 with the bias``, ``130 per filter``, ``130 x 2``) is not the calculation's alone:
not read.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Callable

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.numbers import agrees, write_like

# the result is a figure: a line without a digit tells none (``Below.see``, on every line,
# keeps the line a calculation stood on, past the blank lines)
NEEDS = tuple("0123456789")
_TELLS = re.compile(
    r"^\W*(?:(?:and|so|which|then)\s+)?(?:this|that|it|which)\s+(?:then\s+)?"
    r"(?:gives|yields|comes\s+(?:out\s+)?to|equals|evaluates\s+to|results\s+in|makes)\s+"
    r"(?:(?:me|us|you)\s+)?(?:(?:a\s+)?(?:total|value|result)\s+of\s+)?", re.I)
_MORE = re.compile(r"\s*(?:[-+*/x×^%]|plus\b|minus\b|times\b|with\b|per\b|each\b|for\s+each\b|"
                   r"including\b|and\s+\d|\+|after\b|before\b|excluding\b|without\b)", re.I)


class Below:
    """The calculation left without a result on the line before (a blank line between)."""

    def __init__(self) -> None:
        self.prev: int | None = None
        self.pending: Claim | None = None

    def see(self, number: int, bare: Claim | None) -> list:
        """Every line, before its calculations are read: the one above's bare calculation
        is this line's to tell."""
        self.pending = bare if bare is not None and bare.line == self.prev else None
        self.prev = number
        return []

    def check_line(self, number: int, masked: str, tokens: Callable[[], list]) -> list[Claim]:
        """The line's claim on the calculation above (``tokens``: the line's, asked for
        only where the line begins by telling a result)."""
        bare, self.pending = self.pending, None
        m = _TELLS.match(masked) if bare is not None else None
        if m is None or not isinstance(bare.actual, (int, Fraction)):
            return []
        num = next((t for t in tokens() if t.kind == "NUM" and t.start >= m.end()), None)
        if num is None or num.num is None or masked[m.end():num.start].strip() or \
                _MORE.match(masked, num.end):
            return []
        actual = Fraction(bare.actual)
        text = f"{bare.text} = {num.num.text}"
        if agrees(actual, num.num):
            return [Claim(number, text, "arithmetic", num.num.text, bare.actual, "right",
                          f"the calculation on line {bare.line}")]
        return [Claim(number, text, "arithmetic", num.num.text, bare.actual, "wrong",
                      f"the calculation on line {bare.line} gives {bare.actual}",
                      shown=write_like(actual, num.num), confidence=0.9)]
