"""Layer kinds of modern networks: worked examples computed by hand, and their errors."""

import pytest

from cnnstat import analyze
from cnnstat.errors import SpecError
from cnnstat.layers import KINDS, MERGES
from tests.conftest import write_spec


def effect(kind, shape, **args):
    return KINDS[kind].make(args).apply(shape)


def test_depthwise_conv():
    # 32 channels, 3x3, one group per channel: 32 x 3 x 3 weights, no bias
    e = effect("conv", (32, 56, 56), out=32, kernel=3, padding=1, groups="in", bias=False)
    assert e.output == (32, 56, 56) and e.params == 288 and e.macs == 288 * 56 * 56
    # a multiplier: 64 outputs from 32 channels in 32 groups
    e = effect("conv", (32, 8, 8), out=64, kernel=3, padding=1, groups="in")
    assert e.params == 64 * 9 + 64


def test_asymmetric_padding():
    # TF "same" for stride 2 on an even size: 0 before, 1 after; 224 -> 112
    e = effect("conv", (3, 224, 224), out=8, kernel=3, stride=2, padding=[0, 1, 0, 1])
    assert e.output == (8, 112, 112)
    e = effect("conv", (3, 10, 20), out=8, kernel=3, padding=[2, 0, 0, 0])
    assert e.output == (8, 10, 18)


@pytest.mark.parametrize("args, message", [
    ({"padding": [1, 2, 3]}, "four"),
    ({"groups": "out"}, 'integer or "in"'),
    ({"groups": 3}, "must divide"),
])
def test_conv_errors(args, message):
    with pytest.raises(SpecError, match=message):
        effect("conv", (16, 8, 8), out=16, kernel=3, **args)


@pytest.mark.parametrize("kind, ops", [("relu6", 1), ("leaky_relu", 1), ("hardsigmoid", 1),
                                       ("silu", 2), ("hardswish", 2), ("gelu", 2)])
def test_activation_ops(kind, ops):
    e = effect(kind, (4, 3, 3))
    assert e.output == (4, 3, 3) and e.params == 0 and e.ops == ops * 36


def test_gate_counts_its_convs_and_the_product(tmp_path):
    path = write_spec(tmp_path, """
input: [16, 7, 7]
layers:
  - gate:
      name: se
      layers:
        - global_avgpool: {name: avgpool}
        - conv: {name: fc1, out: 4, kernel: 1}
        - relu
        - conv: {name: fc2, out: 16, kernel: 1}
        - sigmoid
""")
    from cnnstat.spec.parse import load_spec_file

    a = analyze(load_spec_file(path))
    assert a.output == (16, 7, 7)
    # fc1: 16x4 + 4, fc2: 4x16 + 16
    assert a.totals.params == 68 + 80 and a.totals.macs == 64 + 64
    mul = a.rows[-1]
    assert mul.name == "se.mul1" and mul.type == "mul" and mul.ops == 16 * 7 * 7


def test_mul_merge_shapes():
    assert MERGES["mul"].combine([(8, 1, 1), (8, 5, 5)]).output == (8, 5, 5)
    with pytest.raises(SpecError, match="same channels"):
        MERGES["mul"].combine([(4, 1, 1), (8, 5, 5)])
    with pytest.raises(SpecError, match="same channels"):
        MERGES["mul"].combine([(8, 5, 5), (8, 4, 4)])


SCALED = """
input: [3, 32, 32]
vars:
  width_mult: 1.0
  stem: make_divisible(32 * $width_mult, 8)
blocks:
  dw:
    args: {out: required}
    layers:
      - conv: {out: "make_divisible($out * $width_mult, 8)", kernel: 3, padding: 1,
               groups: in}
layers:
  - conv: {out: $stem, kernel: 3}
  - dw: {out: 32}
  - conv: {out: $stem * 3 / 4, kernel: 1}
"""


def test_vars_are_seen_in_blocks_and_set_overrides_them(tmp_path, cli):
    import json

    path = str(write_spec(tmp_path, SCALED))
    outs = {}
    for extra in ([], ["--set", "width_mult=0.75"], ["--set", "width_mult=3/8"]):
        code, out, err = cli("params", path, "-f", "json", *extra)
        assert code == 0, err
        outs[tuple(extra)] = [r["output"] for r in json.loads(out)["layers"]]
    assert outs[()] == [[32, 30, 30], [32, 30, 30], [24, 30, 30]]
    assert outs[("--set", "width_mult=0.75")] == [[24, 30, 30], [24, 30, 30], [18, 30, 30]]
    # 32 x 3/8 = 12 rounds to 16
    assert outs[("--set", "width_mult=3/8")][0] == [16, 30, 30]


@pytest.mark.parametrize("setting, message", [
    ("width=0.5", "no variable 'width'; did you mean 'width_mult'?"),
    ("width_mult", "NAME=VALUE"),
    ("width_mult=abc", "unknown function 'abc'"),
])
def test_set_errors(tmp_path, cli, setting, message):
    path = str(write_spec(tmp_path, SCALED))
    code, _, err = cli("params", path, "--set", setting)
    assert code == 2 and message in err and "Traceback" not in err


def test_non_integral_width_is_refused(tmp_path, cli):
    path = str(write_spec(tmp_path, """
input: [3, 8, 8]
vars: {w: 1}
layers:
  - conv: {out: 32 * $w, kernel: 1}
"""))
    code, _, err = cli("params", path, "--set", "w=0.3")
    assert code == 2 and "must be an integer, not 48/5 (= 9.6)" in err and "floor()" in err


def test_split_and_shuffle():
    e = effect("split", (116, 28, 28), part=1)
    assert e.output == (58, 28, 28) and e.params == e.ops == 0
    assert not KINDS["split"].allocates
    e = effect("shuffle", (116, 28, 28), groups=2)
    assert e.output == (116, 28, 28) and e.params == e.ops == 0
    with pytest.raises(SpecError, match="divisible by 2, not 7"):
        effect("split", (7, 4, 4), part=0)
    with pytest.raises(SpecError, match="parts are 0 to 1"):
        effect("split", (8, 4, 4), part=2)
    with pytest.raises(SpecError, match="groups=3"):
        effect("shuffle", (8, 4, 4), groups=3)


def test_shuffle_interleaves_channels():
    torch = pytest.importorskip("torch")
    from cnnstat.torch import modules as M

    x = torch.arange(6.0).view(1, 6, 1, 1)
    assert M.ChannelShuffle(2)(x).flatten().tolist() == [0, 3, 1, 4, 2, 5]
    assert M.ChannelSplit(2, 1)(x).flatten().tolist() == [3, 4, 5]


def test_layernorm_layer_scale_stochastic_depth():
    e = effect("layernorm", (96, 56, 56))
    assert e.output == (96, 56, 56) and e.params == 192 and e.buffers == 0
    assert e.ops == 7 * 96 * 56 * 56 and e.macs == 0
    assert effect("layernorm", (768,), affine=False).params == 0
    e = effect("layer_scale", (96, 56, 56))
    assert e.params == 96 and e.ops == 96 * 56 * 56 and e.macs == 0
    e = effect("stochastic_depth", (96, 56, 56), p=0.1)
    assert e.output == (96, 56, 56) and e == e._replace(params=0, ops=0, macs=0)
    with pytest.raises(SpecError, match="at most 1"):
        effect("stochastic_depth", (4,), p=1.5)


def test_stochastic_depth_is_the_identity_in_eval():
    torch = pytest.importorskip("torch")
    from cnnstat.torch import modules as M

    x = torch.ones(64, 3)
    sd = M.StochasticDepth(0.5, "row")
    assert torch.equal(sd.eval()(x), x)
    y = sd.train()(x)
    rows = set(y.sum(1).tolist())  # each sample kept (scaled by 2) or dropped
    assert rows <= {0.0, 6.0} and len(rows) == 2


@pytest.mark.parametrize("text, specs", [
    ("MobileNetV2", {"mobilenet_v2", "mobilenet-v2"}),
    ("EfficientNet-B0", {"efficientnet_b0", "efficientnet-b0"}),
    ("EfficientNet B7", {"efficientnet_b7"}),
    ("ConvNeXt-T", {"convnext_tiny", "convnext-t"}),
    ("ShuffleNet V2 x0.5", {"shufflenet_v2_x0_5"}),
    ("MobileNetV3-Small", {"mobilenet_v3_small"}),
    ("SE-ResNet-50", {"se-resnet50"}),
    ("RegNetY-16GF", {"regnet_y_16gf"}),
])
def test_notes_name_modern_networks(text, specs):
    from cnnstat.notes.modelfacts.models import mentions, resolve

    (m,) = mentions(f"{text} has 3.4M parameters")
    assert set(resolve(m).specs) == specs
