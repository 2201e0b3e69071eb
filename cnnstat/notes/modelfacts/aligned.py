"""A table of models set out without markdown's outer pipes: columns aligned with spaces
(often in a code block) or cells split by ``|`` alone::

    Model              Params    FLOPs    Input
    EfficientNet-B0    5.3M      0.39B    224
    ResNet-18     | 11.7M | 1.8G

The header names the model column first (model, network, name, 모델) and at least one
figure a model table holds (parameters, FLOPs, MACs, depth). Each row under it whose first
cell names one model is judged cell by cell as a markdown table's (``facttables.table``:
the unit in the header, the FLOPs that papers count as multiply-adds). An input-size column
is right where it is the bundled spec's input; another size is unsure, not wrong: a model
is run at more than one size (the paper's, torchvision's evaluation crop). The table ends
at the first line that is not a row. A table drawn with box characters in code (printed
by the code, or its output pasted: ``│ VGG16 │ 2014 │ 138M │``) is read as the one split by
``|`` that it draws (``boxtable.unbox``, its outer bars blanked).
"""

from __future__ import annotations

import re

from cnnstat.notes.modelfacts import facttables
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.reading import boxtable
from cnnstat.notes.summary.rows import split
from cnnstat.notes.text import Line, mask

_FIRST = re.compile(r"^(?:models?|networks?|nets?|names?|arch(?:itecture)?s?|모델|네트워크|"
                    r"이름)$", re.I)
_STARTS = ("model", "network", "net", "name", "arch", "모델", "네트워크", "이름")
_INPUT = re.compile(r"input|resolution|image\s*size|res\b|해상도|입력", re.I)
_SIZE = re.compile(r"^(\d{2,4})(?:\s*[x×]\s*(\d{2,4}))?(?:\s*px)?$")
_RULE = re.compile(r"^[\s|:=+\-─]*$")
# a number that is a part of a column's name ("top-1 error", "acc@5"), not a figure
_NAMED_DIGIT = re.compile(r"top-?\s?[0-9]|@\s?[0-9]", re.I)


class Table:
    """The header of the aligned table being read, if any."""

    def __init__(self) -> None:
        self.header: Line | None = None
        self.pipes = False
        self.width = 0
        self.rows = 0

    def _cells(self, line: Line) -> list[tuple[str, int, int]]:
        cells = split(line.raw, self.pipes)
        if self.pipes or len(cells) >= self.width or not self.width:
            return cells
        # a name as long as its column, one space from the next ("vgg11_bn 132868840"):
        # the words of the line are its cells where they are as many as the header's
        words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", line.raw)]
        return words if len(words) == self.width else cells

    def check_line(self, line: Line) -> list[Claim | Skip]:
        line = _unboxed(line)
        if self.header is not None:
            if _RULE.match(line.raw) and line.raw.strip():
                return []  # a rule under the header
            cells = self._cells(line)
            if len(cells) == self.width and mentions(cells[0][0]):
                self.rows += 1
                claims, skips = facttables.table([self.header, line], self._cells)
                return list(claims) + list(skips) + self._input(line, cells)
            if not self.rows and line.raw.strip() and len(cells) < self.width and \
                    not re.search(r"[0-9]", _NAMED_DIGIT.sub("", line.raw)):
                return []  # the header's second line ("on ImageNet" under "top-1 error")
            self.header = None
        self._open(line)
        return []

    def _open(self, line: Line) -> None:
        raw = line.raw
        if not raw.lstrip()[:8].lower().startswith(_STARTS):
            return  # no header (most lines: a cheap test)
        if len(raw) > 300 or raw.lstrip().startswith("|") or \
                re.search(r"\d", _NAMED_DIGIT.sub("", raw)):
            return
        pipes = raw.count("|") >= 1
        cells = split(raw, pipes)
        if not 2 <= len(cells) <= 10 or not _FIRST.match(cells[0][0]):
            return
        if not any(rx.search(c) for c, _, _ in cells[1:] for _, rx in facttables.LABELS):
            return
        self.header, self.pipes, self.width, self.rows = line, pipes, len(cells), 0

    def _input(self, line: Line, cells: list[tuple[str, int, int]]) -> list[Claim | Skip]:
        head = self._cells(self.header) if self.header is not None else []
        col = next((i for i, (c, _, _) in enumerate(head) if i and _INPUT.search(c)), None)
        if col is None:
            return []
        m = _SIZE.match(cells[col][0])
        found = mentions(cells[0][0])
        if m is None or len(found) != 1 or (m.group(2) and m.group(2) != m.group(1)):
            return []
        got = resolve(found[0])
        if got.generic or not got.specs:
            return []
        from cnnstat.models import zoo
        sizes = {}
        for name in got.specs:
            try:
                sizes[name] = zoo.load_bundled(name).input
            except Exception:  # noqa: BLE001 - a spec that does not load says nothing
                continue
        side = int(m.group(1))
        text = f"{found[0].text} | {head[col][0]} | {cells[col][0]}"
        match = [n for n, s in sizes.items() if len(s) == 3 and s[1] == side]
        if match:
            return [Claim(line.number, text, "model", cells[col][0], side, "right",
                          f"{match[0]}: input {side}x{side}")]
        if not sizes:
            return []
        known = ", ".join(f"{n} {s[1]}" for n, s in sizes.items() if len(s) == 3)
        return [Skip(line.number, text, f"unsure: an input size other than the spec's "
                                        f"({known}); a model is run at more than one size")]


def _unboxed(line: Line) -> Line:
    """A box-drawn table's line left as drawn (in code: a table a ``print`` writes, a
    program's output pasted): the pipe row or rule it draws, its outer bars blanked, so
    that it is read as a table split by ``|`` alone. Every position stays where it was."""
    raw = line.raw
    if raw.lstrip()[:1] not in boxtable.STARTS:
        return line
    drawn = boxtable.unbox(raw)
    if drawn == raw:
        return line
    first, last = drawn.find("|"), drawn.rfind("|")
    if drawn.lstrip().startswith("|") and last > first:
        drawn = drawn[:first] + " " + drawn[first + 1:last] + " " + drawn[last + 1:]
    return line._replace(raw=drawn, masked=mask(drawn))
