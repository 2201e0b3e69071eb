"""The inference peak against modules written the way torchvision writes them: what eager
PyTorch keeps alive is decided by Python's references in *their* ``forward``, not by
cnnstat's model. Each module here is a hand copy of torchvision's code (cited), run
unmodified under ``cnnstat.torch.memory.live_peak`` (weak-referenced storages), and its
peak must equal ``cnnstat.memory``'s prediction for the spec that describes it.

* DenseNet (torchvision/models/densenet.py): ``_DenseBlock.forward`` keeps a list of
  features; each ``_DenseLayer`` concatenates it afresh (``bn_function``); the block
  returns one concatenation at its end. A spec that models the block as one growing
  tensor (no ``feature_list``) predicts less than this module keeps: the test shows it.
* A stage as ``nn.Sequential`` inside ``nn.Sequential`` (ConvNeXt's ``features.1``,
  ResNet's ``layer1``): the outer loop's variable holds the stage's input until the
  whole stage returns, while the inner loop's holds the running block's.

With torchvision installed, the real densenet121 and convnext_tiny are measured too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

import cnnstat  # noqa: E402
from cnnstat.errors import SpecError  # noqa: E402
from cnnstat.torch.memory import live_peak  # noqa: E402

DENSE = str(Path(__file__).parent / "fixtures" / "memory" / "dense_list.yaml")


class DenseLayer(nn.Module):
    """torchvision's ``_DenseLayer`` (memory_efficient=False, drop_rate=0), line for line."""

    def __init__(self, c: int, k: int, bn_size: int = 4) -> None:
        super().__init__()
        self.norm1 = nn.BatchNorm2d(c)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(c, bn_size * k, kernel_size=1, stride=1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * k)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(bn_size * k, k, kernel_size=3, stride=1, padding=1, bias=False)

    def bn_function(self, inputs):
        concated_features = torch.cat(inputs, 1)
        bottleneck_output = self.conv1(self.relu1(self.norm1(concated_features)))
        return bottleneck_output

    def forward(self, input):
        prev_features = [input] if isinstance(input, torch.Tensor) else input
        bottleneck_output = self.bn_function(prev_features)
        new_features = self.conv2(self.relu2(self.norm2(bottleneck_output)))
        return new_features


class DenseBlock(nn.ModuleDict):
    """torchvision's ``_DenseBlock``, line for line."""

    def __init__(self, n: int, c: int, k: int) -> None:
        super().__init__()
        for i in range(n):
            self.add_module("denselayer%d" % (i + 1), DenseLayer(c + i * k, k))

    def forward(self, init_features):
        features = [init_features]
        for name, layer in self.items():
            new_features = layer(features)
            features.append(new_features)
        return torch.cat(features, 1)


def dense_net() -> nn.Module:
    """What tests/fixtures/memory/dense_list.yaml describes, torchvision's way."""
    return nn.Sequential(nn.Conv2d(8, 16, 3, padding=1, bias=False), DenseBlock(4, 16, 4),
                         nn.BatchNorm2d(32))


@pytest.mark.parametrize("batch", [1, 3])
def test_dense_block_list_of_features(batch):
    predicted = cnnstat.memory(cnnstat.load(DENSE), batch=batch, device="cpu").activation_peak
    measured = live_peak(dense_net().eval(), lambda: torch.randn(batch, 8, 16, 16))
    assert predicted == measured


def test_one_growing_tensor_is_not_what_torchvision_keeps(tmp_path):
    """The same network without feature_list (each layer's output one growing concat, the
    rule before) predicts less than the torchvision-style module keeps: the comparison
    above can fail."""
    grown = tmp_path / "grown.yaml"
    grown.write_text(Path(DENSE).read_text().replace("feature_list: true,", ""))
    predicted = cnnstat.memory(cnnstat.load(str(grown)), batch=1, device="cpu").activation_peak
    measured = live_peak(dense_net().eval(), lambda: torch.randn(1, 8, 16, 16))
    assert predicted < measured


STAGES = """
name: stages
title: a stage of residual blocks inside a Sequential
input: [8, 16, 16]
blocks:
  block:
    layers:
      - residual:
          shortcut: identity
          layers:
            - seq:
                name: block
                layers:
                  - conv: {name: "0", out: 8, kernel: 3, padding: 1, groups: in}
                  - conv: {name: "1", out: 32, kernel: 1}
                  - gelu: {name: "2"}
                  - conv: {name: "3", out: 8, kernel: 1}
layers:
  - seq:
      name: features
      layers:
        - conv: {name: "0", out: 8, kernel: 1}
        - repeat: {name: "1", times: 3, block: block}
        - conv: {name: "2", out: 4, kernel: 1}
"""


class Residual(nn.Module):
    """ConvNeXt's ``CNBlock.forward`` (torchvision/models/convnext.py) without layer scale
    and stochastic depth: ``result = self.block(input); result += input``."""

    def __init__(self) -> None:
        super().__init__()
        self.block = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1, groups=8),
                                   nn.Conv2d(8, 32, 1), nn.GELU(), nn.Conv2d(32, 8, 1))

    def forward(self, input):
        result = self.block(input)
        result += input
        return result


def test_a_stage_input_is_held_by_the_outer_sequential(tmp_path):
    path = tmp_path / "stages.yaml"
    path.write_text(STAGES)
    model = nn.Sequential(nn.Conv2d(8, 8, 1), nn.Sequential(*[Residual() for _ in range(3)]),
                          nn.Conv2d(8, 4, 1)).eval()
    predicted = cnnstat.memory(cnnstat.load(str(path)), batch=2, device="cpu").activation_peak
    assert predicted == live_peak(model, lambda: torch.randn(2, 8, 16, 16))


@pytest.mark.parametrize("name", ["densenet121", "convnext_tiny"])
def test_real_torchvision_models(name):
    """The real modules at 64 x 64 (cheap), when torchvision is installed."""
    tv = pytest.importorskip("torchvision")
    torch.manual_seed(0)
    model = getattr(tv.models, name)(weights=None).eval()
    predicted = cnnstat.memory(cnnstat.load(name), batch=1, device="cpu",
                               input=(3, 64, 64)).activation_peak
    assert predicted == live_peak(model, lambda: torch.randn(1, 3, 64, 64))


@pytest.mark.parametrize("change,message", [
    ("feature_list: true", "feature_list: yes_please"),
    ("block: dense_layer, with: {k: 4}}", "layers: [relu: {name: r}]}"),
])
def test_feature_list_errors(tmp_path, change, message):
    text = Path(DENSE).read_text()
    if change == "feature_list: true":
        text = text.replace(change, message)
    else:
        text = text.replace("\n             block: dense_layer, with: {k: 4}}",
                            " layers: [relu: {name: r}]}")
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(SpecError, match="feature_list") as err:
        cnnstat.load(str(path))
    assert err.value.line == 23  # the repeat's line
