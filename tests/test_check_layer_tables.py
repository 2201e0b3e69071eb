"""`cnnstat check` on layer tables (issue 19, set-e): a network a layer a row, its columns
named by words or symbols (packed headers such as ``k/s/p``, Korean headers), the window
in a column or in the layer's own name, rebuilt row by row (``layertable``): output
sizes, receptive field and jump chained down the rows, a cell's worked expression, a
column that gives each row's figure before its layer (a row late), sizes rounded up
(unsure, never wrong), a column that fits the chain nowhere (not judged).

Each fixture under tests/fixtures/notes/layer_tables was written for this repository in
its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out
by hand in the comment beside it, with the rules
    out = floor((n + 2p - d(k - 1) - 1)/s) + 1,  r_out = r_in + (k - 1)·d·j_in,  j_out = j_in·s
from a field of 1 and a jump of 1 at the input; a claim not listed fails the test as
surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "layer_tables"
RF = "receptive field"

EXPECTED = {
    "01_packed_columns.md": [
        # k/s/p packed in one column; In and Out; RF and jump after each layer
        (7, "shape", "right"),  # (64 + 2 - 3)/1 + 1 = 64
        (7, RF, "right"), (7, RF, "right"),  # 1 + 2*1 = 3; jump 1*1 = 1
        (8, "shape", "right"),  # its input 64 is the row above's output
        (8, "shape", "right"),  # (64 - 2)/2 + 1 = 32
        (8, RF, "right"), (8, RF, "right"),  # 3 + 1*1 = 4; jump 1*2 = 2
        (9, "shape", "right"), (9, "shape", "right"),  # input 32; (32 + 2 - 3)/1 + 1 = 32
        (9, "arithmetic", "right"), (9, RF, "right"),  # 4 + 2*2 = 8, and the chain's 8
        (9, "arithmetic", "right"), (9, RF, "right"),  # 2 * 1 = 2, the chain's jump 2
        (10, "shape", "right"), (10, "shape", "right"),  # input 32; (32 + 4 - 5)/2 + 1 = 16
        (10, RF, "right"), (10, RF, "right"),  # 8 + 4*2 = 16; jump 2*2 = 4
        # line 11: (16 - 3)/2 + 1 = 7.5: 8 is 7 rounded up (ceil_mode): unsure
        (11, "shape", "right"),  # input 16
        (11, RF, "right"), (11, RF, "right"),  # 16 + 2*4 = 24; jump 4*2 = 8
        (12, "shape", "right"),  # input 8 (the row above's 8 was unsure, not wrong)
        (12, "shape", "wrong"),  # (8 + 0 - 3)/1 + 1 = 6, not 8
        (12, RF, "wrong"),  # 24 + 2*8 = 40, not 32
        (12, RF, "right"),  # jump 8*1 = 8
        # lines 18-20: 9, 25, 49 (areas) fit neither 3, 5, 7 nor 1, 3, 5: not judged
    ],
    "02_late_column_ko.md": [
        # 수용 영역 and 점프 give each row's figure *before* its layer (the working in
        # each cell uses the kernel and stride of the row above)
        (7, "shape", "right"),  # (32 + 4 - 5)/1 + 1 = 32
        (7, RF, "right"), (7, RF, "right"),  # before conv1: the input's field 1, jump 1
        (8, "shape", "right"), (8, "shape", "right"),  # input 32; (32 - 2)/2 + 1 = 16
        (8, "arithmetic", "right"), (8, RF, "right"),  # 1 + 4*1 = 5 after conv1
        (8, "arithmetic", "right"), (8, RF, "right"),  # 1*1 = 1: conv1's stride 1
        (9, "shape", "right"), (9, "shape", "right"),  # input 16; (16 + 2 - 3)/1 + 1 = 16
        (9, "arithmetic", "right"), (9, RF, "right"),  # 5 + 1*1 = 6 after pool1
        (9, "arithmetic", "right"), (9, RF, "right"),  # 1*2 = 2 after pool1
        (10, "shape", "right"),  # input 16
        (10, "shape", "wrong"),  # (16 - 2)/2 + 1 = 8, not 7
        (10, "arithmetic", "right"), (10, RF, "right"),  # 6 + 2*2 = 10 after conv2
        (10, "arithmetic", "right"), (10, RF, "right"),  # 2*1 = 2 after conv2
        # line 11, the output row: its input 8 follows a 7 judged wrong (no claim)
        (11, "arithmetic", "right"),  # 10 + 2*2 = 14 as written...
        (11, RF, "wrong"),  # ...but pool2's kernel is 2: 10 + 1*2 = 12
        (11, "arithmetic", "right"), (11, RF, "right"),  # 2*2 = 4 after pool2
    ],
    "03_window_in_name.md": [
        # the window in the stage's own words; the input row starts the chain at 224
        (6, "shape", "right"),  # conv 7x7/2 pad 3: (224 + 6 - 7)/2 + 1 = 112
        (6, RF, "right"), (6, RF, "right"),  # 7; jump 2
        (7, "shape", "right"),  # ReLU keeps 112
        (7, RF, "right"), (7, RF, "right"),  # the ReLU keeps 7 and 2
        (8, "shape", "right"),  # pad not stated: (112 - 3)/2 + 1 = 55 with padding 0
        (8, RF, "right"), (8, RF, "right"),  # 7 + 2*2 = 11; jump 4
        (9, "shape", "right"),  # (55 + 2 - 3)/1 + 1 = 55
        (9, RF, "right"), (9, RF, "right"),  # 11 + 2*4 = 19 (19x19); jump 4
        (10, "shape", "right"),  # pad not stated: 55 with padding 2
        (10, RF, "wrong"),  # 19 + 4*4 = 35, not 51
        (10, RF, "right"),  # jump 4
        # line 11: a fully connected layer ends the spatial chain
    ],
    "04_loose_layouts.md": [
        # markdown without outer pipes, a separator row under its header (k, s, p in their
        # own columns)
        (5, RF, "right"),  # conv1: 3 (the first row has no input: no size judged)
        (6, "shape", "right"), (6, RF, "right"),  # (32 - 2)/2 + 1 = 16; 3 + 1*1 = 4
        (7, "shape", "right"),  # (16 + 2 - 3)/1 + 1 = 16
        (7, RF, "wrong"),  # 4 + 2*2 = 8, not 9
        # columns aligned with spaces in a plain fence; the input row starts at 28; each
        # row is judged with the rows above it, so conv1's jump of 1 (before or after a
        # stride-1 layer alike) decides nothing yet and is not judged
        (12, "shape", "right"), (12, RF, "right"),  # 28 - 5 + 1 = 24 (padding 0); RF 5
        (13, "shape", "right"), (13, RF, "right"),  # (24 - 2)/2 + 1 = 12; 5 + 1*1 = 6
        (13, RF, "right"),  # jump 1*2 = 2
        (14, "shape", "right"), (14, RF, "right"),  # 12 - 5 + 1 = 8; 6 + 4*2 = 14
        (14, RF, "wrong"),  # jump 2*1 = 2, not 4
        # HTML rows with Korean headers (층, 커널, 스트라이드, 출력, 수용 영역)
        (18, RF, "right"),  # 1 + 2*1 = 3
        (19, "shape", "right"), (19, RF, "right"),  # (15 - 3)/2 + 1 = 7; 3 + 2*2 = 7
        (20, "shape", "right"),  # padding not stated: 7 + 2 - 3 + 1 = 7 with padding 1
        (20, RF, "wrong"),  # 7 + 2*4 = 15, not 9
        # bars without outer pipes and without a separator row
        (23, RF, "right"),  # 1 + 2*1 = 3
        (24, "shape", "right"), (24, RF, "right"),  # 15 with padding 1; 3 + 2*2 = 7
        (25, "shape", "right"),  # 15 - 3 + 1 = 13 with padding 0
        (25, RF, "wrong"),  # 7 + 2*2 = 11, not 9
    ],
    "05_ceil_stated.md": [
        # the note says its pooling rounds up (ceil_mode) before the table
        (7, "shape", "right"),  # (112 - 3)/2 = 54.5, rounded up 55, + 1 = 56
        (8, "shape", "right"),  # input 56 is the row above's output
        # line 8's output: (56 - 3)/2 = 26.5: the note rounds up (28), 27 is floor: unsure
        # line 9's input 28 is not the row above's 27 (a row left out?): unsure
        (9, "shape", "right"),  # padding not stated: 28 - 3 + 1 = 26 with padding 0
        (10, "shape", "right"),  # input 26
        (10, "shape", "wrong"),  # (26 - 2)/2 + 1 = 13 (14 with padding 1), never 12
    ],
    "06_on_its_side.md": [
        # a layer a column, a quantity a row; each figure is claimed on its own row's line
        (7, RF, "right"), (7, RF, "right"),  # jumps 1*1 = 1, 1*2 = 2
        (7, RF, "right"), (7, RF, "right"),  # 2*1 = 2, 2*1 = 2
        (8, RF, "right"), (8, RF, "right"),  # 1 + 2*1 = 3; 3 + 1*1 = 4
        (8, RF, "right"),  # 4 + 2*2 = 8
        (8, RF, "wrong"),  # 8 + 2*2 = 12, not 10
        # 1층's 14 has no input to be judged from
        (14, "shape", "right"),  # 2층, padding not stated: (14 + 2 - 3)/2 + 1 = 7 (padding 1)
        (14, "shape", "wrong"),  # 3층: 7 - 3 + 1 = 5 at least (padding 0 to 2: 5, 7, 9)
        (15, RF, "right"), (15, RF, "right"),  # 1 + 4*1 = 5; 5 + 2*2 = 9
        (15, RF, "right"),  # 9 + 2*4 = 17
    ],
    "07_four_numbers.md": [
        # n (features out), j, r and start (the first window's centre), the window in the
        # layer's name: start_out = start_in + ((k - 1)/2 - p)·j_in from the input's 0.5
        # (the rule of receptive-field arithmetic, Dumoulin & Visin's output size)
        (6, "shape", "right"),  # (7 - 3)/2 + 1 = 3
        (6, RF, "right"), (6, RF, "right"),  # r 1 + 2*1 = 3; j 1*2 = 2
        (6, RF, "right"),  # start 0.5 + (1 - 0)*1 = 1.5
        (7, "shape", "right"),  # (3 + 2 - 3)/2 + 1 = 2
        (7, RF, "right"), (7, RF, "right"),  # r 3 + 2*2 = 7; j 2*2 = 4
        (7, RF, "right"),  # start 1.5 + (1 - 1)*2 = 1.5
        (8, "shape", "right"),  # (2 - 2)/1 + 1 = 1
        (8, RF, "right"), (8, RF, "right"),  # r 7 + 1*4 = 11; j 4*1 = 4
        (8, RF, "wrong"),  # start 1.5 + (0.5 - 0)*4 = 3.5, not 2.5
        # Korean headers (출력, 점프, 수용 영역, 중심); the input row starts at 8
        (13, "shape", "right"),  # 8 - 3 + 1 = 6
        (13, RF, "right"), (13, RF, "right"),  # r 3; j 1
        (13, RF, "right"),  # 중심 0.5 + (1 - 0)*1 = 1.5
        (14, "shape", "right"),  # (6 - 2)/2 + 1 = 3
        (14, RF, "right"), (14, RF, "right"),  # r 3 + 1*1 = 4; j 1*2 = 2
        (14, RF, "right"),  # 중심 1.5 + (0.5 - 0)*1 = 2
    ],
    "08_params.md": [
        # (k*k*c_in + 1)*c_out, the channels from the maps' depth; a pool learns nothing;
        # a fully connected layer (n_in + 1)*n_out from the map above flattened
        (6, "params", "right"),  # (3*3*3 + 1)*16 = 28*16 = 448
        (6, "shape", "right"),  # padding not stated: 32 + 2 - 3 + 1 = 32 with padding 1
        (7, "params", "right"),  # pool1: 0
        (7, "shape", "right"),  # (32 - 2)/2 + 1 = 16
        (8, "params", "wrong"),  # (3*3*16 + 1)*32 = 145*32 = 4,640, not 4,460
        (8, "shape", "right"),  # 16 with padding 1
        # line 9: 9,216 = 3*3*32*32, the weights without the 32 biases (9,248): unsure
        (9, "shape", "right"),  # (16 + 2 - 3)/2 + 1 = 8 (7.5 floored, + 1)
        (10, "params", "right"),  # flatten: 0 (8*8*32 = 2,048 features)
        (10, "shape", "right"),  # and its 2048 is line 9's 8x8x32 flattened
        (11, "params", "right"),  # (2,048 + 1)*10 = 20,490
        # the channels from a filters column (필터 수); a depthwise row (깊이별)
        (16, "params", "right"),  # (5*5*1 + 1)*6 = 156
        (17, "params", "right"),  # (5*5*6 + 1)*16 = 151*16 = 2,416
        (18, "params", "wrong"),  # depthwise: (3*3 + 1)*16 = 160, not 170
    ],
    "09_left_alone.md": [
        # line 6: a row of two layers (conv1 + max pool) is not rebuilt; it ends the
        # parameters' chain (line 7's 307,456 is not judged), but its stated output is
        # line 7's input: 5x5, stride 1, padding not stated: 27 + 2*2 - 5 + 1 = 27
        (7, "shape", "right"),
        # lines 11-13: a block standing for repeated layers ([3x3, 64] x 2) ends it; the
        # first row has no input to judge its size from
        # lines 17-19: two columns that may name the layer (Layer, Type): not read
        (24, "params", "right"),  # (3*3*1 + 1)*32 = 320
        (24, "shape", "right"),  # padding not stated: 28 - 3 + 1 = 26 with padding 0
        (25, "params", "wrong"),  # (3*3*32 + 1)*64 = 289*64 = 18,496, not 9,248
        (25, "shape", "right"),  # 26 - 3 + 1 = 24
    ],
    "10_in_and_out.md": [
        # a markdown table in a quote, K-S-P packed with hyphens, the field and jump both
        # before (r_in, j_in) and after (r_out, j_out) each layer
        (5, RF, "right"), (5, RF, "right"),  # r_in 1 (the input); r_out 1 + 2*1 = 3
        # line 5's jumps: 1 before and after a stride-1 layer alike: nothing read yet
        (6, "shape", "right"),  # (30 - 2)/2 + 1 = 15
        (6, RF, "right"), (6, RF, "right"),  # r_in 3; r_out 3 + 1*1 = 4
        (6, RF, "right"), (6, RF, "right"),  # j_in 1; j_out 1*2 = 2
        (7, "shape", "right"),  # 15 - 3 + 1 = 13
        (7, RF, "right"),  # r_in 4
        (7, RF, "wrong"),  # r_out 4 + 2*2 = 8, not 7
        (7, RF, "right"), (7, RF, "right"),  # j_in 2; j_out 2*1 = 2
        # PyTorch's arguments by position (Conv2d(in, out, k, s, p), MaxPool2d(k)), the
        # output as [C, H, W], the jump headed "Stride (cumulative)"
        (12, "shape", "right"),  # (64 + 4 - 5)/2 + 1 = 32 (31.5 floored)
        (12, RF, "right"), (12, RF, "right"),  # RF 5; jump 2
        (13, "shape", "right"),  # MaxPool2d(2): stride 2, (32 - 2)/2 + 1 = 16
        (13, RF, "right"), (13, RF, "right"),  # 5 + 1*2 = 7; jump 4
        (14, "shape", "right"),  # (16 + 2 - 3)/1 + 1 = 16
        (14, RF, "wrong"),  # 7 + 2*4 = 15, not 13
        (14, RF, "right"),  # jump 4
    ],
    "11_filter_tabs.md": [
        # "Filter | 3x3" is a window, not a count of filters; 'same' and 'valid' written in
        # the padding column ('same': ceil(n / s), as TensorFlow pads)
        (5, "shape", "right"),  # valid: (32 - 2)/2 + 1 = 16
        (5, "shape", "right"),  # (the shape reader's own reading of the same row)
        (6, "shape", "wrong"),  # same at stride 2: ceil(16 / 2) = 8, not 9
        # tab-separated, an input row with empty cells
        (10, "shape", "right"), (10, RF, "right"),  # 28 - 3 + 1 = 26; RF 3
        (11, "shape", "right"), (11, RF, "right"),  # (26 - 2)/2 + 1 = 13; 3 + 1*1 = 4
        (12, "shape", "right"),  # 13 + 2 - 3 + 1 = 13
        (12, RF, "wrong"),  # 4 + 2*2 = 8, not 6
    ],
    "12_lenet_maps.md": [
        # maps written count@size (6@28x28); LeNet's names (C1, S2, ...): S2 and S4 pool,
        # and the original's counts (S2's 12 trainable coefficients, C3's 1,516 from its
        # table of connections) are unsure here, never wrong; the "model" claims are the
        # breakdown reader's, which knows LeNet-5 (LeCun et al. 1998: 156, 12, 1,516, 32,
        # 48,120, 10,164, 850)
        (6, "params", "right"), (6, "model", "right"),  # (5*5*1 + 1)*6 = 156
        (6, "shape", "right"),  # 32 - 5 + 1 = 28
        (7, "shape", "right"), (7, "model", "right"),  # (28 - 2)/2 + 1 = 14
        (8, "shape", "right"), (8, "model", "right"),  # 14 - 5 + 1 = 10
        (9, "shape", "right"), (9, "model", "right"),  # (10 - 2)/2 + 1 = 5
        (10, "params", "right"), (10, "model", "right"),  # (5*5*16 + 1)*120 = 48,120
        (10, "shape", "right"),  # 5 - 5 + 1 = 1
        (11, "params", "right"), (11, "model", "right"),  # (1*1*120 + 1)*84 = 10,164
        (12, "model", "right"),  # the output row: no layer of its own in this reader
        # pixels written "px"; a transposed convolution (전치 합성곱) ends the chain
        (17, "shape", "right"),  # 64 - 3 + 1 = 62
        (18, "shape", "right"),  # (62 - 2)/2 + 1 = 31
    ],
    "13_patch_stride.md": [
        # "patch size/stride" packs the kernel and stride (7x7/2); padding not stated;
        # "depth" (layers deep) is not the maps' channels; counts like 2.7K are not read
        # line 5: the first row has no input
        (6, "shape", "right"),  # (112 + 2 - 3)/2 + 1 = 56 with padding 1
        (7, "shape", "right"),  # 56 + 2 - 3 + 1 = 56 with padding 1
        (8, "shape", "right"),  # (56 + 2 - 3)/2 + 1 = 28 with padding 1
        # line 9: an Inception module ends the chain
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layer_table(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_rounded_up_size_is_unsure_not_wrong():
    """A size that rounding up gives (a note's ".5 counted as 1") is listed as unsure."""
    from cnnstat.notes.check import check_file

    skips = check_file(FORMS / "01_packed_columns.md").skipped
    assert any(s.line == 11 and s.reason.startswith("unsure") for s in skips)


def test_rounding_up_in_korean_words():
    """"0.5는 1로 올림" before a table: a size rounded up is right, not unsure."""
    from cnnstat.notes.check import check_text

    text = ("# 풀링\n\n나누어떨어지지 않으면 0.5는 1로 올림해서 계산한다.\n\n"
            "| 층 | 커널 | 스트라이드 | 패딩 | 입력 | 출력 |\n|---|---|---|---|---|---|\n"
            "| pool1 | 3 | 2 | 0 | 14 | 7 |\n")
    # (14 - 3)/2 = 5.5, rounded up 6, + 1 = 7 (floor would give 6)
    got = [(c.line, c.kind, c.verdict) for c in check_text(text).claims]
    assert got == [(7, "shape", "right")]
    plain = check_text(text.replace("0.5는 1로 올림해서 계산한다", "그대로 계산한다"))
    assert plain.claims == [] and any(s.line == 7 and s.reason.startswith("unsure")
                                      for s in plain.skipped)


def test_zeroed_and_huge_numbers_read_without_error():
    import re

    from cnnstat.notes.check import check_text

    for name in sorted(EXPECTED):
        text = (FORMS / name).read_text(encoding="utf-8")
        for swap in ("0", "999999999999", ""):
            check_text(re.sub(r"\d+", swap, text))
            check_text(re.sub(r"(?<=\d)\d", swap, text))
