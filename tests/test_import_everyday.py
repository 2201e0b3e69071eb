"""Everyday hand-written models imported exact: params, buffers and MACs of the imported
spec against torch itself (``numel`` of the module's parameters and buffers, and
``torch.utils.flop_counter.FlopCounterMode`` FLOPs / 2 over one forward on the meta
device), never against cnnstat's own numbers. Written here the way people write them
(SE blocks with ``.view``, ``expand_as`` and ``[:, :, None, None]``, a YOLO-style C3, a
BatchNorm subclass with its own forward); no torchvision or timm needed."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.utils.flop_counter import FlopCounterMode  # noqa: E402

from cnnstat.analysis import analyze  # noqa: E402
from cnnstat.errors import SpecError  # noqa: E402
from cnnstat.torch.importer import from_torch  # noqa: E402


def torch_counts(model: nn.Module, shape) -> tuple[int, int, int]:
    model = model.to("meta").eval()
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model(torch.empty(1, *shape, device="meta"))
    return (sum(p.numel() for p in model.parameters()),
            sum(b.numel() for b in model.buffers()), counter.get_total_flops() // 2)


def assert_exact(model: nn.Module, shape=(3, 64, 64)):
    spec = from_torch(model, shape)
    a = analyze(spec)
    assert (a.totals.params, a.totals.buffers, a.totals.macs) == torch_counts(model, shape)
    return spec


def conv_bn(cin, cout, k=1, s=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, k // 2, bias=False), nn.BatchNorm2d(cout),
                         nn.SiLU())


# --------------------------------------------------------------------------- SE blocks

class SEView(nn.Module):
    """The SENet authors' form: pool, .view(b, c), Linear, ReLU, Linear, Sigmoid,
    .view(b, c, 1, 1), x * y.expand_as(x)."""

    def __init__(self, c, r=4):
        super().__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Linear(c, c // r, bias=False), nn.ReLU(inplace=True),
                                nn.Linear(c // r, c, bias=False), nn.Sigmoid())

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.avg_pool(x).view(b, c)
        y = self.fc(y).view(b, c, 1, 1)
        return x * y.expand_as(x)


class SEIndex(nn.Module):
    """mean over H and W, linears with bias, s[:, :, None, None]."""

    def __init__(self, c, r=4):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(c, c // r), nn.Linear(c // r, c)

    def forward(self, x):
        s = x.mean((2, 3))
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(s))))
        return x * s[:, :, None, None]


class SEReshape(nn.Module):
    """flatten(1), reshape(b, c, 1, 1), no expand: the multiply broadcasts."""

    def __init__(self, c, r=4):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(c, c // r), nn.Linear(c // r, c)

    def forward(self, x):
        b, c = x.shape[:2]
        s = F.adaptive_avg_pool2d(x, 1).flatten(1)
        s = self.fc2(F.silu(self.fc1(s))).sigmoid()
        return x * s.reshape(b, c, 1, 1)


class SEUnsqueeze(nn.Module):
    """view(b, c), then unsqueeze(-1).unsqueeze(-1)."""

    def __init__(self, c, r=4):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc1, self.fc2 = nn.Linear(c, c // r), nn.Linear(c // r, c)

    def forward(self, x):
        s = self.pool(x).view(x.size(0), -1)
        s = torch.sigmoid(self.fc2(torch.relu(self.fc1(s))))
        return x * s.unsqueeze(-1).unsqueeze(-1)


class SENet(nn.Module):
    def __init__(self, se):
        super().__init__()
        self.stem = conv_bn(3, 32, 3, 2)
        self.se1 = se(32)
        self.conv = conv_bn(32, 64, 3, 2)
        self.se2 = se(64)
        self.head = nn.Linear(64, 10)

    def forward(self, x):
        x = self.se2(self.conv(self.se1(self.stem(x))))
        return self.head(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


@pytest.mark.parametrize("se", [SEView, SEIndex, SEReshape, SEUnsqueeze])
def test_se_blocks_hand_written(se):
    spec = assert_exact(SENet(se))
    assert "- gate:" in spec.source  # the gate multiplies the map: an SE, not a chain


def test_a_vector_used_as_vector_and_map_is_refused():
    class Both(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv, self.fc, self.head = nn.Conv2d(3, 8, 3), nn.Linear(8, 8), nn.Linear(8, 2)

        def forward(self, x):
            x = self.conv(x)
            v = self.fc(x.mean((2, 3)))
            return self.head(v), x * v.view(-1, 8, 1, 1)

    with pytest.raises(SpecError, match="vector"):
        from_torch(Both(), (3, 16, 16))


# --------------------------------------------------------------------------- YOLO C3

class Bottleneck(nn.Module):
    def __init__(self, c, shortcut=True):
        super().__init__()
        self.cv1, self.cv2 = conv_bn(c, c, 1), conv_bn(c, c, 3)
        self.add = shortcut

    def forward(self, x):
        return x + self.cv2(self.cv1(x)) if self.add else self.cv2(self.cv1(x))


class C3(nn.Module):
    def __init__(self, c1, c2, n=1):
        super().__init__()
        c_ = c2 // 2
        self.cv1, self.cv2, self.cv3 = conv_bn(c1, c_), conv_bn(c1, c_), conv_bn(2 * c_, c2)
        self.m = nn.Sequential(*(Bottleneck(c_) for _ in range(n)))

    def forward(self, x):
        return self.cv3(torch.cat((self.m(self.cv1(x)), self.cv2(x)), 1))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_yolo_c3(n):
    model = nn.Sequential(conv_bn(3, 32, 3, 2), C3(32, 64, n), conv_bn(64, 64, 3, 2), C3(64, 64, n))
    assert_exact(model)


# --------------------------------------------------------------------------- subclasses

class BNAct(nn.BatchNorm2d):
    """timm's BatchNormAct2d in small: a BatchNorm2d subclass calling F.batch_norm."""

    def __init__(self, c):
        super().__init__(c)
        self.act = nn.ReLU()

    def forward(self, x):
        x = F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                         self.training, self.momentum, self.eps)
        return self.act(x)


class MyLinear(nn.Linear):
    def forward(self, x):
        return F.linear(x, self.weight, self.bias)


class SameConv(nn.Conv2d):
    """TensorFlow's "same" padding, as timm's Conv2dSame: F.pad, then F.conv2d."""

    def forward(self, x):
        ih, iw = x.shape[-2:]
        k, s = self.kernel_size[0], self.stride[0]
        ph = max((-(-ih // s) - 1) * s + k - ih, 0)
        pw = max((-(-iw // s) - 1) * s + k - iw, 0)
        x = F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)


def test_subclasses_with_their_own_forward():
    model = nn.Sequential(SameConv(3, 16, 3, 2, bias=False), BNAct(16),
                          SameConv(16, 16, 3, 1, groups=16), BNAct(16),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), MyLinear(16, 10))
    assert_exact(model, (3, 65, 65))


def test_channel_slices_and_chunks():
    class Ghost(nn.Module):
        """GhostNet's cat-then-slice (all channels) and a map cut in halves."""

        def __init__(self):
            super().__init__()
            self.a, self.b = conv_bn(3, 8, 1), conv_bn(8, 8, 3)
            self.left, self.right = conv_bn(8, 16, 1), conv_bn(8, 16, 3)

        def forward(self, x):
            x1 = self.a(x)
            out = torch.cat([x1, self.b(x1)], 1)[:, :16, :, :]
            return self.left(out[:, :8]) + self.right(out[:, 8:])

    assert_exact(Ghost())


def test_an_unequal_channel_slice_is_refused_naming_it():
    class Uneven(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 12, 1)

        def forward(self, x):
            return self.conv(x)[:, :5]

    with pytest.raises(SpecError, match=r"channels \[0:5\] of 12"):
        from_torch(Uneven(), (3, 8, 8))
