"""`cnnstat check` on a layer's parameter count stated in a sentence that sets the layer
out (issue 19, item 4: mistakes of intent), in English and Korean: a fully connected
layer's inputs and units (``784 inputs x 100 neurons``, ``from 4096 to 1000 classes``,
``256개의 입력과 128개의 뉴런``, ``입력 512, 출력 10``), a conv's kernel and channels (an
RGB or grayscale image being 3 or 1 of them); the count judged by the layer algebra,
the term a wrong one leaves out named; nothing said of a sentence about two layers, a
whole network, a difference or one filter (``paramwords``).

Each fixture under tests/fixtures/notes/paramwords_forms was written for this repository
in its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked
out by hand in the comment beside it; a claim not listed fails the test as surely as a
missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "paramwords_forms"

EXPECTED = {
    "01_counts_in_prose_en.md": [
        # 784 x 100 = 78,400 weights (+ 100 biases = 78,500): 79,400 is neither
        (3, "params", "wrong"),
        (5, "params", "right"),  # 784 x 100 + 100 = 78,500
        (7, "params", "right"),  # 4096 x 1000 + 1000 = 4,097,000
        (9, "params", "right"),  # 5*5*3*16 = 1,200 + 16 = 1,216
        (11, "params", "right"),  # 3*3*64*128 = 73,728 + 128 = 73,856
        # 3*3*3*32 = 864 + 32 = 896; 288 = 3*3*32 leaves out the 3 input channels
        # (and the biases); the arithmetic 32 * 9 = 288 is right as arithmetic
        (13, "params", "wrong"), (13, "arithmetic", "right"),
        (15, "params", "wrong"),  # bias included: 73,728 + 128 = 73,856, not 73,728
        # line 17: two convs; line 19: a difference ("fewer ... than"); line 21: a
        # whole network's count; line 23: one filter's count: none judged
        (25, "params", "right"),  # the image flattened: 64*64*3 = 12,288 inputs x 1
    ],
    "02_counts_in_prose_ko.md": [
        # 256 x 128 = 32,768 weights (+ 128 = 32,896); 33,024 = 256 x 129, a bias for
        # each input, not each neuron
        (3, "params", "wrong"),
        (5, "params", "right"),  # 3*3*3*32 + 32 = 896
        (7, "params", "right"),  # grayscale: 5*5*1*20 + 20 = 520 (약 520)
        (9, "params", "right"),  # 512 x 10 + 10 = 5,130
        # RGB: (3*3*3 + 1)*10 = 280; (3*3+1)*10 = 100 leaves out the 3 input channels,
        # right as arithmetic
        (11, "params", "wrong"), (11, "arithmetic", "right"),
        # line 13: two such layers (두 개); line 15: each filter's count (각각의 필터)
        (17, "params", "wrong"),  # 32*32 = 1,024 inputs x 10 = 10,240 weights, not 1,024
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_paramwords_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
