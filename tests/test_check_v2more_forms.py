"""`cnnstat check` on output sizes written as DLAI's bottleneck chains (issue 19): a
layer named by its framework class with its dimension (``conv2d 3 x 3``, ``maxpool2d
2x2``) is a kernel as ``conv 3 x 3`` is, and "same" written as a bare item of the
kernel's comma list (``Conv 5×5, same 32``, ``conv2d 5 x 5, same, 32``) pads to keep the
size; "same as the one above" is no padding. A calculation with its value written after
it, no '=' between, then a word that counts parameters (``64(3*3*32+1) 18496 parameters``,
``(3 + 1) * 8 32개의 파라미터``) or a gloss between (``5 * 6 즉 30개``, ``3 * 3 * 2, i.e.
18 weights``), in prose or a code comment: right where it agrees,
unsure where not.

The fixtures (tests/fixtures/notes/v2more_forms) are this repository's own, in the form
of such notes only; each (line, kind, verdict) expected is worked by hand beside it, and a
claim not listed fails as a missing one does.
"""

import collections

import pytest

from cnnstat.notes import check
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/notes/v2more_forms"

EXPECTED = {
    "01_same_in_list.md": [
        (5, "shape", "right"),  # same padding, stride 1: 14 stays 14
        (7, "shape", "right"),  # conv2d 3x3 same: 56 stays 56
        (9, "shape", "wrong"),  # same keeps 56 (stride 2: 28, 3: 19), never 54
        (13, "shape", "right"),  # the 14x14 input above, same: 14
        (15, "shape", "right"),  # "same as the one above" is no padding: 14 - 5 + 1 = 10
        (17, "shape", "right"),  # 2x2 pooling, stride 2: 14 / 2 = 7
    ],
    "02_value_after_calc.md": [
        (5, "arithmetic", "right"),  # 48 * (216 + 1) = 10416
        (7, "arithmetic", "right"),  # 96 * (432 + 1) = 41568
        (10, "arithmetic", "right"),  # 5 * 5 = 25
        # line 11: 6 * 3 = 18, not 20: unsure (no '=' says 20 is its value)
        (12, "arithmetic", "right"),  # 25 * 16 = 400
        # line 13: "3x3 64 filters": a kernel and a count, no calculation
        (15, "arithmetic", "right"),  # a gloss (즉) between: 5 * 6 = 30
        (16, "arithmetic", "right"),  # "i.e.": 3 * 3 * 2 = 18
        # line 17: 10 * 4 = 40, not 44: unsure; line 18: "3x3 kernel, i.e. 9": a word
        # between, no calculation
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_claims(name):
    said = check.check_file(FIXTURES / name).claims
    assert collections.Counter((c.line, c.kind, c.verdict) for c in said) == \
        collections.Counter(EXPECTED[name])
