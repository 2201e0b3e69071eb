"""Torch modules and functional ops -> cnnstat layer kinds (the reverse of ``mapping``).

``MODULES`` maps an ``nn.Module`` class to a function of the module, its input shapes and
its output that returns the steps it is: a list of ``(kind, arguments)`` (a layer kind of
``cnnstat.layers``, or a merge: add, concat, mean), ``[]`` for an op that only passes its
input on (``contiguous``, a view that keeps the shape), or ``None``: no kind. ``FUNCTIONS``
does the same for functional ops (``F.relu``, ``torch.cat``, ``x.flatten(1)``,
``x.mean((2, 3))``, ``a + b``), keyed by the op's name. Shapes include the batch.

This module is the registry (the tables, the decorators that fill them, a functional op's
arguments and name); the rules register themselves from ``modulerules`` (modules),
``functionrules`` (functional ops) and ``functional`` (the functional forms of layers with
weights), imported at the end; ``opsteps`` holds the steps a module and its functional
form share.
"""

from __future__ import annotations

from typing import Any, Callable

from torch import nn

from cnnstat.torch.opsteps import Step


ModuleRule = Callable[[nn.Module, list[tuple[int, ...]], Any], "list[Step] | None"]
FunctionRule = Callable[["Args", Any], "list[Step] | None"]
MODULES: dict[type, ModuleRule] = {}
NAMED: dict[str, ModuleRule] = {}  # classes of optional packages, by module.qualname
FUNCTIONS: dict[str, FunctionRule] = {}
# functional forms of layers with weights: the parameters and buffers they read are a
# module's, and the op is named after that module
WEIGHTED: set[str] = set()


def module(*classes: type) -> Callable[[ModuleRule], ModuleRule]:
    def deco(fn: ModuleRule) -> ModuleRule:
        for cls in classes:
            MODULES[cls] = fn
        return fn
    return deco


def function(*names: str) -> Callable[[FunctionRule], FunctionRule]:
    def deco(fn: FunctionRule) -> FunctionRule:
        for name in names:
            FUNCTIONS[name] = fn
        return fn
    return deco


class Args:
    """A functional op's arguments, by position or by name; ``tensors`` are the inputs
    that are tensors (flattened from lists, as ``torch.cat``'s)."""

    def __init__(self, args: tuple, kwargs: dict, names: tuple[str, ...] = (), *,
                 nhwc: bool = False, buffers: frozenset[int] = frozenset()) -> None:
        self.args, self.kwargs, self.names = args, kwargs, names
        self.nhwc = nhwc  # the first input is a channels-last view of a map
        self.buffers = buffers  # ids of the model's buffers (a fixed filter is one)

    def get(self, i: int, name: str, default: Any = None) -> Any:
        if name in self.kwargs:
            return self.kwargs[name]
        return self.args[i] if i < len(self.args) else default

    @property
    def x(self) -> Any:
        return self.args[0] if self.args else self.kwargs.get("input")


def canonical(func: Any) -> str:
    """A functional op's name without namespace or in-place marks: ``F.relu_``,
    ``torch.relu``, ``Tensor.relu`` -> ``relu``; ``operator.iadd``, ``Tensor.__add__`` ->
    ``add``. A reflected op that is not commutative keeps its mark: ``Tensor.__rsub__``
    (``3 - x``) is ``rsub``."""
    name = func if isinstance(func, str) else getattr(func, "__name__", "") or ""
    if name == "fn":  # torch.nn.functional's boolean_dispatch wrappers (max_pool2d)
        name = _DISPATCHED.get(id(func), name)
    name = name.strip("_")
    if name[:1] == "i" and name[1:] in ("add", "mul", "sub", "truediv"):
        name = name[1:]
    elif name[:1] == "r" and name[1:] in ("add", "mul"):  # the same either way round
        name = name[1:]
    return name


def _dispatched() -> dict[int, str]:
    import torch.nn.functional as F

    return {id(getattr(F, n)): n for n in ("max_pool2d", "max_pool1d", "max_pool3d",
                                           "adaptive_max_pool2d", "fractional_max_pool2d")}


_DISPATCHED = _dispatched()


# the rules register themselves: of modules, of functional ops, and the functional forms
# of layers with weights
from cnnstat.torch import modulerules  # noqa: E402,F401
from cnnstat.torch import functionrules  # noqa: E402,F401
from cnnstat.torch import functional  # noqa: E402,F401
