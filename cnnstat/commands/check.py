"""`cnnstat check`: verify the worked numbers in study notes (no torch)."""

from __future__ import annotations

from typing import List, Optional

import typer

from cnnstat.cli import ColumnsOpt, WideOpt, app, check_format, fail

_MARK = {"right": "✓ right", "wrong": "✗ wrong", "info": "i info"}


FIX_MAX_BYTES = 16 * 2**20  # --fix holds the note's text (and its rewrite) in memory


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
    from cnnstat.notes.source import NoteError
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick

    # Each note is read line by line and its findings kept in line order on disk past a
    # few MB (notes/ordered.py): memory stays flat however big the note. Only --fix holds
    # a note's text, to rewrite it (up to FIX_MAX_BYTES).
    found = []  # (name, InOrder, its lines again: () -> iterator of raw lines)
    diffs = []
    refused = []
    fixed_ids = set()  # one note named twice (n.md ./n.md, a link) is fixed once
    try:
        check_format(fmt, tuple(LINE_FORMATS))
        if fix:
            texts = [(f, *_fix_text(f)) for f in files]
            # identities before anything is written: a rename gives the fixed note a new inode
            ids = [fixer.identity(f) for f in files]
        else:
            found = [(f, _streamed(f), _reread(f)) for f in files]
    except (SpecError, NoteError) as err:
        fail(err)
    if fix:
        for (name, text, enc), key in zip(texts, ids):
            order, wrong = _checked(text)
            found.append((name, order, _lines_of(text)))
            if not wrong:
                continue
            new = fixer.apply(text, wrong)
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
        del texts
    if diffs and fmt not in ("json", *LINE_FORMATS):
        for _, d in diffs:
            typer.echo(d.rstrip("\n"))
        typer.echo("")
    wrong = 0
    if fmt in LINE_FORMATS:
        for name, order, lines in found:
            raw = _Raw(lines)
            for number, claims, skips in order.lines():
                wrong += sum(c.verdict == "wrong" for c in claims)
                for line in LINE_FORMATS[fmt](name, raw, number, claims, skips, verbose):
                    typer.echo(printable(line, newlines=False))  # one line each, no escapes
    else:
        whole = verbose and fmt in ("table", "markdown")  # skipped lines shown whole
        built = report(found, verbose, diffs, plain=fmt == "csv", whole=whole)
        try:
            shown = pick(built, columns)
        except SpecError as err:
            fail(err)
        emit(shown, fmt, wide=wide)
        wrong = built.data["summary"]["wrong"]
    for line in refused:
        typer.echo(f"error: {printable(line)}", err=True)
    if refused:
        raise typer.Exit(2)
    if wrong:
        raise typer.Exit(1)


def _fix_text(path: str):
    """(text, encoding) of a note --fix may rewrite: refused past ``FIX_MAX_BYTES``."""
    import os

    from cnnstat.notes.source import NoteError
    from cnnstat.notes.source import read_note_as

    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        size = 0  # read_note_as names what is wrong with it
    if size > FIX_MAX_BYTES:
        raise NoteError(
            f"{path}: --fix rewrites a note of at most {FIX_MAX_BYTES // 2**20} MiB, and "
            f"this one is {size / 2**20:,.1f} MiB; nothing was written. Check it without "
            "--fix (a note of any size up to 100 MiB is read line by line) and correct the "
            "figures it lists, or split the note and fix each part.")
    return read_note_as(path)


def _streamed(path: str):
    """The findings of the note at ``path``, read line by line, kept in line order."""
    from cnnstat.notes.check import iter_check
    from cnnstat.notes.ordered import InOrder
    from cnnstat.notes.source import iter_note_lines

    order = InOrder()
    for claims, skips in iter_check(iter_note_lines(path)):
        order.add(claims, skips)
    return order


def _checked(text: str):
    """(the findings of ``text`` in line order, its wrong claims in that order)."""
    from cnnstat.notes.check import iter_check
    from cnnstat.notes.ordered import InOrder
    from cnnstat.notes.source import iter_split_lines

    order, wrong = InOrder(), []
    for claims, skips in iter_check(iter_split_lines(text)):
        order.add(claims, skips)
        wrong += [c for c in claims if c.verdict == "wrong"]
    return order, sorted(wrong, key=lambda c: c.line)  # stable: collect's order


def _reread(path: str):
    """The note's lines read again (a skipped line shown whole, a claim's column)."""
    from cnnstat.notes.source import iter_note_lines

    return lambda: iter_note_lines(path)


def _lines_of(text: str):
    from cnnstat.notes.source import iter_split_lines

    return lambda: iter_split_lines(text)


class _Raw:
    """Line ``n`` of a note, asked for in rising order, its lines read once, lazily
    (and only if asked): "" past the end, or if the note cannot be read again."""

    def __init__(self, lines) -> None:
        self.lines, self.it, self.at, self.text = lines, None, 0, ""

    def __call__(self, n: int) -> str:
        from cnnstat.notes.source import NoteError

        if self.it is None:
            self.it = iter(())
            try:
                self.it = iter(self.lines())
            except NoteError:
                pass
        try:
            while self.at < n:
                self.text, self.at = next(self.it), self.at + 1
        except (StopIteration, NoteError):
            self.it, self.at, self.text = iter(()), 10**18, ""
        return self.text if self.at == n else ""


def _column(raw: str, claim) -> int:
    """The 1-based column where ``claim`` starts on its line ``raw``: where its text is
    found, else where its first correction goes, else 1."""
    at = raw.find(claim.text) if claim.text else -1
    if at < 0 and claim.edits:
        at = claim.edits[0].start
    return max(at, 0) + 1


def _message(claim) -> str:
    """``3 x 3 x 64 = 577, should be 576``."""
    from cnnstat.render.report import human

    right = claim.shown or human(claim.actual)
    return f"{claim.text}, should be {right}"


def gcc_lines(name: str, raw, line: int, claims, skips, verbose: bool) -> list[str]:
    """``note.md:12:5: error: 3 x 3 x 64 = 577, should be 576`` for each wrong claim of
    ``line``, as compilers print (editors jump to it, grep finds it); with ``verbose``
    also ``note.md:3:1: note: skipped: ...`` for each skipped line. ``raw(line)`` is the
    line's text."""
    out = [f"{name}:{line}:{_column(raw(line), c)}: error: {_message(c)}"
           for c in claims if c.verdict == "wrong"]
    if verbose:
        out += [f"{name}:{line}:1: note: skipped: {s.reason}" for s in skips]
    return out


def _gh(value: str, prop: bool = False) -> str:
    """GitHub workflow-command escaping: % and line breaks always; : and , in properties."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github_lines(name: str, raw, line: int, claims, skips, verbose: bool) -> list[str]:
    """``::error file=note.md,line=12,col=5,title=cnnstat check::...`` for each wrong
    claim of ``line``: GitHub Actions turns these into annotations on the pull request's
    diff; with ``verbose`` skipped lines are ``::notice`` annotations."""
    out = [f"::error file={_gh(name, True)},line={line},col={_column(raw(line), c)},"
           f"title={_gh('cnnstat check', True)}::{_gh(_message(c))}"
           for c in claims if c.verdict == "wrong"]
    if verbose:
        out += [f"::notice file={_gh(name, True)},line={line},"
                f"title={_gh('cnnstat check: skipped', True)}::{_gh(s.reason)}"
                for s in skips]
    return out


LINE_FORMATS = {"gcc": gcc_lines, "github": github_lines}
LONGEST_SHOWN = 2000  # characters of a skipped line --verbose shows (the checker's limit)


def report(found, verbose: bool, diffs, plain: bool = False, whole: bool = False):
    """The report of every note's claims: ``found`` is (name, ``InOrder``, the note's
    lines again) for each note, read once here; the rows are kept in spools (memory stays
    flat however many). ``plain`` (CSV): numbers as plain integers and verdicts as words,
    for spreadsheets; the table keeps separators and marks. ``whole``: the skipped lines
    are read again and shown whole, as the note has them."""
    from cnnstat.render.report import Column, Report, Section, human
    from cnnstat.files.spool import Mapped, Spool

    many = len(found) > 1
    claims, why, skipped = Spool(), Spool(), Spool()
    counts = {"right": 0, "wrong": 0, "info": 0}
    for name, order, lines in found:
        raw = _Raw(lines)
        for number, line_claims, line_skips in order.lines():
            for c in line_claims:
                counts[c.verdict] += 1
                claims.append((name, c))
                if c.verdict == "wrong" and c.detail:
                    where = f"{_short(name)}:{c.line}" if many else f"line {c.line}"
                    why.append((where, human(c.actual), c.detail))
            for s in line_skips:
                # the whole line (never cut), then why: the note wraps, the value would not
                shown = ((raw(s.line) if whole else "") or s.text).strip()
                skipped.append((name, s, shown))
    records = Mapped(claims, _plain_record if plain else _record)
    claims_json = Mapped(claims, lambda item: {**item[1].as_json(), "file": item[0]})
    skip_lines = Mapped(skipped, lambda item: _skip_line(*item, many))
    # rank: the order columns are kept in on a narrow terminal; claim and detail wrap
    columns = ([Column("file", "file", rank=0)] if many else []) + [
        Column("line", "line", True, rank=0), Column("kind", "kind", rank=5),
        Column("claim", "claim", rank=4, wrap=True),
        Column("claimed", "claimed", True, rank=3), Column("actual", "actual", True, rank=2),
        Column("verdict", "verdict", rank=1),
        Column("detail", "how it was checked", rank=6, wrap=True)]
    total = sum(counts.values())
    n_skipped = len(skipped)
    summary = [("claims found", str(total), ""), ("right", str(counts["right"]), ""),
               ("wrong", str(counts["wrong"]), "fixed in place (original kept in a .bak)" if diffs else ""),
               ("information", str(counts["info"]), "calculations without a result"),
               ("skipped", str(n_skipped), "" if verbose else "--verbose lists them")]
    sections = [Section("Summary", summary)]
    if why and not plain:  # the derivation stays visible when the table drops its column
        sections.append(Section("Wrong, with the correct value and how it was found", why))
    if verbose and skipped:
        sections.append(Section("Skipped (not read with confidence)", skip_lines))
    title = (", ".join(name for name, _, _ in found) + f": {total} claims, "
             f"{counts['right']} right, {counts['wrong']} wrong")
    doc = {"claims": claims_json,
           "summary": {"claims": total, **counts, "skipped": n_skipped}}
    if verbose:
        doc["skipped"] = Mapped(skipped, lambda item: {**item[1].as_json(), "file": item[0]})
    if diffs:
        doc["fixed"] = [{"file": name, "diff": d} for name, d in diffs]
    return Report(title, columns, records, sections,
                  "✓ right within the precision the note wrote; ✗ wrong, with the correct "
                  "value; i information. Output sizes floor; FLOPs = 2 x MACs.", doc)


def _record(item) -> dict:
    """A claim's row of the table (and markdown): figures and marks as people read them."""
    from cnnstat.render.report import human

    name, c = item
    actual = human(c.actual)
    if c.verdict == "wrong" and c.shown and c.shown not in (actual, str(c.actual)):
        actual += f" ({c.shown})"
    return {"file": _short(name), "line": c.line, "kind": c.kind, "claim": c.text,
            "claimed": c.claimed or "", "actual": actual, "verdict": _MARK[c.verdict],
            "detail": c.detail}


def _plain_record(item) -> dict:
    """A claim's CSV row: plain numbers and words."""
    name, c = item
    return {"file": name, "line": c.line, "kind": c.kind, "claim": c.text,
            "claimed": _ungroup(c.claimed or ""), "actual": _plain(c.actual),
            "verdict": c.verdict, "detail": _ungroup(c.detail)}


def _skip_line(name: str, s, shown: str, many: bool) -> tuple[str, str, str]:
    """A skipped line in --verbose's section: where, and the line then why."""
    where = f"{_short(name)}:{s.line}" if many else f"line {s.line}"
    if len(shown) > LONGEST_SHOWN:  # a hostile line: say how much is left out
        shown = f"{shown[:LONGEST_SHOWN]} [{len(shown) - LONGEST_SHOWN:,} more characters]"
    return (where, "", f"“{shown}”: {s.reason}")


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
