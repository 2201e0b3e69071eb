"""The boxed text table: it fits the width it is given (``table_width``: the terminal,
else ``COLUMNS``, else 80 columns). Columns are chosen by rank, the essential ones first; a
column that does not fit is left out whole and the table says which, so no cell is ever
cut. Text columns marked ``wrap`` wrap onto several lines instead. ``--wide`` lifts the
limit and ``--columns`` picks columns by name. The table is drawn here, in linear time, not
by rich: a 4,208-row table prints in a fraction of a second.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, NamedTuple

from cnnstat.errors import printable

from cnnstat.render.report import DEFAULT_WIDTH, Column, Report, Section

MIN_WRAP = 12  # the narrowest a wrapping column is squeezed to
BREAK_AFTER = "·/,-_.)|"  # where a word too long for its line is best broken


def table_width(out=None, wide: bool = False) -> int | None:
    """Columns a table may use: ``None`` (no limit) with ``wide``; the terminal's width on
    a terminal; else ``COLUMNS`` when set, else 80."""
    if wide:
        return None
    env = os.environ.get("COLUMNS", "")
    if env.isascii() and env.isdigit() and 0 < int(env) < 100_000:
        return max(int(env), 20)
    out = out or sys.stdout
    if _isatty(out):
        try:
            return max(os.get_terminal_size(out.fileno()).columns, 20)
        except (OSError, ValueError, AttributeError):
            pass
    return DEFAULT_WIDTH


def _isatty(out) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError):
        return False





# --------------------------------------------------------------------------- text

class _Style(NamedTuple):
    bold: str = ""
    dim: str = ""
    reset: str = ""


PLAIN = _Style()
ANSI = _Style("\x1b[1m", "\x1b[2m", "\x1b[0m")


def styled(out) -> _Style:
    """Bold headers and dim notes on a terminal that takes colour; plain text otherwise."""
    if not _isatty(out) or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return PLAIN
    return ANSI


def cell_len(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK, Hangul) characters count 2, combining
    marks 0."""
    if text.isascii():
        return len(text)
    import unicodedata

    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return n


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap to ``width`` terminal columns; a word longer than that is broken (never
    dropped); explicit newlines are kept."""
    width = max(width, 1)
    out: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0
        for word in para.split():
            n = cell_len(word)
            if line and used + 1 + n <= width:
                line, used = f"{line} {word}", used + 1 + n
                continue
            if line:
                out.append(line)
            while n > width:  # a word wider than the line: break it, after a · or / if can
                cut, taken = len(word), 0
                for i, ch in enumerate(word):
                    taken += cell_len(ch)
                    if taken > width:
                        cut = i
                        break
                soft = max(word.rfind(c, 0, cut) for c in BREAK_AFTER) + 1
                cut = soft if soft > cut // 2 else max(cut, 1)
                head, rest = word[:cut], word[cut:]
                out.append(head)
                word, n = rest, cell_len(rest)
            line, used = word, n
        out.append(line)
    return out


def fold_calls(text: str, width: int | None) -> str:
    """Fit nested ``Name(arg, arg, ...)`` lines (a PyTorch module's repr) to ``width``
    columns: a longer line is broken after commas outside brackets, its continuation lines
    aligned after the call's ``(`` (``(name): Call(`` skips the name); a line without
    such a place is left whole."""
    if width is None:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if cell_len(line) <= width or "(" not in line:
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip())
        key = line.find("): ", indent) + 3 if line[indent:indent + 1] == "(" else indent
        if "(" not in line[max(key, indent):]:
            out.append(line)
            continue
        start = line.index("(", max(key, indent)) + 1
        parts, depth, last = [], 0, start
        for i in range(start, len(line)):
            ch = line[i]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
            elif ch == "," and depth == 0 and line[i + 1:i + 2] == " ":
                parts.append(line[last:i + 1])
                last = i + 2
        parts.append(line[last:])
        pad = " " * (start if start < width // 2 else indent + 4)
        current = line[:start] + parts[0]
        for part in parts[1:]:
            if cell_len(current) + 1 + cell_len(part) <= width:
                current += " " + part
            else:
                out.append(current)
                current = pad + part
        out.append(current)
    return "\n".join(out)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - cell_len(text))
    return gap + text if right else text + gap


def layout(columns: list[Column], cells: list[list[str]], width: int | None
           ) -> tuple[list[int], list[int]]:
    """(indices of the columns shown, in order; their widths). Each column needs its
    widest cell plus three (padding and a rule); a wrapping column can make do with half
    its width. Spare width goes to the wrapping columns by rank."""
    n = len(columns)
    natural = [cell_len(c.title) for c in columns]
    for row in cells:
        for i, text in enumerate(row):
            k = cell_len(text)
            if k > natural[i]:
                natural[i] = k
    if width is None:
        return list(range(n)), natural
    # a wrapping column can be squeezed to half its natural width (MIN_WRAP at least)
    least = [min(natural[i], max(MIN_WRAP, -(-natural[i] // 2))) if c.wrap else natural[i]
             for i, c in enumerate(columns)]
    used = 1
    given: dict[int, int] = {}
    order = sorted(range(n), key=lambda i: (columns[i].rank, i))
    for i in order:  # by rank, each column at its least width while it fits
        if used + least[i] + 3 <= width or not given:
            given[i] = least[i]
            used += least[i] + 3
    spare = width - used
    for i in order:  # the room left goes to the wrapping columns, by rank
        if i in given and columns[i].wrap and spare > 0:
            grow = min(spare, natural[i] - given[i])
            given[i] += grow
            spare -= grow
    shown = sorted(given)
    widths = [given[i] for i in shown]
    return shown, widths


def _safe(text: str) -> str:
    """A cell as printed: a note's or a spec's text never reaches the terminal raw."""
    return printable(text, newlines=False)


def to_text(report: Report, width: int | None = DEFAULT_WIDTH, style: _Style = PLAIN) -> str:
    """The report as a boxed text table with its sections and footnote, within ``width``
    columns (``None``: as wide as the content)."""
    return "".join(text_lines(report, width, style))


def text_lines(report: Report, width: int | None = DEFAULT_WIDTH,
               style: _Style = PLAIN) -> Iterator[str]:
    """``to_text``, a line (with its newline) at a time."""
    limit = width or 10**9
    if report.title:
        for line in wrap(printable(report.title), limit):
            yield f"{style.bold}{line}{style.reset}".rstrip() + "\n"
    parts: list[Iterable[str]] = []
    if report.columns:
        parts.append(_table(report, width, style))
    parts += [_section(sec, width, style) for sec in report.sections]
    if report.footnote:
        parts.append([f"{style.dim}{line}{style.reset}"
                      for line in wrap(printable(report.footnote), limit)])
    for part in parts:
        for line in part:
            yield line.rstrip() + "\n"


def _table(report: Report, width: int | None, style: _Style) -> Iterator[str]:
    cols = report.columns

    def rows() -> Iterable[list[str]]:
        return ([_safe(c.show(rec.get(c.key))) for c in cols] for rec in report.records)

    # a list of records is shown once; any other collection (a spool) is read twice,
    # for the widths and then for the rows, and never held whole
    cells: Iterable[list[str]] = list(rows()) if isinstance(report.records, list) else rows()
    shown, widths = layout(cols, cells, width)
    if not isinstance(cells, list):
        cells = rows()
    picked = [cols[i] for i in shown]
    rule = [("━" * (w + 2)) for w in widths]
    yield "┏" + "┳".join(rule) + "┓"
    heads = [wrap(c.title, w) if c.wrap else [c.title] for c, w in zip(picked, widths)]
    for k in range(max(len(h) for h in heads)):
        parts = [_pad(h[k] if k < len(h) else "", w, c.numeric)
                 for h, w, c in zip(heads, widths, picked)]
        yield "┃ " + " ┃ ".join(f"{style.bold}{p}{style.reset}" for p in parts) + " ┃"
    yield "┡" + "╇".join(rule) + "┩"
    wraps = any(c.wrap for c in picked)
    for row in cells:
        texts = [row[i] for i in shown]
        if not wraps:
            yield "│ " + " │ ".join(_pad(t, w, c.numeric)
                                    for t, w, c in zip(texts, widths, picked)) + " │"
            continue
        split = [wrap(t, w) if c.wrap else [t] for t, w, c in zip(texts, widths, picked)]
        for k in range(max(len(s) for s in split)):
            yield "│ " + " │ ".join(_pad(s[k] if k < len(s) else "", w, c.numeric)
                                    for s, w, c in zip(split, widths, picked)) + " │"
    yield "└" + "┴".join("─" * (w + 2) for w in widths) + "┘"
    hidden = [c.key for i, c in enumerate(cols) if i not in set(shown)]
    if hidden:
        note = (f"Not shown at {width} columns: {', '.join(hidden)} (--wide shows every "
                "column; --columns picks them).")
        yield from (f"{style.dim}{line}{style.reset}" for line in wrap(note, width or 80))


def _section(sec: Section, width: int | None, style: _Style) -> Iterator[str]:
    """``  label    value    note``: values right-aligned; a note that does not fit wraps
    under itself, or on the lines below when there is little room beside it. The lines
    may be a list or a spool (read twice: for the widths, then for the lines)."""
    if sec.title:
        yield f"{style.bold}{_safe(sec.title)}{style.reset}"
    if not sec.lines:
        return

    def safe() -> Iterator[tuple[str, str, str]]:
        return ((_safe(k), _safe(v), _safe(n)) for k, v, n in sec.lines)

    kw = vw = 0
    for k, v, _ in safe():
        kw, vw = max(kw, cell_len(k)), max(vw, cell_len(v))
    lead = 2 + kw + 4 + vw + 4
    room = (width - lead) if width else 10**9
    for k, v, n in safe():
        head = f"  {style.bold}{_pad(k, kw, False)}{style.reset}    {_pad(v, vw, True)}"
        if not n:
            yield head
        elif room >= 24:
            parts = wrap(n, room)
            yield f"{head}    {style.dim}{parts[0]}{style.reset}"
            yield from (" " * lead + f"{style.dim}{p}{style.reset}" for p in parts[1:])
        elif 2 + kw + 4 + cell_len(v) <= width:
            yield head
            yield from (f"      {style.dim}{p}{style.reset}" for p in wrap(n, width - 6))
        else:  # the value itself is wider than the terminal: it wraps under its label too
            yield f"  {style.bold}{k}{style.reset}"
            yield from (f"      {p}" for p in wrap(v, width - 6))
            yield from (f"      {style.dim}{p}{style.reset}" for p in wrap(n, width - 6))
