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
