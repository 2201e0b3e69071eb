"""The modern zoo (issue 12): fidelity fixes of older specs, `matches:` with builder
keyword arguments, and the exact torchvision twins of the newer families."""

import json

import pytest

import cnnstat
from cnnstat.analysis import analyze
from cnnstat.zoo import matches_of
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
