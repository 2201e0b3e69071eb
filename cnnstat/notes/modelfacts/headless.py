"""Rows of a table pasted without its header, one network a row, cells parted by ``|``
(a README's results copied into an issue)::

    Residual-Network20 | GTX1080TI | 0.27M | 128 | 200 | 44 min | 91.82
    Residual-Network32 | GTX1080TI | 0.47M | 128 | 200 | 1 h 7 min | 92.68
    Residual-Network110 | GTX1080TI | 0.27M | 128 | 200 | 3 h 38 min | 93.93

No header says what a column holds. A cell that is a figure with a scale (``0.27M``, ``850K``)
is read as the row's network's parameter count: right where it is that count (``factjudge``,
every count the network has); a column is taken for parameters only once two rows agree
with their networks there (or lie within ``factjudge.NEAR`` of their counts), and a figure
off its row's network is then wrong, as long as
more rows of the column agree than do not (another quantity, a cost, agrees with none).
The rows are read while they follow one another, line after line; the first cell must be
one network's name and nothing more, naming its member (``ResNet-110``, not ``ResNet``); a
block with a row that names no network (a header: ``Network | Params | GFLOPs``) is not
read here.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.factjudge import judge
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.reading.normalise import scan
from cnnstat.notes.reading.numerals import Refused

NEEDS = ("|",)
CONFIDENCE = 0.8
_SCALED = re.compile(r"[0-9]+(?:\.[0-9]+)?\s*[KM]")
AGREED = 2  # rows of a column that must agree before a figure off its network is wrong


class Rows:
    """The header-less rows read so far: the last row's line, and for each column the
    rows that agreed with their networks' parameters and those that did not."""

    def __init__(self) -> None:
        self.last = 0
        self.columns: dict[int, list[int]] = {}
        self.headed = False  # a row of the block named no network: a header, the aligned
        # table readers' (``aligned``), not a header-less paste

    def check_line(self, number: int, masked: str) -> list[Claim]:
        if number != self.last + 1:
            self.columns, self.headed = {}, False
        cells = masked.split("|")
        if len(cells) < 3 or not cells[0].strip():
            self.last = 0
            return []  # no row, or a markdown table's ("| a | b |"): the table readers'
        self.last = number
        first = cells[0].strip()
        found = mentions(first)
        if not found:
            self.headed = True  # "Network | Params | GFLOPs": the block has its header
        if self.headed or len(found) != 1 or found[0].start != 0 or found[0].end != len(first):
            return []
        mention = found[0]
        resolved = resolve(mention)
        if resolved.generic or not resolved.specs:
            return []
        out: list[Claim] = []
        at = len(cells[0]) + 1
        for j, cell in enumerate(cells[1:], start=1):
            start, text = at + len(cell) - len(cell.lstrip()), cell.strip()
            at += len(cell) + 1
            if not _SCALED.fullmatch(text):
                continue
            try:
                tokens = [t for t in scan(text) if t.kind == "NUM"]
            except Refused:
                continue
            if len(tokens) != 1:
                continue
            num = tokens[0].num
            got = judge("params", num, mention, resolved, number, f"{mention.text} | {text}",
                        start, start + len(text), masked)
            tally = self.columns.setdefault(j, [0, 0])
            if not isinstance(got, Claim):
                if got.reason.startswith("unsure: within"):
                    tally[0] += 1  # near the network's count (0.47M for 464,154): a count
                continue
            if got.verdict == "right":
                tally[0] += 1
                out.append(got._replace(detail=f"{got.detail} (a column of parameter counts)"))
            elif tally[0] >= AGREED and tally[0] > tally[1]:
                tally[1] += 1
                out.append(got._replace(detail=f"{got.detail} (the column's other rows are "
                                               "their networks' parameter counts)"))
            else:
                tally[1] += 1
        return out
