"""`cnnstat check` on parameter counts, totals and shares that unseen notes (set-k, set-l,
set-m) left unjudged or missed: labels in brackets between the terms of a count
(``6(weights+biases)``, ``1(#입력 채널(RGB))``), a bias term that is not the layer's
outputs while the result is (a slip of the hand, whose total carries no error), a total
stated ahead of the sum that works it out, a total a digit off the layers just above it,
a table's column of shares of its total, a quiz's answer to a question that sets out one
layer, a chain of PyTorch layers beside its count, a calculation worked over several
lines each opening with ``=``, notes kept in a triple-quoted string inside code, a ratio of
the figures worked out just above it, weights and biases a line each and then their total, one layer of a named network
(``첫 FC layer``, ``the first FC layer``) with 억/만, a variable given a calculation in code
with its value in the comment after it, operands with their units in words.

Each fixture under tests/fixtures/notes/intent_forms was written for this repository in
its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out
by hand in the comment beside it; a claim not listed fails the test as surely as a
missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "intent_forms"

EXPECTED = {
    "01_labelled_terms.md": [
        # 50*300 = 15,000 weights; + 50 biases = 15,050: the result is the layer's, the
        # term written (40) is no bias count of it
        (4, "arithmetic", "wrong"),
        (6, "arithmetic", "right"),  # 10*50 + 10 = 510
        (7, "arithmetic", "right"),  # 15,050 + 510 = 15,560 (line 4's result holds)
        (9, "arithmetic", "wrong"),  # 640 + 64 = 704, not 710; 640 + 10 = 650 neither
        (13, "arithmetic", "right"),  # 3*3*16*32 = 4,608; + 32 = 4,640
        (14, "arithmetic", "right"),  # 5*5*3*8 = 600; + 8 = 608
        (15, "arithmetic", "wrong"),  # 12*36 = 432; + 12 = 444: the term should be 12
        # 8*32*9 = 2,304; + 32 = 2,336: the input channels (8) written for the outputs
        (16, "arithmetic", "wrong"),
    ],
    "02_total_ahead.md": [
        # TinyNet: 10*16 = 160; 145*32 = 4,640; 33*14 = 462; 160 + 4,640 + 462 = 5,262
        (4, "arithmetic", "wrong"),  # stated ahead as 5,252: one digit off the sum below
        (6, "arithmetic", "right"), (7, "arithmetic", "right"), (8, "arithmetic", "right"),
        (10, "arithmetic", "right"),
        # 256*30 + 30 = 7,710; 30*10 + 10 = 310; 7,710 + 310 = 8,020
        (13, "arithmetic", "wrong"),  # 8,200 ahead: two neighbouring digits swapped
        (15, "arithmetic", "right"), (16, "arithmetic", "right"), (18, "arithmetic", "right"),
        # 400*100 + 100 = 40,100; 100*10 + 10 = 1,010, not 1,000
        # 41,100 ahead states the model's count: the corrected layers give 41,110
        (21, "arithmetic", "wrong"),
        (22, "arithmetic", "right"), (23, "arithmetic", "wrong"),
        # line 25: right as written, wrong carried (41,110): an inherited error, unsure
        # (precedence.INHERITED: the real notes' truth files disagree on it)
        (28, "arithmetic", "right"),  # 2*(36 + 1) = 74; "Total params: 900" adds nothing
    ],
    "03_total_slip.md": [
        # 76*8 = 608; 73*16 = 1,168; 257*10 = 2,570; together 4,346
        (3, "arithmetic", "right"), (4, "arithmetic", "right"), (5, "arithmetic", "right"),
        (6, "arithmetic", "wrong"),  # 4,364: the 4 and 6 swapped
        # 100*50 + 100 = 5,100; 10*100 + 10 = 1,010; together 6,110
        (8, "arithmetic", "right"), (9, "arithmetic", "right"),
        (10, "arithmetic", "wrong"),  # 6,120: one digit off
        # 28*4 = 112; 37*4 = 148; together 260: 300 is no slip of it, not judged
        (12, "arithmetic", "right"), (13, "arithmetic", "right"),
    ],
    "04_share_column.md": [
        # total 1,792 + 36,928 + 259,712 = 298,432 (its row right)
        (5, "arithmetic", "right"),  # 1,792 / 298,432 = 0.60%
        (6, "arithmetic", "wrong"),  # 36,928 / 298,432 = 12.37%, not 14.2%
        (7, "arithmetic", "right"),  # 259,712 / 298,432 = 87.03%
        (8, "arithmetic", "right"),
        # no total row; 8.3 + 91.7 = 100: of 4,640 + 51,300 = 55,940
        (12, "arithmetic", "right"),  # 8.29%
        (13, "arithmetic", "right"),  # 91.71%
        # "% of FLOPs": of 118,013,952 + 513,000 = 118,526,952 FLOPs, not the params
        (17, "arithmetic", "right"),  # 99.57%
        (18, "arithmetic", "right"),  # 0.43%
        # 10% + 20% add up to no whole, and no total row: not judged
        # lines 29-30: a Top-1 column beside the counts is accuracy, no share (50.2% and
        # 49.8% add up to 100 by chance; as shares of 1,000 + 1,000 both would be 50%)
    ],
    "05_quiz_params.md": [
        # 3x3 on RGB (3 channels), 16 filters, biases: (3*3*3 + 1)*16 = 448; 160 is
        # (3*3 + 1)*16, the input channels left out
        (5, "params", "wrong"),
        (9, "params", "right"),  # (5*5*4 + 1)*20 = 101*20 = 2,020
        # weights only: 10*10*2 = 200 inputs, *64 = 12,800; 12,864 adds the biases
        (13, "params", "wrong"),
        # question 4 sets out two layers: its answer is not judged
        (21, "params", "right"),  # grayscale: (3*3*1 + 1)*8 = 80 (or 72 without biases)
        # (5*5*3 + 1)*16 = 1,216; 416 = (5*5 + 1)*16, the 3 channels left out
        (25, "params", "wrong"),
        # grayscale, 10 filters of 5x5, biases: (25 + 1)*10 = 260; the choices are no
        # answer; the one under "Answer", 250, leaves the biases out
        (33, "params", "wrong"),
        # the figure alone under its question: (5*5*3 + 1)*6 = 456
        (37, "params", "right"),
        # grayscale, biases not asked: 3*3*1*4 = 36 weights (40 with the biases), either
        (41, "params", "right"),
    ],
    "06_layer_calls.md": [
        (5, "params", "right"),  # 784*64 + 64 = 50,240; 64*10 + 10 = 650; 50,890
        (6, "params", "wrong"),  # 401,920 + 5,130 = 407,050: not about 300,000
        (7, "params", "right"),  # (9*1 + 1)*8 = 80; 1,352*10 + 10 = 13,530; 13,610
        # Conv2d(3, 16) has no kernel: at least 3*16; 14,400*256 + 256 = 3,686,656
        # alone is more than 500,000
        (8, "params", "wrong"),
        (12, "params", "right"),  # 100*20 + 20 = 2,020; 20 + 1 = 21; 2,041
        (13, "params", "right"),  # 26*4 = 104; batch norm 8; 2,304*2 + 2 = 4,610; 4,722
        (15, "params", "right"),  # 5,050 + 102 = 5,152
        (16, "params", "wrong"),  # no biases in the first: 5,000 + 102 = 5,102
    ],
    "07_steps_across_lines.md": [
        # line 4 is a rule in words (not judged here); 5*5*3*16 = 1,200, + 16 = 1,216
        (5, "arithmetic", "info"),
        (6, "arithmetic", "right"),  # = 1200 + 16: the same 1,216
        (7, "arithmetic", "right"),  # = 1216
        (10, "arithmetic", "info"),  # 10,240 + 10 = 10,250
        (11, "arithmetic", "wrong"),  # = 10,240 + 100 is 10,340: the step is wrong
        # line 12 (= 10,250) follows a wrong step: not judged against it
        (14, "formula", "right"),  # (C_in*K^2 + 1)*C_out: the conv's count
        (17, "arithmetic", "right"),  # 64*9 + 1 = 577; = 577 * 32 (line 16: 18,464)
        (18, "arithmetic", "right"),  # 577*32 = 18,464
        (21, "arithmetic", "info"),  # (2.5*4)*10 = 100
        (22, "arithmetic", "right"),  # 10.02*10 = 100.2: within 0.5% of 100, a rounded step
        (23, "arithmetic", "right"),  # 100 states 100.2 to its units
    ],
    "08_notes_in_strings.md": [
        # lines inside a triple-quoted string are prose, their labels in brackets words
        (6, "arithmetic", "right"),  # 3*3*3*8 = 216, + 8 = 224
        (7, "arithmetic", "wrong"),  # 8*10 + 10 = 90, not 91
        (12, "arithmetic", "right"),  # 8*3*3*16 = 1,152, + 16 = 1,168
        # line 14 is code outside the strings (its comment works nothing out)
    ],
    "09_ratio_above.md": [
        (3, "arithmetic", "right"),  # 1,153*128 = 147,584
        # 129*32 + 289*32 + 33*128 = 4,128 + 9,248 + 4,224 = 17,600, not 17,568
        (4, "arithmetic", "wrong"),
        (5, "ratio", "right"),  # 147,584 / 17,600 = 8.39: about 8.4x
        (6, "ratio", "wrong"),  # 8.39 is less than one order of magnitude, not three
        (9, "arithmetic", "right"),  # 9*64*64 = 36,864
        (10, "arithmetic", "right"),  # 576 + 4,096 = 4,672
        # a new group (more than four lines under line 4): 36,864 / 4,672 = 7.89
        (11, "ratio", "right"),  # 약 7.9배
        (12, "ratio", "wrong"),  # 2배: the two figures give 7.89, not 2
        (14, "arithmetic", "right"),  # 80 / 720 = 0.111
        (15, "ratio", "right"),  # 0.111 is 11.1%
    ],
    "10_parts_total.md": [
        (4, "arithmetic", "right"),  # 16*27 = 432
        (7, "params", "right"),  # 432 + 16 = 448 (a sub-list between the parts)
        (10, "arithmetic", "right"),  # 128*10 = 1,280
        (12, "params", "wrong"),  # 1,280 + 10 = 1,290, not 1,300
        (15, "arithmetic", "right"),  # 25*3*10 = 750
        (17, "params", "wrong"),  # 750 + 10 = 760, not 770
    ],
    "11_one_layer_korean_units.md": [
        # VGG16 (Simonyan & Zisserman, config D): fc6 takes 7*7*512 = 25,088 inputs to
        # 4,096: 25,088*4,096 + 4,096 = 102,764,544; conv1_1 (3*3*3 + 1)*64 = 1,792;
        # conv1_2 (3*3*64 + 1)*64 = 36,928
        (3, "model", "right"),  # 첫 FC: 약 1억 300만 states 102.76M to 100만
        (5, "model", "wrong"),  # 첫 합성곱: 1,792, not 2억
        (7, "model", "right"),  # first FC: about 103M (a part: never the model's total)
        (9, "model", "wrong"),  # second conv: 36,928, not 38,928
    ],
    "12_assigned_in_code.md": [
        # a variable given a calculation, its value in the comment after it
        (2, "arithmetic", "right"),  # 27*64 + 64 = 1,792
        (3, "arithmetic", "right"),  # 577*64 = 36,928
        (4, "arithmetic", "right"),  # 4,096,000 + 1,000 = 4,097,000
        (5, "arithmetic", "wrong"),  # 1,792 + 36,928 = 38,720, not 38,620
        # line 6: a number given, no calculation: nothing to judge
        (10, "arithmetic", "right"),  # 75*6 + 6 = 456
        (11, "arithmetic", "right"),  # 28*28 = 784
    ],
    "13_units_in_words.md": [
        (3, "arithmetic", "right"),  # 128*4*4 = 2,048, each operand with its unit
        (4, "arithmetic", "wrong"),  # 2,048 + 10 = 2,058, not 2,068
        (5, "arithmetic", "wrong"),  # 3*64 = 192, not 190
        # line 6: "stride = 2" is a setting, no unit of a product: not read
        (7, "arithmetic", "right"),  # 2*9 = 18 (the "3×3 layers" before it no operand)
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_intent_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_bias_term_names_the_outputs():
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / "01_labelled_terms.md").claims
    slip = [c for c in claims if c.line == 4]
    assert len(slip) == 1 and slip[0].claimed == "40" and slip[0].actual == 50
