"""`cnnstat check` on the shapes a PyTorch module's ``__init__`` states in comments around
its layers (``notes/codeforms/initwalk``): above each layer (its output, then its output
pooled), as a conv's input ("takes 8x32x32", "입력: ..."), beside the settings of a call
over several lines (``# in: ...`` / ``# out: ...``), under a layer with a pooling word,
and over a fully connected layer (its features, its input as a count times a map).

The fixtures under tests/fixtures/notes/init_walk are written in this repository's own
words, keeping only the form. Every expected (line, kind, verdict) is worked out by hand
in the comment beside it (output side = (n + 2p - k) / s + 1, floored; a 2x2 pooling of
stride 2 halves a side, floored); a claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "init_walk"

EXPECTED = {
    "01_above_layers.md": [
        (7, "arithmetic", "right"),  # (96-3)/1 + 1 = 94
        (8, "shape", "right"),  # the 96x96 grayscale input through conv1 (3x3): 16 x 94 x 94
        # line 9: the pooling is not defined yet: (16, 47, 47) is taken as stated
        (13, "arithmetic", "right"),  # (47-5)/1 + 1 = 43
        (14, "shape", "right"),  # conv2 5x5 on 16 x 47 x 47: 32 x 43 x 43
        (15, "shape", "right"),  # the 2x2 pooling: floor(43/2) = 21
        (18, "arithmetic", "right"),  # (21-3)/1 + 1 = 19
        (19, "shape", "wrong"),  # conv3 3x3 on 32 x 21 x 21 gives 64 x 19 x 19, not 18
        (20, "shape", "right"),  # pooled: floor(19/2) = 9
    ],
    "02_input_comments.md": [
        # line 8 seeds the chain: 3 x 64 x 64; conv1 (pad 1) keeps 64, pool1 halves: 32
        (10, "shape", "right"),  # conv2 takes 8 x 32 x 32
        # conv2 3x3 without padding: 30; pool2: 15
        (13, "shape", "wrong"),  # conv3 takes 16 x 15 x 15, not 16 x 16 x 16
        # second module: the pooling comes after the convs, forward() may pool between
        # line 22: 128 pooled once by 2x2 is 64: what forward() may do, taken as the
        # chain but not judged (the note's word for how often it pools)
        # line 24: from 64, 2x2 or 3x3/2 poolings give 32, 31, 16, 15, 8, 7, ...: never 20
        (24, "shape", "wrong"),
    ],
    "03_in_out_settings.md": [
        (6, "shape", "wrong"),  # conv1 5x5 on 1 x 100 x 100: 10 x 96 x 96, not 95
        (8, "shape", "right"),  # pooled 96 / 2 = 48
        (9, "shape", "right"),  # conv2 takes that 10 x 48 x 48
        (10, "shape", "right"),  # 3x3 without padding: 46
        (12, "shape", "wrong"),  # 46 / 2 = 23, not 22 (the Linear takes 20 * 23 * 23)
    ],
    "04_linear_head.md": [
        # line 9, right under the conv it describes, is left to the reader of such
        # comments (a definition follows it: it may be of the pooling)
        (11, "shape", "right"),  # (3, 32, 32) through conv 5x5 (28) and the 2x2 pooling: 14
        (12, "shape", "right"),  # 6 * 14 * 14 = 1,176, the Linear's in_features
        (13, "shape", "wrong"),  # fc1 gives 100 features, not 120
        (14, "shape", "right"),  # nn.Linear(6 * 14 * 14, ...) flattens the 6 x 14 x 14 map
        (16, "shape", "right"),  # fc2 gives 10 features: (10, 1)
        # line 18: "3 x 32 x 32 to what?" is an input with no output stated: no claim
    ],
    # forward() walked over the layers __init__ defines (notes/codeforms/forwardin)
    "05_forward_calls.md": [
        (17, "shape", "wrong"),  # __init__ states 3 x 64 x 64; forward() 64 x 46 (x 3)
        (18, "shape", "right"),  # conv1 5x5 on 64: 60, pooled 2x2: 16 x 30 x 30
        (19, "shape", "right"),  # conv2 3x3 on 30: 28, pooled: 32 x 14 x 14
        # second module: 28 x 28 x 1 seeds (1 channel: conv1's), pad 1 keeps 28, pool 14
        (35, "shape", "right"),  # 8 x 14 x 14
        (36, "shape", "wrong"),  # conv2 3x3 on 14: 12, not 13
        # line 37: smooth() is the note's own: the chain is not known, no verdict
    ],
    "06_forward_pairs.md": [
        (11, "shape", "right"),  # 32 -> conv1 3x3: 30 (8 ch) -> conv2 3x3: 28 (16 ch)
        (25, "shape", "wrong"),  # Conv2d(1, 6, 5) on 28: 6 x 24 x 24, not 10 channels
        (39, "shape", "wrong"),  # Conv2d(3, 12, 3) takes 3 channels, not 1
        # line 49: self.blur is not defined in __init__: the chain is lost, no verdict
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_init_walk_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
