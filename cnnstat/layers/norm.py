"""Normalisation and scaling layers: local response normalisation, batch and layer
normalisation, a learned per-channel scale and a scalar one."""

from __future__ import annotations

import math

from cnnstat.layers.args import Arg
from cnnstat.layers.base import Kind, register
from cnnstat.layers.effect import Effect, Shape, numel
from cnnstat.layers.storage import DTYPE_BYTES, Buf, Precision

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

    def _padded(self, shape: Shape) -> int:
        """Elements per sample of the zero-padded squares: C + size - 1 channels."""
        return (shape[0] + self.size - 1) * numel(shape[1:])

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """torch builds it from small ops (``F.local_response_norm``): ``x * x``, zero-pad
        the channels by size - 1, ``avg_pool3d``, ``mul``/``add``/``pow``, ``x / div``.
        Kept: the input (by ``mul`` and the final ``div``), the padded squares (by
        ``avg_pool3d``), the base of ``pow`` and its result (by ``pow`` and ``div``).
        Under CPU autocast ``avg_pool3d`` runs in fp32, so the last three and the output
        are fp32. torch: torch/nn/functional.py ``local_response_norm``; derivatives.yaml
        ``avg_pool3d``, ``pow.Tensor_Scalar``, ``div.Tensor``; autocast_mode.cpp (CPU fp32
        list: ``avg_pool3d``)."""
        inner = "fp32" if prec.amp else dtype
        return [Buf("input", "input", numel(shape), dtype),
                Buf("padded squares", "new", self._padded(shape), inner),
                Buf("k + alpha*mean", "new", numel(shape), inner),
                Buf("(k + alpha*mean)^beta", "new", numel(shape), inner)]

    def out_dtype(self, dtype: str, prec: Precision) -> str:
        return "fp32" if prec.amp else dtype

    def transient(self, shape: Shape, eff: Effect, dtype: str) -> int:
        """At inference the ops above hold at most the squares and the padded squares, or
        the pooled sums, the scaled sums and their shift by k, at once."""
        return max(numel(shape) + self._padded(shape), 3 * numel(shape)) * DTYPE_BYTES[dtype]


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

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input and the batch mean and inverse standard deviation per channel
        (in fp32 when the input is low precision and the weights fp32, as under autocast).
        Weight and running statistics are also kept but are parameters and buffers.
        torch: derivatives.yaml, ``native_batch_norm`` (``input``, ``weight``,
        ``running_mean``, ``running_var``, ``result1``, ``result2``);
        aten/src/ATen/native/Normalization.cpp (``batch_norm_cpu``: statistics in the
        accumulate type when the types are mixed)."""
        stats = "fp32" if prec.amp else dtype
        return [Buf("input", "input", numel(shape), dtype),
                Buf("mean, 1/std", "new", 2 * shape[0], stats, batched=False)]

    def param_tensors(self, eff: Effect) -> int:
        return 2 if self.affine else 0

    def buffer_bytes(self, eff: Effect, dtype: str) -> int:
        """Running mean and variance in ``dtype``, and the int64 batch counter."""
        return (eff.buffers - 1) * DTYPE_BYTES[dtype] + DTYPE_BYTES["int64"]

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

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input and a mean and 1/std per position (H x W per sample; one for a
        vector), in fp32 when the input is low precision and the weights fp32 (autocast).
        torch: derivatives.yaml, ``native_layer_norm`` (``input``, ``result1``,
        ``result2``, weight and bias); aten/src/ATen/native/layer_norm.cpp (statistics in
        the accumulate type for mixed types)."""
        stats = "fp32" if prec.amp else dtype
        return [Buf("input", "input", numel(shape), dtype),
                Buf("mean, 1/std", "new", 2 * numel(shape[1:]), stats)]

    def param_tensors(self, eff: Effect) -> int:
        return 2 if self.affine else 0


@register
class LayerScale(Kind):
    """Layer scale (ConvNeXt): a learned per-channel factor, a free tensor with no
    convolution behind it. params = C; ops = 1 multiply per element."""

    name = "layer_scale"
    prefix = "layer_scale"
    doc = "multiply each channel by a learned factor (ConvNeXt's layer scale)"

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, params=shape[0], ops=numel(shape))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input (for the factor's gradient; the factor, a parameter, for the
        input's). torch: derivatives.yaml, ``mul.Tensor`` (``self`` and ``other``)."""
        return [Buf("input", "input", numel(shape), dtype)]

    def out_dtype(self, dtype: str, prec: Precision) -> str:
        """The product with its fp32 factor is fp32 under autocast (type promotion)."""
        return "fp32" if prec.amp else dtype

    def param_tensors(self, eff: Effect) -> int:
        return 1


@register
class Scale(Kind):
    """A scalar multiply and add on every element: ``x * factor + shift`` (Inception-
    ResNet's ``x * 0.17``, a hand-written hardswish's ``x + 3`` and ``/ 6``, HGNetV2's
    learnable affine block). Each scalar is a constant or, when ``learned`` says so, one
    learned parameter (the value is then its initial one). Output: the input's shape.
    params = 1 per learned scalar; MACs 0 (an elementwise op, not a conv or linear: torch's
    FlopCounterMode counts nothing for it either); ops = 1 per element for the multiply
    (when the factor is learned or not 1) plus 1 per element for the add (when the shift
    is learned or not 0). Its receptive-field window is 1 x 1."""

    name = "scale"
    prefix = "scale"
    doc = "x * factor + shift with scalars, each a constant or one learned parameter"
    args = {
        "factor": Arg("float", 1.0, "the constant factor (the initial one when learned)",
                      min=-math.inf),
        "shift": Arg("float", 0.0, "the constant added (the initial one when learned)",
                     min=-math.inf),
        "learned": Arg("choice", "none", "which scalars are learned parameters (1 each)",
                       choices=("none", "factor", "shift", "both")),
    }

    @property
    def learns_factor(self) -> bool:
        return self.learned in ("factor", "both")

    @property
    def learns_shift(self) -> bool:
        return self.learned in ("shift", "both")

    def effect(self, shape: Shape) -> Effect:
        multiplies = self.learns_factor or self.factor != 1
        adds = self.learns_shift or self.shift != 0
        return Effect(output=shape, params=self.learns_factor + self.learns_shift,
                      ops=numel(shape) * (multiplies + adds))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input only when the factor is learned (the factor's gradient reads
        it); a constant factor's backward is ``grad * factor`` and an add's is the
        gradient itself. torch: derivatives.yaml, ``mul.Tensor`` (``self``, ``other``),
        ``mul.Scalar`` and ``add.Tensor`` / ``add.Scalar`` (nothing)."""
        return [Buf("input", "input", numel(shape), dtype)] if self.learns_factor else []

    def out_dtype(self, dtype: str, prec: Precision) -> str:
        """A learned scalar is a one-element fp32 tensor: under autocast the product (or
        sum) is fp32 by type promotion; a Python number keeps the input's type."""
        return "fp32" if prec.amp and self.learned != "none" else dtype

    def param_tensors(self, eff: Effect) -> int:
        return self.learns_factor + self.learns_shift
