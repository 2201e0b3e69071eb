"""`cnnstat check` on forms of the dev set set-y2 (notes 15-28, issue 19, at 5916c27), each
in the form that drew a false alarm or a miss and others of the same class:

- a bank of filters after a line that gave a step's input and the output wanted (``the
  input is 8x8x4, the output we want 6x6x10`` / ``10 3x3x4 filters``): the bank is that step
  told again and runs over the input, not over the output; a depth that fits neither map
  is wrong; in a depthwise, separable or grouped passage a depth that fits no map is one
  channel's or group's: not judged; a line that states its own input and output is not the
  step of a bank set out above it;
- a receptive-field table whose rows follow one conv or pooling of each module
  (``INCEP_1_CON | 5 | 1``, ``BLOCK_1_POOL``): a row with its own window is a layer, not
  the module; once both the field's and the jump's columns have slipped, a row is judged
  from the row above as written (right where it follows, wrong where not); a slip in the
  field alone is carried (wrong) as before;
- a receptive-field table by the names of the layers a table above set out (kernel and
  stride columns): rows in the stack's order are the field after each layer (bottom-up),
  rows in reverse order under an ``Output`` row are one output unit's field in each
  layer (top-down, ``s·r + (k - s)``); a table that skips a layer is not judged; the same
  as a list (``- c2: 3``, ``1. c1: RF 3``) under a line that names the field;
- the field of a stack whose dilations double (a TCN): a rule in the kernel's and the
  levels' names, right where it is ``1 + c·(k - 1)·(2^L - 1)`` for c = 1 or 2 convs a level,
  wrong where neither, not judged where the levels count from 0; a figure with one kernel
  and one number of levels stated above, right or wrong alike, not judged under two kernels;
- a conv's channel arguments glossed (``in_channels = input width``): wrong where every part
  of the gloss is a spatial side (or a value), right where a part names channels or filters;
- a layer a walkthrough calls a ``CNN`` (``CNN with 11x11, stride = 4. Output: 55x55x96``)
  is a conv; the network called a CNN, with no kernel, is no layer;
- maps joined along the channels (``stack all that together into 28x28x256``, ``Concatenating
  A and B gives C``, ``이를 채널 방향으로 합치면``): the parts on the line above or before the
  joined map, the same size, their channels summed; an input joined too: not judged;
- a field's rule worked from the output (``r_prev = s * r + (k - s)``, a top-down recursion)
  is right, where the same letters as a bottom-up rule with the stride stay unsure.

The fixtures (tests/fixtures/notes/y2b_forms) are in this repository's own words; the
expected (line, kind, verdict) multisets are worked out by hand beside each.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/y2b_forms"

EXPECTED = {
    "01_filters_of_a_stated_step.md": [
        (7, "shape", "right"),  # 10 filters 3x3x4 on the 8x8x4 input
        (9, "shape", "right"),  # 12 - 5 + 1 = 8
        (11, "shape", "right"),  # 5x5x3 on the 12x12x3 image, the step told again
        (15, "shape", "right"),  # 3x3x2 on the 7x7x2 input
        # line 17: its own input and output, no layer on it: not the bank of line 15's step
        (19, "shape", "wrong"),  # 3x3x5 fits neither 10x10x6 nor 8x8x12
        # line 25: 1x1x8 after a depthwise step with multiplier 2 (9x9x4 -> 8 channels): not judged
        (29, "shape", "right"),  # 16 - 3 + 1 = 14, 8 filters; 3x3x4 is a group's depth
    ],
    "02_field_rows_of_module_branches.md": [
        (7, "receptive field", "right"), (7, "receptive field", "right"),  # 3, jump 2
        (8, "receptive field", "right"), (8, "receptive field", "right"),  # 3 + 1*2 = 5, 4
        (9, "receptive field", "wrong"), (9, "receptive field", "wrong"),  # a 1x1: 5, 4
        (10, "receptive field", "right"), (10, "receptive field", "right"),  # 9 + 2*8 = 25
        (11, "receptive field", "right"), (11, "receptive field", "right"),  # 25 + 8 = 33, 16
        (17, "receptive field", "right"), (17, "receptive field", "right"),  # 5, 1
        (18, "receptive field", "wrong"), (18, "receptive field", "right"),  # 5 + 2 = 7, 2
        (19, "receptive field", "wrong"), (19, "receptive field", "right"),  # 7 + 4 = 11
        (20, "receptive field", "right"), (20, "receptive field", "right"),  # 11 + 4 = 15
    ],
    "03_field_table_by_layer_names.md": [
        (16, "receptive field", "right"),  # 3
        (17, "receptive field", "right"),  # 3 + (2 - 1)*1 = 4, jump 2
        (18, "receptive field", "right"),  # 4 + (3 - 1)*2 = 8
        (19, "receptive field", "wrong"),  # 8 + (3 - 1)*2 = 12, not 10
        (33, "receptive field", "right"),  # the output unit itself: 1
        (34, "receptive field", "right"),  # c3: 1*1 + (3 - 1) = 3
        (35, "receptive field", "right"),  # c2: 1*3 + (3 - 1) = 5
        (36, "receptive field", "wrong"),  # c1: 2*5 + (3 - 2) = 11, not 10
        # lines 42-43: c1 and c3 without c2 between: not judged
    ],
    "04_doubling_dilation_field.md": [
        (8, "receptive field", "wrong"),  # k*2^L: at k=3, L=4 48, not 31 or 61
        (11, "arithmetic", "right"),  # 2 * 8 = 16
        (11, "receptive field", "wrong"),  # k=2, L=3: 1 + 1*7 = 8 or 1 + 2*7 = 15, not 16
        (19, "receptive field", "right"),  # one conv a level
        # line 21: the levels counted from 0: not judged
        (26, "receptive field", "right"), (26, "arithmetic", "right"),  # 1 + 2*2*15 = 61
        (29, "arithmetic", "right"),  # 5 * 15 = 75; kernels 3 and 5 above: the field not judged
    ],
    "05_channel_arguments_glossed.md": [
        (5, "model", "wrong"),  # in_channels: the depth, not the width
        (6, "model", "right"),  # out_channels: the filters
        # line 7: kernel_size is no channel argument
        (8, "model", "wrong"),  # 가로 크기: a side
        (9, "model", "right"),  # 필터 개수
        (10, "model", "right"),  # channels read
        (11, "model", "wrong"),  # a resolution is a side
    ],
    "06_cnn_named_layers.md": [
        (5, "shape", "right"),  # 64 - 5 + 1 = 60, 16 filters
        (6, "shape", "right"),  # 60 / 2 = 30
        (7, "shape", "wrong"),  # floor((30 - 3) / 2) + 1 = 14, not 15
        (13, "shape", "right"),  # 32 - 3 + 2 + 1 = 32
        # line 15: the network called a CNN, no kernel: no layer
    ],
    "07_doubling_levels_named.md": [
        # line 5: a level named (one level's field): not the stack's
        # line 7: "after the second level": not the stack's
        (9, "receptive field", "wrong"),  # k=2, 3 levels: 1 + 1*7 = 8 (or 15), not 9
        (11, "receptive field", "right"),  # 8
    ],
    "08_channel_gloss_left_alone.md": [
        # line 3: an embedding's size is a Conv1d's channels: not judged
        # line 4: "input size" of nothing named, no side: not judged
        # line 5: a hidden dimension: not judged
        # line 6: kernel_size is no channel argument
    ],
    "09_joined_maps.md": [
        (7, "shape", "right"),  # 192 + 208 + 48 + 64 = 512
        (9, "shape", "right"),  # 256 + 128 = 384
        (13, "shape", "wrong"),  # 64 + 96 = 160, not 150
        # line 15: the input joined with the new maps (64 + 32 = 96): not judged
    ],
    "10_field_list_by_layer_names.md": [
        (11, "receptive field", "right"),  # the output unit: 1
        (12, "receptive field", "right"),  # c2: 1 + (3 - 1) = 3
        (13, "receptive field", "right"),  # p1: 2*3 + (2 - 2) = 6
        (14, "receptive field", "wrong"),  # c1: 1*6 + (3 - 1) = 8, not 9
        (18, "receptive field", "right"),  # c1: 3
        (19, "receptive field", "right"),  # p1: 3 + (2 - 1)*1 = 4
        (20, "receptive field", "right"),  # c2: 4 + (3 - 1)*2 = 8
    ],
    "11_field_top_down_rule.md": [
        (3, "formula", "right"),  # s*r + (k - s): the field one layer down
        # line 5: word names (rf_in, stride, kernel) are not read as the rule's roles here
        (7, "formula", "right"),  # the same rule with a Korean legend
        # line 9: s*r + (k - 1) is neither rule as written: unsure, as before
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_y2b_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_is_listed():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
