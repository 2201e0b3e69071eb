"""`cnnstat check` on a shape a comment states over the first layer of a Keras model
(``notes/codeforms/kerasplace``): nothing of the model stands above that layer, so a shape
the comment calls an output (출력, output, out) is the layer's, judged against it even where
it is no near slip of it; a shape with no such word (the input, restated) is not judged.
A flattened size told again in words on a comment line near the model
(``notes/codeforms/kerasflat``: after its ``Flatten()``, or before it with a word for
flattening) is judged against the product of the map's sides. A docstring listing the
model's shapes, one a line, over the model (``notes/codeforms/keraslist``) is judged
against the model's outputs in order, where its first shape is the model's input.

The fixture (tests/fixtures/notes/keras_above) is this repository's own text; each
expected claim's arithmetic is worked by hand beside it (valid conv: n - k + 1), and the
multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

from tests.conftest import ROOT

FORM = ROOT / "tests/fixtures/notes/keras_above/01_output_over_first_layer.md"
LISTED = ROOT / "tests/fixtures/notes/keras_above/03_listed_shapes.md"
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


LISTED_EXPECTED = [
    (5, "shape", "right"),  # the input_shape (8, 8, 3)
    (6, "shape", "right"),  # 4 filters 3x3: 8 - 3 + 1 = 6 -> 6x6x4
    (7, "shape", "right"),  # flattened 6 * 6 * 4 = 144
    (18, "shape", "right"),  # the input (12, 12, 1)
    # 'same' keeps 12 (12x12x8, left out of the listing), the 2x2 pooling halves it
    (19, "shape", "right"),  # 6x6x8
    (20, "shape", "wrong"),  # 16 filters 3x3 on 6x6: 6 - 3 + 1 = 4 -> 4x4x16, not 5x5
    # lines 31-32: the listing starts from 28x28x1, the model below from 32x32x3: another
    # model's listing, not judged
]


def test_keras_listed_shapes():
    from cnnstat.notes.check import check_file

    claims = check_file(LISTED).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(LISTED_EXPECTED)
