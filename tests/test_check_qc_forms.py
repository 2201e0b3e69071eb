"""`cnnstat check` on forms that gave false alarms on first contact with set-q1 (issue 19,
helper qc: FA hunter). Each file sets wrong lines (PLANTED, with the true value) beside
right ones; the correct twins are ``hostile_correct/qc-*.md``.

Mechanisms:
- a square kernel after a word opens a chain whose product takes its two sides among more
  factors (``for 1×1 = (14×14×16)×(1×1×480) = 1.5M``): the kernel names the branch, no
  side (``reading/runlabels.kernel_label``), after a colon too, a 1×1's sides left out
  of the product (``1×1 = 28 × 28 × 256 × 32``);
- an arrow's channels with the kernel glossed in brackets (``64→128 (5×5) = 64×5×5×128``)
  name the layer as ``64→128 =`` does (``runlabels.arrow_label``);
- a product said in words whose "total" opens a calculation (``since there are 3 channels,
  the total is 3 × 144 = 432``): the product is arith's (``arithmetic/perunit``);
- a word that multiplies between two equations (``= 150,528 inputs times 224·224·64 =
  3,211,264 outputs``) is read both ways as ``plus`` is (``arithmetic/wordjoin``);
- a heading that names another network ends the PyTorch module read so far (a ResNet
  ``forward()`` alone in its fence is not LeNet's above it: ``notestate.new_section``); a
  heading that names none (``### The forward pass``) keeps it;
- a comment ``# step: A → B`` alone after a blank line inside an ``nn.Sequential``, its A
  the chain so far and its B not, heads the layers below (``commentshape.heads``);
- a label that names the kind counted (``- Convolutional Layers: 13 layers``) makes the
  count that kind's, not the network's depth (``labelled`` supersedes ``model facts``);
- a network another is built from (``VGG19 builds on VGG16, with 19 weight layers``) is
  compared, not the subject (``facts._COMPARED_BEFORE``);
- LeNet-5's RBF output may be left out of its FC layers (``Figures.rbf``);
- an index after a name (``padding[0]``) is part of the name in a rule
  (``rulelines.unindexed``); a subscript's digit (``r_1``) opens no formula
  (``rules/formula``);
- a part's parameters after a count of its layers (``the two conv layers hold 2,572``):
  LeNet-5's C5 may be counted as FC (``parts.part_counts``); a count no spec has makes
  the figure another split's, unsure (``parts._other_split``);
- a ratio's figure is whole (``1000× more``, never its ``000``: ``modelfacts/ratios``).

Expected values: plain arithmetic in the comments.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/qc_forms"

EXPECTED = {
    "01_labelled_costs.md": [
        (5, "arithmetic", "right"),  # 28*28*96 = 75,264; *3*3*32 = 21,676,032 = 21.7M
        (7, "arithmetic", "wrong"),  # PLANTED: 7*7*64 = 3,136; *5*5*32 = 2,508,800 = 2.5M, not 2.7M
        (11, "arithmetic", "right"),  # 512*128 + 128*9*256 = 65,536 + 294,912 = 360,448: 65K + 295K
        (11, "arithmetic", "right"),  # = 360K
        (12, "arithmetic", "right"),  # 192*32 + 32*25*96 = 6,144 + 76,800 = 82,944: 6K + 77K
        (12, "arithmetic", "wrong"),  # PLANTED: 82,944 is 83K, not 89K
        (16, "arithmetic", "right"),  # 25 * 9 = 225
        (16, "arithmetic", "right"),  # 8 * 225 = 1800
        (18, "arithmetic", "right"),  # 25 * 9 = 225
        (18, "arithmetic", "wrong"),  # PLANTED: 8 * 225 = 1800, not 1600
        (20, "arithmetic", "wrong"),  # PLANTED: 225 per channel times 8 channels = 1800, not 1600
        (24, "arithmetic", "right"),  # 32*32*3 = 3,072
        (24, "arithmetic", "right"),  # 32*32*16 = 16,384
        (26, "arithmetic", "wrong"),  # PLANTED: 28*28*8 = 6,272, not 6,372 (wrong read either way)
        (30, "arithmetic", "right"),  # 28*28*256*32 = 6,422,528 = 6.4M (the 1x1 a label)
        (31, "arithmetic", "wrong"),  # PLANTED: 6,422,528 is 6.4M, not 6.9M
    ],
    "02_section_code.md": [
        (20, "shape", "wrong"),  # PLANTED: conv 5x5 on 32 -> 28, pool 2 -> 14: 6x14x14, not 6x12x12
        (21, "shape", "right"),  # conv 5x5 on 14 -> 10, pool -> 5: 16x5x5
        (32, "shape", "right"),  # Conv2d(3, 16, ...) takes 3 channels
        (36, "shape", "right"),  # 3x3 pad 1 keeps 32: 32x32x16
        (40, "shape", "wrong"),  # PLANTED: the map here is 32x32x16 (16 filters above), not 32x32x8
    ],
    "03_counts_and_rules.md": [
        (5, "model", "right"),  # VGG16: 13 conv layers (Simonyan & Zisserman, Table 1, D)
        (6, "model", "wrong"),  # PLANTED: VGG16 has 13 conv layers, not 16
        (10, "model", "right"),  # VGG19 (config E): 19 weight layers
        (10, "model", "right"),  # VGG19: 16 conv layers
        (12, "model", "wrong"),  # PLANTED: VGG19 has 19 weight layers, not 18
        (16, "model", "right"),  # LeNet-5: C1, C3, C5 convs
        (16, "model", "right"),  # LeNet-5: F6 fully connected, then the RBF output (LeCun 1998)
        (18, "model", "right"),  # three conv layers
        (18, "model", "wrong"),  # PLANTED: LeNet-5 has F6 and the output, never four FC layers
        (22, "formula", "right"),  # torch.nn.Conv2d docs: floor((H + 2p - d(k-1) - 1)/s + 1)
        (24, "formula", "wrong"),  # PLANTED: the docs' + 1 left out
        (27, "arithmetic", "wrong"),  # PLANTED: 5 + 2 = 7, not 8
    ],
    "04_parts_and_ratios.md": [
        (5, "model", "right"),  # C1 and C3 (C5 counted as FC)
        (5, "model", "right"),  # modern LeNet-5: C1 5*5*1*6 + 6 = 156, C3 5*5*6*16 + 16 = 2,416: 2,572
        (7, "model", "right"),  # C1 and C3
        (7, "model", "wrong"),  # PLANTED: 156 + 2,416 = 2,572, not 2,752
        (11, "model", "wrong"),  # PLANTED: VGG16 has 13 conv layers, not ten (its 14.7M: unsure, another split)
        (15, "ratio", "right"),  # torchvision AlexNet 61,100,840 / LeNet-5 61,706 = 990x; paper 60,965,224 / 60,840 = 1002x
        (15, "model", "right"),  # AlexNet ~60M (Krizhevsky et al. 2012)
        (16, "ratio", "wrong"),  # PLANTED: about 1000x, not 100x
        (16, "model", "right"),  # AlexNet ~60M
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_qc_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
