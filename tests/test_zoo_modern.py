"""The modern zoo (issue 12): fidelity fixes of older specs, `matches:` with builder
keyword arguments, the exact RegNet, MnasNet and ResNeXt-101 64x4d twins, and the paper specs."""

import json

import pytest

import cnnstat
from cnnstat.analysis import analyze
from cnnstat.models.zoo import matches_of
from tests.conftest import write_spec


def _rows(name):
    return {r.name: r for r in analyze(cnnstat.load(name)).rows}


# --- fidelity fixes -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["preact-resnet164", "preact-resnet1001"])
def test_preact_bottleneck_strides_in_its_first_1x1(name):
    # KaimingHe/resnet-1k-layers resnet-pre-act.lua: the first 1x1 of a stage's first unit
    # has stride 2, the 3x3 stride 1. Stage 2: 64 -> 32 channels read at stride 2 from
    # 32x32 gives a 16x16 output: 16*16*32*64 = 524,288 MACs (hand arithmetic).
    rows = _rows(name)
    conv1, conv2 = rows["layer2_0.body.conv1"], rows["layer2_0.body.conv2"]
    assert conv1.input == (64, 32, 32) and conv1.output == (32, 16, 16)
    assert conv1.macs == 16 * 16 * 32 * 64
    assert conv2.input == conv2.output == (32, 16, 16)
    assert rows["layer3_0.body.conv1"].output == (64, 8, 8)


def test_preact_stride_move_saves_the_audited_macs():
    # the audit: striding in the 3x3 instead costs 3,145,728 more MACs. Unstrided, each of
    # the two strided 1x1s would read a map 4x larger, so the cost is 3x their MACs.
    rows = _rows("preact-resnet164")
    strided = rows["layer2_0.body.conv1"].macs + rows["layer3_0.body.conv1"].macs
    assert 3 * strided == 3_145_728


def _fractal_params(columns, filters=(64, 128, 256, 512, 512), classes=10):
    """Larsson et al. Eq. 1 counted by hand: a block of C columns has 2^C - 1 3x3 convs,
    C of them reading the block's input; each conv has no bias and a BN (2 params)."""
    total, cin = 0, 3
    for c in filters:
        convs = 2 ** columns - 1
        total += columns * 9 * cin * c + (convs - columns) * 9 * c * c + convs * 2 * c
        cin = c
    return total + cin * classes + classes


def test_fractalnet_params_by_hand():
    assert analyze(cnnstat.load("fractalnet-cifar")).totals.params == _fractal_params(4)


def test_fractalnet_table_cannot_come_from_the_stated_filters():
    # paper Table 1: "20 layers, 38.6M params", "40 layers, 22.9M params". The filters of
    # Sec. 4 and the author's generator (64, 128, 256, 512, 512) give neither, and at any
    # one filter list the 40-layer network has more parameters than the 20-layer one.
    twenty, forty = _fractal_params(3), _fractal_params(4)
    assert round(twenty / 1e5) != 386 and round(forty / 1e5) != 229
    for scale in (0.25, 0.5, 1, 2):
        filters = [int(f * scale) for f in (64, 128, 256, 512, 512)]
        assert _fractal_params(4, filters) > _fractal_params(3, filters)
    assert "params" not in cnnstat.load("fractalnet-cifar").published


def test_fractalnet_pools_every_column_before_the_last_join():
    # gustavla/fractalnet generation/fractalnet.py: at the last row of a block each column
    # is pooled, then the columns join: four 2x2 pools per block of four columns, and the
    # block ends in the join
    rows = analyze(cnnstat.load("fractalnet-cifar")).rows
    for b, size in zip(range(1, 6), (16, 8, 4, 2, 1)):
        block = [r for r in rows if r.name.startswith(f"block{b}.")]
        assert sum(r.type == "maxpool" for r in block) == 4
        assert block[-1].type == "mean" and block[-1].output[1:] == (size, size)
    assert not any(r.type == "maxpool" and not r.name.startswith("block") for r in rows)


# --- matches: the builder and its keyword arguments ------------------------------------

@pytest.mark.parametrize("name, builder", [("googlenet-tv", "googlenet"),
                                           ("inception_v3", "inception_v3")])
def test_aux_builders_say_aux_logits_false(name, builder):
    # torchvision's googlenet and inception_v3 build their auxiliary heads by default
    # (13,004,888 and 27,161,264 params, issue 12); the twins are the aux_logits=False nets
    assert matches_of(cnnstat.load(name)) == (
        f"torchvision.models.{builder}", {"aux_logits": False, "init_weights": False})


def test_plain_matches_has_no_kwargs():
    assert matches_of(cnnstat.load("vgg16")) == ("torchvision.models.vgg16", {})
    assert matches_of(cnnstat.load("alexnet")) is None


def test_list_shows_the_kwargs(cli):
    code, out, _ = cli("list", "-f", "markdown")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("| googlenet-tv |"))
    assert row.endswith("| torchvision.models.googlenet(aux_logits=False, init_weights=False) |")
    code, out, _ = cli("list", "-f", "json")
    entry = next(e for e in json.loads(out) if e["name"] == "inception_v3")
    assert entry["matches"] == "torchvision.models.inception_v3"
    assert entry["matches_kwargs"] == {"aux_logits": False, "init_weights": False}
    code, out, _ = cli("params", "googlenet-tv", "-f", "json")
    assert json.loads(out)["matches_kwargs"] == {"aux_logits": False, "init_weights": False}


@pytest.mark.parametrize("matches, message", [
    ("5", "'matches' must be a builder name"),
    ("{kwargs: {a: 1}}", "matches needs a 'builder'"),
    ("{builder: m.f, kwargs: [1]}", "'kwargs' must map keyword names"),
    ("{builder: m.f, kwargs: {a: [1, 2]}}", "'a' must be a number, string"),
    ("{builder: m.f, kwargs: {2x: 1}}", "'2x' is not a keyword name"),
    ("{builder: m.f, kwarg: {a: 1}}", "kwarg"),
])
def test_bad_matches_is_a_located_error(matches, message, tmp_path, cli):
    path = write_spec(tmp_path, f"input: [3, 8, 8]\nmatches: {matches}\nlayers:\n  - relu\n")
    code, _, err = cli("params", str(path))
    assert code == 2
    assert message in err and "model.yaml:2:" in err, err


# --- exact torchvision twins -------------------------------------------------------------

# name: (num_params, _ops as printed, buffers, MACs, crop). num_params and _ops (GFLOPS =
# multiply-adds, to every published decimal) from torchvision 0.29's weights meta
# (IMAGENET1K_V1; regnet_y_128gf: IMAGENET1K_SWAG_E2E_V1, whose crop is 384); buffers and
# MACs measured on torchvision 0.29's builders (weights=None, eval mode) with
# sum(b.numel() for b in model.buffers()) and torch.utils.flop_counter.FlopCounterMode
# total / 2 at the crop, in a separate torch 2.14 venv (never in CI).
MODERN_TWINS = {
    "resnext101_64x4d": (83_455_272, "15.46", 202_984, 15_460_270_080, 224),
    "mnasnet0_5": (2_218_512, "0.104", 20_676, 104_455_968, 224),
    "mnasnet0_75": (3_170_208, "0.215", 29_860, 215_493_104, 224),
    "mnasnet1_0": (4_383_312, "0.314", 37_972, 314_415_872, 224),
    "mnasnet1_3": (6_282_256, "0.526", 48_868, 526_362_432, 224),
    "regnet_x_400mf": (5_495_976, "0.414", 37_927, 413_812_608, 224),
    "regnet_x_800mf": (7_259_656, "0.8", 37_365, 799_699_712, 224),
    "regnet_x_1_6gf": (9_190_136, "1.603", 43_563, 1_602_849_792, 224),
    "regnet_x_3_2gf": (15_296_552, "3.177", 62_640, 3_176_621_952, 224),
    "regnet_x_8gf": (39_572_648, "7.995", 90_538, 7_995_132_416, 224),
    "regnet_x_16gf": (54_278_536, "15.941", 111_239, 15_940_755_456, 224),
    "regnet_x_32gf": (107_811_560, "31.736", 162_090, 31_735_929_792, 224),
    "regnet_y_400mf": (4_344_144, "0.402", 27_205, 401_842_848, 224),
    "regnet_y_800mf": (6_432_512, "0.834", 30_479, 833_856_256, 224),
    "regnet_y_1_6gf": (11_202_430, "1.612", 52_758, 1_612_076_160, 224),
    "regnet_y_3_2gf": (19_436_338, "3.176", 66_228, 3_176_482_752, 224),
    "regnet_y_8gf": (39_381_472, "8.473", 86_584, 8_473_070_592, 224),
    "regnet_y_16gf": (83_590_140, "15.912", 122_875, 15_911_510_272, 224),
    "regnet_y_32gf": (145_046_770, "32.28", 158_353, 32_279_552_832, 224),
    "regnet_y_128gf": (644_812_894, "374.57", 415_158, 374_570_006_400, 384),
}

# conv + fc layers on the longest path, by hand. ResNeXt-101: the name. MNASNet: conv,
# depthwise and pointwise convs of the stem (3), three convs in each of the 16 inverted
# residuals, the 1x1 head and the classifier: 3 + 48 + 2 = 53. RegNetX with d blocks: the
# stem, three convs per block and fc, 3d + 2; RegNetY also runs each block's input through
# the gate's two 1x1 convs before the last 1x1 multiplies it, 5d + 2.
_REGNET_BLOCKS = {"regnet_x_400mf": 22, "regnet_x_800mf": 16, "regnet_x_1_6gf": 18,
                  "regnet_x_3_2gf": 25, "regnet_x_8gf": 23, "regnet_x_16gf": 22,
                  "regnet_x_32gf": 23, "regnet_y_400mf": 16, "regnet_y_800mf": 14,
                  "regnet_y_1_6gf": 27, "regnet_y_3_2gf": 21, "regnet_y_8gf": 17,
                  "regnet_y_16gf": 18, "regnet_y_32gf": 20, "regnet_y_128gf": 27}
MODERN_DEPTH = {
    # SE-ResNet-50: ResNet-50's 50 plus the two gate convs of its 16 blocks (the branch
    # waits for its gate): 82
    "se-resnet50": 82,
    # MobileNetV1: paper Sec. 3, 28 layers (conv1, 13 x (depthwise + pointwise), fc).
    # MobileNetV2: conv1, the first block's depthwise + projection, 16 x (expansion,
    # depthwise, projection), the last 1x1 conv and the classifier: 1 + 2 + 48 + 2 = 53
    "mobilenet-v1": 28, "mobilenet-v2": 53,
    # ShuffleNet V2: conv1, 16 units of three convs on the right branch, conv5 and fc:
    # 1 + 48 + 2 = 51 (a down-sampling unit's left branch has two convs, not longer)
    "shufflenet-v2": 51,
    # EfficientNet-B0: the stem, the MBConv1's depthwise, two gate convs and projection
    # (4), fifteen MBConv6 of five (expansion, depthwise, two gate convs, projection),
    # the head conv and fc: 1 + 4 + 75 + 2 = 82
    "efficientnet-b0": 82,
    # ConvNeXt-T: the stem, 18 blocks of three convs, three downsampling convs, the head
    "convnext-t": 59,
    "resnext101_64x4d": 101, "mnasnet0_5": 53, "mnasnet0_75": 53, "mnasnet1_0": 53,
    "mnasnet1_3": 53,
    **{n: (5 if "_y_" in n else 3) * d + 2 for n, d in _REGNET_BLOCKS.items()},
}


@pytest.fixture(scope="module")
def twins():
    return {name: analyze(cnnstat.load(name)) for name in MODERN_TWINS}


@pytest.mark.parametrize("name", sorted(MODERN_TWINS))
def test_twin_is_exact(name, twins):
    params, ops, buffers, macs, crop = MODERN_TWINS[name]
    a = twins[name]
    assert matches_of(a.spec) == (f"torchvision.models.{name}", {})
    assert a.input == (3, crop, crop)
    assert (a.totals.params, a.totals.buffers, a.totals.macs) == (params, buffers, macs)
    decimals = len(ops.split(".")[1])
    assert f"{a.totals.macs / 1e9:.{decimals}f}" == ops
    assert a.totals.depth == MODERN_DEPTH[name]


@pytest.mark.parametrize("name", sorted(MODERN_TWINS))
def test_twin_publishes_the_torchvision_figures(name, twins):
    params, ops, *_ = MODERN_TWINS[name]
    published = twins[name].spec.published
    assert published["params"].value == params
    assert published["macs"].text.rstrip("G") == ops
    assert all(c.ok for c in twins[name].checks if c.computed is not None)


# --- paper-faithful specs -----------------------------------------------------------------

def test_se_resnet50_reconciles_the_papers_figures():
    # Hu et al.: "28.1M" params at r = 16 (TPAMI Table 10); "3.87" GFLOPs (Table 2), ResNet-50
    # "3.86". By hand: ResNet-50's 25,557,032 params plus 2C^2/16 + C/16 + C per block.
    blocks = [(256, 3, 56), (512, 4, 28), (1024, 6, 14), (2048, 3, 7)]
    added = sum(n * (2 * c * c // 16 + c // 16 + c) for c, n, _ in blocks)
    a = analyze(cnnstat.load("se-resnet50"))
    assert a.totals.params == 25_557_032 + added == 28_088_024
    gate_macs = sum(n * 2 * c * c // 16 for c, n, _ in blocks)
    assert a.totals.macs == analyze(cnnstat.load("resnet50")).totals.macs + gate_macs
    assert f"{a.totals.macs / 1e9:.2f}" == "3.86"  # multiply-adds alone: not the paper's 3.87
    # the paper's figure also counts each gate's pooling and scaling, one op per element
    elements = sum(n * c * s * s for c, n, s in blocks)
    assert elements == 5_519_360
    gate_ops = sum(r.ops for r in a.rows if ".se." in r.name and r.type in ("global_avgpool", "mul"))
    assert gate_ops == 2 * elements
    assert f"{(a.totals.macs + gate_ops) / 1e9:.2f}" == "3.87"


@pytest.mark.parametrize("alpha, params, madds", [
    ("1", "4.2", "569"), ("0.75", "2.6", "325"), ("0.5", "1.3", "149"), ("0.25", "0.5", "41"),
])
def test_mobilenet_v1_width_multipliers(alpha, params, madds):
    # Howard et al. Table 6: million parameters and million mult-adds per width multiplier
    a = analyze(cnnstat.load("mobilenet-v1", overrides=[f"width_mult={alpha}"]))
    assert f"{a.totals.params / 1e6:.1f}" == params
    assert f"{a.totals.macs / 1e6:.0f}" == madds
    assert a.totals.depth == 28  # Sec. 3: "MobileNet has 28 layers"


def test_mobilenet_v1_depthwise_separable_costs():
    # one separable layer by hand: sep3 reads 128x56x56; depthwise 3x3x128 weights,
    # 56*56*128*9 MACs; pointwise 128*128 weights, 56*56*128*128 MACs
    rows = _rows("mobilenet-v1")
    dw, pw = rows["sep3.dw"], rows["sep3.pw"]
    assert dw.input == (128, 56, 56)
    assert (dw.params, dw.macs) == (9 * 128, 56 * 56 * 128 * 9)
    assert (pw.params, pw.macs) == (128 * 128, 56 * 56 * 128 * 128)


def test_mobilenet_v2_parameters_as_the_paper_counts_them():
    # Sandler et al.: "3.4M" params. Counted as PyTorch does (every BN's scale and shift)
    # the network has 3,504,872, torchvision's mobilenet_v2 num_params; its convs and
    # classifier alone have 3,470,760, and with 1001 classes (+1280 weights +1 bias)
    # 3,472,041, "3.47M", printed cut to one decimal.
    a = analyze(cnnstat.load("mobilenet-v2"))
    assert a.totals.params == 3_504_872
    weights = sum(r.params for r in a.rows if r.type in ("conv", "linear"))
    assert weights == 3_470_760
    assert int((weights + 1280 + 1) / 1e5) == 34
    assert "params" not in a.spec.published
    assert f"{a.totals.params / 1e6:.1f}" == "3.5"  # why: rounding the full count misses


def test_shufflenet_v2_against_table_5():
    # Ma et al. Table 5, 1x: 2.3M weights, 146M FLOPs (multiply-adds). The parameters
    # reconcile; the multiply-adds fall 1.09M short, recorded rather than forced.
    a = analyze(cnnstat.load("shufflenet-v2"))
    assert f"{a.totals.params / 1e6:.1f}" == "2.3"
    assert a.totals.macs == 144_907_992
    assert f"{a.totals.macs / 1e6:.0f}" == "145" != "146"
    assert "macs" not in a.spec.published
    # a basic unit by hand: stage3's units split 232 channels, the right half runs
    # 1x1 116->116, depthwise 3x3 and 1x1 on 14x14: 14*14*116*(116 + 9 + 116) MACs
    rows = _rows("shufflenet-v2")
    unit = [r for r in rows.values() if r.name.startswith("stage3.1.")]
    assert sum(r.macs for r in unit) == 14 * 14 * 116 * (116 + 9 + 116)
    assert rows["stage3.1.shuffle1"].output == (232, 14, 14)


@pytest.mark.parametrize("sets, size, params, gflops", [
    ([], 224, 5_288_548, "0.386"),                                          # B0
    (["depth_mult=1.1"], 240, 7_794_184, "0.687"),                           # B1
    (["width_mult=1.1", "depth_mult=1.2"], 288, 9_109_994, "1.088"),         # B2
])
def test_efficientnet_compound_scaling_gives_torchvisions_b0_to_b2(sets, size, params, gflops):
    # Tan & Le Eq. 3 with the coefficients of torchvision's builders (B1: depth 1.1; B2:
    # width 1.1, depth 1.2) at their eval crops; figures: torchvision's EfficientNet_B*
    # weights meta num_params and _ops
    a = analyze(cnnstat.load("efficientnet-b0", overrides=sets), input=(3, size, size))
    assert a.totals.params == params
    assert f"{a.totals.macs / 1e9:.3f}" == gflops


def test_efficientnet_b0_flops_are_multiply_adds():
    # Table 2: "0.39B FLOPs". Multiply-adds round to it; 2 x MACs (FLOPs as cnnstat names
    # them) would be 0.77B
    a = analyze(cnnstat.load("efficientnet-b0"))
    assert f"{a.totals.macs / 1e9:.2f}" == "0.39"
    assert f"{2 * a.totals.macs / 1e9:.2f}" == "0.77"
    assert f"{a.totals.params / 1e6:.1f}" == "5.3"


def test_convnext_t_by_hand():
    # one block of width C: depthwise 7x7 with bias, LayerNorm (2C), 1x1 to 4C and back
    # with biases, layer scale (C)
    def block(c):
        return 49 * c + c + 2 * c + (c * 4 * c + 4 * c) + (4 * c * c + c) + c

    def down(cin, c):
        return 2 * cin + (4 * cin * c + c)

    stem = 48 * 96 + 96 + 2 * 96
    total = (stem + 3 * block(96) + down(96, 192) + 3 * block(192) + down(192, 384)
             + 9 * block(384) + down(384, 768) + 3 * block(768) + 2 * 768 + 768 * 1000 + 1000)
    a = analyze(cnnstat.load("convnext-t"))
    # torchvision's convnext_tiny num_params is the same network's count: 28,589,128
    assert a.totals.params == total == 28_589_128
    assert f"{a.totals.macs / 1e9:.1f}" == "4.5" and a.totals.buffers == 0


def test_a_derived_spec_reports_errors_in_its_base(tmp_path):
    from cnnstat.errors import SpecError
    from cnnstat.spec.parse import load_spec_file

    (tmp_path / "base.yaml").write_text(
        "input: [3, 8, 8]\nvars: {c: 4}\nlayers:\n  - conv: {out: $c, kernel: 3}\n")
    (tmp_path / "big.yaml").write_text("extends: base\ninput: [3, 8, 8]\nvars: {c: 8}\n")
    assert analyze(load_spec_file(tmp_path / "big.yaml")).output == (8, 6, 6)
    (tmp_path / "bad.yaml").write_text("extends: base\ninput: [3, 8, 8]\nvars: {d: 8}\n")
    with pytest.raises(SpecError, match="'vars': base has no variable 'd'"):
        load_spec_file(tmp_path / "bad.yaml")
    (tmp_path / "odd.yaml").write_text("extends: base\ninput: [3, 8, 8]\nvars: {c: 0.5}\n")
    with pytest.raises(SpecError) as err:
        load_spec_file(tmp_path / "odd.yaml")
    assert "base.yaml:4" in str(err.value) and "must be an integer, not 1/2" in str(err.value)
    (tmp_path / "layers.yaml").write_text("extends: base\ninput: [3, 8, 8]\nlayers: [relu]\n")
    with pytest.raises(SpecError, match="a spec that extends another has no key 'layers'"):
        load_spec_file(tmp_path / "layers.yaml")


def test_set_makes_published_figures_not_compared(cli):
    # MobileNetV1 Table 6: 4.2M parameters at width 1.0 only. At width 0.5 (--set) the
    # network is another one: its figures are shown, marked "·", never judged ✗.
    code, out, err = cli("params", "mobilenet-v1", "--set", "width_mult=0.5", "-f", "json")
    assert code == 0, err
    checks = json.loads(out)["published"]
    assert checks and all(c["match"] is None for c in checks)
    code, out, _ = cli("params", "mobilenet-v1", "--set", "width_mult=0.5")
    assert "✗" not in out and "not compared: --set width_mult=0.5" in " ".join(out.split())
    code, out, _ = cli("params", "mobilenet-v1", "-f", "json")
    assert all(c["match"] is True for c in json.loads(out)["published"] if c["computed"] is not None)
