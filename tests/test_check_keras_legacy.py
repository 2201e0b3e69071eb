"""`cnnstat check` on Keras code written across lines with a backslash, and in Keras 1's
words (issue 19; a false alarm on notes the project had never seen came from the first).

Keras 1 read ``Convolution2D(nb_filter, nb_row, nb_col, border_mode=..., subsample=...)``;
Keras 2 reads a third positional number as the stride. The fixture
(tests/fixtures/notes/keras_legacy) is this repository's own text; the hand arithmetic
for each expected claim stands beside it, and the multiset of (line, kind, verdict) must
match exactly.
"""

from collections import Counter

from tests.conftest import ROOT

FORM = ROOT / "tests/fixtures/notes/keras_legacy/01_backslash_and_keras1.md"

EXPECTED = [
    # 6 filters 3x3 'same' on 8x8x1 (the call goes on after a backslash): 8x8x6
    (8, "shape", "right"),
    (9, "shape", "right"),  # 12 filters 3x3 valid: 8 - 3 + 1 = 6 -> 6x6x12
    (10, "shape", "right"),  # 2x2 pooling, stride 2: 6 / 2 = 3 -> 3x3x12
    (11, "shape", "wrong"),  # flatten 3 * 3 * 12 = 108, not 100
    # Keras 1: 16 filters 5x5 valid on 32x32x3: 32 - 5 + 1 = 28 -> 28x28x16
    (19, "shape", "right"),
    # 3x3 'same' with subsample (stride) 2: TensorFlow's rule, ceil(28 / 2) = 14 ->
    # 14x14x16
    (21, "shape", "right"),
    (22, "shape", "wrong"),  # 8 filters 3x3 valid on 14x14: 14 - 3 + 1 = 12, not 13
    # Conv2D(4, 3, 3): kernel 3 stride 3 (tf.keras: (9 - 3) / 3 + 1 = 3) or 3x3 (Keras 1:
    # 9 - 3 + 1 = 7): only its 4 channels are judged, the sides taken as written
    (29, "shape", "right"),
    (30, "shape", "right"),  # 4 filters 3x3 valid on the 7x7 written: 7 - 3 + 1 = 5
]


def test_keras_backslash_and_keras1():
    from cnnstat.notes.check import check_file

    claims = check_file(FORM).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED)
