"""`cnnstat check` on the names of networks whose name carries more than a depth: Wide
ResNets (``Wide ResNet-101-2``, ``wide_resnet50_2``, ``Wide_ResNet50``, ``WRN-28-10``) and
ResNeXts (``ResNeXt-50``, ``ResNeXt-101 (32x8d)``, ``ResNeXt101_64``); a name glued to a
word by ``_`` (``se_resnet50``, ``my_resnet50``) is never the plain network's, and a name
that leaves its member open (``ResNeXt-101``: 32x4d, 32x8d or 64x4d) is wrong only where
the figure is grossly off every member (a unit slip), else unsure.

The fixtures under tests/fixtures/notes/model_names were written for this repository in
its own words. The figures are torchvision's published ones (the weights' ``num_params``
and ``_ops``/GFLOPS in torchvision's model docs): wide_resnet50_2 68,883,240 and 11.40;
wide_resnet101_2 126,886,696 and 22.75; resnext50_32x4d 25,028,904 and 4.23;
resnext101_32x8d 88,791,336 and 16.41; resnext101_64x4d 83,455,272 and 15.46.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "model_names"

EXPECTED = {
    "01_variant_names.md": [
        (3, "model", "right"),  # Wide ResNet-101-2: 126,886,696 is 126.9M
        (4, "model", "right"),  # wide_resnet50_2: 68,883,240 is 68.9M
        (5, "model", "right"),  # Wide_ResNet50 is torchvision's wide_resnet50_2, not ResNet-50
        (6, "model", "right"),  # ResNeXt-50 (the paper's 32x4d): 25,028,904 is 25.0M
        (6, "model", "right"),  # ResNeXt-101 (32x8d): 88,791,336 is 88.8M
        # line 7: ResNeXt-101 with no cardinality may be 32x4d (44.18M in timm, not
        # bundled): unsure, no claim
        (8, "model", "wrong"),  # 88.8B: a thousand times every ResNeXt-101's count
        # SE-ResNet-50: Hu et al. 2018 (SENet) sec. 4: about 2.5M parameters over
        # ResNet-50's 25.6M (torchvision 25,557,032), so about 28.1M
        (9, "model", "right"),
        # line 10: my_resnet50 is the note's own network, no claim
        (11, "model", "right"),  # 약 6890만 = about 68,900,000: 68,883,240 rounds to it
    ],
    "02_zoo_table.md": [
        (5, "model", "wrong"),  # 126.9B parameters: the count is 126.9M
        (5, "model", "right"),  # 22.75 GFLOPs (torchvision's multiply-adds)
        (6, "model", "right"), (6, "model", "right"),  # 83.5M, 15.46
        (7, "model", "wrong"),  # 88.8B: over a hundred times any ResNeXt-101 32xNd's count
        (7, "model", "right"),  # 16.41: resnext101_32x8d
        # line 8: ResNeXt101 without its cardinality: 44.2M and 8.0 are 32x4d's (not
        # bundled), unsure
    ],
    "03_quantity_of_name.md": [
        # "the <quantity> of/for <network> is <figure>": the one name in the slot owns it
        (3, "model", "wrong"),  # ResNet-50 has 25,557,032 parameters (torchvision), not 0.85M
        (4, "model", "right"),  # VGG-16: 138,357,544 (torchvision; paper Table 2 "138")
        (5, "model", "right"),  # AlexNet: about 61M (torchvision 61,100,840; paper "60 million")
        (6, "model", "right"),  # ResNet-50: torchvision's 4.09 GFLOPS (multiply-adds) is 4.1G
        (7, "model", "right"),  # VGG-16: 15.47 G multiply-adds at 224 (torchvision 15.47)
        # line 8: conv1 is a layer, not a network; line 9: "the pruned model" names none
    ],
    "04_small_images.md": [
        # line 3: a ResNet-18 for CIFAR-10 has another stem and head (11.17M in the common
        # CIFAR code) than torchvision's 11,689,512: unsure, no claim
        (4, "model", "wrong"),  # ResNet-56: 0.85M (He et al. 2016, Table 6), not 8.5M
        (5, "model", "right"),  # ResNet-110: 1.7M (He et al. 2016, Table 6)
        # line 9: ResNet-34 on CIFAR-100 with its 100-class head: 21,797,672 - 513,000 +
        # 51,300 = 21,335,972, 21.3M (CIFAR-10's head, 21,289,802, rounds the same)
        (9, "model", "right"),
        (10, "model", "right"),  # ResNet-20: 0.27M (He et al. 2016, Table 6)
        (11, "model", "wrong"),  # ResNet-32: 0.46M (He et al. 2016, Table 6), not 4.6M
    ],
    "05_kth_conv.md": [
        # AlexNet's convs (Krizhevsky et al. 2012, sec. 3.5): 96 kernels 11x11x3 stride 4;
        # 256 of 5x5x48; 384 of 3x3x256; 384 of 3x3x192; 256 of 3x3x192 (stride 1, and
        # padding 1 in the 3x3 convs of every implementation)
        (4, "model", "right"), (4, "model", "right"), (4, "model", "right"),
        (4, "model", "right"),  # 96, 11x11, depth 3, stride 4 (the label above: Conv 1)
        (6, "model", "right"), (6, "model", "right"), (6, "model", "right"),  # 256, 5x5, 48
        (8, "model", "wrong"),  # conv3 has 384 kernels, not 348
        (8, "model", "right"), (8, "model", "right"),  # 3x3, depth 256
        (9, "model", "right"), (9, "model", "right"), (9, "model", "right"),  # 384, 3x3, 192
        (10, "model", "right"), (10, "model", "right"),  # conv5: 256 filters, 3x3
        (10, "model", "wrong"),  # conv5's stride is 1, not 2
        (10, "model", "right"),  # pad 1
        (11, "model", "right"), (11, "model", "right"),  # 세 번째: conv3, 384 kernels of 3x3
        # line 12: VGG-16's convs are numbered by block (conv3_1): not read; line 13: a
        # question states givens
    ],
    "06_heading_figures.md": [
        # a heading (an issue's title) states figures too
        (1, "model", "wrong"),  # ResNet-50: 25,557,032 parameters (torchvision), not 1B
        (5, "model", "right"),  # VGG-16: 138,357,544 (torchvision; paper Table 2 "138")
        # line 9: a CIFAR-10 ResNet-18 with its 10-class head: 11,689,512 - 513,000 + 5,130
        # = 11,181,642, 11.2M (11.17M in the common CIFAR code, 11.2M too)
        (9, "model", "right"),
        # line 11: a step's filters, no network's figure
    ],
    "07_parts_of_name.md": [
        # a part of the network named with the network between ("the FC layers of VGG16")
        # VGG-16's and VGG-19's FC layers, by hand: 25,088*4,096 + 4,096 = 102,764,544;
        # 4,096*4,096 + 4,096 = 16,781,312; 4,096*1,000 + 1,000 = 4,097,000; sum 123,642,856
        (3, "model", "right"),  # 124M
        # AlexNet's convs (paper, two GPUs): 34,944 + 307,456 + 885,120 + 663,936 + 442,624
        # = 2,334,080 (11*11*3*96+96; 5*5*48*256+256; 3*3*256*384+384; 3*3*192*384+384;
        # 3*3*192*256+256)
        (4, "model", "right"),  # about 2.3M
        (5, "model", "wrong"),  # 50M: VGG-19's FC layers hold 123,642,856
    ],
    "08_size_below_count.md": [
        # sizes alone under the count: float32, 4 bytes a parameter. ResNet-18: 11,689,512
        # x 4 = 46,758,048 bytes = 44.59 MiB (/ 1,048,576) = 45,662.16 KiB (/ 1,024)
        (4, "memory", "right"), (4, "memory", "right"),
        (7, "memory", "wrong"),  # 43.27 MB: neither 44.59 MiB nor 46.76 MB
        # ResNet-50: 25,557,032 x 4 = 102,228,128 bytes = 97.49 MiB
        (10, "memory", "right"),
        # line 13: the forward/backward pass is no size of the weights; line 16: a
        # checkpoint with the optimizer's state is more than the weights
    ],
    "09_said_and_changed.md": [
        # the quantity said right before a figure with its scale, one network on the line
        (3, "model", "right"),  # VGG-16: 15.47 G multiply-adds (torchvision's 15.47 GFLOPS)
        (4, "model", "right"),  # ResNet-50: 4.09 G (torchvision's 4.09 GFLOPS), about 4.1G
        (5, "model", "right"),  # the same, "FLOPs: 4.1G" before the name
        # 24.64G: neither ResNet-50's multiply-adds (4.09 G, torchvision) nor twice them
        (6, "model", "wrong"),
        # lines 7, 9, 10: a pruned or modified network: its figures are its own, unsure;
        # line 11: a cost at another input than the spec's 224x224 is another cost, unsure
        # line 8: the 10-class head the line states: 25,557,032 - 2048*1000 - 1000
        # + 2048*10 + 10 = 23,528,522, 23.5M
        (8, "model", "right"),
    ],
    "10_title_lines.md": [
        # a line that is a name alone heads the rest of its paragraph; a bullet that is a
        # label and its figure is the network's own (within a factor of two of it); a
        # "Params:"/"FLOPs:" label under the name is read as a summary's total line
        (4, "summary", "right"),  # ResNet-50: 25,557,032 (torchvision)
        (5, "summary", "right"),  # 4.09 GFLOPS (torchvision's multiply-adds)
        (6, "model", "right"),  # 50 layers (He et al. 2016, Table 1), by the labelled
        # layer counts (the bold title is the section's network for every prose reader,
        # helper pc), which supersede the model facts' reading of the same figure (qc)
        (9, "summary", "wrong"),  # VGG-16 has 138,357,544 parameters (torchvision), not 238M
        (10, "summary", "right"),  # VGG-16: 15.47 GFLOPS (torchvision)
        # GoogLeNet: 22 layers with parameters (Szegedy et al. 2015, sec. 5); 6,624,904
        # parameters in torchvision, 6,998,552 in the paper's network with its Table 1:
        # 6.8M lies between
        (13, "model", "right"), (14, "model", "right"),
        # AlexNet: torchvision 61,100,840 parameters and 0.71 GFLOPS; the paper's "60 million"
        (17, "summary", "right"), (18, "summary", "right"),
        # line 19: 2.3M is no count within a factor of two of AlexNet's: a part's, unsure
    ],
    "11_inception_v3.md": [
        # torchvision's inception_v3: 27,161,264 parameters with the auxiliary classifier
        # (Inception_V3_Weights.IMAGENET1K_V1 num_params), 27,161,264 - 3,326,696 (its
        # AuxLogits: 768*128 + 128*2 (BN) + 5*5*128*768 + 768*2 + 768*1000 + 1000)
        # = 23,834,568 without; 5.71 GFLOPS (multiply-adds) at 299x299
        (3, "model", "right"),  # 23.8M
        (4, "model", "right"),  # 27.2M with the auxiliary classifier
        (5, "model", "right"),  # 5.71 G multiply-adds
        (6, "model", "wrong"),  # 238M: ten times either count
        # lines 7-10: Inception-v4, Inception-ResNet-v2, a module, BN-Inception: other
        # networks or a part, none bundled: no claim
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_model_name_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
