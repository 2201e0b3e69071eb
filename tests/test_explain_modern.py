"""The explain cards for modern networks (issue 12): depthwise-separable,
squeeze-excitation and compound-scaling, each against a published figure and against the
bundled specs that use the idea."""

import pytest

import cnnstat
from cnnstat.analysis import analyze
from cnnstat.explain import get, show


def values(topic, **overrides):
    return [s.value for s in show(get(topic), overrides).steps]


@pytest.mark.parametrize("n", [128, 256, 512, 1024])
def test_depthwise_separable_is_8_to_9_times_cheaper(n):
    # Howard et al. Sec. 3.1: 3x3 depthwise separable convs use "between 8 to 9 times less
    # computation than standard convolutions"; Eq. 5: ratio 1/N + 1/9 (true for the widths
    # of all but MobileNet's first separable layer: at N = 64 it is 7.9)
    *_, full, sep, ratio = values("depthwise-separable", channels=n, out=n)
    assert 8 < full / sep < 9
    assert ratio == pytest.approx(1 / n + 1 / 9)


def test_depthwise_separable_numbers_are_mobilenets():
    # the card's defaults are MobileNetV1's repeated 512-channel layer on 14x14
    rows = {r.name: r for r in analyze(cnnstat.load("mobilenet-v1")).rows}
    _, dw, pw, _, sep, _ = values("depthwise-separable")
    assert dw == rows["sep7.0.dw"].params and pw == rows["sep7.0.pw"].params
    assert sep == rows["sep7.0.dw"].macs + rows["sep7.0.pw"].macs


def test_squeeze_excitation_adds_two_and_a_half_million_to_resnet50():
    # Hu et al. Sec. 3.3: SE-ResNet-50 needs ~2.5 million more parameters than ResNet-50's
    # ~25 million (r = 16); the gates of the 16 blocks from the card, stage by stage
    added = 0
    for c, blocks in ((256, 3), (512, 4), (1024, 6), (2048, 3)):
        _, fc1, fc2, *_ = values("squeeze-excitation", channels=c)
        added += blocks * (fc1 + fc2)
    assert round(added / 1e5) == 25
    se, plain = (analyze(cnnstat.load(n)).totals.params for n in ("se-resnet50", "resnet50"))
    assert se - plain == added


def test_squeeze_excitation_macs_do_not_depend_on_the_map():
    small, big = values("squeeze-excitation", size=7), values("squeeze-excitation", size=56)
    assert small[3] == big[3] == 2 * 256 * 16
    assert big[0] == big[4] == 56 * 56 * 256


def test_compound_scaling_constraint_and_b2():
    # Tan & Le Sec. 3.3: alpha = 1.2, beta = 1.1, gamma = 1.15 with alpha*beta^2*gamma^2
    # about 2 (1.92)
    steps = values("compound-scaling")
    assert steps[3] == pytest.approx(1.92, abs=0.005)
    assert steps[2] == 258
    # depth 1.2, width 1.1 is torchvision's efficientnet_b2 (EfficientNet_B2_Weights
    # num_params 9,109,994); resolution adds no parameters
    assert steps[-1] == 9_109_994
    # phi = 0 is B0 itself: torchvision's efficientnet_b0 _ops 0.386 GFLOPS
    b0 = values("compound-scaling", phi=0)
    assert b0[-2] == 1 and f"{b0[4] / 1e9:.3f}" == "0.386"


def test_depthwise_separable_first_mobilenet_layer_is_below_8():
    *_, full, sep, _ = values("depthwise-separable", channels=32, out=64, size=112)
    assert 7 < full / sep < 8
