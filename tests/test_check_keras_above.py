"""`cnnstat check` on a shape a comment states over the first layer of a Keras model
(``notes/codeforms/kerasplace``): nothing of the model stands above that layer, so a shape
the comment calls an output (출력, output, out) is the layer's, judged against it even where
it is no near slip of it; a shape with no such word (the input, restated) is not judged.
A flattened size told again in words on a comment line near the model
(``notes/codeforms/kerasflat``: after its ``Flatten()``, or before it with a word for
flattening) is judged against the product of the map's sides.

The fixture (tests/fixtures/notes/keras_above) is this repository's own text; each
expected claim's arithmetic is worked by hand beside it (valid conv: n - k + 1), and the
multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

from tests.conftest import ROOT

FORM = ROOT / "tests/fixtures/notes/keras_above/01_output_over_first_layer.md"
FLAT = ROOT / "tests/fixtures/notes/keras_above/02_flat_size_in_words.md"

EXPECTED = [
    (6, "shape", "wrong"),  # 16 filters 3x3 on 10x10x1: 10 - 3 + 1 = 8 -> 8x8x16, not 4x4
    (12, "shape", "right"),  # 32 filters 3x3 on 28x28x1: 26 -> 26x26x32
    (18, "shape", "wrong"),  # 8 filters 5x5 on 32x32x3: 32 - 5 + 1 = 28, not 14
    # line 24: (32, 32, 3) has no output word and is the input_shape: no claim
]


def test_keras_output_over_first_layer():
    from cnnstat.notes.check import check_file

    claims = check_file(FORM).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED)


FLAT_EXPECTED = [
    (7, "shape", "right"),  # 8 filters 3x3 on 6x6x1: 4x4x8, flattened 4 * 4 * 8 = 128
    (15, "shape", "wrong"),  # 5 filters 2x2 on 4x4x2: 3x3x5 = 45 values, not 50
    (21, "shape", "wrong"),  # 6 filters 3x3 on 7x7x1: 5x5x6 = 150 to flatten, not 300
    # line 27: "16 feature maps" is a count of maps, not a flattened size: no claim
]


def test_keras_flat_size_in_words():
    from cnnstat.notes.check import check_file

    claims = check_file(FLAT).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(FLAT_EXPECTED)
