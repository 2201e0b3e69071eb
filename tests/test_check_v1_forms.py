"""`cnnstat check` on forms first met in Korean course notes and read in any language: the
channels of a colour or a grayscale image (``modelfacts.imagechannels``); a count glued to
its counter word with its working in brackets (``arithmetic.bracketed.counted``); a table
of layers with weights, biases and parameters columns (``layerforms.wbtable``); a square
kernel's parameters said in prose, once or stacked (``paramcounts.kernelcount``); a layer's
count in the words after its call (``paramcounts.layercomment``, ``...)) 의 Param = 50``);
a fence labelled with a language no CNN code is written in, and an aligned table's columns
(``text``, ``reading.runs``); a network's figure in brackets after its name
(``modelfacts.named``); a list's items under a lead that names a network ("... 다음과
같습니다.", "as follows."): its convs' and pools' settings (``convsettings``, ``poolsettings``).

The fixtures under tests/fixtures/notes/v1_forms were written for this repository.
Reference values: an RGB image has three channels (red, green, blue), a grayscale image
one. A claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "v1_forms"

EXPECTED = {
    "01_image_channels.md": [
        (3, "model", "right"), (3, "model", "right"),  # RGB 3, 흑백 1
        (5, "model", "right"), (5, "model", "right"),  # grayscale 1, colour 3
        (8, "model", "right"),  # 1(gray); 4(colour) may be RGBA: unsure, no claim
        (9, "model", "right"),  # 1 channel (grayscale)
        (10, "model", "right"), (10, "model", "wrong"),  # 1(흑백) right, 2(컬러): 3
        (13, "model", "wrong"),  # colour in 2 channels
        (15, "model", "wrong"),  # a colour photo of 1 channel
        # line 17: a shape, no kind's count; line 19: pencils, no channels
        (21, "model", "right"),  # 3 channels (RGB); 4 for RGBA is no colour's count here
    ],
    "02_counted_working.md": [
        (3, "arithmetic", "right"),  # 3*3*3*16 = 432
        (5, "arithmetic", "wrong"),  # 3*3*16*16 = 2,304, not 4,608
        (7, "arithmetic", "wrong"),  # 3*3*16*64 = 9,216, not 9,000
        (9, "arithmetic", "right"),  # 3*3*64*64 = 36,864
        # a sum beside a count (a network's stages) is no working of it: shown, not judged
        (11, "arithmetic", "info"),
    ],
    "03_weight_bias_table.md": [
        # 3x3x3x16 = 432 weights, 16 biases, 448 in all
        (6, "arithmetic", "right"), (6, "params", "right"), (6, "params", "right"),
        # 3x3x16x32 = 4,608 and 32 biases make 4,640, not 4,650
        (7, "arithmetic", "wrong"), (7, "params", "right"), (7, "params", "right"),
        # 9,216 over 32 channels in and 64 out is 4.5 a filter: no square kernel, unsure
        (9, "arithmetic", "right"), (9, "params", "right"),
        # 16x16x64 = 16,384 inputs x 128 = 2,097,152
        (10, "arithmetic", "right"), (10, "params", "right"), (10, "params", "right"),
        # 10 units have 10 biases, not 100; 128 x 10 = 1,280 weights
        (11, "arithmetic", "right"), (11, "params", "wrong"), (11, "params", "right"),
        # channels first (CxHxW): 5x5x1x8 = 200, 5x5x8x16 = 3,200, 16x20x20 x 10 = 64,000
        (18, "arithmetic", "right"), (18, "params", "right"), (18, "params", "right"),
        (19, "arithmetic", "right"), (19, "params", "right"), (19, "params", "right"),
        (20, "arithmetic", "right"), (20, "params", "right"), (20, "params", "right"),
    ],
    "04_kernel_counts.md": [
        # one channel's weights: n kernels of k x k hold n*k*k (VGG's argument for 3x3)
        (3, "params", "right"),  # 7*7 = 49
        (5, "params", "right"),  # 3 * 3*3 = 27
        (7, "params", "right"), (7, "params", "right"),  # 5*5 = 25; 2 * 3*3 = 18
        (9, "params", "wrong"),  # 48: a multiple of neither 49 nor 50
        (11, "params", "right"),  # 2 * (9 + 1) = 20 with a bias each
        # line 13: 27 over an RGB input (3*3*3), line 15: 1,792 with 64 filters: unsure
        (17, "params", "right"),  # the stride is no count: 3*3 = 9
        # line 19: "3x3 필터 8개": 8 counts the filters, no parameters; line 21: a question
    ],
    "05_count_after_call.md": [
        (3, "params", "right"),  # (3*3*1 + 1)*16 = 160, said after the call in prose
        # line 5: (5*5*3)*8 = 600 is the weights alone of a conv with biases: unsure
        (7, "params", "right"),  # 784*100 + 100 = 78,500
        (10, "params", "right"),  # 100*64 + 64 = 6,464, Korean words in a plain fence
        (13, "params", "wrong"),  # 3*3*2*4 + 4 = 76, not 80
    ],
    "06_aligned_fence.md": [
        # a fence labelled scheme (for its colours) is read as text; a bracket two spaces
        # after a figure is the next column, no factor of it
        (5, "arithmetic", "right"), (5, "arithmetic", "right"),  # 32 - 2 = 30; 28*16 = 448
        (6, "arithmetic", "right"),  # 30 - 2 = 28
        (6, "arithmetic", "wrong"),  # (144 + 1)*16 = 2,320, not 2230
        (7, "arithmetic", "right"),  # (12,544 + 1)*64 = 802,880
        (8, "arithmetic", "right"),  # 65*10 = 650 (not 10 x 65 x 10)
        (12, "arithmetic", "right"),  # a python fence stays code: its comment's working
    ],
    "07_named_brackets.md": [
        # a figure in brackets glued to a name, no word of what it counts: right where it
        # is the network's parameters (GoogLeNet 6.6-7.0M, VGG19 143.7M) or multiply-adds
        # (ResNet-50 4.1G, ResNet-18 1.8G, torchvision's), never wrong
        (3, "model", "right"), (3, "model", "right"),
        (5, "model", "right"), (5, "model", "right"),
        # line 7: a count of images; line 9: 9M is AlexNet's neither: unsure, no claim
    ],
    "08_list_lead.md": [
        # items of a list whose lead names the network (Krizhevsky et al. 2012: conv1
        # 11x11 stride 4; overlapping 3x3 pools, stride 2; Simonyan & Zisserman 2015: 3x3
        # convs, stride 1, padding 1; 2x2 pools, stride 2)
        (4, "model", "right"),
        (5, "model", "wrong"),  # no 7x7 conv in AlexNet (that is ZFNet's, ResNet's)
        (6, "model", "right"),
        (9, "model", "right"), (10, "model", "right"),
        # line 12: a conv of no network (past the list): not judged
        # lines 14-16: an "AlexNet-like" stack leads no list of AlexNet's; "pool1" is a
        # layer's name, no 1-wide window (its jump, 1 x 2 = 2, is the field reader's)
        (16, "receptive field", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_v1_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
