"""`cnnstat check` on forms of Q&A threads and issue pages (issue 19): each fixture holds
right lines in a form that drew a false alarm on a correct thread written for the hunt
(tests/fixtures/notes/hostile_correct/kb-*) beside wrong lines the fix must still catch.
Expected values are hand arithmetic (written beside each line), torchvision's docs or the
papers' figures."""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/kb_forms"

EXPECTED = {
    "01_head_chain_counts.md": [
        (3, "params", "right"),  # Linear(128, 10): 128*10 + 10 = 1,290; the model's
        # 94,538 (896 + 18,496 + 73,856 + 1,290) is the whole model's: not the chain's
        (5, "params", "wrong"),  # 1,280 leaves out the 10 biases
        # line 7: ResNet-18 trunk 11,689,512 - 513,000 = 11,176,512, + 512*256 + 256
        # + 256*10 + 10 = 11,310,410: the whole network's, not the chain's: not judged
        (9, "params", "wrong"),  # 100*50 + 50 + 50*2 + 2 = 5,152, not 5,100
        (11, "params", "wrong"),  # 2048*512 + 512 + 512*5 + 5 = 1,051,653; 1,051,136
        # leaves out the biases; "on top of the frozen ResNet-50": not ResNet-50's count
        (13, "params", "right"),
        # line 15: 2,565 for the new layers on top of VGG16: not VGG16's count
        (17, "model", "wrong"),  # ResNet-50 without its fc: 25,557,032 - 2,049,000
        # = 23,508,032 (torchvision), not 35.5M
    ],
    "02_label_digits_algebra.md": [
        # a name's digits (conv1_1, pool1, stage3) and the brackets that gloss it are no
        # coefficient of the letter after them: "1 r = 3" is not read as algebra
        (3, "arithmetic", "right"),  # 5 + 1*1 = 6
        # (no formula: "pool1 (2x2/2) r" is a name and a letter, not r + (k - 1)*j's shape)
        (5, "arithmetic", "wrong"),  # 6 + 2*2 = 10, not 11
        (5, "arithmetic", "right"),  # 10 + 2*2 = 14
        (7, "arithmetic", "right"),  # 9 + 2*4 = 17
        (7, "arithmetic", "wrong"),  # 17 + 2*8 = 33, not 35
        (9, "symbolic", "right"),  # 3*(9C^2) = 27C^2
        (9, "symbolic", "wrong"),  # 2*(9C^2) = 18C^2, not 16C^2
    ],
    "03_table_from_later_layer.md": [
        # lines 7-9: a table from conv2_1 on (VGG16's conv1_1, conv1_2, pool1 left out):
        # its jumps and fields do not start from 1 at its first row: not judged
        # lines 15-17: AlexNet's conv3-conv5 fields (99, 131, 163: 67 + 2*16, + 2*16,
        # + 2*16 after pool2's 67 with jump 16), read by the named network's walk
        (15, "receptive field", "right"), (16, "receptive field", "right"),
        (17, "receptive field", "right"),
        # lines 23-26: from the input: 3, 5, 6 (jumps 1, 1, 2), conv2_1 6 + 2*2 = 10
        (23, "receptive field", "right"), (23, "receptive field", "right"),
        (24, "receptive field", "right"), (24, "receptive field", "right"),
        (25, "receptive field", "right"), (25, "receptive field", "right"),
        (26, "receptive field", "wrong"),  # 10, not 12
        (26, "receptive field", "right"),  # jump 2
    ],
    "04_size_of_terms.md": [
        # lines 3-7: a term whose figure is the size of what it counts in words ("one of
        # 96": one batch of 96 images; 60000 - 468*128 = 96, 10000 - 78*128 = 16): the
        # bracket is no sum of parts: not judged
        (9, "arithmetic", "wrong"),  # 23,232 + 46 = 23,278, not 23,296 (64 biases)
        (11, "arithmetic", "right"),  # 1,728 + 64 = 1,792
    ],
    "05_powers_of_ten_facts.md": [
        # He et al. 2016, Table 1: ResNet-50 3.8 x 10^9 FLOPs (multiply-adds), ResNet-152
        # 11.3 x 10^9; "the ResNet paper" names the source, ResNet-50 the figure's model
        (3, "model", "right"),
        (5, "model", "wrong"),  # 2.8 x 10^9 is not ResNet-50's 3.8 x 10^9
        (7, "model", "right"),
        # torchvision vgg16: 138,357,544 = 1.38 x 10^8
        (9, "model", "right"),
        (11, "model", "wrong"),  # 1.83 x 10^8: digits swapped
        # line 13: the power inside inline math is not read as a figure: not judged
    ],
    "06_glossed_breakdown_rows.md": [
        # LeNet with padding=2 on 1-channel 28x28: conv1 5*5*1*6 + 6 = 156
        (5, "model", "right"),
        (6, "model", "wrong"),  # 5*5*6*16 + 16 = 2,416: 2,400 leaves out the 16 biases
        # lines 7-9: fc1 (400→120) is the note's own numbering, not the spec's fc1
        # (LeNet-5's F6, 120 → 84): not judged by the spec's name
        (10, "model", "right"),  # 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706
        # torchvision vgg16: conv1_1 3*3*3*64 + 64 = 1,792; fc 25088*4096 + 4096
        # = 102,764,544; 4096*4096 + 4096 = 16,781,312
        (16, "model", "right"), (17, "model", "right"),
        (18, "model", "wrong"),  # 16,781,321: the last digits slipped
    ],
    "07_two_inputs_one_output.md": [
        (3, "arithmetic", "right"),  # (224 - 11)/4 + 1 = 213/4 + 1 = 54.25
        (3, "arithmetic", "right"),  # (227 - 11)/4 + 1 = 54 + 1 = 55
        # line 3: 224x224 with 55x55 beside the line's own 227 (which gives 55): AlexNet's
        # 224 or 227, unsure, not wrong
        (5, "shape", "wrong"),  # floor((227 - 11)/4) + 1 = 55, not 54
        (7, "arithmetic", "right"),  # 32 - 5 + 1 = 28 (LeNet's C1 on the padded input)
        (9, "shape", "wrong"),  # 28 - 5 + 1 = 24, not 26
    ],
    "08_bn_is_batchnorm.md": [
        # capital BN after a figure names batch norm (a unit word, as "weights"), not a
        # billion: 73,728 + 147,456 + 8,192 + 3*256 = 230,144 (ResNet-18 layer2 block 1,
        # checked with torch: 230,144 parameters)
        (3, "arithmetic", "right"),
        (5, "arithmetic", "right"),  # 2*128 = 256
        (7, "arithmetic", "wrong"),  # 2*128 = 256, not 265
        (9, "arithmetic", "right"),  # lowercase bn is a billion: 2 * 1.5 bn = 3 bn
        (13, "arithmetic", "wrong"),  # 73,728 + 147,456 + 8,192 = 229,376, not 229,367
    ],
    "09_headless_counts.md": [
        # line 3: 23.5M is resnet50 without its fc (25,557,032 - 2048*1000 - 1000
        # = 23,508,032): a backbone's count, unsure, not wrong
        (5, "arithmetic", "right"),
        # line 7: VGG16's convolutions alone: 138,357,544 - (102,764,544 + 16,781,312
        # + 4,097,000) = 14,714,688 (Keras include_top=False): unsure
        (9, "model", "wrong"),  # torchvision resnet50: 25,557,032, not 35.5M
        (11, "model", "wrong"),  # vgg16: 138,357,544, not 183M
        (13, "model", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kb_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(DIR / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
