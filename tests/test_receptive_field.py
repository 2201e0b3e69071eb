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
