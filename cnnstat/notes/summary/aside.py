"""A pasted summary broken off by a line of the note's own words, its rows going on below::

    conv2d (Conv2D)      (None, 4, 4, 10)     50
                 the batch size does not matter: None
    conv2d_1 (Conv2D)    (None, 3, 3, 5)      205

One such line without a figure, a blank at most after it, then rows of the style of the
rows above: the summary goes on (its totals the sum of every row), as if the line were not
there. The line itself goes to the other readers. A line with a figure may be another
table's or a part's: the rows below it start a part, as before.

A line of dots between rows (``...``, ``…``, ``⋮``, ``(중략)``, ``# ... omitted ...``) says rows
were left out there (``dots``): the summary goes on, but the next row's input is not the
row above, and the totals are no longer the sum of the rows shown.
"""

from __future__ import annotations

import re

_DIGIT = re.compile(r"[0-9]")
NEAR = 2  # the lines from the words to the row that goes on
_DOTS = re.compile(r"^[\s#/*|>(\[]*(?:\.{2,}|…|⋮|⋯|︙|중략|생략|omitted|truncated)"
                   r"(?:[\s.…⋮⋯]*(?:생략|중략|omitted|truncated|more\s+layers|layers?))?"
                   r"[\s.…⋮⋯)\]]*$", re.I)


def keep(summary, number: int, raw: str) -> None:
    """``raw`` broke off ``summary``: keep what it had read, where the words may be the
    note's own (no figure, no totals read yet)."""
    summary.aside = (number, summary.style, summary.rows, summary.leaves, summary.names,
                     summary.cols, summary.gap, summary.headless) \
        if summary.total is None and summary.rows and not _DIGIT.search(raw) else None


def resume(summary, number: int, row) -> bool:
    """Whether ``row`` goes on with the summary kept (then it is active again)."""
    kept, summary.aside = summary.aside, None
    if kept is None or number - kept[0] > NEAR or kept[2][-1].style != row.style:
        return False
    (_, summary.style, summary.rows, summary.leaves, summary.names, summary.cols,
     summary.gap, summary.headless) = kept
    summary.active, summary.broken = True, False
    return True


def dots(summary, raw: str) -> bool:
    """Whether ``raw`` is a line of dots in the middle of an active summary: rows left
    out, so the next row reads no row above it and the sums are unknown (``gap``)."""
    if not (summary.active and summary.rows and _DOTS.match(raw)):
        return False
    summary.gap, summary.leaves = True, []
    return True
