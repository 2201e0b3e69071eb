"""`cnnstat check` on pasted summaries and layer tables in less usual dress (issue 19):
receptive-field tables whose rows include layers that keep the field (ReLU, LRN) and
joins of branches (concat) on the path they trace; MXNet's print_summary, its cells cut
by spaces or run together with dashes; summaries pasted behind comment marks; a stack
set equal to one bigger filter ("3x3 필터로 두차례 = 5x5 필터로 한번"); a layer label
with one letter slipped in a run of named receptive fields; torchscan's rows and its
model size; a weights' size on the line under its parameter count; a receptive field followed
through layers told in sentences; a total under lines that each give a labelled figure
(``memory: 224*224*3=150K``, then ``TOTAL memory: 24M``); a summary set out as a
markdown table, or as a list.

Each fixture under tests/fixtures/notes/summary_forms was written for this repository in
its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out
by hand in the comment beside it (the growth rule r_out = r_in + (k - 1)·j_in,
j_out = j_in·s, from r = 1, j = 1); a claim not listed fails the test as surely as a
missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "summary_forms"

EXPECTED = {
    "01_rf_path_joins.md": [
        (5, "receptive field", "right"), (5, "receptive field", "right"),  # 1 + 4·1 = 5; j 1·2 = 2
        (6, "receptive field", "right"), (6, "receptive field", "right"),  # ReLU keeps 5; 2
        (7, "receptive field", "right"), (7, "receptive field", "right"),  # 5 + 1·2 = 7; j 4
        (8, "receptive field", "right"), (8, "receptive field", "right"),  # LRN keeps 7; 4
        (9, "receptive field", "right"), (9, "receptive field", "right"),  # 7 + 2·4 = 15; j 4
        # line 10: a concat that repeats 15 and 4: the path goes on through it
        (10, "receptive field", "right"), (10, "receptive field", "right"),  # 15; 4
        (11, "receptive field", "wrong"),  # 15 + 2·4 = 23, not 25
        (11, "receptive field", "right"),  # j stays 4
        # line 12: "filter concatenation" repeating 25 and 4: the path's field is 23
        (12, "receptive field", "wrong"), (12, "receptive field", "right"),  # 23, not 25; 4
        (13, "receptive field", "right"),  # the true chain: 23 + 2·4 = 31
        (13, "receptive field", "right"),  # j 4·2 = 8
    ],
    "02_rf_pass_changed.md": [
        (5, "receptive field", "right"), (5, "receptive field", "right"),  # 1 + 2·1 = 3; j 1
        (6, "receptive field", "wrong"),  # a ReLU keeps 3; it writes 5
        (6, "receptive field", "right"),  # its jump 1 repeats the row above's, and is 1
        (7, "receptive field", "right"), (7, "receptive field", "right"),  # 3 + 1·1 = 4; j 2
        # line 8: a concat whose field (6) is not the row above's (4): the path it traces
        # is not this table's, so neither it nor the rows below are judged
    ],
    "03_mxnet_spaced.md": [
        # MXNet's print_summary: shapes per sample, channels first; BatchNorm counts 2C
        (8, "summary", "right"),  # c1: 3·3·3·16 + 16 = 448 from the 3x28x28 data
        (8, "summary", "right"),  # 28x28 kept: a 3x3 window with padding 1
        (10, "summary", "wrong"),  # c2: 16·9·16 + 16 = 2,320, not 2,330 (no count of 16)
        (12, "summary", "right"), (12, "summary", "right"),  # concat: 0; 16 + 16 = 32
        # line 13: the concat's second input (c2) under its first
        (15, "summary", "right"), (15, "summary", "right"),  # pool: 0; 28/2 = 14
        (17, "summary", "right"),  # BatchNorm: 2·32 = 64
        (19, "summary", "right"), (19, "summary", "right"),  # flatten: 0; 32·14·14 = 6,272
        (21, "summary", "right"),  # (6,272 + 1)·10 = 62,730
        (23, "summary", "right"),  # 448 + 2,320 + 64 + 62,730 = 65,562 (c2 as it should be)
    ],
    "04_mxnet_dashed.md": [
        (5, "summary", "right"),  # s1: 3·3·3·8 + 8 = 224 on an RGB image (its data unseen)
        (7, "summary", "right"), (7, "summary", "right"),  # pool: 0; 32/2 = 16
        (9, "summary", "right"), (9, "summary", "right"),  # flatten: 0; 8·16·16 = 2,048
        (11, "summary", "wrong"),  # (2,048 + 1)·10 = 20,490, not 20,500
    ],
    "05_commented_summary.md": [
        # a Keras summary behind "# " marks (Korean heading), then behind "// "
        (12, "summary", "right"),  # conv2d: 1·3·3·6 + 6 = 60
        (14, "summary", "right"), (14, "summary", "right"),  # flatten: 0; 10·10·6 = 600
        (16, "summary", "wrong"),  # dense: (600 + 1)·4 = 2,404, not 2,414
        # each row's shape against the code above it (kerasbelow): 12 - 3 + 1 = 10, 600, 4
        (12, "shape", "right"), (14, "shape", "right"), (16, "shape", "right"),
        (18, "summary", "right"),  # 60 + 2,404 = 2,464
        (19, "summary", "right"), (20, "summary", "right"),  # all trainable; 0 frozen
        (28, "summary", "right"),  # 5·(5·5·1 + 1) = 130: a 5x5 window on one channel
        (30, "summary", "right"), (30, "summary", "right"),  # pool: 0; 14/2 = 7
        (32, "summary", "right"), (32, "summary", "right"),  # flatten: 0; 7·7·5 = 245
        (34, "summary", "right"),  # 130 + 0 + 0
    ],
    "06_stack_equals_one.md": [
        # n stacked k x k stride-1 layers see n·(k - 1) + 1
        (3, "receptive field", "right"),  # 2·(3 - 1) + 1 = 5: one 5x5
        (4, "receptive field", "wrong"),  # 3·(3 - 1) + 1 = 7, not 9
        (5, "receptive field", "right"),  # 2·(5 - 1) + 1 = 9
        (6, "receptive field", "right"),  # the sentence with the field: 4·2 + 1 = 9
    ],
    "07_slipped_label.md": [
        # VGG-16 (3x3 convs stride 1, 2x2/2 pools): 3, 5, pool1 6 (j 2), 10, 14, pool2 16
        # (j 4), conv3_1 16 + 8 = 24, conv3_2 32
        (5, "receptive field", "right"), (6, "receptive field", "right"),
        (7, "receptive field", "right"),
        (8, "receptive field", "right"),  # "cnov2_1", two letters swapped: conv2_1, 10
        (9, "receptive field", "right"),
        # line 10: "pooll2" has a letter more: no kind word is one slip from it, not read
        (11, "receptive field", "wrong"),  # conv3_1: 24, not 26
        (12, "receptive field", "right"),  # "covv3_2", one letter changed: conv3_2, 32
    ],
    "08_torchscan_size.md": [
        (7, "summary", "right"),  # 8·(3·3·3 + 1) = 224: a 3x3 window on an RGB image
        (8, "summary", "right"), (8, "summary", "right"),  # ReLU: 0, keeps 8x30x30
        (12, "summary", "right"),  # 224 + 0
        (14, "summary", "right"),  # 224·4 = 896 bytes = 0.00085 MiB: 0.00
        (23, "summary", "right"),  # BatchNorm2d: 2·64 = 128
        (27, "summary", "right"),  # 36,928 + 128 = 37,056
        # line 22: the first conv reads a map not shown; line 29: 37,056·4 / 2^20 =
        # 0.141, not 0.15, but torchscan adds the buffers, which the table does not
        # show: not judged
    ],
    "09_quoted_summary.md": [
        # R's "#> " output marks, then a reply's "> " quote marks
        (9, "summary", "right"),  # 32·(3·3·1 + 1) = 320
        (11, "summary", "right"), (11, "summary", "right"),  # pool: 0; 26/2 = 13
        (13, "summary", "right"), (13, "summary", "right"),  # flatten: 0; 13·13·32 = 5,408
        (15, "summary", "wrong"),  # (5,408 + 1)·10 = 54,090, not 54,100
        (17, "summary", "right"),  # 320 + 54,090 = 54,410
        (18, "summary", "right"), (19, "summary", "right"),  # all trainable, 0 frozen
        (22, "summary", "right"),  # 16·(9 + 1) = 160
        (24, "summary", "right"), (24, "summary", "right"),  # flatten: 0; 26·26·16 = 10,816
        (26, "summary", "right"),  # (10,816 + 1)·10 = 108,170
        (28, "summary", "right"),  # 160 + 108,170 = 108,330
    ],
    "10_rf_numbered_rows.md": [
        # the rows numbered in a column of their own; "-", "—" and "n/a" for no window
        (5, "receptive field", "right"), (5, "receptive field", "right"),  # 3; j 1
        (6, "receptive field", "right"), (6, "receptive field", "right"),  # relu keeps 3; 1
        (7, "receptive field", "right"), (7, "receptive field", "right"),  # 3 + 1 = 4; j 2
        (8, "receptive field", "right"), (8, "receptive field", "right"),  # bn keeps 4; 2
        (9, "receptive field", "wrong"),  # 4 + 2·2 = 8, not 9
        (9, "receptive field", "right"),  # j 2
        # line 10: the concat (named in the layer column) carries 9 and 2 on: the field
        # along the path is 8, the slip of line 9 carried
        (10, "receptive field", "wrong"), (10, "receptive field", "right"),  # 8, not 9; 2
        (11, "receptive field", "right"), (11, "receptive field", "right"),  # 8 + 4 = 12; j 2
    ],
    "11_size_under_count.md": [
        # a line of nothing but sizes under a line that gives the parameter count
        (4, "memory", "right"),  # 1,234,567·4 = 4,938,268 bytes = 4.94 MB
        (4, "memory", "right"),  # 4,938,268 / 1024 = 4,822.53 KiB
        (7, "memory", "wrong"),  # 2,000,000·4 = 8,000,000 / 2^20 = 7.63 MiB, not 7.93
        (10, "memory", "wrong"),  # fp16 named above: 3,000,000·2 = 6.00 MB (5.72 MiB);
        # 11.44 is the float32 MiB
        (13, "memory", "right"),  # 5,000,000·4 = 20,000,000 / 2^20 = 19.07 MiB
        # line 16: a batch figure beside the size: not the weights alone
        # line 19: a file's size (a checkpoint holds more than the weights): not judged
    ],
    "12_field_through_prose.md": [
        # from a field of 1 and a jump of 1 at the first layer: r + (k - 1)·j, j·s
        (4, "receptive field", "right"),  # the 3x3 kernels (line 3): 1 + 2 = 3
        (5, "receptive field", "right"),  # 2x2 pool, stride 2: 3 + 1·1 = 4, j 2
        (6, "receptive field", "wrong"),  # 3x3, stride 1: 4 + 2·2 = 8, not 10
        (8, "receptive field", "right"),  # a first layer again: 7x7 stride 2: 7, j 2
        (9, "receptive field", "right"),  # 3x3 pool stride 2: 7 + 2·2 = 11
        # line 11: a pooling whose stride is not given: the walk stops, nothing said
        (13, "receptive field", "right"),  # 7x7/2 (the stride after a slash): 7, j 2
        (14, "receptive field", "wrong"),  # 3x3/2 pool: 7 + 2·2 = 11, not 13
    ],
    "13_labelled_column_totals.md": [
        # each row's own products (arithmetic); the totals add each column's exact figures
        (4, "arithmetic", "right"),  # 32·32·3 = 3,072: 3K
        (5, "arithmetic", "right"), (5, "arithmetic", "right"),  # 16,384: 16K; 27·16 = 432
        (6, "arithmetic", "right"), (6, "shape", "right"),  # 4,096: 4K; 32 pooled to 16
        (7, "arithmetic", "right"),  # 4,096·10 = 40,960
        (9, "arithmetic", "right"),  # 3,072 + 16,384 + 4,096 + 10 = 23,562: 24K
        (10, "arithmetic", "wrong"),  # 432 + 40,960 = 41,392: 41K, not 45K
        (14, "arithmetic", "right"),  # 784
        (15, "arithmetic", "right"), (15, "arithmetic", "right"),  # 5,408; 10·8 = 80
        (16, "arithmetic", "right"),  # 1,352
        (17, "arithmetic", "right"),  # 1,353·10 = 13,530
        (18, "arithmetic", "wrong"),  # 784 + 5,408 + 1,352 + 10 = 7,554, not 7,454 (1.3% off;
        # within 1% it would be unsure: biases the lines may leave out)
        (19, "arithmetic", "right"),  # 80 + 13,530 = 13,610
        # line 25: one weight written "2K" cannot be added exactly: not judged
        (26, "arithmetic", "right"),  # 100 + 200 + 300
    ],
    "14_summary_as_table.md": [
        # a Keras summary as a markdown table
        (5, "summary", "right"),  # 8·(3·3·3 + 1) = 224 on an RGB image
        (6, "summary", "right"), (6, "summary", "right"),  # pool: 0; 30/2 = 15
        (7, "summary", "right"), (7, "summary", "right"),  # flatten: 0; 15·15·8 = 1,800
        (8, "summary", "wrong"),  # (1,800 + 1)·10 = 18,010 (18,000 without bias), not 18,020
        # torchsummary's rows, the separator with alignment marks
        (12, "summary", "right"),  # 16·(3·3·3 + 1) = 448
        (13, "summary", "right"), (13, "summary", "right"),  # ReLU: 0, keeps 16x32x32
        (14, "summary", "wrong"),  # 16·16·9 + 16 = 2,320 (2,304 without bias), not 2,230
        # lines 16-19: a layer / params table without shapes: not a summary, not judged
        (23, "summary", "right"),  # 4·(3·3·1 + 1) = 40
        (24, "summary", "right"), (24, "summary", "right"),  # flatten: 0; 26·26·4 = 2,704
        (25, "summary", "right"),  # (2,704 + 1)·2 = 5,410
        (27, "summary", "wrong"),  # under the table: 40 + 5,410 = 5,450, not 5,460
    ],
    "15_summary_as_list.md": [
        # Keras rows numbered as a list
        (3, "summary", "right"),  # 16·(3·3·1 + 1) = 160
        (4, "summary", "right"), (4, "summary", "right"),  # flatten: 0; 26·26·16 = 10,816
        (5, "summary", "wrong"),  # (10,816 + 1)·10 = 108,170, not 108,180
        # torchsummary rows as bullets, after a line of prose that ends the first
        (9, "summary", "right"),  # 8·(3·3·1 + 1) = 80
        (10, "summary", "right"), (10, "summary", "right"),  # ReLU: 0, keeps 8x28x28
        (11, "summary", "right"), (11, "summary", "right"),  # flatten: 0; 8·28·28 = 6,272
        (12, "summary", "right"),  # (6,272 + 1)·10 = 62,730
    ],
    "16_loose_rf_tables.md": [
        # bars without outer pipes, then columns lined up with spaces; "-" for no window
        (4, "receptive field", "right"), (4, "receptive field", "right"),  # 7; j 2
        (5, "receptive field", "right"), (5, "receptive field", "right"),  # lrn1 keeps 7; 2
        (6, "receptive field", "right"), (6, "receptive field", "right"),  # 7 + 2·2 = 11; j 4
        # line 7: the concat carries 11 and 4 on
        (7, "receptive field", "right"), (7, "receptive field", "right"),
        (8, "receptive field", "wrong"),  # 11 + 2·4 = 19, not 21
        (8, "receptive field", "right"),  # j 4
        (13, "receptive field", "right"), (13, "receptive field", "right"),  # 7; j 2
        (14, "receptive field", "right"), (14, "receptive field", "right"),  # bn1 keeps 7; 2
        (15, "receptive field", "wrong"),  # 7 + 2·2 = 11, not 13
        (15, "receptive field", "right"),  # j 4
        # line 16: "merge" carries 13 and 4 on: the path's field is 11, the slip carried
        (16, "receptive field", "wrong"), (16, "receptive field", "right"),  # 11, not 13; 4
        (17, "receptive field", "right"), (17, "receptive field", "right"),  # 11 + 8 = 19; j 4
    ],
    "17_abridged_keras.md": [
        # rows cut out: Keras prints a Flatten as a row, and a Dense keeps all axes but the
        # last, so (None, 10) straight after (None, 30, 30, 32) reads rows not shown: the
        # Dense's input and the total as a sum are unknown (set-r's false alarms' form)
        (6, "summary", "right"),  # (3·3·3 + 1)·32 = 896
        (10, "summary", "right"),  # trainable = total
        (11, "summary", "right"),  # 225,034 - 225,034 = 0
        # lines 18 and 20: the second table, cut after its input row: not judged
        (27, "summary", "right"), (27, "summary", "right"),  # flatten: 0; 4·8·8 = 256
        (28, "summary", "right"),  # 256·10 = 2,560, no bias
        (30, "summary", "wrong"),  # whole: 0 + 0 + 2,560 = 2,560, not 2,570
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_summary_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
