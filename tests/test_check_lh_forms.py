"""`cnnstat check` on forms a number-dense tutorial writes, found by writing such passages
(helper lh, issue 19), each with a wrong line beside right ones:

- a layer's call in a sentence with its count, the input named in words (``A
  `Conv2D(32, (3,3))` on an RGB image has 896 parameters``, ``on 64 channels``, ``on a
  28x28x1 input``, ``Dense(10) on 256 inputs``), and a count of one filter in brackets after
  the layer's (``(32 filters of 400 weights each, ...)``), which is no count of the layer;
- two equations joined by a colon (``6x6x256 = 9216: 9216 x 4096 + 4096 = ...``), no ratio;
- a family's heading (``# ResNet, ...``) goes on with the member a sentence under it
  named (ResNet-18), and ``VGG-19 layer by layer`` names VGG-19 (no count of layers): a
  table without outer pipes under a sub-heading is that network's breakdown;
- a conv as its kernel, then its channels by an arrow (``3x3 conv, 64 → 128: 73,856
  params``, a list's ``1x1, 64 → 256: 16,384 weights``);
- one dilated conv's window in words (``a 3x3 kernel with dilation 2 covers 5x5``,
  ``an effective kernel size of 9``, ``3x3 dilation 2 -> 5x5 RF``);
- a count beside a Keras call whose input the model gives (``layers.Dense(64),  # 524,352
  params`` after a Flatten of 16x16x32), and a ``Dense`` ``on 8,192 flattened values``;
- a cut of another quantity than its figures (``1.25M and 1.24M parameters, ... 2.4x less
  computation``), or whose quantity is on the next line, is no cut of them;
- a ceiling as a call or in LaTeX (``ceil(225/2) = 113``, ``\\lceil 100/3 \\rceil = 34``);
- ``3 layers of 3x3 = receptive field of 7x7``: the layer word left out after "layers of";
- a hyphenated word before a calculation (``the multiply-adds are 28*28*163,328 = ...``,
  ``A well-known check: ...``) is no minus opening a term in words;
- each figure with the network after its "for" (``0.27M parameters for ResNet-20, 0.46M
  for ResNet-32 and 0.85M for ResNet-56``), on a line that says parameters;
- figures to a scale in the order of the networks named before them (``ResNet-18,
  ResNet-34 and ResNet-50 have 11.7M, 21.8M and 25.6M parameters``, ``A / B: x / y params``).

Hand arithmetic beside each line; the multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/lh_forms"

EXPECTED = {
    "01_calls_in_sentences.md": [
        (3, "params", "wrong"),  # RGB: 3*3*3*32 + 32 = 896, not 288
        (5, "params", "right"),  # grayscale: 3*3*1*32 + 32 = 320
        (7, "params", "right"),  # 28x28x1: 5*5*1*16 + 16 = 416
        (9, "params", "right"),  # 64 channels: 3*3*64*128 + 128 = 73,856
        (11, "params", "wrong"),  # 256*10 + 10 = 2,570, not 2,580
        (13, "params", "right"),  # 5*5*16*32 + 32 = 12,832 (400 a filter: not the layer's)
        (15, "params", "wrong"),  # 5*5*3*64 + 64 = 4,864, not 1,792
        (17, "params", "right"),  # 3*3*3*16 + 16 = 448 (27 a filter)
    ],
    "02_equations_around_colon.md": [
        (3, "arithmetic", "right"), (3, "arithmetic", "right"),  # 9216; 37,752,832
        (5, "arithmetic", "right"),  # 5*5*16 = 400
        (5, "arithmetic", "wrong"),  # 400*120 + 120 = 48,120, not 48,210
        # line 7: a ratio, 5x5 : 3x3x2 = 25 : 18, not an equation: not judged
    ],
    "03_figures_in_order.md": [
        # torchvision's counts: ResNet-18 11,689,512; ResNet-34 21,797,672; ResNet-50
        # 25,557,032; VGG-11 132,863,336; VGG-13 133,047,848; DenseNet-121 7,978,856;
        # ResNet-101 44,549,160; MobileNetV2 3,504,872
        (3, "model", "right"), (3, "model", "wrong"), (3, "model", "wrong"),  # 34/50 swapped
        (5, "model", "right"), (5, "model", "right"),
        (7, "model", "right"), (7, "model", "right"),
        (9, "model", "wrong"), (9, "model", "wrong"),  # the two figures swapped
        (11, "model", "right"), (11, "model", "right"),  # 3.5 takes the last one's million
        (13, "model", "right"), (13, "model", "right"),  # AlexNet compared: not one of them
    ],
    "04_family_heading_breakdown.md": [
        # torchvision's resnet18: conv1 7*7*3*64 = 9,408; bn1 2*64 = 128; layer1 two
        # blocks of 2*(36,864 + 128) = 147,968; layer2 525,568 (230,144 + 295,424)
        (9, "model", "right"), (9, "model", "right"),
        (10, "model", "right"), (10, "model", "right"),
        (11, "model", "right"), (11, "model", "right"),
        (12, "model", "right"),  # 28x28x128
        (12, "model", "wrong"),  # 525,056, not 525,568
    ],
    "05_layer_by_layer_title.md": [
        (7, "model", "right"),  # conv4_1: 3*3*256*512 + 512 = 1,180,160
        (8, "model", "right"), (9, "model", "right"),  # 3*3*512*512 + 512 = 2,359,808
        (10, "model", "wrong"),  # conv3_1: 3*3*128*256 + 256 = 295,168, not 259,168
    ],
    "06_kernel_then_arrow.md": [
        (3, "params", "right"),  # 1*1*256*64 = 16,384
        (4, "params", "wrong"),  # 3*3*64*64 = 36,864 (36,928 with biases), not 36,846
        (5, "params", "right"),  # 64*256 = 16,384
        (7, "params", "right"),  # 7*7*3*64 = 9,408
        (8, "params", "right"),  # 5*5*16*32 + 32 = 12,832
        (9, "params", "wrong"),  # 3*3*128*256 + 256 = 295,168, not 259,168
        # line 11: 55x55 is a map, no kernel; line 12: a pooling, no conv: not read
    ],
    "07_one_dilated_window.md": [
        (3, "receptive field", "wrong"),  # 2*(3 - 1) + 1 = 5, not 7
        (5, "receptive field", "right"),  # 2*(5 - 1) + 1 = 9
        (7, "receptive field", "wrong"),  # 3*(3 - 1) + 1 = 7, not 9
        (9, "receptive field", "right"),  # 4*(3 - 1) + 1 = 9
        # line 11: a stack of two (9x9 is right for it): not one conv's window, not read
    ],
    "08_keras_counts_beside_calls.md": [
        (6, "params", "right"),  # 3*3*3*16 + 16 = 448
        (8, "params", "right"),  # after the 2x2 pool, 16 channels: 3*3*16*32 + 32 = 4,640
        (10, "params", "right"),  # 16*16*32 = 8,192 in: 8,192*64 + 64 = 524,352
        (11, "params", "wrong"),  # 64*10 + 10 = 650, not 660
        (15, "params", "right"),  # 8,192*64 = 524,288, no bias
        (16, "params", "right"),  # 2,048*32 + 32 = 65,568
        (17, "params", "wrong"),  # 4,096*32 + 32 = 131,104, not 131,073
    ],
    "09_cut_of_another_quantity.md": [
        # lines 3-5: SqueezeNet 1.1's "2.4x less computation" (its README's figure) is no
        # ratio of the parameter counts 1.25M / 1.24M; on line 4 the line ends at "less"
        # and "computation" is on the next: not judged (it was "wrong: 1.0x")
        (7, "ratio", "right"),  # 25.6 / 8.5 = 3.01
        (8, "ratio", "wrong"),  # 25.6 / 8.5 = 3.0, not 5
        (9, "ratio", "right"),  # 854 / 358 = 2.39 > 2
    ],
    "10_ceilings.md": [
        (3, "arithmetic", "right"),  # ceil(112.5) = 113
        (4, "arithmetic", "wrong"),  # not 112
        (5, "arithmetic", "right"),  # ceil(33.3) = 34
        (6, "arithmetic", "wrong"),  # not 33
        (7, "arithmetic", "right"),  # ceil(13.5) = 14
        (8, "arithmetic", "right"), (8, "arithmetic", "right"),  # 113; 112*2 + 7 - 225 = 6
        # (line 8: 112 is out - 1 of TF's padding rule, no slip in carrying 113 on)
    ],
    "11_layers_of_a_kernel.md": [
        (3, "receptive field", "right"),  # 3*(3 - 1) + 1 = 7
        (5, "receptive field", "right"),  # 2*(3 - 1) + 1 = 5
        (7, "receptive field", "wrong"),  # 7, not 9
        (9, "receptive field", "right"),  # the form read before
    ],
    "12_hyphenated_word_before.md": [
        (3, "arithmetic", "right"),  # 784*163,328 = 128,049,152
        (4, "arithmetic", "wrong"),  # 196*163,328 = 32,012,288, not 32,021,288
        (5, "arithmetic", "right"),  # 25,088
        (6, "arithmetic", "wrong"),  # not 25,008
        (7, "arithmetic", "right"),  # a spaced minus opens a term in words: after its '='
    ],
    "13_each_figure_for_its_network.md": [
        # He et al. 2016, Table 6: ResNet-20 0.27M, ResNet-32 0.46M, ResNet-56 0.85M
        (3, "model", "right"), (3, "model", "right"), (3, "model", "right"),
        (4, "model", "right"), (4, "model", "wrong"), (4, "model", "wrong"),  # swapped
        (5, "model", "right"), (5, "model", "right"),  # 11,689,512; 21,797,672
        # line 6: no parameter word on the line (0.27M may be FLOPs): not read
        # line 7: "for a small model" is no network: the line is not read this way
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lh_form(name):
    from cnnstat.notes.check import check_file

    got = Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)
    assert got == Counter(EXPECTED[name])
