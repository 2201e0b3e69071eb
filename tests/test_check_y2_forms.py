"""`cnnstat check` on the forms of the dev set set-y2's notes 01-14 (issue 19, at 5916c27),
each in the form that drew a false alarm or a miss and others of the same class, with a
wrong line beside the right ones where the reader should still catch one:

- a size the size of the kernel right before it, with no arrow, sign or verb making it
  that kernel's output, is the kernel's window named again (``16 filters of size 5x5x3
  (5x5 in space, 3 channels)``, ``3x3x16, i.e. 3x3 windows``): unsure, never a map the
  kernel "gave"; ``a 3x3 conv ... on 9x9 gives 3x3`` stays judged;
- maps counted before their size (``6 feature maps of size 28x28``) are never the layer's
  kernel: a walkthrough line that names a layer and its maps' sides takes its kernel
  elsewhere on the line or not at all;
- a receptive-field table whose ``r_in``/``j_in`` (``RF (in)``) columns hold each row's own
  output: the figures decide which side the column gives, the header only breaks a tie,
  and a cell is wrong only where it fits neither side;
- a depthwise row of a layer table with no kernel column (``Block1 (dw) | 56x56x24 |
  (3x3x24)x24 = 5184``, ``깊이별 합성곱``): its window from its count's working, ``k·k·c``
  (``+ c``) is right, a full convolution's ``k·k·c·c`` wrong;
- a rule on its own line under the words that say what it gives (``The output size is
  calculated as``, ``computed by``, ``obtained from``) is that quantity's rule;
- numbers side by side in a calculation with its result (``(3 3 + 1) 8 30 30 = 72000``:
  a page whose ``*`` pairs Markdown took for emphasis) are a product where that makes the
  equation hold: right; unsure otherwise, never wrong;
- a receptive-field table's module or join row (``concat2``, ``incep3``, ``block1``)
  whose window the table's own columns state is traced by it (its size and count not
  read); where the row above states a jump the true chain does not reach (a strided
  layer left out), a row its figures give is right; a slip of the field alone is carried;
- rows of maps and the filter bank between them as its weights' shape (``64x64x3 |
  (3x3x3)x16 | 62x62x16 RF of 3x3``): the bank's depth against the map it reads, its
  count against the map it gives, the side through the window at stride 1, the field down
  the rows; a field with two sides from square windows (``RF of 20x18``) is wrong;
- a square map's side with its working in brackets after it (``24 * 24 (28-5 + 1) = 24``,
  ``12 x 12 (24/2)``): right where the working gives the side, unsure otherwise;
- a family's depth cell with its variants (``VGGNet | 16/19``, ``ResNet | 50, 101, 152``):
  each figure judged as one of the family's depths;
- a multiplication sign alone in its math between two numbers (``5 $$\\times$$ 5 = 25``,
  ``64 $\\cdot$ 100``) is the sign, no bound between the figures.

The fixtures (tests/fixtures/notes/y2_forms) are in this repository's own words; the
expected (line, kind, verdict) multisets are worked out by hand beside each.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/y2_forms"

EXPECTED = {
    "01_kernel_restated.md": [
        (3, "params", "right"),  # 16 * (75 + 1) = 1216
        (3, "arithmetic", "right"),
        (3, "shape", "right"),  # the 5x5x3 filter as deep as the 32x32x3 input (filterdepth)
        # line 3: "(5x5 in space": the filter's window again, no map: unsure
        (5, "arithmetic", "right"),  # 32 * (144 + 1) = 4640
        # line 5: "3x3 windows" after the 3x3x16 kernel: unsure
        (7, "arithmetic", "right"),  # 7 * 7 * 3 = 147
        # line 7: "(a 7x7 patch": unsure
        (9, "shape", "right"),  # 5 - 3 + 1 = 3
        (11, "shape", "wrong"),  # 9 - 3 + 1 = 7, not 3
    ],
    "02_maps_of_size.md": [
        # lines 5, 9, 16, 19: the maps' sides are no kernel; the heading names LeNet, whose
        # maps on 32x32 are C1 28x28x6, S2 14x14x6, S4 5x5x16, C5 1x1x120 (LeCun et al.
        # 1998, Fig. 2): right as the named network's maps
        (5, "shape", "right"), (9, "shape", "right"), (16, "shape", "right"),
        (19, "shape", "right"),
        (13, "shape", "right"),  # 14 - 5 + 1 = 10, 16 filters
        (20, "model", "right"),  # LeNet's convolutions are 5x5 (the heading's network)
        (24, "shape", "wrong"),  # 20 - 3 + 1 = 18, not 17
    ],
    "03_rf_in_columns_hold_outputs.md": [
        (3, "formula", "right"), (3, "formula", "right"),  # the field's and the jump's rule
        # first table: each row's output under r_in / j_in (1+2=3, 3+2=5, 5+1=6 j2,
        # 6+2*2=10, 10+1*2=12 j4)
        *[(n, "receptive field", "right") for n in (8, 9, 10, 11, 12) for _ in "rj"],
        # second table: r_in before each row's layer, r_out after it
        *[(n, "receptive field", "right") for n in (18, 19, 20, 21) for _ in "io"],
        (22, "receptive field", "right"),  # r_in 16
        (22, "receptive field", "wrong"),  # 16 + 2*4 = 24, not 22
        # third table: outputs again, conv3's 10 a slip (8 + 2*2 = 12; 8 before it)
        *[(n, "receptive field", "right") for n in (28, 29, 30, 32) for _ in "rj"],
        (31, "receptive field", "wrong"), (31, "receptive field", "right"),
    ],
    "04_depthwise_rows_counted_full.md": [
        # every row's working is arithmetic's: (3x3x3)x24 = 648, ... all right
        *[(n, "arithmetic", "right") for n in (5, 6, 7, 8, 9, 10, 11, 17, 18, 19)],
        (6, "params", "wrong"),  # depthwise 3x3 on 24 channels: 3*3*24 = 216, not 5184
        (8, "params", "right"),  # 3*3*48 = 432
        (10, "params", "wrong"),  # depthwise 5x5 on 48: 5*5*48 = 1200, not 57600
        # line 11: a separable row counts its parts another way: not judged
        (18, "params", "wrong"),  # 3*3*16 = 144, not 2304
        (19, "params", "right"),  # pointwise 1*1*16*32 = 512
    ],
    "05_rule_under_its_intro.md": [
        (5, "formula", "wrong"),  # n=5, f=3, p=0, s=2: floor(3/2) = 1, the output is 2
        (9, "formula", "right"),  # floor((W - K + 2P)/S) + 1
        (13, "formula", "right"),  # (H - F)/S + 1, no padding
        # line 17: an average, no output size named above: not a rule of sizes
    ],
    "06_products_lost_their_signs.md": [
        (3, "arithmetic", "right"),  # (9 + 1) * 8 * 900 = 72,000
        (5, "arithmetic", "right"),  # 16 * (150 + 1) = 2,416
        (7, "arithmetic", "right"),  # 49 * 32 = 1,568
        # line 9: a list of block counts, a sum; as a product 216: unsure, never wrong
        # line 11: (9 + 1) * 8 = 80, not 81: side by side may be no product: unsure
        # line 13: "1 516" may be a digit group: not read
    ],
    "07_rf_rows_joins_and_gaps.md": [
        # modules traced by the window the table states: 3; 3+1=4 j2; 4+2*2=8; 8+4*2=16;
        # 16+1*2=18 j4; module3 18+2*4 = 26, not 24
        *[(n, "receptive field", "right") for n in (7, 8, 9, 10, 11) for _ in "rj"],
        (12, "receptive field", "wrong"), (12, "receptive field", "right"),
        # a strided layer left out: conv2 (1x1) cannot reach 9, j4: wrong both ways; the
        # rows under it go on from its figures: 9+2*4 = 17 j4, 17+2*4 = 25 j8
        (18, "receptive field", "right"), (18, "receptive field", "right"),
        (19, "receptive field", "wrong"), (19, "receptive field", "wrong"),
        *[(n, "receptive field", "right") for n in (20, 21) for _ in "rj"],
        # the field slips at conv2 (3+2*1 = 5, not 6) with its jumps right: the slip is
        # carried (9 and 13, not 10 and 14)
        (27, "receptive field", "right"), (27, "receptive field", "right"),
        *[(n, "receptive field", v) for n in (28, 29, 30) for v in ("wrong", "right")],
    ],
    "08_maps_and_weight_shapes_in_rows.md": [
        # 64 - 3 + 1 = 62, 16 filters; RF 3 (the first window)
        (5, "shape", "right"), (5, "receptive field", "right"), (5, "arithmetic", "info"),
        # 62 - 2 = 60, 32 filters; RF 3 + 2 = 5
        (6, "shape", "right"), (6, "receptive field", "right"), (6, "arithmetic", "info"),
        # 60 - 2 = 58, 64 filters; RF 5 + 2 = 7, not 8
        (7, "shape", "right"), (7, "receptive field", "wrong"), (7, "arithmetic", "info"),
        (9, "receptive field", "wrong"),  # 20x18 from square windows: no square field
        # line 10: after a pooling the jump is not written: not judged
        (14, "shape", "right"),  # 1x1 keeps 28, 2 filters
        (16, "shape", "wrong"),  # 2 filters give 2 channels, not 4
        (18, "shape", "wrong"),  # the filters are 8 deep on a 16-channel map
        (20, "shape", "right"), (20, "arithmetic", "info"),  # "same": 56 kept
        # line 22: 27 is no stride-1 side: the stride is not written: unsure
        (22, "arithmetic", "info"),
    ],
    "09_side_and_its_working.md": [
        (3, "arithmetic", "right"),  # 28 - 5 + 1 = 24
        (5, "arithmetic", "right"),  # 24 / 2 = 12
        (7, "arithmetic", "right"),  # 32 - 3 + 1 = 30
        # line 9: no working in the bracket; line 11: 14 - 5 + 1 = 10, neither the side
        # written nor 11: unsure; line 13: 25 is not 13: another figure? unsure
    ],
    "10_family_depths_in_a_cell.md": [
        (5, "model", "right"), (5, "model", "right"),  # VGG-11 and VGG-19 exist
        *[(6, "model", "right")] * 3,  # ResNet-18, -34, -50
        (7, "model", "right"), (7, "model", "right"),  # ResNet-50, -101
        (7, "model", "wrong"),  # there is no ResNet-120
        (8, "model", "right"),  # AlexNet: 8 weight layers
    ],
    "11_sign_alone_in_math.md": [
        (3, "arithmetic", "right"),  # 5 * 5 * 4 = 100
        (5, "arithmetic", "right"),  # 64 * 100 = 6,400
        (7, "arithmetic", "wrong"),  # 2 * 6 = 12, not 13
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_y2_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_is_listed():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
