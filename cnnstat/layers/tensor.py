"""Layers that move or keep values without computing on them: dropout (inference),
flatten, identity and the option-A zero-padding shortcut."""

from __future__ import annotations

from cnnstat.errors import SpecError
from cnnstat.layers.base import Arg, Effect, Kind, Shape, _spatial, numel, register

@register
class Dropout(Kind):
    """Dropout: the identity at inference (0 ops, no new tensor)."""

    name = "dropout"
    prefix = "dropout"
    doc = "dropout (nn.Dropout); the identity at inference"
    allocates = False
    args = {"p": Arg("float", 0.5, "probability of zeroing an element", min=0, max=1)}

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape)


@register
class Flatten(Kind):
    """Flatten C x H x W to one vector (a view). Its receptive-field window is the whole
    map, since what follows (a linear layer) sees every position."""

    name = "flatten"
    prefix = "flatten"
    doc = "flatten to a vector (nn.Flatten)"
    allocates = False

    def effect(self, shape: Shape) -> Effect:
        if len(shape) == 3:
            _, h, w = shape
            return Effect(output=(numel(shape),), window=((h, w), (h, w)))
        return Effect(output=(numel(shape),))


@register
class Identity(Kind):
    """The identity: no cost, no new tensor."""

    name = "identity"
    prefix = "identity"
    doc = "the identity (nn.Identity), e.g. DenseNet's pass-through branch"
    allocates = False

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape)


@register
class ZeroPad(Kind):
    """Option-A residual shortcut of He et al. (CIFAR ResNets): keep every stride-th
    position and pad the channels with zero maps up to ``out``. No params, no MACs,
    ops = 0 (a strided copy)."""

    name = "zeropad"
    prefix = "zeropad"
    doc = "subsample by stride and pad channels with zeros (ResNet option-A shortcut)"
    args = {
        "out": Arg("int", doc="output channels (at least the input's)"),
        "stride": Arg("pair", 1, "keep every stride-th row and column"),
    }

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        if self.out < c:
            raise SpecError(f"zeropad cannot shrink {c} channels to {self.out}")
        sh, sw = self.stride
        return Effect(output=(self.out, -(-h // sh), -(-w // sw)), window=((1, 1), (sh, sw)))
