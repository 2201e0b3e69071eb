"""Trace a module on the meta device into a flat list of ``cnnstat.spec.dag.Op``.

First with ``torch.fx.symbolic_trace`` (modules that have a layer kind are leaves), the
graph then run node by node on meta tensors, so every op sees real shapes. Where fx
cannot trace (a forward that branches on a tensor, iterates a shape, calls untraceable
Python), the same recorder runs the model itself under module hooks and a
``TorchFunctionMode`` that sees every functional op. Either way each module call and
functional op is mapped by ``cnnstat.torch.opmap``; one with no kind is a ``SpecError``
naming the module path and the op, and listing the kinds there are.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import fx, nn
from torch.overrides import TorchFunctionMode

from cnnstat.errors import SpecError
from cnnstat.layers import KINDS, KINDS_POINTER, MERGES
from cnnstat.spec.dag import INPUT, Op
from cnnstat.torch.opmap import FUNCTIONS, MODULES, NAMED, Args, canonical, layernorm


def rule_for(mod: nn.Module):
    """The opmap rule of ``mod``'s class, or of a base class whose forward it keeps."""
    cls = type(mod)
    named = NAMED.get(f"{cls.__module__}.{cls.__qualname__}")
    if named is not None:
        return named
    for base in cls.__mro__:
        rule = MODULES.get(base)
        if rule is not None:
            return rule if cls.forward is base.forward else None
    return None


def _kinds_line() -> str:
    return (f"Layer kinds: {', '.join(KINDS)}; merges: {', '.join(MERGES)} "
            f"({KINDS_POINTER})")


def _tensors(value: Any) -> list[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _tensors(v)]
    return []


def _display(func: Any) -> str:
    if isinstance(func, str):
        return f"Tensor.{func}"
    mod = getattr(func, "__module__", None) or ""
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", repr(func))
    if name.startswith(("TensorBase.", "Tensor.")):
        return "Tensor." + name.split(".", 1)[1]
    if "boolean_dispatch" in name:
        name = canonical(func)
        mod = "torch.nn.functional"
    if name.startswith("_VariableFunctionsClass."):
        return "torch." + name.split(".", 1)[1]
    if mod in ("torch._C._nn", "torch.nn.functional"):
        return f"torch.nn.functional.{name}"
    return f"{mod}.{name}" if mod else name


_ELEMENTWISE = {"relu", "relu6", "gelu", "silu", "hardswish", "hardsigmoid", "sigmoid", "tanh",
                "leaky_relu", "dropout", "identity", "stochastic_depth"}


class Recorder:
    """Turns module calls and functional ops, with their tensors, into ``Op``s."""

    def __init__(self, root: nn.Module) -> None:
        self.ops: list[Op] = []
        self.ids: dict[int, int] = {}
        self.keep: list[Any] = []
        self.counters: dict[tuple[str, str], int] = {}
        self.paths = {id(m): p for p, m in root.named_modules()}
        self.called: dict[str, int] = {}
        self.pending: dict[int, tuple[int, str, int]] = {}  # a channel shuffle under way
        self.nhwc: set[int] = set()  # tensors that are channels-last views of a map
        self.params = {id(p): n for n, p in root.named_parameters()}

    def start(self, x: torch.Tensor) -> None:
        self.keep.append(x)
        self.ids[id(x)] = INPUT

    def source(self, t: torch.Tensor, where: str) -> int:
        try:
            return self.ids[id(t)]
        except KeyError:
            raise SpecError(self.source_error(where)) from None

    @staticmethod
    def source_error(where: str) -> str:
        return (f"{where} reads a tensor that is not computed from the input (a parameter "
                "or a constant used directly); cnnstat's layers read only their input")

    def provisional(self, scope: str, stem: str) -> str:
        k = self.counters.get((scope, stem), 0) + 1
        self.counters[(scope, stem)] = k
        return f"{scope}.@{stem}{k}" if scope else f"@{stem}{k}"

    def emit(self, steps: list, inputs: list[int], out: Any, name: str | None, scope: str,
             where: str) -> None:
        outs = _tensors(out)
        if not steps:  # passes its input on
            for t in outs:
                self.keep.append(t)
                self.ids[id(t)] = inputs[0]
            return
        for i, (kind, args) in enumerate(steps):
            last = i == len(steps) - 1
            stem = KINDS[kind].prefix if kind in KINDS else kind
            op_name = name if (name is not None and i == 0) else self.provisional(scope, stem)
            free = op_name.rpartition(".")[2].startswith("@")
            if kind in MERGES:
                op = Op(op_name, inputs, merge=kind, free=free, where=where)
            else:
                try:
                    layer = KINDS[kind].make(args)
                except SpecError as err:
                    raise SpecError(f"{where}: {err.message}") from None
                op = Op(op_name, inputs[:1] if i else inputs, kind=layer, free=free,
                        where=where)
            self.ops.append(op)
            inputs = [len(self.ops) - 1]
            if last:
                for t in outs:
                    self.keep.append(t)
                    self.ids[id(t)] = len(self.ops) - 1

    def module(self, path: str, mod: nn.Module, args: tuple, out: Any) -> None:
        where = f"module '{path}' ({type(mod).__name__})"
        rule = rule_for(mod)
        xs = _tensors(args)
        inputs = [self.source(t, where) for t in xs]
        last = bool(xs) and id(xs[0]) in self.nhwc
        try:
            if last:  # on a channels-last view (ConvNeXt): per position, over the channels
                steps = self.channels_last(mod, xs[0], out)
            else:
                steps = rule(mod, [tuple(t.shape) for t in xs], out)  # type: ignore[misc]
        except SpecError as err:
            raise SpecError(f"{where}: {err.message} has no cnnstat layer kind. "
                            f"{_kinds_line()}") from None
        n = self.called.get(path, 0)
        self.called[path] = n + 1
        scope = path.rpartition(".")[0]
        name = path
        if n:
            if any(True for _ in mod.parameters()):
                raise SpecError(f"{where} is called {n + 1} times with the same weights; shared "
                                "weights have no layer kind in a spec")
            name = None
        self.emit(steps, inputs, out, name, scope, where)
        if last:
            self.nhwc.update(id(t) for t in _tensors(out))

    def channels_last(self, mod: nn.Module, x: torch.Tensor, out: Any) -> list:
        channels = int(x.shape[-1])
        if isinstance(mod, nn.Linear):  # a 1x1 convolution
            return [("conv", {"out": mod.out_features, "kernel": 1,
                              "bias": mod.bias is not None})]
        if isinstance(mod, nn.LayerNorm):
            return layernorm(mod, channels)
        steps = rule_for(mod)(mod, [tuple(x.shape)], out)  # type: ignore[misc]
        if any(kind not in _ELEMENTWISE for kind, _ in steps or []):
            raise SpecError(f"{type(mod).__name__} on a channels-last view")
        return steps

    def function(self, func: Any, args: tuple, kwargs: dict, out: Any, scope: str) -> None:
        outs = _tensors(out)
        if not outs:
            return  # sizes, shapes, flags: not part of the network
        xs = _tensors(list(args) + list(kwargs.values()))
        if not isinstance(out, torch.Tensor) and {id(t) for t in outs} <= {id(t) for t in xs}:
            return  # packs its inputs into a tuple (a named output tuple, say)
        op = canonical(func)
        if op == "getitem" and all(id(t) in self.ids for t in outs):
            return  # one tensor of a tuple already traced (x.chunk(2, 1)[0])
        if self.shuffle(op, xs, outs, scope):
            return
        if self.layout(op, args, xs, outs):
            return
        if op == "mul" and len(xs) == 2 and len(outs) == 1:
            params = [t for t in xs if id(t) in self.params and id(t) not in self.ids]
            maps = [t for t in xs if id(t) in self.ids]
            if len(params) == 1 and len(maps) == 1 and params[0].numel() == (
                    maps[0].shape[-1] if id(maps[0]) in self.nhwc else maps[0].shape[1]):
                # a learned per-channel factor (ConvNeXt's layer scale)
                where = f"{_display(func)} in module {scope!r}" if scope else _display(func)
                self.emit([("layer_scale", {})], [self.ids[id(maps[0])]], out,
                          self.params[id(params[0])], scope, where)
                return
        if op in ("chunk", "split", "tensor_split") and len(outs) > 1 and len(xs) == 1 \
                and xs[0].dim() == 4 and id(xs[0]) in self.ids:
            parts = len(outs)
            if all(t.shape[1] * parts == xs[0].shape[1] and t.shape[2:] == xs[0].shape[2:]
                   for t in outs):
                where = f"{_display(func)} in module {scope!r}" if scope else _display(func)
                for i, t in enumerate(outs):
                    self.emit([("split", {"part": i, "parts": parts})], [self.ids[id(xs[0])]],
                              t, None, scope, where)
                return
        display = _display(func)
        where = f"{display} in {f'module {scope!r}' if scope else 'the top-level forward'}"
        rule = FUNCTIONS.get(canonical(func))
        error = None
        try:
            steps = rule(Args(args, kwargs), out) if rule is not None else None
            if steps is None:
                error = f"{where} has no cnnstat layer kind (op '{canonical(func)}')"
        except SpecError as err:
            steps, error = None, f"{where}: {err.message} has no cnnstat layer kind"
        except Exception:  # an op we did not expect these arguments for
            steps, error = None, f"{where} has no cnnstat layer kind (op '{canonical(func)}')"
        inputs = [self.ids[id(t)] for t in xs if id(t) in self.ids]
        if error is None and len(inputs) < len(xs):
            error = self.source_error(where)
        if error is not None:
            # an error only if the network's output needs it (a value the forward only
            # tests, or leaves unused, does not matter)
            self.ops.append(Op(f"@error{len(self.ops)}", inputs, free=True, where=where,
                               error=f"{error}. {_kinds_line()}"))
            for t in outs:
                self.keep.append(t)
                self.ids[id(t)] = len(self.ops) - 1
            return
        self.emit(steps, inputs, out, None, scope, where)
        if xs and id(xs[0]) in self.nhwc and all(k in _ELEMENTWISE for k, _ in steps or []):
            self.nhwc.update(id(t) for t in outs)

    def layout(self, op: str, args: tuple, xs: list, outs: list) -> bool:
        """``permute(0, 2, 3, 1)`` makes a channels-last view of a map, ``permute(0, 3,
        1, 2)`` turns it back: no op, only the layout the next layers see."""
        if op != "permute" or len(xs) != 1 or len(outs) != 1 or id(xs[0]) not in self.ids:
            return False
        dims = args[1:] if len(args) > 2 else (args[1] if len(args) > 1 else ())
        dims = tuple(int(d) % 4 for d in dims)
        x, y = xs[0], outs[0]
        if dims == (0, 2, 3, 1) and id(x) not in self.nhwc:
            self.nhwc.add(id(y))
        elif dims == (0, 3, 1, 2) and id(x) in self.nhwc:
            pass
        else:
            return False
        self.keep.append(y)
        self.ids[id(y)] = self.ids[id(x)]
        return True

    def shuffle(self, op: str, xs: list, outs: list, scope: str) -> bool:
        """ShuffleNet's channel shuffle as written in Python: view (N, g, C/g, H, W),
        transpose(1, 2), contiguous, view (N, C, H, W); one ``shuffle`` op."""
        if len(outs) != 1 or not xs:
            return False
        x, y = xs[0], outs[0]
        state = self.pending.get(id(x))
        if op in ("view", "reshape", "unflatten") and state is None and x.dim() == 4 \
                and y.dim() == 5 and id(x) in self.ids and y.shape[0] == x.shape[0] \
                and y.shape[1] * y.shape[2] == x.shape[1] and y.shape[3:] == x.shape[2:]:
            self.pending[id(y)] = (self.ids[id(x)], "grouped", int(y.shape[1]))
        elif state is not None and op in ("transpose", "swapaxes", "permute") \
                and state[1] == "grouped" and y.dim() == 5 \
                and (y.shape[1], y.shape[2]) == (x.shape[2], x.shape[1]):
            self.pending[id(y)] = (state[0], "shuffled", state[2])
        elif state is not None and op in ("contiguous", "clone"):
            self.pending[id(y)] = state
        elif state is not None and state[1] == "shuffled" and y.dim() == 4 \
                and op in ("view", "reshape", "flatten"):
            where = f"Tensor.{op} in module {scope!r}" if scope else f"Tensor.{op}"
            self.emit([("shuffle", {"groups": state[2]})], [state[0]], y, None, scope, where)
        else:
            return False
        self.keep.append(y)
        return True

    def outputs(self, value: Any) -> list[int]:
        return [self.source(t, "the output") for t in _tensors(value)]


# --------------------------------------------------------------------------- torch.fx

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


# --------------------------------------------------------------------------- hooks

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
