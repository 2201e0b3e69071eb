"""`cnnstat check` on model-fact forms missed or left unjudged in set-r1..r3 and set-h4..h6
(issue 19, helper sa: the model facts lane). Each planted mistake is marked PLANTED with its
true value.

Mechanisms:
- a cost figure the author got set against one a link reports (``the output was 31.20G
  FLOPs, which conflicts with https://... (4G FLOPs)``): the link right before the second
  figure is its source, as ``reported`` or ``paper`` is; each figure is then the named
  network's and judged (``modelfacts/againstpair``);
- a network's figure the line reports, then past a turn of contrast the writer's own
  count (``the number of parameters for ResNet-18 is 0.27M, however in my code it is
  11689512 (11.7M)``, ``..., but I get 134.3M``): the second is no figure of the network
  and no longer makes the first one of "several figures compared"; a wrong figure that is
  another member's own says so (``againstpair.own_count``, ``versionless.member_owning``).

Expected values: ResNet-50 at 224x224 does 4.1 G multiply-adds (He et al. 2016, Table 1:
3.8 x 10^9; torchvision's ResNet50_Weights: 4.09 GFLOPS, counted as multiply-adds), 8.2 G
counting a multiply and an add as two FLOPs; the ResNet family's largest, ResNet-152, 11.5 G
multiply-adds (23 G FLOPs). Parameters (torchvision's weights tables, the papers' tables):
ResNet-18 11,689,512; VGG-16 138,357,544; VGG-19 143,667,240; the CIFAR ResNet-20 0.27M
(He et al. 2016, Table 6).
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
    "02_reported_then_own_count.md": [
        (3, "model", "wrong"),  # PLANTED: ResNet-18 has 11,689,512, not 0.27M (ResNet-20's)
        (5, "model", "right"),  # the PLANTED note's 11.7M
        (7, "model", "right"),  # 138.4M: VGG-16's 138,357,544
        (9, "model", "right"),  # 143.7M: VGG-19's 143,667,240
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_sa_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
