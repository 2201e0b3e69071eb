"""A table drawn with box-drawing characters, read as the pipe table it draws::

    ┌───────────┬─────────┬───────────┐          +-----------+---------+-----------+
    │  model    │ params  │ Top-5 err │    ->    |  model    | params  | Top-5 err |
    ├───────────┼─────────┼───────────┤          +-----------+---------+-----------+
    │  VGG-16   │  138M   │  7.3%     │          |  VGG-16   |  138M   |  7.3%     |
    └───────────┴─────────┴───────────┘          +-----------+---------+-----------+

Each character becomes one character (a vertical bar ``|``, a junction ``+``, a line
``-``), so every position in the line stays where it was (``--fix`` edits the note's own
text). A row is a line that starts with a vertical bar and holds three or more (two cells
at least); a rule is a line of box-drawing characters alone with two cells at least,
which becomes a grid table's rule (``text.GRID_RULE``): the table goes on over it. A box
of one cell (a frame around aligned columns, ``│  FC1   120   48,120  │``) has its frame
blanked: its lines are read as they would be without it. A matrix drawn in boxes (narrow
cells of numbers alone, ``│ 1 │ 0 │ -1 │``, and their rules ``├───┼───┤``) is no table: it
stays as drawn, for the reader of convolutions worked on grids (``drawnwork``:
``drawngrids``, ``convgrid``).
"""

from __future__ import annotations

import re

_BARS = "│┃║"
_LINES = "─━═"
_JUNCTIONS = "┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬┡┩╇╈"
_ROW = str.maketrans({c: "|" for c in _BARS})
_RULE = str.maketrans({**{c: "-" for c in _LINES}, **{c: "+" for c in _JUNCTIONS}})
_FRAME = str.maketrans({c: " " for c in _BARS + _LINES + _JUNCTIONS})
_RULE_LINE = re.compile(r"^\s*[" + _JUNCTIONS + r"][" + _LINES + _JUNCTIONS + r"]+\s*$")
STARTS = tuple(_BARS + _JUNCTIONS)


_CELL_NUMBER = re.compile(r"\s*-?[0-9]{1,3}(?:\.[0-9]{1,2})?\s*")
_NARROW = 6  # a matrix's cell: a few digits and its spaces
_FRAMED_ROW = re.compile(r"[│┃]\s*-?[0-9]{1,3}(?:\s+-?[0-9]{1,3}){1,11}\s*[│┃]")


def _matrix(raw: str) -> bool:
    """A line of a matrix drawn in boxes: narrow cells each holding one number, or the
    rule between such rows (a drawing of several matrices side by side included)."""
    cells = [c for c in re.split("[" + _BARS + _JUNCTIONS + "]", raw.strip()) if c]
    if len(cells) == 1 and _FRAMED_ROW.fullmatch(raw.strip()):
        return True  # a frame around a matrix's row: "│ 2  1  3  0  1 │"
    if not cells or any(len(c) > _NARROW for c in cells if c.strip()):
        return False
    if _RULE_LINE.match(raw):
        return True
    cells = [c for c in cells if c.strip()]
    return bool(cells) and all(_CELL_NUMBER.fullmatch(c) for c in cells)


def unbox(raw: str) -> str:
    """The line with its box drawn in ASCII (a row's bars, a rule's junctions), or its
    frame blanked (a box of one cell); a matrix's line, and any other line, as it is."""
    head = raw.lstrip()
    if not head.startswith(STARTS) or _matrix(raw):
        return raw
    if _RULE_LINE.match(raw):
        inner = sum(raw.count(c) for c in "┬┴┼┳┻╋╦╩╬╇╈")
        return raw.translate(_RULE) if inner else raw.translate(_FRAME)
    if head[0] not in _BARS:
        return raw
    bars = sum(raw.count(c) for c in _BARS)
    if bars >= 3:
        return raw.translate(_ROW)
    if bars == 2 and head.rstrip()[-1] in _BARS:
        return raw.translate(_FRAME)
    return raw


__all__ = ["STARTS", "unbox"]
