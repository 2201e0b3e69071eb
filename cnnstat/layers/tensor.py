"""Layers that move or keep values without computing on them: dropout (inference),
flatten, identity and the option-A zero-padding shortcut."""

from __future__ import annotations

from cnnstat.errors import SpecError
from cnnstat.layers.args import Arg
from cnnstat.layers.base import Kind, register
from cnnstat.layers.effect import Effect, Shape, _spatial, numel
from cnnstat.layers.storage import Buf, Precision

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

    def is_view(self, training: bool) -> bool:
        return not training

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """In training it keeps a mask. On CUDA that is a bool tensor (1 byte per element,
        ``native_dropout``'s ``result1``); on CPU torch draws a noise tensor of the input's
        type, scaled by 1/(1-p), and multiplies by it, keeping the noise. torch:
        aten/src/ATen/native/Dropout.cpp (``dropout``: the fused kernel only on CUDA-like
        devices, else ``_dropout_impl``'s ``input * noise``); derivatives.yaml,
        ``native_dropout`` (``result1``) and ``mul.Tensor`` (``other``)."""
        if prec.device == "cuda":
            return [Buf("mask", "new", numel(shape), "bool")]
        return [Buf("mask", "new", numel(shape), dtype)]


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

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: a view, whose backward needs only the shape. torch:
        derivatives.yaml, ``view`` / ``_reshape_alias``."""
        return []


@register
class Identity(Kind):
    """The identity: no cost, no new tensor."""

    name = "identity"
    prefix = "identity"
    doc = "the identity (nn.Identity), e.g. DenseNet's pass-through branch"
    allocates = False

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape)

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing and records nothing: torch's ``nn.Identity.forward`` returns its
        input (torch/nn/modules/linear.py)."""
        return []


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

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: a strided slice (a view) and a constant pad, whose backwards need
        only sizes. torch: derivatives.yaml, ``slice.Tensor`` and ``constant_pad_nd``."""
        return []

@register
class Split(Kind):
    """Channel split (ShuffleNetV2): part ``part`` of ``parts`` equal channel slices, a
    view of the input. No params, ops = 0, no new tensor."""

    name = "split"
    prefix = "split"
    doc = "take one of `parts` equal channel slices (x.chunk(parts, 1)[part]), a view"
    allocates = False
    args = {
        "part": Arg("int", doc="which slice, 0-based", min=0),
        "parts": Arg("int", 2, "equal slices of the channels", min=2),
    }

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        if c % self.parts:
            raise SpecError(f"split into {self.parts} needs channels divisible by "
                            f"{self.parts}, not {c}")
        if self.part >= self.parts:
            raise SpecError(f"split part {self.part} does not exist: parts are 0 to "
                            f"{self.parts - 1}")
        return Effect(output=(c // self.parts, h, w))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: a view (``chunk``), whose backward needs only sizes. A layer that
        keeps the slice keeps its whole storage, both halves. torch: derivatives.yaml,
        ``split.Tensor`` / ``narrow``."""
        return []


@register
class Slice(Kind):
    """A channel slice: channels ``start`` to ``stop - 1`` (``x[:, start:stop]``), a view
    of the input, for slices that are not equal parts (DPN's dual path, RexNet's residual
    into the first channels of a wider map, ``torch.split`` with unequal sizes). No
    params, ops = 0, no new tensor."""

    name = "slice"
    prefix = "slice"
    doc = "take channels start to stop - 1 (x[:, start:stop]), a view"
    allocates = False
    args = {
        "start": Arg("int", doc="the first channel, 0-based", min=0),
        "stop": Arg("int", doc="one past the last channel"),
    }

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        if not self.start < self.stop <= c:
            raise SpecError(f"slice of channels {self.start} to {self.stop - 1} needs "
                            f"0 <= start < stop <= {c} (the input's channels)")
        return Effect(output=(self.stop - self.start, h, w))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: a view (``slice``), whose backward needs only sizes; a layer
        that keeps the slice keeps the whole tensor's storage. torch: derivatives.yaml,
        ``slice.Tensor``."""
        return []


@register
class Shuffle(Kind):
    """Channel shuffle (ShuffleNet): view the C channels as groups x C/groups, transpose,
    flatten back, so each group's next convolution sees channels of every group. No
    params, ops = 0 (a copy)."""

    name = "shuffle"
    prefix = "shuffle"
    doc = "channel shuffle across `groups` (ShuffleNet), a copy"
    args = {"groups": Arg("int", doc="channel groups to interleave", min=2)}

    def effect(self, shape: Shape) -> Effect:
        c, _, _ = _spatial(shape, self.name)
        if c % self.groups:
            raise SpecError(f"shuffle needs channels divisible by groups={self.groups}, "
                            f"not {c}")
        return Effect(output=shape)

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: ``view``, ``transpose`` and ``contiguous`` (a copy) need only
        shapes for their backward. torch: derivatives.yaml, ``view``, ``transpose.int``,
        ``clone``."""
        return []


@register
class StochasticDepth(Kind):
    """Stochastic depth on a residual branch (torchvision.ops.StochasticDepth, in
    EfficientNet and ConvNeXt): in training each sample's (``row``) or the batch's branch
    is zeroed with probability ``p``; the identity at inference (0 ops, no new tensor)."""

    name = "stochastic_depth"
    prefix = "stochastic_depth"
    doc = "drop a residual branch with probability p in training; the identity at inference"
    allocates = False
    args = {
        "p": Arg("float", doc="probability of dropping the branch in training", min=0, max=1),
        "mode": Arg("choice", "row", "row: per sample; batch: the whole batch",
                    choices=("row", "batch")),
    }

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape)

    def is_view(self, training: bool) -> bool:
        return not training or self.p == 0

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """In training it keeps its keep/drop draw: one number per sample (``row``) or one
        for the batch, of the input's type (``x * keep``: ``mul`` keeps ``keep``; the
        division by 1 - p keeps nothing). torch: torchvision.ops.stochastic_depth as
        cnnstat's module computes it; derivatives.yaml, ``mul.Tensor`` (``other``),
        ``div.Scalar``."""
        if self.p == 0:
            return []
        return [Buf("keep", "new", 1, dtype, batched=self.mode == "row")]
