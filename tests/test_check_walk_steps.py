"""`cnnstat check` on walkthrough steps in prose (issue 19): a layer named on a line with
the sizes it takes a map from and to (``* max pooling: 28x28 -> 14x14``, ``shrinks from
32 * 32 to 28 * 28 with kernel size 5``, ``It becomes 14 * 14 after pooling.``, ``20x20에서
10x10으로``), and a layer set out a setting a line whose labels carry their symbol in
brackets (``Kernel Size (F): 3x3``, ``Stride (S): 1``) before its ``Output Size``.

Each fixture under tests/fixtures/notes/walk_steps was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it (out = floor((n + 2p - k) / s) + 1); a claim not listed
fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "walk_steps"

EXPECTED = {
    "01_steps.md": [
        (3, "shape", "right"),  # 3x3 kernel: 30 - 3 + 1 = 28
        (4, "shape", "right"),  # pooling, no window stated: the usual 2x2, 28 / 2 = 14
        (5, "shape", "wrong"),  # 5x5 kernel: 14 - 5 + 1 = 10, not 11 (no stride 1..5 and
        #                         padding 0..4 gives 11: 10 + 2p is even, (9 + 2p)/2 + 1 != 11)
        # line 6: pooling, no window stated: 10 / 2 = 5, not 4; another window (3, stride
        # 2: floor(7/2) + 1 = 4) may give it: not judged
        (10, "shape", "right"),  # kernel size 5: 64 - 5 + 1 = 60
        (11, "shape", "right"),  # "It becomes 30 * 30 after max pooling": 60 / 2 = 30
        (12, "shape", "wrong"),  # k 3, s 2: floor(27/2) + 1 = 14 (p 1: 15, p 2: 16), not 12
        # line 13: the line above was wrong: its size is not carried on
        (15, "shape", "right"),  # 2x2 pooling, stride 2: 20 / 2 = 10
        (16, "shape", "wrong"),  # 3x3 conv without padding: 10 - 3 + 1 = 8, not 9 (stride 2:
        #                          floor(7/2) + 1 = 4)
    ],
    "02_labelled_block.md": [
        (9, "shape", "right"),  # 100 - 5 + 1 = 96, 16 kernels: 96x96x16
        (11, "shape", "right"),  # the pooling's input restates line 9's output
        (14, "shape", "wrong"),  # 2x2 stride 2: 96 / 2 = 48, not 47
        (17, "shape", "right"),  # the conv's input restates line 14's 47x47x16
        (21, "shape", "right"),  # 3x3, padding 1: 47 + 2 - 3 + 1 = 47; 32 filters
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_walk_step(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
