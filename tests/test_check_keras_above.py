"""`cnnstat check` on a shape a comment states over the first layer of a Keras model
(``notes/codeforms/kerasplace``): nothing of the model stands above that layer, so a shape
the comment calls an output (출력, output, out) is the layer's, judged against it even where
it is no near slip of it; a shape with no such word (the input, restated) is not judged.

The fixture (tests/fixtures/notes/keras_above) is this repository's own text; each
expected claim's arithmetic is worked by hand beside it (valid conv: n - k + 1), and the
multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

from tests.conftest import ROOT

FORM = ROOT / "tests/fixtures/notes/keras_above/01_output_over_first_layer.md"

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
