"""`cnnstat check` on forms of Korean notes (issue 19, set-y4's forms in this repository's
own words): a walkthrough whose kernels and maps are written as inline LaTeX
(``32개의 $3\\times3\\times3$ 커널 (stride = $1$, padding = $1$)``, ``⇒ 32개의
$64\\times64$ feature maps``, ``\\(3\\times3\\times1\\)``) reads as the same walk typed
plainly; KaTeX pasted beside its own source stays the case the unglue handled.

The fixtures (tests/fixtures/notes/y4ko_forms) are this repository's own, in the form of
such notes only; each (line, kind, verdict) expected is worked by hand beside it, and a
claim not listed fails as a missing one does.
"""

import collections

import pytest

from cnnstat.notes import check
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/notes/y4ko_forms"

EXPECTED = {
    "01_latex_walk.md": [
        (7, "shape", "right"),  # 3x3x3 filters on a 3-channel input
        (9, "shape", "right"),  # (64 + 2 - 3)/1 + 1 = 64, 32 maps
        (11, "shape", "right"),  # 64 / 2 = 32
        (14, "shape", "right"),  # depth 32 = the 32 maps above
        (15, "shape", "wrong"),  # 32 - 5 + 1 = 28, not 30
        (20, "shape", "right"),  # 3x3x1 on a 1-channel input
        (21, "shape", "right"),  # 40 - 3 + 1 = 38
        (22, "shape", "wrong"),  # depth 12, but the input above has 10 maps
        (23, "shape", "right"),  # 38 - 3 + 1 = 36
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_claims(name):
    said = check.check_file(FIXTURES / name).claims
    assert collections.Counter((c.line, c.kind, c.verdict) for c in said) == \
        collections.Counter(EXPECTED[name])
