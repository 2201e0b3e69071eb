"""The rules of ``opmap.FUNCTIONS`` for functional ops without weights: activations,
arithmetic with a number (cnnstat's ``scale``), products and sums of maps, softmax,
dropout, pooling, flatten and views, the mean over a map, ``torch.cat``. Each takes the
op's ``Args`` and its output and returns the steps it is.
"""

from __future__ import annotations

from typing import Any, Callable

import torch

from cnnstat.torch.opmap import FUNCTIONS, Args, FunctionRule, function
from cnnstat.torch.opsteps import (Step, adaptive_steps, flatten_steps, pool_steps, refuse,
                                   shape_of, softmax_steps)


def _act(kind: str) -> FunctionRule:
    return lambda a, out: [(kind, {})]


for _kind in ("relu", "sigmoid", "tanh", "relu6", "hardsigmoid", "silu", "hardswish"):
    FUNCTIONS[_kind] = _act(_kind)


@function("hardtanh")
def _hardtanh_fn(a: Args, out) -> list[Step] | None:
    if (a.get(1, "min_val", -1.0), a.get(2, "max_val", 1.0)) != (0.0, 6.0):
        return None
    return [("relu6", {})]


FUNCTIONS["leaky_relu"] = lambda a, out: [("leaky_relu",
                                           {"slope": float(a.get(1, "negative_slope", 0.01))})]
FUNCTIONS["gelu"] = lambda a, out: [("gelu", {"approximate": a.get(1, "approximate", "none")})]


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _operands(a: Args) -> tuple[Any, Any]:
    """A binary op's two operands: by position, or the second as ``other``."""
    return a.args[0], a.args[1] if len(a.args) > 1 else a.kwargs.get("other")


def _scalar(op: str, a: Args) -> list[Step] | None:
    """A tensor and a Python number: ``x + c``, ``x - c``, ``c - x``, ``x * c``, ``x / c``
    are cnnstat's ``scale`` (x * factor + shift); ``x + 0`` and ``x * 1`` pass ``x`` on.
    None: not a tensor and a number."""
    x, y = _operands(a)
    if isinstance(x, torch.Tensor) and _number(y):
        c, first = float(y), True
    elif _number(x) and isinstance(y, torch.Tensor):
        c, first = float(x), False
    else:
        return None
    alpha = a.get(2, "alpha", 1) if op in ("add", "sub", "rsub") else 1
    if not _number(alpha) or a.kwargs.get("rounding_mode") is not None:
        refuse(f"a {op} with alpha={alpha!r} or a rounding mode")
    if op == "add":
        factor, shift = 1.0, c * alpha
    elif op == "sub" and first:  # x - c
        factor, shift = 1.0, -c * alpha
    elif op in ("sub", "rsub"):  # c - x (operator.sub(c, x), Tensor.__rsub__, torch.rsub)
        factor, shift = -float(alpha), c
    elif op == "mul":
        factor, shift = c, 0.0
    elif first and c != 0:  # x / c
        factor, shift = 1.0 / c, 0.0
    else:
        refuse(f"a division {'by zero' if first else 'of a number by a tensor'} (cnnstat's "
               "scale multiplies by a number and adds one: x * factor + shift)")
    if factor == 1 and shift == 0:
        return []
    return [("scale", {"factor": factor, "shift": shift})]


def _scalar_rule(op: str) -> FunctionRule:
    return lambda a, out: _scalar(op, a)


for _op in ("sub", "rsub", "div", "truediv"):
    FUNCTIONS[_op] = _scalar_rule(_op)


def _of_maps(op: str, why: Callable[[Any, Any], str],
             check: Callable[[Args, Any, Any], None]) -> FunctionRule:
    """``x * y``, ``x + y``: cnnstat's ``scale`` when one side is a number (``_scalar``),
    else the merge ``op`` of two tensors that ``check`` accepts; refused as ``why(x, y)``
    says when one side is neither."""
    def rule(a: Args, out) -> list[Step] | None:
        steps = _scalar(op, a)
        if steps is not None:
            return steps
        x, y = _operands(a)
        if not (isinstance(x, torch.Tensor) and isinstance(y, torch.Tensor)):
            refuse(why(x, y))
        check(a, x, y)
        return [(op, None)]
    return rule


def _gated(a: Args, x: Any, y: Any) -> None:
    shapes = sorted((shape_of(x), shape_of(y)), key=len)
    if x.dim() != 4 or y.dim() != 4 or not (
            shapes[0] == shapes[1] or (shape_of(x)[:2] == shape_of(y)[:2] and
                                       (shape_of(x)[2:] == (1, 1)
                                        or shape_of(y)[2:] == (1, 1)))):
        refuse("a multiplication of tensors that is not a map times a per-channel gate")


FUNCTIONS["mul"] = _of_maps("mul", lambda x, y: (
    f"a multiplication by {y if isinstance(x, torch.Tensor) else x!r} (cnnstat's scale "
    "multiplies by a number, x * factor + shift)"), _gated)


@function("softmax")
def _softmax_fn(a: Args, out) -> list[Step] | None:
    return softmax_steps(shape_of(a.x), a.get(1, "dim"))


@function("dropout", "dropout2d", "feature_dropout", "alpha_dropout")
def _dropout_fn(a: Args, out) -> list[Step]:
    return [("dropout", {"p": float(a.get(1, "p", 0.5))})]


@function("max_pool2d")
def _max_pool_fn(a: Args, out) -> list[Step]:
    if a.get(6, "return_indices", False):
        refuse("max_pool2d returning indices")
    return pool_steps("maxpool", a.get(1, "kernel_size"), a.get(2, "stride"),
                      a.get(3, "padding", 0), a.get(5, "ceil_mode", False),
                      a.get(4, "dilation", 1))


@function("avg_pool2d")
def _avg_pool_fn(a: Args, out) -> list[Step]:
    if a.get(6, "divisor_override") is not None:
        refuse("avg_pool2d with divisor_override")
    return pool_steps("avgpool", a.get(1, "kernel_size"), a.get(2, "stride"),
                      a.get(3, "padding", 0), a.get(4, "ceil_mode", False))


FUNCTIONS["adaptive_avg_pool2d"] = lambda a, out: adaptive_steps(out)
FUNCTIONS["stochastic_depth"] = lambda a, out: [
    ("stochastic_depth", {"p": float(a.get(1, "p")), "mode": a.get(2, "mode", "row")})]


@function("flatten", "view", "reshape")
def _flatten_fn(a: Args, out) -> list[Step] | None:
    return flatten_steps(shape_of(a.x), shape_of(out))


@function("contiguous", "clone", "detach", "float", "to", "type_as")
def _alias(a: Args, out) -> list[Step] | None:
    return [] if shape_of(a.x) == shape_of(out) else None


@function("mean")
def _mean(a: Args, out) -> list[Step] | None:
    x = a.x
    dims = a.get(1, "dim")
    dims = [dims] if isinstance(dims, int) else list(dims or [])
    if x.dim() != 4 or sorted(d % 4 for d in dims) != [2, 3]:
        return None
    steps: list[Step] = [("global_avgpool", {})]
    if not a.get(2, "keepdim", False):
        steps.append(("flatten", {}))
    return steps


@function("cat", "concat", "concatenate")
def _cat(a: Args, out) -> list[Step] | None:
    dim = a.get(1, "dim", 0)
    first = list(a.args[0] if a.args else a.kwargs.get("tensors"))[0]
    if first.dim() != 4 or dim % 4 != 1:
        refuse(f"a cat along dim {dim} of {first.dim()}-D tensors (cnnstat's concat joins "
               "feature maps along channels)")
    return [("concat", None)]


def _same_shape(a: Args, x: Any, y: Any) -> None:
    if a.get(2, "alpha", 1) != 1 or shape_of(x) != shape_of(y):
        refuse("an add of tensors of different shapes (broadcasting) or with alpha")


FUNCTIONS["add"] = _of_maps("add", lambda x, y: (
    f"an add of {x!r} and {y!r} (cnnstat adds maps, or a number to a map: scale)"),
    _same_shape)
