"""Normalisation layers: local response normalisation and batch normalisation."""

from __future__ import annotations

from cnnstat.layers.base import Arg, Effect, Kind, Shape, numel, register

@register
class LRN(Kind):
    """Local response normalisation across channels (AlexNet). ops = size + 3 per element
    (the windowed sum of squares, then scale-and-add k, power, divide)."""

    name = "lrn"
    prefix = "lrn"
    doc = "local response normalisation (nn.LocalResponseNorm)"
    args = {
        "size": Arg("int", 5, "channels in the window"),
        "alpha": Arg("float", 1e-4, "scale", min=0),
        "beta": Arg("float", 0.75, "exponent", min=0),
        "k": Arg("float", 2.0, "additive constant", min=0),
    }

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=numel(shape) * (self.size + 3))


@register
class BatchNorm(Kind):
    """Batch normalisation. params = 2C (scale, shift) when affine; buffers = 2C running
    statistics + 1 batch counter, as PyTorch stores them; ops = 2 per element."""

    name = "bn"
    prefix = "bn"
    doc = "batch normalisation (nn.BatchNorm2d, or BatchNorm1d after flatten)"
    args = {
        "affine": Arg("bool", True, "learn a scale and shift per channel"),
        "eps": Arg("float", 1e-5, "added to the variance", min=0),
    }

    def effect(self, shape: Shape) -> Effect:
        c = shape[0]
        return Effect(output=shape, params=2 * c if self.affine else 0, buffers=2 * c + 1,
                      ops=2 * numel(shape))


@register
class LayerNorm(Kind):
    """Layer normalisation over the channels of each position (ConvNeXt; nn.LayerNorm on
    channels-last maps, torchvision's LayerNorm2d), or over the features of a vector.
    params = 2C (scale, shift) when affine; no buffers (statistics are computed per
    sample); ops = 5 per element (mean, centre, square and sum for the variance,
    normalise) + 2 when affine (scale, shift)."""

    name = "layernorm"
    prefix = "norm"
    doc = "layer normalisation over channels (nn.LayerNorm / torchvision's LayerNorm2d)"
    args = {
        "affine": Arg("bool", True, "learn a scale and shift per channel"),
        "eps": Arg("float", 1e-5, "added to the variance", min=0),
    }

    def effect(self, shape: Shape) -> Effect:
        c = shape[0]
        return Effect(output=shape, params=2 * c if self.affine else 0,
                      ops=(7 if self.affine else 5) * numel(shape))


@register
class LayerScale(Kind):
    """Layer scale (ConvNeXt): a learned per-channel factor, a free tensor with no
    convolution behind it. params = C; ops = 1 multiply per element."""

    name = "layer_scale"
    prefix = "layer_scale"
    doc = "multiply each channel by a learned factor (ConvNeXt's layer scale)"

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, params=shape[0], ops=numel(shape))
