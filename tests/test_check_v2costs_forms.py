"""`cnnstat check` on the costs, receptive fields and filter banks of Q&A threads and
course notes (issue 19). Forms: a filter's volume written before how many filters there
are (``Conv: 1x1x32 5 filters``, ``maps/filters.py``); a scale written short after a
figure (``120 Mil``, ``2.5 mln``, ``3.8 bn``: ``reading/numerals.py``).

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
    "02_scale_short_forms.md": [
        (3, "arithmetic", "right"),  # 14*14*32*25*48 = 7,526,400 = 7.5 million
        (4, "arithmetic", "right"),  # 112*112*128*9*64 = 924,844,032 = 924.8 million
        (5, "arithmetic", "wrong"),  # 224*224*64*27 = 86,704,128: 86.7 million, not 8.7
        (6, "arithmetic", "right"),  # 2 x 4.1 billion = 8.2 billion
        (7, "arithmetic", "right"),  # 1.25 + 0.25 = 1.5 (billion)
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_forms(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    got = Counter((c.line, c.kind, c.verdict) for c in claims if c.verdict != "info")
    assert got == Counter(EXPECTED[name])
