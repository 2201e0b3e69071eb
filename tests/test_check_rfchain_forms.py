"""`cnnstat check` on receptive fields worked down a chain of layers (issue 19): the
general rules stated above such a walk (a subscript written with a hyphen, ``n-out``,
``J-in``; the layer's stride where the jump belongs, ``r_out = r_in + (k - 1)·s``, wrong
only where the note names the jump apart), and the walk itself set out as lines.

Each fixture under tests/fixtures/notes/rf_chains was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it (the growth rule r_out = r_in + (k - 1)·j_in, j_out =
j_in·s, from r = 1, j = 1; the output size floor((n + 2p - k)/s) + 1); a claim not listed
fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "rf_chains"
RULE = "formula"

EXPECTED = {
    "01_rules_hyphen_stride.md": [
        (5, RULE, "right"),  # w_out = (w_in + 2p - f)/s + 1
        (9, RULE, "wrong"),  # (w_in + 2p - f)·s + 1: n 32, f 3, s 2, p 1 gives 63, not 16
        (11, RULE, "right"),  # J_out = J_in·s
        # the jump named apart just above: s is the layer's stride; a first 3x3 conv of
        # stride 2 sees 1 + 2·1 = 3, the rule gives 1 + 2·2 = 5
        (13, RULE, "wrong"),
        (17, RULE, "right"),  # jump_out = jump_in·stride
        (19, RULE, "wrong"),  # rf_in + (kernel - 1)·stride, the jump named on line 17
        (23, RULE, "right"),  # j_out = j_in·s
        (25, RULE, "right"),  # r_out = r_in + (k - 1)·j_in
        (29, RULE, "right"),  # 점프(출력) = 점프(입력)·스트라이드
        (31, RULE, "wrong"),  # 스트라이드 where 점프(입력) belongs, the jump on line 29
        # line 37: no jump on the page: S may be the strides below multiplied (unsure)
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rfchain_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
