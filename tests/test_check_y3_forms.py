"""`cnnstat check` on the forms of English Q&A and issue threads (issue 19, set-y3).

A network's figure on a paragraph in which the writer ran a piece of code (``We ran the
training script from your repository``, ``저장소의 코드를 돌려 보니``, ``Running the authors'
notebook``) is the count of the network that code builds (another head, another input,
a conv written as a dense layer): off every bundled spec it is unsure, never wrong; a
figure that agrees stays right, and a count worked by hand, or one in the next paragraph,
is judged as before.

The fixtures (tests/fixtures/notes/y3_forms) are this repository's own, in the form of such
notes only; each (line, kind, verdict) expected is worked by hand beside it, and a claim
not listed fails as a missing one does.
"""

import collections

import pytest

from cnnstat.notes import check
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/notes/y3_forms"

EXPECTED = {
    "01_counts_of_code_run.md": [
        # line 7: VGG-16 at 15.2M after "we ran the training script": unsure (another head)
        (8, "model", "right"),  # ResNet-50: 25,557,032 (He et al.; torchvision's count)
        (11, "model", "wrong"),  # a count by hand: VGG-16 has 138M, not 13.8M
        (12, "model", "wrong"),  # a new paragraph: AlexNet has about 61M, not 6M
        # line 16: "코드를 돌려 보니" AlexNet 2,300만: unsure; line 17: "Running the
        # authors' notebook": MobileNetV2 at 2.24M (3.5M in the paper): unsure
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_claims(name):
    said = check.check_file(FIXTURES / name).claims
    assert collections.Counter((c.line, c.kind, c.verdict) for c in said) == \
        collections.Counter(EXPECTED[name])
