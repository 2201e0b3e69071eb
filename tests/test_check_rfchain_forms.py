"""`cnnstat check` on receptive fields worked down a chain of layers (issue 19): the
general rules stated above such a walk (a subscript written with a hyphen, ``n-out``,
``J-in``; the layer's stride where the jump belongs, ``r_out = r_in + (k - 1)·s``, wrong
only where the note names the jump apart), the walk itself set out as lines, and the map
such a walk ends on (never empty).

Each fixture under tests/fixtures/notes/rf_chains was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it (the growth rule r_out = r_in + (k - 1)·j_in, j_out =
j_in·s, from r = 1, j = 1; the output size floor((n + 2p - k)/s) + 1); a claim not listed
fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "rf_chains"
RULE = "formula"
RF = "receptive field"

EXPECTED = {
    "01_rules_hyphen_stride.md": [
        (5, RULE, "right"),  # w_out = (w_in + 2p - f)/s + 1
        (9, RULE, "wrong"),  # (w_in + 2p - f)·s + 1: n 32, f 3, s 2, p 1 gives 63, not 16
        (11, RULE, "right"),  # J_out = J_in·s
        # the jump named apart just above: s is the layer's stride; a first 3x3 conv of
        # stride 2 sees 1 + 2·1 = 3, the rule gives 1 + 2·2 = 5
        (13, RULE, "wrong"),
        (17, RULE, "right"),  # jump_out = jump_in·stride
        (19, RULE, "wrong"),  # rf_in + (kernel - 1)·stride, the jump named on line 17
        (23, RULE, "right"),  # j_out = j_in·s
        (25, RULE, "right"),  # r_out = r_in + (k - 1)·j_in
        (29, RULE, "right"),  # 점프(출력) = 점프(입력)·스트라이드
        (31, RULE, "wrong"),  # 스트라이드 where 점프(입력) belongs, the jump on line 29
        # line 37: no jump on the page: S may be the strides below multiplied (unsure)
        # line 41: R in a paragraph on the receptive field is the field, not a size: the
        # same rule as line 37, unsure (no jump named above it)
        (43, RULE, "right"),  # R_l = R_{l-1} + (F - 1)·J_{l-1}
    ],
    "02_listed_chain.md": [
        (5, RF, "right"), (5, RF, "right"),  # 5x5/2: 1 + 4·1 = 5; j 1·2 = 2
        (6, RF, "wrong"), (6, RF, "right"),  # 3x3/2: 5 + 2·2 = 9, not 11; j 4
        (7, RF, "wrong"), (7, RF, "right"),  # LRN keeps 9 (the slip carried); j 4
        (8, RF, "wrong"), (8, RF, "right"),  # 1x1 keeps 9; j 4
        (9, RF, "wrong"), (9, RF, "right"),  # 9 + 2·4 = 17, not 19; j 4
        (13, RF, "right"),  # 3 (its j = 1 is also the jump before: read a row at a time,
        # the column fits no side yet)
        # line 14: a ReLU alone, a row without figures
        (15, RF, "right"),  # 3 + 2·1 = 5
        (16, RF, "wrong"), (16, RF, "right"),  # 2x2/2: 5 + 1·1 = 6, not 10 (doubled); j 2
        (17, RF, "wrong"), (17, RF, "right"),  # 6 + 2·2 = 10, not 14; j 2
        (19, RF, "right"), (20, RF, "right"),  # 7; 7 + 2·2 = 11
        (21, RF, "right"), (22, RF, "right"),  # 11 + 2·4 = 19; 19 + 2·4 = 27
        (23, RF, "wrong"),  # the jump after two pools is 8: 27 + 2·8 = 43, not 35
        (27, RF, "right"), (27, RF, "right"),  # 3x3 stride 2: 3; 점프 2
        (28, RF, "right"), (28, RF, "right"),  # 3 + 2·2 = 7; 2
        (29, RF, "right"), (29, RF, "right"),  # 2x2 stride 2: 7 + 1·2 = 9; 4
        # lines 33-34: the first figure (44) is no chain's from the input: not judged
        (38, RF, "right"),  # 3
        # line 39: two windows on one line end the list; line 40 opens another, whose
        # first figure (20) does not fit: not judged
        (44, RF, "right"),  # 3
        # line 45: 5 is the 5x5's own field (the chain's is 7): unsure, no jump stated
        (46, RF, "right"),  # 7: the field before this row's layer, as the column may read
        # fields written as squares: no map goes from 5x5 through the pool to 7x7
        (50, RF, "right"), (50, RF, "right"),  # 5x5/2: 5; j 2
        (51, RF, "right"), (51, RF, "right"),  # 2x2/2: 5 + 1·2 = 7; j 4
        (52, RF, "wrong"), (52, RF, "right"),  # 3x3/1: 7 + 2·4 = 15, not 13; j 4
        # under a line about the field, rows without their label ("after <layer>: N")
        (56, RF, "right"),  # 5x5/2: 5
        (57, RF, "wrong"),  # 3x3/2: 5 + 2·2 = 9, not 11
        (58, RF, "wrong"),  # LRN keeps 9 (the slip carried)
        (59, RF, "wrong"),  # 3x3/1: 9 + 2·4 = 17, not 19
        # lines 63-64: under a line about output sizes: not fields, not read
    ],
    "04_named_rows.md": [
        # a named network's layers, each line labelled: the spec's rows grow the field
        (5, RF, "right"), (6, RF, "right"),  # conv1_1 3; conv1_2 3 + 2 = 5
        (7, RF, "right"), (8, RF, "right"),  # pool1 5 + 1 = 6 (j 2); conv2_1 6 + 2·2 = 10
        (9, RF, "right"),  # conv2_2 10 + 4 = 14
        (10, RF, "wrong"),  # pool2 14 + 1·2 = 16, not 18
        (11, RF, "wrong"),  # conv3_1 16 + 2·4 = 24, not 26 (the slip carried)
        (15, RF, "right"),  # AlexNet conv1 11x11/4: 11
        (16, RF, "right"),  # pool1 3x3/2: 11 + 2·4 = 19
        (17, RF, "right"),  # conv2 5x5: 19 + 4·8 = 51
        # lines 21-22: no network named, no window written: not judged
    ],
    "03_empty_map.md": [
        # the end of a walk: no layer makes an empty map (a window that fits gives 1 at
        # least, a global pooling 1x1; one that does not fit is an error)
        (5, "shape", "right"),  # (8 + 2 - 3)/1 + 1 = 8
        (6, "shape", "right"), (6, "shape", "right"),  # input 8; (8 - 2)/2 + 1 = 4
        (7, "shape", "right"), (7, "shape", "wrong"),  # input 4; 0 from a map of 4
        (13, "shape", "right"),  # (4 + 2 - 3)/1 + 1 = 4
        (14, "shape", "right"), (14, "shape", "right"),  # input 4; (4 - 2)/2 + 1 = 2
        (15, "shape", "right"), (15, "shape", "wrong"),  # input 2; a 5x5 on 2x2: no 0x0
        (21, "shape", "right"),  # (14 - 2)/2 + 1 = 7
        (22, "shape", "right"), (22, "shape", "right"),  # input 7; (7 - 7)/1 + 1 = 1
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rfchain_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
