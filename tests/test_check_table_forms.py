"""`cnnstat check` on table, log and shape-list forms of real notes (issue 19): Darknet's
layer log (``0 conv 32 3 x 3 / 1 416 x 416 x 3 -> 416 x 416 x 32 0.299 BFLOPs``), the
size lines under a torchsummary table, a byte figure in the unit its calculation divides
by, a table whose first row is glued to its fence and headers with the unit in them,
receptive-field tables with dilation and jump columns, shapes in comments beside Keras
layers, chains of sizes after the kernel stated before them, a network's stages as a
progression or a list of block counts, Korean shape tables (VGG's conv3_2 names: the 2nd
conv of the 3rd stage), model tables aligned with spaces or split by bars alone, the size of weights from a rounded
count.

Each fixture under tests/fixtures/notes/table_forms was written for this repository in
its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked
out by hand in the comment beside it; a claim not listed fails the test as surely as a
missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "table_forms"

EXPECTED = {
    "01_darknet_log.md": [
        # darknet (convolutional_layer.c): out = (w + 2*pad - size)/stride + 1, pad=1 is
        # size/2; BFLOPs = 2 * filters * size^2 * c * out_h * out_w / 1e9;
        # max (maxpool_layer.c): out = (w + size-1 - size)/stride + 1,
        # BF = size^2 * c * out_h * out_w / 1e9
        (7, "shape", "right"),  # (320 + 2 - 3)/1 + 1 = 320, 16 filters
        (7, "flops", "right"),  # 2*16*9*3*320*320 = 88,473,600 -> 0.088
        (8, "shape", "right"),  # (320 + 1 - 2)/2 + 1 = 160
        (9, "shape", "right"),  # 160, 32 filters
        (9, "flops", "wrong"),  # 2*32*9*16*160*160 = 235,929,600 -> 0.236, not 0.263
        (10, "shape", "right"),  # (160 + 1 - 2)/2 + 1 = 80
        (11, "shape", "wrong"),  # (80 + 2 - 3)/2 + 1 = 40, but 64 filters give 64 channels
        (11, "flops", "right"),  # 2*64*9*32*40*40 = 58,982,400 -> 0.059 (on its own output)
        (12, "shape", "right"),  # upsample 2x: 80 x 80 x 64 (it reads row 4 as rebuilt)
        (19, "shape", "right"), (19, "flops", "right"),  # 2*8*27*4096 = 1,769,472 -> 0.002
        (20, "shape", "right"),  # (64 + 2 - 3)/2 + 1 = 32
        (20, "flops", "right"),  # 2*16*9*8*32*32 = 2,359,296 -> 0.002
        (21, "shape", "right"),  # max 2x2/1: (32 + 1 - 2)/1 + 1 = 32
        (21, "flops", "right"),  # 4*16*32*32 = 65,536 -> 0.000
        (22, "shape", "right"),  # groups 16: 16 filters, 32 x 32
        (22, "flops", "right"),  # 2*16*9*(16/16)*32*32 = 294,912 -> 0.000
        (23, "shape", "right"), (23, "flops", "right"),  # 2*32*16*1024 = 1,048,576 -> 0.001
        (24, "flops", "right"),  # 0.002 + 0.002 + 0.000 + 0.000 + 0.001 = 0.005
        (30, "shape", "right"), (30, "flops", "right"),  # 2*32*27*10,000 = 17,280,000
        # dilation 2: kernel spans 2*(3-1)+1 = 5, pad 2: (100 + 4 - 5)/1 + 1 = 100
        (31, "shape", "right"), (31, "flops", "right"),  # 2*32*9*32*10,000 = 184,320,000
        (32, "shape", "right"),  # (100 + 2 - 3)/2 + 1 = 50
        (32, "flops", "right"),  # 2*64*9*32*2,500 = 92,160,000 -> 0.092
        (33, "flops", "wrong"),  # 0.017 + 0.184 + 0.092 = 0.293, not 0.250 (a total above
        # the sum would be unsure: a layer that prints no BF may add to it)
        (39, "shape", "right"), (39, "flops", "right"),  # 2*64*9*128*52*52 = 398,721,024
        (40, "shape", "right"), (40, "flops", "right"),  # 2*128*9*64*26*26 = 99,680,256
        (40, "shape", "wrong"),  # layer 8 reads layer 7's 52 x 52 x 64, not 26 x 26 x 64
        # line 41: a route: layer 10 reads layer 7 again, not layer 9's output
        (42, "shape", "right"), (42, "flops", "right"),  # 2*32*64*2,704 = 11,075,584
    ],
    "02_torchsummary_footer.md": [
        # torchsummary: params size = total x 4 / 2^20; pass size = 2 x output elements x
        # 4 / 2^20; estimated total = input + pass + params
        (9, "summary", "right"),  # conv 1->16, 3x3: 9*16 + 16 = 160
        (10, "summary", "right"), (10, "summary", "right"),  # ReLU: 0, keeps 16x28x28
        (11, "summary", "right"), (11, "summary", "right"),  # pool 2: 0, 16x14x14
        (12, "summary", "right"),  # 16*14*14 = 3,136; 3,136*10 + 10 = 31,370
        (14, "summary", "right"),  # 160 + 31,370 = 31,530
        (15, "summary", "right"), (16, "summary", "right"),
        # 12,544 + 12,544 + 3,136 + 10 = 28,234; x 8 = 225,872 bytes = 0.2154 MiB
        (19, "summary", "right"),
        (20, "summary", "right"),  # 31,530 x 4 = 126,120 bytes = 0.1203 MiB
        (21, "summary", "right"),  # 0.00 + 0.22 + 0.12 = 0.34
        (31, "summary", "right"),  # 3*9*32 + 32 = 896
        (32, "summary", "right"),  # 2 x 32 = 64
        (33, "summary", "right"), (33, "summary", "right"),
        (35, "summary", "right"),  # 896 + 64 = 960
        (36, "summary", "right"), (37, "summary", "right"),
        (40, "summary", "right"),  # 3 x 131,072 elements x 8 = 3,145,728 bytes = 3.00 MiB
        (41, "summary", "right"),  # 3,840 bytes = 0.0037 MiB
        (42, "summary", "wrong"),  # 0.05 + 3.00 + 0.00 = 3.05, not 3.50
    ],
    "03_bytes_in_unit.md": [
        # a calculation that divides by the unit states the figure in that unit
        (3, "arithmetic", "right"),  # 46,758,048 / 1,048,576 = 44.5919
        (4, "arithmetic", "right"),  # 553,430,176 / 1,048,576 = 527.79 (MiB written MB)
        (5, "arithmetic", "right"),  # 553,430,176 / 10^6 = 553.43
        (6, "arithmetic", "wrong"),  # 102,228,128 / 1,048,576 = 97.49, not 102.3
    ],
    "04_glued_fence_table.md": [
        # ResNet-18/34/50: 11,689,512 / 21,797,672 / 25,557,032 parameters and 1.8 / 3.6 /
        # 4.1 GFLOPs as the paper (He et al. 2016, Table 1) counts multiply-adds
        (5, "model", "right"), (5, "model", "right"), (5, "model", "right"),
        (6, "model", "right"),
        (6, "model", "wrong"),  # 23.8M is Inception-v3's count, not ResNet-34's 21.8M
        (6, "model", "right"),
        (7, "model", "right"), (7, "model", "right"), (7, "model", "right"),
        # EfficientNet B0-B2 (Tan & Le 2019, Table 2): 5.3M/0.39B, 7.8M/0.70B, 9.2M/1.0B;
        # torchvision's B2 has 9,109,994 parameters (9.1M)
        (12, "model", "right"), (12, "model", "right"),
        (13, "model", "right"), (13, "model", "right"),
        (14, "model", "right"),
        (14, "model", "wrong"),  # 1.4 G MACs: B2 has about 1.0-1.1 G
    ],
    "05_rf_columns.md": [
        # RF_l = RF_(l-1) + (k - 1) * d * jump, jump_l = jump_(l-1) * s
        (6, "receptive field", "right"),  # 1 + 2*1*1 = 3
        (7, "receptive field", "right"),  # 3 + 2*2*1 = 7
        (8, "receptive field", "wrong"),  # 7 + 2*4*1 = 15, not 13
        (14, "receptive field", "right"), (14, "receptive field", "right"),  # 3, jump 1
        (15, "receptive field", "right"), (15, "receptive field", "right"),  # 3+1=4, jump 2
        (16, "receptive field", "right"), (16, "receptive field", "right"),  # 4+2*2=8, j 2
        (17, "receptive field", "wrong"),  # 8 + 2*2 = 12, not 14
        (17, "receptive field", "right"),  # jump 2
        (23, "receptive field", "right"), (23, "receptive field", "right"),  # 3; jump 2
        (24, "receptive field", "right"),  # dilation 2 at jump 2: 3 + 2*2*2 = 11
        (24, "receptive field", "right"),  # jump 2
        (25, "receptive field", "wrong"),  # 11 + 2*2 = 15, not 14
        (25, "receptive field", "right"),  # jump 2
    ],
    "06_keras_comments.md": [
        # Keras writes (None, H, W, C); valid: H - k + 1; 'same' at stride 1 keeps H;
        # pooling p: floor(H / p)
        (5, "shape", "right"),  # 32 - 5 + 1 = 28, 16 filters
        (6, "shape", "right"),  # 28 / 2 = 14
        (7, "shape", "wrong"),  # 14 - 3 + 1 = 12, but 32 filters give 32 channels, not 16
        (8, "shape", "right"),  # 12 * 12 * 32 = 4,608
        (9, "shape", "right"),  # Dense(10)
        (17, "shape", "right"),  # 'same': 64 x 64 x 8
        (19, "shape", "wrong"),  # 64 / 4 = 16, not 15
        (20, "shape", "right"),  # 1x1: 16 x 16 x 4
        # a fragment reading x, which no line above gave: only the channels are known
        (26, "shape", "wrong"),  # 48 filters give 48 channels, not 64
        (27, "shape", "right"),  # 48
        # in prose, the one shape after the layer: 28 - 3 + 1 = 26, 32 filters
        (30, "shape", "right"),
        (31, "shape", "wrong"),  # pooling keeps 32 channels: (None, 13, 13, 32)
        # line 32: the shape before the layer is its input: not judged
        # line 35: the comment says the shape is what the layer takes: not judged
        (39, "shape", "right"),  # input -> output: the output's 16 channels are its filters
        (40, "shape", "wrong"),  # from 10 x 10 x 16: 10 - 3 + 1 = 8, 16 channels, not 8
    ],
    "07_shape_chains.md": [
        # conv k, no padding, stride 1: n -> n - k + 1
        (3, "shape", "right"), (3, "shape", "right"),  # 7 -> 5 -> 3
        (5, "shape", "right"), (5, "shape", "right"),  # 10 -> 8 -> 6
        (5, "shape", "wrong"),  # three convs, three steps: 6 - 2 = 4, not 3
        (7, "shape", "right"),  # two 5x5 in one step: 12 -> 8 -> 4
        (9, "shape", "right"),  # 9 -> 7
        # line 9's 7 -> 4: no count says the step is the conv alone: unsure
        (11, "shape", "right"), (11, "shape", "right"),  # 11 -> 9 -> 7
        (13, "shape", "right"),  # stride 2 at the sentence's end: (9 - 3)/2 + 1 = 4
    ],
    "08_stages.md": [
        # He et al. 2016, Table 1: blocks per stage 18: 2,2,2,2; 34 and 50: 3,4,6,3;
        # 101: 3,4,23,3; 152: 3,8,36,3; widths 64, 128, 256, 512 (a bottleneck's output
        # 4x: 256 ... 2048). VGG-16 (config D): 2, 2, 3, 3, 3 convs of 64 ... 512.
        # DenseNet-121 (Huang et al. 2017, Table 1): 6, 12, 24, 16 layers a block.
        (3, "model", "right"), (4, "model", "right"),
        (5, "model", "wrong"),  # the 256×6 stage is left out
        (6, "model", "right"),
        (7, "model", "wrong"),  # ResNet-101's third stage has 23 blocks, not 6
        (8, "model", "right"),
        (12, "model", "right"),  # the heading's ResNet-152
        (14, "model", "right"),  # and not a depth of 16 layers
        # line 15: "ResNet" without a depth is no one network: not judged
        (16, "model", "wrong"),  # split by commas: ResNet-34's third stage has 6 blocks
    ],
    "09_korean_shape_tables.md": [
        # AlexNet at 227: conv1 11/4: (227 - 11)/4 + 1 = 55; pool 3/2: (55 - 3)/2 + 1 = 27;
        # conv2 5, pad 2: 27; pool: (27 - 3)/2 + 1 = 13; conv3 3, pad 1: 13
        (8, "model", "right"), (9, "model", "right"), (10, "model", "right"),
        (11, "model", "wrong"),  # 13x13x256, not 12x12
        (12, "model", "right"),
        # LeNet-5: 32 - 5 + 1 = 28; 14; 14 - 5 + 1 = 10; 5
        (19, "model", "right"), (20, "model", "right"), (21, "model", "right"),
        (22, "model", "wrong"),  # 10 / 2 = 5, not 4
        # VGG-16: 3x3 pad 1 keeps 224; pool 2: 112; conv2_x keep 112
        (29, "model", "right"), (30, "model", "right"), (31, "model", "right"),
        (32, "model", "right"),
        (33, "model", "wrong"),  # conv2_2 is still at 112x112, before pool2
    ],
    "10_aligned_model_tables.md": [
        # torchvision's EfficientNets (num_params; MACs at their evaluation crops 224,
        # 240, 288, 300, 600): B0 5,288,548 / 0.386G, B1 7,794,184 / 0.687G, B2 9,109,994
        # / 1.088G, B3 12,233,232 / 1.827G, B7 66,347,960 / 37.7G; the paper (Tan & Le,
        # Table 2) counts multiply-adds as FLOPs
        (7, "model", "right"), (7, "model", "right"), (7, "model", "right"),
        (8, "model", "right"), (8, "model", "right"), (8, "model", "right"),
        # line 9: 260 is the paper's input where torchvision crops 288: unsure
        (9, "model", "right"),  # 9.2M: the paper's B2 (Tan & Le 2019, Table 2; lb)
        (9, "model", "right"),  # 1.0B: 1.088G cut after one decimal
        (10, "model", "right"), (10, "model", "right"), (10, "model", "right"),
        (11, "model", "right"), (11, "model", "right"),
        (11, "model", "wrong"),  # 47B: neither 37.7G multiply-adds nor 75.5G FLOPs
        (15, "model", "right"), (15, "model", "right"),  # 11,689,512; 1.81G
        (16, "model", "wrong"),  # ResNet-152 has 60,192,808 parameters, not 62.2M
        (16, "model", "right"),  # 11.3 G multiply-adds (paper: 11.3 x 10^9 FLOPs)
        (19, "model", "right"), (19, "model", "right"),  # 3,504,872; 300.8M MACs
        (20, "model", "right"), (20, "model", "right"),  # 61,100,840; 714M MACs
    ],
    "11_rounded_weight_size.md": [
        # a rounded count stands for 137.5M..139M (nearest or cut): x 4 bytes is
        # 550M..556M bytes = 524.5..530.3 MiB
        (3, "memory", "right"),  # 528 MB read as MiB
        (4, "memory", "right"),  # 553 MB read as decimal MB
        (5, "memory", "wrong"),  # 600 MB: neither (nor at 2 or 8 bytes a parameter)
        (6, "memory", "right"),  # half: 25.55M..25.7M x 2 = 51.1..51.4 MB
        (7, "memory", "wrong"),  # fp16, 2 bytes: 23.4 MB (22.3 MiB); 45 MB is float32's
        (8, "memory", "right"),  # 60.15M..60.3M x 4 = 240.6..241.2M bytes = 229.5 MiB
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_table_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_no_traceback_on_zeroed_numbers():
    """Each table form with its numbers zeroed, huge or missing (hostile input) reads
    without an exception; a summary row of 0 channels once divided by zero."""
    import re

    from cnnstat.notes.check import check_text

    zero_rows = ("```\n        Layer (type)               Output Shape         Param #\n"
                 "================================================================\n"
                 "            Conv2d-1           [-1, 0, 28, 28]             160\n```\n")
    assert check_text(zero_rows).wrong == []
    # zeros that once raised, each found by zeroing a fixture's numbers: a rule of zero
    # MACs; a Keras row read from a map of no channels; "conv3-64 x 0" in a breakdown
    for text in ("0 MAC는 0 FLOPs이므로 1.5 GMACs는 약 3 GFLOPs이다.\n",
                 "max_pooling2d (MaxPooling2D) (None, 15, 15, 0)        0\n"
                 "conv2d_1 (Conv2D)            (None, 0, 0, 64)        0\n",
                 "# VGG-16\n\n| Layer | Parameters |\n|---|---|\n| conv3-64 x 0 | 38,720 |\n"):
        check_text(text)
    for name in sorted(EXPECTED):
        text = (FORMS / name).read_text(encoding="utf-8")
        for swap in ("0", "999999999999", ""):
            check_text(re.sub(r"\d+", swap, text))
            check_text(re.sub(r"(?<=\d)\d", swap, text))


def test_a_huge_figure_is_written_to_its_decimals():
    """``write_like`` of a figure past 28 digits (the decimal context's default) once
    raised; 10^40 to three places is the digits and ``.000``."""
    from fractions import Fraction

    from cnnstat.notes.reading.numbers import write_like
    from cnnstat.notes.reading.numerals import read_number

    like = read_number("12.345", 0)[0]
    assert write_like(Fraction(10**40), like) == "1" + "0" * 40 + ".000"
