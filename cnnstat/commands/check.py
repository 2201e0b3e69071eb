"""`cnnstat check`: verify the worked numbers in study notes (no torch)."""

from __future__ import annotations

from typing import List, Optional

import typer

from cnnstat.cli import ColumnsOpt, FormatOpt, WideOpt, app, check_format, fail

_MARK = {"right": "✓ right", "wrong": "✗ wrong", "info": "i info"}


@app.command("check")
def check_cmd(
    files: List[str] = typer.Argument(..., help="Markdown or text notes to check."),
    fmt: str = FormatOpt,
    fix: bool = typer.Option(False, "--fix", help="Rewrite wrong numbers in place (keeps a "
                                                  ".bak copy, prints a diff)."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also list the lines skipped, with the reason."),
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """Check the arithmetic, output sizes and model facts in notes; exit 1 if any is wrong."""
    from cnnstat.errors import SpecError
    from cnnstat.notes import fix as fixer
    from cnnstat.notes.check import NoteError, check_text, read_note
    from cnnstat.render import emit, pick

    try:
        check_format(fmt)
        texts = [(f, read_note(f)) for f in files]
    except (SpecError, NoteError) as err:
        fail(err)
    results = []
    diffs = []
    for name, text in texts:
        result = check_text(text)
        results.append((name, result))
        if fix and result.wrong:
            new = fixer.apply(text, result.claims)
            if new != text:
                with open(name, "rb") as fh:
                    original = fh.read()
                fixer.write(name, original, new)
                diffs.append((name, fixer.diff(name, text, new)))
    if diffs and fmt != "json":
        for _, d in diffs:
            typer.echo(d.rstrip("\n"))
        typer.echo("")
    try:
        shown = pick(report(results, verbose, diffs), columns)
    except SpecError as err:
        fail(err)
    emit(shown, fmt, wide=wide)
    if any(r.wrong for _, r in results):
        raise typer.Exit(1)


def report(results, verbose: bool, diffs):
    from cnnstat.render import Column, Report, Section, human

    many = len(results) > 1
    records, claims_json, skipped_json = [], [], []
    counts = {"right": 0, "wrong": 0, "info": 0}
    n_skipped = 0
    skip_lines = []
    for name, result in results:
        for c in result.claims:
            counts[c.verdict] += 1
            actual = human(c.actual)
            if c.verdict == "wrong" and c.shown and c.shown not in (actual, str(c.actual)):
                actual += f" ({c.shown})"
            records.append({"file": _short(name), "line": c.line, "kind": c.kind,
                            "claim": c.text, "claimed": c.claimed or "",
                            "actual": actual, "verdict": _MARK[c.verdict],
                            "detail": c.detail})
            claims_json.append({**c.as_json(), "file": name})
        n_skipped += len(result.skipped)
        for s in result.skipped:
            skipped_json.append({**s.as_json(), "file": name})
            where = f"{_short(name)}:{s.line}" if many else f"line {s.line}"
            skip_lines.append((where, _cut(s.text, 70), s.reason))
    # rank: the order columns are kept in on a narrow terminal; claim and detail wrap
    columns = ([Column("file", "file", rank=0)] if many else []) + [
        Column("line", "line", True, rank=0), Column("kind", "kind", rank=5),
        Column("claim", "claim", rank=4, wrap=True),
        Column("claimed", "claimed", True, rank=3), Column("actual", "actual", True, rank=2),
        Column("verdict", "verdict", rank=1),
        Column("detail", "how it was checked", rank=6, wrap=True)]
    total = sum(counts.values())
    summary = [("claims found", str(total), ""), ("right", str(counts["right"]), ""),
               ("wrong", str(counts["wrong"]), "fixed in place (.bak kept)" if diffs else ""),
               ("information", str(counts["info"]), "calculations without a result"),
               ("skipped", str(n_skipped), "" if verbose else "--verbose lists them")]
    sections = [Section("Summary", summary)]
    if verbose and skip_lines:
        sections.append(Section("Skipped (not read with confidence)", skip_lines))
    title = (", ".join(name for name, _ in results) + f": {total} claims, "
             f"{counts['right']} right, {counts['wrong']} wrong")
    doc = {"claims": claims_json,
           "summary": {"claims": total, **counts, "skipped": n_skipped}}
    if verbose:
        doc["skipped"] = skipped_json
    if diffs:
        doc["fixed"] = [{"file": name, "diff": d} for name, d in diffs]
    return Report(title, columns, records, sections,
                  "✓ right within the precision the note wrote; ✗ wrong, with the correct "
                  "value; i information. Output sizes floor; FLOPs = 2 x MACs.", doc)


def _short(name: str) -> str:
    from pathlib import Path

    return Path(name).name


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"
