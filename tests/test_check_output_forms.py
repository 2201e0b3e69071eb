"""`cnnstat check` on output sizes stated in the comments of model code (issue 19, items
5 and 8): a comment that gives a step's input and output (``# Input: (batch, 256, 32, 32)
→ Output: (batch, 512, 32, 32)``, ``# in: 128x64x64, out: 128x32x32``, ``# 입력 (N, 256,
8, 8) → 출력 ...``) above the code that builds the step or beside it (``commentpair``):
the output is the input taken through the layers built, by the layer algebra; in prose,
a correction of the output just stated ("but it should be 30x30", "6x6이어야 한다"), a
claim of its own for the same step, a kernel written before its input ("3x3 pooling
... to a 15x15 map gives 7x7"), the channels pooling keeps, a premise before a question
("Given ... . For a 32x32x3 input, what is ...?") and its answer ("the output
dimensionality of the conv layer is ..."), an output written before its step ("7x7 as we
apply the 3x3 window to a 9x9 map"); in PyTorch code run in a notebook, a constructor
whose call goes on over several lines and a layer's output shown unnamed
(``convt(y).shape``); a kernel with its stride written ``3x3/2``; ``'same'`` padding with a stride,
TensorFlow's rule (``ceil(n / s)``), in Keras code and in prose; a transposed or dilated
conv set out in words; a Keras layer whose comment gives its input and output.

The fixtures (tests/fixtures/notes/output_forms) are this repository's own text; the hand
arithmetic for each expected claim stands beside it, and the multiset of (line, kind,
verdict) must match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/output_forms"

EXPECTED = {
    "01_torch_comment_pairs.md": [
        # conv 4x4, stride 2, padding 1 on 128: (128 + 2 - 4) / 2 + 1 = 64; the channels
        # are a name (width): height and width alone
        (10, "shape", "right"),
        # conv 4x4, stride 1, padding 1 on 64: 64 + 2 - 4 + 1 = 63, not 64
        (16, "shape", "wrong"),
        # 2x2 max pooling (stride 2) on 64: 32; the channels kept (128)
        (19, "shape", "right"),
        # beside the code: 3x3 conv, padding 1 on 32: 32 + 2 - 3 + 1 = 32, 1 filter
        (21, "shape", "right"),
        # transposed 4x4, stride 2, padding 1 on 32: (32 - 1) * 2 - 2 + 4 = 64, not 66
        (22, "shape", "wrong"),
        # 3x3, dilation 2 (reach 5), padding 2 on 64: 64 + 4 - 5 + 1 = 64, 8 filters
        (23, "shape", "right"),
        # line 25: the input is the output line 23 gave, (8, 64, 64) (the comments'
        # chain); its output is not judged: make_stem is the note's own helper
        (25, "shape", "right"),
    ],
    "02_torch_comment_pairs_ko.md": [
        # transposed 4x4, stride 2, padding 1 on 8: (8 - 1) * 2 - 2 + 4 = 16
        (8, "shape", "right"),
        # transposed 3x3, stride 2, padding 1 on 16: 15 * 2 - 2 + 3 = 31, not 32
        # (32 would need output_padding=1)
        (10, "shape", "wrong"),
        # a setting between (mult = min(...)) is no layer; 5x5 conv, padding 2: 32
        (13, "shape", "right"),
        # 3x3 max pooling, stride 2 on 32: floor((32 - 3) / 2) + 1 = 15, not 16; but the
        # code is a module's attribute alone (forward() may apply more than it builds):
        # unsure, not shown. The input 3x32x32 is the output line 13 gave (the chain)
        (16, "shape", "right"),
        # two statements: 3x3 conv stride 2 padding 1 on 32: floor(31 / 2) + 1 = 16,
        # then 2x2 pooling: 8, with 6 filters: (6, 8, 8)
        (19, "shape", "right"),
    ],
    "03_corrections.md": [
        # 5x5 conv, stride 1, no padding on 32: 32 - 5 + 1 = 28; the caption's
        # "should be 30x30" is a claim of its own, for the same step: wrong
        (3, "shape", "right"), (3, "shape", "wrong"),
        # the kernel before its input: 3x3 pooling, stride 2, no padding on 15:
        # (15 - 3) / 2 + 1 = 7; the errata's "should be 8x8": wrong
        (5, "shape", "right"), (5, "shape", "wrong"),
        # 7 - 3 + 1 = 5; "not 4x4" denies a size, it claims none
        (7, "shape", "right"),
        # 3x3 pooling, stride 2, no padding on 14: floor(11 / 2) + 1 = 6: the 7x7 the
        # text gives is wrong, the "6x6이어야" after it right
        (9, "shape", "wrong"), (9, "shape", "right"),
        # 3x3 conv, padding 1 on 10: 10 + 2 - 3 + 1 = 10; "8x8이 맞다": wrong
        (11, "shape", "right"), (11, "shape", "wrong"),
    ],
    "04_prose_outputs.md": [
        # a "filter" in a line of pooling alone is its window (LaTeX products read as
        # products): 3x3, stride 2 on 27: (27 - 3) / 2 + 1 = 13, but pooling keeps the
        # input's 256 channels: 13x13x384 is wrong
        (3, "shape", "wrong"),
        # 2x2 pooling, stride 2 on 28: 14, channels kept: 14x14x32, not 14x14x64
        (5, "shape", "wrong"),
        # the window before its input ("applied to a 16x16x8 map gives"): 16 / 2 = 8,
        # channels kept: 8x8x8
        (7, "shape", "right"),
        # a premise ("Given ...") before the question: both givens; the answer below it:
        # 5x5, stride 1, padding 2 on 20: 20 + 4 - 5 + 1 = 20, 4 filters: 20x20x4
        (11, "shape", "right"),
        # 3x3, stride 2, no padding on 31: (31 - 3) / 2 + 1 = 15: 15x15x16, not 16x16x16
        (15, "shape", "wrong"),
    ],
    "05_output_first.md": [
        # the output before its step ("7x7 as we apply the 3x3 window to a 9x9 map"):
        # 9 - 3 + 1 = 7
        (3, "shape", "right"),
        # "5x5 because a 4x4 kernel slides on a 15x15 input with a stride size of 3":
        # floor((15 - 4) / 3) + 1 = 3 + 1 = 4, not 5
        (5, "shape", "wrong"),
    ],
    "06_torch_split_calls.md": [
        # a constructor over several lines, then a layer's output shown unnamed
        # (up(x).shape): transposed 3x3, stride 2 on 10: (10 - 1) * 2 + 3 = 21
        (11, "shape", "right"),
        # 3x3, dilation 2 (reach 2 * 2 + 1 = 5), no padding on 21: 21 - 5 + 1 = 17, not 16
        (24, "shape", "wrong"),
    ],
    "07_torch_split_calls_fenced.md": [
        # 5x5, stride 2, padding 2 on 65: (65 + 4 - 5) / 2 + 1 = 33
        (12, "shape", "right"),
        # 3x3 pooling, stride 2 on 33: (33 - 3) / 2 + 1 = 16, not 17
        (13, "shape", "wrong"),
    ],
    "08_kernel_slash_stride.md": [
        # a kernel and its stride written k x k / s: conv 7x7, stride 2, padding 3 on
        # 224: floor((224 + 6 - 7) / 2) + 1 = 111 + 1 = 112
        (3, "shape", "right"),
        # 3x3 pooling, stride 2, no padding on 112: floor(109 / 2) + 1 = 55, not 56
        (5, "shape", "wrong"),
        # 3x3/2 pooling on 55: floor(52 / 2) + 1 = 27
        (7, "shape", "right"),
        # line 9: 64x64/2 is a size divided, no kernel: not judged
    ],
    "09_tf_same_stride.md": [
        # 'same' with a stride is TensorFlow's: ceil(n / s) windows. 3x3, stride 2 on 15:
        # ceil(15 / 2) = 8 -> (8, 8, 32)
        (5, "shape", "right"),
        # 2x2 pooling (stride 2), 'same' on 8: 4 -> (4, 4, 32)
        (6, "shape", "right"),
        # 3x3, stride 2, 'same' on 4: ceil(4 / 2) = 2 -> (2, 2, 64), not (3, 3, 64)
        (7, "shape", "wrong"),
        # 'SAME', 3x3, stride 2 on 25: ceil(25 / 2) = 13
        (10, "shape", "right"),
        # same, 5x5, stride 2 on 31: ceil(31 / 2) = 16, not 15
        (12, "shape", "wrong"),
    ],
    "10_transposed_dilated_prose.md": [
        # transposed 4x4, stride 2, padding 1 on 16: (16 - 1) * 2 - 2 + 4 = 32
        (3, "shape", "right"),
        # transposed 3x3, stride 2, no padding on 7: (7 - 1) * 2 + 3 = 15
        (5, "shape", "right"),
        # 3x3 with dilation 2 (reach 5), no padding on 32: 32 - 5 + 1 = 28, not 30
        (7, "shape", "wrong"),
        # 3x3, dilation 2, padding 2 on 14: 14 + 4 - 5 + 1 = 14
        (9, "shape", "right"),
        # line 11: a dilated conv whose rate is not written: not judged
    ],
    "11_keras_comment_pairs.md": [
        # the first layer's input is the comment's (None, 28, 28, 1): 3x3 valid: 26
        (4, "shape", "right"),
        # 2x2 pooling on 26: 13
        (5, "shape", "right"),
        # 3x3, stride 2, valid on 13: floor(10 / 2) + 1 = 6
        (6, "shape", "right"),
        # 64x64x3 given; 5x5 'same': 64x64x16
        (10, "shape", "right"),
        # 3x3 pooling, stride 2, valid on 64: floor(61 / 2) + 1 = 31, not 32
        (11, "shape", "wrong"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_output_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
