"""Small torch modules for the layer kinds ``torch.nn`` has no class for (LeNet-5's
connection table, subsampling and RBF units, option-A shortcuts, channel slices and
shuffles, ECA's channel convolution, a layer norm over channels, scales, stochastic depth,
crops) and a pre-hook that pads a convolution's input asymmetrically. The merges are in
``merges``, the model itself in ``model``."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class CenterCrop(nn.Module):
    """Keep the middle ``size`` of a map, offset floor((n - size) / 2) (a view): the U-Net
    paper's crop of a skip connection."""

    def __init__(self, size) -> None:
        super().__init__()
        self.size = tuple(size)

    def extra_repr(self) -> str:
        return f"size={self.size}"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h, w = self.size
        top, left = (x.shape[2] - h) // 2, (x.shape[3] - w) // 2
        return x[:, :, top:top + h, left:left + w]


class PadInput:
    """A forward pre-hook that zero-pads a module's input, (left, right, top, bottom):
    asymmetric padding for a plain ``nn.Conv2d``."""

    def __init__(self, pad: tuple[int, int, int, int]) -> None:
        self.pad = tuple(pad)

    def __call__(self, module: nn.Module, args: tuple) -> tuple:
        return (F.pad(args[0], self.pad), *args[1:])


class TableConv(nn.Module):
    """Convolution with a connection table (LeNet-5's C3): output map ``o`` reads only the
    input maps ``table[o]``. The weights of all output maps are one flat parameter of
    ``sum(|table[o]|) x kh x kw`` elements, so ``numel`` is exactly the table's count; the
    forward is one small conv per output map, on a view of its slice."""

    def __init__(self, table, kernel, stride, padding, bias: bool) -> None:
        super().__init__()
        self.table = tuple(tuple(row) for row in table)
        self.kernel, self.stride, self.padding = tuple(kernel), tuple(stride), tuple(padding)
        per_map = self.kernel[0] * self.kernel[1]
        self.weight = nn.Parameter(torch.empty(sum(map(len, self.table)) * per_map))
        self.bias = nn.Parameter(torch.empty(len(self.table))) if bias else None
        self.reset_parameters()

    def reset_parameters(self) -> None:
        with torch.no_grad():
            for w, row in zip(self._kernels(), self.table):
                bound = (len(row) * self.kernel[0] * self.kernel[1]) ** -0.5
                w.uniform_(-bound, bound)
            if self.bias is not None:
                self.bias.zero_()

    def _kernels(self) -> list[torch.Tensor]:
        out, start = [], 0
        for row in self.table:
            n = len(row) * self.kernel[0] * self.kernel[1]
            out.append(self.weight[start:start + n].view(1, len(row), *self.kernel))
            start += n
        return out

    def extra_repr(self) -> str:
        return (f"{len(self.table)} maps, {sum(map(len, self.table))} connections, "
                f"kernel_size={self.kernel}, stride={self.stride}, padding={self.padding}, "
                f"bias={self.bias is not None}")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outs = [F.conv2d(x[:, list(row)], w, stride=self.stride, padding=self.padding)
                for row, w in zip(self.table, self._kernels())]
        y = torch.cat(outs, dim=1)
        return y if self.bias is None else y + self.bias.view(1, -1, 1, 1)


class Subsample(nn.Module):
    """Trainable subsampling (LeNet-5's S2, S4): each window's sum times one coefficient
    per map, plus one bias per map (2C parameters)."""

    def __init__(self, channels: int, kernel, stride, padding, ceil_mode: bool) -> None:
        super().__init__()
        self.kernel, self.stride = tuple(kernel), tuple(stride)
        self.padding, self.ceil_mode = tuple(padding), ceil_mode
        self.weight = nn.Parameter(torch.empty(channels))
        self.bias = nn.Parameter(torch.empty(channels))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        nn.init.ones_(self.weight)
        nn.init.zeros_(self.bias)

    def extra_repr(self) -> str:
        return (f"{self.weight.numel()}, kernel={self.kernel}, stride={self.stride}, "
                f"padding={self.padding}, ceil_mode={self.ceil_mode}")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s = F.avg_pool2d(x, self.kernel, self.stride, self.padding, ceil_mode=self.ceil_mode,
                         count_include_pad=True, divisor_override=1)  # the window's sum
        return s * self.weight.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)


class RBF(nn.Module):
    """Euclidean RBF units (LeNet-5's output): ``y_i = sum_j (x_j - w_ij)^2`` with fixed
    centres (parameters with ``requires_grad=False``: counted, not trained). Computed as
    ``|x|^2 - 2 x.w_i + |w_i|^2``, whose matrix product is the in x out multiply-accumulates
    the analysis counts (and what FlopCounterMode and fvcore see)."""

    def __init__(self, in_features: int, out_features: int) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.empty(out_features, in_features), requires_grad=False)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        with torch.no_grad():  # the paper's centres are +-1 bitmaps; random signs here
            self.weight.copy_(torch.randint(0, 2, self.weight.shape, device=self.weight.device)
                              .to(self.weight.dtype) * 2 - 1)

    def extra_repr(self) -> str:
        return f"in_features={self.weight.shape[1]}, out_features={self.weight.shape[0]}, frozen"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        cross = x @ self.weight.t()
        return (x * x).sum(1, keepdim=True) - 2 * cross + (self.weight * self.weight).sum(1)


class ZeroPad(nn.Module):
    """He et al.'s option-A shortcut: keep every stride-th position, pad the channels with
    zero maps up to ``out`` (half before, half after, as the CIFAR ResNets do)."""

    def __init__(self, channels: int, out: int, stride) -> None:
        super().__init__()
        self.channels, self.out, self.stride = channels, out, tuple(stride)

    def extra_repr(self) -> str:
        return f"{self.channels} -> {self.out}, stride={self.stride}"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x[:, :, ::self.stride[0], ::self.stride[1]]
        extra = self.out - x.shape[1]
        return F.pad(x, (0, 0, 0, 0, extra // 2, extra - extra // 2))


class ChannelSplit(nn.Module):
    """Slice ``part`` of ``parts`` equal channel slices (a view), ShuffleNetV2's split."""

    def __init__(self, parts: int, part: int) -> None:
        super().__init__()
        self.parts, self.part = parts, part

    def extra_repr(self) -> str:
        return f"part {self.part} of {self.parts}"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.chunk(self.parts, dim=1)[self.part]


class ChannelSlice(nn.Module):
    """Channels ``start`` to ``stop - 1`` of a map (a view)."""

    def __init__(self, start: int, stop: int) -> None:
        super().__init__()
        self.start, self.stop = start, stop

    def extra_repr(self) -> str:
        return f"channels {self.start}:{self.stop}"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x[:, self.start:self.stop]


class SpaceToDepth(nn.Module):
    """TensorFlow's space_to_depth: each r x r block's offset (i, j) first, then the
    channel (output channel i r C + j C + c), where nn.PixelUnshuffle puts the channel
    first."""

    def __init__(self, factor: int) -> None:
        super().__init__()
        self.factor = factor

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c, h, w = x.shape
        r = self.factor
        x = x.view(n, c, h // r, r, w // r, r).permute(0, 3, 5, 1, 2, 4)
        return x.reshape(n, c * r * r, h // r, w // r)


class ChannelConv(nn.Module):
    """ECA's 1-D convolution across the channels: at each position, the C values seen
    as a one-channel signal of length C, ``nn.Conv1d(1, 1, k, padding=(k - 1) // 2,
    bias=False)``."""

    def __init__(self, kernel: int) -> None:
        super().__init__()
        self.conv = nn.Conv1d(1, 1, kernel, padding=(kernel - 1) // 2, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() == 2:
            return self.conv(x.unsqueeze(1)).squeeze(1)
        n, c, h, w = x.shape
        y = self.conv(x.permute(0, 2, 3, 1).reshape(n * h * w, 1, c))
        return y.reshape(n, h, w, c).permute(0, 3, 1, 2)


class ChannelShuffle(nn.Module):
    """ShuffleNet's channel shuffle: (groups, C/groups) -> (C/groups, groups)."""

    def __init__(self, groups: int) -> None:
        super().__init__()
        self.groups = groups

    def extra_repr(self) -> str:
        return f"groups={self.groups}"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c, h, w = x.shape
        x = x.view(n, self.groups, c // self.groups, h, w).transpose(1, 2).contiguous()
        return x.view(n, c, h, w)


class ChannelLayerNorm(nn.Module):
    """Layer norm over the channels (dim 1) of a map, as torchvision's LayerNorm2d, or
    over a vector's features. Calls ``F.layer_norm`` on a channels-last view."""

    def __init__(self, channels: int, eps: float, affine: bool) -> None:
        super().__init__()
        self.channels, self.eps = channels, eps
        self.weight = nn.Parameter(torch.empty(channels)) if affine else None
        self.bias = nn.Parameter(torch.empty(channels)) if affine else None
        self.reset_parameters()

    def reset_parameters(self) -> None:
        if self.weight is not None:
            nn.init.ones_(self.weight)
            nn.init.zeros_(self.bias)

    def extra_repr(self) -> str:
        return f"{self.channels}, eps={self.eps:g}, affine={self.weight is not None}"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() == 4:
            y = F.layer_norm(x.permute(0, 2, 3, 1), (self.channels,), self.weight, self.bias,
                             self.eps)
            return y.permute(0, 3, 1, 2)
        return F.layer_norm(x, (self.channels,), self.weight, self.bias, self.eps)


class LayerScale(nn.Module):
    """A learned factor per channel (ConvNeXt's layer scale), ``weight`` of C elements."""

    def __init__(self, channels: int, spatial: bool, init: float = 1e-6) -> None:
        super().__init__()
        self.init = init
        self.weight = nn.Parameter(torch.empty((channels, 1, 1) if spatial else (channels,)))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        nn.init.constant_(self.weight, self.init)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.weight


class Scale(nn.Module):
    """``x * factor + shift`` with scalars; a learned one is a one-element parameter,
    ``weight`` (the factor) or ``bias`` (the shift), a constant a Python number."""

    def __init__(self, factor: float, shift: float, learned: str) -> None:
        super().__init__()
        self.factor, self.shift, self.learned = factor, shift, learned
        if learned in ("factor", "both"):
            self.weight = nn.Parameter(torch.empty(1))
        if learned in ("shift", "both"):
            self.bias = nn.Parameter(torch.empty(1))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        for name, value in (("weight", self.factor), ("bias", self.shift)):
            if hasattr(self, name) and getattr(self, name).device.type != "meta":
                nn.init.constant_(getattr(self, name), value)

    def extra_repr(self) -> str:
        return f"factor={self.factor:g}, shift={self.shift:g}, learned={self.learned}"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        factor = self.weight if self.learned in ("factor", "both") else self.factor
        shift = self.bias if self.learned in ("shift", "both") else self.shift
        return x * factor + shift


class StochasticDepth(nn.Module):
    """torchvision.ops.StochasticDepth: in training, zero the input per sample (``row``)
    or for the batch with probability ``p`` and scale the rest by 1/(1-p); the identity
    in eval mode."""

    def __init__(self, p: float, mode: str) -> None:
        super().__init__()
        self.p, self.mode = p, mode

    def extra_repr(self) -> str:
        return f"p={self.p:g}, mode={self.mode}"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0:
            return x
        size = [x.shape[0]] + [1] * (x.dim() - 1) if self.mode == "row" else [1] * x.dim()
        keep = torch.empty(size, dtype=x.dtype, device=x.device).bernoulli_(1 - self.p)
        return x * keep / (1 - self.p) if self.p < 1 else x * keep
