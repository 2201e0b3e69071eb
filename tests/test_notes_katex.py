"""``katex.unglue``: KaTeX pasted with its own source keeps one copy, at the same positions.

The pairs are written for this repository; each expected line is the input with the
blanked copy replaced by as many spaces (worked out by counting characters)."""

import time

import pytest

from cnnstat.notes.reading.katex import unglue
from cnnstat.notes.text import mask


@pytest.mark.parametrize("line, kept", [
    # a product: the rendering reads as the source does, so the rendering is kept
    ("maps of 14×14×814\\times14\\times8 each", "maps of 14×14×8" + " " * 17 + " each"),
    # a sum with spaces in the source; the result glued to the source's first digit
    ("so 2×3+4=102\\times3 + 4 = 10 here", "so 2×3+4=10" + " " * 17 + " here"),
    # a fraction renders as its digits run together: the source is kept
    ("out 302+1=16\\frac{30}{2}+1 = 16.", "out " + " " * 8 + "\\frac{30}{2}+1 = 16."),
    # a power renders as a digit: the source is kept
    ("area 72=497^2 = 49 px", "area " + " " * 5 + "7^2 = 49 px"),
    # Korean particles glued after the source
    ("크기는 H×WH \\times W이다", "크기는 H×W" + " " * 10 + "이다"),
    # a source without a command: the ASCII '-' only a source writes
    ("(9−3)/2+1=4(9 - 3)/2 + 1 = 4", "(9−3)/2+1=4" + " " * 17),
])
def test_one_copy_kept(line, kept):
    got = unglue(line)
    assert len(got) == len(line)
    assert got == kept


@pytest.mark.parametrize("line", [
    "a 3×3 conv, written 3\\times3 in the source",  # two copies, apart: no pair
    "$3\\times3\\times64$ filters",  # a source alone
    "3×3 then 5×5",  # a rendering alone
    "4×44\\times5",  # the copies differ: not a pair
    "x_1 = 2, x_2 = 3",  # indices, no rendering before them
])
def test_left_alone(line):
    assert unglue(line) == line


def test_mask_applies_it():
    line = "- the 6×66\\times6 grid"
    assert mask(line) == "  the 6×6" + " " * 8 + " grid"


def test_linear_on_hostile_lines():
    # many marks, each with many equal characters before it: bounded tries per mark
    lines = ["×" * 900 + "\\times" * 150, ("1×1" * 300) + ("1\\times1" * 100),
             "-" * 1000 + "−" * 1000, ("2×2=4" * 200) + "2\\times2=4"]
    start = time.perf_counter()
    for line in lines:
        assert len(unglue(line)) == len(line)
    assert time.perf_counter() - start < 2.0


def test_fix_corrects_both_copies(tmp_path):
    from cnnstat.notes.check import check_file
    from cnnstat.notes.fix import apply

    # 2*3 + 1 = 7, not 8: the rendering and its source both say 8
    text = "Weights: 2×3+1=82\\times3 + 1 = 8 in all.\n"
    note = tmp_path / "note.md"
    note.write_text(text, encoding="utf-8")
    claims = check_file(note).claims
    assert [(c.line, c.verdict) for c in claims] == [(1, "wrong")]
    assert apply(text, claims) == "Weights: 2×3+1=72\\times3 + 1 = 7 in all.\n"
