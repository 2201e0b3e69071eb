"""The input sides a line runs a network at, however it writes them: a square
(``288x288``), one side with a word of resolution (``at 288``, ``@320``, ``288px``,
``resolution 600``, ``img_size=380``), or a ratio of sides that scales a cost
(``(288/224)^2``, ``(320/224)²``). ``factjudge`` makes a cost off the network's own
unsure where a side differs from the spec's: the cost was taken at another input."""

from __future__ import annotations

import re

_SQUARE = re.compile(r"(?<![\d.])(\d{2,4})\s*[x×]\s*(\d{2,4})(?!\.?\d)")
# what a number after "at" or "@" is when it is no side: a time, a rate, a size, a count
_NOT_SIDE = r"(?!\.?\d|\s*(?:[x×*]|%|ms\b|s\b|sec|fps|img|image|it/|ep|step|iter|batch|MB|GB|" \
            r"KB|[MGkK]\b|M?FLOP|G?MAC|W\b|watt|hz|mhz|ghz|°|deg|lr|layer|class|channel))"
_SIDE = re.compile(
    r"(?:(?<![\w@])at\s+|(?<![\w])@\s*|\bres(?:olution)?\s*(?:of\s+|[=:]\s*)?|"
    r"\bimg_?size\s*[=:]?\s*|\bimage\s+size\s*(?:of\s+|[=:]\s*)?|"
    r"\binput\s+(?:size|side|resolution)\s*(?:of\s+|[=:]\s*)?)"
    r"(\d{2,4})" + _NOT_SIDE + r"|"
    r"(?<![\d.])(\d{2,4})\s*(?:px|pixels?)\b|"
    r"(?<![\d.])(\d{2,4})\s*(?:res(?:olution)?\b|해상도)", re.I)
# a cost scaled by the square of a ratio of sides: (288/224)^2, (320 / 224)²
_RATIO = re.compile(r"\(\s*(\d{2,4})\s*/\s*(\d{2,4})\s*\)\s*(?:\^\s*\{?\s*2|\*\*\s*2|²)")

LOW, HIGH = 64, 2048  # the sides an image network is run at


def sides(context: str) -> set[int]:
    """Every input side the line states (squares, sides with a word of resolution, the
    sides of a squared ratio), between LOW and HIGH."""
    out = {int(a) for a, b in _SQUARE.findall(context) if a == b}
    for m in _SIDE.finditer(context):
        out.add(int(next(g for g in m.groups() if g)))
    for a, b in _RATIO.findall(context):
        out.update((int(a), int(b)))
    return {s for s in out if LOW <= s <= HIGH}


# a table's column of input sides ("res", "resolution", "input", "img_size", "해상도")
INPUT_HEAD = re.compile(r"input|resolution|image\s*size|img_?size|\bres\b|해상도|입력", re.I)
_CELL = re.compile(r"^\s*(\d{2,4})(?:\s*[x×]\s*\d{2,4}|\s*²|\s*\^\s*2|\s*px)?\s*$")


def cell_side(header: list, cells: list, shift: int = 0) -> str:
    """The side a table row gives in its column of input sides, written as a square
    (``384x384``) for ``sides`` to read from the row's context; "" where none."""
    col = next((k for k, c in enumerate(header) if k and INPUT_HEAD.search(c[0])), None)
    if col is None or not 0 <= col + shift < len(cells):
        return ""
    m = _CELL.match(cells[col + shift][0])
    return f" {m.group(1)}x{m.group(1)}" if m else ""
