"""A network's stages as rows of settings in code, each row's output side in a comment,
under a comment that names the columns (MobileNetV2's and MnasNet's block tables)::

    # t, c, n, s, k
    [3, 24, 3, 2, 3],  # -> 56x56
    [3, 40, 3, 2, 5],  # -> 28x28

The comment says the side is the row's output (an arrow, ``out``). The column named ``s``
or ``stride`` strides the stage's first block, so a row's side is
the side of the row above divided by its stride (rounded up, as a padded stride does;
rounded down too where the side above is odd: which padding is not told). The first
row's input is not told and is not judged; a line that is not such a row ends the run.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.codeforms.sidearrow import NEEDS as _NEEDS  # a comment's signs: one slot
from cnnstat.notes.pipeline import Reader

# "# t, c, n, s", "# expand, channels, repeats, stride, kernel": three names at least
_HEADER = re.compile(r"^\s*#\s*\[?\s*([A-Za-z_]{1,12}(?:\s*,\s*[A-Za-z_]{1,12}){2,9})\s*\]?\s*$")
_STRIDE = ("s", "stride", "strides")
# "[3, 24, 3, 2, 3],  # -> 56x56", "(6, 80, 3, 2),  # out: 14 x 14" (an arrow or "out"
# says the side is the row's output: a bare "# 112x112" may be the stage's input)
_ROW = re.compile(r"^\s*[\[(]\s*(-?[0-9]{1,5}(?:\s*,\s*-?[0-9]{1,5}){2,9})\s*,?\s*[\])]\s*,?\s*"
                  r"#\s*(?:->|→|=>|out(?:put)?\s*:?)\s*([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})"
                  r"(?![0-9x×])")


class Rows:
    """The header and the side of the row above, kept while rows follow line by line."""

    def __init__(self) -> None:
        self.last = -2
        self.stride: int | None = None  # the stride's column
        self.width = 0
        self.side: int | None = None

    def line(self, number: int, raw: str) -> list[Claim]:
        if number != self.last + 1:
            self.stride, self.side = None, None
        self.last = number
        head = _HEADER.match(raw)
        if head:
            names = [n.strip().lower() for n in head.group(1).split(",")]
            at = [k for k, n in enumerate(names) if n in _STRIDE]
            self.stride = at[0] if len(at) == 1 else None
            self.width, self.side = len(names), None
            return []
        m = _ROW.match(raw)
        if m is None or self.stride is None:
            self.stride = self.side = None
            return []
        values = [int(v) for v in m.group(1).split(",")]
        h, w = int(m.group(2)), int(m.group(3))
        if len(values) != self.width or h != w or values[self.stride] < 1:
            self.stride = self.side = None
            return []
        above, self.side = self.side, h
        if above is None:
            return []
        s = values[self.stride]
        want = {-(-above // s), above // s}
        ok = h in want
        shown = f"{min(want, key=lambda v: abs(v - h))}" if not ok else str(h)
        edits = () if ok else (Edit(number, m.start(2), m.end(3), f"{shown}x{shown}"),)
        return [Claim(number, f"stage output {h}x{w} (stride {s} on {above}x{above})", "shape",
                      f"{h}x{w}", f"{shown}x{shown}", "right" if ok else "wrong",
                      f"the row above's {above} / stride {s}, as its 'stride' column says",
                      edits, f"{shown}x{shown}", 0.9)]


READERS = [
    # (in a fence with a language or without one, whose lines are prose's)
    Reader("stage rows under their columns' names", "code+every",  # "[3, 40, 3, 2, 5],  # -> 28x28"
           lambda at: at.state.setting_rows.line(at.line.number, at.line.raw), 0.9,
           needs=_NEEDS),
]
