"""`cnnstat check` on forms of output sizes and shapes met in real notes (issue 19, helper
sb: walkthroughs in prose and code). Planted mistakes are marked PLANTED with their true
value.

Mechanisms:
- a line naming a flatten that works its length out one sheet at a time (``a (20,20,6)
  block: 400 values on each sheet, times 6 gives 2400``): a first count that is the product
  of two of the map's sides (one sheet's values) is a step of the working, and the length
  is the larger count after it; with no count after it, the line is left unjudged
  (``maps/flatcount``).

Expected values: plain arithmetic in the comments (a flatten of H x W x C gives H*W*C).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/sb_forms"

EXPECTED = {
    "01_flatten_per_sheet_then_total.md": [
        (3, "shape", "right"),  # 12*12 = 144 a sheet, 144*8 = 1152
        (5, "shape", "wrong"),  # PLANTED: 9*9*4 = 324, not 342 (81 a sheet is a step)
        (7, "shape", "right"),  # 10*10 = 100 a sheet, 100*3 = 300
        # line 9: 49 = 7*7 is one sheet's values and no length follows: not judged
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_sb_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
