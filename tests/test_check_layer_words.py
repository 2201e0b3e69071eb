"""`cnnstat check` on a model's layer composition in prose (issue 19, form 7): counts
written in words ("five convolutional layers", "다섯 개의 합성곱 층"), lines with no digit
included, and a line's conv and FC counts of one network judged together (LeNet-5's C5 is
a convolution or a fully connected layer, never both), and a range of a family's depths
or conv counts ("11 to 19 weight layers", "컨볼루션층 8~16개"), each end a member's count.

Each fixture under tests/fixtures/notes/layer_words was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it, from the papers' tables; a claim not listed fails the test
as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "layer_words"

EXPECTED = {
    "01_count_words.md": [
        # Zeiler & Fergus 2014, Fig. 3: 5 conv + 3 FC, AlexNet's plan
        (3, "model", "right"), (3, "model", "right"),
        (4, "model", "right"),  # VGG-19 (Simonyan & Zisserman, Table 1 E): 16 conv
        (5, "model", "wrong"),  # ResNet-34 (He et al. 2016, Table 1): one 1000-d fc, not 3
        (6, "model", "right"),  # GoogLeNet (Szegedy et al. 2015, Table 1): one linear layer
        # AlexNet: fc6, fc7 (4096 each) and fc8 (1000, softmax): two hidden FC layers
        (7, "model", "right"),
        # line 8: two 3x3 convs of a block: no count of the network (under half its 8)
        (12, "model", "right"), (12, "model", "right"),  # AlexNet 5 conv + 3 FC
        (13, "model", "right"),  # ResNet-50: one FC layer
        (14, "model", "wrong"),  # VGG-16: 13 conv layers (2+2+3+3+3), not ten
        # line 15: 세 번째 (third) names a layer by its place: no count
        # lines 16-17: layers removed (were removed, 없애고): a change, not a count
        (18, "model", "right"),  # ZFNet: 8 layers with weights (5 conv + 3 FC), 계층
        (19, "model", "right"), (19, "model", "right"),  # VGG-19: 16 conv + 3 FC, 계층
    ],
    "02_composition.md": [
        # LeNet-5 (LeCun et al. 1998): C1, C3, C5 conv; F6 and the output fully connected.
        # C5 reads a 5x5 map with a 5x5 kernel, so it is often counted as fully connected:
        # 3 conv + 2 FC, or 2 conv + 3 FC; 3 + 3 counts C5 twice (7 layers, not 8)
        (3, "model", "right"), (3, "model", "wrong"),
        (4, "model", "right"), (4, "model", "right"),
        (5, "model", "right"), (5, "model", "right"),  # VGG-11 (Table 1 A): 8 conv + 3 FC
        (9, "model", "right"), (9, "model", "right"),  # 3 conv + 2 FC
        (10, "model", "right"), (10, "model", "wrong"),  # 3 + 3 again, in Korean words
        # lines 11-12: fewer FC layers than the network has (VGG-16 3, AlexNet 3), in a
        # line that takes no stock of it: some of them (the hidden ones, with dropout)
        (13, "model", "right"), (13, "model", "wrong"),  # "made of" 5 conv and 2 FC: 3 FC
    ],
    "03_ranges.md": [
        # Simonyan & Zisserman, Table 1: A-E have 11, 11, 13, 16, 16, 19 weight layers and
        # 8, 8, 10, 13, 13, 16 conv layers; He et al. 2016: ImageNet ResNets of 18, 34, 50,
        # 101, 152 layers, CIFAR ones of 20, 32, 44, 56, 110 (and 1202)
        (5, "model", "right"),  # 11 to 19 weight layers
        (6, "model", "wrong"),  # 11 ~ 22 계층: no VGG has 22
        (7, "model", "right"),  # 컨볼루션층 8~16개
        # line 8: "Layers 1-13:" names layers by place (a label follows): no range of depths
        (12, "model", "right"),  # 18 to 152
        (13, "model", "wrong"),  # 34 to 120: there is no ResNet-120
        # line 14: 2-3 blocks of each stage: a part's count
        (15, "model", "right"),  # between 18 and 152
    ],
    "04_dataset_figures.md": [
        # ILSVRC-2012: 1,281,167 training images in 1000 classes (Russakovsky et al. 2015);
        # ImageNet in full: 14,197,122 images in 21,841 synsets (image-net.org); CIFAR-10:
        # 60,000 images (50,000 + 10,000) in 10 classes (Krizhevsky 2009); MNIST: 70,000
        (3, "model", "right"),  # 1.28M in 1000 classes
        (5, "model", "wrong"),  # ResNet-50 trained (line 4): 14M is the full ImageNet's
        (6, "model", "right"),  # 14M in 21,841 categories
        (7, "model", "wrong"),  # CIFAR-10's 60,000 images are in 10 classes, not 100
        # line 8: 600 images for each class: a count per class, not the dataset's
        (12, "model", "right"),  # 120만 = 1.2M in 1000 classes
        (13, "model", "right"),  # 7만 = 70,000 in 10 classes
        # line 14: a dataset of the note's own: not judged
    ],
    "05_block_counts.md": [
        # MobileNetV2 (Sandler et al. 2018, Table 2): the first 3x3 conv, 17 bottleneck
        # blocks (the first without expansion: 2 convs, the other 16: 3) and the last 1x1
        # conv to 1280: 1 + 2 + 48 + 1 = 52 convs; 17 is its count of blocks
        (3, "model", "wrong"), (6, "model", "wrong"),
        # DenseNet-121: 1 + 2 x (6 + 12 + 24 + 16) + 3 transitions = 120 convs (+ 1 FC)
        (4, "model", "wrong"),
        # lines 5 and 7: a part (the stem and a stage, before each pooling): not judged
    ],
    "06_respectively.md": [
        # He et al. 2016, Table 1: ResNet-18 1 + 2x8 = 17 convs, ResNet-34 1 + 2x16 = 33
        (3, "model", "right"), (3, "model", "right"),
        # AlexNet 5 conv; ZFNet keeps AlexNet's 5 conv layers (Zeiler & Fergus, Fig. 3)
        (4, "model", "right"), (4, "model", "wrong"),
        (5, "model", "right"), (5, "model", "right"),  # VGG-11 8, VGG-13 10 (Table 1 A, B)
        # line 6 says no "respectively": only the count next to its kind word, 16, is read,
        # as the last network's before it (VGG-19: 16 conv)
        (6, "model", "right"),
    ],
    "07_kernel_sizes.md": [
        # LeNet-5 (LeCun et al. 1998): 5x5 convs (C1, C3, C5), 2x2 subsampling (S2, S4)
        (5, "model", "wrong"),  # 3 by 3: no layer of LeNet-5 has it
        (6, "model", "right"),  # "kernels are all 5x5": C1, C3, C5 are 5x5
        (7, "model", "right"),  # 5 x 5
        (11, "model", "right"),  # VGG-16: 3x3 convs (Table 1)
        (12, "model", "wrong"),  # AlexNet: 11x11, 5x5, 3x3 convs, 3x3 pools; no 7x7
        # line 13: our own VGG-16 in Keras; line 14: a question; lines 15-16: a worked
        # case (suppose) and a swap (대신): not the network's sizes
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layer_words(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
