"""`cnnstat check` on output sizes and shapes written in prose, lists and tables (issue 19):
a count of feature maps beside the tensor it counts (``maps.mapcount``); a layer table
whose rows tell each layer in words, its output among them (``layerforms.described``); a
walkthrough a labelled line a layer, the map carried across lines (``maps.labelwalk``); an
output-size formula whose operand is not the layer's set out above (``maps.sizeintent``); a
chain of sizes through one layer repeated (``maps.repeatchain``); numbered layers' inputs
against the outputs above them (``maps.layerio``).

Each fixture under tests/fixtures/notes/prose_walks was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "prose_walks"

EXPECTED = {
    "01_map_counts.md": [
        # the maps counted are the channels of the tensor beside them: the side apart from
        # the two equal ones (channels first or last)
        (3, "shape", "right"),  # 8 maps, 8x24x24: channels first, 8
        (4, "shape", "wrong"),  # 4 maps, 12x12x12: 12 maps (every side 12)
        (5, "shape", "wrong"),  # 10 maps, 20x9x9: 20 maps, not 10
        (6, "shape", "right"),  # 32 maps of 7x7x32: channels last, 32
        (7, "shape", "right"),  # 9x9x40, 40 maps (the count after the tensor)
        # line 8: 5x5x6 is the filters' volume, not the maps counted: not judged
        # line 9: 6x14x14 is what the maps come from: not judged
        # line 10: 12x10x8 has no two equal sides: which is the channels is not told
        # the arithmetic reader's information on a product that is not square
        (5, "arithmetic", "info"), (10, "arithmetic", "info"),
        (11, "shape", "right"),  # feature map 16장 (16x5x5): the count after the word, 16
        (11, "arithmetic", "info"), (12, "arithmetic", "info"),
        (12, "shape", "wrong"),  # 24 channels beside 12x12x12: 12
        # line 13: the maps go from 28x28x6 to 24x24x16: which the count is of, unsure
    ],
    "02_described_table.md": [
        # each row's map from the one above: floor((n + 2p - k) / s) + 1; 'same' keeps n
        (6, "shape", "right"),  # 64 -> 3x3 same -> 64 (32 filters: not judged)
        (8, "shape", "right"),  # (64 - 2)/2 + 1 = 32, the 32 channels kept
        (9, "shape", "wrong"),  # (32 - 5)/1 + 1 = 28, not 30
        # line 10: after a wrong size the next step is not judged (a copy of the slip?)
        (11, "shape", "right"),  # flattened: 14*14*64 = 196*64 = 12,544
        (12, "shape", "right"),  # the fully connected layer's input: the same 12,544
        (19, "shape", "right"),  # (32 + 4 - 5)/2 + 1 = 15 + 1 = 16 (floor of 15.5)
        (20, "shape", "wrong"),  # a pooling keeps the 48 channels: 8x8x48, not 8x8x24
        (26, "shape", "right"),  # 28 - 3 + 1 = 26
        # line 27: window not written; 2x2 gives 13, a 3x3 window 12: unsure
        (28, "shape", "right"),  # 12*12*16 = 144*16 = 2,304
        (29, "shape", "right"),  # 2,304 in
    ],
    "03_labelled_walk.md": [
        # a labelled line a layer; its input the map carried from the line above (blank
        # lines between), or one the line states before the window
        (4, "shape", "right"),  # (96 - 7)/2 + 1 = 44.5 + 1, floored: 45
        (5, "shape", "right"),  # (45 - 3)/2 + 1 = 22
        (7, "shape", "wrong"),  # 22 - 3 + 1 = 20 (padding 1: 22); no padding gives 21
        # line 8: after a wrong step the walk starts again from its stated 18 x 18
        (9, "shape", "right"),  # a pooling's stride is its window: 18 / 2 = 9
        (10, "shape", "wrong"),  # 9 - 3 + 1 = 7 each side: 7 x 7, not 7 x 6
        # line 11: two layers on one line: not judged
        (15, "shape", "right"),  # 36 - 5 + 1 = 32
        (16, "shape", "wrong"),  # (32 - 2)/2 + 1 = 16 each side: 16 x 16, not 16 x 1
        (17, "shape", "right"),  # the line's own 12 x 12: 12 - 3 + 1 = 10
        (22, "shape", "right"),  # 32 - 3 + 1 = 30
        # line 23: 30 - 3 + 1 = 28 (padding 1: 30, 2: 32), but a 2x2 pooling not listed
        # gives 15 - 3 + 1 = 13: unsure
        (27, "shape", "right"),  # (16 + 2 - 3)/1 + 1 = 16, the 8 filters' 8 channels
        (28, "shape", "wrong"),  # 16 / 2 = 8, but a pooling keeps the 8 channels: 8x8x8
        (31, "shape", "right"),  # (64 + 6 - 7)/2 + 1 = 31.5 + 1, floored: 32
        (32, "shape", "right"),  # (32 - 3)/2 + 1 = 14.5 + 1, floored: 15
        # lines 34-35: a parameter count's working under a label, no map: arithmetic only
        (34, "arithmetic", "right"),  # 9*128*192 + 192 = 221,184 + 192 = 221,376
        (35, "arithmetic", "right"),  # 9*192*192 + 192 = 331,776 + 192 = 331,968
    ],
    "04_size_intent.md": [
        # the formula's arithmetic is right; its operand is not the layer's above
        (4, "shape", "wrong"),  # MaxPool2d(3, 3): stride 3; (20 - 3)/3 + 1 = 6.67 -> 6, not 18
        (7, "shape", "wrong"),  # padding 2 on both sides: (30 + 4 - 3)/1 + 1 = 32, not 30
        (10, "shape", "wrong"),  # 35 = 31 + 2*2 already padded: (31 + 4 - 5)/2 + 1 = 16
        (12, "arithmetic", "right"),  # stride 2 as stated: (15 - 3)/2 + 1 = 7
        (15, "arithmetic", "right"),  # "If the stride were 1": a supposition, arithmetic only
        (18, "shape", "wrong"),  # padding 2 left out: (32 + 4 - 5)/1 + 1 = 32, not 28
    ],
    "05_repeat_chain.md": [
        # each step through the one layer the line names
        (3, "shape", "right"),  # 2x2 stride 2 halves: 160, 80, 40, 20, 10, 5
        (4, "shape", "wrong"),  # 3x3 stride 1: 7 - 3 + 1 = 5 (padding 1: 7, 2: 9), never 4
        (5, "shape", "wrong"),  # 16 / 2 = 8, not 7
        # line 6: 33 -> 16 right, 16 -> 8 needs padding 1 (not written): unsure
        # line 7: channels, not sizes
    ],
    "06_layer_io.md": [
        # a numbered layer's input is the output of the layer numbered before it
        (4, "shape", "wrong"),  # layer 1 gave 16x16x24; no layer makes it 18x18x24
        (5, "shape", "right"),  # 7x7x48 as layer 2 gave it
        (5, "shape", "right"),  # (the continuity reader: the same map carried on)
        # line 8: 10 is half of 20: a pooling the list does not name may come between
        (11, "shape", "wrong"),  # layer 1 gave 8 channels, not 16
        (11, "shape", "wrong"),  # (the continuity reader: the same height and width)
        # lines 13-14: "3x3" is a window, not the map a layer takes (the labelled walk
        # reads them: 30 - 3 + 1 = 28)
        (14, "shape", "right"),
        # line 18: 30 is less than layer 1's 32: a valid conv the list leaves out may
        # come between: unsure
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prose_walk_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
