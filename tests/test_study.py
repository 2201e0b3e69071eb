"""Study tools: `explain`, `calc`, `compare` (with its chart) and `diagram`.

Every explain card's numbers are checked three ways: the substituted arithmetic it prints
is re-evaluated here (by a small parser, no eval) and must equal the printed result; the
result must equal what the layer algebra gives; and at least one figure per card is
compared with an independent published figure, cited beside the assertion.
"""

import json
import math
import re
import struct
import sys

import pytest

from cnnstat.calc.chain import parse_chain, run_chain
from cnnstat.explain import LANGS, cards, get, show
from cnnstat.layers import KINDS

TOPICS = [
    "conv-output-size", "param-count", "stacked-3x3", "1x1-bottleneck", "inception-module",
    "overlapping-pooling", "lrn", "relu", "dropout", "global-average-pooling",
    "residual-connection", "grouped-conv", "dense-connectivity", "fire-module",
    "auxiliary-classifier", "wide-vs-deep", "stochastic-depth", "fractal",
    "flop-conventions", "depthwise-separable", "squeeze-excitation", "compound-scaling",
    "training-memory", "upsampling", "dilated-conv",
]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


# --------------------------------------------------------------------------- arithmetic

_TOKEN = re.compile(r"\s*(\d+(?:\.\d+)?(?:e-?\d+)?|[-+·×*/^()⌊⌋⌈⌉²])")


def arith(text: str) -> float:
    """Evaluate the cards' arithmetic: numbers, + - · × * / ^ ², ( ), ⌊ ⌋, ⌈ ⌉."""
    toks, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"cannot read {text[pos:]!r}")
        toks.append(m.group(1))
        pos = m.end()
    i = 0

    def peek():
        return toks[i] if i < len(toks) else None

    def take():
        nonlocal i
        i += 1
        return toks[i - 1]

    def atom():
        t = take()
        if t in ("(", "⌊", "⌈"):
            v = expr()
            close = take()
            assert close == {"(": ")", "⌊": "⌋", "⌈": "⌉"}[t], text
            v = math.floor(v + 1e-9) if t == "⌊" else math.ceil(v - 1e-9) if t == "⌈" else v
        elif t == "-":
            return -atom()
        else:
            v = float(t)
        while peek() in ("^", "²"):
            if take() == "²":
                v = v * v
            else:
                v = v ** atom()
        return v

    def term():
        v = atom()
        while peek() in ("·", "×", "*", "/"):
            op, rhs = take(), atom()
            v = v / rhs if op == "/" else v * rhs
        return v

    def expr():
        v = term()
        while peek() in ("+", "-"):
            op, rhs = take(), term()
            v = v + rhs if op == "+" else v - rhs
        return v

    v = expr()
    assert i == len(toks), f"left over in {text!r}: {toks[i:]}"
    return v


def test_arith_parser():
    assert arith("(227 - 11 + 2·0)/4 + 1") == 55
    assert arith("⌊(224 - 11 + 2·0)/4⌋ + 1") == 54
    assert arith("⌈(112 - 3 + 2·0)/2⌉ + 1") == 56
    assert arith("0.25^10") == pytest.approx(9.5367e-07, rel=1e-4)
    assert arith("2^(4 - 1)") == 8


def _evaluable(s: str) -> bool:
    return bool(s) and not re.search(r"[A-Za-z_,]", s)


def _close(a: float, b) -> bool:
    return math.isclose(a, float(b), rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("topic", TOPICS)
def test_card_arithmetic_matches_results(topic):
    shown = show(get(topic))
    checked = 0
    for step in shown.steps:
        if not _evaluable(step.substituted) or not isinstance(step.value, (int, float)):
            continue
        for part in step.substituted.split(" = "):
            assert _close(arith(part), step.value), (topic, step.substituted, step.value)
        checked += 1
    assert checked >= 1, f"{topic}: no step with checkable arithmetic"


def values(topic, **overrides):
    return [s.value for s in show(get(topic), overrides).steps]


# --------------------------------------------------------------------------- every topic, CLI

def test_every_issue_topic_has_a_card():
    assert list(cards()) == TOPICS


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("lang", LANGS)
def test_explain_cli_every_topic(cli, topic, lang):
    code, out, err = cli("explain", topic, "--lang", lang)
    assert code == 0, err
    card = get(topic)
    assert out.startswith(f"{topic} — {card.title[lang]}")
    assert ("formula" if lang == "en" else "식") in out
    if lang == "ko":
        assert HANGUL.search(out)
    code, out, _ = cli("explain", topic, "--lang", lang, "--format", "json")
    doc = json.loads(out)
    assert doc["topic"] == topic and doc["steps"] and doc["lang"] == lang
    code, md, _ = cli("explain", topic, "--lang", lang, "--format", "markdown")
    assert code == 0 and md.startswith(f"### {topic}") and "|---:|" in md


def test_every_topic_in_both_languages():
    for card in cards().values():
        for text in (card.title, card.idea, card.conclusion):
            assert set(text) == set(LANGS) and text["ko"].strip(), card.name
            assert not HANGUL.search(text["en"]), card.name
        # titles may be a name ("ReLU"); the explanation and conclusion are in Korean
        assert HANGUL.search(card.idea["ko"]) and HANGUL.search(card.conclusion["ko"])
        for inp in card.inputs:
            assert set(inp.help) == set(LANGS), (card.name, inp.name)
        for lang in LANGS:
            shown = show(card, lang=lang)
            assert all(set(s.label) == set(LANGS) for s in shown.steps), card.name
            assert "{" not in shown.conclusion, (card.name, lang)
            assert all(set(p.why) == set(LANGS) for p in card.see), card.name


def test_pointers_name_existing_specs(cli):
    from cnnstat.models.zoo import bundled_names

    names = set(bundled_names())
    for card in cards().values():
        for p in show(card).see:
            assert set(p.needs) <= names
            words = p.command.split()
            if words[1] in ("params", "diagram"):
                assert words[2] in names, p.command
            if words[1] == "compare":
                assert set(w for w in words[2:] if not w.startswith("-")) <= names
    # the pointers run: e.g. `cnnstat params googlenet --depth 1`
    for card in cards().values():
        see = show(card).see
        assert see, f"{card.name} points at no spec"
        for p in see:
            if "|" not in p.command:
                code, _, err = cli(*p.command.split()[1:])
                assert code == 0, (p.command, err)


def test_explain_list_and_overrides(cli):
    code, out, _ = cli("explain")
    assert code == 0 and all(t in out for t in TOPICS)
    code, out, _ = cli("explain", "--lang", "ko")
    assert code == 0 and "주제" in out
    # the issue's example: inputs changed on the command line
    code, out, _ = cli("explain", "1x1-bottleneck", "--channels", "256", "--out", "128",
                       "--reduce", "64")
    assert code == 0 and "3·3·256·128" in out and "294,912" in out
    code, out, _ = cli("explain", "relu", "--layers=3")
    assert code == 0 and "0.25^3" in out


@pytest.mark.parametrize("args,message", [
    (["explain", "nope"], "no explain topic 'nope'"),
    (["explain", "relu", "--layer", "3"], "did you mean '--layers'?"),
    (["explain", "relu", "--layers", "x"], "--layers must be a whole number"),
    (["explain", "relu", "--layers", "0"], "must be at least 1"),
    (["explain", "relu", "--layers"], "--layers needs a value"),
    (["explain", "relu", "--lang", "fr"], "--lang must be one of en, ko"),
    (["explain", "wide-vs-deep", "--depth", "27"], "--depth must be 6N + 4"),
])
def test_explain_errors(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- cards: figures

def conv(shape, **args):
    return KINDS["conv"].make(args).apply(shape)


def test_conv_output_size():
    v = values("conv-output-size")
    # AlexNet paper Sec. 3.5 / notes: (227 - 11)/4 + 1 = 55; 224 does not divide
    assert v[0] == 55 == conv((3, 227, 227), out=96, kernel=11, stride=4).output[1]
    assert v[1] == 54 == conv((3, 224, 224), out=96, kernel=11, stride=4).output[1]
    assert v[2] == 1 and v[3] == 227
    even = show(get("conv-output-size"), {"odd": 4})
    assert even.steps[2].value == 1.5 and len(even.steps) == 3


def test_param_count():
    v = values("param-count")
    # AlexNet conv1 (11·11·3 + 1)·96 = 34,944 (issue 2, study notes); fc6 9216 -> 4096
    assert v[0] == 34_944 and v[2] == 37_752_832 and v[3] == 0 and v[4] == 192
    import cnnstat

    rows = {r.name: r for r in cnnstat.analyze(cnnstat.load("alexnet")).rows}
    assert (rows["conv1"].params, rows["fc6"].params) == (v[0], v[2])


def test_stacked_3x3():
    c = 64
    v = values("stacked-3x3", layers=3, channels=c)
    # VGG paper Sec. 2.3: three 3x3 layers 3(3²C²) = 27C² vs one 7x7 49C², "81% more"
    assert v[0] == v[1] == 7
    assert v[2] == 27 * c * c and v[3] == 49 * c * c
    assert round(100 * (v[4] - 1)) == 81
    # five 3x3 vs one 11x11: 9DN + 36N² < 121DN while N < 112D/36 ≈ 3.11 D (not 3.6 D)
    d = 64
    assert v[5] == 9 * d * 128 + 36 * 128 * 128 and v[6] == 121 * d * 128
    assert v[7] == pytest.approx(3.111 * d, rel=1e-3)
    nmax = v[8]
    stack = lambda n: conv((d, 32, 32), out=n, kernel=3, padding=1, bias=False).params + \
        4 * conv((n, 32, 32), out=n, kernel=3, padding=1, bias=False).params  # noqa: E731
    big = lambda n: conv((d, 32, 32), out=n, kernel=11, padding=5, bias=False).params  # noqa
    assert stack(nmax) < big(nmax) and stack(nmax + 1) >= big(nmax + 1)
    assert nmax < 3.6 * d - 30  # the notes' 3.6 D bound would allow N up to 230
    assert "3.11D" in show(get("stacked-3x3")).conclusion


def test_1x1_bottleneck():
    # study notes: 3x3x256x128 = 294,912 vs 1x1x256x128 = 32,768
    v = values("1x1-bottleneck")
    assert v[0] == 294_912 and v[1] == 32_768
    assert v[2] == conv((256, 11, 11), out=64, kernel=1, bias=False).params + \
        conv((64, 11, 11), out=128, kernel=3, padding=1, bias=False).params
    # study notes: "14만 vs 4만" for 128 channels reduced to 32 first
    v = values("1x1-bottleneck", channels=128, out=128, reduce=32)
    assert round(v[0], -4) == 150_000 and round(v[2], -4) == 40_000
    assert (v[0], v[2]) == (147_456, 40_960)


def test_inception_module():
    import cnnstat

    v = values("inception-module")
    # GoogLeNet paper Table 1, inception (3a): output 28x28x256, ops 128M
    assert v[4] == 256
    assert round(v[6] / 1e6) == 128
    rows = cnnstat.analyze(cnnstat.load("googlenet")).rows
    assert v[5] == sum(r.params for r in rows if r.name.startswith("inception3a."))
    assert v[6] == sum(r.macs for r in rows if r.name.startswith("inception3a."))
    assert v[9] == 64 + 128 + 32 + 192


def test_overlapping_pooling():
    v = values("overlapping-pooling")
    # AlexNet paper Sec. 3.4: z=3,s=2 and z=2,s=2 give "output of equivalent dimensions";
    # notes: (55 - 3)/2 + 1 = 27
    assert v[0] == v[1] == 27 and v[2] == 1 and v[4] == 0
    assert v[5] == KINDS["maxpool"].make({"kernel": 3, "stride": 2}).apply((96, 55, 55)).ops


def test_lrn():
    # AlexNet paper Sec. 3.5: the second conv layer has 186,624 neurons = 27·27·256
    v = values("lrn", channels=256, size=27)
    assert v[1] == 186_624 and v[2] == 0
    assert v[4] == KINDS["lrn"].make({}).apply((256, 27, 27)).ops


def test_relu_and_dropout():
    v = values("relu", layers=3)
    assert v[2] == 0.25  # notes: the sigmoid's slope is at most 1/4
    assert v[3] == pytest.approx(0.25 ** 3) and v[4] == 1 and v[1] == 0
    v = values("dropout")
    # AlexNet paper Sec. 4.2: p = 0.5, test-time outputs multiplied by 0.5
    assert v[0] == 2048 and v[2] == 0.5 and v[3] == 0 and v[4] == 0


def test_global_average_pooling():
    v = values("global-average-pooling")
    # torchvision VGG-16 has 138,357,544 params; Keras VGG16(include_top=False) 14,714,688
    assert v[2] == 138_357_544 - 14_714_688
    assert v[5] == 513_000 and v[6] == v[2] - v[5]


def test_residual_connection():
    v = values("residual-connection")
    # ResNeXt paper Sec. 3.3: 256·64 + 3·3·64·64 + 64·256 ≈ 70k
    assert v[3] == 69_632 and round(v[3], -4) == 70_000
    assert v[5] == 73_728 and v[7] == 56 * 56 * 256
    assert v[1] == pytest.approx(0.25 ** 10) and v[2] == 1


def test_grouped_conv():
    import cnnstat

    v = values("grouped-conv")
    rows = {r.name: r for r in cnnstat.analyze(cnnstat.load("alexnet")).rows}
    # AlexNet conv2: 256 kernels of 5x5x48 (paper Sec. 3.5)
    assert v[0] == 307_456 == rows["conv2"].params and v[1] == 614_656 and v[2] == 0.5
    # ResNeXt Eq. 4: C·(256·d + 3·3·d·d + d·256) ≈ 70k for C = 32, d = 4
    assert v[3] == v[4] == 70_144


def test_dense_connectivity():
    v = values("dense-connectivity")
    # DenseNet-121 block 1: 64 + 6·32 = 256 channels; torchvision transition1: 256 -> 128
    assert v[1] == 256 and v[3] == 128 and v[4] == 28 and v[0] == 224


def test_fire_module():
    # SqueezeNet paper Table 1: fire2 has 11,920 parameters (before pruning)
    v = values("fire-module")
    assert v[3] == 11_920 and v[4] == 128


def test_auxiliary_classifier():
    # GoogLeNet paper Sec. 5: 5x5/3 average pool gives 4x4x512 at (4a), 4x4x528 at (4d)
    v = values("auxiliary-classifier")
    assert v[0] == 4 and v[6] == 0.3
    assert values("auxiliary-classifier", channels=528)[0] == 4
    from cnnstat.models.zoo import bundled_names

    if "googlenet-aux" in bundled_names():
        import cnnstat

        rows = cnnstat.analyze(cnnstat.load("googlenet-aux")).rows
        assert v[4] == sum(r.params for r in rows if r.name.startswith("aux1."))


@pytest.mark.parametrize("depth,k,paper", [(28, 10, 36.5), (40, 4, 8.9), (16, 8, 11.0)])
def test_wide_vs_deep(depth, k, paper):
    # WRN paper (Zagoruyko & Komodakis 2016), Tables 4-5: parameters in millions
    v = values("wide-vs-deep", depth=depth, widen=k)
    assert round(v[3] / 1e6, 1) == paper
    assert v[2] == 9 * (64 * k) ** 2


def test_stochastic_depth():
    # Huang et al. 2016 Sec. 3: ResNet-110, L = 54, p_L = 0.5: E(depth) ≈ 40 blocks, ~25%
    # of the training time saved
    v = values("stochastic-depth")
    assert round(v[2]) == 40 and v[1] == 0.5
    assert 0.7 < v[3] < 0.8


def test_fractal():
    # FractalNet paper: B = 5 blocks; C = 3 gives 20 layers, C = 4 gives 40
    assert values("fractal", columns=3)[2] == 20
    v = values("fractal")
    assert v[2] == 40 and v[0] == 15 and v[1] == 8
    assert v[4] == 15 * conv((64, 32, 32), out=64, kernel=3, padding=1).params


# --------------------------------------------------------------------------- calc

def test_calc_conv_issue_example(cli):
    code, out, err = cli("calc", "conv", "--input", "3x227x227", "--kernel", "11",
                         "--stride", "4", "--out", "96", "--wide")
    assert code == 0, err
    assert "(227 - 11 + 2·0)/4 + 1 = 55" in out
    assert "96x55x55" in out
    assert "(11·11·3 + 1)·96 = 34,944" in out
    assert "55·55·96·11·11·3 = 105,415,200" in out  # MACs
    code, out, _ = cli("calc", "conv", "--input", "3x227x227", "--kernel", "11",
                       "--stride", "4", "--out", "96", "-f", "json")
    doc = json.loads(out)
    layer = doc["layers"][0]
    assert doc["output_text"] == "96x55x55" and doc["output"] == [96, 55, 55]
    assert layer["params"] == 34_944 and layer["macs"] == 105_415_200
    assert layer["rf"] == [11, 11]


def test_calc_pool_fc_and_order(cli):
    code, out, _ = cli("calc", "maxpool", "--input", "96x55x55", "--kernel", "3",
                       "--stride", "2", "--wide")
    # study notes: (55 - 3)/2 + 1 = 27, 27x27x96, no parameters
    assert code == 0 and "(55 - 3 + 2·0)/2 + 1 = 27" in out and "96x27x27" in out
    code, out, _ = cli("calc", "fc", "--input", "256x6x6", "--out", "4096", "--wide")
    assert code == 0 and "6·6·256 = 9,216" in out and "(9216 + 1)·4096 = 37,752,832" in out
    code, out, _ = cli("calc", "conv", "--input", "227x227x3", "--order", "hwc",
                       "--kernel", "11", "--stride", "4", "--out", "96", "--wide")
    assert code == 0 and "55x55x96" in out and "H x W x C" in out
    code, out, _ = cli("calc", "maxpool", "--input", "64x112x112", "--kernel", "3",
                       "--stride", "2", "--ceil", "--wide")
    assert code == 0 and "⌈(112 - 3 + 2·0)/2⌉ + 1 = ⌈54.5⌉ + 1 = 56" in out
    code, out, _ = cli("calc", "conv", "--input", "64x56x56", "--kernel", "3",
                       "--padding", "same", "--out", "64", "--no-bias", "--wide")
    assert code == 0 and "3·3·64·64 = 36,864" in out


def test_calc_chain(cli):
    code, out, err = cli("calc", "3x227x227 | conv 96 k11 s4 | maxpool k3 s2 | "
                         "conv 256 k5 p2 g2", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert [l["output"] for l in doc["layers"]] == [[96, 55, 55], [96, 27, 27], [256, 27, 27]]
    # same numbers as the AlexNet spec: conv2 307,456 params; RF 11, 19, 51
    assert [l["params"] for l in doc["layers"]] == [34_944, 0, 307_456]
    assert [l["rf"][0] for l in doc["layers"]] == [11, 19, 51]
    assert doc["totals"]["flops"] == 2 * doc["totals"]["macs"]
    code, out, _ = cli("calc", "227x227x3:hwc | conv 96 k11 s4 | maxpool k3 s2", "--wide")
    assert code == 0 and "(55 - 3 + 2·0)/2 + 1 = 27" in out


def test_calc_every_line_evaluates():
    chain = run_chain(*parse_chain("3x224x224 | conv 64 k7 s2 p3 | maxpool k3 s2 ceil"
                                   " | conv 64 k3 d2 p2 | gap | fc 10"))
    n = 0
    for layer in chain.layers:
        for line in layer.lines:
            if isinstance(line.value, int) and _evaluable(line.substituted):
                for part in line.substituted.split(" = "):
                    assert _close(arith(part), line.value), line
                n += 1
    assert n >= 8


@pytest.mark.parametrize("args,message", [
    (["calc", "conv", "--input", "3x3", "--kernel", "3", "--out", "4"], "must look like"),
    (["calc", "conv", "--input", "3x5x5", "--kernel", "11", "--out", "4"], "larger than"),
    (["calc", "convv", "--input", "3x5x5"], "did you mean 'conv'"),
    (["calc", "conv", "--input", "3x5x5", "--kernel", "3"], "needs argument 'out'"),
    (["calc", "maxpool", "--input", "3x5x5", "--kernel", "3", "--out", "2"], "takes no --out"),
    (["calc", "conv", "--kernel", "3"], "needs --input"),
    (["calc", "3x8x8 | conv 4 k3 | relu", "--kernel", "3"], "a chain carries its own"),
    (["calc", "3x8x8 | conv 4 q3"], "cannot read 'q3'"),
    (["calc", "3x8x8 | conv 4 k3 g3"], "groups=3 must divide"),
])
def test_calc_errors(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2 and message in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- compare

def test_compare_json(cli):
    code, out, err = cli("compare", "alexnet", "vgg16", "googlenet", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    m = {e["name"]: e for e in doc["models"]}
    assert doc["baseline"] == "alexnet" and m["alexnet"]["ratios"]["params"] == 1
    assert m["vgg16"]["params"] == 138_357_544  # torchvision
    assert m["vgg16"]["top1"] == 71.592 and m["alexnet"]["top1"] is None
    # Keras VGG16(include_top=False) has 14,714,688 params: all of VGG-16's conv layers
    assert m["vgg16"]["params_by_kind"]["conv"] == 14_714_688
    for e in doc["models"]:
        assert sum(e["params_by_kind"].values()) == e["params"]
        assert e["flops"] == 2 * e["macs"]
    # GoogLeNet dropped the big fully connected layers: one 1024 -> 1000 layer is left
    assert m["googlenet"]["params_by_kind"]["fc"] == 1024 * 1000 + 1000
    assert m["vgg16"]["ratios"]["params"] == pytest.approx(138_357_544 / 60_965_224)


def test_compare_columns_and_errors(cli):
    code, out, _ = cli("compare", "alexnet", "vgg16", "--params", "-f", "csv")
    header = out.splitlines()[0].split(",")
    assert code == 0 and "conv_params" in header and "fc_params" in header \
        and "macs" not in header
    code, out, _ = cli("compare", "alexnet", "vgg16", "--depth", "--flops", "-f", "csv")
    header = out.splitlines()[0].split(",")
    assert "depth" in header and "macs" in header and "params" not in header
    code, out, _ = cli("compare", "alexnet", "googlenet")
    assert code == 0 and "x params" in out and "0.11x" in out
    code, _, err = cli("compare", "alexnet")
    assert code == 2 and "at least two models" in err
    code, _, err = cli("compare", "alexnet", "vgg17")
    assert code == 2 and "did you mean" in err


def _png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_compare_plot_png_and_svg(cli, tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "chart.png"
    code, _, err = cli("compare", "alexnet", "vgg16", "googlenet", "--plot", str(png))
    assert code == 0, err
    from cnnstat.reports.compare import DPI, FIGSIZE

    assert _png_size(png) == (1200, 500) == (FIGSIZE[0] * DPI, FIGSIZE[1] * DPI)
    assert png.stat().st_size > 10_000
    svg = tmp_path / "chart.svg"
    code, _, _ = cli("compare", "alexnet", "vgg16", "--plot", str(svg))
    assert code == 0 and "<svg" in svg.read_text()[:2000]
    code, _, err = cli("compare", "alexnet", "vgg16", "--plot", str(tmp_path / "c.jpg"))
    assert code == 2 and ".png or .svg" in err


def test_compare_plot_without_matplotlib(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    code, out, err = cli("compare", "alexnet", "vgg16", "--plot", str(tmp_path / "c.png"))
    assert code == 2 and "plotting needs matplotlib: pip install" in err and "[plot]" in err
    assert not (tmp_path / "c.png").exists()


# --------------------------------------------------------------------------- diagram

def test_diagram_mermaid_googlenet(cli):
    code, out, err = cli("diagram", "googlenet")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("%% googlenet") and lines[1] == "flowchart TD"
    ids = {m.group(2): m.group(1) for m in re.finditer(r'(n\d+)\["([^<"]+)', out)}
    concat = next(v for k, v in ids.items() if k.startswith("inception3a.concat"))
    # four branches merge into every Inception module's concat
    assert sum(1 for l in lines if l.endswith(f"--> {concat}")) == 4
    code, out, _ = cli("diagram", "googlenet", "--depth", "1")
    assert code == 0 and '"inception3a<br/>' in out and "inception3a.b1" not in out


def test_diagram_dot_resnet_shortcuts(cli):
    code, out, err = cli("diagram", "resnet50", "--format", "dot")
    assert code == 0, err
    assert out.startswith('digraph "resnet50') and out.rstrip().endswith("}")
    assert out.count('[label="projection"]') == 4  # one per stage (torchvision downsample)
    assert out.count('[label="identity"]') == 16 - 4
    assert "layer1.0.downsample.0" in out
    code, out, _ = cli("diagram", "resnet50", "-f", "dot", "--depth", "1")
    assert code == 0 and "layer2\\n" in out and "layer2.0" not in out


def test_diagram_errors(cli):
    code, _, err = cli("diagram", "alexnet", "--format", "png")
    assert code == 2 and "mermaid, dot or svg" in err
    code, _, err = cli("diagram", "alexnet", "--depth", "0")
    assert code == 2 and "at least 1" in err


def test_study_commands_never_import_torch():
    import subprocess

    from tests.conftest import ROOT

    code = ("import sys, io, contextlib\n"
            "from cnnstat.cli import app\n"
            "for argv in (['explain', 'stacked-3x3'], ['calc', 'conv', '--input', '3x9x9',"
            " '--kernel', '3', '--out', '4'], ['compare', 'alexnet', 'vgg16'],"
            " ['diagram', 'alexnet']):\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            "        try:\n            app(argv)\n        except SystemExit:\n            pass\n"
            "assert 'torch' not in sys.modules and 'matplotlib' not in sys.modules\n"
            "print('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_calc_formulas_are_registered_for_real_kinds():
    """Formula text is registered per kind name; a misspelt name would silently fall back
    to the generic lines."""
    from cnnstat.calc.formulas import FORMULAS
    from cnnstat.layers import KINDS

    assert set(FORMULAS) <= set(KINDS)
    assert {"conv", "maxpool", "avgpool", "linear", "bn", "flatten"} <= set(FORMULAS)
