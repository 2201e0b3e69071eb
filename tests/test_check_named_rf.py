"""`cnnstat check` on receptive fields written beside the layer names of a known network
(issue 19): "conv3_1: 24x24" under a sentence about receptive fields is judged against the
field the bundled spec's rows grow to at that layer.

The fixtures under tests/fixtures/notes/named_rf were written for this repository in our
own words, keeping only the form (one "name: size" line a layer, plain or bulleted, English
and Korean). Every expected field is worked by hand in the comments with
r_out = r_in + (k - 1) * j_in and j_out = j_in * s, from the layer settings in the papers:
VGG (Simonyan & Zisserman 2015, Table 1: 3x3 convs stride 1, 2x2 max-pools stride 2) and
AlexNet (Krizhevsky et al. 2012, section 3.5: 11x11 stride 4, 5x5, 3x3; overlapping 3x3
pools of stride 2).
"""

from collections import Counter

import pytest

from cnnstat.notes.check import check_text
from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "named_rf"

EXPECTED = {
    "01_vgg_fields.md": [
        # VGG-16: conv1_1 3 (j 1); conv1_2 3+2 = 5; pool1 5+1 = 6 (j 2); conv2_1 6+4 = 10;
        # conv2_2 14; pool2 14+2 = 16 (j 4), so 32x32 is wrong; conv3_1 16+8 = 24;
        # conv3_2 32; conv3_3 40; pool3 40+4 = 44 (j 8); conv4_1 44+16 = 60; conv4_2 76;
        # conv4_3 92, so 80x80 is wrong (only VGG-16 and VGG-19 have a conv4_3: the rows
        # above agreed with them)
        (5, "receptive field", "right"), (6, "receptive field", "right"),
        (7, "receptive field", "right"), (8, "receptive field", "right"),
        (9, "receptive field", "right"), (10, "receptive field", "wrong"),
        (11, "receptive field", "right"), (12, "receptive field", "right"),
        (13, "receptive field", "right"), (14, "receptive field", "right"),
        (15, "receptive field", "right"), (16, "receptive field", "right"),
        (17, "receptive field", "wrong"),
        # lines 21-22: output sizes, after a line that says so: no receptive field read
    ],
    "02_alexnet_fields_ko.md": [
        # conv1 11 (j 4); pool1 11+2*4 = 19 (j 8); conv2 19+4*8 = 51; pool2 51+2*8 = 67
        # (j 16); conv3 67+2*16 = 99; conv4 131, so 115 is wrong; conv5 163; pool3 195
        (5, "receptive field", "right"), (6, "receptive field", "right"),
        (7, "receptive field", "right"), (8, "receptive field", "right"),
        (9, "receptive field", "right"), (10, "receptive field", "wrong"),
        (11, "receptive field", "right"), (12, "receptive field", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_fields(name):
    claims, _ = check_text((FORMS / name).read_text(encoding="utf-8"))
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_the_fixtures_are_all_tested():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
