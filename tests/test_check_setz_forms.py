"""`cnnstat check` on forms met in blog and tutorial notes (set-z): a network's size said
as an adjective before its name (``modelfacts.hyphened``), ...

Expected verdicts come from the papers' and torchvision's parameter counts written beside
each line; the multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/setz_forms"

EXPECTED = {
    "01_sizes_before_names.md": [
        (3, "model", "right"),  # MobileNetV2: 3,504,872 = 3.5M
        (3, "model", "right"),  # VGG16: 138,357,544 = 138M
        (5, "model", "wrong"),  # ResNet-18: 11,689,512, not 22 million
        (5, "model", "right"),  # ResNet-50: 25,557,032 = 25.6 million
        (7, "model", "right"),  # AlexNet: 2012
        (7, "model", "wrong"),  # AlexNet: 60,965,224 (61M), not 5M
        # line 9: a backbone, a part of ResNet-50: unsure
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_setz_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
