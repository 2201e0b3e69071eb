"""`cnnstat check` on more forms real notes use (issue 19): a named network's maps traced
a layer a line, a table's working in one cell and its result in the next,
model figures beside a name, ...

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
    "02_table_cells.md": [
        # the working in one cell, its result in the next (output sizes floor)
        (5, "arithmetic", "right"),   # (9-3)/1+1 = 7
        (6, "arithmetic", "right"),   # (9-3)/2+1 = 3 + 1 = 4
        (7, "arithmetic", "wrong"),   # (10-3)/2+1 = floor(3.5) + 1 = 4, not 5
        (8, "arithmetic", "wrong"),   # (10-5)/1+1 = 6, not 5 (TeX dollars around it)
        (12, "arithmetic", "right"),  # 6*6*8 * 3*3*4 = 288 * 36 = 10,368
        # line 13: 6*6*4*9 = 1,296, not 1,300, but a bare product under a heading that
        # is no working may be a shape or a kernel beside a count: not judged
        (17, "arithmetic", "right"),  # activation size of 16x16x3: 768
        (18, "arithmetic", "wrong"),  # 14*14*6 = 1,176, not 1,167
        # line 22: a kernel 3x3 beside 16 filters is no calculation
    ],
    "03_not_claims.md": [
        # line 3: the [7x7x3] block after 7x7x3 filters is the window a filter covers,
        # not the layer's output (which is floor((96 - 7)/3) + 1 = 30 wide)
        # line 5: "14x14x64 Use MaxPool": a map before a pooling word, not a 14x14 window
        (7, "model", "right"),  # VGG-16 has 138,357,544 parameters (Simonyan & Zisserman)
        # line 8: the figure comes after "AlexNet과 ... 비슷하지만" (alike): not AlexNet's
    ],
    "04_named_figures.md": [
        # parameter counts: VGG-19 143,667,240, AlexNet 60,965,224 (paper) / 61,100,840
        # (torchvision), ResNet-50 25,557,032, ResNet-18 11,689,512, ResNet-101 44,549,160,
        # ResNet-152 60,192,808 (torchvision's published num_params)
        (3, "model", "right"),   # VGG-19 about 1억 4400만 = 144M
        (3, "model", "wrong"),   # AlexNet(7500만): 75M, not about 61M
        (5, "model", "right"),   # (25.6M, ...) after a sentence on the parameter count
        (5, "model", "right"),   # VGG-16 with 138M
        (6, "model", "wrong"),   # (19M, ...) after a sentence on its weights: 11.7M
        (8, "model", "right"),   # a line of name and figure
        (9, "model", "right"),
        (10, "model", "right"),  # 3.6G: ResNet-34's 3.66 G multiply-adds (He et al.
        #                          Table 1: 3.6 x 10^9 FLOPs, counted as multiply-adds)
        # line 11: 2,000 is no figure of ResNet-18's; nothing says what it counts
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lang_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
