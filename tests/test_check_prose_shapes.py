"""`cnnstat check` on output sizes stated in prose (issue 19): a quiz answered by an
option's letter (``answers``); a rule of thumb about what one layer does to a map's size
(``shrinkrule``); a layer table's input cell larger than the output of the row above
(``layersizes``); a walkthrough a block of layers a step (``blockwalk``); a labelled working, one step a
line under the same label (``arithchain``: ``H2 = ...`` / ``H2 = (23) / 1 + 1`` / ``H2 = 24``);
the other side told the same under a side worked out (``restate``: ``the height is also 2``);
a Korean sentence that names its input first (``227x227x3 입력에 ... 적용하면 54x54x96``);
an output-size formula under a Lua Torch layer (``sizeintent``: ``nn.SpatialConvolutionMM``).

Each fixture under tests/fixtures/notes/prose_shapes was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "prose_shapes"

EXPECTED = {
    "01_lettered_answers.md": [
        # 1) 48 - 7 + 1 = 42: option b) is the output, so "D (none of the above)" is wrong
        (8, "shape", "wrong"),
        # 2) 2x2 pooling, stride 2, on 30: 30 / 2 = 15: (b) 15 × 15 is right
        (14, "shape", "right"),
        # 3) 20 - 5 + 1 = 16, twelve filters: A. 16 × 16 × 12 is right
        (21, "shape", "right"),
        # 4) 64 - 3 + 1 = 62: ① 61 × 61 is wrong
        (27, "shape", "wrong"),
        # 5) 3x3 pooling, stride 3, on 27: (27 - 3)/3 + 1 = 9: neither 8 nor 25, so
        # "none of the above" is right
        (33, "shape", "right"),
        # 6) "All of the above" is no map and no "none": not judged
        # 7) the options on one line: (28 - 3)/3 + 1 = 8 + 1 = 9: (a), not (b) 8 × 8
        (43, "shape", "wrong"),
        # 8) options numbered "1." (the number masked off the line): 32 - 5 + 1 = 28, 2번
        (49, "shape", "right"),
    ],
    "02_rules_of_thumb.md": [
        (3, "shape", "right"),  # 5x5, no padding, stride 1: each side n -> n - 4
        (5, "shape", "wrong"),  # 3x3 with padding 1: n + 2 - 3 + 1 = n, it keeps the size
        # 3x3 stride 2: n -> floor((n - 3)/2) + 1 (32 -> 15, 199 -> 99): no fixed 2 px
        (7, "shape", "wrong"),
        (9, "shape", "right"),  # 2x2 stride 2: floor((n - 2)/2) + 1 = n/2
        (11, "shape", "wrong"),  # 2x2 stride 1: n -> n - 1, not n/2
        (13, "shape", "right"),  # 3x3, stride 1, no padding: n -> n - 2
        (15, "shape", "right"),  # 2x2 stride 2: n/2 (절반)
        # line 17: 7x7 takes 6 off without padding; 4 would need padding 1, not stated:
        # unsure, not judged. Line 19: channels, not the size. Line 21: an example with its
        # own map (the shape readers' own form)
    ],
    "03_table_inputs.md": [
        (5, "shape", "right"),  # 64 - 5 + 1 = 60
        (6, "shape", "right"), (6, "shape", "right"),  # input 60 as above; 60 / 2 = 30
        # input 60, but the pool above gave 30 and no layer left out makes 30 larger: the
        # input cell is wrong; the row's output from 30: 30 - 3 + 1 = 28, right
        (7, "shape", "wrong"), (7, "shape", "right"),
        (8, "shape", "right"), (8, "shape", "right"),  # input 28; 28 - 3 + 1 = 26
        (12, "shape", "right"),  # 32 + 2 - 3 + 1 = 32
        (13, "shape", "right"), (13, "shape", "right"),  # input 32; 32 / 2 = 16
        (14, "shape", "right"), (14, "shape", "right"),  # input 16; 16 + 2 - 3 + 1 = 16
        (15, "shape", "right"), (15, "shape", "right"),  # input 16; 16 / 2 = 8
        # 입력 16 after a pooling that gave 8: wrong; from 8 with padding 1: 8, right
        (16, "shape", "wrong"), (16, "shape", "right"),
        (20, "shape", "right"),  # 56 + 6 - 7 + 1 = 56
        (21, "shape", "right"), (21, "shape", "right"),  # input 56; (56 + 2 - 3)/2 + 1 = 28
        (22, "shape", "right"), (22, "shape", "right"),  # input 28; 28 + 2 - 3 + 1 = 28
        # a shortcut takes the block's input (56), not the row above's: its input is not
        # judged; its own output (56 - 1)/2 + 1 = 28 is right
        (23, "shape", "right"),
        (24, "shape", "right"), (24, "shape", "right"),  # input 28; 28 stays 28
        (28, "shape", "right"),  # 40 + 2 - 3 + 1 = 40
        (29, "shape", "right"), (29, "shape", "right"),  # input 40; 40 - 3 + 1 = 38
        # line 30: input 40 after 38, but the pooling's own output 20 is what 40 gives
        # ((40 - 2)/2 + 1): the row above's 38 may be the slip (padding 1 gives 40), so the
        # input is unsure; its output from its own input is right
        (30, "shape", "right"),
    ],
    "04_block_walks.md": [
        # 64 - 5 + 1 = 60: the conv's map, before the pooling (60 / 2 = 30 would be the
        # block's): the note writes each block's first layer's map
        (5, "shape", "right"),
        (7, "shape", "right"),  # the pooling took 60 to 30; 3x3 pad 1 keeps 30
        (9, "shape", "wrong"),  # the pooling took 30 to 15; 3x3 pad 1 keeps 15, not 30
        (12, "shape", "right"),  # the whole block: 32 - 5 + 1 = 28, 28 / 2 = 14
        (13, "shape", "right"),  # 14 - 5 + 1 = 10, 10 / 2 = 5, 16 filters
        (16, "shape", "right"),  # the whole block: 28 + 2 - 3 + 1 = 28, 28 / 2 = 14
        (17, "shape", "wrong"),  # the block reading: 14 stays 14, then 14 / 2 = 7, not 14
        # the maps in brackets are products the arithmetic reader works out too (info)
        (19, "arithmetic", "info"), (22, "arithmetic", "info"), (25, "arithmetic", "info"),
        (22, "shape", "right"),  # a block over two lines: 100 - 3 + 1 = 98 (the conv's map)
        (25, "shape", "right"),  # 98 / 2 = 49; 3x3 pad 1 keeps 49
    ],
    "05_labelled_steps.md": [
        (3, "arithmetic", "info"),  # (28 - 5 + 0)/1 + 1 = 24, no result written
        (4, "arithmetic", "right"),  # (23)/1 + 1 = 24, the same
        (5, "arithmetic", "right"),  # H2 = 24
        (7, "arithmetic", "info"),  # (64 - 4 + 2)/2 + 1 = 62/2 + 1 = 32
        (8, "arithmetic", "right"),  # (62)/2 + 1 = 32
        (9, "arithmetic", "right"),  # W1 = 32
        (11, "arithmetic", "info"),  # (32 - 3 + 2)/1 + 1 = 32
        (12, "arithmetic", "wrong"),  # (31)/2 + 1 = 16.5: the stride 1 copied as 2, not 32
        (13, "arithmetic", "wrong"),  # 출력 is still 32 (line 11), not 16.5
        # lines 15-16: the same label, but as many operators: two quantities, not a step
        (15, "arithmetic", "info"), (16, "arithmetic", "info"),
    ],
    "06_other_side.md": [
        (3, "arithmetic", "right"),  # (7 - 3 + 0)/2 + 1 = 2 + 1 = 3
        (4, "shape", "right"),  # the height, the same: 3
        (6, "arithmetic", "wrong"),  # (10 - 4 + 2)/2 + 1 = 4 + 1 = 5, not 4
        (7, "shape", "wrong"),  # the height through the same layer is 5 too, not 4
        (9, "arithmetic", "right"),  # 13 - 3 + 1 = 11
        (10, "shape", "right"),  # 높이도 마찬가지로 11
        (12, "arithmetic", "right"),  # 6/3 + 1 = 3
        # line 13: a map of its own (9x12), no "also": not read
    ],
    "07_korean_input_first.md": [
        (3, "shape", "wrong"),  # (227 - 11)/4 + 1 = 54 + 1 = 55, not 54
        (5, "shape", "right"),  # 64 + 2 - 3 + 1 = 64
        (7, "shape", "wrong"),  # 32 - 5 + 1 = 28, not 27
    ],
    "08_lua_torch_layers.md": [
        # SpatialConvolutionMM(16, 32, 5, 5, 1, 1, 2): 5x5, stride 1, padding 2 on 40:
        # (40 + 2*2 - 5)/1 + 1 = 40; the formula adds the padding once (right sum, 38)
        (5, "shape", "wrong"),
        # SpatialMaxPooling(2, 2, 2, 2): stride 2: (40 - 2)/2 + 1 = 20, not stride 1's 39
        (9, "shape", "wrong"),
        (11, "arithmetic", "right"),  # 28 - 3 + 1 = 26 (SpatialConvolution: stride 1, pad 0)
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prose_shape_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_is_listed():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
