"""`cnnstat check` on a summary's totals pasted under a network's name (issue 19): the
name on a line of its own (bare, a heading, bold, ``Model: "..."``, ``=== ... ===``, a
constructor call) sets the network the totals after it describe, and each total is judged
against the network's bundled specs with the rule of the tool that printed it.

Each fixture under tests/fixtures/notes/named_totals was written for this repository in
its own words, keeping only the *form* (torchsummary, torchinfo, Keras, thop and ptflops
totals, English and Korean labels). The reference figures are torchvision's published
parameter counts and GFLOPS (``Weights.meta``: vgg11_bn 132,868,840; vgg13 133,047,848;
vgg13_bn 133,053,736; vgg16 138,357,544 and 15.47 G; vgg19 143,667,240 and 19.63 G;
resnet18 11,689,512 and 1.81 G; resnet50 25,557,032 and 4.09 G; googlenet 6,624,904,
13,004,888 with its auxiliary heads), Keras's published ResNet50 totals (25,636,712 of
which 53,120 are batch norm's moving statistics) and the arithmetic in each comment.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "named_totals"

EXPECTED = {
    "01_torchsummary_totals.md": [
        # VGG16 at (3, 224, 224): 138,357,544 parameters, all trainable, none frozen
        (8, "summary", "right"), (9, "summary", "right"), (10, "summary", "right"),
        (12, "summary", "right"),  # 3*224*224*4 = 602,112 bytes / 1,048,576 = 0.574
        (13, "summary", "right"),  # 138,357,544*4 = 553,430,176 / 1,048,576 = 527.79
        (15, "summary", "right"),  # torchvision's 15.47 G multiply-adds, to the digit
        # ResNet-50 (bold): 25,557,032; 102,228,128 bytes / 1,048,576 = 97.49;
        # FLOPs 2 x 4.089 G = 8.178 G -> 8.18G
        (19, "summary", "right"), (20, "summary", "right"), (21, "summary", "right"),
        # VGG-11 with batch norm has 132,868,840: 133,053,736 is VGG-13-BN's count, and
        # 133,053,736*4/2^20 = 507.56 its size (VGG-11-BN: 506.85)
        (24, "summary", "wrong"), (25, "summary", "wrong"),
        # line 29: a heading with more than the name ("for ten classes") names no network
        # line 35: 134,301,514 is VGG-16 with a 10-way last layer (138,357,544 - 4,097,000
        # + 40,970), 2.9% off: another head explains it -> unsure, no claim
        # GoogLeNet: 6,624,904 (13,004,888 with the auxiliary heads). 9,132,616 to the
        # unit is a tool's count of some changed model: unsure, no claim (line 39). 9.1M
        # written rounded is 37% above 6.6M and 30% below 13.0M, and a head of k classes
        # (1,025 each) on the 5,599,904 below torchvision's head (5,973,552 below the
        # paper's 6,998,552) would need k = (9,050,000 - 5,973,552) / 1,025 = 3,001 or
        # more classes: no head of up to 1,100 (or 21k) -> wrong
        (40, "summary", "wrong"),
    ],
    "02_korean_totals.md": [
        # VGG13: 133,047,848 total and trainable, 0 frozen; 532,191,392 B / 2^20 = 507.54;
        # 11.31 G multiply-adds (torchvision 11.31 GFLOPS) written as GFLOPs
        (5, "summary", "right"), (6, "summary", "right"), (7, "summary", "right"),
        (8, "summary", "right"), (9, "summary", "right"),
        # ResNet-18: 11,689,512; 46,758,048 B / 2^20 = 44.59; 1.81 G
        (13, "summary", "right"), (14, "summary", "right"), (15, "summary", "right"),
        # under VGG16, 143,667,240 is VGG-19's count (VGG16: 138,357,544)
        (19, "summary", "wrong"),
        (20, "summary", "right"),  # 0.57 MB for 3x224x224, as above
    ],
    "03_other_tools.md": [
        # Keras ResNet50: 25,636,712 is not a bundled count (Keras's convs keep their
        # biases): the total itself is unsure, but its size is Keras's arithmetic:
        # 102,546,848 B / 1024^2 = 97.80 MB; 25,583,592*4 / 1024^2 = 97.59 MB
        (4, "summary", "right"), (5, "summary", "right"),
        # 53,120 frozen = batch norm's moving mean and variance, 2 x 26,560 channels
        (6, "summary", "right"),
        (11, "summary", "right"),  # VGG16 138,357,544
        # torchinfo's mult-adds: 15,470,264,320 + 13,547,520 conv bias outputs (64*224^2*2
        # + 128*112^2*2 + 256*56^2*3 + 512*28^2*3 + 512*14^2*3) + 9,192 linear biases
        # = 15,483,821,032 -> 15.48 G
        (12, "summary", "right"),
        (13, "summary", "right"),  # 602,112 B / 10^6 = 0.60 (torchinfo's MB)
        # line 14: torchinfo's forward/backward size is not worked out: unsure, no claim
        (15, "summary", "right"),  # 553,430,176 B / 10^6 = 553.43
        (16, "summary", "right"),  # 0.60 + 108.45 + 553.43 = 662.48, within rounding
        (21, "summary", "right"), (21, "summary", "right"),  # VGG-19: 19.63 G, 143.67 M
        # after ``model = resnet18()``: 1.81 GMac, 11.69 M
        (27, "summary", "right"), (28, "summary", "right"),
        # line 34: the prose after "VGG16" names another network: the totals below are
        # nobody's -> no claim
    ],
    "04_totals_tables.md": [
        # | Model | VGG16 |: the count is the model tables' reader's (kind "model"); no
        # parameter is frozen (before: the 0 was read as the total count and called wrong);
        # 553,430,176 B / 2^20 = 527.79
        (5, "model", "right"), (6, "summary", "right"), (7, "summary", "right"),
        # ResNet-18 in Korean: 11,689,512; none frozen; 46,758,048 B / 10^6 = 46.76 (MB)
        (11, "model", "right"), (12, "summary", "right"), (13, "summary", "right"),
        # a row a network: VGG19 574,668,960 B / 2^20 = 548.05, input 0.57 at 224x224;
        # VGG13's row repeats VGG19's size (VGG13: 532,191,392 B / 2^20 = 507.54)
        (17, "summary", "right"), (17, "summary", "right"),
        (18, "summary", "wrong"), (18, "summary", "right"),
        # a row of figures under "## ResNet-50": 25,557,032 total and trainable, 0 frozen
        (24, "summary", "right"), (24, "summary", "right"), (24, "summary", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_totals(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_no_network_no_judgement():
    """Totals with no network named above them are left to the summary's own arithmetic."""
    from cnnstat.notes.check import check_text

    text = "Some model\n\nTotal params: 138,357,544\nParams size (MB): 100.00\n"
    assert [c for c in check_text(text).claims if c.verdict == "wrong"] == []
