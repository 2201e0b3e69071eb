"""`cnnstat check` on forms the checker left unjudged in real notes (issue 19, helper qb:
judged hunter), each beside correct twins (``hostile_correct/qb-*.md``).

Mechanisms:
- a named network's costs printed one layer a line (``layer: block1_conv1  MegaFLOPS:
  176.61952``, ``conv1  MMACs: 105.4152``, ``C1: 235200 FLOPs``): the k-th row is the
  k-th conv or fully connected layer of the section's network, its convention fixed by
  the first three rows; a row that does not fit is unsure, never wrong (a counter may
  skip a layer); a run of every layer, all fitting, has its total judged
  (``costs/layerrows``);
- a statement of ``forward()`` whose input is not known yet, its comment a pair of maps
  (``x = self.conv1(x)  # [1, 28, 28] -> [32, 26, 26]``): the left side is the tensor it
  is called on, the right side judged by the layer algebra from it
  (``codeforms/forwardin.beside``);
- a Torch7 module printed as a Lua table (``kW : 7``, ``weight : CudaTensor - size:
  12x392``, ``output : CudaTensor - size: 1x12x59x59``), judged when its brace closes:
  weights and biases against its planes and kernel, the output from the module printed
  before it, ``finput`` against the output printed; what does not agree is unsure
  (``layerforms/torchrecord``);
- a layer's settings in the course letters (``f = 3, s = 1, p = 0 with 10 filters``,
  ``$f^{[1]} = 5, s^{[1]} = 1$``, ``f[2] = 3, s[2] = 2``): the filter's size by its letter
  where a stride or padding letter stands beside it, the walkthrough's kernel
  (``maps/letters``); a layer's index in brackets is no factor of the symbol
  (``rules/symvalues``: ``f[2] = 3`` after ``f=2`` was read as f x 2 = 3, wrong);
- a figure, its noun and its working in brackets with the factors labelled in words
  (``156 trainable parameters (6 channel x (5 x 5 receptive field + 1 bias))``): the
  labels dropped, the rest read by the grammar; right where it gives the figure, nothing
  said where not (``arithmetic/wordworking``);
- a map written channels first (``64x112x112``) is a size for the shape reader
  (``maps/shapeitems``); ``LAYER, stride 2: A -> B`` is one step of that layer
  (``maps/shapes``); a layer in brackets after a map, then an arrow (``6@28x28 (5x5 conv)
  -> 6@14x14 (2x2 subsampling)``), may be the one that made the map: no "wrong" there
  (twin ``hostile_correct/qb-06``).

Expected values: plain arithmetic in the comments (MACs = out_h * out_w * out_c * k*k*c_in
/ groups; FLOPs = 2 x MACs, plus one add an output where the counter adds the biases).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/qb_forms"

EXPECTED = {
    "01_cost_rows.md": [
        # AlexNet as published (two groups in conv2, conv4, conv5), MACs:
        (8, "cost", "right"),  # 55*55*96 * 11*11*3 = 290,400 * 363 = 105,415,200
        (9, "cost", "right"),  # 27*27*256 * 5*5*48 = 186,624 * 1,200 = 223,948,800
        (10, "cost", "right"),  # 13*13*384 * 3*3*256 = 64,896 * 2,304 = 149,520,384
        (11, "cost", "right"),  # 13*13*384 * 3*3*192 = 64,896 * 1,728 = 112,140,288
        (12, "cost", "right"),  # 13*13*256 * 3*3*192 = 43,264 * 1,728 = 74,760,192
        (13, "cost", "right"),  # 9,216 * 4,096 = 37,748,736
        (14, "cost", "right"),  # 4,096 * 4,096 = 16,777,216
        (15, "cost", "right"),  # 4,096 * 1,000 = 4,096,000
        (16, "cost", "right"),  # the eight summed: 724,406,816
        # VGG16 at 224, 2 x MACs + one add an output:
        (22, "cost", "right"),  # 2 * 224*224*64*27 + 224*224*64 = 173,408,256 + 3,211,264 = 176,619,520
        (23, "cost", "right"),  # 2 * 224*224*64*576 + 3,211,264 = 3,702,587,392
        (24, "cost", "right"),  # 2 * 112*112*128*576 + 112*112*128 = 1,849,688,064 + 1,605,632 = 1,851,293,696
        # line 25 (c2_2 given c2_1's figure; 2 * 112*112*128*1152 + 1,605,632 = 3,700,981,760): unsure, not wrong
        (26, "cost", "right"),  # 2 * 56*56*256*1152 + 56*56*256 = 1,849,688,064 + 802,816 = 1,850,490,880
        # LeNet-5 (C3 with its partial connection table), 2 x MACs:
        (32, "cost", "right"),  # 2 * 28*28*6 * 25 = 235,200
        (33, "cost", "right"),  # 2 * 10*10 * 60*25 = 300,000 (60 channel pairs in the table)
        (34, "cost", "right"),  # 2 * 120 * 16*25 = 96,000
        (35, "cost", "right"),  # 2 * 84 * 120 = 20,160
        (36, "cost", "right"),  # 235,200 + 300,000 + 96,000 + 20,160 = 651,360 ('costs in words' and
        (36, "cost", "right"),  # the rows' total both judge it)
        # the toy network names no bundled one; ResNet-18's two rows are fewer than three
    ],
    "02_forward_pair_input.md": [
        (14, "shape", "right"),  # conv 5x5 stride 1 on 28: 28 - 5 + 1 = 24, 16 filters
        (16, "shape", "right"),  # conv 3x3 pad 1 on 24: 24 + 2 - 3 + 1 = 24, 32 filters
        (17, "shape", "right"),  # max_pool2d(2) on 24: 12
        (31, "shape", "wrong"),  # PLANTED: conv 3x3 stride 2 pad 1 on 64: (64 + 2 - 3)//2 + 1 = 32, not 31
        (32, "shape", "right"),  # conv 3x3 pad 1 keeps 32
    ],
    "03_torch7_printout.md": [
        (14, "shape", "right"),  # weight 16 out x 3 in x 5 x 5
        (15, "shape", "right"),  # bias: one a plane out, 16
        # line 16: the first module's output, its input not printed: not judged
        (29, "shape", "right"),  # pool 3x3/2, ceil mode, on 64: ceil((64 - 3)/2) + 1 = 32; 16 channels kept
        (36, "shape", "right"),  # gradWeight 32 x (16*3*3 = 144)
        (37, "shape", "right"),  # conv 3x3 pad 1 stride 1 on 32: 32; 32 planes
        (38, "shape", "right"),  # finput (16*3*3 = 144) x (32*32 = 1024)
        (39, "shape", "right"),  # weight 32 x 144
        (50, "shape", "right"),  # weight 64 x (32*3*3 = 288)
        # line 51 PLANTED, unsure not wrong: pad 0, 3x3 on 32 gives 30, not 32
        (52, "shape", "right"),  # finput 288 x (32*32), as the output printed says
    ],
    "04_course_letters.md": [
        (7, "shape", "right"),  # (64 - 5)/1 + 1 = 60, 8 filters
        (9, "shape", "right"),  # pool 2/2 on 60: 30
        (11, "shape", "right"),  # (30 + 2 - 3)//2 + 1 = 15, 16 filters
        (13, "shape", "right"),  # (15 + 2 - 3)/1 + 1 = 15, 32 filters
        (15, "shape", "wrong"),  # PLANTED: (15 - 3)//2 + 1 = 7, not 6
    ],
    "05_word_working.md": [
        (3, "arithmetic", "right"),  # 6 x (5*5*3 + 1) = 6 x 76 = 456
        (4, "arithmetic", "right"),  # 6 x (1 + 1) = 12
        (5, "arithmetic", "right"),  # 16 x (5*5*6 + 1) = 16 x 151 = 2,416
        (6, "arithmetic", "right"),  # 400 x 120 + 120 = 48,120
        (7, "arithmetic", "right"),  # 84 x 10 + 10 = 850
        (7, "params", "right"),  # (the dense layer's count read from its sentence: 84 in, 10 out)
        (8, "arithmetic", "right"),  # 16 x (5*5*6 + 1) = 2,416
        # line 9 PLANTED, not judged: 16 x 5 x 5 x 6 + 16 = 2,416, not 3,000 (a working
        # that does not give its figure may be a part's: nothing is said)
    ],
    "06_channels_first.md": [
        (3, "shape", "right"),  # pool 2/2 on 112: (112 - 2)//2 + 1 = 56
        (7, "shape", "wrong"),  # PLANTED: pool 2/2 on 56: (56 - 2)//2 + 1 = 28, not 27
        (11, "shape", "right"),  # pool 2/2 on 28: 14
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_qb_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
