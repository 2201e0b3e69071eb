"""Receptive fields of named networks in a table, one network a column or one a row::

    # ResNet receptive fields
    | layer  | resnet18 | resnet50 |          | model     | conv1 | layer1 | layer4 |
    |--------|----------|----------|          |-----------|-------|--------|--------|
    | conv1  | 7        | 7        |    or    | ResNet-34 | 7     | 59     | 899    |
    | layer1 | 43       | 35       |          | VGG-16    | ...                      |

A table speaks of fields where its section's heading or its header does (``receptive
field``, ``RF``). Its networks are the header cells (or the first cells of
its rows) that each name one network; its layers the other axis's labels (``conv1``,
``maxpool``, ``layer3``, ``pool5``), resolved as ``rfnamed`` resolves a label in prose.
Each cell (``43``, ``43x43``) is the field at the layer's last row by the layer algebra
(``specrows.walk``: ``r + (k - 1)·j``): right where any spec the name means gives it
(ResNet-50's paper spec or torchvision's, whose stride sits in the 3x3 conv); wrong only
where the network is named by its variant, every spec has the layer, none gives the
figure, and at least ``TRUSTED`` other cells of the table agreed (the table counts fields
as the specs do: from the input, in pixels). Nothing is said of a table that speaks of
dilation, nor of a cell whose layer a spec lacks.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.layerforms.layertable import block_rows
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.receptivefield.rfnamed import _FIELD, _REFUSE, _rows

TRUSTED = 2  # cells of the table that agreed before one that does not is wrong
_LAYER = re.compile(r"[A-Za-z][A-Za-z_]*[0-9]*(?:[._][0-9A-Za-z]+)*")
_CELL = re.compile(r"([0-9]{1,4})(?:\s*[x×*]\s*([0-9]{1,4}))?")
_MARKS = re.compile(r"[*_`]")


class Fields:
    """Whether the section's heading speaks of receptive fields."""

    def __init__(self) -> None:
        self.titled = False

    def heading(self, masked: str) -> list:
        self.titled = bool(_FIELD.search(masked)) and not _REFUSE.search(masked)
        return []

    def table(self, block, breakdown) -> list[Claim]:
        rows = [(n, [_MARKS.sub("", c).strip() for c, _, _ in cells])
                for n, cells in block_rows(block or [])]
        rows = [r for r in rows if not all(re.fullmatch(r":?-*:?", c) for c in r[1])]
        if len(rows) < 2:
            return []
        head = rows[0][1]
        text = " ".join(head)
        if not (self.titled or _FIELD.search(text)) or _REFUSE.search(text):
            return []
        cells = _cells(head, rows[1:])
        if not cells:
            return []
        read = []
        for number, label, name, cell in cells:
            got = _field(label, name, cell, breakdown)
            if got is not None:
                read.append((number, label, name, cell, *got))
        agreed = sum(1 for r in read if r[4])
        out = []
        for number, label, name, cell, ok, spec, shown, generic in read:
            if not ok and (generic or agreed < TRUSTED):
                continue
            out.append(Claim(number, f"{name.text} {label}: receptive field {cell}",
                             "receptive field", cell, cell if ok else shown,
                             "right" if ok else "wrong",
                             f"{spec}: {label}'s receptive field is {shown} (layer algebra: "
                             "r + (k - 1)·j)"))
        return out


def _named(cell: str):
    """The one network a cell names, and nothing else but it."""
    found = mentions(cell)
    if len(found) != 1 or cell[:found[0].start].strip() or cell[found[0].end:].strip(" ()"):
        return None
    return found[0]


def _cells(head: list[str], body: list[tuple[int, list[str]]]) -> list[tuple]:
    """(line, layer label, network mention, cell) of each figure: networks in the header
    (layers down the first column) or down the first column (layers in the header)."""
    cols = {j: m for j, c in enumerate(head) if j and (m := _named(c)) is not None}
    out = []
    if cols and len(cols) == len(head) - 1:
        for number, cells in body:
            label = cells[0] if cells and _LAYER.fullmatch(cells[0]) else None
            if label is None:
                continue
            out += [(number, label, cols[j], cells[j]) for j in cols if j < len(cells)]
        return out
    labels = {j: c for j, c in enumerate(head) if j and _LAYER.fullmatch(c)}
    if not labels or len(labels) != len(head) - 1:
        return []
    for number, cells in body:
        m = _named(cells[0]) if cells else None
        if m is not None:
            out += [(number, labels[j], m, cells[j]) for j in labels if j < len(cells)]
    return out


def _field(label: str, mention, cell: str, breakdown) -> tuple | None:
    """(agrees, spec, the field as shown, generic) of one cell; None where the cell is no
    square figure or a spec the name means lacks the layer."""
    m = _CELL.fullmatch(cell.strip())
    if m is None or (m.group(2) and m.group(2) != m.group(1)):
        return None
    res = resolve(mention)
    if not res.specs:
        return None
    groups = {s: _rows(breakdown, s, label) for s in res.specs}
    if not all(groups.values()):
        return None
    h = int(m.group(1))
    fields = {s: tuple(g[-1].rf) for s, g in groups.items()}
    ok = [s for s, rf in fields.items() if rf == (h, h)]
    spec = ok[0] if ok else res.specs[0]
    rf = fields[spec]
    shown = f"{rf[0]}x{rf[1]}" if m.group(2) else str(rf[0])
    return bool(ok), spec, shown, res.generic


READERS = [
    Reader("heading of receptive fields", "heading",
           lambda at: at.state.net_fields.heading(at.line.masked)),
    # | layer | resnet18 | resnet50 | ... |, a network a column (or a row), a field a cell
    Reader("receptive fields of named networks in a table", "table",
           lambda at: at.state.net_fields.table(at.block, at.state.breakdown),
           needs=("receptive", "rf", "layer", "conv", "pool")),
]
