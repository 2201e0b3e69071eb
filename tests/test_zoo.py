"""The model zoo: every bundled spec against its published figures, its depth, the CLI,
other input sizes, and the README's model table."""

import json
import re

import pytest

import cnnstat
from cnnstat.analysis import analyze
from cnnstat.models.zoo import bundled_names
from tests.conftest import ROOT
from tests.test_zoo_dense import DENSE_DEPTH, DENSE_TWINS
from tests.test_zoo_modern import MODERN_DEPTH, MODERN_TWINS

NAMES = bundled_names()

# Depth (conv + fc layers on the longest path), written by hand from each network's name
# or paper, never from the tool: the number in the name where there is one; GoogLeNet 22
# (paper Sec. 5), SqueezeNet 18 (conv1 + 8 fire modules x 2 + conv10), LeNet-5 5,
# AlexNet/ZFNet 8 (five conv + three fc), NiN 3 x 3 and 4 x 3 mlpconv convs,
# Inception-v3 48 (MathWorks' "48 layers deep"). Where the name counts differently, the
# comment says how.
DEPTH = {
    "lenet5": 5, "lenet5-modern": 5, "alexnet": 8, "alexnet-tv": 8, "zfnet": 8,
    "vgg11": 11, "vgg11-lrn": 11, "vgg11_bn": 11, "vgg13": 13, "vgg13_bn": 13,
    "vgg16": 16, "vgg16-c": 16, "vgg16_bn": 16, "vgg19": 19, "vgg19_bn": 19,
    "googlenet": 22, "googlenet-aux": 22, "googlenet-tv": 22, "inception_v3": 48,
    "nin-cifar10": 9, "nin-imagenet": 12,
    "resnet18": 18, "resnet34": 34, "resnet50": 50, "resnet101": 101, "resnet152": 152,
    "resnet50-tv": 50, "resnet101-tv": 101, "resnet152-tv": 152,
    "resnet20": 20, "resnet32": 32, "resnet44": 44, "resnet56": 56, "resnet110": 110,
    "resnet1202": 1202, "stochastic-depth-resnet110": 110,
    "preact-resnet164": 164, "preact-resnet1001": 1001,
    # WRN-d-k: d = 6N + 4 counts the three 1x1 shortcut convs' stages differently; the
    # longest path is conv1 + 6N block convs + fc = 6N + 2 (Zagoruyko & Komodakis, Table 1)
    "wrn-28-10": 26, "wrn-40-4": 38, "wrn-16-8": 14,
    "resnext50_32x4d": 50, "resnext101_32x8d": 101, "wide_resnet50_2": 50,
    "wide_resnet101_2": 101,
    # B x 2^(C-1) = 5 x 8 = 40 convs (Larsson et al. Sec. 2) plus the prediction layer
    "fractalnet-cifar": 41,
    "densenet121": 121, "densenet161": 161, "densenet169": 169, "densenet201": 201,
    # blocks of 6, 12, 64, 48 layers (Huang et al. Table 1): 2 x 130 + 5 = 265, not 264
    "densenet264": 265, "densenet-bc-100-12": 100,
    "squeezenet1_0": 18, "squeezenet1_1": 18,
    # Modern twins, counted from the builders' block lists: a squeeze-and-excitation gate's
    # two 1x1 convs lie on the longest path (the product waits for them).
    # MobileNetV2: stem + (dw, project) + 16 blocks x (expand, dw, project) + conv + fc
    "mobilenet_v2": 53,
    # V3: stem, 14 (large) / 10 (small) blocks x 3, first block 2 (large) / 4 with SE
    # (small), +2 per other SE block (8 each), last conv, two fc
    "mobilenet_v3_large": 64, "mobilenet_v3_small": 54,
    # EfficientNet B: stem + stage 1 blocks x 4 (dw, SE x2, project) + other blocks x 5 +
    # head conv + fc = 3 + 5 x blocks - n1, blocks ceil(n x depth_mult) for n = 1, 2, 2, 3,
    # 3, 4, 1: 16, 23, 23, 26, 32, 39, 45, 55 blocks (n1 = 1, 2, 2, 2, 2, 3, 3, 4)
    "efficientnet_b0": 82, "efficientnet_b1": 116, "efficientnet_b2": 116,
    "efficientnet_b3": 131, "efficientnet_b4": 161, "efficientnet_b5": 195,
    "efficientnet_b6": 225, "efficientnet_b7": 274,
    # V2: stem + fused-1 x 1 + fused x 2 + MBConv x 5 + head conv + fc
    "efficientnet_v2_s": 171, "efficientnet_v2_m": 246, "efficientnet_v2_l": 340,
    # ShuffleNetV2: conv1 + 16 units x 3 (1x1, dw, 1x1) + conv5 + fc
    "shufflenet_v2_x0_5": 51, "shufflenet_v2_x1_0": 51, "shufflenet_v2_x1_5": 51,
    "shufflenet_v2_x2_0": 51,
    # ConvNeXt: stem + blocks x 3 (dw, 1x1, 1x1) + 3 downsampling convs + fc; 18 or 36
    "convnext_tiny": 59, "convnext_small": 113, "convnext_base": 113, "convnext_large": 113,
    **MODERN_DEPTH,  # issue 12's twins, with their reasons, in tests/test_zoo_modern.py
    **DENSE_DEPTH,  # issue 20's dense-prediction specs, in tests/test_zoo_dense.py
}


def test_every_bundled_spec_has_a_depth_entry():
    assert set(NAMES) == set(DEPTH)


@pytest.fixture(scope="module")
def analyses():
    return {name: analyze(cnnstat.load(name)) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_published_figures_match(name, analyses):
    a = analyses[name]
    assert a.checks, f"{name} publishes no figures"
    bad = [(c.key, c.published, c.computed) for c in a.checks
           if c.computed is not None and c.ok is not True]
    assert not bad, bad


@pytest.mark.parametrize("name", NAMES)
def test_depth(name, analyses):
    assert analyses[name].totals.depth == DEPTH[name]


@pytest.mark.parametrize("name", NAMES)
def test_spec_name_is_file_stem(name):
    assert cnnstat.load(name).name == name


# Torchvision builders and their published counts (torchvision model docs, the
# `num_params` and `_ops` (GFLOPS) of each *_Weights.IMAGENET1K_V1; inception_v3 without
# the auxiliary classifier as given in issue 3).
TWINS = {
    "alexnet-tv": ("alexnet", 61_100_840, "0.714"), "vgg11": ("vgg11", 132_863_336, "7.609"),
    "vgg11_bn": ("vgg11_bn", 132_868_840, None), "vgg13": ("vgg13", 133_047_848, "11.308"),
    "vgg16": ("vgg16", 138_357_544, "15.47"), "vgg16_bn": ("vgg16_bn", 138_365_992, None),
    "vgg19": ("vgg19", 143_667_240, "19.632"), "vgg19_bn": ("vgg19_bn", 143_678_248, None),
    "googlenet-tv": ("googlenet", 6_624_904, "1.498"),
    "inception_v3": ("inception_v3", 23_834_568, "5.713"),
    "resnet18": ("resnet18", 11_689_512, "1.814"), "resnet34": ("resnet34", 21_797_672, "3.664"),
    "resnet50-tv": ("resnet50", 25_557_032, "4.089"),
    "resnet101-tv": ("resnet101", 44_549_160, "7.801"),
    "resnet152-tv": ("resnet152", 60_192_808, "11.514"),
    "resnext50_32x4d": ("resnext50_32x4d", 25_028_904, "4.23"),
    "resnext101_32x8d": ("resnext101_32x8d", 88_791_336, "16.414"),
    "wide_resnet50_2": ("wide_resnet50_2", 68_883_240, "11.398"),
    "wide_resnet101_2": ("wide_resnet101_2", 126_886_696, "22.753"),
    "densenet121": ("densenet121", 7_978_856, "2.834"),
    "densenet161": ("densenet161", 28_681_000, "7.728"),
    "densenet169": ("densenet169", 14_149_480, "3.36"),
    "densenet201": ("densenet201", 20_013_928, "4.291"),
    "squeezenet1_0": ("squeezenet1_0", 1_248_424, "0.819"),
    "squeezenet1_1": ("squeezenet1_1", 1_235_496, "0.349"),
}


@pytest.mark.parametrize("name", sorted(TWINS))
def test_torchvision_twin(name, analyses):
    builder, params, gflops = TWINS[name]
    a = analyses[name]
    assert a.spec.matches == f"torchvision.models.{builder}"
    assert a.totals.params == params
    if gflops is not None:
        decimals = len(gflops.split(".")[1])
        assert f"{a.totals.macs / 1e9:.{decimals}f}" == gflops


def test_only_twins_claim_a_match(analyses):
    claimed = {n for n, a in analyses.items() if a.spec.matches}
    from tests.test_zoo_mobile import MOBILE_TWINS

    assert claimed == set(TWINS) | set(MOBILE_TWINS) | set(MODERN_TWINS) | set(DENSE_TWINS) \
        | {"vgg13_bn"}


@pytest.mark.parametrize("name", NAMES)
def test_cli_params_works(name, cli):
    code, out, err = cli("params", name, "-f", "json")
    assert code == 0, err
    assert json.loads(out)["model"] == name


@pytest.mark.parametrize("name", ["resnet18", "resnet50", "resnet50-tv", "resnext50_32x4d",
                                  "densenet121", "vgg16"])
@pytest.mark.parametrize("size", [160, 320])
def test_other_input_sizes(name, size, cli, analyses):
    code, out, err = cli("params", name, "--input", f"3x{size}x{size}", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    base = analyses[name].totals
    assert doc["totals"]["params"] == base.params  # parameters never depend on the size
    assert doc["output"] == [1000]
    # more pixels, more MACs; the published MACs are not comparable at another size
    assert (doc["totals"]["macs"] > base.macs) == (size > 224)
    assert all(p["match"] is None for p in doc["published"] if p["key"] == "macs")


def test_resnet_stage_sizes_at_other_inputs(cli):
    # five halvings: 160 -> 5, 320 -> 10 at layer4 (He et al. Table 1: 224 -> 7)
    for size, last in ((160, 5), (320, 10)):
        rows = analyze(cnnstat.load("resnet50"), input=(3, size, size)).rows
        assert {r.name: r for r in rows}["layer4.2.relu3"].output == (2048, last, last)


@pytest.mark.parametrize("name, size, layer", [
    ("alexnet", "3x320x320", "fc6"), ("lenet5", "1x64x64", "F6"), ("vgg16-c", "3x256x256", "fc6"),
    ("zfnet", "3x256x256", "fc6"),
])
def test_fixed_fc_forbids_other_size(name, size, layer, cli):
    code, _, err = cli("params", name, "--input", size)
    assert code == 2
    assert f"(layer '{layer}')" in err or f"(layer 'classifier.{layer}')" in err
    assert "fixes the input size" in err and "changes this linear layer's parameters" in err


def test_docs_model_table_is_current(cli):
    code, out, _ = cli("list", "-f", "markdown")
    assert code == 0
    reference = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- cnnstat list: begin -->\n(.*?)<!-- cnnstat list: end -->", reference,
                  re.S)
    assert m, "docs/commands.md has no `cnnstat list` markers"
    assert m.group(1).strip() == out.strip(), \
        "regenerate the table in docs/commands.md with `cnnstat list --format markdown`"
