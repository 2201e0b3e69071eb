"""One scan of a line decides every prefilter (``prefilter.Words``): the same slots as
testing each word of each slot in turn (issue 19, speed).

The reference is plain substring tests. The texts: every line of the fixture notes and
the corpus (raw and masked), and words of the checker's own vocabulary glued together,
where a word starts inside another and runs past its end (the case a scan that takes
the longest word at a place must look for on its own).
"""

from __future__ import annotations

import random

from cnnstat.notes import prefilter
from cnnstat.notes.prefilter import Words, folded
from cnnstat.notes.registry import READERS  # noqa: F401 - registers the readers' slots
from cnnstat.notes.text import iter_lines
from tests.conftest import ROOT

NOTES = sorted(p for folder in (ROOT / "tests" / "fixtures" / "notes", ROOT / "benchmarks" /
                                "corpus") for p in folder.rglob("*.md"))


def _naive(slots: list[tuple[str, ...]], text: str) -> int:
    got = 0
    for k, words in enumerate(slots):
        if any(w in text for w in words):
            got |= 1 << k
    return got


def _texts() -> list[str]:
    out = []
    for note in NOTES:
        for line in iter_lines(note.read_text(encoding="utf-8", errors="replace").splitlines()):
            out += [line.raw, line.masked]
    return out


def test_a_word_that_starts_inside_another_is_found():
    slots = [("param",), ("meter",), ("am",), ("x",), ("image net",)]
    scan = Words(slots).scan
    assert scan("parameters") == 0b111  # "meter" starts inside "param" and runs on
    assert scan("amet") == 0b100
    assert scan("2x2") == 0b1000
    assert scan("image net") == 0b10000
    assert scan("imagenet") == 0
    assert Words(slots).spaced.scan("image net") == 0b10000


def test_the_scan_finds_what_substring_tests_find():
    words = prefilter.words()
    slots = list(prefilter._SLOTS)
    assert len(slots) > 40  # the readers' and the gated patterns' words
    texts = [folded(t) for t in _texts()]
    vocab = sorted({w for s in slots for w in s})
    rng = random.Random(19)
    texts += ["".join(rng.choice(vocab) for _ in range(rng.randint(2, 6))) for _ in range(3000)]
    assert len(texts) > 5000
    bad = [t for t in texts if words.scan(t) != _naive(slots, t)]
    assert bad == []


def test_a_scan_that_misses_words_running_past_is_caught():
    slots = [("param",), ("meter",)]
    words = Words(slots)
    words.across = {m: () for m in words.across}  # never look across a taken word
    assert words.scan("parameters") != _naive(slots, "parameters")


def test_a_pattern_gated_after_a_line_was_scanned_sees_its_words():
    from cnnstat.notes.signs import Gated

    text = "a qqzzword in the line"
    prefilter.LINE.clear()
    prefilter.LINE[text] = prefilter.words().scan(folded(text))  # scanned before the slot
    gated = Gated(("qqzzword",), r"qqzzword")
    assert gated.search(text) is not None


def test_a_stage_of_few_slots_tested_alone_calls_the_readers_a_scan_would():
    """``Stages.tested``: the stages whose readers declare few slots (headings, code, a
    summary's lines) decide each slot by its own words instead of scanning the line; on
    every fixture and corpus line (raw and masked apart) each such stage gets the readers
    the scan gives it. A reference independent of the scan: plain substring tests."""
    from cnnstat.notes.notestate import NoteState
    from cnnstat.notes.pipeline import At, Checker

    stages = Checker(READERS, NoteState).stages
    few = [s for s in stages.few if stages.used[s]]
    assert {"heading", "code"} <= set(few)  # what the test is about holds today
    checked = 0
    for note in NOTES:
        lines = iter_lines(note.read_text(encoding="utf-8", errors="replace").splitlines())
        for line in lines:
            at = At(line, None)
            for stage in few:
                tested = stages.tested((stage,), at.has)
                scanned = stages.mask((line,))
                assert stages.readers(stage, tested) == stages.readers(stage, scanned), \
                    (stage, line.raw)
                checked += 1
    assert checked > 1000
