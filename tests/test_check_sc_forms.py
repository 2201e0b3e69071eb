"""`cnnstat check` on forms of parameter counts and costs misread in set-r1..r3 and
set-h4..h6 (issue 19, helper sc: mistakes of intent). Each planted mistake is marked
PLANTED with its true value.

Mechanisms:
- a count right after a kernel's word and its object particle counts the kernels used,
  not their parameters (``3x3 합성곱을 3개 쌓으면``, ``5x5 conv 를 2개``): no parameter
  count; a count said of the parameters is still read (``paramcounts/kernelcount``).

Expected values: plain arithmetic in the comments (a k x k kernel holds k*k weights a
channel; Simonyan & Zisserman 2015, section 2.3).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/sc_forms"

EXPECTED = {
    "01_kernels_used_ko.md": [
        (3, "params", "right"),  # 7*7 = 49
        # lines 4, 5: 3 and 2 count the kernels used, not parameters: no claim
        (6, "params", "wrong"),  # PLANTED: 2*3*3 = 18, not 16
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_sc_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
