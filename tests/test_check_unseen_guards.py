"""`cnnstat check` guards from false alarms on real notes the project had never seen
(issue 19, the session's second held-back set, each a mechanism, not a line):

- a comment listing height, width, channels *and* parameters (``#8,8,8,80``) is no shape:
  its last three numbers are not read as one;
- a small scale letter after a result with decimals (``= 0.46 m``) is that scale
  (million), so the result is judged at it;
- a line that is nothing but an input label and its map (``- input size: 14x14x96``)
  restates an example's setup: a given, not the last output carried on.

The fixture is this repository's own text; the hand arithmetic stands beside each claim,
and the multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

from tests.conftest import ROOT

FORM = ROOT / "tests/fixtures/notes/unseen_guards/01_lists_scales_givens.md"

EXPECTED = [
    # lines 7-8: "#8,8,8,80" and "#4,4,8,0" are rows of four numbers: not judged
    (14, "arithmetic", "right"),  # 20*20*16 * 3*3*8 = 6,400 * 72 = 460,800 = 0.46 million
    (15, "arithmetic", "wrong"),  # 20*20*16 * 5*5*8 = 6,400 * 200 = 1,280,000, not 4.3 million
    (16, "arithmetic", "wrong"),  # 20*20*16 * 1*1*8 = 6,400 * 8 = 51,200, not 0.9 million
    (18, "shape", "right"),  # 32 filters give 32 channels: 14x14x32 (pb: filtercount)
    # line 20: "input size: 14x14x96" after a 14x14x32 output: the example's setup, a given
    (21, "shape", "right"),  # "filter: 1x1x96" under it: the depth 96 = the input's 96 channels
]


def test_unseen_guards():
    from cnnstat.notes.check import check_file

    claims = check_file(FORM).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED)
