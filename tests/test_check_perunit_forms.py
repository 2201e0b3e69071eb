"""`cnnstat check` on a product said in words across one line (issue 19): a figure per
unit, a count of the units and the total (``N parameters per filter, M of these, so T``;
``필터 하나에 N개, M개 필터면 T개``); ``notes/arithmetic/perunit.py``. A total off by one
count (each unit's bias on one side only) is not judged.

The fixture under tests/fixtures/notes/perunit_forms was written for this repository in
its own words, keeping only the form. Every expected (line, kind, verdict) is worked out
by hand beside it; a claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "perunit_forms"

EXPECTED = {
    "01_per_unit_total.md": [
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
def test_perunit_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
