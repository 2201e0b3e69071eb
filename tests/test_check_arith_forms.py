"""`cnnstat check` on plain arithmetic that was left unjudged (issue 19): a calculation
worked out to its result in a code comment (``# 26*26*128 = ...``; the comment needs no
code run, ``notes/codeforms/code.py`` ``comment``), a chain whose first step is wrong
(``3x3x3x16 + 3 = 432 + 16 = 448``: every side is judged against the first calculation),
an arrow as the '=' after a calculation that adds (``(24-3)/1+1 -> 22``; arith.py
``_arrows_as_equals``), and a label glued to its number before the equation (``Set1 = (3*3*256+1) = ...``,
``conv5 = ...``; ``notes/reading/runs.py`` ``numbered_label``).

The fixtures under tests/fixtures/notes/arith_forms were written for this repository in
its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out
by hand in the comment beside it; a claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "arith_forms"

EXPECTED = {
    "01_comment_working.md": [
        (4, "arithmetic", "right"),  # 32*13*13 = 32*169 = 5,408
        (5, "arithmetic", "wrong"),  # 10*10*64 = 6,400, not 6040
        # 3x3x16x32 = 9*512 = 4,608; + 16 = 4,624: the first step is the slip, so both
        # "4608 + 32" (4,640) and "4640" differ from what it computes
        (6, "arithmetic", "wrong"), (6, "arithmetic", "wrong"),
        (7, "arithmetic", "wrong"),  # (30-5)/1 + 1 = 26, not 24; the rule has letters
        # line 8: "size = input / 2" is a rule in words: nothing to judge
        # line 9: "25 (5 * 5)" is a figure with its working, no equation in the comment
        (13, "arithmetic", "wrong"),  # // 7*7*64 = 49*64 = 3,136, not 3316
        (17, "arithmetic", "right"),  # 출력 크기: (28 - 3)/1 + 1 = 26
        (21, "arithmetic", "right"),  # 30 - 3 = 27; "// s" before it is a division
    ],
    "02_glued_label.md": [
        (3, "arithmetic", "wrong"),  # Block1 names it: (3*3*128+1) = 1,153, not 147,584
        (4, "arithmetic", "right"),  # 1,153 * 128 = 147,584
        (5, "arithmetic", "right"),  # 5*5*32*64 = 25*2,048 = 51,200
        (6, "arithmetic", "wrong"),  # 단계2 names it: 3*3*64 = 576, not 586
        # VGG-16 has 138,357,544 parameters (Simonyan & Zisserman 2015; torchvision);
        # "W2 = (W1 - 3)/1 + 1" is a rule with symbols: not judged
        (7, "model", "right"),
    ],
    "03_arrow_equals.md": [
        (3, "arithmetic", "right"),  # (32-5)/1 + 1 = 28
        (4, "arithmetic", "wrong"),  # (14 - 3)/1 + 1 = 12, not 11; "pooled -> 6" is a step
        (5, "arithmetic", "right"),  # 96 + 32 = 128
        # line 6: arrows between sizes and from a kernel/stride: steps, no arithmetic judged;
        (6, "shape", "right"),  # but the flatten: 7*7*256 = 49*256 = 12,544 (flatcount)
        (7, "arithmetic", "right"),  # (9-3)/2 + 1 = 3 + 1 = 4; "-> 2" is the next step
        (7, "formula", "right"),  # the numbers put in follow the rule (W-F)/S+1
    ],
    "04_kernels_equal_field.md": [
        # lines 3, 4: kernels written as sides "=" the field they give (two 3x3 stacked see
        # 5x5, three 7x7): no product; unsure, never "9, not 7"
        (5, "arithmetic", "right"),  # 7 x 7 = 49
        (6, "receptive field", "right"),  # five 3x3: 5*(3 - 1) + 1 = 11
        (7, "arithmetic", "right"),  # (32 - 5)/1 + 1 = 28, a size written as its map
        (8, "arithmetic", "wrong"),  # 28, not 27
        (9, "arithmetic", "right"),  # 56/2 = 28
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_arith_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
