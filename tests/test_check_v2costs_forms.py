"""`cnnstat check` on the costs, receptive fields and filter banks of Q&A threads and
course notes (issue 19). Forms: a filter's volume written before how many filters there
are (``Conv: 1x1x32 5 filters``, ``maps/filters.py``).

Each fixture below is in this repository's own words, with the form kept and the numbers
and names changed; the hand-worked arithmetic behind each expected (line, kind, verdict)
is in the comment beside it, and any claim not listed fails.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "v2costs_forms"

EXPECTED = {
    "01_volume_then_count.md": [
        (5, "shape", "right"),  # a 1x1 filter on 64 channels is 1x1x64 (the volume, no map)
        (6, "shape", "right"),  # 7 - 1 + 1 = 7, eight filters: 7x7x8
        (10, "shape", "right"),  # 3x3x3 on 3 channels
        (11, "shape", "right"),  # same padding: 32, sixteen filters
        (15, "shape", "wrong"),  # a filter on 48 channels is 1x1x48, not 1x1x20
        (16, "shape", "right"),  # 14 - 1 + 1 = 14, twelve filters
        (20, "shape", "right"),  # 3x3x20 on 20 channels
        (21, "shape", "wrong"),  # no padding: 10 - 3 + 1 = 8, not 10
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_forms(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    got = Counter((c.line, c.kind, c.verdict) for c in claims if c.verdict != "info")
    assert got == Counter(EXPECTED[name])
