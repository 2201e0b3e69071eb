"""`cnnstat check` on forms that drew false alarms from correct Korean notes written at
first contact (issue 19, helper jg): each fixture holds right lines in the form and a
wrong line beside them, so a fix that silences the reader shows. The correct passages
themselves are in ``hostile_correct/jg-*.md``.

- a tilde between two calculations of one form is a range's bounds (``1/8 ~ 1/9``,
  ``3x3 ~ 5x5``), not an approximate result; ``2 x 3 ~ 7`` still is one;
- a result in scientific notation written as a product (``≈ 4.6 × 10^8``) is one figure,
  precise to its mantissa's digits;
- a product stated approximately with one bias per output added (``512 × 1,000 ≈ 51만
  3천``) is a parameter count, unsure, unless the line calls it the weights (with '=' it
  is the product as written, a slip);
- a statement listed as an option under a question that asks which is wrong or right
  (``다음 중 옳지 않은 것은?``, ``Which of the following is NOT true?``) is a candidate:
  a wrong figure on it is unsure, up to the answer;
- a rule under a heading that names a transposed (or separable) conv is that layer's, not
  a standard conv's; a figure whose own sentence names no network, on a line naming one
  in another sentence and under no network's heading, is unsure;
- a line of dots in a pasted summary (``...``) leaves rows out: the next row reads no row
  above it, and the totals are no longer the rows' sum;
- a layer table whose row names skip (``conv2_2 | pool2 | conv3_3``) or hold a row of dots
  has rows left out: the chain ends there.

Expected values are plain arithmetic, written beside each line.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/jg_forms"

EXPECTED = {
    "01_tilde_ranges.md": [
        (4, "arithmetic", "right"),  # 3 * 3 * 64 = 576; "3x3 ~ 5x5" is a range
        (7, "arithmetic", "wrong"),  # 2 * 3 = 6, not about 7 (a bare bound after ~)
    ],
    "02_scientific_results.md": [
        (3, "arithmetic", "right"),  # 2,359,296 * 196 = 462,422,016 ≈ 4.6e8
        (4, "arithmetic", "right"),  # 462,422,016 ≈ 4.62e8
        (5, "arithmetic", "right"),  # 2 * 7.7e9 = 1.54e10 ≈ 1.5e10
        (6, "arithmetic", "right"),  # 9,408 * 12,544 = 118,013,952 ≈ 1.2e8
        (7, "arithmetic", "wrong"),  # 4,608 * 196 = 903,168 = 9.0e5, not 9.8e5
        (8, "arithmetic", "right"),  # 15,470,264,320 ≈ 15.5e9, the figure rewritten
        (9, "arithmetic", "wrong"),  # 15.47e9, not 16.5e9
        (10, "arithmetic", "right"),  # 462,422,016 ≈ 5e8 (a whole mantissa after ≈)
        (11, "arithmetic", "wrong"),  # 5 * 10^3 = 5,000 with '=': a calculation
    ],
    "03_biases_added.md": [
        # 512 * 1,000 + 1,000 = 513,000, 4096 * 1000 + 1000 = 4,097,000 and
        # 3*3*32 + 32 = 320, each under an approximate sign: unsure
        (6, "arithmetic", "wrong"),  # the weights alone: 128*6*6*128 = 589,824
        (7, "arithmetic", "wrong"),  # 가중치 (the weights): 3*3*64 = 576
        (8, "arithmetic", "wrong"),  # 576, and 650 is not 576 + 64 either
        (9, "arithmetic", "wrong"),  # '=': the product as written, 4,096,000
    ],
    "04_rows_left_out.md": [
        (5, "receptive field", "right"),  # 3
        (6, "receptive field", "right"),  # 3 + 2 = 5
        (7, "receptive field", "right"),  # 5 + 1 = 6, jump 2
        (8, "receptive field", "wrong"),  # 6 + 2*2 = 10, not 11
        (9, "receptive field", "right"),  # 10 + 4 = 14
        (10, "receptive field", "right"),  # 14 + 2 = 16; conv3_3 comes after rows left out
        (16, "receptive field", "right"),  # 3
        (17, "receptive field", "right"),  # 5; the row of dots leaves conv3..conv9 out
    ],
    "05_quiz_options.md": [
        (5, "symbolic", "right"),  # 2 * 9C^2 = 18C^2
        # line 6: AlexNet's conv1 stride is 4, an option of "옳지 않은 것은?": unsure
        (7, "arithmetic", "right"),  # 5*5*3*6 = 450
        (9, "model", "right"),  # the answer's 4
        (11, "model", "wrong"),  # the same statement past the answer: a claim, stride 4
        (15, "shape", "right"),  # 32 / 2 = 16
        # line 16: 3*3*64 = 576, not 567, an option of "NOT true?": unsure
        (20, "arithmetic", "wrong"),  # a numbered list under no question: 576, not 567
        (21, "arithmetic", "right"),  # 3*3*32 = 288
        (23, "arithmetic", "right"),  # a true-or-false item's figure, right as arithmetic
    ],
    "06_section_and_sentence_owners.md": [
        # lines 5 and 9: a transposed conv's rule, (n - 1)s - 2p + k, under its heading
        (13, "formula", "right"),  # floor((n + 2p - k)/s) + 1
        (15, "formula", "wrong"),  # '- 1' for '+ 1', under a standard conv's heading
        # line 19: "FC 두 개" in a sentence naming no network, ResNet-50 in the next: unsure
        (21, "model", "wrong"),  # ResNet-50 has one FC layer, said in its own sentence
    ],
    "08_summary_rows_left_out.md": [
        (6, "summary", "right"),  # 3*3*3*32 + 32 = 896
        (7, "summary", "wrong"),  # 3*3*32*64 + 64 = 18,496, not 18,490
        # "...": rows left out; the pooling's input is not conv2d_1's 64 channels
        (9, "summary", "right"),  # a pooling has no parameters
        (10, "summary", "right"),  # 3*3*128 = 1,152
        (10, "summary", "right"),  # no parameters
        (11, "summary", "right"),  # 1,152*10 + 10 = 11,530
        (12, "summary", "wrong"),  # 10*5 + 5 = 55, not 60
        # the total after rows left out: not the sum of the rows shown, not judged
        (20, "summary", "right"),  # 3*3*3*16 + 16 = 448
        (21, "summary", "right"),  # no parameters
        (21, "summary", "right"),  # 62 / 2 = 31
        (22, "summary", "right"),  # 3*3*16*32 + 32 = 4,640
        (22, "summary", "right"),  # 31 - 3 + 1 = 29
        (24, "summary", "wrong"),  # 448 + 4,640 = 5,088, not 5,089
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_jg_form(name):
    from cnnstat.notes.check import check_file

    got = Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)
    assert got == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DIR.glob("*.md")) == sorted(EXPECTED)
