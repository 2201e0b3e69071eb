"""Output formats shared by every command: a text table, JSON, CSV and markdown.

A command hands over a ``Report``: a title, named columns, records of raw values, and
key/value sections (totals, published figures). JSON gets the raw values; CSV gets plain
numbers (``1234567``, never ``1,234,567``) and the table's own text for shapes and
fields; the table and markdown get them formatted by ``human``.

The table fits the width it is given (``table_width``: the terminal, else ``COLUMNS``,
else 80 columns). Columns are chosen by rank, the essential ones first; a column that does
not fit is left out whole and the table says which, so no cell is ever cut. Text columns
marked ``wrap`` wrap onto several lines instead. ``--wide`` lifts the limit and
``--columns`` picks columns by name. The table is drawn here, in linear time, not by rich:
a 4,208-row table prints in a fraction of a second.
"""

from __future__ import annotations

import math
import os
import sys
from fractions import Fraction
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from cnnstat.errors import printable

# csv, json and unicodedata are imported where they are used: a table of ASCII text, what
# most commands print, needs none of them (start-up, benchmarks/startup.py)

FORMATS = ("table", "json", "csv", "markdown")
DEFAULT_WIDTH = 80
MIN_WRAP = 12  # the narrowest a wrapping column is squeezed to
BREAK_AFTER = "·/,-_.)|"  # where a word too long for its line is best broken


class Column(NamedTuple):
    key: str
    title: str
    numeric: bool = False
    fmt: Callable[[Any], str] | None = None
    rank: int = 0  # lower ranks are kept first when the width is short; ties keep order
    wrap: bool = False  # long text that may wrap onto several lines
    plain: Callable[[Any], str] | None = None  # the CSV cell, when ``fmt`` groups digits

    def show(self, value: Any) -> str:
        if self.fmt is not None:
            return self.fmt(value)
        return human(value)


class Section(NamedTuple):
    """Key/value lines under a table: (label, shown value, note)."""

    title: str
    lines: list[tuple[str, str, str]]


class Report(NamedTuple):
    title: str
    columns: list[Column]
    records: list[dict[str, Any]]
    sections: list[Section] = []  # never mutated
    footnote: str = ""
    data: Any = None  # the JSON document; defaults to the records


def human(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}"
    if isinstance(value, (tuple, list)):
        return "x".join(str(v) for v in value)
    return str(value)


def si(value: float, unit: str = "") -> str:
    """15470264320 -> '15.47 G'; exact integers are printed beside, never instead."""
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= scale:
            return f"{value / scale:.2f} {prefix}{unit}"
    return f"{value:g} {unit}".rstrip()


def mib(n: int) -> str:
    return f"{n / 2**20:,.2f} MiB"


def json_text(doc: Any) -> str:
    """Strict JSON: a NaN or infinity (never valid JSON) is written as null; an exact
    fraction (a receptive field after upsampling) as a float."""
    import json

    try:
        return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False, default=_plain)
    except ValueError:
        return json.dumps(_finite(doc), indent=2, ensure_ascii=False, allow_nan=False,
                          default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, Fraction):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def fmt_rf(rf: tuple, grouped: bool = True) -> str:
    """A receptive field (or jump) for tables: ``11``, ``11x7``, ``5,589`` (thousands
    separators, as every count in a table has them; none with ``grouped=False``, for
    CSV); after upsampling a fraction of an input pixel, shown to 4 significant digits
    (``14.5``)."""
    g = "," if grouped else ""
    h, w = (f"{float(v):.4g}" if isinstance(v, Fraction) else f"{v:{g}}" for v in rf)
    return h if rf[0] == rf[1] else f"{h}x{w}"


def rf_plain(rf: tuple) -> str:
    """``fmt_rf`` for a CSV cell: ``5589``."""
    return fmt_rf(rf, grouped=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


# --------------------------------------------------------------------------- choosing

def pick(report: Report, names: str | None) -> Report:
    """The report with only the columns named in ``names`` (``"name,output,params"``: keys
    or titles, any case), in that order; ``None`` leaves it as it is."""
    if not names:
        return report
    from cnnstat.errors import SpecError

    by_name: dict[str, Column] = {}
    for c in report.columns:
        by_name.setdefault(c.key.lower(), c)
        by_name.setdefault(c.title.lower(), c)
    chosen: list[Column] = []
    for name in (n.strip().lower() for n in names.split(",")):
        if not name:
            continue
        if name not in by_name:
            raise SpecError(f"--columns: no column {name!r} here; the columns are "
                            + ", ".join(c.key for c in report.columns))
        if by_name[name] not in chosen:
            chosen.append(by_name[name])
    if not chosen:
        raise SpecError("--columns needs at least one column name, e.g. --columns "
                        + ",".join(c.key for c in report.columns[:3]))
    # the user asked for exactly these: every one is shown, in the order given
    chosen = [c._replace(rank=i) for i, c in enumerate(chosen)]
    return report._replace(columns=chosen)


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


def emit(report: Report, fmt: str, *, out=None, wide: bool = False) -> None:
    """Write ``report`` to ``out`` a line at a time: its records and a section's lines may
    be any collection read again on each iteration (``cnnstat.files.spool.Spool``), so a report
    of any length is never held whole, in rows or in text."""
    out = out or sys.stdout
    if fmt == "json":
        doc = report.data if report.data is not None else report.records
        write_json(doc, out)
    elif fmt == "csv":
        write_csv(report, out)
    elif fmt == "markdown":
        out.writelines(markdown_lines(report))
    else:
        out.writelines(text_lines(report, table_width(out, wide), style=_styled(out)))


def write_json(doc: Any, out) -> None:
    """``json_text(doc)`` and a newline, written a value at a time: a top-level value that
    is not a list, tuple or dict (a spool of records) is written as a list, an item at a
    time."""
    lazy = isinstance(doc, dict) and any(not isinstance(v, _EAGER) for v in doc.values())
    if not lazy:
        out.write(json_text(doc) + "\n")
        return
    import json

    out.write("{")
    for i, (key, value) in enumerate(doc.items()):
        out.write(("," if i else "") + "\n  " + json.dumps(key, ensure_ascii=False) + ": ")
        if isinstance(value, _EAGER):
            out.write(json_text(value).replace("\n", "\n  "))
            continue
        first = True
        for item in value:
            out.write(("[" if first else ",") + "\n    " +
                      json_text(item).replace("\n", "\n    "))
            first = False
        out.write("[]" if first else "\n  ]")
    out.write("\n}\n")


_EAGER = (list, tuple, dict, str, int, float, bool, type(None))


# --------------------------------------------------------------------------- CSV, markdown

def to_csv(report: Report) -> str:
    import io

    buf = io.StringIO()
    write_csv(report, buf)
    return buf.getvalue()


def write_csv(report: Report, out) -> None:
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in report.columns])
    for rec in report.records:
        writer.writerow([csv_cell(c, rec.get(c.key)) for c in report.columns])


def csv_cell(column: Column, value: Any) -> str:
    """A spreadsheet cell: numbers plain (``1234567``, ``0.25``), nothing as an empty
    cell, everything else (shapes, RF, text) as the table shows it."""
    if value is None:
        return ""
    if column.plain is not None:
        return column.plain(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return printable(column.show(value), newlines=False)


def _md_escape(text: str) -> str:
    return printable(text, newlines=False).replace("|", "\\|")


def to_markdown(report: Report) -> str:
    return "".join(markdown_lines(report))


def markdown_lines(report: Report) -> Iterator[str]:
    """The markdown report, a line (with its newline) at a time."""
    if not (report.title or report.columns or report.sections or report.footnote):
        yield "\n"
    if report.title:
        yield f"**{_md_escape(report.title)}**\n"
        yield "\n"
    if report.columns:
        yield "| " + " | ".join(c.title for c in report.columns) + " |\n"
        yield "|" + "|".join("---:" if c.numeric else "---" for c in report.columns) + "|\n"
        for rec in report.records:
            yield "| " + " | ".join(_md_escape(c.show(rec.get(c.key)))
                                    for c in report.columns) + " |\n"
    for sec in report.sections:
        yield from ("\n", f"| {sec.title} | | |\n", "|---|---:|---|\n")
        for k, v, n in sec.lines:
            yield f"| {_md_escape(k)} | {_md_escape(v)} | {_md_escape(n)} |\n"
    if report.footnote:
        yield "\n"
        yield report.footnote + "\n"


# --------------------------------------------------------------------------- text

class _Style(NamedTuple):
    bold: str = ""
    dim: str = ""
    reset: str = ""


PLAIN = _Style()
ANSI = _Style("\x1b[1m", "\x1b[2m", "\x1b[0m")


def _styled(out) -> _Style:
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
        else:
            yield head
            yield from (f"      {style.dim}{p}{style.reset}" for p in wrap(n, width - 6))
