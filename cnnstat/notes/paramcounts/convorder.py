"""Which of the code's convs a line names by its place: ``conv4``, ``self.conv2``, "the
third conv layer".

Two convs of a model often share their filters and kernel (``Conv2D(64, (3, 3))`` twice,
on 32 and on 64 channels), so a count ``(3*3*32 + 1)*64`` names no one layer by its
numbers. A line that names the layer by its place does: the n-th conv the code built, in
order (PyTorch's ``self.conv2 = nn.Conv2d(...)`` by its own name). The place is taken only
where it agrees with the count (the conv there has the count's filters and kernel), and
counted from 1 unless the note has written a ``conv0``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.kept import KEPT

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_PLACE = re.compile(r"(?:(?<=self\.)|(?<![\w.]))conv(?:olution)?[-_ ]?([0-9]{1,2})(?![\w.])|"
                    r"\b(" + "|".join(_ORDINALS) + r")\s+(?:conv\w*|합성곱)", re.I)
_ZERO = re.compile(r"(?<![\w.])conv[-_ ]?0(?![\w.])", re.I)
_NAMED = re.compile(r"(?:self\.)?(conv[-_]?[0-9]{1,2})\s*=\s*(?:nn\.)?Conv2d\b")


class Placed(NamedTuple):
    filters: int
    k: int
    c_in: int | None
    line: int
    name: str | None


class Order:
    """The convs of the code, in the order it builds them."""

    def __init__(self) -> None:
        self.convs: list[Placed] = []
        self.zero = False  # the note counts its convs from conv0

    def seen(self, raw: str) -> None:
        if not self.zero and _ZERO.search(raw):
            self.zero = True

    def add(self, raw: str, filters: int, k: int, c_in: int | None, line: int) -> None:
        """A conv of code (a line with no inline code in it: a sentence that names a
        conv in backticks builds none)."""
        if "`" in raw or len(self.convs) >= KEPT:
            return
        named = _NAMED.search(raw)
        self.convs.append(Placed(filters, k, c_in, line,
                                 named.group(1).replace("-", "").replace("_", "").lower()
                                 if named else None))

    def named(self, masked: str, number: int, filters: int, k: int,
              above: bool = False) -> Placed | None:
        """The conv the line names by its place, where it has ``filters`` and ``k``;
        ``above``: ``masked`` is the line above that asked for the count, whose place
        is the count's only where it names no count of its own."""
        places = set()
        for m in _PLACE.finditer(masked):
            places.add(int(m.group(1)) if m.group(1) else _ORDINALS.index(m.group(2).lower()) + 1)
        if len(places) != 1 or self.zero or (above and "=" in masked):
            return None
        place = places.pop()
        built = [c for c in self.convs if c.line < number]
        named = [c for c in built if c.name == f"conv{place}"]
        if named:
            got = named[0] if len(named) == 1 else None
        elif any(c.name for c in built):
            got = None  # the code names its convs otherwise: its order is no name
        else:
            got = built[place - 1] if 0 < place <= len(built) else None
        return got if got is not None and (got.filters, got.k) == (filters, k) else None
