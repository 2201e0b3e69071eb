"""Receptive fields checked by a second, independent method: the gradient footprint.

For each network the test builds its own small PyTorch model with the same geometry as
the paper (kernels, strides, paddings; channel widths shrunk, which cannot change a
receptive field), with positive weights, ReLU, and average pools in place of max pools
(max pooling routes the gradient to one input only, which would shrink the footprint).
The footprint of one centre output pixel is the span of input pixels with a non-zero
gradient; it must equal the receptive field the layer algebra computes from the spec.
"""

import pytest

torch = pytest.importorskip("torch")
nn = torch.nn

import cnnstat  # noqa: E402
import cnnstat.models.zoo  # noqa: E402
from cnnstat.analysis import analyze  # noqa: E402


def footprint(model: "nn.Module", size: int, in_ch: int = 1) -> int:
    x = torch.ones(1, in_ch, size, size, requires_grad=True)
    y = model(x)
    h, w = y.shape[-2:]
    y[0, :, h // 2, w // 2].sum().backward()
    rows = x.grad[0].abs().sum(0).sum(1).nonzero().flatten()
    assert rows.min() > 0 and rows.max() < size - 1, "footprint clipped: use a larger input"
    return int(rows.max() - rows.min() + 1)


def positive(model: "nn.Module") -> "nn.Module":
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                m.weight.fill_(1.0 / m.weight[0].numel())
                if m.bias is not None:
                    m.bias.zero_()
    return model.eval()


def conv(cin, cout, k, s=1, p=0):
    return nn.Conv2d(cin, cout, k, s, p)


def vgg16_features():
    """VGG-16 configuration D (paper Table 1): 3x3/1 pad 1 convs, 2x2/2 pools."""
    layers, c = [], 1
    for n_convs, width in ((2, 2), (2, 4), (3, 8), (3, 8), (3, 8)):
        for _ in range(n_convs):
            layers += [conv(c, width, 3, 1, 1), nn.ReLU()]
            c = width
        layers.append(nn.AvgPool2d(2, 2))
    return positive(nn.Sequential(*layers))


class Bottleneck(nn.Module):
    """ResNet v1 bottleneck (paper Fig. 5): stride in the first 1x1; projection shortcut."""

    def __init__(self, cin, width, stride):
        super().__init__()
        self.body = nn.Sequential(conv(cin, width, 1, stride), nn.ReLU(),
                                  conv(width, width, 3, 1, 1), nn.ReLU(),
                                  conv(width, 4 * width, 1))
        self.short = (conv(cin, 4 * width, 1, stride)
                      if stride != 1 or cin != 4 * width else nn.Identity())

    def forward(self, x):
        return torch.relu(self.body(x) + self.short(x))


def resnet50_stages():
    stem = nn.Sequential(conv(1, 2, 7, 2, 3), nn.ReLU(), nn.AvgPool2d(3, 2, 1))
    stages, c = [], 2
    for n, width, stride in ((3, 1, 1), (4, 2, 2), (6, 4, 2), (3, 8, 2)):
        blocks = []
        for i in range(n):
            blocks.append(Bottleneck(c, width, stride if i == 0 else 1))
            c = 4 * width
        stages.append(nn.Sequential(*blocks))
    return stem, stages


def rows_by_name(name):
    return {r.name: r for r in analyze(cnnstat.load(name)).rows}


def test_vgg16_receptive_field():
    rows = rows_by_name("vgg16")
    features = vgg16_features()
    # after the last conv (index 28 in the sequential: 13 conv+relu pairs and 4 pools)
    assert rows["stage5.conv3"].rf == (footprint(features[:29], 320),) * 2
    assert rows["stage5.pool1"].rf == (footprint(features, 320),) * 2
    assert rows["stage5.pool1"].rf == (212, 212)  # widely tabulated value for VGG-16


def test_resnet50_receptive_field():
    rows = rows_by_name("resnet50")
    stem, stages = resnet50_stages()
    model = positive(nn.Sequential(stem, *stages))
    ends = {1: "layer1.2.relu3", 2: "layer2.3.relu3", 3: "layer3.5.relu3", 4: "layer4.2.relu3"}
    for i, name in ends.items():
        prefix = model[: i + 1]
        assert rows[name].rf == (footprint(prefix, 672),) * 2, name


# ---------------------------------------------------------------- global context (gates)
#
# Hand derivation of the last conv's field (rf + (k - 1) * jump, jump * stride), ResNet-50
# v1 (spec resnet50, stride in each stage's first 1x1, as SE-ResNet-50's spec):
#   conv1 7x7/2: rf 7, jump 2;  maxpool 3x3/2: 7 + 2*2 = 11, jump 4
#   layer1, three 3x3/1 at jump 4: 11 + 3*8 = 35
#   layer2: 1x1/2 (jump 8), then four 3x3 at jump 8: 35 + 4*16 = 99
#   layer3: 1x1/2 (jump 16), six 3x3: 99 + 6*32 = 291
#   layer4: 1x1/2 (jump 32), three 3x3: 291 + 3*64 = 483, jump 32
# torchvision's layout (resnet50-tv, stride in the 3x3): the strided 3x3 adds 2 x the
# stage's input jump: layer1 35; layer2 35 + 8 + 3*16 = 91; layer3 91 + 16 + 5*32 = 267;
# layer4 267 + 32 + 2*64 = 427, jump 32.
# The SE gate (global pool -> two 1x1 convs -> sigmoid, times the map) must change none
# of it: before the fix it leaked the pool's jump into the map, 6.5e22 at the last layer.

def test_se_gate_does_not_move_the_field_or_the_jump():
    se, plain, tv = rows_by_name("se-resnet50"), rows_by_name("resnet50"), \
        rows_by_name("resnet50-tv")
    for rows in (se, plain):
        assert rows["layer4.2.conv3"].rf == (483, 483)
        assert rows["layer4.2.conv3"].jump == (32, 32)
        assert rows["layer4.2.relu3"].rf == (483, 483)
    assert tv["layer4.2.conv3"].rf == (427, 427) and tv["layer4.2.conv3"].jump == (32, 32)
    # the gated network says that its values also depend on the whole input
    assert se["layer1.0.se.mul1"].is_global and se["layer4.2.conv3"].is_global
    assert not se["layer1.0.bn3"].is_global
    assert not plain["layer4.2.conv3"].is_global
    assert plain["avgpool"].is_global  # global pooling is global context too


def test_no_bundled_field_is_astronomical():
    """Before the fix, 24 bundled specs with gates had fields up to 1e93 pixels. A local
    field grows by at most (k - 1) x jump per layer; none of the bundled networks' last
    spatial layers sees more than 6,000 pixels (ResNet-1202 at 32 x 32: 5,597)."""
    for name in cnnstat.models.zoo.bundled_names():
        rows = analyze(cnnstat.load(name)).rows
        spatial = [r for r in rows if len(r.output) == 3 and r.output[1:] != (1, 1)]
        assert max(r.rf[0] for r in spatial) < 6000, name
        assert max(r.jump[0] for r in spatial) <= 64, name


def test_verify_measures_se_resnet50_fields():
    """The empirical check (cnnstat.torch.fieldcheck: gradient footprints on torch) agrees
    with the analysis on SE-ResNet-50, and would have caught the leak: with the old merge
    rule (a gate's jump taken like a map's) it reports the stage ends' fields."""
    from cnnstat.layers import Merge, Mul
    from cnnstat.torch.fieldcheck import check_fields

    spec = cnnstat.load("se-resnet50")
    assert check_fields(spec) == []
    old = Mul.field
    try:
        Mul.field = Merge.field
        diffs = check_fields(spec)
    finally:
        Mul.field = old
    assert {d.quantity for d in diffs} >= {"rf (height)", "jump (height)"}
    # the measured figures are the hand-derived ones (layer2's end: 99, jump 8)
    measured = {(d.layer, d.quantity): d.measured for d in diffs}
    assert measured[("layer2.3.relu3", "rf (height)")] == 99
    assert measured[("layer2.3.relu3", "jump (height)")] == 8
