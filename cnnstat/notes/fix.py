"""``--fix``: write the correct numbers into a note, keeping a ``.bak`` of the original.

Only the numbers of wrong claims change; everything else, line endings included, stays
byte for byte. The new text is written to a temporary file in the same folder and moved
over the note in one step (``os.replace``), so a crash leaves the old note or the new one,
never half of each.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from pathlib import Path

from cnnstat.notes.claims import Claim, Edit


def apply(text: str, claims: list[Claim]) -> str:
    """``text`` with the edits of every wrong claim applied (overlapping ones dropped)."""
    edits: dict[int, list[Edit]] = {}
    for c in claims:
        if c.verdict == "wrong":
            for e in c.edits:
                edits.setdefault(e.line, []).append(e)
    if not edits:
        return text
    lines = text.split("\n")
    for number, line_edits in edits.items():
        idx = number - 1
        line = lines[idx]
        end_cr = line.endswith("\r")
        body = line[:-1] if end_cr else line
        last = len(body) + 1
        for e in sorted(set(line_edits), key=lambda e: e.start, reverse=True):
            if e.end > last:
                continue  # overlaps an edit already made
            body = body[:e.start] + e.new + body[e.end:]
            last = e.start
        lines[idx] = body + ("\r" if end_cr else "")
    return "\n".join(lines)


def diff(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        fromfile=f"{path} (before)", tofile=f"{path} (fixed)"))


def write(path: str | Path, old_bytes: bytes, new: str) -> Path:
    """Keep ``path.bak`` (the original bytes), then replace ``path`` atomically."""
    p = Path(path)
    bak = p.with_name(p.name + ".bak")
    bak.write_bytes(old_bytes)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(new.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        shutil.copymode(p, tmp)
        os.replace(tmp, p)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return bak
