"""A convolution or a pooling worked out on grids of numbers drawn in a note: one reader,
two layouts of one drawing.

- **Joined** (``drawngrids``): the matrices stand side by side and what is written between
  them says how they are joined: ``A * K = O``, ``A → O`` under a pooling named above.
- **Labelled** (``convgrid``): each grid has a label on the line above it (``input``,
  ``kernel``, ``output``, ``입력``, ``커널``, ``출력``), the output drawn under the other two.

A drawing can be both (an input and a kernel labelled, and ``*`` between them), so each
output row is judged once: the readings of both layouts that come from one line of the
note are put together, a row read by both is right where either reading makes it right
(the kernel flipped or not, a padding the labelled layout tries), and a row already
judged is not judged again by the layout that gets to it later.
"""

from __future__ import annotations

import re
from collections import deque

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.maps import convgrid, drawngrids

CONFIDENCE = drawngrids.CONFIDENCE
KEEP = 64  # output rows remembered as judged (a drawing is at most 60 lines)
_CELL = re.compile(r"-?\d+(?:\.\d+)?")


def _row(claim: Claim) -> tuple:
    """An output row: its line and its cells as written (two rows can share a line)."""
    return claim.line, tuple(_CELL.findall(claim.claimed or ""))


class DrawnWork:
    def __init__(self) -> None:
        self.joined = drawngrids.Drawings()
        self.labelled = convgrid.Grids()
        self.judged: deque[tuple] = deque(maxlen=KEEP)

    def feed(self, number: int, raw: str, heading: bool = False) -> list[Claim | Skip]:
        got = self.joined.check_line(number, raw)
        if not heading:  # a heading is no label over a grid
            got = got + self.labelled.feed(number, raw)
        out: list[Claim | Skip] = []
        rows: dict[tuple, Claim] = {}
        for item in got:
            if not isinstance(item, Claim):
                out.append(item)
                continue
            row = _row(item)
            if row in self.judged:
                continue  # the other layout judged this row before
            if row not in rows or (rows[row].verdict == "wrong" and item.verdict == "right"):
                rows[row] = item
        self.judged.extend(rows)
        return out + list(rows.values())
