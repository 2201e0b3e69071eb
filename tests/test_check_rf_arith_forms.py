"""`cnnstat check` on receptive-field and arithmetic forms that went unread or were judged
by their arithmetic alone on the development sets (issue 19): a sum of figures written
with a scale (``117.6k + 240k + 20*84``), each rounded, whose result lies outside the
rounding they allow; a receptive-field table whose packed window cells carry a word in
brackets (``2,0,2 (MP)``, ``5,2,1 (Dil=2)``: the kernel, or the window a dilation spans,
as the row's own field decides) and whose jump column is headed as the figure after the
row's layer (``J(out)``); fields and jumps stated beside a network's code, in comments
and docstrings, against the chain of the layers the code builds (``rfcode``); an output
size rule with the filters' count where the kernel's side goes (``(inputWidth - numFilters
+ 2 * zeroPadding) / stride + 1``), in prose and in a ``//`` comment; a table's change
column (``| 1 | 7 | +700% |``: +600%); a feature map written ``D_K x D_K x M`` after a
legend made ``D_K`` the kernel's side (``symshape``); an output size rule with the output
on both sides (``H2 = (H2 - F + 2P)/S + 1``), and one written on the line after a sentence
whose topic is the size (``결과의 크기는`` / ``⌊ (input - filter + 1) / Stride ⌋ + 1 이다``);
figures in scientific notation (``1M = 10e6``, ``2 * 1.5e6 = 3e6``).

Each fixture under tests/fixtures/notes/rf_arith was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "rf_arith"

EXPECTED = {
    "01_rounded_sum.md": [
        # 16,500 + 230,000 + 1,200 = 247,700
        (3, "arithmetic", "right"),
        # 86,400 + 150,000 + 640 = 237,040; 86.4k is within 100 of its figure, 150k within
        # 5k (rounded to its tens of thousands): 231,940 to 242,140, and 245.04k is not
        (5, "arithmetic", "wrong"),
        # 52,300 + 120,000 + 512 = 172,812: 172.8k to its digits
        (7, "arithmetic", "right"),
        # 3,200 + 64,000 + 1,024 = 68,224; at most 3,300 + 65,000 + 1,024 = 69,324 < 72.4k
        (9, "arithmetic", "wrong"),
        # 1,500 + 200 = 1,700: 2k to its one digit
        (11, "arithmetic", "right"),
        # line 13: 117,000 + 1,000 = 118,000; 117k may be off by 1,000 either way (cut, not
        # rounded): 117,000 to 119,000 holds 118.5k, within the rounding: not judged
    ],
    "02_rf_table_gloss.md": [
        # r_out = r_in + (k - 1)·d·j_in, j_out = j_in·s, from r = j = 1 (Araujo et al. 2019)
        # first table: conv3/1 -> 3, j 1; pool2/2 -> 3 + 1 = 4, j 2; conv3 -> 4 + 2*2 = 8;
        # pool2/2 -> 8 + 1*2 = 10, j 4; conv3 -> 10 + 2*4 = 18, j 4
        (5, "receptive field", "right"), (5, "receptive field", "right"),
        (6, "receptive field", "right"), (6, "receptive field", "right"),
        (7, "receptive field", "right"), (7, "receptive field", "right"),
        (8, "receptive field", "right"),
        (8, "receptive field", "wrong"),  # J(out) 2 after a stride-2 pool: 2*2 = 4
        (9, "receptive field", "right"), (9, "receptive field", "right"),
        # second: conv3 -> 3; "5 (dil=2)" is the window a 3x3 with dilation 2 spans
        # (2*(3-1)+1 = 5): 3 + 4 = 7 (with 5 as the kernel, 3 + 4*2 = 11: not the note's);
        # pool2/2 -> 7 + 1 = 8, j 2; conv3 -> 8 + 2*2 = 12
        (15, "receptive field", "right"), (15, "receptive field", "right"),
        (16, "receptive field", "right"), (16, "receptive field", "right"),
        (17, "receptive field", "right"), (17, "receptive field", "right"),
        (18, "receptive field", "right"), (18, "receptive field", "right"),
        # third: "3 (dilation 2)" is the kernel: 3 + (3-1)*2 = 7; then 7 + 2 = 9, not 10
        (22, "receptive field", "right"), (23, "receptive field", "right"),
        (24, "receptive field", "wrong"),
        # fourth: 6 is neither 3 + 2*2 = 7 nor 3 + 2 = 5: the dilated row is not rebuilt,
        # and nothing from it on is judged
        (28, "receptive field", "right"),
    ],
    "03_rf_in_code.md": [
        # r_out = r_in + (k - 1)·d·j_in, j_out = j_in·s, from r = j = 1, through the layers
        # in the order the code builds them (forward calls them in that order)
        (11, "receptive field", "right"), (11, "receptive field", "right"),  # r_in, j_in 1
        (12, "arithmetic", "right"),  # 1 + 2*1 = 3
        (12, "receptive field", "right"),  # conv 3x3: 1 + 2 = 3
        (16, "receptive field", "right"), (16, "receptive field", "right"),  # j 1 -> 2
        (17, "arithmetic", "right"),  # 3 + 2*1 = 5 as arithmetic
        (17, "receptive field", "wrong"),  # the pool's window is 2: 3 + 1*1 = 4
        (23, "receptive field", "right"), (23, "receptive field", "right"),  # j 2 -> 2
        (24, "arithmetic", "right"),  # 5 + 2*2 = 9 as arithmetic
        (24, "receptive field", "wrong"),  # from the true 4: 4 + 2*2 = 8 (the slip carried)
        (27, "receptive field", "right"),  # 1x1: 8 + 0 = 8
        (29, "receptive field", "right"),  # 3x3, dilation 2, j 2: 8 + 2*2*2 = 16
        # Keras, a figure on each layer's line: 3; 3 + 2 = 5; pool 2/2: 5 + 1 = 6, j 2;
        # 3x3 stride 2: 6 + 2*2 = 10, j 4; 3x3: 10 + 2*4 = 18, not 16; Flatten ends it
        (41, "receptive field", "right"), (42, "receptive field", "right"),
        (43, "receptive field", "right"), (43, "receptive field", "right"),
        (44, "receptive field", "right"), (44, "receptive field", "right"),
        (45, "receptive field", "wrong"),
        # a comment above its layer: 5x5 -> 5; pool 2 (stride 2) -> 6, j 2;
        # 3x3 -> 6 + 2*2 = 10, not 12
        (53, "receptive field", "right"), (55, "receptive field", "right"),
        (55, "receptive field", "right"), (57, "receptive field", "wrong"),
        # lines 66-68: the pooling module is called twice, so the code's order is not the
        # data's: not judged; lines 80-81: the first figure (44) fits no chain from the
        # input (3): an excerpt, not judged
    ],
    "04_rf_code_words.md": [
        # conv 3/2: 3, j 2; conv 3: 3 + 2*2 = 7; max pool 3/2: 7 + 2*2 = 11, j 4;
        # conv 3: 11 + 2*4 = 19, not 21; the adaptive pooling ends the chain (224 not read)
        (5, "receptive field", "right"), (5, "receptive field", "right"),
        (7, "receptive field", "right"),
        (8, "receptive field", "right"), (8, "receptive field", "right"),
        (9, "receptive field", "wrong"),
        # Korean, under each layer: 5x5 -> 5, j 1; avg pool 2 (stride 2): 5 + 1 = 6, j 2;
        # 3x3: 6 + 2*2 = 10, not 12
        (19, "receptive field", "right"), (19, "receptive field", "right"),
        (21, "receptive field", "right"), (21, "receptive field", "right"),
        (23, "receptive field", "wrong"),
        # lines 31-32: a residual sum in forward; lines 40-41: a helper builds a layer the
        # reader cannot see: not judged (7 would be wrong: 3 + 2 = 5)
        (48, "receptive field", "right"),  # 3x3: 3
        (49, "receptive field", "right"),  # before the pool: 3 (its 4 after is no label's)
        # line 50: "4 -> 8", a field before and after, not read; line 51: the whole
        # network's field, not this layer's: not judged
    ],
    "05_count_for_kernel.md": [
        # floor((n + 2p - k)/s) + 1 (Dumoulin & Visin 2016, relationship 6)
        (3, "formula", "right"),  # in_h, kernelSize, zero_padding, stride: the rule itself
        # the filters' count where the kernel's side goes; with the kernel there it is
        # the rule: wrong (English prose, a C++ comment, Korean)
        (5, "formula", "wrong"), (9, "formula", "wrong"), (13, "formula", "wrong"),
        # line 15: no "+ 1" and no padding either: not the rule with any one name
        # changed, so not said wrong for the count
    ],
    "06_change_column.md": [
        # change = (after - before) / before; a factor after / before; between two
        # percentages the change may be in points
        (5, "arithmetic", "right"),  # (10 - 4)/4 = 1.5: +150%
        (6, "arithmetic", "wrong"),  # (5 - 2)/2 = 1.5: +150%, not +250% (5 is 250% of 2)
        (7, "arithmetic", "right"),  # 76% - 70% = 6 points
        (8, "arithmetic", "right"),  # (30 - 40)/40 = -0.25
        (9, "arithmetic", "right"),  # 3.6 / 1.2 = 3
        # line 10: "same" is no figure
        (14, "arithmetic", "wrong"),  # (64 - 16)/16 = 3: +300%, not +400%
        (15, "arithmetic", "right"),  # (12 - 8)/8 = 0.5
        (16, "arithmetic", "right"),  # (84 - 81)/81 = 3.70%
        # in a sentence, the change in brackets after "a → b" or "from a to b"
        (18, "arithmetic", "right"),  # (6 - 2)/2 = +200%
        (18, "arithmetic", "wrong"),  # (64 - 16)/16 = +300%, not +400%
        (19, "arithmetic", "right"),  # 74% - 71% = 3 points (%p)
        (19, "arithmetic", "right"),  # (48 - 32)/32 = +50%
        # line 21: "1 to 10, 50% of them": no change in brackets after the two figures
    ],
    "07_symbol_map.md": [
        # a map's sides are the input's or output's (D_F), never the kernel's (D_K), the
        # window a filter slides (Howard et al. 2017, MobileNets, sec. 3.1)
        (7, "shape", "wrong"),  # the output feature map D_K x D_K x M (the filter's
        # D_K x D_K x 1 before the semicolon is a filter's: not judged)
        # line 9: D_F x D_F x N, the map's own sides: not judged (its padding unknown)
        (13, "shape", "wrong"),  # 출력 피처맵 K x K x C, K the kernel's size (line 11)
        # line 15: a filter's size K x K x C: right to be the kernel's, not judged
    ],
    "08_rule_itself.md": [
        # floor((n + 2p - k)/s) + 1 (CS231n's W2 = (W1 - F + 2P)/S + 1)
        (4, "formula", "right"),
        (5, "formula", "wrong"),  # H2 on both sides: the right side takes H1
        (7, "formula", "wrong"),  # out_w on both sides, in words
        # a formula on the line after "...의 크기는", the sentence's topic:
        (10, "formula", "right"),  # floor((n - k)/s) + 1, no padding
        (13, "formula", "wrong"),  # floor((n - k + 1)/s) + 1: n 32, k 3, s 1 gives 31, not 30
        # line 16: two sides multiplied, a map's, under the same topic: not judged
        # line 21: in code the output on both sides is an update of a loop: not judged
    ],
    "09_scientific.md": [
        # NeX = N x 10^X
        (3, "arithmetic", "right"),  # 1M = 1,000,000 = 1e6 (1e7 alone: no claim)
        (5, "arithmetic", "wrong"),  # 10e6 = 10,000,000, not 1M
        (7, "arithmetic", "right"),  # 2 * 1,500,000 = 3,000,000
        (9, "arithmetic", "right"),  # 5 x 10^-4 = 0.0005
        (11, "arithmetic", "wrong"),  # 3.5e8 = 350,000,000, not 3.5G
        (13, "arithmetic", "right"),  # 1e9 = 1,000,000,000
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rf_arith_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
