"""Elementwise activations and softmax."""

from __future__ import annotations

from cnnstat.layers.base import Effect, Kind, Shape, numel, register

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
