"""Functional forms of the layers with weights (and ``F.interpolate``): ``F.batch_norm``, ``F.conv2d``,
``F.linear`` and ``F.layer_norm`` called with a module's own parameters and buffers (a
``BatchNorm2d`` subclass whose forward calls ``F.batch_norm``, timm's ``Conv2dSame``, a
``Linear`` subclass, a ``LayerNorm2d`` over a channels-last view). Registered in
``cnnstat.torch.opmap.FUNCTIONS`` and ``WEIGHTED``: the tracer names each after the
module whose weights it reads. Same rules as the module forms in ``modulerules``.
"""

from __future__ import annotations

from typing import Any

from cnnstat.torch.opmap import WEIGHTED, Args, function
from cnnstat.torch.opsteps import Step, pair, refuse, shape_of, upsample


def weighted(*names: str):
    WEIGHTED.update(names)
    return function(*names)


@weighted("batch_norm")
def _batch_norm(a: Args, out) -> list[Step]:
    mean, weight, bias = a.get(1, "running_mean"), a.get(3, "weight"), a.get(4, "bias")
    if a.nhwc or a.x.dim() not in (2, 4):
        refuse(f"a batch_norm of a {a.x.dim()}-D tensor{' (channels last)' if a.nhwc else ''}")
    if mean is None:
        refuse("a batch_norm without running statistics (cnnstat's bn keeps them as buffers)")
    if (weight is None) != (bias is None):
        refuse("a batch_norm with a weight but no bias, or a bias but no weight")
    return [("bn", {"affine": weight is not None, "eps": float(a.get(7, "eps", 1e-5))})]


@weighted("linear")
def _linear(a: Args, out) -> list[Step]:
    weight, bias = a.get(1, "weight"), a.get(2, "bias")
    if a.nhwc and a.x.dim() == 4:  # per position over the channels: a 1x1 convolution
        return [("conv", {"out": int(weight.shape[0]), "kernel": 1, "bias": bias is not None})]
    if a.x.dim() != 2:
        refuse(f"a linear on a {a.x.dim()}-D tensor (cnnstat's linear reads a flat vector per "
               "sample)")
    return [("linear", {"out": int(weight.shape[0]), "bias": bias is not None})]


@weighted("conv2d")
def _conv2d(a: Args, out) -> list[Step]:
    weight, bias = a.get(1, "weight"), a.get(2, "bias")
    if a.nhwc or a.x.dim() != 4:
        refuse("a conv2d of a tensor that is not an NCHW map")
    groups = int(a.get(6, "groups", 1))
    channels = int(shape_of(a.x)[1])
    padding: Any = a.get(4, "padding", 0)
    padding = padding if isinstance(padding, str) else pair(padding)
    if bias is not None and id(bias) in a.buffers:
        refuse("a conv2d whose bias is a buffer (cnnstat's conv learns its bias)")
    return [("conv", {"out": int(weight.shape[0]), "kernel": [int(k) for k in weight.shape[2:]],
                      "stride": pair(a.get(3, "stride", 1)), "padding": padding,
                      "dilation": pair(a.get(5, "dilation", 1)),
                      "groups": "in" if groups == channels > 1 else groups,
                      "bias": bias is not None, "fixed": id(weight) in a.buffers})]


@weighted("layer_norm")
def _layer_norm(a: Args, out) -> list[Step]:
    shape = tuple(int(d) for d in a.get(1, "normalized_shape"))
    weight, bias = a.get(2, "weight"), a.get(3, "bias")
    x = shape_of(a.x)
    if not ((a.nhwc and len(x) == 4) or len(x) == 2) or shape != (x[-1],):
        refuse(f"a layer_norm over {shape} of a {len(x)}-D tensor (cnnstat's layernorm is over "
               "the channels)")
    if (weight is None) != (bias is None):
        refuse("a layer_norm with a weight but no bias, or a bias but no weight")
    return [("layernorm", {"eps": float(a.get(4, "eps", 1e-5)), "affine": weight is not None})]


@function("interpolate", "upsample", "upsample_nearest", "upsample_bilinear")
def _interpolate(a: Args, out) -> list[Step]:
    """``F.interpolate`` (no weights; here beside its module form's rule)."""
    if a.get(5, "recompute_scale_factor") or a.get(6, "antialias"):
        refuse("an interpolate with recompute_scale_factor or antialias")
    mode = a.get(3, "mode", "nearest")
    size, scale = a.get(1, "size"), a.get(2, "scale_factor")
    if size is not None and not isinstance(size, (list, tuple)):
        size = int(size)
    return upsample(mode, size, scale, a.get(4, "align_corners"), a.x.dim())
