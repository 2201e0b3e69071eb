"""Output formats shared by every command: a rich table, JSON, CSV and markdown.

A command hands over a ``Report``: a title, named columns, records of raw values, and
key/value sections (totals, published figures). JSON gets the raw values; the other
formats get them formatted by ``human``. Rich is imported only when a table is drawn.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from typing import NamedTuple
from typing import Any, Callable

FORMATS = ("table", "json", "csv", "markdown")


class Column(NamedTuple):
    key: str
    title: str
    numeric: bool = False
    fmt: Callable[[Any], str] | None = None

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
    """Strict JSON: a NaN or infinity (never valid JSON) is written as null."""
    try:
        return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(doc), indent=2, ensure_ascii=False, allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def emit(report: Report, fmt: str, *, out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        doc = report.data if report.data is not None else report.records
        out.write(json_text(doc) + "\n")
    elif fmt == "csv":
        out.write(to_csv(report))
    elif fmt == "markdown":
        out.write(to_markdown(report))
    else:
        to_rich(report, out)


def to_csv(report: Report) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.key for c in report.columns])
    for rec in report.records:
        writer.writerow([_csv_cell(rec.get(c.key)) for c in report.columns])
    return buf.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return "x".join(str(v) for v in value)
    return str(value)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(report: Report) -> str:
    lines = [f"**{report.title}**", ""] if report.title else []
    if report.columns:
        lines.append("| " + " | ".join(c.title for c in report.columns) + " |")
        lines.append("|" + "|".join("---:" if c.numeric else "---" for c in report.columns)
                     + "|")
        for rec in report.records:
            lines.append("| " + " | ".join(_md_escape(c.show(rec.get(c.key)))
                                           for c in report.columns) + " |")
    for sec in report.sections:
        lines += ["", f"| {sec.title} | | |", "|---|---:|---|"]
        lines += [f"| {_md_escape(k)} | {_md_escape(v)} | {_md_escape(n)} |"
                  for k, v, n in sec.lines]
    if report.footnote:
        lines += ["", report.footnote]
    return "\n".join(lines) + "\n"


def console(out=None):
    from rich.console import Console

    out = out or sys.stdout
    is_tty = hasattr(out, "isatty") and out.isatty()
    return Console(file=out, width=None if is_tty else 200, highlight=False,
                   soft_wrap=False)


def to_rich(report: Report, out=None) -> None:
    out = out or sys.stdout
    if hasattr(out, "isatty") and out.isatty():
        _draw(report, console(out))
        return
    con = console(io.StringIO())
    with con.capture() as cap:
        _draw(report, con)
    out.write("\n".join(line.rstrip() for line in cap.get().splitlines()) + "\n")


def _draw(report: Report, con) -> None:
    from rich.table import Table

    if report.columns:
        table = Table(title=report.title or None, title_justify="left", header_style="bold")
        for c in report.columns:
            table.add_column(c.title, justify="right" if c.numeric else "left",
                             no_wrap=c.numeric)
        for rec in report.records:
            table.add_row(*(c.show(rec.get(c.key)) for c in report.columns))
        con.print(table)
    elif report.title:
        con.print(report.title, style="bold")
    for sec in report.sections:
        t = Table(title=sec.title, title_justify="left", show_header=False, box=None,
                  padding=(0, 2))
        t.add_column(style="bold")
        t.add_column(justify="right")
        t.add_column(style="dim")
        for k, v, n in sec.lines:
            t.add_row(k, v, n)
        con.print(t)
    if report.footnote:
        con.print(report.footnote, style="dim")
