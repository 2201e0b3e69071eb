"""Pooling and LeNet-5's trainable subsampling."""

from __future__ import annotations

from cnnstat.errors import SpecError
from cnnstat.layers.args import Arg, _fmt_val
from cnnstat.layers.base import Kind, register
from cnnstat.layers.effect import Effect, Field, Shape, _spatial, numel
from cnnstat.layers.storage import DTYPE_BYTES, Buf, Precision
from cnnstat.layers.window import window_out

class _Pool(Kind):
    args = {
        "kernel": Arg("pair", doc="window size, k or [kh, kw]"),
        "stride": Arg("pair", None, "stride (default: the kernel size, as in PyTorch)"),
        "padding": Arg("pair", 0, "padding per side", min=0),
        "ceil_mode": Arg("bool", False, "round the output size up (Caffe/GoogLeNet style)"),
    }

    def _geometry(self, shape: Shape) -> tuple[int, int, int, tuple[int, int], tuple[int, int]]:
        c, h, w = _spatial(shape, self.name)
        k = self.kernel
        s = self.stride or k
        p = self.padding
        if p[0] > k[0] // 2 or p[1] > k[1] // 2:
            raise SpecError(f"{self.name} padding {_fmt_val(p)} must be at most half the kernel "
                            f"{_fmt_val(k)} (a PyTorch rule)")
        oh = window_out(h, k[0], s[0], p[0], ceil=self.ceil_mode)
        ow = window_out(w, k[1], s[1], p[1], ceil=self.ceil_mode)
        return c, oh, ow, k, s


@register
class MaxPool(_Pool):
    """Max pooling. ops = kh x kw - 1 comparisons per output element."""

    name = "maxpool"
    prefix = "pool"
    doc = "max pooling (nn.MaxPool2d); overlapping when stride < kernel"

    def effect(self, shape: Shape) -> Effect:
        c, oh, ow, k, s = self._geometry(shape)
        return Effect(output=(c, oh, ow), ops=c * oh * ow * (k[0] * k[1] - 1), window=(k, s))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input and the argmax indices, int64 (8 bytes each, twice a float32
        output). torch: derivatives.yaml, ``max_pool2d_with_indices`` (backward reads
        ``self`` and ``result1``)."""
        return [Buf("input", "input", numel(shape), dtype),
                Buf("indices", "new", numel(eff.output), "int64")]

    def transient(self, shape: Shape, eff: Effect, dtype: str) -> int:
        """At inference too torch computes the indices (int64) with the output and then
        drops them. torch: aten/src/ATen/native/Pooling.cpp, ``max_pool2d`` (returns
        ``std::get<0>(at::max_pool2d_with_indices(...))`` off the mkldnn, quantized and
        mobile paths; measured on CPU with torch 2.13)."""
        return numel(eff.output) * (DTYPE_BYTES[dtype] + DTYPE_BYTES["int64"])


@register
class AvgPool(_Pool):
    """Average pooling. ops = kh x kw (adds and one divide) per output element."""

    name = "avgpool"
    prefix = "avgpool"
    doc = "average pooling (nn.AvgPool2d)"

    def effect(self, shape: Shape) -> Effect:
        c, oh, ow, k, s = self._geometry(shape)
        return Effect(output=(c, oh, ow), ops=c * oh * ow * k[0] * k[1], window=(k, s))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input. torch: derivatives.yaml, ``avg_pool2d`` (backward reads
        ``self``)."""
        return [Buf("input", "input", numel(shape), dtype)]


@register
class AdaptiveAvgPool(Kind):
    """Adaptive average pooling to a fixed output size. ops = one add per input element
    (each input element lands in at least one bin; exact when the sizes divide)."""

    name = "adaptive_avgpool"
    prefix = "avgpool"
    doc = "adaptive average pooling to a fixed output size (nn.AdaptiveAvgPool2d)"
    args = {"size": Arg("pair", doc="output size, n or [h, w]")}

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        oh, ow = self.size
        kernel = (-(-h // oh), -(-w // ow))
        stride = (max(1, h // oh), max(1, w // ow))
        if (oh, ow) == (h, w):
            return Effect(output=(c, oh, ow), window=((1, 1), (1, 1)))
        return Effect(output=(c, oh, ow), ops=c * oh * ow * kernel[0] * kernel[1],
                      window=(kernel, stride))

    def field(self, inp: Field, shape: Shape, eff: Effect) -> Field:
        """Its bins' window; a 1 x 1 output is global context (each value reads the whole
        map; see ``Field``)."""
        return inp.through(eff.window, is_global=eff.output[1:] == (1, 1) != shape[1:])

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input, except for a 1x1 output, which torch computes as a mean (whose
        backward needs only the shape). torch: aten/src/ATen/native/AdaptiveAveragePooling.cpp
        (``adaptive_avg_pool2d``: ``mean`` for output 1x1); derivatives.yaml,
        ``_adaptive_avg_pool2d`` (``self``)."""
        if tuple(self.size) == (1, 1):
            return []
        return [Buf("input", "input", numel(shape), dtype)]


@register
class GlobalAvgPool(Kind):
    """Global average pooling: C x H x W -> C x 1 x 1. ops = one add per input element.
    Receptive field: its window is the whole map, and its output is global context
    (``Field``): a gate computed from it does not move the receptive field or jump of the
    map it scales."""

    name = "global_avgpool"
    prefix = "avgpool"
    doc = "global average pooling (nn.AdaptiveAvgPool2d(1)), as in NiN and GoogLeNet"

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        return Effect(output=(c, 1, 1), ops=c * h * w, window=((h, w), (h, w)))

    def field(self, inp: Field, shape: Shape, eff: Effect) -> Field:
        return inp.through(eff.window, is_global=shape[1:] != (1, 1))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: torch computes it as a mean over H and W, whose backward needs
        only the shape. torch: AdaptiveAveragePooling.cpp (``mean`` for output 1x1);
        derivatives.yaml, ``mean.dim``."""
        return []


@register
class Subsample(_Pool):
    """Trainable subsampling (LeNet-5's S2 and S4): the sum of each kh x kw window times
    one learned coefficient per map, plus one learned bias per map. params = 2C;
    MACs = 0 (not a conv or linear layer); ops = kh x kw + 1 per output element (the
    window's adds, one multiply, one bias add)."""

    name = "subsample"
    prefix = "subsample"
    doc = "trainable subsampling: window sum x a coefficient + a bias, per map (LeNet-5)"

    def effect(self, shape: Shape) -> Effect:
        c, oh, ow, k, s = self._geometry(shape)
        return Effect(output=(c, oh, ow), params=2 * c, ops=c * oh * ow * (k[0] * k[1] + 1),
                      window=(k, s))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input (for the window sum, an ``avg_pool2d``) and the window sums (for
        the coefficient's gradient). torch: derivatives.yaml, ``avg_pool2d`` (``self``) and
        ``mul.Tensor`` (``self`` for ``other``'s gradient)."""
        return [Buf("input", "input", numel(shape), dtype),
                Buf("window sums", "new", numel(eff.output), dtype)]

    def out_dtype(self, dtype: str, prec: Precision) -> str:
        """The product with the fp32 coefficients is fp32 under autocast (promotion)."""
        return "fp32" if prec.amp else dtype

    def param_tensors(self, eff: Effect) -> int:
        return 2
