"""`cnnstat check` on shapes written in code and its comments (issue 19): a Keras call
whose arguments go on over several lines, read once it closes, with the model's input
stated on the line that starts the model or opens the call.

The fixtures (tests/fixtures/notes/code_shapes) are this repository's own text in the
forms real notes use; the hand arithmetic for each expected claim stands beside it, and
the multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/code_shapes"

EXPECTED = {
    "01_keras_split_calls.md": [
        # input_shape=(12, 12, 3) on line 9, the third line of the first call
        (6, "shape", "right"),  # the model's line: (N, 12, 12, 3) is that input
        (7, "shape", "right"),  # the call's opening line: the same input
        (9, "shape", "right"),  # 8 filters 3x3 'same', stride 1: 12x12x8
        (10, "shape", "right"),  # 16 filters 3x3 valid: 12 - 3 + 1 = 10 -> 10x10x16
        (11, "shape", "right"),  # MaxPooling2D() is 2x2, stride 2: 10 / 2 = 5 -> 5x5x16
        # lines 12-14: 4 filters 2x2 stride 2 valid: floor((5 - 2) / 2) + 1 = 1 + 1 = 2,
        # so 2x2x4, not 3x3x4
        (14, "shape", "wrong"),
        (15, "shape", "right"),  # flatten 2 * 2 * 4 = 16
        (16, "shape", "right"),  # Dense(10): 10
        # the functional form, from Input(shape=(28, 28, 1))
        (24, "shape", "right"),  # 32 filters 5x5 "same": 28x28x32
        (25, "shape", "right"),  # 2x2 pooling: 14x14x32
        (26, "shape", "wrong"),  # 64 filters 5x5 valid: 14 - 5 + 1 = 10, not 9
        (27, "shape", "right"),  # flatten 10 * 10 * 64 = 6,400
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_code_shape_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
