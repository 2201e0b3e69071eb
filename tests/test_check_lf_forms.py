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
- a question asking which of several networks has a figure claims it of none;
- a conv's count with its biases named apart (``= 34,848 (plus 96 biases)``, ``without
  the biases``) is the weights', and a line of weights restating a count judged wrong
  for its biases alone is right (``echoes``); ``= 34,848 + 96 biases = 34,944`` goes on
  with a step after ``=``, a unit word on its term (``glosses.drop_units``);
- figures set against each other after a colon (``50x fewer parameters: 1.25M against
  61M``) are the networks named before it, in order, as in brackets;
- networks and figures joined by slashes (``VGG-16/19 (15.3/19.6 billion FLOPs)``,
  ``ResNet-50/101/152 have 25.6M/44.5M/60.2M parameters``) are paired in order, the
  quantity the word after the figures, a scale on the last every one's (``slashed``).

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
    # AlexNet conv1: 11*11*3*96 = 34,848 weights, + 96 biases = 34,944
    "04_bias_glosses.md": [
        (3, "model", "right"), (3, "model", "right"), (3, "model", "right"),  # 96, 11x11, 4
        (4, "arithmetic", "right"),  # the weights, the biases named apart
        (5, "arithmetic", "right"),  # the weights "without the biases"
        (6, "arithmetic", "right"),  # 34,848 + 96 = 34,944
        (7, "arithmetic", "wrong"),  # PLANTED: 34,848 + 96 = 34,944, not 34,844
        (8, "arithmetic", "right"),
        (8, "params", "wrong"),  # PLANTED (of intent): "parameters" without the 96 biases
        (9, "arithmetic", "right"),  # the weights again: no echo of line 8
    ],
    # a lecture summary; torchvision: VGG16 15.47 GFLOPS (MACs), GoogLeNet 1.50, ResNet-101
    # 44,549,160 params; ResNet-50 25,557,032
    "05_lecture_summary.md": [
        (7, "arithmetic", "right"), (7, "model", "right"),  # 8 (5 + 3)
        (8, "shape", "right"),  # (227 - 11)/4 + 1 = 55
        (9, "arithmetic", "right"),  # 9216 x 4096 = 37,748,736
        (18, "model", "right"), (18, "model", "right"), (18, "model", "right"),
        (18, "model", "right"),  # 16 and 19 layers, 138M and 144M
        (19, "arithmetic", "right"),  # 7*7*512*4096 = 102,760,448
        (20, "model", "right"),  # 15.5 G multiply-adds
        (24, "model", "right"),  # 22 layers
        (29, "model", "right"),  # 152 layers
        (30, "model", "right"),  # ResNet-50 25.6M
        (34, "model", "right"), (34, "model", "right"),  # AlexNet 61M, 0.7
        (35, "model", "right"),
        (35, "model", "wrong"),  # PLANTED: VGG16 1.5 GFLOPs, true 15.5 (GoogLeNet's)
        (36, "model", "right"),
        (36, "model", "wrong"),  # PLANTED: GoogLeNet 15.5 GFLOPs, true 1.5 (VGG16's)
        (37, "model", "right"), (37, "model", "right"),  # ResNet-152 60M, 11.3
        (38, "model", "wrong"),  # PLANTED: ResNet-101 60M, true 44.5M
        (38, "model", "right"),  # 7.8
        (41, "model", "right"), (41, "model", "right"), (41, "model", "right"),
        (41, "model", "wrong"),  # PLANTED: ResNet-50 46 (millions), true 25.6
        (41, "model", "right"),  # ResNet-152 60
        # line 40: Inception-v4 is no bundled spec; line 25: top-5 errors are not checked
    ],
    # Iandola et al. 2016 (1.25M, 50x fewer than AlexNet); torchvision SqueezeNet1_1
    # 1,235,496 / 0.35, SqueezeNet1_0 0.82 GFLOPS; Howard et al. 2017 (4.2M, 569M);
    # Sandler et al. 2018 (3.4M, 300M); Howard et al. 2019 Table 3 (Large 5.4M 219M,
    # Small 2.5M 56M); Ma et al. 2018 (2.3M, 146M); torchvision MobileNetV2 3,504,872,
    # MobileNetV3-Large 5,483,032, EfficientNet-B0 5,288,548 / 0.39
    "06_efficient_nets_post.md": [
        (8, "model", "right"),  # SqueezeNet 1.25M (the colon's first of two)
        (9, "model", "right"), (9, "model", "right"),  # 1.24M, 0.35 GFLOPs
        (14, "model", "right"), (14, "model", "right"),  # 4.2M, 569M
        (16, "model", "right"),  # 28 layers, depthwise and pointwise apart
        (20, "model", "right"),  # 3.4M
        (20, "model", "wrong"),  # PLANTED: MobileNetV2 3 GFLOPs, true 300M MAdds
        (25, "model", "wrong"),  # PLANTED: Large 2.5M, true 5.4M (Small's)
        (25, "model", "wrong"),  # PLANTED: Small 5.4M, true 2.5M (Large's)
        (25, "model", "right"),  # Small 56M MAdds
        (29, "model", "right"),  # ShuffleNet V2 2.3M
        (39, "model", "right"),
        (39, "model", "wrong"),  # PLANTED: SqueezeNet 1.0 8.2G MACs, true 0.82G
        (40, "model", "right"), (40, "model", "right"),
        (41, "model", "right"), (41, "model", "right"),
        (42, "model", "right"),
        (44, "model", "right"), (44, "model", "right"),
        # line 45, PLANTED and not caught: "ResNet-50 (for scale) | 46M" (true 25.6M): a
        # row named with words after the network is left to no reader (a variant?)
    ],
    # He et al. 2016, Table 1 (FLOPs 1.8, 3.6, 3.8, 7.6, 11.3 x 10^9) and the depths
    # 18/34/50/101/152; torchvision Wide_ResNet50_2 68,883,240 / 11.4 GFLOPS
    "07_resnet_interview_qa.md": [
        (5, "model", "right"), (5, "model", "right"), (5, "model", "right"),  # 18, 34, 50
        (5, "model", "wrong"),  # PLANTED: there is no ResNet-100 (101)
        (8, "model", "right"), (8, "model", "right"),
        (9, "model", "right"), (9, "model", "right"),
        (10, "model", "right"), (10, "model", "right"),
        (11, "model", "right"),
        (11, "model", "wrong"),  # PLANTED: ResNet-101 11.3 GFLOPs, true 7.6 (152's)
        (12, "model", "right"),
        (12, "model", "wrong"),  # PLANTED: ResNet-152 7.6 GFLOPs, true 11.3 (101's)
        (16, "arithmetic", "right"),  # 2*3*3*256*256 = 1,179,648
        (17, "arithmetic", "right"),  # 16,384 + 36,864 + 16,384 = 69,632
        (21, "model", "right"), (21, "model", "right"),  # 3.8, VGG16 15.5
        (25, "model", "wrong"),  # PLANTED: Wide ResNet-50-2 25.6M, true 68.9M
        (25, "model", "right"),  # 11.4 GFLOPs
    ],
    "08_one_page_revision.md": [
        (5, "model", "right"), (5, "model", "right"),  # AlexNet 8 layers, 61M
        (6, "model", "right"),  # ZFNet 2013
        (7, "model", "right"), (7, "model", "right"), (7, "model", "right"),
        (7, "model", "wrong"),  # PLANTED: VGG-19 138M, true 143.7M
        (8, "model", "right"),  # GoogLeNet 22 layers
        (9, "model", "right"), (9, "model", "right"),  # 50 layers, 4.1
        (9, "model", "wrong"),  # PLANTED: ResNet-50 60M, true 25.6M
        (10, "model", "right"), (10, "model", "right"),  # DenseNet-121 8M, 2.83 GFLOPS
        (11, "model", "right"),
        (11, "model", "wrong"),  # PLANTED: MobileNetV2 3 GFLOPs, true 0.30
        (12, "model", "right"), (12, "model", "right"),  # EfficientNet-B0 5.3M, 0.39
        (13, "model", "right"), (13, "model", "right"),  # RegNetY-400MF 4,344,144, 0.40
        (14, "model", "right"), (14, "model", "right"),  # ConvNeXt-T 28,589,128, 4.46
        (16, "model", "right"), (16, "model", "right"),  # 61M, 138M
        (17, "ratio", "right"),  # 61 / 6.8 = 9.0
    ],
    # He et al. 2016, Sec. 4.1: "11.3 billion FLOPs, still lower than VGG-16/19 nets
    # (15.3/19.6 billion FLOPs)"; torchvision params as above
    "09_slash_joined.md": [
        (3, "model", "right"),  # VGG-19 19.6 (VGG-16's 15.3: within 2.5% of 15.47, unsure)
        (4, "model", "right"), (4, "model", "right"), (4, "model", "right"),  # the depths
        (4, "model", "right"), (4, "model", "right"), (4, "model", "right"),
        (5, "model", "right"), (5, "model", "right"),  # 1.8, 3.6
        (6, "model", "right"), (6, "model", "right"),  # 138M, 144M
        # and again as figures in the networks' order (helper lh's respective reader;
        # settle keeps both same verdicts)
        (6, "model", "right"), (6, "model", "right"),
        (10, "model", "wrong"),  # PLANTED: VGG-16 19.6, true 15.3 (swapped)
        (10, "model", "wrong"),  # PLANTED: VGG-19 15.3, true 19.6 (swapped)
        (11, "model", "right"), (11, "model", "right"), (11, "model", "right"),
        (11, "model", "right"),  # the depths, ResNet-50 25.6M
        (11, "model", "wrong"),  # PLANTED: ResNet-101 60.2M, true 44.5M
        (11, "model", "wrong"),  # PLANTED: ResNet-152 44.5M, true 60.2M
        (12, "model", "right"),
        (12, "model", "wrong"),  # PLANTED: ResNet-34 36 GFLOPs, true 3.6
        # line 13: "VGG-16/19 layers": names, no figures
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lf_form(name):
    from cnnstat.notes.check import check_file

    got = Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)
    assert got == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DIR.glob("*.md")) == sorted(EXPECTED)
