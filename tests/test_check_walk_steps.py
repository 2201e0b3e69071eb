"""`cnnstat check` on walkthrough steps in prose (issue 19): a layer named on a line with
the sizes it takes a map from and to (``* max pooling: 28x28 -> 14x14``, ``shrinks from
32 * 32 to 28 * 28 with kernel size 5``, ``It becomes 14 * 14 after pooling.``, ``20x20에서
10x10으로``), and a layer set out a setting a line whose labels carry their symbol in
brackets (``Kernel Size (F): 3x3``, ``Stride (S): 1``) before its ``Output Size``; a layer
stated a line or two above the maps it gives, counted before their size (``64개의 3×3×3
kernels (stride = 1, padding = 1)`` ... ``⇒ 64개의 224×224 feature maps``, ``16 maps of size
29x29``), the filters' depth against their input's channels, KaTeX pasted twice over
(``stride = 11``), maps written channels first (``16x32x32``); a quiz's answer lines below its question (``Answer: Output size is
28×28×8``, ``정답: 12×12``).

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
    "03_counted_maps.md": [
        # a layer stated without its map, then (a line or two on, after a cue) its maps
        # counted before their size; a bank's filter depth against its input's channels
        (7, "shape", "right"),  # 3x3x3 filters on the 3-channel image
        (9, "shape", "right"),  # 96 + 2 - 3 + 1 = 96; 32 filters: 96x96x32
        (11, "shape", "right"),  # 2x2 stride 2: 96 / 2 = 48, channels kept (32)
        (14, "shape", "wrong"),  # 3x3x24 filters on 32 channels (24 divides no 32: no group)
        (15, "shape", "right"),  # 48 + 2 - 3 + 1 = 48; 64 filters
        (20, "shape", "right"),  # 5x5x3 filters on the 3-channel picture
        (22, "shape", "right"),  # 64 - 5 + 1 = 60; 16 maps
        (24, "shape", "wrong"),  # 2x2 stride 2: 60 / 2 = 30 (padding 1: 62/2 = 31), not 29
        # KaTeX pasted twice over: stride = 11 is 1 then its source 1; padding = 22 is 2
        (29, "shape", "right"),  # 5x5x3 filters on the 3-channel image
        (30, "shape", "right"),  # 32 + 4 - 5 + 1 = 32; 8 filters
        (31, "shape", "right"),  # 3x3x8 filters on 8 channels
        # line 32: 32 + 2 - 3 + 1 = 32, not 30, but settings read from a glued pair are a
        # guess: unsure, not wrong
        # channels first (C x H x W): 3x32x32 is a 32x32 map of 3 channels
        (37, "shape", "right"),  # 3x3x3 filters on 3 channels
        (38, "shape", "right"),  # 32 + 2 - 3 + 1 = 32; 16 filters: 16x32x32
        (40, "shape", "right"),  # 2x2 stride 2: 32 / 2 = 16, channels kept: 16x16x16
    ],
    "04_quiz_answers.md": [
        (6, "arithmetic", "right"),  # (40 - 3)/1 + 1 = 37 + 1 = 38
        (8, "shape", "right"),  # the question's conv: 40 - 3 + 1 = 38, 10 filters: 38x38x10
        # line 13: the question changes the one before and sets out no layer: not read
        (18, "shape", "wrong"),  # 5x5, stride 3 on 50: floor(45/3) + 1 = 16, not 15 (padding
        #                          1: floor(47/3) + 1 = 16; 2: floor(49/3) + 1 = 17)
        (23, "shape", "right"),  # 2x2 pooling, stride 2 on 24x24: 12x12
        # line 28: three stacked convs: a question of several layers is not read
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_walk_step(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
