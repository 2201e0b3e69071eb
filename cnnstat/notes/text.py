"""A note as lines to read: markup masked out, the parts that are not prose set aside.

Every ``Line`` keeps its ``raw`` text and a ``masked`` copy of exactly the same length in
which what is not content is blanked with spaces: links and images (their URLs are full
of digits), HTML tags, footnote marks, struck-through text, heading hashes, list and
quote markers, backticks, ``$``, bold markers. Positions found in ``masked`` are
positions in ``raw``, which is what ``--fix`` edits.

Set aside (``kind == "skip"``): YAML front matter, fenced code in a programming language,
and the markers of an unresolved merge conflict (both sides of the conflict are read).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)")
_READABLE_FENCES = {"", "text", "txt", "math", "markdown", "md", "plain", "plaintext"}
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_LEAD = re.compile(r"^(\s*(?:>\s?)*\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_FOOTNOTE = re.compile(r"\[\^[^\]]*\]:?")
_STRIKE = re.compile(r"~~.*?~~")
_BOLD = re.compile(r"\*\*|__")


class Line(NamedTuple):
    number: int  # 1-based
    raw: str  # without the line ending
    masked: str  # same length as raw
    kind: str  # "text" | "heading" | "table" | "skip"
    reason: str = ""  # why a "skip" line is skipped


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def mask(raw: str) -> str:
    """``raw`` with links, tags, markup and list markers replaced by spaces."""
    s = raw.replace("\t", " ")
    for rx in (_IMAGE, _LINK_TARGET, _URL, _TAG, _FOOTNOTE, _STRIKE):
        for m in reversed(list(rx.finditer(s))):
            s = _blank(s, m.start(), m.end())
    m = _HEADING.match(s)
    if m:
        s = _blank(s, 0, m.end())
    m = _LEAD.match(s)
    if m and m.end():
        s = _blank(s, 0, m.end())
    # bold markers, except ** between digits (a power: 2**10)
    for m in reversed(list(_BOLD.finditer(s))):
        before = s[m.start() - 1] if m.start() else ""
        after = s[m.end()] if m.end() < len(s) else ""
        if m.group(0) == "**" and before.isdigit() and (after.isdigit() or after == "("):
            continue
        s = _blank(s, m.start(), m.end())
    s = s.replace("`", " ").replace("$", " ")
    # brackets of a markdown link text: [text] -> text
    s = re.sub(r"(?<!\\)[\[\]]", " ", s)
    assert len(s) == len(raw)
    return s


def split_lines(text: str) -> list[str]:
    """Lines without their endings (``\\n`` or ``\\r\\n``); nothing else splits a line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_lines(text: str) -> list[Line]:
    raw_lines = split_lines(text)
    out: list[Line] = []
    in_front = bool(raw_lines) and raw_lines[0].strip() == "---"
    fence: str | None = None
    fence_readable = True
    for i, raw in enumerate(raw_lines):
        n = i + 1
        if in_front:
            out.append(Line(n, raw, " " * len(raw), "skip", "front matter"))
            if i > 0 and raw.strip() in ("---", "..."):
                in_front = False
            continue
        fm = _FENCE.match(raw)
        if fence is None and fm:
            fence = fm.group(1)[0] * 3
            fence_readable = fm.group(2).lower() in _READABLE_FENCES
            out.append(Line(n, raw, " " * len(raw), "skip", "code fence"))
            continue
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
                out.append(Line(n, raw, " " * len(raw), "skip", "code fence"))
                continue
            if not fence_readable:
                out.append(Line(n, raw, " " * len(raw), "skip", "code"))
                continue
        if _CONFLICT.match(raw):
            out.append(Line(n, raw, " " * len(raw), "skip", "merge-conflict marker"))
            continue
        masked = mask(raw)
        if _HEADING.match(raw):
            kind = "heading"
        elif raw.strip().startswith("|") and raw.count("|") >= 2:
            kind = "table"
        else:
            kind = "text"
        out.append(Line(n, raw, masked, kind))
    return out


def table_cells(line: Line) -> list[tuple[str, int, int]]:
    """The cells of a table row: (masked text stripped, start, end) in raw positions."""
    s = line.masked
    bars = [i for i, ch in enumerate(line.raw) if ch == "|" and (i == 0 or line.raw[i - 1] != "\\")]
    cells = []
    for a, b in zip(bars, bars[1:]):
        text = s[a + 1:b]
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        cells.append((stripped, a + 1 + lead, a + 1 + lead + len(stripped)))
    return cells


def is_separator_row(line: Line) -> bool:
    cells = table_cells(line)
    return bool(cells) and all(re.fullmatch(r":?-{1,}:?", c[0]) for c in cells if c[0])
