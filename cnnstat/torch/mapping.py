"""One torch mapping per layer kind of ``cnnstat.layers``, keyed by the kind's name.

A mapping takes the validated kind (its arguments as attributes) and the input shape
*as torch produced it* (per sample, channels first) and returns an ``nn.Module``. The
input shape never comes from the analytic rules, so a wrong rule cannot hide itself by
feeding the model it is checked against. A kind without a mapping fails
``tests/test_torch_build.py``.
"""

from __future__ import annotations

from typing import Callable

from torch import nn

from cnnstat.errors import SpecError
from cnnstat.layers import Kind, Shape
from cnnstat.torch import merges, modules as M

Mapping = Callable[[Kind, Shape], nn.Module]
MAPPINGS: dict[str, Mapping] = {}
MERGE_MAPPINGS: dict[str, Callable[[], nn.Module]] = {
    "concat": merges.Concat,
    "add": merges.Add,
    "mean": merges.Mean,
    "mul": merges.Mul,
}


def maps(*names: str) -> Callable[[Mapping], Mapping]:
    def deco(fn: Mapping) -> Mapping:
        for name in names:
            if name in MAPPINGS:
                raise ValueError(f"torch mapping for {name!r} registered twice")
            MAPPINGS[name] = fn
        return fn
    return deco


def _channels(shape: Shape, kind: str) -> int:
    if len(shape) != 3:
        raise SpecError(f"{kind} needs a feature map (C, H, W); torch gives it {shape}")
    return shape[0]


@maps("conv")
def _conv(k: Kind, shape: Shape) -> nn.Module:
    c = _channels(shape, "conv")
    padding = 0 if k.asymmetric() else k.padding
    conv = nn.Conv2d(c, k.out, k.kernel, stride=k.stride, padding=padding,
                     dilation=k.dilation, groups=k.group_count(c), bias=k.bias)
    if k.asymmetric():
        # still a plain nn.Conv2d (every tool recognises it), padding its input first
        top, bottom, left, right = k.padding
        conv.register_forward_pre_hook(M.PadInput((left, right, top, bottom)))
    if k.fixed:  # still a plain nn.Conv2d, its weight a buffer
        weight = conv.weight.detach()
        del conv.weight
        conv.register_buffer("weight", weight)
    return conv


@maps("linear")
def _linear(k: Kind, shape: Shape) -> nn.Module:
    if len(shape) != 1:
        raise SpecError(f"linear needs a flat vector; torch gives it {shape}")
    return nn.Linear(shape[0], k.out, bias=k.bias)


@maps("maxpool")
def _maxpool(k: Kind, shape: Shape) -> nn.Module:
    return nn.MaxPool2d(k.kernel, stride=k.stride, padding=k.padding, ceil_mode=k.ceil_mode)


@maps("avgpool")
def _avgpool(k: Kind, shape: Shape) -> nn.Module:
    return nn.AvgPool2d(k.kernel, stride=k.stride, padding=k.padding, ceil_mode=k.ceil_mode)


@maps("adaptive_avgpool")
def _adaptive_avgpool(k: Kind, shape: Shape) -> nn.Module:
    return nn.AdaptiveAvgPool2d(k.size)


@maps("global_avgpool")
def _global_avgpool(k: Kind, shape: Shape) -> nn.Module:
    return nn.AdaptiveAvgPool2d(1)


@maps("lrn")
def _lrn(k: Kind, shape: Shape) -> nn.Module:
    return nn.LocalResponseNorm(k.size, alpha=k.alpha, beta=k.beta, k=k.k)


@maps("bn")
def _bn(k: Kind, shape: Shape) -> nn.Module:
    cls = nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d
    return cls(shape[0], eps=k.eps, affine=k.affine)


@maps("relu")
def _relu(k: Kind, shape: Shape) -> nn.Module:
    # not in place: a branch or residual body may start with it and share its input
    return nn.ReLU()


@maps("sigmoid")
def _sigmoid(k: Kind, shape: Shape) -> nn.Module:
    return nn.Sigmoid()


@maps("tanh")
def _tanh(k: Kind, shape: Shape) -> nn.Module:
    return nn.Tanh()


@maps("dropout")
def _dropout(k: Kind, shape: Shape) -> nn.Module:
    return nn.Dropout(k.p)


@maps("flatten")
def _flatten(k: Kind, shape: Shape) -> nn.Module:
    return nn.Flatten()


@maps("softmax")
def _softmax(k: Kind, shape: Shape) -> nn.Module:
    return nn.Softmax(dim=1)


@maps("identity")
def _identity(k: Kind, shape: Shape) -> nn.Module:
    return nn.Identity()


@maps("table_conv")
def _table_conv(k: Kind, shape: Shape) -> nn.Module:
    c = _channels(shape, "table_conv")
    bad = sorted({i for row in k.table for i in row if i >= c})
    if bad:
        raise SpecError(f"table_conv reads input map {bad[0]}; torch gives it {c} maps")
    return M.TableConv(k.table, k.kernel, k.stride, k.padding, k.bias)


@maps("subsample")
def _subsample(k: Kind, shape: Shape) -> nn.Module:
    return M.Subsample(_channels(shape, "subsample"), k.kernel, k.stride or k.kernel,
                       k.padding, k.ceil_mode)


@maps("rbf")
def _rbf(k: Kind, shape: Shape) -> nn.Module:
    if len(shape) != 1:
        raise SpecError(f"rbf needs a flat vector; torch gives it {shape}")
    return M.RBF(shape[0], k.out)


@maps("zeropad")
def _zeropad(k: Kind, shape: Shape) -> nn.Module:
    c = _channels(shape, "zeropad")
    if k.out < c:
        raise SpecError(f"zeropad cannot shrink {c} channels to {k.out}")
    return M.ZeroPad(c, k.out, k.stride)


# Activations of modern networks. Not in place, as relu: a branch may share its input.
def _plain(cls: type[nn.Module]) -> Mapping:
    return lambda k, shape: cls()


for _name, _cls in (("relu6", nn.ReLU6), ("hardsigmoid", nn.Hardsigmoid), ("silu", nn.SiLU),
                    ("hardswish", nn.Hardswish)):
    maps(_name)(_plain(_cls))


@maps("leaky_relu")
def _leaky_relu(k: Kind, shape: Shape) -> nn.Module:
    return nn.LeakyReLU(k.slope)


@maps("gelu")
def _gelu(k: Kind, shape: Shape) -> nn.Module:
    return nn.GELU(approximate=k.approximate)


@maps("split")
def _split(k: Kind, shape: Shape) -> nn.Module:
    c = _channels(shape, "split")
    if c % k.parts or k.part >= k.parts:
        raise SpecError(f"split part {k.part} of {k.parts}: torch gives it {c} channels")
    return M.ChannelSplit(k.parts, k.part)


@maps("slice")
def _slice(k: Kind, shape: Shape) -> nn.Module:
    c = _channels(shape, "slice")
    if not k.start < k.stop <= c:
        raise SpecError(f"slice of channels {k.start}:{k.stop}: torch gives it {c} channels")
    return M.ChannelSlice(k.start, k.stop)


_PADS = {"zeros": "ZeroPad2d", "reflect": "ReflectionPad2d", "replicate": "ReplicationPad2d",
         "circular": "CircularPad2d"}


@maps("pad")
def _pad(k: Kind, shape: Shape) -> nn.Module:
    _channels(shape, "pad")
    top, bottom, left, right = k.sides()
    return getattr(nn, _PADS[k.mode])((left, right, top, bottom))


@maps("channel_conv")
def _channel_conv(k: Kind, shape: Shape) -> nn.Module:
    return M.ChannelConv(k.kernel)


@maps("shuffle")
def _shuffle(k: Kind, shape: Shape) -> nn.Module:
    if _channels(shape, "shuffle") % k.groups:
        raise SpecError(f"shuffle groups={k.groups}: torch gives it {shape[0]} channels")
    return M.ChannelShuffle(k.groups)


@maps("layernorm")
def _layernorm(k: Kind, shape: Shape) -> nn.Module:
    return M.ChannelLayerNorm(shape[0], k.eps, k.affine)


@maps("layer_scale")
def _layer_scale(k: Kind, shape: Shape) -> nn.Module:
    return M.LayerScale(shape[0], spatial=len(shape) == 3)


@maps("scale")
def _scale(k: Kind, shape: Shape) -> nn.Module:
    return M.Scale(k.factor, k.shift, k.learned)


@maps("stochastic_depth")
def _stochastic_depth(k: Kind, shape: Shape) -> nn.Module:
    return M.StochasticDepth(k.p, k.mode)


@maps("upsample")
def _upsample(k: Kind, shape: Shape) -> nn.Module:
    _channels(shape, "upsample")
    corners = k.align_corners if k.mode == "bilinear" else None
    if k.size:
        return nn.Upsample(size=tuple(k.size), mode=k.mode, align_corners=corners)
    return nn.Upsample(scale_factor=tuple(float(s) for s in k.scale), mode=k.mode,
                       align_corners=corners)


@maps("conv_transpose")
def _conv_transpose(k: Kind, shape: Shape) -> nn.Module:
    c = _channels(shape, "conv_transpose")
    return nn.ConvTranspose2d(c, k.out, k.kernel, stride=k.stride, padding=k.padding,
                              output_padding=k.output_padding, groups=k.group_count(c),
                              bias=k.bias, dilation=k.dilation)


@maps("pixel_shuffle")
def _pixel_shuffle(k: Kind, shape: Shape) -> nn.Module:
    return nn.PixelShuffle(k.factor)


@maps("pixel_unshuffle")
def _pixel_unshuffle(k: Kind, shape: Shape) -> nn.Module:
    return nn.PixelUnshuffle(k.factor) if k.order == "channels" else M.SpaceToDepth(k.factor)


@maps("crop")
def _crop(k: Kind, shape: Shape) -> nn.Module:
    _channels(shape, "crop")
    return M.CenterCrop(k.size)
