"""`cnnstat check` on more forms real notes use (issue 19): a named network's maps traced
a layer a line, ...

Each fixture under tests/fixtures/notes/lang_forms was written for this repository in its
own words, keeping only the *form* of what public notes write. Every expected (line, kind,
verdict) is worked out by hand in the comment beside it; a claim the checker finds that is
not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "lang_forms"

EXPECTED = {
    "01_trace.md": [
        # ResNet-18 (He et al. 2016, Table 1) at 3x160x160:
        (4, "shape", "right"),   # conv1 7x7/2 pad 3: floor((160 + 6 - 7)/2) + 1 = 80
        (5, "shape", "right"),   # maxpool 3x3/2 pad 1: floor((80 + 2 - 3)/2) + 1 = 40
        (6, "shape", "right"),   # layer1 keeps 64x40x40
        (7, "shape", "right"),   # layer2 halves: 128x20x20
        (8, "shape", "wrong"),   # layer3 halves again: 256x10x10, not 12x12
        (9, "shape", "right"),   # layer4: 512x5x5
        (10, "shape", "right"),  # fc: 1000 classes
        # VGG-11 (Simonyan & Zisserman, Table 1 A) at 3x64x64, 3x3 convs pad 1:
        (15, "shape", "right"),  # conv 64 keeps 64x64
        (16, "shape", "right"),  # 2x2/2 max pool: 32x32
        (17, "shape", "wrong"),  # the next conv with 128 filters keeps 32x32 (VGG pads
        #                          its 3x3 convs by 1), not 30x30
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lang_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
