"""Rows kept for a second look without keeping them in memory: ``Spool`` holds what is
appended in memory up to ``keep`` bytes, then in a temporary file, and gives it back in
order as often as it is iterated. ``check`` builds its report of a note of any size on
these (a table needs every row's width before its first row is drawn).
"""

from __future__ import annotations

import pickle
import tempfile
from typing import Any, Callable, Iterable, Iterator

BATCH = 512  # rows pickled together: fewer, larger writes
KEEP = 1 << 20  # bytes held in memory before the rows go to a temporary file


def write_rows(fh, rows: Iterable[Any]) -> None:
    """Append ``rows`` to the binary file ``fh``, ``BATCH`` to a pickle."""
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            fh.write(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
            batch = []
    if batch:
        fh.write(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))


def read_rows(fh) -> Iterator[Any]:
    """The rows ``write_rows`` wrote to ``fh``, from its start (cnnstat's own file)."""
    fh.seek(0)
    while True:
        try:
            batch = pickle.load(fh)  # noqa: S301 - a temporary file this process wrote
        except EOFError:
            return
        yield from batch


class Spool:
    """Rows appended one at a time, read back in order (``for row in spool``) as often
    as needed; ``len`` counts them. Memory stays under about ``keep`` bytes plus one
    batch however many rows there are."""

    def __init__(self, keep: int = KEEP) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=keep)
        self._batch: list[Any] = []
        self._count = 0

    def append(self, row: Any) -> None:
        self._batch.append(row)
        self._count += 1
        if len(self._batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            self._file.seek(0, 2)
            write_rows(self._file, self._batch)
            self._batch = []

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        self._flush()
        return read_rows(self._file)

    def close(self) -> None:
        self._file.close()


class Mapped:
    """``fn`` of each row of ``rows`` (a spool), read anew on each iteration."""

    def __init__(self, rows: Spool, fn: Callable[[Any], Any]) -> None:
        self.rows, self.fn = rows, fn

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Any]:
        return map(self.fn, self.rows)
