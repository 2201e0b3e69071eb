"""A note's findings in line order, exactly as ``check.collect`` lists them, in bounded
memory.

The checker settles most findings on their own line, some later: a line's "no claim
recognised" within ``pipeline.WINDOW`` lines, a table's at its end, a figure echoed at the
note's end. ``InOrder`` takes them as they come and gives them back a line at a time,
sorted by line (within a line, in the order they came), with the skips ``collect`` drops
dropped. Up to ``RUN`` findings are held in memory; beyond that they go to temporary files
as sorted runs, merged at the end (an external sort), so memory stays flat however many
findings a note has.
"""

from __future__ import annotations

import heapq
import tempfile
from itertools import groupby
from typing import Iterable, Iterator

from cnnstat.notes.claims import Claim, Skip
from cnnstat.files.spool import read_rows, write_rows

RUN = 20_000  # findings held in memory before a sorted run is written out
FAN_IN = 32  # runs on disk before they are merged into one
NO_CLAIM = "no claim recognised"


class InOrder:
    def __init__(self, run: int = RUN) -> None:
        self.run = run
        self.held: list[tuple[int, int, Claim | Skip]] = []
        self.runs: list = []  # temporary files, each a sorted run
        self.seq = 0

    def add(self, claims: Iterable[Claim], skips: Iterable[Skip]) -> None:
        for item in (*claims, *skips):  # (line, arrival): unique, so items never compare
            self.held.append((item.line, self.seq, item))
            self.seq += 1
        if len(self.held) >= self.run:
            self._spill()

    def _spill(self) -> None:
        self.held.sort()
        self.runs.append(_write(self.held))
        self.held = []
        if len(self.runs) >= FAN_IN:
            merged = _write(heapq.merge(*(read_rows(f) for f in self.runs)))
            self._close()
            self.runs = [merged]

    def _close(self) -> None:
        for f in self.runs:
            f.close()
        self.runs = []

    def lines(self) -> Iterator[tuple[int, list[Claim], list[Skip]]]:
        """(line, its claims, its skips) for each line with a finding, in line order;
        a line with a claim loses its "no claim recognised" skip, and a skip repeated on
        its line is given once (``check.collect``). Read once: the runs are closed after."""
        self.held.sort()
        stream = heapq.merge(*(read_rows(f) for f in self.runs), self.held) \
            if self.runs else iter(self.held)
        try:
            for line, group in groupby(stream, key=lambda t: t[0]):
                claims: list[Claim] = []
                skips: list[Skip] = []
                for _, _, item in group:
                    (claims if isinstance(item, Claim) else skips).append(item)
                seen: set[tuple[str, str]] = set()
                kept = []
                for s in skips:
                    if (claims and s.reason.startswith(NO_CLAIM)) or (s.text, s.reason) in seen:
                        continue
                    seen.add((s.text, s.reason))
                    kept.append(s)
                yield line, claims, kept
        finally:
            self.held = []
            self._close()


def _write(rows: Iterable) -> object:
    fh = tempfile.TemporaryFile()
    write_rows(fh, rows)
    return fh
