"""Elementwise activations and softmax."""

from __future__ import annotations

from cnnstat.layers.base import Buf, Effect, Kind, Precision, Shape, numel, register

class _Activation(Kind):
    """An elementwise activation. ops = 1 per element."""

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=numel(shape))


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
