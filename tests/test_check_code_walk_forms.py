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
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_code_walk_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
