"""Where a note is about a layer whose sizes the map readers do not follow (a transposed
conv, a dilated one, an upsampling): a heading that names one (``### transposed conv /
dilated conv``) or a list item that does, for the items nested under it
(``- transposed conv 출력: (N - 1)S - 2P + F`` then ``  - stride 1이면 4x4 → 5x5``). A step
there that names no layer of its own (``4x4 → 5x5 (2x2 필터, 패딩 0)``) is that layer's, and
the step reader, which follows plain convs and poolings, leaves it unread.
"""

from __future__ import annotations

import re

from cnnstat.notes.signs import Gated

# the layers whose sizes a plain conv's rule does not give (as steps._APART, less those
# that name a part of a line: concat, flatten, crop)
APART = Gated(("dilat", "atrous", "팽창", "transpos", "deconv", "upsampl", "업샘플", "전치",
               "역합성곱", "확장"),
              r"dilat|atrous|팽창|transpos|deconv|upsampl|업샘플|전치|역합성곱|확장\s*합성곱",
              re.I, scanned=False)


class Section:
    """The heading's and the enclosing list items' word on the layer, line by line."""

    def __init__(self) -> None:
        self.heading = False  # the section's heading names such a layer
        self.item: int | None = None  # the indent of a list item that names one

    def see(self, masked: str, heading: bool) -> list:
        """Take in a line (a reader of every line and heading, before the step reader)."""
        if heading:
            self.heading, self.item = bool(APART.search(masked)), None
            return []
        if not masked.strip():
            return []
        indent = len(masked) - len(masked.lstrip())
        if self.item is not None and indent <= self.item:
            self.item = None
        if self.item is None and APART.search(masked):
            self.item = indent
        return []

    def holds(self, masked: str) -> bool:
        """Whether a line is under such a heading or nested under such an item."""
        if self.heading:
            return True
        return self.item is not None and len(masked) - len(masked.lstrip()) > self.item
