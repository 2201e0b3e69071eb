"""`cnnstat check` on forms that drew false alarms from correct English blog tutorials and
paper reviews of CNN architectures (issue 19, helper ka): each fixture holds right lines
in the form and a wrong line beside them, so a fix that silences the reader shows. The
correct passages themselves are in ``hostile_correct/ka-*.md``.

- a count of weight layers written in words with each term's count glossed in brackets
  (``stem conv (1) + 3 convs x 16 blocks + fc (1) = 1 + 48 + 1 = 50``): the run opens
  inside a formula in words, so only what follows its first '=' is a side;
- a walkthrough that jumps (to a network's head, or back to a first layer) carries a map
  that is not the layer's input: a pooling whose channels and size both fail to follow,
  or a first layer's (``conv1``, ``stem``) under a map not stated as an input, is
  unsure, not wrong;
- a ratio under a line of two calculations (the weights, then the MACs at some size) may
  be of either result: each counts, so the ratio is not wrong by two figures alone;
- a slip the line quotes and corrects after ``it's`` or ``that's`` is unsure;
- a product after a count of what it is one of (``2 convs of 3x3x64x64 = 2 × 36,864``) is
  one of them: judged from the count's side on; ``BN`` in capitals is a batch norm.

Expected values are plain arithmetic, written beside each line.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/ka_forms"

EXPECTED = {
    "01_counts_glossed_in_words.md": [
        (3, "arithmetic", "info"),  # 3 + 4 + 6 + 3 = 16, shown
        (3, "arithmetic", "right"),  # 1 + 48 + 1 = 50
        (4, "arithmetic", "right"),  # 1 + 99 + 1 = 101
        (5, "arithmetic", "right"),  # 10 + 3 = 13
        (6, "arithmetic", "info"),  # (1) + 2 x 16 = 33, shown
        (6, "arithmetic", "wrong"),  # 1 + 32 + 1 = 34, not 36
        (7, "arithmetic", "wrong"),  # 16 + 3 = 19, not 18
    ],
    "02_walk_jumps_to_head.md": [
        (4, "shape", "right"),  # (55 - 3)/2 + 1 = 27, channels kept
        # line 6: avg pool from 27x27x96 cannot give 1x1x256: the walk jumped, unsure
        # line 10: a stem's 112x112 under 1x1x256: a new walk; line 11 likewise (channels)
        (16, "shape", "wrong"),  # a pooling keeps 96 channels, not 256
        (18, "shape", "wrong"),  # (55 - 3)/2 + 1 = 27, not 26
        (23, "shape", "wrong"),  # 13 + 2 - 3 + 1 = 13, not 27 (no first layer named)
        # line 29: conv1 under a list of widths in brackets, no input: unsure
        (32, "shape", "wrong"),  # (224 + 2 - 7)/2 + 1 = 110, not 112, from the input
    ],
    "03_ratio_under_several_results.md": [
        (3, "arithmetic", "right"),  # 16,384 + 36,864 + 16,384 = 69,632
        (3, "arithmetic", "right"),  # 56 * 56 * 69,632 = 218,365,952
        (4, "arithmetic", "right"),  # 2 * 9 * 256 * 256 = 1,179,648
        (5, "ratio", "right"),  # 1,179,648 / 69,632 = 16.9 (not of the MACs)
        (9, "arithmetic", "right"),  # 1,552 + 1,088 + 9,280 = 11,920
        (9, "arithmetic", "right"),  # 3,025 * 11,920 = 36,058,000
        (10, "arithmetic", "right"),  # 9 * 96 * 128 + 128 = 110,720
        (11, "ratio", "right"),  # 110,720 / 11,920 = 9.3
        (15, "arithmetic", "right"),  # 4,608 + 262,144 = 266,752
        (16, "arithmetic", "right"),  # 9 * 512 * 512 = 2,359,296
        (17, "ratio", "wrong"),  # 2,359,296 / 266,752 = 8.8, not about 3
    ],
    "04_quoted_then_its.md": [
        # lines 3-5: a slip quoted ("I first wrote", "said", "had") and corrected after
        # "it's" / "that's" (2 x 9 = 18, 3*3*64 = 576, 7*7*3*64 = 9,408): unsure
        (9, "arithmetic", "wrong"),  # 7*7*3*64 = 9,408, not 9048: nothing quoted
        (10, "arithmetic", "wrong"),  # 2 x 9 = 18, not 16
    ],
    "05_count_of_and_batch_norms.md": [
        (3, "arithmetic", "right"),  # 2 × 36,864 = 73,728 (the first side one of 2)
        (4, "arithmetic", "right"),  # 3 × 589,824 = 1,769,472
        # line 5: 2 × 147,456 = 294,912 after "two convs of": one of a count, unsure
        (6, "arithmetic", "wrong"),  # 2 × 36,864 = 73,728, not 73,782
        (7, "arithmetic", "wrong"),  # 36,864, and 73,000 is not twice it either
        # line 8: "+ 2 BNs × 128" goes on from 73,728: BN is no billion (not judged)
        (9, "arithmetic", "right"),  # 589,824 + 3 × 512 = 591,360 (the BNs' biases read)
        (10, "arithmetic", "right"),  # 4 × 2.5 bn = 10 bn: lower case, a billion
        (11, "arithmetic", "wrong"),  # 36,864 + 256 = 37,120, not 37,210
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ka_form(name):
    from cnnstat.notes.check import check_file

    got = Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)
    assert got == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DIR.glob("*.md")) == sorted(EXPECTED)
