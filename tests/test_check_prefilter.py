"""The checker's prefilters hide nothing (issue 19, speed).

Two cheap tests stand before the costly work on a line: a reader's ``needs`` in
``registry.READERS`` (the words, or a pattern, a line must hold for the reader to be called)
and a ``signs.Gated`` pattern (searched only in a text that holds one of its words). Both
are only sound if what they declare is *necessary*: a reader must find nothing on a line
its ``needs`` turn away, nor learn anything there that a later line would use; every match
of a gated pattern must contain one of its words.

So every note under tests/fixtures/notes and benchmarks/corpus is checked with the
prefilters and without them, and the claims and skips must be the same, item for item;
and every line of those notes (raw and masked) that a gated pattern matches must hold one
of its words. Each comparison is also run once with a prefilter made wrong on purpose,
to show it fails then.
"""

from __future__ import annotations

import re

import pytest

from cnnstat.notes import check, pipeline, signs
from cnnstat.notes.text import iter_lines
from tests.conftest import ROOT

NOTES = sorted(p for folder in (ROOT / "tests" / "fixtures" / "notes", ROOT / "benchmarks" /
                                "corpus") for p in folder.rglob("*.md"))


def _findings(text: str, prefilters: bool, monkeypatch) -> check.Result:
    with monkeypatch.context() as m:
        m.setattr(pipeline, "PREFILTERS", prefilters)
        return check.check_text(text)


def _differences(monkeypatch) -> list[str]:
    """The notes whose claims or skips differ with the prefilters and without."""
    out = []
    for note in NOTES:
        text = note.read_text(encoding="utf-8", errors="replace")
        with_, without = (_findings(text, on, monkeypatch) for on in (True, False))
        if with_.claims != without.claims or with_.skipped != without.skipped:
            out.append(note.name)
    return out


def _lines():
    for note in NOTES:
        text = note.read_text(encoding="utf-8", errors="replace")
        for line in iter_lines(text.splitlines()):
            yield note.name, line.number, line.raw
            if line.masked != line.raw:
                yield note.name, line.number, line.masked


def _unsound(gated: list[signs.Gated]) -> list[str]:
    """Lines a gated pattern matches that hold none of its words."""
    out = []
    for name, number, text in _lines():
        for g in gated:
            if g.rx.search(text) and not g.open(text):
                out.append(f"{name}:{number}: {g.pattern[:40]!r}")
    return out


def test_there_are_notes_to_compare():
    assert len(NOTES) >= 40


def test_readers_declare_needs():
    """The mechanism is used: many readers declare a prefilter, each words, a pattern, or
    a gated pattern (its words, then its pattern: its words checked with the others')."""
    declared = [r for r in check.READERS if r.needs is not None]
    assert len(declared) >= 10
    for r in declared:
        assert isinstance(r.needs, (tuple, str, signs.Gated)), r.name
    assert any(isinstance(r.needs, signs.Gated) for r in declared)


def test_prefilters_hide_no_finding(monkeypatch):
    assert _differences(monkeypatch) == []


def test_a_wrong_prefilter_is_caught(monkeypatch):
    """The comparison can fail: the arithmetic reader made to need a word no note holds
    loses its claims on the notes that have any."""
    wrong = [r._replace(needs=("\x00no such word",)) if r.name == "arithmetic" else r
             for r in check.READERS]
    monkeypatch.setattr(check, "READERS", wrong)
    assert len(_differences(monkeypatch)) >= 10


def test_gated_patterns_are_sound():
    assert len(signs.GATED) >= 10
    assert _unsound(signs.GATED) == []


def test_an_unsound_gate_is_caught():
    """A gate whose words miss a match of its pattern is reported: '=' is in most lines
    with arithmetic, the word 'nothing-here' in none."""
    wrong = signs.Gated(("nothing-here",), r"=")
    try:
        assert _unsound([wrong])
    finally:
        signs.GATED.remove(wrong)


@pytest.mark.parametrize("text", ["Param", "PARAMETERS", "ſtride", "\u212aernel", "strıde",
                                  "str\u0130de"])
def test_words_are_matched_case_folded(text):
    """A case-insensitive pattern matches any case; its words are matched case-folded
    (the long s folds to s and the Kelvin sign to k, as re.I matches them; the dotless ı
    is taken for i, as re.I takes it, and so is the dotted İ, which case-folding writes as
    i and a combining dot)."""
    g = signs.Gated(("param", "stride", "kernel"), r"param|stride|kernel", re.I)
    try:
        assert bool(g.search(text)) == bool(g.rx.search(text)) is True
    finally:
        signs.GATED.remove(g)
