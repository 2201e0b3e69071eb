"""`cnnstat check`: verify the worked numbers in study notes (no torch)."""

from __future__ import annotations

from typing import List

import typer

from cnnstat.cli import FormatOpt, app, check_format, fail

_MARK = {"right": "✓ right", "wrong": "✗ wrong", "info": "i info"}


@app.command("check")
def check_cmd(
    files: List[str] = typer.Argument(..., help="Markdown or text notes to check."),
    fmt: str = FormatOpt,
    fix: bool = typer.Option(False, "--fix", help="Rewrite wrong numbers in place (keeps the "
                                                  "original in a new .bak, prints a diff)."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also list the lines skipped, with the reason."),
) -> None:
    """Check the arithmetic, output sizes and model facts in notes; exit 1 if any is wrong."""
    from cnnstat.errors import SpecError
    from cnnstat.notes import fix as fixer
    from cnnstat.notes.check import NoteError, check_text, read_note
    from cnnstat.render import emit

    try:
        check_format(fmt)
        texts = [(f, read_note(f)) for f in files]
        # identities before anything is written: a rename gives the fixed note a new inode
        ids = [fixer.identity(f) for f in files]
    except (SpecError, NoteError) as err:
        fail(err)
    results = []
    diffs = []
    refused = []
    fixed_ids = set()  # one note named twice (n.md ./n.md, a link) is fixed once
    for (name, text), key in zip(texts, ids):
        result = check_text(text)
        results.append((name, result))
        if fix and result.wrong:
            new = fixer.apply(text, result.claims)
            if new != text and key not in fixed_ids:
                fixed_ids.add(key)
                try:
                    done = fixer.write(name, text, new)
                except fixer.Refused as err:
                    refused.append(f"{name}: not fixed: {err}")
                    continue
                typer.echo(f"{name}: fixed {done.path}; the original is kept in "
                           f"{done.backup}", err=True)
                diffs.append((name, fixer.diff(name, text, new)))
    if diffs and fmt != "json":
        for _, d in diffs:
            typer.echo(d.rstrip("\n"))
        typer.echo("")
    emit(report(results, verbose, diffs), fmt)
    for line in refused:
        typer.echo(f"error: {line}", err=True)
    if refused:
        raise typer.Exit(2)
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
                            "claim": _cut(c.text, 60), "claimed": c.claimed or "",
                            "actual": actual, "verdict": _MARK[c.verdict],
                            "detail": _cut(c.detail, 64)})
            claims_json.append({**c.as_json(), "file": name})
        n_skipped += len(result.skipped)
        for s in result.skipped:
            skipped_json.append({**s.as_json(), "file": name})
            where = f"{_short(name)}:{s.line}" if many else f"line {s.line}"
            skip_lines.append((where, _cut(s.text, 70), s.reason))
    columns = ([Column("file", "file")] if many else []) + [
        Column("line", "line", True), Column("kind", "kind"), Column("claim", "claim"),
        Column("claimed", "claimed", True), Column("actual", "actual", True),
        Column("verdict", "verdict"), Column("detail", "how it was checked")]
    total = sum(counts.values())
    summary = [("claims found", str(total), ""), ("right", str(counts["right"]), ""),
               ("wrong", str(counts["wrong"]), "fixed in place (original kept in a .bak)" if diffs else ""),
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
