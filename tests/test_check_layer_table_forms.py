"""`cnnstat check` on layer tables in the forms unseen notes use (issue 19, set-k/l/m): a
grid drawn with ``+----+`` rules, a table whose layer is told in words in a
"Settings" or "Filters / Stride / Padding" column (``32 filters (5x5), Stride 1``,
``Eight 5x5 filters``, ``16개의 3x3 필터, 패딩 1``), two columns that name the layer
(``Layer | Type``), a docstring's whitespace-aligned table in code with the kernel
written as the weights' shape (``3*3*32*64``, TensorFlow's ``1*2*2*1``), a piped grid in
a code fence with section rows and an up-convolution, a table with no name column
(``s,p | Dilation | Input | Kernel | Output | GRF | Jout``), cells split by tabs and bars
with a bar closing each row, fully connected rows' input counts, a Keras summary pasted
with spaces inside its brackets, a map with its batch (``(None, 28, 28, 32)``), a column
that gives each map in and out (``227×227×3 → 55×55×96``).

Each row is rebuilt from the row before (its stated output is the next row's input) and
its map judged: the side by the layer algebra, the depth by the row's own filters (a
pooling keeps its input's). Each fixture under tests/fixtures/notes/layer_table_forms
was written for this repository; every expected (line, kind, verdict) is worked out by
hand beside it with
    out = floor((n + 2p - d(k - 1) - 1)/s) + 1,  transposed: (n - 1)·s - 2p + k,
    r_out = r_in + (k - 1)·d·j_in,  j_out = j_in·s.
A claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "layer_table_forms"
RF = "receptive field"

EXPECTED = {
    "01_grid_table.md": [
        # the grid's rules (+---+, +===+) keep the table going; "Name | Kind" both name
        # the layer; line 8 is the input (96); line 9 an empty row
        (10, "shape", "right"),  # 5x5, stride 1, padding not stated: 96 - 5 + 1 = 92
        (11, "shape", "right"),  # (92 - 2)/2 + 1 = 46, depth kept 32
        (12, "shape", "right"),  # 3x3, pad 1, stride not stated (1): 46 + 2 - 3 + 1 = 46
        (13, "shape", "wrong"),  # (46 - 2)/2 + 1 = 23 but a pooling keeps 64 maps, not 46
        (14, "shape", "wrong"),  # (23 - 3)/2 + 1 = 11 with no padding, not 12
        # line 15: stride not stated; stride 1 gives 12 + 2 - 3 + 1 = 12, not 6: unsure
        (16, "shape", "right"),  # flattened: line 15's 6 x 6 x 256 = 9,216
        # line 17: a fully connected row
        (26, "shape", "right"),  # 16 3x3 filters, pad 1: 64 + 2 - 3 + 1 = 64, depth 16
        (27, "shape", "right"),  # (64 - 2)/2 + 1 = 32, depth 16
        (28, "shape", "wrong"),  # 32 + 2 - 3 + 1 = 32, but 32 filters give depth 32, not 23
    ],
    "02_worded_column.md": [
        (6, "shape", "right"),  # input 32x32x1 is the row above's output
        (6, "shape", "right"),  # eight 5x5, stride 1, valid: 32 - 5 + 1 = 28, depth 8
        (7, "shape", "right"), (7, "shape", "right"),  # input 28; (28 - 2)/2 + 1 = 14
        (8, "shape", "right"),  # input 14
        (8, "shape", "wrong"),  # twenty 5x5, valid: 14 - 5 + 1 = 10, not 12
        # line 9: the row below a wrong one is not checked against it; "Max Pooling"
        # with no window is not rebuilt
        (10, "shape", "right"),  # input 5: line 9's output
        (10, "shape", "right"),  # 'same': ceil(5/1) = 5 (the filters are not stated)
        (11, "shape", "right"),  # fully connected: 1000 nodes in = line 10's 5*5*40
        # the table without outer pipes under it
        (16, "shape", "right"),  # 40 - 3 + 1 = 38
        (17, "shape", "right"),  # (38 - 2)/2 + 1 = 19
        (18, "shape", "wrong"),  # (19 - 3)/2 + 1 = 9, not 10
    ],
    "03_code_tables.md": [
        # the docstring's aligned table: kernel k*k*c_in*c_out, pooling ksize 1*2*2*1;
        # the params column worked out in each cell
        (7, "shape", "right"),  # 3x3, stride not stated (1), pad not stated: 64 (pad 1)
        (7, "params", "right"),  # (3*3*3 + 1)*32 = 896
        (8, "shape", "right"), (8, "shape", "right"),  # input 64; 64 again
        (8, "params", "right"),  # (3*3*32 + 1)*32 = 9,248
        # line 10's params: its kernel says 64 filters, its map 46: which is meant? no verdict
        (9, "shape", "right"), (9, "shape", "right"),  # input 64; (64 - 2)/2 + 1 = 32
        (10, "shape", "right"),  # input 32
        (10, "shape", "wrong"),  # 32 (pad 1) is right, but 3*3*32*64 gives 64 maps, not 46
        (11, "shape", "right"),  # input 32 (the row above's side)
        (11, "shape", "right"),  # 32 - 3 + 1 = 30: padding 0, which is not stated
        (11, "params", "wrong"),  # 64 channels in (its input 32*32*64): (3*3*64 + 1)*64
        #                           = 36,928, not (3*3*46 + 1)*64 = 26,560
        # line 12: its input 32 is not line 11's 30: a layer left out? unsure;
        (12, "shape", "right"),  # from its own input: (32 - 2)/2 + 1 = 16
        # the piped grid in a code fence: a section row (line 22) is passed over
        (23, "shape", "right"),  # 100 - 3 + 1 = 98
        (24, "shape", "right"),  # (98 - 2)/2 + 1 = 49
        (26, "shape", "right"),  # transposed 2x2, stride 2: (49 - 1)*2 + 2 = 98
        (27, "shape", "right"),  # joins Down1: side 98 kept, depth 8 + 16 = 24
        (28, "shape", "wrong"),  # 1x1: 98 kept, but 2 filters give 2 maps, not 3
    ],
    "04_window_columns.md": [
        # no name column: the windows come from s,p / Dilation / Kernel alone; "GRF" is
        # the receptive field, "Jout" the jump
        (5, "shape", "right"),  # 32 + 2 - 3 + 1 = 32; 3*3*3*16 gives 16 maps
        (5, RF, "right"), (5, RF, "right"),  # 1 + 2 = 3; jump 1
        (6, "shape", "right"), (6, "shape", "right"),  # input 32; 32 + 2 - 2*2 - 1 + 1 = 30
        (6, RF, "right"), (6, RF, "right"),  # 3 + 2*2*1 = 7; jump 1
        (7, "shape", "right"), (7, "shape", "right"),  # input 30; (30 - 2)/2 + 1 = 15
        (7, RF, "right"), (7, RF, "right"),  # dilation 0 read as 1: 7 + 1 = 8; jump 2
        (8, "shape", "right"),  # input 15
        (8, "shape", "wrong"),  # 15 + 2 - 3 + 1 = 15, not 13
        (8, RF, "right"), (8, RF, "right"),  # 8 + 2*2 = 12; jump 2
        (9, "shape", "right"),  # 1x1, pad 0: 15 from its own input 15
        (9, RF, "right"), (9, RF, "right"),  # 12 + 0 = 12; jump 2
        # two padding columns (Pad Top | Pad Bottom) that agree are the padding
        (13, RF, "right"),  # 1 + 4 = 5
        (14, RF, "right"),  # 5 + 2*1 = 7 (jump now 2)
        (15, RF, "wrong"),  # 7 + 1*2 = 9, not 8
        # line 16: paddings 1 and 2 differ: the row is not rebuilt, the chain ends
    ],
    "05_trailing_bars_and_fc.md": [
        # cells split by bars and tabs, no outer pipe before a row but one closing it
        # (the closing bar ends the last cell, not a new one); the input row states no
        # output, so conv1 has no input to check
        (6, "shape", "right"),  # 3x3 pad 1: 32 + 2 - 3 + 1 = 32
        (6, RF, "right"), (6, RF, "right"),  # 1 + 2 = 3; jump 1
        (7, "shape", "right"), (7, "shape", "right"),  # input 32; 32
        (7, RF, "right"), (7, RF, "right"),  # 3 + 2 = 5; jump 1
        (8, "shape", "right"), (8, "shape", "right"),  # input 32; (32 - 2)/2 + 1 = 16
        (8, RF, "wrong"), (8, RF, "right"),  # 5 + (2 - 1)*1 = 6, not 7; jump 1*2 = 2
        (9, "shape", "right"), (9, "shape", "right"),  # input 16; 16 + 2 - 3 + 1 = 16
        (9, RF, "wrong"), (9, RF, "right"),  # 6 + 2*2 = 10, not 11 (the slip carried)
        # the second table: the maps, then the fully connected rows' input counts
        (13, "shape", "right"),  # ten 3x3, valid: 12 - 3 + 1 = 10, depth 10
        (14, "shape", "right"), (14, "shape", "right"),  # input 10; (10 - 2)/2 + 1 = 5
        (15, "shape", "right"),  # 250 units in: 5*5*10 = 250
        (16, "shape", "right"),  # 64 in: dense 1's 64 out
        # line 17: 32 in after 10 out: a layer left out? unsure
    ],
    "06_spaced_summary.md": [
        # a Keras summary with a space inside its brackets ("( None, 30, 30, 16)")
        (5, "summary", "right"),  # (3*3*3 + 1)*16 = 448
        (7, "summary", "right"), (7, "summary", "right"),  # 0; (30 - 2)/2 + 1 = 15
        (9, "summary", "wrong"),  # (3*3*16 + 1)*32 = 4,640 (or 4,608 weights), not 4,460
        (11, "summary", "right"), (11, "summary", "right"),  # 0; 13*13*32 = 5,408
        (13, "summary", "right"),  # (5,408 + 1)*10 = 54,090
    ],
    "07_batch_in_shapes.md": [
        # the batch written before the map: (None, H, W, C), [-1, C, H, W]
        (6, "shape", "right"),  # 3/1, padding not stated: 64 - 3 + 1 = 62
        (7, "shape", "right"),  # (62 - 2)/2 + 1 = 31, depth 32 kept
        (8, "shape", "wrong"),  # 3/2: (31 - 3)/2 + 1 = 15 (16, 17 with padding 1, 2), not 14
        # line 12: the first row, no input
        (13, "shape", "right"),  # (112 + 2 - 3)/2 + 1 = 56, depth 64 kept
        (14, "shape", "right"),  # 56 + 2 - 3 + 1 = 56
        (15, "shape", "wrong"),  # (56 + 2 - 3)/2 + 1 = 28, not 27
    ],
    "08_arrow_cells.md": [
        # one column gives the map in and out ("227×227×3 → 55×55×96", "->"): split in two
        (6, "shape", "right"),  # its input 227 is the input row's
        (6, "shape", "right"),  # (227 - 11)/4 + 1 = 55 (padding 0), 96 filters: depth 96
        (7, "shape", "right"), (7, "shape", "right"),  # input 55; (55 - 3)/2 + 1 = 27
        (8, "shape", "right"),  # input 27
        (8, "shape", "wrong"),  # 27 + 4 - 5 + 1 = 27, but 256 filters give 256 maps, not 265
        (9, "shape", "right"),  # input 27 (the side; line 8's depth was its slip)
        (9, "shape", "wrong"),  # no padding: (27 - 3)/2 + 1 = 13, not 14
        # the Korean table: 필터 32개 = 32 filters
        (15, "shape", "right"),  # 32 + 2 - 3 + 1 = 32, depth 32 (the first row: no input)
        (16, "shape", "right"), (16, "shape", "right"),  # input 32; (32 - 2)/2 + 1 = 16
        (17, "shape", "right"),  # input 16
        (17, "shape", "wrong"),  # (16 + 2 - 3)/2 + 1 = 8, but 64 filters: 8x8x64, not x46
        # lines 23-25: "3 → 64" are channels, not maps: the column is not split, no claim
    ],
    "09_counts_not_sizes.md": [
        # lines 5-7: an "Output" of bare numbers that grows (64, then 128) with no layer
        # that enlarges: counts of channels, not sizes: not judged
        (12, "shape", "right"),  # 'same', stride 1: 64; 32 filters: depth 32
        (13, "shape", "right"),  # the same again
        # line 14: an add keeps the depth; not rebuilt
        (15, "shape", "right"),  # concatenated with d1: 64 kept, depth 32 + 32 = 64
    ],
    "10_filters_and_notes.md": [
        # the window is in a "Filters" column; the "Notes" column's "stride 1" is a remark
        (6, "shape", "right"),  # stride 4 (not the note's 1): (227 - 11)/4 + 1 = 55
        (7, "shape", "right"),  # (55 - 3)/2 + 1 = 27
        (8, "shape", "right"),  # pad 2, stride not stated (1): 27 + 4 - 5 + 1 = 27
        (9, "shape", "wrong"),  # (27 - 3)/2 + 1 = 13 (14, 15 with padding), not 12
        # line 10: no kernel, but 'same' padding at stride 1 keeps the size whatever the
        # window: from line 9's stated 12, 12; 384 filters: depth 384
        (10, "shape", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layer_table_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_wrong_depth_names_the_map_it_should_be():
    """A map whose side is right and depth wrong is corrected whole, as written."""
    from cnnstat.notes.check import check_file

    wrong = {c.line: c for c in check_file(FORMS / "03_code_tables.md").claims
             if c.verdict == "wrong"}
    assert wrong[10].shown == "32*32*64"  # c2a: 3*3*32*64 -> 64 maps
    assert wrong[28].shown == "98 x 98 x 2"  # 2 filters (1x1)


def test_guessed_stride_disagreeing_is_unsure():
    """A conv row with no stride stated is taken at stride 1; a size that needs another
    stride is unsure, never wrong."""
    from cnnstat.notes.check import check_file

    got = check_file(FORMS / "01_grid_table.md")
    assert not [c for c in got.claims if c.line == 15]
    assert any(s.line == 15 and s.reason.startswith("unsure: the stride is not stated")
               for s in got.skipped)
