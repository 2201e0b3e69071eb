"""Issue 20's layer kinds (upsample, conv_transpose, pixel_shuffle, pixel_unshuffle, crop)
and named inputs (``from``, ``join``, ``like``), against torch modules written here by
hand: parameters are ``numel``, MACs are FlopCounterMode / 2, shapes are torch's output
shapes. The small networks (a U-Net with transposed convs and interpolation, an FPN with
lateral adds, ESPCN with a pixel shuffle) are each written twice, as a spec and as an
``nn.Module``; the spec is also built with cnnstat's own torch build and run."""

from __future__ import annotations

import pytest

import cnnstat
from cnnstat import analyze
from cnnstat.errors import SpecError
from cnnstat.spec.parse import parse_spec
from cnnstat.spec.yamlload import load_yaml
from tests.conftest import write_spec


def spec(text: str):
    return parse_spec(load_yaml(text, file="<test>"), file="<test>")


def one_layer(kind: str, args: str, shape) -> str:
    return f"input: {list(shape)}\nlayers:\n  - {kind}: {{{args}}}\n"


def torch_figures(module, shape):
    """numel of the parameters, FlopCounterMode / 2 and the output shape (per sample)."""
    torch = pytest.importorskip("torch")
    from torch.utils.flop_counter import FlopCounterMode

    counter = FlopCounterMode(display=False)
    with torch.no_grad(), counter:
        out = module.eval()(torch.zeros(1, *shape))
    outs = out if isinstance(out, tuple) else (out,)
    return (sum(p.numel() for p in module.parameters()), counter.get_total_flops() // 2,
            tuple(outs[0].shape[1:]))


# --------------------------------------------------------------------------- one kind

def _cases():
    torch = pytest.importorskip("torch")
    nn = torch.nn

    class Crop(nn.Module):  # the U-Net paper's centre crop, written here by hand
        def __init__(self, h, w):
            super().__init__()
            self.h, self.w = h, w

        def forward(self, x):
            top, left = (x.shape[2] - self.h) // 2, (x.shape[3] - self.w) // 2
            return x[:, :, top:top + self.h, left:left + self.w]

    return [
        ("conv_transpose", "out: 6, kernel: 3, stride: 2, padding: 1, output_padding: 1",
         (4, 7, 9), nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1)),
        ("conv_transpose", "out: 8, kernel: [2, 4], stride: [2, 3], groups: 2, bias: false",
         (4, 5, 6), nn.ConvTranspose2d(4, 8, (2, 4), stride=(2, 3), groups=2, bias=False)),
        ("conv_transpose", "out: 3, kernel: 3, stride: 3, dilation: 2, padding: 2, "
         "output_padding: 1", (5, 4, 4),
         nn.ConvTranspose2d(5, 3, 3, stride=3, dilation=2, padding=2, output_padding=1)),
        ("conv_transpose", "out: 6, kernel: 4, stride: 2, padding: 1, groups: in",
         (6, 8, 8), nn.ConvTranspose2d(6, 6, 4, stride=2, padding=1, groups=6)),
        ("upsample", "scale: 2", (3, 5, 7), nn.Upsample(scale_factor=2, mode="nearest")),
        ("upsample", "scale: [3, 2], mode: bilinear", (3, 5, 7),
         nn.Upsample(scale_factor=(3, 2), mode="bilinear", align_corners=False)),
        ("upsample", "size: [11, 13], mode: bilinear, align_corners: true", (2, 5, 7),
         nn.Upsample(size=(11, 13), mode="bilinear", align_corners=True)),
        ("upsample", "size: 4", (2, 9, 9), nn.Upsample(size=4, mode="nearest")),
        ("pixel_shuffle", "factor: 3", (18, 4, 5), nn.PixelShuffle(3)),
        ("pixel_unshuffle", "factor: 2", (3, 6, 8), nn.PixelUnshuffle(2)),
        ("crop", "size: [5, 6]", (4, 9, 11), Crop(5, 6)),
    ]


@pytest.mark.parametrize("index", range(11))
def test_each_kind_against_its_torch_module(index):
    kind, args, shape, module = _cases()[index]
    a = analyze(spec(one_layer(kind, args, shape)))
    params, macs, out = torch_figures(module, shape)
    assert (a.totals.params, a.totals.macs, a.output) == (params, macs, out)


def test_transposed_conv_size_by_hand():
    # out = (n - 1)s - 2p + d(k - 1) + output_padding + 1
    # (7 - 1)2 - 2 + 2 + 1 + 1 = 14; (9 - 1)3 - 0 + 2(3 - 1) + 2 + 1 = 31
    a = analyze(spec(one_layer("conv_transpose", "out: 1, kernel: 3, stride: [2, 3], "
                                                 "padding: [1, 0], output_padding: [1, 2], "
                                                 "dilation: [1, 2]", (1, 7, 9))))
    assert a.output == (1, 14, 31)
    # MACs: every input element times out/groups x kh x kw weights: 7*9 * 1*3*3
    assert a.totals.macs == 7 * 9 * 9


def test_upsampling_divides_the_jump():
    a = analyze(spec("""
input: [1, 32, 32]
layers:
  - conv: {out: 1, kernel: 3, stride: 2, padding: 1}
  - conv: {out: 1, kernel: 3, stride: 2, padding: 1}
  - conv_transpose: {out: 1, kernel: 2, stride: 2}
  - upsample: {scale: 2, mode: bilinear}
  - conv: {out: 1, kernel: 3, padding: 1}
"""))
    rf = [r.rf[0] for r in a.rows]
    jump = [r.jump[0] for r in a.rows]
    # jumps 2, 4, then /2 and /2 again: 1; RFs 3, 3 + 2*2 = 7, 7 + (2-1)//2... by hand:
    # the transposed conv (k 2, s 2) reads floor((2-1)/2) + 1 = 1 input per output: 7;
    # bilinear reads 2 per axis at jump 2: 7 + 2 = 9; the 3x3 at jump 1: 9 + 2 = 11
    assert jump == [2, 4, 2, 1, 1]
    assert rf == [3, 7, 7, 9, 11]


# --------------------------------------------------------------------------- small nets

UNET = """
input: [3, 64, 64]
blocks:
  double:
    args: {out: required}
    layers:
      - conv: {out: $out, kernel: 3, padding: 1}
      - relu
      - conv: {out: $out, kernel: 3, padding: 1}
      - relu
layers:
  - double: {name: enc1, out: 8}
  - maxpool: {kernel: 2}
  - double: {name: enc2, out: 16}
  - maxpool: {kernel: 2}
  - double: {name: mid, out: 32}
  - conv_transpose: {name: up2, out: 16, kernel: 2, stride: 2}
  - join: {name: cat2, merge: concat, from: [up2, enc2]}
  - double: {name: dec2, out: 16}
  - upsample: {name: up1, scale: 2, mode: bilinear}
  - conv: {name: reduce1, out: 8, kernel: 1}
  - join: {name: cat1, merge: concat, from: [reduce1, enc1]}
  - double: {name: dec1, out: 8}
  - conv: {name: head, out: 2, kernel: 1}
"""


def _unet_module():
    torch = pytest.importorskip("torch")
    nn, F = torch.nn, torch.nn.functional

    def double(ci, co):
        return nn.Sequential(nn.Conv2d(ci, co, 3, padding=1), nn.ReLU(),
                             nn.Conv2d(co, co, 3, padding=1), nn.ReLU())

    class UNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc1, self.enc2, self.mid = double(3, 8), double(8, 16), double(16, 32)
            self.up2 = nn.ConvTranspose2d(32, 16, 2, stride=2)
            self.dec2 = double(32, 16)
            self.reduce1 = nn.Conv2d(16, 8, 1)
            self.dec1 = double(16, 8)
            self.head = nn.Conv2d(8, 2, 1)

        def forward(self, x):
            e1 = self.enc1(x)
            e2 = self.enc2(F.max_pool2d(e1, 2))
            m = self.mid(F.max_pool2d(e2, 2))
            d2 = self.dec2(torch.cat([self.up2(m), e2], 1))
            u1 = F.interpolate(d2, scale_factor=2, mode="bilinear", align_corners=False)
            return self.head(self.dec1(torch.cat([self.reduce1(u1), e1], 1)))

    return UNet()


FPN = """
input: [3, 64, 64]
layers:
  - conv: {name: c2, out: 16, kernel: 3, stride: 2, padding: 1}
  - relu
  - conv: {name: c3, out: 32, kernel: 3, stride: 2, padding: 1}
  - relu
  - conv: {name: c4, out: 64, kernel: 3, stride: 2, padding: 1}
  - relu: {name: c4_act}
  - conv: {name: lat4, out: 24, kernel: 1}
  - aux:
      name: p4
      inference: true
      layers: [{conv: {name: out, out: 24, kernel: 3, padding: 1}}]
  - upsample: {name: up4, scale: 2}
  - conv: {name: lat3, from: relu2, out: 24, kernel: 1}
  - join: {name: sum3, merge: add, from: [lat3, up4]}
  - aux:
      name: p3
      inference: true
      layers: [{conv: {name: out, out: 24, kernel: 3, padding: 1}}]
  - upsample: {name: up3, like: relu1, mode: nearest}
  - conv: {name: lat2, from: relu1, out: 24, kernel: 1}
  - join: {name: sum2, merge: add, from: [lat2, up3]}
  - conv: {name: p2, out: 24, kernel: 3, padding: 1}
"""


def _fpn_module():
    torch = pytest.importorskip("torch")
    nn, F = torch.nn, torch.nn.functional

    class FPN(nn.Module):
        def __init__(self):
            super().__init__()
            self.c2 = nn.Conv2d(3, 16, 3, stride=2, padding=1)
            self.c3 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
            self.c4 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
            self.lat = nn.ModuleList(nn.Conv2d(c, 24, 1) for c in (16, 32, 64))
            self.out = nn.ModuleList(nn.Conv2d(24, 24, 3, padding=1) for _ in range(3))

        def forward(self, x):
            c2 = F.relu(self.c2(x))
            c3 = F.relu(self.c3(c2))
            c4 = F.relu(self.c4(c3))
            p4 = self.lat[2](c4)
            p3 = self.lat[1](c3) + F.interpolate(p4, scale_factor=2, mode="nearest")
            p2 = self.lat[0](c2) + F.interpolate(p3, size=c2.shape[-2:], mode="nearest")
            return self.out[0](p2), self.out[1](p3), self.out[2](p4)

    return FPN()


ESPCN = """
input: [1, 40, 30]
vars: {r: 3}
layers:
  - conv: {out: 64, kernel: 5, padding: 2}
  - tanh
  - conv: {out: 32, kernel: 3, padding: 1}
  - tanh
  - conv: {out: $r * $r, kernel: 3, padding: 1}
  - pixel_shuffle: {factor: $r}
"""


def _espcn_module():  # Shi et al., CVPR 2016: (5, 64), (3, 32), (3, r^2) and a shuffle
    torch = pytest.importorskip("torch")
    nn = torch.nn
    return nn.Sequential(nn.Conv2d(1, 64, 5, padding=2), nn.Tanh(),
                         nn.Conv2d(64, 32, 3, padding=1), nn.Tanh(),
                         nn.Conv2d(32, 9, 3, padding=1), nn.PixelShuffle(3))


@pytest.mark.parametrize("text, module, output", [
    (UNET, _unet_module, (2, 64, 64)),
    (FPN, _fpn_module, (24, 32, 32)),
    (ESPCN, _espcn_module, (1, 120, 90)),
], ids=["unet", "fpn", "espcn"])
def test_small_network_against_torch(text, module, output):
    torch = pytest.importorskip("torch")
    from cnnstat.torch import build

    s = spec(text)
    a = analyze(s)
    params, macs, out = torch_figures(module(), s.input)
    assert (a.totals.params, a.totals.macs, a.output, out) == (params, macs, output, output)
    built = build(s, device="cpu")  # cnnstat's own module of the spec, run for real
    assert sum(p.numel() for p in built.parameters()) == params
    with torch.no_grad():
        y = built(torch.zeros(2, *s.input))
    y = y[0] if isinstance(y, tuple) else y
    assert tuple(y.shape) == (2, *output)


def test_fpn_extra_outputs_are_returned():
    torch = pytest.importorskip("torch")
    from cnnstat.torch import build

    model = build(spec(FPN), device="cpu")
    with torch.no_grad():
        outs = model(torch.zeros(1, 3, 64, 64))
    # the main output (P2) first, then the inference heads in spec order (P4, P3)
    assert [tuple(o.shape[1:]) for o in outs] == [(24, 32, 32), (24, 8, 8), (24, 16, 16)]


# --------------------------------------------------------------------------- the language

def test_from_and_join_resolve_outwards_from_the_scope():
    s = spec("""
input: [4, 8, 8]
blocks:
  b:
    args: {}
    layers:
      - conv: {name: a, out: 4, kernel: 1}
      - conv: {name: c, out: 4, kernel: 1, from: top}
      - join: {name: j, merge: add, from: [a, c, input]}
layers:
  - conv: {name: top, out: 4, kernel: 3, padding: 1}
  - b: {name: blk}
""")
    rows = {r.name: r for r in analyze(s).rows}
    assert rows["blk.j"].inputs == [(4, 8, 8)] * 3
    assert rows["blk.j"].ops == 2 * 4 * 8 * 8


@pytest.mark.parametrize("body, message", [
    ("  - conv: {out: 4, kernel: 1, from: later}\n  - conv: {name: later, out: 4, kernel: 1}",
     "'later' names no layer or scope before this one"),
    ("  - join: {merge: add, from: [conv1]}", "join 'from' must list two or more"),
    ("  - join: {merge: sum, from: [a, b]}", "join 'merge' must be one of"),
    ("  - conv: {name: input, out: 4, kernel: 1}", "the name 'input' is the network's input"),
    ("  - conv_transpose: {out: 4, kernel: 3, stride: 2, output_padding: 2}",
     "output_padding 2 must be smaller than the stride 2 or the dilation 1"),
    ("  - crop: {size: 9}", "crop to 9x9 is larger than its input 8x8"),
    ("  - upsample: {mode: bilinear}", "upsample takes exactly one of scale, size, like"),
    ("  - upsample: {scale: 2, align_corners: true}", "align_corners goes with mode bilinear"),
    ("  - pixel_shuffle: {factor: 3}", "needs channels divisible by 9, not 4"),
    ("  - upsample: {like: nowhere}", "'nowhere' names no layer or scope"),
])
def test_bad_named_inputs_and_kinds_are_located_errors(body, message, tmp_path, cli):
    path = write_spec(tmp_path, f"input: [4, 8, 8]\nlayers:\n{body}\n")
    code, _, err = cli("params", str(path))
    assert code == 2
    assert message in err and f"{path}:" in err


def test_block_argument_defaults_may_be_expressions():
    s = spec("""
input: [3, 32, 32]
blocks:
  cbr:
    args: {out: required, kernel: 3, padding: $kernel // 2, mid: 2 * $out}
    layers:
      - conv: {name: c1, out: $mid, kernel: $kernel, padding: $padding}
      - conv: {name: c2, out: $out, kernel: 1}
layers:
  - cbr: {out: 8}
  - cbr: {out: 4, kernel: 5}
  - cbr: {out: 4, kernel: 1, padding: 0}
""")
    rows = {r.name: r for r in analyze(s).rows}
    assert rows["cbr1.c1"].kind.padding == (1, 1) and rows["cbr1.c1"].output == (16, 32, 32)
    assert rows["cbr2.c1"].kind.padding == (2, 2) and rows["cbr2.c1"].output == (8, 32, 32)
    assert rows["cbr3.c1"].kind.padding == (0, 0)


def test_a_default_may_use_only_the_arguments_before_it(tmp_path, cli):
    path = write_spec(tmp_path, """input: [3, 8, 8]
blocks:
  b:
    args: {padding: $kernel // 2, kernel: 3}
    layers: [{conv: {out: 4, kernel: $kernel, padding: $padding}}]
layers:
  - b
""")
    code, _, err = cli("params", str(path))
    assert code == 2
    assert "argument 'padding': its default '$kernel // 2'" in err
    assert "declared before it" in err and ":4" in err


def test_importer_maps_the_dense_modules(tmp_path):
    pytest.importorskip("torch")
    from cnnstat.torch.importer import import_target

    model = tmp_path / "dense_model.py"
    model.write_text("""
from torch import nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, padding=1)
        self.up = nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1, output_padding=0)
        self.i = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)
        self.n = nn.UpsamplingNearest2d(size=(40, 40))
        self.ps = nn.PixelShuffle(2)
        self.pu = nn.PixelUnshuffle(4)

    def forward(self, x):
        return self.pu(self.ps(self.n(self.i(self.up(self.a(x))))))
""", encoding="utf-8")
    s = import_target(f"{model}:Net", input=(3, 8, 8))
    rows = {r.name: r for r in analyze(s).rows}
    assert [rows[n].type for n in ("a", "up", "i", "n", "ps", "pu")] == [
        "conv", "conv_transpose", "upsample", "upsample", "pixel_shuffle", "pixel_unshuffle"]
    assert rows["up"].output == (4, 16, 16) and rows["i"].output == (4, 32, 32)
    assert rows["n"].output == (4, 40, 40) and analyze(s).output == (16, 20, 20)


RES2NET = """
input: [16, 12, 12]
layers:
  - conv: {name: reduce, out: 32, kernel: 1, bias: false}
  - split: {name: x1, part: 0, parts: 4, from: reduce}
  - split: {name: x2, part: 1, parts: 4, from: reduce}
  - conv: {name: y2, out: 8, kernel: 3, padding: 1, bias: false}
  - split: {name: x3, part: 2, parts: 4, from: reduce}
  - join: {name: s3, merge: add, from: [x3, y2]}
  - conv: {name: y3, out: 8, kernel: 3, padding: 1, bias: false}
  - split: {name: x4, part: 3, parts: 4, from: reduce}
  - join: {name: s4, merge: add, from: [x4, y3]}
  - conv: {name: y4, out: 8, kernel: 3, padding: 1, bias: false}
  - join: {name: cat, merge: concat, from: [x1, y2, y3, y4]}
  - conv: {name: expand, out: 16, kernel: 1, bias: false}
"""


def test_res2net_hierarchical_concat_against_torch():
    # Gao et al., Res2Net (TPAMI 2019), Fig. 2: x1 passes, y2 = K2(x2), y_i = K_i(x_i +
    # y_(i-1)); not a nest of residuals and parallels, so every tap is named
    torch = pytest.importorskip("torch")
    nn = torch.nn

    class Res2(nn.Module):
        def __init__(self):
            super().__init__()
            self.reduce = nn.Conv2d(16, 32, 1, bias=False)
            self.k = nn.ModuleList(nn.Conv2d(8, 8, 3, padding=1, bias=False) for _ in range(3))
            self.expand = nn.Conv2d(32, 16, 1, bias=False)

        def forward(self, x):
            x1, x2, x3, x4 = self.reduce(x).chunk(4, 1)
            y2 = self.k[0](x2)
            y3 = self.k[1](x3 + y2)
            y4 = self.k[2](x4 + y3)
            return self.expand(torch.cat([x1, y2, y3, y4], 1))

    s = spec(RES2NET)
    a = analyze(s)
    assert (a.totals.params, a.totals.macs, a.output) == torch_figures(Res2(), s.input)
    assert {r.name: r for r in a.rows}["s4"].ops == 8 * 12 * 12  # one add per element
