"""A reader that raises: a bug in cnnstat, never the note's fault. The line it was reading
is reported as not read, with the reader's name and the error, and the note goes on being
checked: a user sees every other verdict and a reason to report the bug, never a
traceback. With ``CNNSTAT_STRICT=1`` in the environment (the test suite sets it) the error
is raised instead, so that no test passes over a reader's bug."""

from __future__ import annotations

import os

from cnnstat.notes.claims import Skip

STRICT = os.environ.get("CNNSTAT_STRICT") == "1"


def skip(number: int, raw: str, reader: str, err: Exception) -> Skip:
    """The line, not read because ``reader`` raised ``err``."""
    if STRICT:
        raise err
    what = f"{type(err).__name__}: {err}"[:120]
    return Skip(number, " ".join(raw.split())[:100],
                f"not read: the reader '{reader}' failed ({what}); this is a bug in "
                "cnnstat, please report it with the line")
