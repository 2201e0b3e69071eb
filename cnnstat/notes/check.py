"""Check a note: every arithmetic, shape and model-fact claim it makes, line by line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from cnnstat.errors import SpecError
from cnnstat.notes import arith, facts, shapes
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.models import Mention, mentions
from cnnstat.notes.numbers import Refused, scan
from cnnstat.notes.text import Line, read_lines, table_cells

_PSEUDO_HEADING = re.compile(r"^\s*(?P<name>[^\s(:]+(?:[\s-][^\s(:]+)?)\s*(?:\(.*\)|:.*)?\s*$")
_RESET = re.compile(r"^\s*(?:<br\s*/?>|-{3,}|\*{3,}|_{3,})\s*$", re.I)


class Result(NamedTuple):
    claims: list[Claim]
    skipped: list[Skip]

    @property
    def wrong(self) -> list[Claim]:
        return [c for c in self.claims if c.verdict == "wrong"]


MAX_NOTE_BYTES = 100_000_000


class NoteError(ValueError):
    """A file that cannot be read as a note (missing, a directory, not UTF-8 text)."""


def read_note(path: str | Path) -> str:
    from cnnstat.safeio import read_capped

    try:
        data = read_capped(path, MAX_NOTE_BYTES, "note")
    except SpecError as err:
        raise NoteError(str(err)) from None
    if b"\0" in data[:8192]:
        raise NoteError(f"{path}: a binary file, not a note")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise NoteError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None


def _heading_model(masked: str) -> Mention | None:
    found = mentions(masked)
    keys = {(m.family, m.key) for m in found}
    return found[0] if len(keys) == 1 else None


def _pseudo_heading(line: Line) -> Mention | None:
    """A short line that is just a model name: ``AlexNet``, ``VGGNet(…)``, ``LeNet-5: …``."""
    raw = line.raw.strip()
    if not raw or raw[0] in "-*+>|" or re.match(r"\d+[.)]", raw):
        return None
    text = line.masked.strip()
    found = mentions(text)
    if not found or found[0].start != 0 or len(text) > 60:
        return None
    rest = text[found[0].end:].strip()
    if rest and not (rest.startswith("(") and rest.endswith(")")) and not rest.startswith(":"):
        return None
    return found[0]


def check_text(text: str) -> Result:
    lines = read_lines(text)
    claims: list[Claim] = []
    skipped: list[Skip] = []
    heading: Mention | None = None
    scenario: shapes.Scenario | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "skip":
            i += 1
            continue
        if line.kind == "heading":
            heading = _heading_model(line.masked)
            scenario = None
            i += 1
            continue
        if _RESET.match(line.raw):
            heading = None
            i += 1
            continue
        if not line.raw.strip():
            scenario = None
            i += 1
            continue
        if line.kind == "table":
            j = i
            while j < len(lines) and lines[j].kind == "table":
                j += 1
            block = lines[i:j]
            got, skips = facts.table(block, table_cells)
            claims += got
            skipped += skips
            for row in block:
                c, s, _ = _arithmetic(row)
                claims += c
                skipped += s
            i = j
            continue
        pseudo = _pseudo_heading(line)
        if pseudo is not None:
            heading = pseudo
        c, s, used = _arithmetic(line)
        claims += c
        skipped += s
        prev = scenario if scenario is not None and scenario.line == line.number - 1 else None
        sc, ss, scenario = shapes.check_line(line.number, line.raw, line.masked, prev)
        claims += sc
        skipped += ss
        taken = used + [(it.start, it.end) for it in shapes.items(line.masked)]
        try:
            tokens = scan(line.masked)
        except Refused:
            tokens = []
        fc, fs = facts.prose(line.number, line.raw, line.masked, tokens, taken,
                             heading if pseudo is None else None)
        claims += fc
        skipped += fs
        i += 1
    claims.sort(key=lambda c: c.line)
    skipped.sort(key=lambda s: s.line)
    return Result(claims, _dedupe(skipped))


def _arithmetic(line: Line) -> tuple[list[Claim], list[Skip], list[tuple[int, int]]]:
    try:
        tokens = scan(line.masked)
    except Refused as err:
        return [], [Skip(line.number, line.raw.strip()[:80], f"not read: {err}")], []
    claims, skips, used = arith.check_line(line.number, line.raw, tokens)
    # an '=' next to a number that no claim used: a formula with variables or symbols
    for k, tok in enumerate(tokens):
        if tok.kind not in ("EQ", "APPROX") or any(a <= tok.start < b for a, b in used):
            continue
        left = tokens[max(0, k - 4):k]
        right = tokens[k + 1:k + 5]
        if any(t.kind == "NUM" for t in left) and any(t.kind == "NUM" for t in right) and \
                not any(s.line == line.number for s in skips):
            skips.append(Skip(line.number, " ".join(line.raw.split())[:100],
                              "not a numeric equation (variables or symbols)"))
    return claims, skips, used


def _dedupe(skips: list[Skip]) -> list[Skip]:
    seen, out = set(), []
    for s in skips:
        key = (s.line, s.text, s.reason)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def check_file(path: str | Path) -> Result:
    return check_text(read_note(path))
