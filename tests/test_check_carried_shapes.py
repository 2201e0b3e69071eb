"""`cnnstat check` carrying a tensor's state (its channels, its size) from line to line in
code and in words, each layer read applied by the layer algebra, a stated size judged
against the state (issue 19): PyTorch ``forward()`` comments where the input is unknown
(the layer a statement ends with still fixes the channels or features); comments alone
under a layer's definition in ``__init__``; how many convolutions take a size to another
(``convcount``); a stated input and output on two comments of one layer's call; a
listing of layers, each with its output beside it; an output judged wrong stated again a
few lines on (``echoes``); a layer block whose output comes before its settings
(``layerblock``); PyTorch layers written inline in prose (``proseflow``); a walkthrough that tells a step
again under it (``walkthrough``).

Each fixture under tests/fixtures/notes/carried_shapes was written for this repository in
its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out
by hand in the comment beside it; a claim not listed fails the test as surely as a missing
one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "carried_shapes"

EXPECTED = {
    "01_forward_channels.md": [
        # the input is never stated: conv1 has 8 filters, so its output (pooled) has 8
        # channels, not 6; the height and width are taken as stated (14x14)
        (14, "shape", "wrong"),
        # from (8, 14, 14): conv2 3x3 pad 1 keeps 14 -> 16 channels, pool 2 -> (16, 7, 7)
        (15, "shape", "right"),
        (16, "shape", "right"),  # flattened: 16 * 7 * 7 = 784
        (17, "shape", "wrong"),  # fc1 has 64 outputs, not 128
        (18, "shape", "right"),  # fc2: 10
        # second model, input unknown: c1 has 32 filters, pooling keeps them: 32 agrees,
        # but the size (5x5 conv, pool 2: 14x14 only from a 32x32 input) is not known:
        # line 32 is not judged, its shape taken as stated
        # from (32, 14, 14): c2 3x3 no padding -> 12x12 with 48 channels, not 64
        (33, "shape", "wrong"),
        # x.mean(...) is not followed; head = Linear(48, 5) gives 5 features, not 6
        (35, "shape", "wrong"),
        # line 46: (30, 62, 16) has the conv's 16 channels last on a map that is not
        # square: not judged; line 47 states an input: not judged
        # a comment alone under the statement: the conv has 24 filters, not 12
        (62, "shape", "wrong"),
        (65, "shape", "right"),  # fc: Linear(24, 7) gives 7 features
    ],
    "02_init_comments.md": [
        # comments alone under a layer's definition, a blank line after them: its output
        # line 9: conv1 has 16 filters, as stated; its input's size is not known: not
        # judged, the shape taken as stated
        (12, "shape", "right"),  # max pool 2: (16, 28, 28) -> (16, 14, 14)
        (15, "arithmetic", "right"),  # 3*3*16 = 144, +1 = 145, *32 = 4,640
        (15, "params", "right"),  # the count of conv2, the layer the comment is under
        (16, "shape", "wrong"),  # conv2 has 32 filters, not 16
        # line 18 sits above conv3 with nothing between: not read; conv3 3x3 pad 1 keeps
        # 14x14 with 64 filters
        (20, "shape", "right"),
        (23, "shape", "wrong"),  # Linear(..., 10) gives 10 features, not 12
        # second module: the conv has 24 filters, not 20 (the size as stated: 28x28)
        (34, "shape", "wrong"),
        (38, "shape", "right"),  # avg pool 2: (24, 28, 28) -> (24, 14, 14)
        # line 41 has a definition right under it: it may be of conv b, not read
    ],
    "03_conv_counts.md": [
        # valid 3x3 convs take 2 off a side: 31 -> 1 is (31 - 1) / 2 = 15 convs. Line 3
        # restates the question (no one conv takes 31x31 to 1x1: no claim)
        (5, "count", "right"), (5, "arithmetic", "right"),  # (31 - 1)/2 = 15
        (6, "count", "right"),
        # 5x5: 4 off a side, (41 - 1) / 4 = 10 convs (41, 37, ..., 5, 1: 11 sizes)
        (13, "count", "right"),
        (14, "count", "wrong"), (14, "arithmetic", "right"),  # 40/4 + 1 = 11 sizes, 10 convs
        (17, "count", "right"),  # 3x3: (15 - 1) / 2 = 7
        (20, "count", "wrong"),  # 5x5: (21 - 1) / 4 = 5, not 6
        # line 22 states a stride of 2 (no fixed step): its answer is not judged
        # line 27 counts for another kernel (5x5): not judged
        (28, "shape", "right"),  # 11, 9, ..., 1: each 2 less
        # line 29 grows: no chain of convolutions; line 30 asks for parameters: it ends
        # the question, and its answer (line 31, "5 times 9") is no count of convolutions
    ],
    "04_size_chains.md": [
        # 5x5: 4 off a side. 21 -> 17 -> 13 -> 9, then 5 (a map here: 9 - 4 = 5) -> 1
        (3, "shape", "right"), (4, "shape", "right"),
        (6, "count", "right"),  # (21 - 1) / 4 = 5
        # 3x3: 11 -> 9 -> 7, on the next line 7 -> 5 (right) but 5 -> 4 (3 is right)
        (10, "shape", "right"), (11, "shape", "wrong"),
        (13, "count", "right"),  # (11 - 1) / 2 = 5
        # steps in words, the start left to the chain: 9 -> 7 -> 5 -> 3 -> 1
        (17, "shape", "right"), (18, "shape", "right"), (19, "shape", "right"),
        (20, "shape", "right"),
        (21, "count", "right"),  # (9 - 1) / 2 = 4, the chain starting at 9
        # one size a line: 9 (the start), 7 right, 5x7 not square (5x5 is right); the
        # chain starts again at 5x5 (line 27: no verdict), then 3 and 1 right
        (25, "shape", "right"), (26, "shape", "wrong"), (28, "shape", "right"),
        (29, "shape", "right"),
        # a division's result as the count: (23 - 1) / 2 = 11 convs, not 23/2 = 12 (the
        # arithmetic, 11.5 written 12, is the arithmetic reader's: right to its digits)
        (32, "count", "wrong"), (32, "arithmetic", "right"),
        # line 33: 9 is a size on the chain from 23 (23 - 2*7): no count
        (33, "arithmetic", "right"),
    ],
    "05_split_comments.md": [
        # the input on one setting's line, the output on a later one of the same call
        (8, "shape", "wrong"),  # 5x5, no padding: 64 - 5 + 1 = 60, not 64
        (10, "shape", "right"),  # conv2's input: conv1's output carried, 16 x 60 x 60
        (12, "shape", "right"),  # 3x3 stride 2: (60 - 3) // 2 + 1 = 29
        (13, "shape", "right"),  # conv3's input: conv2's output carried, 32 x 29 x 29
        (14, "shape", "right"),  # 3x3 pad 1 keeps 29
        # lines 15-16: the output before the input: not read
    ],
    "06_layer_listing.md": [
        # a docstring's listing from 128x128x3: 7x7/2 pad 3 -> (128 + 6 - 7) // 2 + 1 = 64
        (7, "shape", "right"),
        (9, "shape", "right"),  # max pool 3/2 pad 1: (64 + 2 - 3) // 2 + 1 = 32
        (10, "shape", "right"),  # 3x3/2 pad 1: (32 + 2 - 3) // 2 + 1 = 16, 64 channels
        (11, "shape", "wrong"),  # 3x3 pad 0: 16 - 3 + 1 = 14, not 16
        # from torch.randn(1, 1, 28, 28): 5x5 -> 24, pool -> 12, 5x5 -> 8, pool -> 4
        (17, "shape", "right"), (18, "shape", "right"), (19, "shape", "right"),
        (20, "shape", "right"),
        (21, "shape", "right"),  # Linear(256, 10): 10 features
        # from 32x32x3: 3x3 pad 1 keeps 32 (8 channels); 3x3/2 pad 1 -> 16
        (26, "shape", "right"), (27, "shape", "right"),
        (28, "shape", "wrong"),  # conv_c has 12 filters: 8x8x12, not 8x8x16
        # line 29 is code no reader takes apart: line 30's chain is not known, its 12
        # channels agree, its size is not judged
    ],
    "07_output_echo.md": [
        (1, "shape", "wrong"),  # (7 - 3) // 2 + 1 = 3: 3x3, not 2x2
        (5, "shape", "wrong"),  # the same wrong output stated again as the output
        # lines 7-8: no size judged wrong there, nothing stated again
        (10, "shape", "wrong"),  # 9 - 3 + 1 = 7: 7x7, not 6x6
        (11, "shape", "wrong"),  # stated again
    ],
    "08_block_output_first.md": [
        # the output stated before the kernel and filters: judged once they are read
        (3, "shape", "right"),  # 3x3 on 32: 30, 16 filters
        (10, "shape", "right"),  # pool 2 on the block above's 30x30x16: 15x15x16
        # 5x5 on 15 gives 11 unpadded, 13 with padding 1 (not stated: the size unsure),
        # but 32 filters give 32 channels, not 16
        (14, "shape", "wrong"),
        # line 19: the kernel never stated: not judged
    ],
    "09_inline_layers.md": [
        # from (1, 28, 28): 5x5 conv, 8 filters -> 24 (the signature with names is no layer)
        (3, "shape", "right"),
        (5, "shape", "right"),  # max pool 2/2 -> 12
        (6, "shape", "wrong"),  # 3x3 pad 1 keeps 12: (16, 12, 12), not 10
        (9, "shape", "right"),  # from (3, 32, 32): 3x3 stride 2 -> (32 - 3) // 2 + 1 = 15
        (10, "shape", "wrong"),  # max pool 3/2: (15 - 3) // 2 + 1 = 7, not 8
        # line 14, as a rule of thumb (``shrinkrule``): a 2x2 pooling, stride its window,
        # takes n to n // 2: "halves the size" is right
        (14, "shape", "right"),
        # line 15: a pooling told in words came after the conv: (16, 16, 16) is not
        # judged (not through the pooling alone from line 12's (3, 32, 32) either)
    ],
    "10_walk_told_again.md": [
        # each map in brackets is also a product the arithmetic reader works out (info)
        *[(n, "arithmetic", "info") for n in (1, 2, 4, 5, 8, 10, 11, 13, 15)],
        (2, "shape", "right"),  # 64 - 3 + 1 = 62
        # line 3 tells the step again (64 -> 62): the walk goes on
        (4, "shape", "right"),  # 62 - 3 + 1 = 60
        (5, "shape", "right"),  # pool 2: 30
        # line 6 tells the pooling again: no new layer waiting for a map; as a rule of
        # thumb (``shrinkrule``), a 2x2 pooling (stride its window) halves: right
        (6, "shape", "right"),
        (8, "shape", "wrong"),  # 30 - 3 + 1 = 28, not 29
        (11, "shape", "right"),  # 40 - 5 + 1 = 36
        (13, "shape", "right"),  # pool 2: 18 (line 12 told the conv's step again)
        (15, "shape", "wrong"),  # 18 - 3 + 1 = 16, not 15 (line 14 told the pooling again)
        (14, "shape", "right"),  # the rule of thumb: a 2x2 pooling halves each side
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_carried_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
