"""More forms of real code imported exact, each against torch itself (``numel`` of the
module's parameters and buffers, and ``FlopCounterMode`` FLOPs / 2 over one forward on
the meta device): HRNet's multi-resolution fusion (a scope written twice, read by name
after it was renamed), and the refusals that stay refusals. Written here in our own
words; no torchvision or timm needed."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from cnnstat.analysis import analyze  # noqa: E402
from cnnstat.errors import SpecError  # noqa: E402
from cnnstat.torch.importer import from_torch  # noqa: E402
from test_import_everyday import assert_exact, torch_counts  # noqa: E402,F401


def conv_bn(cin, cout, k=3, s=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, k // 2, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU())


# --------------------------------------------------------------------------- HRNet

class Exchange(nn.Module):
    """Two resolutions (8 channels at full size, 16 at half), each through its own
    branch, then fused as HRNet does: output i is the sum over j of fuse_layers[i][j]
    applied to branch j (identity, a 1x1 conv and upsample, or a strided 3x3 conv)."""

    def __init__(self):
        super().__init__()
        self.branches = nn.ModuleList([conv_bn(8, 8), conv_bn(16, 16)])
        self.fuse_layers = nn.ModuleList([
            nn.ModuleList([nn.Identity(), nn.Sequential(
                nn.Conv2d(16, 8, 1, bias=False), nn.BatchNorm2d(8),
                nn.Upsample(scale_factor=2))]),
            nn.ModuleList([nn.Sequential(nn.Conv2d(8, 16, 3, 2, 1, bias=False),
                                         nn.BatchNorm2d(16)), nn.Identity()])])
        self.fuse_act = nn.ReLU()

    def forward(self, xs):
        xs = [b(x) for b, x in zip(self.branches, xs)]
        out = []
        for fuse in self.fuse_layers:
            y = fuse[0](xs[0])
            for j in range(1, len(xs)):
                y = y + fuse[j](xs[j])
            out.append(self.fuse_act(y))
        return out


class TinyHRNet(nn.Module):
    def __init__(self, stages=2):
        super().__init__()
        self.stem = conv_bn(3, 8)
        self.transition = nn.ModuleList([nn.Identity(), conv_bn(8, 16, s=2)])
        self.stages = nn.ModuleList([Exchange() for _ in range(stages)])
        self.head = nn.Sequential(nn.Conv2d(16, 8, 1), nn.Upsample(scale_factor=2))

    def forward(self, x):
        x = self.stem(x)
        xs = [t(x) for t in self.transition]
        for stage in self.stages:
            xs = stage(xs)
        return xs[0] + self.head(xs[1])


@pytest.mark.parametrize("stages", [1, 2, 3])
def test_hrnet_fusion_reads_renamed_scopes_by_their_new_names(stages):
    # each fusion output reads layers of a `fuse_layers` scope that the writer must
    # write a second time (as fuse_layers_2): its named inputs follow the new name
    assert_exact(TinyHRNet(stages))


# --------------------------------------------------------------------------- scalars

import torch.nn.functional as F  # noqa: E402


class ScaledResidual(nn.Module):
    """Inception-ResNet's block: the branch times a constant, plus the input."""

    def __init__(self, c=8, scale=0.17):
        super().__init__()
        self.stem = conv_bn(3, c)
        self.branch = conv_bn(c, c)
        self.scale = scale

    def forward(self, x):
        x = self.stem(x)
        return F.relu(self.branch(x) * self.scale + x)


class HandHardswish(nn.Module):
    """hardswish written out: x * relu6(x + 3) / 6, then 1 - x and x - 0.5 / 2."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        x = x * F.relu6(x + 3.0) / 6.0
        return (1 - x) - 0.5 / 2


class HandHardswishUntraceable(HandHardswish):
    """The same, with a forward torch.fx cannot trace (it tests a size): the importer
    runs the model under hooks, where ``1 - x`` is ``Tensor.__rsub__``."""

    def forward(self, x):
        if x.shape[1] == 3:
            return super().forward(x)
        return x


class ZeroStart(nn.Module):
    """MobileOne's sum of branches, started from the number 0."""

    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(3, 8, 3, padding=1), nn.Conv2d(3, 8, 1)])

    def forward(self, x):
        out = 0
        for conv in self.convs:
            out = out + conv(x)
        return out + 0


class Affine(nn.Module):
    """HGNetV2's learnable affine block: a learned scalar factor and shift."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.tensor([1.0]))
        self.bias = nn.Parameter(torch.tensor([0.0]))

    def forward(self, x):
        return self.scale * x + self.bias


class AffineNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.lab = Affine()
        self.head = nn.Linear(8, 4)

    def forward(self, x):
        x = self.lab(self.conv(x))
        return self.head(x.mean((2, 3)) / 2)


@pytest.mark.parametrize("model", [ScaledResidual, HandHardswish, HandHardswishUntraceable,
                                   ZeroStart, AffineNet],
                         ids=lambda m: m.__name__)
def test_scalar_arithmetic_imports_exact(model):
    assert_exact(model())


def _kinds(spec):
    return [(r.kind.name, r.kind.values) for r in analyze(spec).rows if r.kind is not None]


@pytest.mark.parametrize("model", [HandHardswish, HandHardswishUntraceable])
def test_scalar_arithmetic_is_read_as_scale_with_its_values(model):
    rows = _kinds(from_torch(model(), (3, 8, 8)))
    scales = [v for k, v in rows if k == "scale"]
    # x + 3, / 6, 1 - x, - 0.25 (0.5 / 2 is Python's, before torch sees it)
    assert [(v["factor"], v["shift"]) for v in scales] == [
        (1.0, 3.0), (1 / 6, 0.0), (-1.0, 1.0), (1.0, -0.25)]
    assert not any(k == "scale" for k, _ in _kinds(from_torch(ZeroStart(), (3, 8, 8))))
    learned = [v["learned"] for k, v in _kinds(from_torch(AffineNet(), (3, 8, 8)))
               if k == "scale"]
    assert learned == ["factor", "shift", "none"]  # / 2 on the pooled vector


def test_a_number_divided_by_a_map_is_refused_naming_the_op():
    class Reciprocal(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 4, 1)

        def forward(self, x):
            return 1 / self.conv(x)

    with pytest.raises(SpecError, match=r"truediv.*division of a number by a tensor"):
        from_torch(Reciprocal(), (3, 8, 8))


def test_scale_rules_by_hand():
    from cnnstat.layers import KINDS

    def effect(**args):
        return KINDS["scale"].make(args).apply((4, 5, 6))

    # 4 x 5 x 6 = 120 elements: one multiply each, one add each, or both
    assert effect(factor=0.17).ops == 120 and effect(factor=0.17).params == 0
    assert effect(shift=3.0).ops == 120
    assert effect(factor=-1.0, shift=1.0).ops == 240
    assert effect().ops == 0
    both = effect(learned="both")
    assert (both.params, both.ops, both.macs, both.output) == (2, 240, 0, (4, 5, 6))
    assert effect(learned="shift").params == 1


SCALES = """
input: [3, 10, 10]
layers:
  - conv: {out: 8, kernel: 3}
  - slice: {start: 1, stop: 6}
  - scale: {factor: 0.17}
  - scale: {factor: -1.0, shift: 1.0}
  - scale: {learned: factor}
  - scale: {shift: 3.0, learned: shift}
  - scale: {factor: 2.0, learned: both}
  - global_avgpool
  - flatten
  - linear: {out: 5}
"""


def test_a_spec_with_scales_and_a_slice_builds_runs_and_imports_back():
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml
    from cnnstat.torch.build import build

    s = parse_spec(load_yaml(SCALES, file="<test>"), file="<test>")
    a = analyze(s)
    # 4 learned scalars: one each, two in the last; the linear reads the 5 channels
    assert a.totals.params == (3 * 9 * 8 + 8) + 4 + (5 * 5 + 5)
    model = build(s, device="cpu")
    out = model(torch.ones(2, 3, 10, 10))
    assert out.shape == (2, 5)
    assert (a.totals.params, a.totals.buffers, a.totals.macs) == torch_counts(model, s.input)
    back = from_torch(build(s), s.input)
    assert [(k, v) for k, v in _kinds(back) if k in ("scale", "slice")] == [
        (r.kind.name, r.kind.values) for r in a.rows
        if r.kind is not None and r.kind.name in ("scale", "slice")]


# --------------------------------------------------------------------------- channel runs

class DualPath(nn.Module):
    """DPN's block as Chen et al. write it (NeurIPS 2017, Fig. 2e): the input is a
    residual path and a densely grown path; a 1x1 conv's output is cut at `res`
    channels, the first part added to the residual path and the rest concatenated to
    the dense one."""

    def __init__(self, res=16, dense_in=8, grow=4):
        super().__init__()
        self.res = res
        self.body = nn.Sequential(conv_bn(res + dense_in, 12, 1), conv_bn(12, 12, 3),
                                  nn.Conv2d(12, res + grow, 1, bias=False))

    def forward(self, x):
        resid, dense = x
        out = self.body(torch.cat([resid, dense], 1))
        return resid + out[:, :self.res], torch.cat([dense, out[:, self.res:]], 1)


class TinyDPN(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 24)
        self.blocks = nn.ModuleList([DualPath(16, 8), DualPath(16, 12)])
        self.head = nn.Conv2d(32, 10, 1)

    def forward(self, x):
        x = self.stem(x)
        x = torch.split(x, [16, 8], 1)  # unequal sizes
        for block in self.blocks:
            x = block(x)
        return self.head(torch.cat(x, 1))


class PartialResidual(nn.Module):
    """RexNet's block: a wider output whose first channels get the input added in place."""

    def __init__(self, cin=6, cout=10):
        super().__init__()
        self.cin = cin
        self.body = nn.Sequential(conv_bn(cin, 24, 1), conv_bn(24, cout, 3))

    def forward(self, x):
        out = self.body(x)
        out[:, 0:self.cin] += x
        return out


class TinyRexNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 6)
        self.a, self.b = PartialResidual(6, 10), PartialResidual(10, 13)
        self.mid = nn.ReLU()

    def forward(self, x):
        return self.b(self.mid(self.a(self.stem(x))))


class MiddleSlice(nn.Module):
    """x[:, 2:5] = y: a run of channels in the middle replaced, and chunk(3) of 10."""

    def __init__(self):
        super().__init__()
        self.a, self.b = nn.Conv2d(3, 10, 1), nn.Conv2d(10, 3, 1)

    def forward(self, x):
        x = self.a(x)
        x[:, 2:5] = self.b(x)
        p, q, r = x.chunk(3, 1)  # 4, 4, 2 channels
        return torch.cat([r, p * 2, q], 1)


@pytest.mark.parametrize("model", [TinyDPN, TinyRexNet, MiddleSlice], ids=lambda m: m.__name__)
def test_runs_of_channels_import_exact(model):
    assert_exact(model())


def test_an_in_place_add_into_channels_is_kept():
    # out[:, :cin] += x adds (one op per element of the slice) and concatenates: the
    # add is in the spec, not lost in the in-place write
    a = analyze(from_torch(TinyRexNet(), (3, 8, 8)))
    assert [r.type for r in a.rows if r.type in ("slice", "add", "concat")] == [
        "slice", "add", "slice", "concat"] * 2
    assert a.output == (13, 8, 8)
    adds = [r.ops for r in a.rows if r.type == "add"]
    assert adds == [6 * 8 * 8, 10 * 8 * 8]


# --------------------------------------------------------------------------- padding

class PadStem(nn.Module):
    """HGNetV2's stem: one zero pad read by a conv and by a max pool."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 8, s=2)
        self.conv = nn.Conv2d(8, 8, 2)
        self.pool = nn.MaxPool2d(2, 1, ceil_mode=True)

    def forward(self, x):
        x = F.pad(self.stem(x), (0, 1, 0, 1))
        return torch.cat([self.conv(x), self.pool(x)], 1)


class ReflectNet(nn.Module):
    """A style-transfer network's reflection pads, as a module and as F.pad."""

    def __init__(self):
        super().__init__()
        self.pad = nn.ReflectionPad2d((1, 2, 3, 4))
        self.conv = nn.Conv2d(3, 4, 3)
        self.edge = nn.ReplicationPad2d(1)

    def forward(self, x):
        x = self.conv(self.pad(x))
        return self.edge(F.pad(x, (2, 2, 2, 2), mode="reflect"))


@pytest.mark.parametrize("model", [PadStem, ReflectNet], ids=lambda m: m.__name__)
def test_pads_outside_a_conv_import_exact(model):
    assert_exact(model())


def test_pad_sizes_by_hand_and_a_conv_still_folds_a_zero_pad():
    a = analyze(from_torch(PadStem(), (3, 32, 32)))
    rows = {r.name.rpartition(".")[2]: r for r in a.rows}  # in parallel branches
    # the stem halves 32 to 16; the pad adds a row and a column: 17; the 2x2 conv and
    # the 2x2 stride-1 pool (ceil mode) both give 16 again
    assert [r.output for r in a.rows if r.type == "pad"] == [(8, 17, 17)]
    assert rows["conv"].kind.padding == (0, 1, 0, 1) and rows["conv"].output == (8, 16, 16)
    assert rows["pool"].output == (8, 16, 16) and rows["pool"].inputs == [(8, 17, 17)]
    b = analyze(from_torch(ReflectNet(), (3, 10, 10)))
    # 10 + 3 + 4 = 17 rows, 10 + 1 + 2 = 13 columns; the 3x3 conv: 15 x 11; + 4 each: 19
    # x 15; replicate 1: 21 x 17
    assert [(r.type, r.output) for r in b.rows] == [
        ("pad", (3, 17, 13)), ("conv", (4, 15, 11)), ("pad", (4, 19, 15)),
        ("pad", (4, 21, 17))]


def test_a_pad_with_a_value_is_refused_naming_the_op():
    class Ones(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 4, 1)

        def forward(self, x):
            return F.pad(self.conv(x), (1, 1, 1, 1), value=1.0).relu()

    with pytest.raises(SpecError, match=r"torch.nn.functional.pad in the top-level "
                                        r"forward: a pad with mode='constant', value=1.0"):
        from_torch(Ones(), (3, 8, 8))


PADS = """
input: [3, 9, 9]
layers:
  - pad: {padding: [0, 1, 2, 3]}
  - conv: {out: 4, kernel: 3}
  - pad: {padding: 2, mode: reflect}
  - pad: {padding: [1, 2], mode: replicate}
  - pad: {padding: 1, mode: circular}
"""


def test_a_spec_with_pads_builds_and_runs_to_its_sizes():
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml
    from cnnstat.torch.build import build

    s = parse_spec(load_yaml(PADS, file="<test>"), file="<test>")
    # 9 + 0 + 1 = 10 rows, 9 + 2 + 3 = 14 columns; conv 3x3: 8 x 12; +4: 12 x 16;
    # +2, +4: 14 x 20; +2: 16 x 22
    assert analyze(s).output == (4, 16, 22)
    out = build(s, device="cpu")(torch.ones(1, 3, 9, 9))
    assert tuple(out.shape[1:]) == (4, 16, 22)
    back = from_torch(build(s), s.input)
    assert [r.kind.values for r in analyze(back).rows if r.type == "pad"] == [
        r.kind.values for r in analyze(s).rows if r.type == "pad"]


# --------------------------------------------------------------------------- space to depth

class SpaceToDepthStem(nn.Module):
    """TResNet's stem: space-to-depth by 4 written with view, permute and view, in
    TensorFlow's order (block offset first), or in torch's (channel first)."""

    def __init__(self, tf_order=True):
        super().__init__()
        self.perm = (0, 3, 5, 1, 2, 4) if tf_order else (0, 1, 3, 5, 2, 4)
        self.conv = nn.Conv2d(48, 8, 3, padding=1)

    def forward(self, x):
        n, c, h, w = x.size()
        x = x.view(n, c, h // 4, 4, w // 4, 4).permute(*self.perm).contiguous()
        return self.conv(x.view(n, c * 16, h // 4, w // 4))


@pytest.mark.parametrize("tf_order", [True, False])
def test_space_to_depth_written_out_is_a_pixel_unshuffle(tf_order):
    spec = assert_exact(SpaceToDepthStem(tf_order))
    rows = analyze(spec).rows
    assert rows[0].type == "pixel_unshuffle" and rows[0].output == (48, 16, 16)  # 64 / 4
    assert rows[0].kind.values == {"factor": 4, "order": "blocks" if tf_order else "channels"}


def test_the_two_orders_are_the_two_layouts():
    # cnnstat's torch build of each order against nn.PixelUnshuffle and a hand-written
    # TensorFlow space_to_depth on a counting tensor (real values, on the CPU)
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml
    from cnnstat.torch.build import build

    x = torch.arange(2 * 4 * 4, dtype=torch.float32).view(1, 2, 4, 4)
    tf = torch.stack([x[0, c, i::2, j::2] for i in range(2) for j in range(2)
                      for c in range(2)])[None]
    for order, want in (("channels", nn.PixelUnshuffle(2)(x)), ("blocks", tf)):
        s = parse_spec(load_yaml(f"input: [2, 4, 4]\nlayers:\n  - pixel_unshuffle: "
                                 f"{{factor: 2, order: {order}}}\n", file="<t>"), file="<t>")
        assert torch.equal(build(s, device="cpu")(x), want)


# --------------------------------------------------------------------------- ECA

class ECAView(nn.Module):
    """ECA as timm writes it: mean, .view(b, 1, -1), Conv1d(1, 1, k), sigmoid,
    .view(b, -1, 1, 1), times the map."""

    def __init__(self, k=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k, padding=(k - 1) // 2, bias=False)

    def forward(self, x):
        y = x.mean((2, 3)).view(x.shape[0], 1, -1)
        y = torch.sigmoid(self.conv(y)).view(x.shape[0], -1, 1, 1)
        return x * y.expand_as(x)


class ECAPaper(nn.Module):
    """ECA as the authors' code writes it (Wang et al., CVPR 2020): pool to 1x1,
    squeeze(-1).transpose(-1, -2), conv, transpose back, unsqueeze(-1)."""

    def __init__(self, k=5):
        super().__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.conv = nn.Conv1d(1, 1, k, padding=(k - 1) // 2, bias=False)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        y = self.avg_pool(x)
        y = self.conv(y.squeeze(-1).transpose(-1, -2)).transpose(-1, -2).unsqueeze(-1)
        return x * self.sigmoid(y).expand_as(x)


class ECANet(nn.Module):
    def __init__(self, eca):
        super().__init__()
        self.a, self.b = conv_bn(3, 16), conv_bn(16, 24, s=2)
        self.eca1, self.eca2 = eca(3), eca(5)

    def forward(self, x):
        return self.eca2(self.b(self.eca1(self.a(x))))


@pytest.mark.parametrize("eca", [ECAView, ECAPaper], ids=lambda m: m.__name__)
def test_eca_imports_exact_as_a_channel_conv(eca):
    spec = assert_exact(ECANet(eca))
    rows = [r for r in analyze(spec).rows if r.type == "channel_conv"]
    # k weights each; k multiply-adds for each of the C pooled values: 3 x 16, 5 x 24
    assert [(r.params, r.macs, r.output) for r in rows] == [
        (3, 48, (16, 1, 1)), (5, 120, (24, 1, 1))]


def test_a_conv1d_of_another_shape_is_refused_naming_it():
    class Wide(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv1d(1, 2, 3, padding=1)

        def forward(self, x):
            return self.conv(x.mean((2, 3)).view(x.shape[0], 1, -1))

    with pytest.raises(SpecError, match=r"module 'conv' \(Conv1d\): a Conv1d other than one "
                                        r"across a pooled map's channels"):
        from_torch(Wide(), (3, 8, 8))


def test_a_spec_with_a_channel_conv_builds_and_imports_back():
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml
    from cnnstat.torch.build import build

    s = parse_spec(load_yaml("""
input: [3, 8, 8]
layers:
  - conv: {out: 12, kernel: 3, padding: 1}
  - gate:
      layers:
        - global_avgpool
        - channel_conv: {kernel: 5}
        - sigmoid
  - channel_conv: {kernel: 3}
""", file="<t>"), file="<t>")
    a = analyze(s)
    # 5 + 3 weights; MACs 5 x 12 on the pooled map, 3 x 12 x 8 x 8 on the map
    assert [(r.params, r.macs) for r in a.rows if r.type == "channel_conv"] == [
        (5, 60), (3, 3 * 12 * 64)]
    model = build(s, device="cpu")
    assert model(torch.ones(2, 3, 8, 8)).shape == (2, 12, 8, 8)
    assert (a.totals.params, a.totals.buffers, a.totals.macs) == torch_counts(model, s.input)
    back = analyze(from_torch(build(s), s.input))
    assert [r.kind.values for r in back.rows if r.type == "channel_conv"] == [
        {"kernel": 5}, {"kernel": 3}]


# --------------------------------------------------------------------------- fixed filters

class BlurPool(nn.Module):
    """Anti-aliased downsampling (Zhang, ICML 2019), as TResNet uses it: a fixed 3x3
    binomial filter, a buffer, per channel after a reflection pad, stride 2."""

    def __init__(self, c):
        super().__init__()
        a = torch.tensor([1.0, 2.0, 1.0])
        self.register_buffer("filt", (a[:, None] * a[None, :] / 16).repeat(c, 1, 1, 1))

    def forward(self, x):
        return F.conv2d(F.pad(x, (1, 1, 1, 1), mode="reflect"), self.filt, stride=2,
                        groups=x.shape[1])


class BlurNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.blur, self.b = conv_bn(3, 8), BlurPool(8), conv_bn(8, 16)

    def forward(self, x):
        return self.b(self.blur(self.a(x)))


def test_a_fixed_filter_is_a_conv_whose_weight_is_a_buffer():
    spec = assert_exact(BlurNet())
    blur = [r for r in analyze(spec).rows if r.type == "conv" and r.kind.fixed]
    # 8 channels x 3 x 3 taps, a buffer, not a parameter; 64 -> 32 with the pad
    assert [(r.params, r.buffers, r.output) for r in blur] == [(0, 72, (8, 32, 32))]


def test_a_spec_with_a_fixed_conv_builds_with_a_buffer_weight():
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml
    from cnnstat.torch.build import build

    s = parse_spec(load_yaml("""
input: [4, 8, 8]
layers:
  - conv: {out: 4, kernel: 3, stride: 2, padding: 1, groups: in, bias: false, fixed: true}
  - conv: {out: 6, kernel: 1}
""", file="<t>"), file="<t>")
    a = analyze(s)
    assert (a.totals.params, a.totals.buffers) == (4 * 6 + 6, 4 * 9)
    model = build(s, device="cpu")
    assert model(torch.ones(1, 4, 8, 8)).shape == (1, 6, 4, 4)
    assert (a.totals.params, a.totals.buffers, a.totals.macs) == torch_counts(model, s.input)
    back = analyze(from_torch(build(s), s.input))
    assert [r.kind.fixed for r in back.rows] == [True, False]
