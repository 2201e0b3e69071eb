"""`cnnstat check` on a pooling window worked out with a function (issue 19):
``max(1, 3, 5, 6) = 6``, ``avg(...)``, ``min(...)``, ``mean(...)``, ``sum(...)``, in
English and Korean lines. The call is an atom of the one expression grammar
(``notes/reading/calls.py`` marks it, ``grammar.Parser.atom`` reads it); a call glued
to a name (``np.max(x)``) is code and stays unread.

The fixture under tests/fixtures/notes/pool_calls was written for this repository in
its own words, keeping only the form. Every expected (line, kind, verdict) is worked out
by hand beside it; a claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "pool_calls"

EXPECTED = {
    "01_window_calls.md": [
        (5, "arithmetic", "right"),   # max of 2, 7, 4, 1 is 7
        (6, "arithmetic", "wrong"),   # max of 3, 0, 9, 5 is 9, not 8
        (7, "arithmetic", "right"),   # max of 6, 6, 2, 8 is 8
        (8, "arithmetic", "right"),   # min of 4, 1, 3, 2 is 1
        (12, "arithmetic", "right"),  # (2 + 7 + 4 + 1) / 4 = 14 / 4 = 3.5
        (13, "arithmetic", "wrong"),  # (3 + 0 + 9 + 5) / 4 = 17 / 4 = 4.25, not 4.5
        (14, "arithmetic", "right"),  # (6 + 6 + 2 + 8) / 4 = 22 / 4 = 5.5
        (15, "arithmetic", "right"),  # 4 + 1 + 3 + 2 = 10
        (19, "arithmetic", "right"),  # 최댓값: max of 2, 7, 4, 1 is 7
        (20, "arithmetic", "right"),  # 평균: (4 + 1 + 3 + 2) / 4 = 2.5
        # line 22: np.max(x) = 9 is a function of an array in code: nothing to judge
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pool_call_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
