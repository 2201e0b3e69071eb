"""`cnnstat check` on output sizes stated in the comments of model code (issue 19, items
5 and 8): a comment that gives a step's input and output (``# Input: (batch, 256, 32, 32)
→ Output: (batch, 512, 32, 32)``, ``# in: 128x64x64, out: 128x32x32``, ``# 입력 (N, 256,
8, 8) → 출력 ...``) above the code that builds the step or beside it (``commentpair``):
the output is the input taken through the layers built, by the layer algebra.

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
        # 3x3 max pooling, stride 2 on 32: floor((32 - 3) / 2) + 1 = 15, not 16
        (16, "shape", "wrong"),
        # and the input 3x32x32 is the output line 13 gave (the comments' chain)
        (16, "shape", "right"),
        # two statements: 3x3 conv stride 2 padding 1 on 32: floor(31 / 2) + 1 = 16,
        # then 2x2 pooling: 8, with 6 filters: (6, 8, 8)
        (19, "shape", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_output_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
