"""`cnnstat check` on a layer's parameter count stated in a sentence that sets the layer
out (issue 19, item 4: mistakes of intent), in English and Korean: a fully connected
layer's inputs and units (``784 inputs x 100 neurons``, ``from 4096 to 1000 classes``,
``256개의 입력과 128개의 뉴런``, ``입력 512, 출력 10``), a conv's kernel and channels (an
RGB or grayscale image being 3 or 1 of them); the count judged by the layer algebra,
the term a wrong one leaves out named; nothing said of a sentence about two layers, a
whole network, a difference or one filter (``paramwords``); a table of outputs and counts
with no kernel column (``layerparams``); a named network's costs listed layer by layer
and their total (``layerlist``); a count worked in a comment after unfenced code; a
count in the sentence after the layer's (``paramabove``: ``... 64 filters of 3x3x32. It
has 18,432 parameters.``).

Each fixture under tests/fixtures/notes/paramwords_forms was written for this repository
in its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked
out by hand in the comment beside it; a claim not listed fails the test as surely as a
missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "paramwords_forms"

EXPECTED = {
    "01_counts_in_prose_en.md": [
        # 784 x 100 = 78,400 weights (+ 100 biases = 78,500): 79,400 is neither
        (3, "params", "wrong"),
        (5, "params", "right"),  # 784 x 100 + 100 = 78,500
        (7, "params", "right"),  # 4096 x 1000 + 1000 = 4,097,000
        (9, "params", "right"),  # 5*5*3*16 = 1,200 + 16 = 1,216
        (11, "params", "right"),  # 3*3*64*128 = 73,728 + 128 = 73,856
        # 3*3*3*32 = 864 + 32 = 896; 288 = 3*3*32 leaves out the 3 input channels
        # (and the biases); the arithmetic 32 * 9 = 288 is right as arithmetic
        (13, "params", "wrong"), (13, "arithmetic", "right"),
        (15, "params", "wrong"),  # bias included: 73,728 + 128 = 73,856, not 73,728
        # line 17: two convs; line 19: a difference ("fewer ... than"); line 21: a
        # whole network's count; line 23: one filter's count: none judged
        (25, "params", "right"),  # the image flattened: 64*64*3 = 12,288 inputs x 1
    ],
    "02_counts_in_prose_ko.md": [
        # 256 x 128 = 32,768 weights (+ 128 = 32,896); 33,024 = 256 x 129, a bias for
        # each input, not each neuron
        (3, "params", "wrong"),
        (5, "params", "right"),  # 3*3*3*32 + 32 = 896
        (7, "params", "right"),  # grayscale: 5*5*1*20 + 20 = 520 (약 520)
        (9, "params", "right"),  # 512 x 10 + 10 = 5,130
        # RGB: (3*3*3 + 1)*10 = 280; (3*3+1)*10 = 100 leaves out the 3 input channels,
        # right as arithmetic
        (11, "params", "wrong"), (11, "arithmetic", "right"),
        # line 13: two such layers (두 개); line 15: each filter's count (각각의 필터)
        (17, "params", "wrong"),  # 32*32 = 1,024 inputs x 10 = 10,240 weights, not 1,024
    ],
    "03_table_no_kernel.md": [
        # no kernel column: each conv's kernel is the odd k that gives its count on the
        # channels of the map above (the output column), (k*k*c_in + 1)*c_out
        (6, "params", "right"),  # 3*3*3*32 + 32 = 896
        (7, "params", "right"),  # 3*3*32*32 + 32 = 9,248
        (9, "params", "right"),  # 3*3*64*64 + 64 = 36,928 (Block 2's 64 channels in)
        # lines 10, 11: 18,496 = 3*3*32*64 + 64 and 2,112 = 32*64 + 64 fit no kernel on
        # 64 channels but a conv on the 32-channel map above (a shortcut): unsure
        # line 12: the convs above share 3x3; 73,792 = (9*128 + 1)*64 fits no kernel on
        # 64 channels nor on any map above: (9*64 + 1)*64 = 36,928
        (12, "params", "wrong"),
        (17, "params", "right"),  # 5*5*1*16 + 16 = 416
        (18, "params", "right"),  # 5*5*16*32 + 32 = 12,832
        # line 19: 12,832 again on 32 channels in; it fits the 16-channel map above: unsure
        # line 20: the table's 5x5; 51,232 = (25*64 + 1)*32: (25*32 + 1)*32 = 25,632
        (20, "params", "wrong"),
    ],
    # a named network's costs listed layer by layer (``layerlist``), reference MACs by
    # hand: torchvision AlexNet at 224 (5 convs, 3 fully connected), conv1 55*55*64*363 =
    # 70,276,800; conv2 27*27*192*1,600 = 223,948,800; conv3 13*13*384*1,728 =
    # 112,140,288; conv4 13*13*256*3,456 = 149,520,384; conv5 13*13*256*2,304 =
    # 99,680,256; fc6 9,216*4,096 = 37,748,736; fc7 16,777,216; fc8 4,096,000; sum
    # 714,188,480 (torchvision publishes 0.71 GFLOPS, multiply-adds)
    "04_cost_list_en.md": [
        (5, "cost", "right"),  # every figure its layer's MACs
        (6, "cost", "right"), (6, "model", "right"),  # 714,188,480 = 0.714G
        # line 10: 2 x MACs, but conv5's 99,680,256 is its MACs: 199,360,512
        (10, "cost", "wrong"),
        # 1.329 G is the printed list's sum (1,328,696,704); with conv5 at 2 x MACs the
        # layers sum to 2 x 714,188,480 = 1,428,376,960; the model reader says the same
        (11, "cost", "wrong"), (11, "model", "wrong"),
    ],
    # VGG-11 at 224 (Simonyan & Zisserman, config A), MACs by hand: conv1 224*224*64*27 =
    # 86,704,128; 112*112*128*576 = 924,844,032; 56*56*256*1,152 = 924,844,032;
    # 56*56*256*2,304 = 1,849,688,064; 28*28*512*2,304 = 924,844,032; 28*28*512*4,608 =
    # 1,849,688,064; 14*14*512*4,608 = 462,422,016 (twice); fc 25,088*4,096 =
    # 102,760,448, 16,777,216, 4,096,000; sum 7,609,090,048
    "05_cost_list_ko.md": [
        (3, "cost", "wrong"),  # conv1 173,408,256 is twice its 86,704,128 MACs
        (4, "cost", "wrong"),  # 7.70G sums the list as printed; the layers give 7.609G
    ],
    # code pasted without a fence, its count worked in the comment after " # "
    "06_comment_after_code.md": [
        # line 3: an assignment, no result written
        (4, "arithmetic", "right"),  # 864 + 32 = 896
        (5, "arithmetic", "wrong"),  # 864 + 32 = 896, not 986
        (7, "arithmetic", "right"),  # 1,728 + 64 = 1,792
    ],
    # the weights' bytes from the count (``weightsize``): the count after "is" or a
    # Korean particle, a type word before "parameters", a plain byte figure after
    # "number of bytes is", Korean numerals (2천5백만 = 25,000,000)
    "07_weight_bytes.md": [
        (3, "memory", "wrong"),  # 11,000,000 x 4 = 44,000,000 bytes, not 4,400,000
        (5, "memory", "right"),  # 5.3M x 4 = 21.2 MB, about 21 MB
        (7, "memory", "right"),  # 25,000,000 x 4 = 100,000,000 bytes = 100 MB
        (9, "memory", "wrong"),  # fp16: 3,000,000 x 2 = 6 MB, not 60 MB
    ],
    # the count in the sentence after the one that sets out the layer, on the same line
    "08_count_next_sentence.md": [
        # line 3: 3*3*3*32 + 32 = 896, right, but the count's sentence holds another size
        # (32x32, read as a kernel other than the 3x3): nothing said
        (5, "params", "right"),  # 3*3*32*64 = 18,432 weights (biases left aside)
        (7, "params", "right"),  # 3*3*64*128 + 128 = 73,856
        (7, "arithmetic", "right"),  # 73,728 + 128 = 73,856
        (9, "params", "wrong"),  # 3*3*128*128 + 128 = 147,584; 16,512 leaves out the 3x3
        (11, "params", "right"),  # 3*3*64*64 + 64 = 36,928
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_paramwords_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
