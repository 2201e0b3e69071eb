"""`cnnstat check` on forms of a held-back set of real notes (set-o) that the readers of
the time did not reach (issue 19): a template's comment that gives a fully connected
layer's ``inputs -> outputs``, or a conv's input map, while the code below it was changed
(``layernote``); the maps of an ``nn.Sequential`` that never states its input, from the
input the ``nn.Linear`` after its flatten fixes (``torchinfer``; a layer a line with blank
lines between, or cut short by the end of its fence; one returned by a builder or bound to
a plain name); a count made whole for "a 3x3 conv" of its own, not the code's layer
(``intent``); a figure a network's authors quote in words (GoogLeNet's 5 million,
``factjudge.QUOTED``); Markdown's escaped star between numbers (``28\\*28``), once taken
for emphasis (``text.mask``); an output size rule for one axis over the other axis's
sides (``OW = (H + 2P - FH)/S + 1``, ``rulelines``).

Each fixture under tests/fixtures/notes/oset_forms was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "oset_forms"

EXPECTED = {
    "01_linear_comment.md": [
        # the code is what runs: each comment is judged against the nn.Linear it describes
        (9, "shape", "wrong"),  # 32*4*4 = 512 inputs, but the code takes 8*16*16 = 2,048
        (11, "shape", "right"),  # 256 -> 10: the Linear(256, 10) past the dropout
        # line 14: 256 matches, the outputs are a name (self.classes): not judged
        (18, "shape", "wrong"),  # beside Linear(128, 64): 64 outputs, not 32
        (23, "shape", "right"),  # 2048 -> 1000 over Linear(2048, 1000), in Korean
        # line 25: the layer below is a 1x1 conv, no Linear: not judged
        # line 31: 7*7*64 = 3,136 -> 3,136 is the flatten before the layer: not judged
        # line 33: a chain of two arrows, of more than one layer: not judged
        # line 35: the statement below builds a pooling, not the layer: not judged
    ],
    "04_conv_input_comment.md": [
        # the channels a comment says a conv takes, against the conv's own in_channels
        # line 7: 64x64x3, channels 3 (the odd side out) = Conv2d(3, ...): sides not judged
        (9, "shape", "wrong"),  # 32x32x12: 12 channels, but Conv2d(24, ...) takes 24
        # line 11: 48 x 16 x 16 is channels first (48) = in_channels=48
        (13, "shape", "wrong"),  # (40, 8, 8): 40 channels, Conv2d(96, ...) takes 96
        # line 15: 10x20x30 has no two sides alike: channels not read
        # line 17: past the dropout, a grouped conv: not read
        # line 23: a kernel's sides, not the map the conv takes: not read
    ],
    "05_input_from_linear.md": [
        # no input stated; Flatten -> Linear(64*4*4 = 1,024) after four halvings (three
        # max pools, an average pool) of maps kept by padding=1: side // 16 = 4, so the
        # input side is 64 to 79, and after the pools 32..39, 16..19, 8..9, then 4
        # line 14: 16 x 32 x 32 fits a side of 64: not judged
        (20, "shape", "wrong"),  # 14 x 14: no input gives it (16 to 19)
        (34, "shape", "wrong"),  # 32 channels after Conv2d(32, 64): 64
        (44, "shape", "right"),  # 64 x 4 x 4 whatever the side: the linear's 1,024
        # line 59: 8 x 16 x 64 is not square: the input need not be (16 x 64 = 1,024 as
        # 32 x 32 is): not judged
    ],
    "06_cut_short.md": [
        # the fence closes the nn.Sequential its brackets left open; Linear(32*10*10)
        # after two halvings: input side 40 to 43, maps 20..21, then 10
        # line 7: 16 x 20 x 20 fits a side of 40: not judged
        (10, "shape", "wrong"),  # 16 channels after Conv2d(16, 32): 32 x 10 x 10
    ],
    "07_escaped_stars.md": [
        # Markdown's escaped star (\*) is a product, spaced or not
        (3, "arithmetic", "right"),  # 3*3*16 = 144
        (5, "shape", "right"),  # 64x64, 7x7 filter, no padding: 64 - 7 + 1 = 58
        (7, "arithmetic", "right"),  # 25*8 + 1 = 201
        (7, "arithmetic", "wrong"),  # 201*12 = 2,412, not 2,442
        (9, "arithmetic", "wrong"),  # 10*10*4 = 400, not 410 ("3\*3" alone is no claim)
    ],
    "08_axis_formula.md": [
        # floor((n + 2p - k)/s) + 1 holds for each axis over that axis's sides alone
        (4, "formula", "right"),  # height from H and FH
        (8, "formula", "wrong"),  # width (OW) from the height's H and FH
        (11, "formula", "right"),  # width from W and KW
        (13, "formula", "wrong"),  # height from the width's W and KW
        (15, "formula", "wrong"),  # 너비 (width) from 높이 (height) sides
        (17, "formula", "right"),  # no axis named: N and F
    ],
    "09_plain_sequential.md": [
        # an nn.Sequential returned by a builder, or bound to a plain name, is read too
        # line 6: the input of the first layer (z_dim channels, its side) is not stated
        (8, "shape", "right"),  # transposed 4/2/1 doubles: (4 - 1)*2 - 2 + 4 = 8
        (10, "shape", "wrong"),  # 8 -> 16, not 32
        (15, "shape", "right"),  # the input (3, 64, 64) the first conv's 3 channels take
        (16, "shape", "right"),  # (64 + 2 - 4)/2 + 1 = 32
        (18, "shape", "right"),  # (32 + 2 - 4)/2 + 1 = 16
        (20, "shape", "wrong"),  # (16 + 2 - 4)/2 + 1 = 8, not 4
    ],
    "02_any_layer_count.md": [
        # code: conv1 3 -> 16 (3x3), conv2 16 -> 48 (5x5); conv2 has (5*5*16 + 1)*48 = 19,248
        (13, "arithmetic", "right"),  # 48 x (25*3 + 1) = 48 x 76 = 3,648
        # line 13: "a 5x5 conv" over 3 channels is any such layer, not conv2: no params claim
        (14, "arithmetic", "right"),  # (200 + 1) * 48 = 9,648; "one 5x5 layer" of its own
        (15, "arithmetic", "right"),  # (25 + 1) * 48 = 1,248
        (15, "params", "wrong"),  # "the second conv" leaves out its 16 input channels
    ],
    "03_quoted_figure.md": [
        # GoogLeNet: 22 layers (Szegedy et al. 2015); "only 5 million parameters" in words
        # by its authors (Szegedy et al. 2016, section 1), though a count gives ~7M
        (3, "model", "right"), (3, "model", "right"),
        (5, "model", "right"),  # about 5 million
        (7, "model", "right"),  # 약 500만 = 5,000,000
        (9, "model", "wrong"),  # 9M: neither the quoted 5M nor a count (6.6M to 7.0M)
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_oset_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
