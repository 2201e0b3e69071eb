"""`cnnstat check` on the shapes TensorFlow 1 code's comments state (``tfflow``,
``tfnotes``): one state carried through the fenced block from the input the code gives
(``tf.placeholder``, ``tf.reshape``) or a comment states (a function's parameter), through
``tf.nn.conv2d``/``max_pool`` (also inside a helper of the note's own), ``tf.layers``, slim
and ``tf.matmul``; each size in a comment judged against the statements it annotates, a
variable's literal shape against the matrix size beside it.

The fixtures (tests/fixtures/notes/tf_code) are this repository's own text in the forms
real notes use (comments left from an earlier input size, English and Korean); the hand
arithmetic stands beside each expected claim, and the multiset of (line, kind, verdict)
must match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/tf_code"

EXPECTED = {
    "01_helpers_stale_input.md": [
        (5, "shape", "wrong"),  # W is made [1024, 5]: not a 784x10 matrix
        # line 14: "3x3 filters" is the kernel, no map: the filter's [3, 3, 1, 16]
        (14, "model", "right"),
        # block 1: reshape to 32x32x1 (right); SAME 3x3 conv keeps 32, 16 filters; the
        # 2x2/2 pool halves it: 16x16x16 (right)
        (17, "shape", "right"), (17, "shape", "right"),
        # block 2: its input is p1, 16x16x16, not 14x14x16; SAME conv, 32 filters, then
        # the pool: 8x8x32, not 7x7x32
        (22, "shape", "wrong"), (22, "shape", "wrong"),
        (28, "arithmetic", "right"),  # 8*8*32 = 64*32 = 2048
        (28, "shape", "right"),  # p2 is 8x8x32
        (32, "shape", "wrong"),  # matmul with Wf [2048, 128] gives 128 per sample, not 256
    ],
    "02_layers_korean.md": [
        (5, "shape", "right"),  # 5x5 valid on 64: 64 - 5 + 1 = 60, 8 filters
        (7, "shape", "right"),  # 2x2 pool, stride 2: 60 / 2 = 30
        # the second conv's input is p1, 30x30x8, not 32x32x8; 3x3 valid: 30 - 3 + 1 = 28
        (10, "shape", "wrong"), (10, "shape", "right"),
        (14, "shape", "wrong"),  # p2 is 28 / 2 = 14: 14*14*16 flattened, not 13*13*16
        # line 15: (N, 10) is one dim after the batch, not read
    ],
    "03_input_in_comment.md": [
        (5, "shape", "right"),  # the input the comment gives, 40x40x3, starts the chain
        (7, "shape", "right"),  # SAME, stride 2: ceil(40 / 2) = 20, 12 filters
        (8, "shape", "wrong"),  # 3x3 VALID pool, stride 2: (20 - 3) // 2 + 1 = 9, not 10
        # line 9: my_block is not in the note: its shape and all below are unknown
        # line 10: "2x2 max pool" is a setting; line 11: after an unknown block, not judged
    ],
    "04_slim_layers.md": [
        (5, "shape", "right"),  # the input the comment gives, 64x64x3
        (6, "shape", "right"),  # slim.conv2d pads 'SAME' by default: 64x64, 16 outputs
        (7, "shape", "right"),  # slim.max_pool2d: stride 2, 'VALID': (64 - 2) // 2 + 1 = 32
        (8, "shape", "wrong"),  # 3x3 'VALID' stride 2: (32 - 3) // 2 + 1 = 15, not 16
        (9, "arithmetic", "right"),  # 15*15*32 = 225*32 = 7,200
        (9, "shape", "right"),  # the flattened 15x15x32
        # line 10: no size in a comment
    ],
    "05_unshown_helpers.md": [
        # conv_block and pool_block are never shown: a conv with a 5x5x1x8 filter gives 8
        # channels, a pooling keeps its input's; their sides stay unknown
        (5, "shape", "right"),  # the input the comment gives, 28x28x1, starts the chain
        (6, "shape", "wrong"),  # the pooling's input is c1, 8 channels, not 16
        (7, "shape", "wrong"),  # the filter 5x5x8x16 gives 16 channels, not 4
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tf_code_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
