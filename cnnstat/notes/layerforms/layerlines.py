"""A layer table that is not a markdown table, read line by line::

    Layer | k | s | RF          layer   kernel  stride  out   RF        <tr><td>conv1</td>...
    conv1 | 3 | 1 | 3           conv1   3       1       32    3
    pool1 | 2 | 2 | 4           pool1   2       2       16    4

(bars without outer pipes and with a separator row under the header are a markdown table,
``text``'s, read by the table stage.)

Cells split by inner bars (a markdown table in a quote, ``> | a | b |``, too), by tabs (an
empty cell keeps its column), by runs of two spaces (each cell placed under the header
cell it overlaps most, so an empty cell keeps its column), or by HTML's ``<td>`` and
``<th>``. The header holds no digit and names a column ``layertable`` judges (output,
receptive field, jump) and one that states a window or a map (kernel, stride, input,
the layer). Each row is judged when it is read, with the rows above it (``layertable``
over the table so far), so a column's alignment is decided from what was read up to it.
The table ends at the first line that is not one of its rows.
"""

from __future__ import annotations

import re

from cnnstat.notes.layerforms import layercols, layertable
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.signs import Gated
from cnnstat.notes.summary.rows import split
from cnnstat.notes.text import Line

MAX_ROWS = 60  # rows of one table read (each is judged with the rows above it)
_WORDS = re.compile(r"kernel|stride|\brf\b|recep|recip|jump|output|\bout\b|map|커널|filter|"
                    r"param|start|size|스트라이드|출력|수용|점프|파라미터|크기|필터|\b[ksjrn]\b", re.I)
_CELL = re.compile(r"<t([dh])[^>]*>(.*?)(?:</t[dh]>|(?=<t[dh])|$)", re.I)
_GAP = re.compile(r"\t+|\s{2,}")
_RULE = re.compile(r"^[\s|:=+\-─]*$")
# a note's word that its sizes round up: ceil_mode, "rounded up", ".5 counted as 1", 올림
_CEIL = Gated(("ceil", "round", ".5", "올림"),
              r"ceil|round(?:ed|s|ing)?\s+up|0?\.5\b.{0,30}\b(?:as|to)\s+1\b|올림|"
              r"0?\.5\s*(?:은|는|를|을)?\s*1\s*로", re.I)


def _html(raw: str) -> list[tuple[str, int, int]] | None:
    if "<t" not in raw.lower():
        return None
    cells = [(m.group(2).strip(), m.start(2), m.end(2)) for m in _CELL.finditer(raw)]
    return cells or None


class Table:
    """The loose table being read, if any: its header's cells and how rows are split."""

    def __init__(self) -> None:
        self.head: list[tuple[str, int, int]] | None = None
        self.style = ""  # "bars" | "quoted" (in a quote) | "tabs" | "spaces" | "html"
        self.rows: list[tuple[int, list[tuple[str, int, int]]]] = []
        self.ceil = False  # the note said its sizes round up (read by the tables below it)
        self.fields = False  # the header names a receptive field, jump or start column

    def _cells(self, raw: str, style: str) -> list[tuple[str, int, int]] | None:
        if style == "html":
            return _html(raw)
        if style == "tabs":
            return layertable.bars(raw.rstrip().replace("\t", "|"), outer=False)
        if style in ("bars", "quoted", "piped"):
            text = _unquoted(raw).rstrip()
            return layertable.bars(text, outer=style == "piped" or (
                style == "quoted" and text.lstrip().startswith("|") and text.endswith("|")))
        got = split(raw, False)
        if self.head is None:
            return got
        # each cell under the header cell it overlaps most; an empty column stays empty
        starts = [a for _, a, _ in self.head] + [10**9]
        out: list[tuple[str, int, int] | None] = [None] * len(self.head)
        for text, a, b in got:
            overlap = [min(b, starts[j + 1]) - max(a, starts[j]) for j in range(len(self.head))]
            j = max(range(len(overlap)), key=lambda x: overlap[x])
            if out[j] is not None:
                return None
            out[j] = (text, a, b)
        return [c if c is not None else ("", 0, 0) for c in out]

    def check_line(self, line: Line) -> list[Claim | Skip]:
        raw = line.raw
        if not self.ceil and _CEIL.search(raw):
            self.ceil = True
        if self.head is not None:
            if _RULE.match(_unquoted(raw)) and raw.strip():
                return []  # a rule under the header
            got = self._row(line)
            if got is not None:
                return got
            if self.style == "piped" and raw.lstrip().startswith("|") and \
                    not re.search(r"\d", raw) and len(self.rows) < MAX_ROWS:
                return []  # an empty row, or a section's title across the table
            self.head, self.rows = None, []
        self._open(raw, line.kind == "skip")
        return []

    def _row(self, line: Line) -> list[Claim | Skip] | None:
        """A row of the table in progress, judged with the rows above it; None for a line
        that is not one."""
        cells = self._cells(line.raw, self.style)
        filled = sum(bool(c) for c, _, _ in cells or ())
        if cells is None or len(cells) != len(self.head or ()) or not re.search(
                r"\d", line.raw) or 2 * filled < len(cells) or len(self.rows) >= MAX_ROWS:
            return None
        self.rows.append((line.number, cells))
        got = layertable.check([(0, self.head)] + self.rows, self.ceil)
        return [x for x in got if x.line == line.number]

    def summary_line(self, line: Line) -> list[Claim | Skip]:
        """A line a pasted summary took: a header opens a table; of its rows (the
        summary's: their shapes and counts), the receptive field and jump columns are
        this reader's (``Conv2d-3|[-1,10,24,24]|900|5|3|1|``)."""
        if self.head is not None and self.fields:
            if _RULE.match(_unquoted(line.raw)) and line.raw.strip():
                return []  # a rule under the header
            got = self._row(line)
            if got is not None:
                return [x for x in got if x.kind == "receptive field"]
        self.head, self.rows = None, []
        self._open(line.raw, line.kind == "skip")
        return []

    def _open(self, raw: str, code: bool = False) -> None:
        if "|" not in raw and "\t" not in raw and "  " not in raw.strip() and "<t" not in raw:
            return  # no cells: most lines (a cheap test)
        piped = raw.lstrip().startswith("|")
        if (piped and not code) or len(raw) > 400 or re.search(r"\d", _plain(raw)):
            return  # a markdown table with outer pipes is the table stage's (not in code)
        if not _WORDS.search(raw):
            return
        quoted = _unquoted(raw) != raw and _unquoted(raw).lstrip().startswith("|")
        style = "html" if _html(raw) else "piped" if piped else "quoted" if quoted \
            else "bars" if "|" in raw \
            else "tabs" if "\t" in raw.strip() else "spaces"
        if style == "spaces" and not _GAP.search(raw.strip()):
            return
        self.head = None
        cells = self._cells(raw, style)
        if not cells or not 3 <= len(cells) <= 16 or any(len(c) > 40 for c, _, _ in cells):
            return
        found = {r for roles in layercols.roles([c for c, _, _ in cells]) for r in roles}
        if not (layertable.JUDGED & found and {"k", "s", "in", "layer"} & found):
            return
        self.head, self.style, self.rows = cells, style, []
        self.fields = bool({"rf", "j", "start", "rf_in", "j_in", "start_in"} & found)


def _unquoted(raw: str) -> str:
    """A line with its quote markers (``> ``) blanked, positions kept."""
    m = re.match(r"\s*(?:>\s?)+", raw)
    return " " * m.end() + raw[m.end():] if m else raw


def _plain(raw: str) -> str:
    """The header's words, without a subscript's digit in LaTeX or HTML (``r_{1}``)."""
    return re.sub(r"<[^<>]*>", "", raw)
