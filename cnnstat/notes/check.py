"""Check a note: every arithmetic, shape and model-fact claim it makes, line by line.

The pipeline (``docs/check.md``, "How it works"): each line is masked (``text``) and
normalised into one expression form (``normalise``, read by one grammar, ``grammar``);
then every reader in ``READERS`` whose stage fits the line is called the same way,
``read(at)``, and emits claims (each with a confidence) and skips; ``precedence.settle``
decides what stands where they meet. ``pipeline.Checker`` streams the lines through;
``registry`` registers the readers (``READERS``) and the state they keep (``NoteState``).
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.pipeline import Checker
from cnnstat.notes.notestate import NoteState
from cnnstat.notes.registry import READERS
from cnnstat.notes.source import iter_note_lines, iter_split_lines
from cnnstat.notes.text import iter_lines


class Result(NamedTuple):
    claims: list[Claim]
    skipped: list[Skip]

    @property
    def wrong(self) -> list[Claim]:
        return [c for c in self.claims if c.verdict == "wrong"]


# While a note is checked, the garbage collector's young generation is collected after
# ``GC_YOUNG`` allocations, not Python's 700. The checker makes and drops many small objects
# a line, almost none of them in a cycle (reference counting frees them): at 700, a MB of
# note cost some 370 collections, each walking the young objects and every tenth the older
# ones too (the bundled specs, the caches), about 0.39 s of its CPU; at 100,000, 7
# collections and 0.04 s (timed with ``gc.callbacks``). Cycles wait a little longer to be
# freed; the peak memory of a MB's check went from 18.7 to 19.8 MiB (``check_speed.py``).
# The setting is restored when the last check in progress ends (checks may interleave, so
# a count, not a stack) and left alone where the collector is off or set higher.
GC_YOUNG = 100_000
_GC_LOCK = threading.Lock()
_GC_SAVED: list = [0, None]  # checks in progress, the threshold before the first


def _gc_raise() -> None:
    with _GC_LOCK:
        if _GC_SAVED[0] == 0:
            old = gc.get_threshold()
            _GC_SAVED[1] = old
            if old[0] and old[0] < GC_YOUNG:  # 0: the collector is off; leave it so
                gc.set_threshold(GC_YOUNG, *old[1:])
        _GC_SAVED[0] += 1


def _gc_restore() -> None:
    with _GC_LOCK:
        _GC_SAVED[0] -= 1
        if _GC_SAVED[0] == 0 and _GC_SAVED[1] is not None:
            if gc.get_threshold()[0] == GC_YOUNG:  # unless someone set another meanwhile
                gc.set_threshold(*_GC_SAVED[1])
            _GC_SAVED[1] = None


def iter_check(raw_lines: Iterable[str]) -> Iterator[tuple[list[Claim], list[Skip]]]:
    """The claims and skips of a note given line by line, as they are settled: memory
    stays flat however long the note (``check_file`` streams a file through it)."""
    _gc_raise()
    try:
        checker = Checker(READERS, NoteState)
        for line in iter_lines(raw_lines):
            got = checker.feed(line)
            if got[0] or got[1]:
                yield got
        yield checker.finish()
    finally:
        _gc_restore()


def collect(parts: Iterable[tuple[list[Claim], list[Skip]]]) -> Result:
    """Every claim and skip of a note, in line order; a line with a claim drops the
    "no claim recognised" note an early close gave it."""
    claims: list[Claim] = []
    skipped: list[Skip] = []
    for c, s in parts:
        claims += c
        skipped += s
    claimed = {c.line for c in claims}
    skipped = [s for s in skipped if not (s.line in claimed and
                                          s.reason.startswith("no claim recognised"))]
    claims.sort(key=lambda c: c.line)
    skipped.sort(key=lambda s: s.line)
    return Result(claims, _dedupe(skipped))


def check_text(text: str) -> Result:
    """The pipeline over a whole text: lines (markup masked) -> one expression form ->
    the readers' claims, settled, each judged against the layer algebra and the bundled
    specs, with the note's state carried line to line."""
    return collect(iter_check(iter_split_lines(text)))


def _dedupe(skips: list[Skip]) -> list[Skip]:
    seen, out = set(), []
    for s in skips:
        key = (s.line, s.text, s.reason)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def check_file(path: str | Path) -> Result:
    return collect(iter_check(iter_note_lines(path)))
