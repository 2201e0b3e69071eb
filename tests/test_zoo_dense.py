"""The dense-prediction zoo (issue 20): torchvision's six segmentation twins, U-Net as in
the paper, and a YOLOv5s written in the spec language.

Segmentation twins: params and GFLOPS (= GMACs, at 520x520) are each weights enum's
``meta["num_params"]`` and ``meta["_ops"]`` (COCO_WITH_VOC_LABELS_V1, torchvision 0.29,
torchvision/models/segmentation/{fcn,deeplabv3,lraspp}.py), with the auxiliary head the
published weights have; the MACs at 224x224 and the buffers are torchvision's own
(FlopCounterMode / 2 and ``sum(b.numel() for b in model.buffers())`` of each builder with
``weights=None, weights_backbone=None`` and the weights' ``aux_loss``), measured with
torchvision 0.29.1 by ``benchmarks/torchvision_parity.py ... --sizes 224``, which
re-derives all of them where torchvision is installed. Written from torchvision, never
from cnnstat.
"""

import pytest

import cnnstat
from cnnstat.analysis import analyze
from cnnstat.models.zoo import matches_of

SEG = "torchvision.models.segmentation."
# name: (params, buffers, GFLOPS at 520 as published, MACs at 224 as measured)
DENSE_TWINS = {
    "fcn_resnet50": (35_322_218, 54_711, "152.717", 28_338_401_280),
    "fcn_resnet101": (54_314_346, 106_986, "232.738", 43_187_286_016),
    "deeplabv3_resnet50": (42_004_074, 57_277, "178.722", 33_164_451_840),
    "deeplabv3_resnet101": (60_996_202, 109_552, "258.743", 48_013_336_576),
    "deeplabv3_mobilenet_v3_large": (11_029_328, 28_058, "10.452", 1_885_156_160),
    "lraspp_mobilenet_v3_large": (3_221_538, 24_703, "2.086", 379_281_312),
}

# conv layers on the longest path, counted from the builders: the dilated ResNet
# backbones 1 + 3 x (3 + 4 + 6 + 3) = 49 (ResNet-101: 23 blocks in layer3, 100), then the
# head: FCNHead 2 convs; DeepLabHead an ASPP branch (1), project (1), 3x3 and 1x1 (2);
# MobileNetV3-Large's features 62 (its classifier's 64 less the two fc); LR-ASPP's head
# a 1x1 (either branch) then the high classifier (2). U-Net: 9 double convs, 4
# up-convs and the 1x1 = 23. YOLOv5s: the longest path runs through every C3's
# m_path (cv1, bottlenecks, cv3) and the strided convs, 50.
DENSE_DEPTH = {
    "fcn_resnet50": 51, "fcn_resnet101": 102, "deeplabv3_resnet50": 53,
    "deeplabv3_resnet101": 104, "deeplabv3_mobilenet_v3_large": 66,
    "lraspp_mobilenet_v3_large": 64, "unet": 23, "yolov5s": 50,
}


@pytest.fixture(scope="module")
def analyses():
    return {name: analyze(cnnstat.load(name)) for name in DENSE_TWINS}


@pytest.mark.parametrize("name", sorted(DENSE_TWINS))
def test_segmentation_twin_at_520(name, analyses):
    params, buffers, gflops, _ = DENSE_TWINS[name]
    a = analyses[name]
    assert matches_of(a.spec)[0] == SEG + name
    assert a.input == (3, 520, 520)
    assert a.totals.params == params
    assert a.totals.buffers == buffers
    assert f"{a.totals.macs / 1e9:.3f}" == gflops
    assert a.output == (21, 520, 520)
    assert all(c.ok for c in a.checks), a.checks


@pytest.mark.parametrize("name", sorted(DENSE_TWINS))
def test_segmentation_twin_at_224(name):
    params, buffers, _, macs = DENSE_TWINS[name]
    a = analyze(cnnstat.load(name), input=(3, 224, 224))
    assert (a.totals.params, a.totals.buffers, a.totals.macs) == (params, buffers, macs)
    assert a.output == (21, 224, 224)  # upsampled to the input, whatever its size


def test_the_aux_heads_count_at_inference(analyses):
    # torchvision runs aux_classifier in eval mode: FCN-ResNet50's published 152.717
    # GFLOPS includes it. Without it, FlopCounterMode gives 142,725,772,800 MACs
    # (torchvision 0.29.1, aux_classifier set to None); the head is FCNHead(1024, 21) on
    # layer3's 1024x65x65: a 3x3 conv to 256 (65*65*1024*9*256) and a 1x1 to 21
    # (65*65*256*21), each to 65x65.
    a = analyses["fcn_resnet50"]
    aux = sum(r.macs for r in a.rows if r.name.startswith("aux_classifier."))
    assert aux == 65 * 65 * 1024 * 9 * 256 + 65 * 65 * (256 * 21)
    assert a.totals.macs - aux == 142_725_772_800
    assert not any(r.train_only for r in a.rows)


def test_aspp_rates_and_image_pooling(analyses):
    rows = {r.name: r for r in analyses["deeplabv3_resnet50"].rows}
    for branch, rate in (("1", 12), ("2", 24), ("3", 36)):
        conv = rows[f"classifier.0.convs.{branch}.0"]
        assert conv.kind.dilation == (rate, rate) and conv.kind.padding == (rate, rate)
        assert conv.output == (256, 65, 65)  # output stride 8: 520 / 8 = 65
    assert rows["classifier.0.convs.4.0"].output == (2048, 1, 1)
    assert rows["classifier.0.convs.4.interpolate"].output == (256, 65, 65)
    assert rows["classifier.0.convs.concat1"].output == (5 * 256, 65, 65)


# U-Net, Ronneberger et al. 2015, Figure 1: the size of every map, level by level, as
# the figure prints them (x-y size at the lower left of each box, channels on top).
UNET_FIGURE_1 = {
    "down1.conv1": (64, 570), "down1.conv2": (64, 568), "pool1": (64, 284),
    "down2.conv1": (128, 282), "down2.conv2": (128, 280), "pool2": (128, 140),
    "down3.conv1": (256, 138), "down3.conv2": (256, 136), "pool3": (256, 68),
    "down4.conv1": (512, 66), "down4.conv2": (512, 64), "pool4": (512, 32),
    "bottom.conv1": (1024, 30), "bottom.conv2": (1024, 28),
    "up1.upconv": (512, 56), "up1.concat": (1024, 56),
    "up1.convs.conv1": (512, 54), "up1.convs.conv2": (512, 52),
    "up2.upconv": (256, 104), "up2.concat": (512, 104),
    "up2.convs.conv1": (256, 102), "up2.convs.conv2": (256, 100),
    "up3.upconv": (128, 200), "up3.concat": (256, 200),
    "up3.convs.conv1": (128, 198), "up3.convs.conv2": (128, 196),
    "up4.upconv": (64, 392), "up4.concat": (128, 392),
    "up4.convs.conv1": (64, 390), "up4.convs.conv2": (64, 388),
    "out": (2, 388),
}


def test_unet_every_map_size_of_figure_1():
    a = analyze(cnnstat.load("unet"))
    rows = {r.name: r for r in a.rows}
    assert a.input == (1, 572, 572)
    for name, (channels, size) in UNET_FIGURE_1.items():
        assert rows[name].output == (channels, size, size), name
    # "copy and crop": each skip cropped to the up-convolution's size
    for up, skip, size in (("up1", "down4", 64), ("up2", "down3", 136),
                           ("up3", "down2", 280), ("up4", "down1", 568)):
        crop = rows[f"{up}.crop"]
        assert crop.input[1:] == (size, size) and crop.output == rows[f"{up}.upconv"].output
    assert a.output == (2, 388, 388)


def test_unet_params_by_hand():
    # 3x3 convs: (9 c_in + 1) c_out each; up-convs 2x2: (4 c_in + 1) c_out; 1x1 to 2.
    def conv(ci, co, k):
        return (k * k * ci + 1) * co
    down = [(1, 64), (64, 128), (128, 256), (256, 512), (512, 1024)]
    total = sum(conv(ci, co, 3) + conv(co, co, 3) for ci, co in down)
    for c in (1024, 512, 256, 128):
        total += conv(c, c // 2, 2) + conv(c, c // 2, 3) + conv(c // 2, c // 2, 3)
    total += conv(64, 2, 1)
    assert analyze(cnnstat.load("unet")).totals.params == total == 31_030_658


def test_yolov5s_pan_shapes_and_sppf_taps():
    a = analyze(cnnstat.load("yolov5s"))
    rows = {r.name: r for r in a.rows}
    # Ultralytics' yolov5s.yaml at 640: P3/8, P4/16, P5/32 with 128, 256, 512 maps
    assert rows["model.17.cv3.act"].output == (128, 80, 80)
    assert rows["model.20.cv3.act"].output == (256, 40, 40)
    assert rows["model.23.cv3.act"].output == (512, 20, 20)
    # SPPF concatenates cv1 and its three chained pools: 4 x 256 maps
    assert rows["model.9.cat"].inputs == [(256, 20, 20)] * 4
    # the PAN's joins: upsampled neck maps with the backbone's P4 and P3, then the
    # strided maps with the neck's own 14 and 10
    assert rows["model.12"].inputs == [(256, 40, 40), (256, 40, 40)]
    assert rows["model.16"].inputs == [(128, 80, 80), (128, 80, 80)]
    assert rows["model.19"].inputs == [(128, 40, 40), (128, 40, 40)]
    assert rows["model.22"].inputs == [(256, 20, 20), (256, 20, 20)]
    # Detect: 3 x 85 maps on each level, the P3/P4 convs are extra (inference) outputs
    for name, size in (("model.detect_p3.m0", 80), ("model.detect_p4.m1", 40),
                       ("model.detect_p5", 20)):
        assert rows[name].output == (255, size, size)
        assert not rows[name].train_only


@pytest.mark.parametrize("name", sorted(DENSE_DEPTH))
def test_dense_depth(name):
    assert analyze(cnnstat.load(name)).totals.depth == DENSE_DEPTH[name]
