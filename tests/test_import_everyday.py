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


# TensorFlow's "same" padding, as timm's Conv2dSame: F.pad, then F.conv2d (source text:
# also written to a model file below)
SAME_CONV = """
import torch.nn as nn, torch.nn.functional as F
class SameConv(nn.Conv2d):
    def forward(self, x):
        ih, iw = x.shape[-2:]
        k, s = self.kernel_size[0], self.stride[0]
        ph = max((-(-ih // s) - 1) * s + k - ih, 0)
        pw = max((-(-iw // s) - 1) * s + k - iw, 0)
        x = F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
"""
exec(SAME_CONV)


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


def test_an_unequal_channel_slice_is_a_slice_and_a_strided_one_is_refused():
    class Uneven(nn.Module):
        def __init__(self, step=1):
            super().__init__()
            self.conv = nn.Conv2d(3, 12, 1)
            self.step = step

        def forward(self, x):
            return self.conv(x)[:, :5:self.step]

    spec = assert_exact(Uneven(), (3, 8, 8))
    assert [r.type for r in analyze(spec).rows] == ["conv", "slice"]
    assert analyze(spec).output == (5, 8, 8)
    with pytest.raises(SpecError, match=r"channels \[0:5:2\] of 12.*not every 2th"):
        from_torch(Uneven(2), (3, 8, 8))


# --------------------------------------------------------------------------- targets, sizes

def _params_json(cli, *args):
    import json

    code, out, err = cli("params", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_a_model_file_imports_a_sibling_file(tmp_path, cli):
    (tmp_path / "blocks.py").write_text(
        "import torch.nn as nn\n"
        "def stem(c):\n"
        "    return nn.Sequential(nn.Conv2d(3, c, 3, 2, 1), nn.BatchNorm2d(c), nn.ReLU())\n")
    (tmp_path / "net.py").write_text(
        "import torch.nn as nn\n"
        "from blocks import stem\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.stem = stem(16)\n"
        "    def forward(self, x):\n"
        "        return self.stem(x)\n")
    code, out, err = cli("import", f"{tmp_path / 'net.py'}:Net", "--input", "3x32x32")
    assert code == 0, err
    assert "conv" in out
    # 3*16*9 + 16 (conv) + 2*16 (bn): hand arithmetic
    doc = _params_json(cli, f"{tmp_path / 'net.py'}:Net", "--input", "3x32x32")
    assert doc["totals"]["params"] == 3 * 16 * 9 + 16 + 2 * 16
    import sys
    assert str(tmp_path) not in sys.path  # only while it is imported


SAME_NET = SAME_CONV + """
def Net():
    return nn.Sequential(SameConv(3, 8, 3, 2), nn.ReLU(), SameConv(8, 8, 3, 2))
"""


def test_params_input_traces_at_that_size(tmp_path, cli):
    (tmp_path / "same.py").write_text(SAME_NET)
    import importlib.util

    spec = importlib.util.spec_from_file_location("_same_net_test", tmp_path / "same.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for size in (64, 65):
        doc = _params_json(cli, f"{tmp_path / 'same.py'}:Net", "--input", f"3x{size}x{size}")
        assert doc["totals"]["macs"] == torch_counts(mod.Net(), (3, size, size))[2]


class AuxNet(nn.Module):
    """A training-only auxiliary head that needs a 5x5 map, as Inception-v3's."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.ReLU(), nn.Conv2d(8, 8, 3, 2, 1))
        self.aux = nn.Sequential(nn.Conv2d(8, 4, 5), nn.Flatten(), nn.Linear(4, 2))
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 2))

    def forward(self, x):
        x = self.body(x)
        out = self.head(x)
        return (out, self.aux(x)) if self.training else out


def test_a_training_only_head_that_does_not_fit_is_left_out_with_a_note():
    spec = assert_exact(AuxNet(), (3, 20, 20))  # aux has a 5x5 map: imported, eval MACs
    assert "aux" in spec.source
    small = from_torch(AuxNet(), (3, 12, 12))  # a 3x3 map: the aux conv cannot run
    head = small.source.split("\nname:")[0]
    assert "aux left out" in head and "training mode only" in head
    aux_params = 8 * 4 * 25 + 4 + 4 * 2 + 2  # conv 5x5 and linear, by hand
    assert analyze(small).totals.params == sum(p.numel() for p in AuxNet().parameters()) \
        - aux_params


def test_a_forward_that_rejects_the_size_names_the_real_cause():
    class Fixed(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 4, 3)

        def forward(self, x):
            torch._assert(x.shape[-1] == 32, "Wrong image width! Expected 32")
            return self.conv(x)

    with pytest.raises(SpecError, match="Wrong image width! Expected 32.*--input") as err:
        from_torch(Fixed(), (3, 64, 64))
    assert "tensor values" not in str(err.value)


# --------------------------------------------------------------------------- named inputs

class SPPF(nn.Module):
    """YOLOv5's SPPF: one max pool applied three times, its input and each output
    concatenated (taps of a chain: no nest of residuals and parallels says it)."""

    def __init__(self, c1, c2, k=5):
        super().__init__()
        c_ = c1 // 2
        self.cv1, self.cv2 = conv_bn(c1, c_, 1), conv_bn(c_ * 4, c2, 1)
        self.m = nn.MaxPool2d(k, 1, k // 2)

    def forward(self, x):
        x = self.cv1(x)
        y1 = self.m(x)
        y2 = self.m(y1)
        return self.cv2(torch.cat((x, y1, y2, self.m(y2)), 1))


def test_sppf_imports_with_named_inputs():
    model = nn.Sequential(conv_bn(3, 32, 3, 2), C3(32, 64, 1), SPPF(64, 64))
    spec = assert_exact(model)
    assert "join" in spec.source and "from" in spec.source


def test_interpolate_functional_and_module():
    class Up(nn.Module):
        def __init__(self):
            super().__init__()
            self.down, self.down2 = conv_bn(3, 16, 3, 2), conv_bn(16, 16, 3, 2)
            self.up = nn.Upsample(scale_factor=2, mode="nearest")
            self.head = nn.Conv2d(16, 4, 1)

        def forward(self, x):
            d = self.down(x)  # 32x32 at a 64x64 input
            y = F.interpolate(self.down2(d), scale_factor=2, mode="bilinear",
                              align_corners=False)  # 32x32
            z = F.interpolate(y, size=(64, 64))
            return self.head(self.up(d) + z)

    spec = assert_exact(Up())
    assert spec.source.count("upsample") == 3
