"""Trace a module on the meta device into a flat list of ``cnnstat.spec.dag.Op``.

First with ``torch.fx.symbolic_trace`` (modules that have a layer kind are leaves), the
graph then run node by node on meta tensors, so every op sees real shapes. Where fx
cannot trace (a forward that branches on a tensor, iterates a shape, calls untraceable
Python), the same recorder runs the model itself under module hooks and a
``TorchFunctionMode`` that sees every functional op. Either way each module call and
functional op goes to a ``recorder.Recorder``, which maps it by ``cnnstat.torch.opmap``;
one with no kind is a ``SpecError`` naming the module path and the op, and listing the
kinds there are.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import fx, nn
from torch.overrides import TorchFunctionMode

from cnnstat.spec.dag import Op
from cnnstat.torch.opmap import canonical
from cnnstat.torch.recorder import Recorder, rule_for


def _broadcast(func: Any, args: tuple, kwargs: dict) -> torch.Tensor | None:
    """The result of an elementwise add or multiply of two meta tensors, made from the
    broadcast shape: torch's meta kernel for a broadcasting multiply first loads its
    symbolic-shape machinery (5 s on a loaded machine, once per process). None: run it.
    Only for ops that return a new tensor (an in-place op must keep its object)."""
    name = func if isinstance(func, str) else getattr(func, "__name__", "")
    if kwargs or len(args) != 2 or canonical(func) not in ("add", "mul") \
            or name.endswith("_") and not name.startswith("__") or name.startswith("__i") \
            or name.startswith("i"):
        return None
    a, b = args
    if not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)) \
            or a.device.type != "meta" or b.device.type != "meta" or a.dtype != b.dtype:
        return None
    try:
        shape = torch.broadcast_shapes(a.shape, b.shape)
    except RuntimeError:
        return None
    return torch.empty(shape, dtype=a.dtype, device="meta")


class _Tracer(fx.Tracer):
    def is_leaf_module(self, m: nn.Module, qualname: str) -> bool:
        return rule_for(m) is not None


class _Run(fx.Interpreter):
    def __init__(self, model: nn.Module, graph: fx.Graph, rec: Recorder) -> None:
        # the graph run on the model itself: no GraphModule, whose code generation costs
        # a second on a large graph
        super().__init__(model, graph=graph)
        self.rec = rec
        self.scope = ""

    def run_node(self, n: fx.Node) -> Any:
        stack = n.meta.get("nn_module_stack") or {}
        self.scope = next(reversed(stack)) if stack else ""
        if isinstance(self.scope, tuple):  # pragma: no cover - older layouts
            self.scope = self.scope[0]
        return super().run_node(n)

    def call_module(self, target, args, kwargs):
        mod = self.fetch_attr(target)
        x = args[0] if args else None
        if isinstance(mod, nn.modules.batchnorm._BatchNorm) and isinstance(x, torch.Tensor) \
                and x.dim() in (2, 4) and x.shape[1] == mod.num_features and not kwargs:
            # batch norm keeps its input's shape, and torch runs it on meta through a slow
            # Python decomposition (~5 ms); only shapes are needed here
            out = torch.empty_like(x)
        else:
            out = super().call_module(target, args, kwargs)
        self.rec.module(str(target), mod, args, out)
        return out

    def call_function(self, target, args, kwargs):
        out = _broadcast(target, args, kwargs)
        if out is None:
            out = super().call_function(target, args, kwargs)
        self.rec.function(target, args, kwargs, out, self.scope)
        return out

    def call_method(self, target, args, kwargs):
        out = super().call_method(target, args, kwargs)
        self.rec.function(str(target), args, kwargs, out, self.scope)
        return out


def trace_fx(model: nn.Module, x: torch.Tensor) -> tuple[list[Op], list[int]]:
    """Raises ``SpecError`` for an unmappable op, anything else when fx cannot trace."""
    graph = _Tracer().trace(model)
    rec = Recorder(model)
    rec.start(x)
    out = _Run(model, graph, rec).run(x)
    return rec.ops, rec.outputs(out)


class _Mode(TorchFunctionMode):
    def __init__(self, rec: Recorder, stack: list[str], inside: list[int]) -> None:
        super().__init__()
        self.rec, self.stack, self.inside = rec, stack, inside

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = _broadcast(func, args, kwargs)
        if out is None:
            out = func(*args, **kwargs)
        if not self.inside[0]:
            self.rec.function(func, args, kwargs, out, self.stack[-1] if self.stack else "")
        return out


def trace_hooks(model: nn.Module, x: torch.Tensor) -> tuple[list[Op], list[int]]:
    """Run the model itself: module hooks give the module paths and the leaves, a
    ``TorchFunctionMode`` every functional op in between."""
    rec = Recorder(model)
    rec.start(x)
    stack: list[str] = []
    inside = [0]
    paths = rec.paths

    def pre(mod, args):
        path = paths.get(id(mod))
        if path is None:
            return
        if inside[0] or rule_for(mod) is not None:
            inside[0] += 1
        stack.append(path)

    def post(mod, args, out):
        path = paths.get(id(mod))
        if path is None:
            return
        stack.pop()
        if inside[0]:
            inside[0] -= 1
            if not inside[0]:
                rec.module(path, mod, args, out)

    from torch.nn.modules.module import (register_module_forward_hook,
                                         register_module_forward_pre_hook)

    handles = [register_module_forward_pre_hook(pre), register_module_forward_hook(post)]
    try:
        with _Mode(rec, stack, inside):
            out = model(x)
    finally:
        for h in handles:
            h.remove()
    return rec.ops, rec.outputs(out)
