"""`cnnstat check` on output sizes notes state that it left unjudged (issue 19): a flatten
step's length after the map it flattens (``flatcount``): a layer list's ``Flatten → N``
under a map, a bullet ``* Flatten: N``, a table row with both the map and ``1 × N``, a
code comment ``# Flatten to N`` under ``# C×1×1``, prose that writes both.

The fixtures (tests/fixtures/notes/shape_judged) are this repository's own, in the form
of such notes only; each (line, kind, verdict) expected is worked by hand beside it, and a
claim not listed fails as a missing one does.
"""

from collections import Counter

import pytest

from cnnstat.notes.check import check_file
from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "shape_judged"

EXPECTED = {
    "01_flatten_list.md": [
        (8, "shape", "right"),  # 2x2 pooling: 26 / 2 = 13, channels kept (8)
        (10, "shape", "right"),  # 13 * 13 * 8 = 169 * 8 = 1352
        (18, "shape", "right"),  # 6 * 6 * 32 = 36 * 32 = 1152
        # line 24: 5 * 5 * 40 = 1000, not 900, but the map is the line above's: unsure
    ],
    "02_flatten_table.md": [
        (5, "shape", "right"),  # 3x3 same: 16 kept, 12 filters
        (6, "shape", "right"), (6, "shape", "right"),  # input as the row above; 16 / 2 = 8
        (7, "shape", "right"),  # 8 * 8 * 12 = 64 * 12 = 768
        (8, "shape", "wrong"),  # the same map on its own row: 768, not 678
        (10, "shape", "right"),  # 3 * 3 * 20 = 180
        (12, "shape", "wrong"),  # 9 * 9 * 10 = 810, not 801
        (14, "shape", "right"),  # Korean, a counter after the length: 6 * 6 * 20 = 720
    ],
    "03_flatten_code.md": [
        (5, "shape", "right"),  # 128 * 1 * 1 = 128
        # line 11: 64 * 4 * 4 = 1024, not 1000, from the comment above: unsure
        # line 16: 7 * 7 * 64 = 3136, not 3,000, from the line above: unsure
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shape_judged_form(name):
    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_flatten_unsure_lines_are_said():
    """The mismatches read from the line above are said as unsure, never wrong."""
    for name, lines in (("01_flatten_list.md", {24}), ("03_flatten_code.md", {11, 16})):
        skipped = check_file(FORMS / name).skipped
        unsure = {s.line for s in skipped if s.reason.startswith("unsure: a flatten")}
        assert unsure == lines, name
