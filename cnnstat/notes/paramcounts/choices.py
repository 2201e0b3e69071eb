"""A quiz's choices written as a list under its question (a Coursera-style quiz copied
out, an answer key in Markdown)::

    - [ ] 9,000,001          <- a choice not taken: not the note's answer
    - [x] 27,000,100         <- the ticked choice: the answer
    - 9,000,100              <- a bare list item with a figure alone: a choice or an
                                answer, nobody can tell which before the list ends

A figure alone under a question is the quiz's answer (``paramquiz``) only where it is not
one item of such a list: an unticked box, or a bullet with nothing but the figure, is a
choice not taken (or not known to be taken); a ticked box (``[x]``, ``[X]``, ``[✓]``) is
the answer, its mark read as the answer's label.
"""

from __future__ import annotations

import re

_ITEM = r"^\s*(?:[-*+•]|[0-9]{1,2}[.)])\s+"
_UNTICKED = re.compile(_ITEM + r"\[\s?\]")
_TICKED = re.compile(_ITEM + r"\[[xX✓✔]\]")
_BARE = re.compile(r"^\s*[-*+•]\s+[0-9][0-9,]*\s*$")


def choice(raw: str) -> str:
    """``"ticked"``, ``"not taken"`` (an unticked box, or a bare item that is a figure
    alone), or ``""`` where the line is no choice of a list."""
    if _TICKED.match(raw):
        return "ticked"
    if _UNTICKED.match(raw) or _BARE.match(raw):
        return "not taken"
    return ""


def unticked(masked: str, raw: str) -> str:
    """``masked`` with the tick of its box blanked, so the figure after it stands alone."""
    m = _TICKED.match(raw)
    return " " * m.end() + masked[m.end():] if m else masked
