"""Elementwise activations and softmax."""

from __future__ import annotations

from cnnstat.layers.base import Arg, Effect, Kind, Shape, numel, register

class _Activation(Kind):
    """An elementwise activation. ops = 1 per element."""

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=numel(shape))


@register
class ReLU(_Activation):
    __doc__ = _Activation.__doc__
    name = "relu"
    prefix = "relu"
    doc = "rectified linear unit, max(0, x); in place, so it adds no activation memory"
    allocates = False


@register
class Sigmoid(_Activation):
    __doc__ = _Activation.__doc__
    name = "sigmoid"
    prefix = "sigmoid"
    doc = "logistic sigmoid"


@register
class Tanh(_Activation):
    __doc__ = _Activation.__doc__
    name = "tanh"
    prefix = "tanh"
    doc = "hyperbolic tangent"


@register
class Softmax(Kind):
    """Softmax over a vector. ops = 3 per element (exp, sum, divide)."""

    name = "softmax"
    prefix = "softmax"
    doc = "softmax over the class scores (nn.Softmax)"

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=3 * numel(shape))


class _GatedActivation(Kind):
    """An activation of the form x * f(x). ops = 2 per element (f, then the product)."""

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=2 * numel(shape))


@register
class ReLU6(_Activation):
    """min(max(0, x), 6) (MobileNetV2). ops = 1 per element."""

    name = "relu6"
    prefix = "relu"
    doc = "ReLU capped at 6, min(max(0, x), 6) (nn.ReLU6); in place"
    allocates = False


@register
class LeakyReLU(_Activation):
    """x for x >= 0, slope * x below. ops = 1 per element."""

    name = "leaky_relu"
    prefix = "relu"
    doc = "leaky ReLU, x or slope * x (nn.LeakyReLU); in place"
    allocates = False
    args = {"slope": Arg("float", 0.01, "slope for negative inputs", min=0)}


@register
class Hardsigmoid(_Activation):
    """relu6(x + 3) / 6, the piecewise-linear sigmoid (MobileNetV3's SE gate).
    ops = 1 per element."""

    name = "hardsigmoid"
    prefix = "hardsigmoid"
    doc = "hard sigmoid, relu6(x + 3) / 6 (nn.Hardsigmoid); in place"
    allocates = False


@register
class SiLU(_GatedActivation):
    """x * sigmoid(x), also called swish (EfficientNet). ops = 2 per element (the
    sigmoid, the product)."""

    name = "silu"
    prefix = "silu"
    doc = "SiLU / swish, x * sigmoid(x) (nn.SiLU); in place"
    allocates = False


@register
class Hardswish(_GatedActivation):
    """x * relu6(x + 3) / 6 (MobileNetV3). ops = 2 per element (the hard sigmoid, the
    product)."""

    name = "hardswish"
    prefix = "hardswish"
    doc = "hard swish, x * relu6(x + 3) / 6 (nn.Hardswish); in place"
    allocates = False


@register
class GELU(_GatedActivation):
    """x * Phi(x), Phi the standard normal CDF (ConvNeXt). ops = 2 per element (Phi, the
    product)."""

    name = "gelu"
    prefix = "gelu"
    doc = "Gaussian error linear unit, x * Phi(x) (nn.GELU)"
    args = {"approximate": Arg("choice", "none", "tanh approximation of Phi, or none",
                               choices=("none", "tanh"))}
