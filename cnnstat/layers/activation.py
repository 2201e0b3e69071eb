"""Elementwise activations and softmax."""

from __future__ import annotations

from cnnstat.layers.args import Arg
from cnnstat.layers.base import Kind, register
from cnnstat.layers.effect import Effect, Shape, numel
from cnnstat.layers.storage import Buf, Precision

class _Activation(Kind):
    """An elementwise activation. ops = 1 per element."""

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=numel(shape))


def keeps_input(shape: Shape, dtype: str) -> list[Buf]:
    """The rule of activations whose derivative is a function of their input."""
    return [Buf("input", "input", numel(shape), dtype)]


def keeps_output(shape: Shape, dtype: str) -> list[Buf]:
    """The rule of activations whose derivative is a function of their output."""
    return [Buf("output", "output", numel(shape), dtype)]


@register
class ReLU(_Activation):
    __doc__ = _Activation.__doc__
    name = "relu"
    prefix = "relu"
    doc = "rectified linear unit, max(0, x); in place, so it adds no activation memory"
    allocates = False
    in_place = True

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its output (the mask is output > 0); in place, the output is the input's
        storage. torch: derivatives.yaml, ``relu`` (``threshold_backward(grad, result,
        0)``)."""
        return keeps_output(shape, dtype)


@register
class Sigmoid(_Activation):
    __doc__ = _Activation.__doc__
    name = "sigmoid"
    prefix = "sigmoid"
    doc = "logistic sigmoid"

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its output: s' = s(1 - s). torch: derivatives.yaml, ``sigmoid``
        (``sigmoid_backward(grad, result)``)."""
        return keeps_output(shape, dtype)


@register
class Tanh(_Activation):
    __doc__ = _Activation.__doc__
    name = "tanh"
    prefix = "tanh"
    doc = "hyperbolic tangent"

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its output: tanh' = 1 - tanh^2. torch: derivatives.yaml, ``tanh``
        (``tanh_backward(grad, result)``)."""
        return keeps_output(shape, dtype)


@register
class Softmax(Kind):
    """Softmax over a vector. ops = 3 per element (exp, sum, divide)."""

    name = "softmax"
    prefix = "softmax"
    doc = "softmax over the class scores (nn.Softmax)"

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=3 * numel(shape))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its output. torch: derivatives.yaml, ``_softmax``
        (``_softmax_backward_data(grad, result, ...)``)."""
        return keeps_output(shape, dtype)

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
    in_place = True
    copies_input_in_place = True

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input (hardtanh's backward reads it); run in place, autograd first
        copies the input (a new tensor of the same size), so in place saves nothing in
        training. torch: derivatives.yaml, ``hardtanh`` (``hardtanh_backward(grad, self,
        ...)``); measured with torch 2.13's ``nn.ReLU6(inplace=True)``."""
        return keeps_input(shape, dtype)


@register
class LeakyReLU(_Activation):
    """x for x >= 0, slope * x below. ops = 1 per element."""

    name = "leaky_relu"
    prefix = "relu"
    doc = "leaky ReLU, x or slope * x (nn.LeakyReLU); in place"
    allocates = False
    in_place = True

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input, or run in place its output (the same storage): the sign of
        either tells the slope when the slope is not negative. torch: derivatives.yaml,
        ``leaky_relu`` (``self``) and ``leaky_relu_`` (``result``)."""
        return keeps_input(shape, dtype)
    args = {"slope": Arg("float", 0.01, "slope for negative inputs", min=0)}


@register
class Hardsigmoid(_Activation):
    """relu6(x + 3) / 6, the piecewise-linear sigmoid (MobileNetV3's SE gate).
    ops = 1 per element."""

    name = "hardsigmoid"
    prefix = "hardsigmoid"
    doc = "hard sigmoid, relu6(x + 3) / 6 (nn.Hardsigmoid); in place"
    allocates = False
    in_place = True
    copies_input_in_place = True

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input; run in place, a copy of it made first. torch:
        derivatives.yaml, ``hardsigmoid`` (``hardsigmoid_backward(grad, self)``); measured
        with ``nn.Hardsigmoid(inplace=True)``."""
        return keeps_input(shape, dtype)


@register
class SiLU(_GatedActivation):
    """x * sigmoid(x), also called swish (EfficientNet). ops = 2 per element (the
    sigmoid, the product)."""

    name = "silu"
    prefix = "silu"
    doc = "SiLU / swish, x * sigmoid(x) (nn.SiLU); in place"
    allocates = False
    in_place = True
    copies_input_in_place = True

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input; run in place, a copy of it made first. torch:
        derivatives.yaml, ``silu`` (``silu_backward(grad, self)``); measured with
        ``nn.SiLU(inplace=True)``."""
        return keeps_input(shape, dtype)


@register
class Hardswish(_GatedActivation):
    """x * relu6(x + 3) / 6 (MobileNetV3). ops = 2 per element (the hard sigmoid, the
    product)."""

    name = "hardswish"
    prefix = "hardswish"
    doc = "hard swish, x * relu6(x + 3) / 6 (nn.Hardswish); in place"
    allocates = False
    in_place = True
    copies_input_in_place = True

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input; run in place, a copy of it made first. torch:
        derivatives.yaml, ``hardswish`` (``hardswish_backward(grad, self)``); measured with
        ``nn.Hardswish(inplace=True)``."""
        return keeps_input(shape, dtype)


@register
class GELU(_GatedActivation):
    """x * Phi(x), Phi the standard normal CDF (ConvNeXt). ops = 2 per element (Phi, the
    product)."""

    name = "gelu"
    prefix = "gelu"
    doc = "Gaussian error linear unit, x * Phi(x) (nn.GELU)"
    args = {"approximate": Arg("choice", "none", "tanh approximation of Phi, or none",
                               choices=("none", "tanh"))}

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input. torch: derivatives.yaml, ``gelu`` (``gelu_backward(grad, self,
        approximate)``)."""
        return keeps_input(shape, dtype)
