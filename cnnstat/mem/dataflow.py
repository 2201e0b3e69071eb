"""A spec as a dataflow program: the steps in the order cnnstat's torch model runs them,
each reading and writing numbered tensors, and which tensors share one storage.

Order (as ``cnnstat.torch.model._run``): a sequence in order; a ``parallel``'s branches
in order, then its merge; a ``residual``'s body, then its shortcut, then its merge; an
auxiliary head where it is declared, in training only. A view (flatten, identity,
dropout at inference) and an in-place layer write into their input's storage.

References the running code holds (``held``): eager PyTorch frees a tensor when its last
reference goes, not at its last use. Every node of the graph, a layer or a composite,
is a call that receives its input (``_run(op, x)`` in cnnstat's model; a module's
``forward(x)`` or ``nn.Sequential``'s loop variable in torchvision's), and the caller's
variable keeps that input until the call returns: so a node's input lives at least
until the node's last step. The network's input is the caller's and lives throughout;
an output that a later layer reads by name lives to the end (cnnstat's model keeps it
in a dict for the whole forward).
"""

from __future__ import annotations

from typing import NamedTuple

from cnnstat.layers import (MERGES, Buf, Effect, Kind, Merge, Precision, Shape, keeps_residual,
                            numel, shortcut_layers)
from cnnstat.spec.graph import (INPUT_NAME, AuxNode, FromNode, JoinNode, LayerNode, Node,
                                ParallelNode, ResidualNode, SeqNode, Spec, dense_layers,
                                scope_keys)


class Step(NamedTuple):
    index: int
    name: str
    type: str
    op: Kind | Merge
    inputs: list[int]  # tensor ids
    in_shapes: list[Shape]
    in_dtypes: list[str]
    output: int  # tensor id (a new one even for views: storage says where it lives)
    effect: Effect
    dtype: str  # of the output
    view: bool  # the output is a view of the input
    train_only: bool  # in an auxiliary head

    @property
    def is_merge(self) -> bool:
        return isinstance(self.op, Merge)

    def saved(self, prec: Precision) -> list[Buf]:
        if self.is_merge:
            return self.op.saved(self.in_shapes, self.effect, prec, self.in_dtypes)
        return self.op.saved(self.in_shapes[0], self.effect, prec, self.in_dtypes[0])

    def transient(self) -> int:
        """Bytes per sample held at once while the step runs, its output included."""
        if self.is_merge:
            return self.op.transient(self.in_shapes, self.effect, self.dtype)
        return self.op.transient(self.in_shapes[0], self.effect, self.dtype)

    def ref(self, buf: Buf, in_place: bool) -> int | None:
        """The tensor a kept buffer refers to: an input (``input``, ``input1``, ...) or the
        output; None for a tensor of its own (and for the input of a kind that copies it
        before working in place)."""
        if buf.ref == "output":
            return self.output
        if buf.ref.startswith("input"):
            if in_place and buf.ref == "input" and getattr(self.op, "copies_input_in_place",
                                                           False):
                return None
            return self.inputs[int(buf.ref[5:] or 0)]
        return None

    @property
    def trainable(self) -> bool:
        return self.effect.params - self.effect.frozen > 0


class Tensor(NamedTuple):
    id: int
    shape: Shape  # per sample
    dtype: str
    producer: int  # step index; -1 for the network input


class Program(NamedTuple):
    steps: list[Step]
    tensors: list[Tensor]
    storage: list[int]  # tensor id -> id of the tensor that owns its storage
    outputs: list[int]  # the network's output, then auxiliary heads' outputs
    in_place: frozenset[int]  # steps that write over their input
    held: list[tuple[int, int]] = []  # (tensor, step): a call holds the tensor until then

    def readers(self, tensor: int) -> list[int]:
        return [s.index for s in self.steps if tensor in s.inputs]


class _Builder:
    def __init__(self, prec: Precision, training: bool) -> None:
        self.prec = prec
        self.training = training
        self.steps: list[Step] = []
        self.tensors: list[Tensor] = []
        self.parent: list[int | None] = []  # the tensor whose storage a view uses
        self.outputs: list[int] = []
        self.train_only = False
        self.held: list[tuple[int, int]] = []
        self.read_by_name: set[int] = set()  # outputs a later layer reads by name
        self.env: dict[str, int] = {}  # named outputs so far (as the analysis keeps them)

    def tensor(self, shape: Shape, dtype: str, producer: int, view_of: int | None) -> int:
        t = len(self.tensors)
        self.tensors.append(Tensor(t, shape, dtype, producer))
        self.parent.append(view_of)
        return t

    def step(self, name: str, op: Kind | Merge, inputs: list[int]) -> int:
        shapes = [self.tensors[t].shape for t in inputs]
        dtypes = [self.tensors[t].dtype for t in inputs]
        if not isinstance(op, Merge) and op.references():
            self.read_by_name.update(self.env[r] for r in op.references())  # kept by name
            op = op.bind({r: self.tensors[self.env[r]].shape for r in op.references()})
        if isinstance(op, Merge):
            eff = op.combine(shapes)
            dtype = op.out_dtype(dtypes, self.prec)
            view, type_ = False, op.name
        else:
            eff = op.apply(shapes[0])
            dtype = op.out_dtype(dtypes[0], self.prec)
            view, type_ = op.is_view(self.training), op.name
        index = len(self.steps)
        out = self.tensor(eff.output, dtype, index, inputs[0] if view else None)
        self.steps.append(Step(index, name, type_, op, inputs, shapes, dtypes, out, eff, dtype,
                               view, self.train_only))
        for key in (scope_keys(name) if not self.train_only else [name]):
            self.env[key] = out
        return out

    def walk(self, node: Node, t: int) -> int:
        """The steps of ``node`` on tensor ``t``; its caller holds ``t`` until its last."""
        first = len(self.steps)
        out = self._walk(node, t)
        if len(self.steps) > first:
            self.held.append((t, len(self.steps) - 1))
        return out

    def _walk(self, node: Node, t: int) -> int:
        if isinstance(node, LayerNode):
            return self.step(node.name, node.kind, [t])
        if isinstance(node, SeqNode) and node.feature_list:
            return self.features(node, t)
        if isinstance(node, SeqNode):
            for item in node.items:
                t = self.walk(item, t)
            return t
        if isinstance(node, ParallelNode):
            outs = [self.walk(b, t) for b in node.branches]
            return self.step(node.name, MERGES[node.merge], outs)
        if isinstance(node, ResidualNode):
            body = self.walk(node.body, t)
            if isinstance(node.shortcut, str) and not keeps_residual(
                    node.shortcut, self.tensors[t].shape, self.tensors[body].shape):
                return body  # ``if_same`` with a change of shape: no shortcut, no merge
            if isinstance(node.shortcut, SeqNode):
                short = self.walk(node.shortcut, t)
            else:
                short = t
                prefix = f"{node.scope}." if node.scope else ""
                extra = shortcut_layers(node.shortcut, self.tensors[t].shape,
                                        self.tensors[body].shape)
                for local, kind in extra:
                    short = self.step(prefix + local, kind, [short])
            ins = [short, body] if node.merge == "concat" else [body, short]
            return self.step(node.name, MERGES[node.merge], ins)
        if isinstance(node, FromNode):
            self.read_by_name.add(self.env[node.source])
            return self.walk(node.body, self.env[node.source])
        if isinstance(node, JoinNode):
            self.read_by_name.update(self.env[s] for s in node.sources)
            return self.step(node.name, MERGES[node.merge], [self.env[s] for s in node.sources])
        if isinstance(node, AuxNode):
            if self.training or node.inference:
                outer = self.train_only
                self.train_only = outer or not node.inference
                try:
                    self.outputs.append(self.walk(node.body, t))
                finally:
                    self.train_only = outer
            return t
        raise TypeError(f"unknown node {node!r}")  # pragma: no cover


    def features(self, node: SeqNode, t: int) -> int:
        """A ``feature_list`` repeat, run as torchvision's ``_DenseBlock.forward`` runs it
        (torchvision/models/densenet.py): ``features = [init_features]``; each layer gets
        the list and its ``bn_function`` concatenates it afresh (``torch.cat`` allocates
        even for one tensor); its new maps are appended; the block returns
        ``torch.cat(features)``. So the block's input and every layer's new maps live
        until the block's last concatenation, and no layer's output is one growing tensor.
        The concatenation before layer i+1 has the value (and takes the row) of dense
        layer i's merge; the first, a copy of the input, is its own row. A layer's fresh
        concatenation is its body's input, held until its body returns (cnnstat's model
        holds it so; torchvision's ``bn_function`` lets it go after ``conv1``, so there this
        walk keeps it one layer group longer, while the smaller ``norm2``..``conv2`` run)."""
        layers = dense_layers(node)
        concat = MERGES["concat"]
        pieces = [t]
        for i, layer in enumerate(layers):
            name = f"{layer.scope} input copy" if i == 0 else layers[i - 1].name
            pieces.append(self.walk(layer.body, self.step(name, concat, list(pieces))))
        return self.step(layers[-1].name, concat, pieces)


def program(spec: Spec, prec: Precision, training: bool, input: Shape | None = None,
            ) -> Program:
    """The steps of ``spec`` (analysed first, so that a bad spec fails with the analysis's
    located error). In-place layers (ReLU) write over their input when no other step reads
    that storage after them, it is not the network's input, and (in training) no earlier
    step keeps it for backward, as torch requires of an in-place op."""
    b = _Builder(prec, training)
    shape = tuple(input) if input is not None else spec.input
    x = b.tensor(shape, "fp32" if prec.amp else prec.dtype, -1, None)
    b.env[INPUT_NAME] = x
    out = b.walk(spec.root, x)
    outputs = [out] + b.outputs
    steps, parent = b.steps, b.parent

    def root(t: int) -> int:
        while parent[t] is not None:
            t = parent[t]  # type: ignore[assignment]
        return t

    last_read = [-1] * len(b.tensors)
    for s in steps:
        for t in s.inputs:
            last_read[t] = max(last_read[t], s.index)
    members: dict[int, list[int]] = {}  # storage -> the tensors in it
    for t in range(len(b.tensors)):
        members.setdefault(root(t), []).append(t)
    in_place: set[int] = set()
    kept: set[int] = set()  # storages kept for backward by the steps so far
    for s in steps:
        if not s.is_merge and s.op.in_place:
            home = root(s.inputs[0])
            later = any(last_read[t] > s.index for t in members[home])
            if home != x and not later and not (training and home in kept):
                in_place.add(s.index)
                parent[s.output] = s.inputs[0]
                members[home] += members.pop(s.output)
        if training:
            for buf in s.saved(prec):
                t = s.ref(buf, s.index in in_place)
                if t is not None:
                    kept.add(root(t))
    storage = [root(t) for t in range(len(b.tensors))]
    # cnnstat's model keeps the outputs read by name in a dict until the forward ends
    held = b.held + [(t, len(steps) - 1) for t in sorted(b.read_by_name) if steps]
    return Program(steps, b.tensors, storage, outputs, frozenset(in_place), held)


def nbytes(tensor: Tensor, batch: int) -> int:
    from cnnstat.layers import DTYPE_BYTES

    return numel(tensor.shape) * batch * DTYPE_BYTES[tensor.dtype]
