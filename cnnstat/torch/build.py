"""Build a spec as a torch ``nn.Module`` named after its layers."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from cnnstat.errors import SpecError
from cnnstat import layers
from cnnstat.spec.graph import (INPUT_NAME, AuxNode, FromNode, JoinNode, LayerNode, Node,
                                ParallelNode, ResidualNode, SeqNode, Spec, dense_layers,
                                scope_keys)
from cnnstat.torch.mapping import MAPPINGS, MERGE_MAPPINGS
from cnnstat.torch.model import Model, Scope


class TorchError(Exception):
    """Torch rejected a layer the analytic rules accepted (or failed to build it).

    Not a user error: it means the layer algebra and PyTorch disagree, which ``verify``
    reports as a mismatch naming the layer.
    """

    def __init__(self, layer: str, message: str) -> None:
        super().__init__(f"layer '{layer}': {message}")
        self.layer = layer
        self.message = message


def _shape(x: torch.Tensor) -> tuple[int, ...]:
    return tuple(int(d) for d in x.shape[1:])


class _Builder:
    def __init__(self, spec: Spec, model: Model) -> None:
        self.spec = spec
        self.model = model
        self.refs = referenced(spec.root)  # names some layer reads (from, join, like)
        self.env: dict[str, torch.Tensor] = {}  # their tensors so far (meta, shapes only)
        self.in_aux = False

    def saving(self, name: str, op: tuple, y: torch.Tensor) -> tuple:
        """``op``, told to keep its output under the referenced names it is known by (its
        own, its scopes'; in an auxiliary head only its own), as the analysis does."""
        keys = [k for k in (scope_keys(name) if not self.in_aux else [name]) if k in self.refs]
        for k in keys:
            self.env[k] = y
        return ("save", keys, op) if keys else op

    def named(self, source: str, where: str) -> torch.Tensor:
        if source not in self.env:
            raise TorchError(where, f"'{source}' names no earlier output")
        return self.env[source]

    def attach(self, name: str, module: nn.Module) -> None:
        """Register ``module`` at the dotted path ``name``, creating name scopes."""
        parent: nn.Module = self.model
        parts = name.split(".")
        for i, part in enumerate(parts[:-1]):
            child = parent._modules.get(part)
            if child is None:
                child = Scope()
                parent.add_module(part, child)
            elif not isinstance(child, Scope):
                raise SpecError(f"the name '{name}' nests under the layer "
                                f"'{'.'.join(parts[:i + 1])}'; torch cannot give a layer children",
                                file=self.spec.file, path=name)
            parent = child
        if parts[-1] in parent._modules:
            raise SpecError(f"the name '{name}' is used twice", file=self.spec.file, path=name)
        parent.add_module(parts[-1], module)

    def run(self, name: str, module: nn.Module, *xs: torch.Tensor) -> torch.Tensor:
        try:
            return module(*xs)
        except Exception as err:  # torch's own message, e.g. a kernel larger than its input
            raise TorchError(name, f"{type(err).__name__}: {_first_line(err)}") from err

    def layer(self, node: LayerNode, x: torch.Tensor) -> tuple[tuple, torch.Tensor]:
        op, y = self._layer(node, x)
        return self.saving(node.name, op, y), y

    def _layer(self, node: LayerNode, x: torch.Tensor) -> tuple[tuple, torch.Tensor]:
        kind = node.kind
        refs = kind.references()
        if refs:  # bound to torch's own shapes of the named tensors
            try:
                kind = kind.bind({r: _shape(self.named(r, node.name)) for r in refs})
            except SpecError as err:
                raise TorchError(node.name, err.message) from err
        make = MAPPINGS.get(kind.name)
        if make is None:
            raise TorchError(node.name, f"layer kind '{kind.name}' has no torch mapping "
                                        "(cnnstat/torch/mapping.py)")
        try:
            with torch.device("meta"):
                module = make(kind, _shape(x))
        except SpecError as err:
            raise TorchError(node.name, err.message) from err
        except Exception as err:
            raise TorchError(node.name, f"{type(err).__name__}: {_first_line(err)}") from err
        module.eval()  # inference semantics while building too (BN on a 1x1 map, dropout)
        self.attach(node.name, module)
        if isinstance(module, nn.modules.batchnorm._BatchNorm) and x.dim() in (2, 4):
            # Batch norm keeps its input's shape, and torch runs it on meta through a slow
            # Python decomposition (~2 ms); the build needs only shapes, so it skips it here.
            # verify's forward runs it and checks its output shape like any other layer's.
            if x.shape[1] != module.num_features:
                raise TorchError(node.name, f"BatchNorm expects {module.num_features} "
                                            f"channels, got {x.shape[1]}")
            return ("layer", node.name, module), x
        return ("layer", node.name, module), self.run(node.name, module, x)

    def merge(self, name: str, how: str, **options: Any) -> nn.Module:
        make = MERGE_MAPPINGS.get(how)
        if make is None:
            raise TorchError(name, f"merge '{how}' has no torch mapping")
        module = make(**options)
        module.eval()
        self.attach(name, module)
        return module

    def walk(self, node: Node, x: torch.Tensor) -> tuple[tuple, torch.Tensor]:
        if isinstance(node, LayerNode):
            return self.layer(node, x)
        if isinstance(node, (ParallelNode, ResidualNode, JoinNode)):
            op, y = self._walk(node, x)
            return self.saving(node.name, op, y), y
        return self._walk(node, x)

    def _walk(self, node: Node, x: torch.Tensor) -> tuple[tuple, torch.Tensor]:
        if isinstance(node, FromNode):
            body, y = self.walk(node.body, self.named(node.source, node.source))
            return ("from", node.source, body), y
        if isinstance(node, JoinNode):
            merge = self.merge(node.name, node.merge)
            xs = [self.named(src, node.name) for src in node.sources]
            return ("join", list(node.sources), merge), self.run(node.name, merge, *xs)
        if isinstance(node, SeqNode) and node.feature_list:
            return self.features(node, x)
        if isinstance(node, SeqNode):
            ops = []
            for item in node.items:
                op, x = self.walk(item, x)
                ops.append(op)
            return ("seq", ops), x
        if isinstance(node, ParallelNode):
            branches = [self.walk(b, x) for b in node.branches]
            merge = self.merge(node.name, node.merge, drop_path=node.drop_path)
            y = self.run(node.name, merge, *[out for _, out in branches])
            return ("parallel", [op for op, _ in branches], merge), y
        if isinstance(node, ResidualNode):
            body, y = self.walk(node.body, x)
            if isinstance(node.shortcut, str) and not layers.keeps_residual(
                    node.shortcut, _shape(x), _shape(y)):
                return body, y
            if isinstance(node.shortcut, SeqNode):
                short, s = self.walk(node.shortcut, x)
            elif isinstance(node.shortcut, str):
                # the analysis's one decision (projection_shortcut for "auto"), fed with
                # torch's own shapes
                try:
                    extra = layers.shortcut_layers(node.shortcut, _shape(x), _shape(y))
                except SpecError as err:
                    raise TorchError(node.name, err.message) from err
                prefix = f"{node.scope}." if node.scope else ""
                nodes = [LayerNode(prefix + local, kind, node.line) for local, kind in extra]
                short, s = self.walk(SeqNode(nodes), x) if nodes else (None, x)
            else:
                raise TorchError(node.name, f"residual shortcut {node.shortcut!r} has no torch "
                                            "mapping")
            concat = node.merge == "concat"  # DenseNet: the input first, then the new maps
            merge = self.merge(node.name, node.merge, survival=node.survival,
                               body=1 if concat else 0)
            out = self.run(node.name, merge, *((s, y) if concat else (y, s)))
            return ("residual", body, short, merge, concat), out
        if isinstance(node, AuxNode):
            outer, self.in_aux = self.in_aux, True
            try:
                head, _ = self.walk(node.body, x)
            finally:
                self.in_aux = outer
            return ("aux", head, node.inference), x
        raise TorchError(getattr(node, "name", "?"), f"unknown graph node {type(node).__name__}")


    def features(self, node: SeqNode, x: torch.Tensor) -> tuple[tuple, torch.Tensor]:
        """A ``feature_list`` repeat as torchvision's ``_DenseBlock``: a list of the input
        and each layer's new maps, concatenated afresh before each layer (the first time
        with ``torch.cat``, then by the previous layer's merge module, whose output it is)
        and once at the end (``cnnstat.mem.dataflow``'s ``features``)."""
        dense = dense_layers(node)
        feats, bodies, merges = [x], [], []
        for i, layer in enumerate(dense):
            if i and any(k in self.refs for k in scope_keys(dense[i - 1].name)):
                raise TorchError(dense[i - 1].name, "a layer inside a feature_list repeat "
                                 "cannot be read by name (only the block's output can)")
            c = torch.cat(feats, 1) if i == 0 else self.run(dense[i - 1].name, merges[-1],
                                                               *feats)
            body, y = self.walk(layer.body, c)
            feats.append(y)
            bodies.append(body)
            merges.append(self.merge(layer.name, "concat"))
        out = self.run(dense[-1].name, merges[-1], *feats)
        return self.saving(dense[-1].name, ("features", bodies, merges), out), out


def referenced(node: Node) -> set[str]:
    """Every name a layer of ``node`` reads by name (``from``, ``join``, ``like``)."""
    if isinstance(node, LayerNode):
        return set(node.kind.references())
    if isinstance(node, FromNode):
        return {node.source} | referenced(node.body)
    if isinstance(node, JoinNode):
        return set(node.sources)
    if isinstance(node, SeqNode):
        return set().union(*(referenced(n) for n in node.items))
    if isinstance(node, ParallelNode):
        return set().union(*(referenced(b) for b in node.branches))
    if isinstance(node, ResidualNode):
        short = node.shortcut if isinstance(node.shortcut, SeqNode) else SeqNode([])
        return referenced(node.body) | referenced(short)
    if isinstance(node, AuxNode):
        return referenced(node.body)
    return set()  # pragma: no cover


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def build(spec: Spec | str, device: Any = "meta", input: tuple[int, ...] | None = None,
          ) -> Model:
    """The spec as an ``nn.Module`` in eval mode, its submodules named after the layers.

    ``spec`` is a loaded ``Spec`` or a bundled name / path. On ``device="meta"`` (the
    default) no weights are allocated; on ``"cpu"``/``"cuda"`` the weights are real and
    initialised by each module's ``reset_parameters``.
    """
    if isinstance(spec, str):
        from cnnstat.models.zoo import load

        spec = load(spec)
    shape = tuple(input) if input is not None else spec.input
    model = Model(spec.name, shape)
    x = torch.empty((1, *shape), device="meta")
    builder = _Builder(spec, model)
    builder.env[INPUT_NAME] = x
    program, _ = builder.walk(spec.root, x)
    model._program = program
    model.eval()
    device = torch.device(device)
    if device.type != "meta":
        model.to_empty(device=device)
        with torch.no_grad():
            for module in model.modules():
                reset = getattr(module, "reset_parameters", None)
                if callable(reset):
                    reset()
                elif hasattr(module, "reset_running_stats"):
                    module.reset_running_stats()
    return model
