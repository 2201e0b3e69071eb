"""`cnnstat check` on model-fact forms missed or left unjudged in set-r1..r3 and set-h4..h6
(issue 19, helper sa: the model facts lane). Each planted mistake is marked PLANTED with its
true value.

Mechanisms:
- a cost figure the author got set against one a link reports (``the output was 31.20G
  FLOPs, which conflicts with https://... (4G FLOPs)``): the link right before the second
  figure is its source, as ``reported`` or ``paper`` is; each figure is then the named
  network's and judged (``modelfacts/againstpair``).

Expected values: ResNet-50 at 224x224 does 4.1 G multiply-adds (He et al. 2016, Table 1:
3.8 x 10^9; torchvision's ResNet50_Weights: 4.09 GFLOPS, counted as multiply-adds), 8.2 G
counting a multiply and an add as two FLOPs; the ResNet family's largest, ResNet-152, 11.5 G
multiply-adds (23 G FLOPs).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/sa_forms"

EXPECTED = {
    "01_against_linked_source.md": [
        (3, "model", "wrong"),  # PLANTED: 31.20G FLOPs is no ResNet's (ResNet-50: 4.1G MACs)
        (3, "model", "right"),  # 4G FLOPs: ResNet-50's 3.86-4.09 G multiply-adds
        (7, "model", "right"),  # 8.2G: 2 x 4.09 G
        (7, "model", "right"),  # 4.1G: torchvision's 4.09 G multiply-adds
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_sa_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
