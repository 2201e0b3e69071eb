"""`cnnstat check` on forms a first contact misread (issue 19): each fixture holds right
lines in the form that drew a false alarm beside a wrong line the fix must still catch.
Expected values are hand arithmetic or the papers' figures, written beside each line."""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/jf_forms"

EXPECTED = {
    "01_training_sections.md": [
        # VGG (Simonyan & Zisserman, ICLR 2015, Sec. 3.1): batch 256, momentum 0.9,
        # weight decay 5e-4, dropout 0.5
        (5, "model", "right"),  # mini-batch 256
        (5, "model", "right"),  # momentum 0.9
        (6, "model", "right"),  # weight decay 0.0005
        (7, "model", "wrong"),  # dropout 0.5, not 0.3: the section gave the paper's batch
        # line 11: a run of the writer's own on leaf photos: nothing agreed, unsure
        # line 16: a log line (epoch 12/90, loss, top1): the run's own learning rate
        # ResNet (He et al., CVPR 2016, Sec. 3.4 and 4.2): lr 0.1; batch 256 (ImageNet),
        # 128 (CIFAR-10); weight decay 1e-4
        (21, "model", "right"),  # learning rate 0.1
        (21, "model", "right"),  # batch size 128
        (22, "model", "wrong"),  # weight decay 0.0001, not 0.001 (the line names ResNet)
    ],
    "02_heads_by_classes.md": [
        # torchvision: resnet18 11,689,512 with fc 512*1000 + 1000 = 513,000
        (3, "model", "right"),  # 11,689,512 - 513,000 + 512*10 + 10 = 11,181,642
        # resnet50 25,557,032, fc 2048*1000 + 1000 = 2,049,000
        (4, "model", "right"),  # 25,557,032 - 2,049,000 + 2048*37 + 37 = 23,583,845
        # vgg16 138,357,544, fc8 4096*1000 + 1000 = 4,097,000
        (5, "model", "right"),  # 138,357,544 - 4,097,000 + 4096*5 + 5 = 134,281,029
        # line 6: 11,181,642 - 7*7*3*64 + 3*3*3*64 = 11,173,962, a 3x3 stem: unsure
        (7, "model", "wrong"),  # 23.6M with 37 classes, not 21.4M
    ],
    "03_lists_of_counts.md": [
        # line 3: ResNet-50's line, then the CIFAR depths (He et al. 2016, Sec. 4.2:
        # 6n+2 = 20, 32, 44, 56, 110): each a depth the paper builds, none ResNet-50's
        (3, "model", "right"), (3, "model", "right"), (3, "model", "right"),
        (3, "model", "right"), (3, "model", "right"),
        # line 4: "169 or 201 layers", the last of a list: no one network's figure
        (5, "model", "right"),  # AlexNet: 5 conv layers (VGG named for comparison)
        (6, "model", "wrong"),  # VGG-16: 16 weight layers, not 19
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_jf_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(DIR / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
