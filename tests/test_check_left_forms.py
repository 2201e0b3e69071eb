"""`cnnstat check` on forms an earlier round saw and left: shapes written as bare dims
beside an arrow in a PyTorch block's comments, an en dash as a minus in brackets, a bold line that
names a network heading what follows, a count per unit on a line with no network's word,
stacked small kernels and the field they see, a value under a LaTeX brace, a
summary's trainable count after a total that slipped, and the others in tests/fixtures/notes/left_forms.

The fixtures are this repository's own text in the forms real notes use; the hand
arithmetic stands beside each expected claim, and the multiset of (line, kind, verdict)
must match exactly, so a false alarm fails as surely as a miss.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/left_forms"

EXPECTED = {
    "01_bare_comma_shapes.md": [
        # Conv2d(3, 16, 5, padding=2) on 64: 64 - 5 + 4 + 1 = 64, 16 channels; the input
        # 64,64,3 before the arrow seeds the chain (a blank line between layer and comment)
        (12, "shape", "right"),
        (15, "shape", "right"),  # pool 2: 64 / 2 = 32
        (17, "shape", "right"),  # 3x3 stride 2 pad 1: (32 - 3 + 2) // 2 + 1 = 16, 24 ch
        (19, "shape", "right"),  # pool 2: 16 / 2 = 8
        (20, "shape", "wrong"),  # Conv2d(24, 40, 3), no padding: 8 - 3 + 1 = 6, not 8
        (27, "shape", "right"),  # Conv2d(1, 8, 3) on 28: 28 - 3 + 1 = 26
        (29, "shape", "wrong"),  # pool 2 on 26: 13, not 12
        # line 32: numbers beside an arrow in prose, outside any code: no shape
    ],
    "02_en_dash_in_brackets.md": [
        # an en dash in brackets an operator goes on from is a minus
        (3, "arithmetic", "right"),  # (32 - 5) / 1 + 1 = 28
        (4, "arithmetic", "wrong"),  # (28 - 2) / 2 + 1 = 14, not 15
        (5, "arithmetic", "right"),  # (15 - 3) / 2 + 1 = 7
        # lines 6, 7: a range of years or pages in brackets: no calculation
    ],
    "03_bold_model_lines.md": [
        # a bold line that is a network's name heads what follows it, as a heading does
        (3, "model", "right"),  # AlexNet: 5 conv + 3 FC = 8 layers with weights
        (5, "model", "right"),  # about 60M (AlexNet's 60,965,224)
        (7, "model", "right"),  # VGG-16's convs are 3x3
        # under the bold VGG-16 line, not the AlexNet heading: 138M is VGG-16's 138,357,544
        (9, "model", "right"),
        (11, "model", "right"),  # ResNet-50's paper: 2015
        (13, "model", "right"),  # ResNet-50: 25,557,032
        (14, "model", "wrong"),  # 60M is not ResNet-50's 25.6M
        (16, "model", "right"),  # a bold sentence names its own network: VGG-19's 143.7M
    ],
    "04_count_per_unit_no_cnn_word.md": [
        # a count per unit reaches the readers though the line names nothing of a network
        (3, "arithmetic", "right"),  # 65 * 20 = 1300
        (4, "arithmetic", "wrong"),  # 10 * 32 = 320, not 330
        (5, "arithmetic", "right"),  # the count after its unit: 12 * 9 = 108
        # line 6: 128 * 10 = 1280; 1290 counts one more a neuron (a bias): not judged
        (7, "arithmetic", "right"),  # 33 * 12 = 396
        (8, "arithmetic", "wrong"),  # 27 * 16 = 432, not 423
        # line 10: 'each', 'per' and numbers, but no total worked out: nothing
    ],
    "05_stacked_kernels_field.md": [
        # n stacked k x k stride-1 layers see n * (k - 1) + 1 a side
        (3, "receptive field", "right"),  # 2 * 4 + 1 = 9
        (5, "receptive field", "wrong"),  # 4 * 2 + 1 = 9, not 7
        (7, "receptive field", "right"),  # count first, LaTeX sides: 2 * 4 + 1 = 9
        (9, "receptive field", "right"),  # 5x5 written twice: 2 * 2 + 1 = 5
        (11, "receptive field", "wrong"),  # 3 * 2 + 1 = 7, not 5 (sides with a capital X)
        (13, "receptive field", "right"),  # the pooling's stride is another sentence's
        # line 15: stride 2 on the stack itself: not read
    ],
    "06_values_under_braces.md": [
        # the value under a brace is its expression's: 64 * 64 * 3 = 12,288 right;
        # 62 * 62 * 8 = 30,752, not 30,572
        (5, "arithmetic", "right"), (5, "arithmetic", "wrong"),
        (9, "arithmetic", "right"),  # 5 * 5 * 3 * 16 = 75 * 16 = 1,200
        (9, "arithmetic", "right"),  # under the brace: 5 * 5 * 3 = 75
        (11, "arithmetic", "right"),  # over the brace: 3 * 3 * 32 = 288
        # line 13: 2 under 3 x 3 counts the layers, not a value; line 15: a label
    ],
    "07_trainable_after_a_slipped_total.md": [
        # rows: 3*3*1*8 + 8 = 80; Flatten 0 (8*8*8 = 512 features); 512*4 + 4 = 2,052
        (8, "summary", "right"), (10, "summary", "right"), (10, "summary", "right"),
        (12, "summary", "right"),
        (15, "summary", "wrong"),  # 80 + 0 + 2,052 = 2,132, not 2,123
        (16, "summary", "wrong"),  # every parameter trains: 2,132, the slip copied
        (17, "summary", "right"),  # 2,123 - 2,123 = 0 as stated
        (26, "summary", "right"), (28, "summary", "right"), (28, "summary", "right"),
        (30, "summary", "right"),
        (33, "summary", "wrong"),  # 2,132, not 2,123
        (34, "summary", "right"),  # the trainable count is the rows' sum: 2,132
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_left_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
