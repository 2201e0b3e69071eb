"""Every output format a command may ask for: ``emit`` writes a ``Report`` as the text
table, JSON (raw values), CSV (plain numbers, ``1234567``, never ``1,234,567``) or markdown,
a line at a time, so a report of any length is never held whole.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from cnnstat.errors import printable

from cnnstat.render.report import Column, Report, json_text
from cnnstat.render.text import styled, table_width, text_lines


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
        out.writelines(text_lines(report, table_width(out, wide), style=styled(out)))


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
