"""`cnnstat check` on the model-fact mistakes of survey posts, interview-prep notes and
comparison lists about well-known CNNs (issue 19, helper lf, a miss hunter): each fixture
holds planted mistakes beside correct twins, so a fix that silences a reader shows as
surely as a miss. Correct passages in the same style are in ``hostile_correct/lf-*.md``.

- a part's figure after the figure: ``124M parameters in its three FC layers alone`` is
  the FC layers' (summed over the spec's linear layers), not the network's;
- a cost ``per image`` / ``per forward pass`` is the whole network's (``per`` alone is a
  part's: ``per block``);
- a network named after ``the same as`` / ``comparable to`` is named for comparison: the
  figure is the subject's (an unknown Xception's), never the compared Inception V3's;
- a list of networks each written with its figure (``Params at a glance: AlexNet 61M,
  VGG16 138M, ResNet-50 60M``, ``Depths: ...``, ``GFLOPs: ...``, ``ResNet-18 (11.7M) and
  ResNet-34 (21.8M) ...``): one quantity, the one its label or its words say, else the
  parameters where the figures share a scale and most agree with them; every item is
  judged against its own network (``namedlist``);
- the VGG paper's configurations by letter (``VGG (configuration D)``, ``VGG-E``, ``VGG
  config A``, ``VGG (A-LRN)``) name that member, never the whole family; a bare ``(C)``
  may be a quiz's option and names none;
- a question asking which of several networks has a figure claims it of none.

Expected values come from the papers' tables and torchvision's model docs (the weights'
``num_params`` and ``GFLOPS``, which count multiply-adds), or plain arithmetic, beside
each line.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/lf_forms"

EXPECTED = {
    "01_whole_or_part.md": [
        # VGG16's classifier: 25088*4096+4096 + 4096*4096+4096 + 4096*1000+1000
        # = 102,764,544 + 16,781,312 + 4,097,000 = 123,642,856 ~ 124M
        (3, "model", "right"),  # 3 FC layers (13 conv + 3 FC)
        (3, "model", "right"),  # 124M in the FC layers
        (5, "model", "right"),  # 3 FC layers
        (5, "model", "wrong"),  # PLANTED: 110M, true 123.6M in the FC layers
        # AlexNet (torchvision): 9216*4096+4096 + 4096*4096+4096 + 4,097,000 = 58,631,144
        (7, "model", "right"),
        (9, "model", "right"),  # torchvision ResNet50_Weights: GFLOPS 4.09 (MACs)
        (11, "model", "wrong"),  # PLANTED: 24 GFLOPs, true 4.09 G MACs (8.2 G FLOPs)
        (13, "model", "right"),  # torchvision VGG19_Weights: GFLOPS 19.63
        # line 15: a block's cost, not the network's: not judged
        # lines 17, 19: Xception (22.9M, Chollet 2017 Table 3: 22,855,952) is no bundled
        # spec; Inception V3 is named for comparison: not judged
    ],
    # torchvision's model docs (num_params, GFLOPS): AlexNet 61,100,840; VGG16
    # 138,357,544 (15.47); VGG19 143,667,240; GoogLeNet 6,624,904; ResNet-18 11,689,512;
    # ResNet-34 21,797,672; ResNet-50 25,557,032 (4.09); ResNet-101 44,549,160;
    # ResNet-152 60,192,808. He et al. 2016 Table 1 FLOPs: 1.8, 3.6, 3.8, 7.6, 11.3 x 10^9.
    # Depths: 8, 16 (13 conv + 3 FC), 22 (Szegedy et al. 2015, Table 1), 50.
    "02_name_figure_lists.md": [
        (3, "model", "right"), (3, "model", "right"),  # AlexNet 61M, VGG16 138M
        (3, "model", "wrong"),  # PLANTED: ResNet-50 60M, true 25.6M
        (3, "model", "right"),  # GoogLeNet 6.8M (paper ~6.8M; torchvision 6.6M)
        (5, "model", "right"), (5, "model", "right"), (5, "model", "right"),
        (7, "model", "right"), (7, "model", "right"),  # AlexNet 60M, VGG16 138M
        (7, "model", "wrong"),  # PLANTED: ResNet-101 25.6M, true 44.5M (ResNet-50's figure)
        (9, "model", "right"), (9, "model", "right"), (9, "model", "right"),
        (9, "model", "wrong"),  # PLANTED: ResNet-50 depth 152, true 50
        (11, "model", "right"),  # AlexNet 5 conv
        (11, "model", "wrong"),  # PLANTED: VGG16 16 conv, true 13
        (11, "model", "right"),  # VGG19 16 conv
        (13, "model", "right"), (13, "model", "right"),  # 1.8, 3.6
        (13, "model", "wrong"),  # PLANTED: ResNet-50 24 GFLOPs, true 3.8 (paper) / 4.09
        (13, "model", "right"),  # ResNet-101 7.6 (paper)
        (15, "model", "right"), (15, "model", "right"),  # 11.7M, 21.8M
        (15, "model", "wrong"),  # PLANTED: ResNet-50 46M, true 25.6M
        (17, "model", "right"), (17, "model", "right"),
        (17, "model", "wrong"),  # PLANTED: VGG19 138M, true 143.7M (VGG16's figure)
        (17, "model", "right"),  # ResNet-152 60.2M
        (19, "model", "right"), (19, "model", "right"),
        (19, "model", "wrong"),  # PLANTED: ResNet-50 26,557,032, true 25,557,032
        # line 21: accuracies, no count; line 23: a width-0.5 variant beside the base
    ],
    # Simonyan & Zisserman 2015, Table 2: A 133M, A-LRN 133M, B 133M, C 134M, D 138M,
    # E 144M; Table 1: A 11 weight layers, D 16, E 19
    "03_vgg_configurations.md": [
        (5, "model", "wrong"),  # PLANTED: configuration D 133M, true 138M
        (7, "model", "right"), (7, "model", "right"),  # D: 16 layers, 138M
        (9, "model", "right"), (9, "model", "right"),  # E: 19 layers, 144M
        (11, "model", "wrong"),  # PLANTED: VGG-E 138M, true 144M (D's figure)
        (13, "model", "right"), (13, "model", "right"),  # A: 11 layers, 133M
        (15, "model", "right"),  # A-LRN 133M
        # lines 17, 19: questions asking which network has 138M: no claim
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lf_form(name):
    from cnnstat.notes.check import check_file

    got = Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)
    assert got == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DIR.glob("*.md")) == sorted(EXPECTED)
