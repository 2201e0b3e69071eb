"""`cnnstat check` on the costs, receptive fields and filter banks of Q&A threads and
course notes (issue 19). Forms: a filter's volume written before how many filters there
are (``Conv: 1x1x32 5 filters``, ``maps/filters.py``); a scale written short after a
figure (``120 Mil``, ``2.5 mln``, ``3.8 bn``: ``reading/numerals.py``); the receptive
field of a named network's layer in prose (``fc7 of VGG-16 has a 404 × 404 pixels
receptive field``, ``layer4 RF: 427``: ``receptivefield/rfnamed.py``); torchscan's RAM
usage under its summary (``summary/totals.summed``); a conv row's bank, output and
multiplications (``1 X 1 X 32 X 16 ... Output Size 112 X 112 X 16, Mult_operations
6,422,528``: ``costs/layerrow.py``); a counter's figure printed for a network the code
above built from a model zoo (``modelfacts/printedcount.py``).

Each fixture below is in this repository's own words, with the form kept and the numbers
and names changed; the hand-worked arithmetic behind each expected (line, kind, verdict)
is in the comment beside it, and any claim not listed fails.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "v2costs_forms"

EXPECTED = {
    "01_volume_then_count.md": [
        (5, "shape", "right"),  # a 1x1 filter on 64 channels is 1x1x64 (the volume, no map)
        (6, "shape", "right"),  # 7 - 1 + 1 = 7, eight filters: 7x7x8
        (10, "shape", "right"),  # 3x3x3 on 3 channels
        (11, "shape", "right"),  # same padding: 32, sixteen filters
        (15, "shape", "wrong"),  # a filter on 48 channels is 1x1x48, not 1x1x20
        (16, "shape", "right"),  # 14 - 1 + 1 = 14, twelve filters
        (20, "shape", "right"),  # 3x3x20 on 20 channels
        (21, "shape", "wrong"),  # no padding: 10 - 3 + 1 = 8, not 10
    ],
    "02_scale_short_forms.md": [
        (3, "arithmetic", "right"),  # 14*14*32*25*48 = 7,526,400 = 7.5 million
        (4, "arithmetic", "right"),  # 112*112*128*9*64 = 924,844,032 = 924.8 million
        (5, "arithmetic", "wrong"),  # 224*224*64*27 = 86,704,128: 86.7 million, not 8.7
        (6, "arithmetic", "right"),  # 2 x 4.1 billion = 8.2 billion
        (7, "arithmetic", "right"),  # 1.25 + 0.25 = 1.5 (billion)
    ],
    # VGG-16 (3x3/1 convs, 2x2/2 pools), r + (k - 1)·j: conv1 3, 5; pool1 6 (j 2); conv2
    # 10, 14; pool2 16 (j 4); conv3 24, 32, 40; pool3 44 (j 8); conv4 60, 76, 92; pool4 100
    # (j 16); conv5 132, 164, 196; pool5 212 (j 32). ResNet-50, conv1 7/2 and maxpool 3/2:
    # 11 (j 4); layer1's three 3x3 convs: 35; layer2's stride in its 3x3 (torchvision):
    # 35 + 8 = 43, j 8, + 3·16 = 91; in its first 1x1 (the paper's): j 8 before the 3x3,
    # 35 + 16 = 51, + 48 = 99. ResNet-18: 11, layer1 four 3x3 at j 4: 43; layer2 51 + 48 =
    # 99; layer3 115 + 96 = 211; layer4 243 + 192 = 435.
    "03_named_layer_fields.md": [
        (3, "receptive field", "right"),  # conv5_3: 196
        (4, "receptive field", "right"),  # pool5: 212
        (5, "receptive field", "wrong"),  # conv4_3: 92, not 84
        (7, "receptive field", "right"),  # layer2 with the stride in the 1x1: 99
        (8, "receptive field", "right"), (8, "receptive field", "right"),  # 91, 35
        (9, "receptive field", "wrong"),  # ResNet-18 layer4: 435, not 411
    ],
    # conv 3x3 1 -> 4 on 1x28x28: 4*(9+1) = 40, 28-3+1 = 26; ReLU: 0, keeps 4x26x26; conv
    # 3x3 4 -> 8: 8*(4*9+1) = 296, 26-3+1 = 24; total 336; 336 x 4 B / 2^20 = 0.0013 ->
    # 0.00 Mb; RAM: 0.00 + 391.20 = 391.20; 0.00 + 402.50 = 402.50, not 412.50
    "04_torchscan_footer.md": [
        (9, "summary", "right"), (9, "summary", "right"), (10, "summary", "right"),
        (10, "summary", "right"), (14, "summary", "right"), (16, "summary", "right"),
        (18, "summary", "right"),
        (30, "summary", "right"), (30, "summary", "right"), (31, "summary", "right"),
        (31, "summary", "right"), (35, "summary", "right"), (37, "summary", "right"),
        (39, "summary", "wrong"),
    ],
    "05_conv_row_mults.md": [
        (3, "arithmetic", "right"),  # 28*28 * 3*3 * 16 * 24 = 2,709,504
        (4, "arithmetic", "right"),  # 10*10 * 5*5 * 6 * 16 = 240,000
        (5, "arithmetic", "right"),  # depthwise: 56*56 * 3*3 * 1 * 64 = 1,806,336
        (6, "arithmetic", "right"),  # 28*28 * 64 * 128 = 6,422,528 = 6.4M
        (7, "arithmetic", "wrong"),  # 14*14 * 3*3 * 32 * 64 = 3,612,672, not 1,806,336
        (8, "arithmetic", "right"),  # FLOPs: 2 x (7*7 * 3*3 * 64 * 64 = 1,806,336)
    ],
    # torchvision's figures: vgg16 15.47 GFLOPS (its multiply-adds), 138,357,544 params;
    # resnet18 1.81 GFLOPS, 11,689,512 params
    "06_printed_after_built.md": [
        (11, "model", "right"),  # VGG-16: 15.47G multiply-adds, printed as FLOPs
        (22, "model", "wrong"),  # ResNet-18: 1.82G MACs, 3.64G FLOPs; 5.46G is neither
        (23, "summary", "right"),  # 11.69M parameters
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_forms(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    got = Counter((c.line, c.kind, c.verdict) for c in claims if c.verdict != "info")
    assert got == Counter(EXPECTED[name])
