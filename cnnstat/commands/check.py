"""`cnnstat check`: verify the worked numbers in study notes (no torch)."""

from __future__ import annotations

from typing import List, Optional

import typer

from cnnstat.cli import ColumnsOpt, WideOpt, app, check_format, fail

_MARK = {"right": "✓ right", "wrong": "✗ wrong", "info": "i info"}


@app.command("check")
def check_cmd(
    files: List[str] = typer.Argument(..., help="Markdown or text notes to check."),
    fmt: str = typer.Option("table", "--format", "-f",
                            help="Output format: table, json, csv, markdown, gcc "
                                 "(file:line:col: error: ..., for editors and grep) or "
                                 "github (::error annotations for pull requests)."),
    fix: bool = typer.Option(False, "--fix", help="Rewrite wrong numbers in place (keeps the "
                                                  "original in a new .bak, prints a diff)."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also list the lines skipped, with the reason."),
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """Check the arithmetic, output sizes and model facts in notes; exit 1 if any is wrong."""
    from cnnstat.errors import SpecError, printable
    from cnnstat.notes import fix as fixer
    from cnnstat.notes.check import NoteError, check_text
    from cnnstat.notes.source import read_note_as
    from cnnstat.render import emit, pick

    try:
        check_format(fmt, tuple(LINE_FORMATS))
        read = [(f, *read_note_as(f)) for f in files]
        texts = [(f, text) for f, text, _ in read]
        encodings = [enc for _, _, enc in read]
        # identities before anything is written: a rename gives the fixed note a new inode
        ids = [fixer.identity(f) for f in files]
    except (SpecError, NoteError) as err:
        fail(err)
    results = []
    diffs = []
    refused = []
    fixed_ids = set()  # one note named twice (n.md ./n.md, a link) is fixed once
    for (name, text), key, enc in zip(texts, ids, encodings):
        result = check_text(text)
        results.append((name, result))
        if fix and result.wrong:
            new = fixer.apply(text, result.claims)
            if new != text and key not in fixed_ids:
                fixed_ids.add(key)
                try:
                    done = fixer.write(name, text, new, enc)
                except fixer.Refused as err:
                    refused.append(f"{name}: not fixed: {err}")
                    continue
                typer.echo(printable(f"{name}: fixed {done.path}; the original is kept "
                                     f"in {done.backup}"), err=True)
                diffs.append((name, fixer.diff(name, text, new)))
    if diffs and fmt not in ("json", *LINE_FORMATS):
        for _, d in diffs:
            typer.echo(d.rstrip("\n"))
        typer.echo("")
    if fmt in LINE_FORMATS:
        notes = dict(texts)
        for name, result in results:
            for line in LINE_FORMATS[fmt](name, notes[name], result, verbose):
                typer.echo(printable(line, newlines=False))  # one line each, no escapes
    else:
        try:
            shown = pick(report(results, verbose, diffs, plain=fmt == "csv",
                                notes=dict(texts)), columns)
        except SpecError as err:
            fail(err)
        emit(shown, fmt, wide=wide)
    for line in refused:
        typer.echo(f"error: {printable(line)}", err=True)
    if refused:
        raise typer.Exit(2)
    if any(r.wrong for _, r in results):
        raise typer.Exit(1)


def _column(raw_lines: list[str], claim) -> int:
    """The 1-based column where ``claim`` starts on its line: where its text is found,
    else where its first correction goes, else 1."""
    raw = raw_lines[claim.line - 1] if 0 < claim.line <= len(raw_lines) else ""
    at = raw.find(claim.text) if claim.text else -1
    if at < 0 and claim.edits:
        at = claim.edits[0].start
    return max(at, 0) + 1


def _message(claim) -> str:
    """``3 x 3 x 64 = 577, should be 576``."""
    from cnnstat.render import human

    right = claim.shown or human(claim.actual)
    return f"{claim.text}, should be {right}"


def gcc_lines(name: str, text: str, result, verbose: bool) -> list[str]:
    """``note.md:12:5: error: 3 x 3 x 64 = 577, should be 576`` for each wrong claim, as
    compilers print (editors jump to it, grep finds it); with ``verbose`` also
    ``note.md:3:1: note: skipped: ...`` for each skipped line."""
    raw = text.splitlines()
    out = [(c.line, f"{name}:{c.line}:{_column(raw, c)}: error: {_message(c)}")
           for c in result.claims if c.verdict == "wrong"]
    if verbose:
        out += [(s.line, f"{name}:{s.line}:1: note: skipped: {s.reason}")
                for s in result.skipped]
    return [line for _, line in sorted(out, key=lambda item: item[0])]


def _gh(value: str, prop: bool = False) -> str:
    """GitHub workflow-command escaping: % and line breaks always; : and , in properties."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github_lines(name: str, text: str, result, verbose: bool) -> list[str]:
    """``::error file=note.md,line=12,col=5,title=cnnstat check::...`` for each wrong
    claim: GitHub Actions turns these into annotations on the pull request's diff; with
    ``verbose`` skipped lines are ``::notice`` annotations."""
    raw = text.splitlines()
    out = [(c.line, f"::error file={_gh(name, True)},line={c.line},col={_column(raw, c)},"
                    f"title={_gh('cnnstat check', True)}::{_gh(_message(c))}")
           for c in result.claims if c.verdict == "wrong"]
    if verbose:
        out += [(s.line, f"::notice file={_gh(name, True)},line={s.line},"
                         f"title={_gh('cnnstat check: skipped', True)}::{_gh(s.reason)}")
                for s in result.skipped]
    return [line for _, line in sorted(out, key=lambda item: item[0])]


LINE_FORMATS = {"gcc": gcc_lines, "github": github_lines}
LONGEST_SHOWN = 2000  # characters of a skipped line --verbose shows (the checker's limit)


def report(results, verbose: bool, diffs, plain: bool = False, notes=None):
    """The report of every note's claims. ``plain`` (CSV): numbers as plain integers and
    verdicts as words, for spreadsheets; the table keeps separators and marks. ``notes``
    (name -> text) gives the skipped lines whole, as the note has them."""
    from cnnstat.render import Column, Report, Section, human

    many = len(results) > 1
    records, claims_json, skipped_json = [], [], []
    counts = {"right": 0, "wrong": 0, "info": 0}
    n_skipped = 0
    skip_lines = []
    for name, result in results:
        for c in result.claims:
            counts[c.verdict] += 1
            if plain:
                records.append({"file": name, "line": c.line, "kind": c.kind,
                                "claim": c.text, "claimed": _ungroup(c.claimed or ""),
                                "actual": _plain(c.actual), "verdict": c.verdict,
                                "detail": _ungroup(c.detail)})
                claims_json.append({**c.as_json(), "file": name})
                continue
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
            # the whole line (never cut), then why: the note wraps, the value would not
            whole = (_line_of((notes or {}).get(name), s.line) or s.text).strip()
            if len(whole) > LONGEST_SHOWN:  # a hostile line: say how much is left out
                whole = f"{whole[:LONGEST_SHOWN]} [{len(whole) - LONGEST_SHOWN:,} more characters]"
            skip_lines.append((where, "", f"“{whole}”: {s.reason}"))
    # rank: the order columns are kept in on a narrow terminal; claim and detail wrap
    columns = ([Column("file", "file", rank=0)] if many else []) + [
        Column("line", "line", True, rank=0), Column("kind", "kind", rank=5),
        Column("claim", "claim", rank=4, wrap=True),
        Column("claimed", "claimed", True, rank=3), Column("actual", "actual", True, rank=2),
        Column("verdict", "verdict", rank=1),
        Column("detail", "how it was checked", rank=6, wrap=True)]
    total = sum(counts.values())
    summary = [("claims found", str(total), ""), ("right", str(counts["right"]), ""),
               ("wrong", str(counts["wrong"]), "fixed in place (original kept in a .bak)" if diffs else ""),
               ("information", str(counts["info"]), "calculations without a result"),
               ("skipped", str(n_skipped), "" if verbose else "--verbose lists them")]
    sections = [Section("Summary", summary)]
    why = [(f"{_short(name)}:{c.line}" if many else f"line {c.line}", human(c.actual), c.detail)
           for name, result in results for c in result.claims
           if c.verdict == "wrong" and c.detail]
    if why and not plain:  # the derivation stays visible when the table drops its column
        sections.append(Section("Wrong, with the correct value and how it was found", why))
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


def _line_of(text: str | None, line: int) -> str:
    """Line ``line`` (1-based) of ``text``, or "" when there is no such line."""
    lines = text.splitlines() if text else []
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _plain(value) -> str:
    """A value for a spreadsheet: 138357544, 3.11, 55x55x96 (no separators, no marks)."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _ungroup(text: str) -> str:
    """294,912 -> 294912 (thousands separators out; 2,4 M and 1,2 lists stay)."""
    import re

    return re.sub(r"(?<![\d,])(\d{1,3})((?:,\d{3})+)(?!\d)(?!,\d)",
                  lambda m: m.group(1) + m.group(2).replace(",", ""), text)


def _short(name: str) -> str:
    from pathlib import Path

    return Path(name).name
