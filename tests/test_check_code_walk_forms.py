"""`cnnstat check` on the figures comments and prose state about a model the note's code
defines: the layers read from the code (Keras, TensorFlow 1, PyTorch) carried to the
comment lines around each layer and judged through the layer algebra.

The fixtures (tests/fixtures/notes/code_walk) are this repository's own text in the forms
real notes use; the hand arithmetic stands beside each expected claim, and the multiset of
(line, kind, verdict) must match exactly, so a false alarm fails as surely as a miss.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/code_walk"

EXPECTED = {
    "01_result_then_colon.md": [
        # a result a colon follows with words or a list is worked out, then explained,
        # no ratio's term
        (6, "arithmetic", "right"),  # (64 - 4) / 2 + 1 = 30 + 1 = 31
        (8, "arithmetic", "wrong"),  # (31 - 3) / 1 + 1 = 29, not 28
        (11, "arithmetic", "right"),  # (28 - 2) / 2 + 1 = 13 + 1 = 14
        # line 13: "5x5 : 3x3x2 = 25 : 18" is a ratio: not read
    ],
    "02_tf_settings_comments.md": [
        # a conv's kernel and filter count in the comment over the weight it makes
        (6, "model", "right"), (6, "model", "right"),  # [5, 5, 3, 24]: 5x5, 24 filters
        # [3, 3, 24, 48]: 3x3 right; 48 filters, not 24 (the first conv's count, but the
        # comment says "second" and this is the second filter)
        (10, "model", "right"), (10, "model", "wrong"),
        # line 14: "5x5" over [3, 3, 48, 48] is the first conv's kernel, no ordinal: unsure
        (17, "model", "right"), (17, "model", "right"),  # beside [1, 1, 48, 96]
        (19, "shape", "wrong"),  # the matrix takes 8 * 8 * 96 = 6,144 inputs, not 4,096
        (22, "shape", "right"),  # [512, 10]
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_code_walk_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
