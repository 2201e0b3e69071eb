"""What the tracer records: ``Recorder`` turns each module call and functional op, with
its tensors, into ``cnnstat.spec.dag.Op``s, by the rules of ``cnnstat.torch.opmap`` (and
``plumbing`` for views, slices, pads and layout). An op with no kind is a ``SpecError``
naming the module path and the op, and listing the kinds there are, or an error op that
matters only if the network's output needs it. ``trace`` feeds it.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from cnnstat.errors import SpecError
from cnnstat.layers import KINDS, KINDS_POINTER, MERGES
from cnnstat.spec.dag import INPUT, Op
from cnnstat.torch.opmap import FUNCTIONS, MODULES, NAMED, WEIGHTED, Args, canonical
from cnnstat.torch.opsteps import layernorm
from cnnstat.torch.plumbing import VIEWS, Plumbing, channel_slice, display, where_of


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


_ELEMENTWISE = {"relu", "relu6", "gelu", "silu", "hardswish", "hardsigmoid", "sigmoid", "tanh",
                "leaky_relu", "dropout", "identity", "stochastic_depth", "scale"}
_PER_POSITION = {"layernorm", "conv"}
# ops with a learned scalar that make a ``scale``: which of its scalars the parameter is
_LEARNED = {"mul": "factor", "div": "factor", "truediv": "factor", "add": "shift",
            "sub": "shift"}  # on a channels-last view: still channels-last


class Recorder(Plumbing):
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
        # every parameter and buffer, by the path of the module that owns it: a
        # functional op that reads them (F.batch_norm in a BatchNorm subclass's forward)
        # is that module's layer
        self.owned = {id(t): n for n, t in list(root.named_parameters())
                      + list(root.named_buffers())}
        self.used: dict[int, str] = {}  # weights a traced op has read, and where
        self.buffers = frozenset(id(t) for t in root.buffers())
        self.padded: dict[int, tuple[int, tuple[int, int, int, int]]] = {}  # F.pad outputs
        self.flat: dict[int, list[int]] = {}  # vectors from a 1x1 map, and the ops since
        self.broadcast: set[int] = set()  # per-channel gates expanded over a map
        # the function being recorded (``torch.nn.functional.relu``): every layer emitted
        # meanwhile was that function call in the model's code, not a module
        self.calling: str | None = None

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
                        where=where, functional=self.calling)
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
            if steps is None:
                raise SpecError(f"a {type(mod).__name__} from {tuple(xs[0].shape) if xs else ()} to "
                    f"{tuple(_tensors(out)[0].shape) if _tensors(out) else ()}")
        except SpecError as err:
            raise SpecError(f"{where}: {err.message} has no cnnstat layer kind. "
                            f"{_kinds_line()}") from None
        if xs:
            steps, inputs[0], _ = self.unpad(xs[0], steps, inputs[0], where)
        n = self.called.get(path, 0)
        self.called[path] = n + 1
        scope = path.rpartition(".")[0]
        name = path
        if n:
            if any(True for _ in mod.parameters()):
                raise SpecError(f"{where} is called {n + 1} times with the same weights; shared "
                                "weights have no layer kind in a spec")
            name = None
        if any(id(t) in self.broadcast for t in xs):
            raise SpecError(f"{where} reads a per-channel gate expanded over a map "
                            "(expand_as); only a multiply may read it")
        first = len(self.ops)
        self.emit(steps, inputs, out, name, scope, where)
        self.follow(xs[0] if xs else None, steps, first, out, _tensors(out))
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
        """A functional op; every layer it becomes records the function as the model's
        code called it (``Op.functional``)."""
        self.calling = display(func)
        try:
            self._function(func, args, kwargs, out, scope)
        finally:
            self.calling = None

    def _function(self, func: Any, args: tuple, kwargs: dict, out: Any, scope: str) -> None:
        outs = _tensors(out)
        if canonical(func) == "setitem" and self.setitem(
                args, _tensors(list(args)), scope, where_of(func, scope)):
            return
        if not outs:
            return  # sizes, shapes, flags: not part of the network
        xs = _tensors(list(args) + list(kwargs.values()))
        if not isinstance(out, torch.Tensor) and {id(t) for t in outs} <= {id(t) for t in xs}:
            return  # packs its inputs into a tuple (a named output tuple, say)
        op = canonical(func)
        if op == "getitem" and all(id(t) in self.ids for t in outs):
            return  # one tensor of a tuple already traced (x.chunk(2, 1)[0])
        if self.shuffle(op, xs, outs, scope) or self.space_to_depth(op, args, xs, outs,
                                                                     scope):
            return
        if self.layout(op, args, xs, outs):
            return
        if xs and len(outs) == 1 and op in VIEWS and outs[0].numel() == xs[0].numel() \
                and all(id(t) in self.owned and id(t) not in self.ids for t in xs):
            self.keep.append(outs[0])  # a parameter seen another way (gamma.view(1, -1, 1, 1))
            self.owned[id(outs[0])] = self.owned[id(xs[0])]
            return
        if op in _LEARNED and len(xs) == 2 and len(outs) == 1 and self.layer_scale(
                op, args, xs, out, func, scope):
            return
        if op in ("chunk", "split", "tensor_split") and len(outs) > 1 and len(xs) == 1 \
                and xs[0].dim() == 4 and id(xs[0]) in self.ids and id(xs[0]) not in self.nhwc:
            x = xs[0]
            c = int(x.shape[1])
            if sum(int(t.shape[1]) for t in outs) == c and all(
                    t.dim() == 4 and t.shape[2:] == x.shape[2:] for t in outs):
                where, start = where_of(func, scope), 0
                for t in outs:  # equal parts are splits, others slices
                    stop = start + int(t.shape[1])
                    self.emit([channel_slice(start, stop, c)], [self.ids[id(x)]], t, None,
                              scope, where)
                    start = stop
                return
        where = where_of(func, scope)
        if op == "pad" and self.pad(args, kwargs, xs, outs, scope, func):
            return
        if self.signal(op, xs, outs, scope, where) or self.views(op, args, xs, outs, where) \
                or self.slices(op, args, xs, outs, scope, where):
            return
        maps = [t for t in xs if id(t) in self.ids]
        weights = [t for t in xs if id(t) not in self.ids and id(t) in self.owned]
        rule = FUNCTIONS.get(op)
        a = Args(args, kwargs, nhwc=bool(maps) and id(maps[0]) in self.nhwc,
                 buffers=self.buffers)
        name, error, steps = None, None, None
        if op in WEIGHTED and len(maps) != 1:
            error = (f"{where} reads {len(maps)} tensors computed in the forward; a layer's "
                     "weights must be a module's parameters as they are (a weight computed "
                     "in the forward, as in weight standardisation, has no layer kind)")
        elif weights and op in WEIGHTED and len(maps) + len(weights) == len(xs):
            name, error = self.owner(weights, where)
        elif len(maps) < len(xs):
            error = self.source_error(where)
        elif op != "mul" and any(id(t) in self.broadcast for t in maps):
            error = (f"{where} reads a per-channel gate expanded over a map (expand_as); "
                     "only a multiply may read it")
        if error is None:
            try:
                steps = rule(a, out) if rule is not None else None
                if steps is None:
                    error = f"{where} has no cnnstat layer kind (op '{op}')"
            except SpecError as err:
                error = f"{where}: {err.message} has no cnnstat layer kind"
            except Exception:  # an op we did not expect these arguments for
                error = f"{where} has no cnnstat layer kind (op '{op}')"
        inputs = [self.ids[id(t)] for t in maps]
        if error is None and maps:
            steps, inputs[0], error = self.unpad(maps[0], steps, inputs[0], where)
        if error is not None:
            self.fail(inputs, outs, where, f"{error}. {_kinds_line()}")
            return
        if name is not None:
            for t in weights:
                self.used[id(t)] = where
        first = len(self.ops)
        self.emit(steps, inputs, out, name, scope, where)
        self.follow(maps[0] if len(maps) == 1 else None, steps, first, out, outs)
        if a.nhwc and all(k in _ELEMENTWISE or k in _PER_POSITION for k, _ in steps or []):
            self.nhwc.update(id(t) for t in outs)

    def layer_scale(self, op: str, args: tuple, xs: list, out: Any, func: Any,
                    scope: str) -> bool:
        """A map times a learned per-channel factor (ConvNeXt's layer scale), or a map
        with a learned scalar (one-element parameter) multiplied, added, subtracted or
        divided (HGNetV2's ``self.scale * x + self.bias``): cnnstat's ``scale``."""
        params = [t for t in xs if id(t) in self.owned and id(t) not in self.ids]
        maps = [t for t in xs if id(t) in self.ids]
        if len(params) != 1 or len(maps) != 1:
            return False
        x, p = maps[0], params[0]
        if p.numel() == 1 and not (op in ("div", "truediv") and args[0] is p):
            what = _LEARNED[op]
            steps = [("scale", {"learned": what,
                                "factor": -1.0 if what == "shift" and op == "sub"
                                and args[0] is p else 1.0})]
            self.emit(steps, [self.ids[id(x)]], out, self.owned[id(p)], scope,
                      where_of(func, scope))
            if id(x) in self.nhwc:
                self.nhwc.update(id(t) for t in _tensors(out))
            return True
        if op != "mul":
            return False
        last = id(x) in self.nhwc
        c = int(x.shape[-1] if last else x.shape[1])
        shapes = [(c,)] if last else [(c,), (c, 1, 1), (1, c, 1, 1)]
        if x.dim() not in (2, 4) or tuple(p.shape) not in shapes or x.dim() == 2 and last:
            return False
        self.emit([("layer_scale", {})], [self.ids[id(x)]], out, self.owned[id(p)], scope,
                  where_of(func, scope))
        if last:
            self.nhwc.update(id(t) for t in _tensors(out))
        return True

    def fail(self, inputs: list[int], outs: list, where: str, error: str) -> None:
        """An op with no kind: an error only if the network's output needs it (a value
        the forward only tests, or leaves unused, does not matter)."""
        self.ops.append(Op(f"@error{len(self.ops)}", inputs, free=True, where=where,
                           error=error))
        for t in outs:
            self.keep.append(t)
            self.ids[id(t)] = len(self.ops) - 1

    def owner(self, weights: list, where: str) -> tuple[str | None, str | None]:
        """The module whose parameters and buffers a functional op reads (the layer's
        name), or why there is none."""
        for t in weights:
            if id(t) in self.used:
                return None, (f"{where} reads {self.owned[id(t)]!r}, which "
                              f"{self.used[id(t)]} read already; shared weights have no "
                              "layer kind in a spec")
        owners = {self.owned[id(t)].rpartition(".")[0] for t in weights}
        if len(owners) != 1:
            return None, (f"{where} reads the weights of {len(owners)} modules "
                          f"({', '.join(sorted(owners)[:3])}); a layer's weights are its own")
        path = owners.pop()
        if path in self.called or not path:
            return None, None  # a second functional op in the same module: a free name
        self.called[path] = 1
        return path, None

    def outputs(self, value: Any) -> list[int]:
        """The ops the network's result comes from; a result holding no tensor at all
        (``None``, a string, a number) is no network output, named as what it is."""
        found = [self.source(t, "the output") for t in _tensors(value)]
        if not found:
            name = type(value).__name__
            what = "None" if value is None else f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
            raise SpecError(f"its forward returned {what}, not a tensor; there is nothing "
                            f"to describe")
        return found
