"""`cnnstat check` on arithmetic a note works out in words or with a function (issue 19).

- A pooling window worked out with a function: ``max(1, 3, 5, 6) = 6``, ``avg(...)``,
  ``min(...)``, ``mean(...)``, ``sum(...)``, in English and Korean lines. The call is an
  atom of the one expression grammar (``notes/reading/calls.py`` marks it,
  ``grammar.Parser.atom`` reads it); a call glued to a name (``np.max(x)``) is code.
- A product said in words across one line: a figure per unit, a count of the units and
  the total (``N parameters per filter, M of these, so T``; ``필터 하나에 N개, M개 필터면
  T개``); ``notes/arithmetic/perunit.py``. A total off by one count (each unit's bias on
  one side only) is not judged.

The fixtures (tests/fixtures/notes/pool_calls, perunit_forms) were written for this
repository in their own words, keeping only the form. Every expected (line, kind,
verdict) is worked out by hand beside it; a claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

NOTES = ROOT / "tests" / "fixtures" / "notes"

EXPECTED = {
    "pool_calls/01_window_calls.md": [
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
    "perunit_forms/01_per_unit_total.md": [
        (4, "arithmetic", "right"),   # 145 x 32 = 4,640
        (5, "arithmetic", "right"),   # 3*3*16 + 1 = 144 + 1 = 145
        (5, "arithmetic", "wrong"),   # 145 x 32 = 4,640, not 4460
        (6, "arithmetic", "right"),   # 145 x 64 = 9,280
        (7, "arithmetic", "right"),   # 129 x 10 = 1,290
        # line 8: 144 x 32 = 4,608; 4,640 is 4,608 + 32 biases: not judged
        (12, "arithmetic", "right"),  # 145 x 32 = 4,640
        (13, "arithmetic", "wrong"),  # 145 x 64 = 9,280, not 9290
        (14, "arithmetic", "right"),  # 129 x 10 = 1,290
        # line 16: "64 images per step": images are no counted quantity, not read
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_arith_words_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(NOTES / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
