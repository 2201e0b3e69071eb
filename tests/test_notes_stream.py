"""The checker streams: a note read in chunks line by line gives the findings of the
whole text, and what the checker keeps between lines stays bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnnstat.notes import memo
from cnnstat.notes.check import check_text, collect, iter_check
from cnnstat.notes.notestate import NoteState
from cnnstat.notes.registry import READERS
from cnnstat.notes.pipeline import WINDOW, Checker
from cnnstat.notes.source import iter_note_lines, iter_split_lines, split_lines
from cnnstat.notes.text import iter_lines

ROOT = Path(__file__).resolve().parent.parent
NOTES = sorted((ROOT / "tests" / "fixtures" / "notes").rglob("*.md"))


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb\rc\n\n", "\n", "x\n\ny", "\r\n\r\n"])
def test_lines_one_at_a_time_are_the_lines(text):
    assert list(iter_split_lines(text)) == split_lines(text)


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.name)
def test_a_note_read_in_small_chunks_gives_the_whole_texts_findings(path):
    whole = check_text(path.read_text(encoding="utf-8"))
    streamed = collect(iter_check(iter_note_lines(path, chunk=7)))
    assert streamed == whole


def test_what_is_kept_between_lines_is_bounded():
    # 3,000 distinct worked lines, none repeated: the memo and the window stay capped
    checker = Checker(READERS, NoteState)
    raw = (f"- conv{k}: 3 x 3 x {k} = {9 * k + (k % 7 == 0)} weights" for k in range(1, 3001))
    wrong = 0
    for line in iter_lines(raw):
        claims, _ = checker.feed(line)
        wrong += sum(c.verdict == "wrong" for c in claims)
        assert len(checker.pending) <= WINDOW + 1
        assert len(checker.state.memo._seen) <= memo.KEPT
    claims, _ = checker.finish()
    wrong += sum(c.verdict == "wrong" for c in claims)
    assert wrong == 3000 // 7  # every seventh line adds one: 9k + 1 is not 9k
