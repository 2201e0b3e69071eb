"""`cnnstat check` on facts and costs stated in prose (issue 19): one figure written
twice in two notations (``notes/arithmetic/restated.py``).

The fixtures under tests/fixtures/notes/prosefacts_forms were written for this repository
in its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked
out by hand in the comment beside it; a claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "prosefacts_forms"

EXPECTED = {
    "01_two_notations.md": [
        (3, "arithmetic", "right"),  # 18억 1400만 = 1,814,000,000 = 1.81G (약)
        (4, "arithmetic", "wrong"),  # 2억 460만 = 204.6M, not 246M
        (5, "arithmetic", "right"),  # 12,450,000 = 12.45M
        (6, "arithmetic", "wrong"),  # 4,800,000 = 4.8M, not 48M
        (7, "arithmetic", "right"),  # 1.7M = 170만
        (8, "arithmetic", "wrong"),  # 2.2M = 220만, not 22만
        (9, "arithmetic", "right"),  # 35 million = 35M
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prosefacts_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
