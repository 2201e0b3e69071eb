"""A layer's figure worked out under its label, then said again in prose with its scale
slipped::

    | conv4 | 3x3x384x384 + 384 | 1,327,488 |
    ...
    conv4가 약 13만 개로 conv 중에서는 제일 크다.       <- 1,327,488 is about 133만

A label that ends in a digit (``conv4``, ``FC6``, ``C3``, ``layer2``) and the figure it
was given, as a table row's first cell and last number or a list item ``- label : ... =
figure``, is learned. A later line of prose that names one such label, and no other, with
one scaled figure (a Korean unit or a letter: ``13만``, ``1.3M``) says that figure again:
right where it agrees (to its precision, 5% after ``약``/``about``), wrong only where it
is off by a power of ten (its scale slipped); any other figure may be another quantity
of the layer and is not judged."""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.kept import keep
from cnnstat.notes.reading.numerals import Refused, read_number

NEEDS = ()
CONFIDENCE = 0.9
KEPT = 64
MIN_FIGURE = 1000
ROUGH = Fraction(5, 100)
_SLIPS = tuple(Fraction(10) ** k for k in (-4, -3, -2, -1, 1, 2, 3, 4))
_LABEL = r"[A-Za-z][A-Za-z_\-]{0,10}[0-9]{1,2}(?:_[0-9])?"
_ITEM = re.compile(r"^\s*(?:[-*+]\s+)?(?P<label>" + _LABEL + r")\s*[:：|].*=\s*"
                   r"(?P<fig>[0-9][0-9,]*)\s*(?:개|params?|parameters)?\s*$")
# a label in a sentence: a Korean particle may follow it at once ("conv4가")
_NAMED = re.compile(r"(?<![A-Za-z0-9_\-])" + _LABEL + r"(?![A-Za-z0-9_\-])")
_FIGURE = re.compile(r"^\s*[0-9][0-9,]*\s*(?:개)?\s*$")
_ABOUT = re.compile(r"(?:약|about|around|대략|~|≈)\s*$", re.I)


def _value(text: str) -> Fraction | None:
    try:
        got = read_number(text.strip(), 0)
    except Refused:
        return None
    return got[0].value if got is not None else None


class NamedFigures:
    def __init__(self) -> None:
        self.figures: dict[str, tuple[Fraction, int, str] | None] = {}

    def _learn(self, label: str, text: str, number: int) -> None:
        v = _value(text)
        if v is None or v < MIN_FIGURE or v.denominator != 1:
            return
        key = label.lower()
        before = self.figures.get(key, (v, number, text.strip()))
        # a label given two figures is in doubt
        keep(self.figures, key, (v, number, text.strip()) if before and before[0] == v
             else None, KEPT)

    def table(self, rows: list[tuple[int, list[tuple[str, int, int]]]]) -> list[Claim]:
        """A table's rows: a label's figure in its last cell."""
        for number, cells in rows:
            texts = [c.strip() for c, _, _ in cells]
            if len(texts) >= 2 and re.fullmatch(_LABEL, texts[0]) and _FIGURE.match(texts[-1]):
                self._learn(texts[0], texts[-1].replace("개", ""), number)
        return []

    def check_line(self, number: int, raw: str, masked: str, kind: str) -> list[Claim]:
        if kind == "table":
            return []
        item = _ITEM.match(masked)
        if item is not None:
            self._learn(item.group("label"), item.group("fig"), number)
            return []
        if not self.figures or "=" in masked:
            return []
        named = {m.group(0).lower() for m in _NAMED.finditer(masked)}
        known = [self.figures[k] for k in named if self.figures.get(k)]
        if len(named) != 1 or len(known) != 1:
            return []
        figure, line, text = known[0]
        scaled = []
        for m in re.finditer(r"(?<![\w.,])[0-9]", masked):
            try:
                got = read_number(masked, m.start())
            except Refused:
                return []
            if got is not None and got[0].unit > 1 and got[0].style in ("korean", "suffix"):
                scaled.append((got[0], m.start()))
        if len(scaled) != 1:
            return []
        said, at = scaled[0]
        slack = said.precision / 2
        if _ABOUT.search(masked[:at]):
            slack = max(slack, ROUGH * said.value)
        label = next(iter(named))
        claim = f"{label}: {said.text}"
        if abs(said.value - figure) <= max(slack, said.precision):
            return [Claim(number, claim, "arithmetic", said.text, int(figure), "right",
                          f"line {line} gives {label} {text}", confidence=CONFIDENCE)]
        if any(abs(said.value - figure * f) <= max(slack, said.precision) for f in _SLIPS):
            return [Claim(number, claim, "arithmetic", said.text, int(figure), "wrong",
                          f"line {line} gives {label} {text}: {said.text} is its scale "
                          f"slipped", confidence=CONFIDENCE)]
        return []
