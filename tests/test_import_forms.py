"""More forms of real code imported exact, each against torch itself (``numel`` of the
module's parameters and buffers, and ``FlopCounterMode`` FLOPs / 2 over one forward on
the meta device): HRNet's multi-resolution fusion (a scope written twice, read by name
after it was renamed), and the refusals that stay refusals. Written here in our own
words; no torchvision or timm needed."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

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
