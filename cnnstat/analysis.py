"""Walk a spec's graph: one row per layer with shapes, costs and receptive field; totals."""

from __future__ import annotations

from typing import NamedTuple

from cnnstat.errors import SpecError
from cnnstat.layers import (MERGES, Effect, Field, Kind, Shape, fmt_shape, keeps_residual, numel,
                            shortcut_layers)
from cnnstat.spec.graph import (INPUT_NAME, AuxNode, FromNode, JoinNode, LayerNode, Node,
                                ParallelNode, ResidualNode, SeqNode, Spec, scope_keys)

BYTES_FP32 = 4


class Row(NamedTuple):
    """One layer (or one merge) of the walked network. Costs include the batch."""

    name: str
    type: str
    inputs: list[Shape]
    output: Shape
    params: int
    trainable: int
    buffers: int
    macs: int
    ops: int
    rf: tuple[int, int]
    jump: tuple[int, int]
    activations: int  # output elements x batch
    allocates: bool
    depth: int  # conv/fc layers on the longest path up to and including this row
    args: str = ""
    train_weight: float = 1.0  # expected share of training steps that run this row
    train_only: bool = False  # in an auxiliary head: not part of the inference figures
    kind: Kind | None = None  # the layer (None for merges and folded blocks)
    is_global: bool = False  # its value depends on the whole input (``layers.Field``)
    functional: str | None = None  # the function the model's code called (``LayerNode``)

    @property
    def input(self) -> Shape:
        return self.inputs[0]


class Totals(NamedTuple):
    params: int
    trainable_params: int
    buffers: int
    macs: int
    ops: int
    depth: int
    activations: int  # elements of every tensor a layer allocates, x batch
    layers: int
    # Only for specs with stochastic depth, drop-path or auxiliary heads (else None):
    expected_train_macs: int | None = None  # sum of MACs x train_weight, aux heads included
    expected_train_depth: float | None = None  # expected conv+fc layers on the longest path

    @property
    def flops(self) -> int:
        """FLOPs = 2 x MACs (a multiply and an add), never anything else."""
        return 2 * self.macs

    @property
    def activation_bytes(self) -> int:
        return self.activations * BYTES_FP32

    @property
    def model_bytes(self) -> int:
        """Parameters stored as float32."""
        return self.params * BYTES_FP32


class Check(NamedTuple):
    """A published figure next to the computed one."""

    key: str
    published: str
    computed: float | None
    source: str
    ok: bool | None  # None: not comparable (e.g. the input size was changed)


class Analysis(NamedTuple):
    spec: Spec
    input: Shape
    batch: int
    rows: list[Row]
    totals: Totals
    output: Shape
    checks: list[Check]


class _State(NamedTuple):
    shape: Shape
    field: Field = Field()
    depth: int = 0
    edepth: float = 0.0  # expected depth in training (stochastic depth, drop-path)


def expected_max_kept(depths: list[float], drop: float) -> float:
    """E[max depth over the kept branches] when each branch is dropped independently with
    probability ``drop``, conditioned on at least one being kept (FractalNet's local
    drop-path): the i-th deepest is the maximum when it is kept and every deeper one is
    dropped."""
    n = len(depths)
    ordered = sorted(depths, reverse=True)
    return sum(d * (1 - drop) * drop ** i for i, d in enumerate(ordered)) / (1 - drop ** n)


class _Walker:
    def __init__(self, spec: Spec, batch: int) -> None:
        self.spec = spec
        self.batch = batch
        self.rows: list[Row] = []
        self.names: set[str] = set()
        self.weight = 1.0  # probability that the current layers run in a training step
        self.train_only = False
        self.heads: list[_State] = []  # end states of auxiliary heads
        self.outs: dict[str, _State] = {}  # named outputs so far (rows, scopes, input)

    def start(self, shape: Shape) -> _State:
        st = _State(shape)
        self.outs[INPUT_NAME] = st
        return st

    def named(self, source: str, line: int, path: str) -> _State:
        """The output of the earlier row or scope ``source`` (``from``, ``join``, ``like``)."""
        st = self.outs.get(source)
        if st is None:
            raise SpecError(f"'{source}' names no earlier layer or scope here: a layer can "
                            "read only outputs computed before it", file=self.spec.file,
                            line=line, path=path)
        return st

    def produced(self, name: str, st: _State) -> None:
        """Record a row's output under its name and, outside auxiliary heads, its scopes'."""
        for key in (scope_keys(name) if not self.train_only else [name]):
            self.outs[key] = st

    def walk(self, node: Node, st: _State) -> _State:
        if isinstance(node, LayerNode):
            return self.layer(node, st)
        if isinstance(node, SeqNode):
            for item in node.items:
                st = self.walk(item, st)
            return st
        if isinstance(node, ParallelNode):
            n = len(node.branches)
            keep = 1.0 if node.drop_path is None else \
                (1 - node.drop_path) / (1 - node.drop_path ** n)
            outs = [self.weighted(branch, st, keep) for branch in node.branches]
            out = self.merge(node.name, node.merge, outs, node.line)
            if node.drop_path is not None:
                out = out._replace(edepth=expected_max_kept([o.edepth for o in outs],
                                                            node.drop_path))
            return out
        if isinstance(node, ResidualNode):
            body = self.weighted(node.body, st, node.survival or 1.0)
            if isinstance(node.shortcut, str) and not keeps_residual(node.shortcut, st.shape,
                                                                     body.shape):
                return body
            if isinstance(node.shortcut, SeqNode):
                short = self.walk(node.shortcut, st)
            else:
                try:
                    extra = shortcut_layers(node.shortcut, st.shape, body.shape)
                except SpecError as err:
                    raise err.locate(file=self.spec.file, line=node.line, path=node.name)
                short = st
                for local, kind in extra:
                    prefix = f"{node.scope}." if node.scope else ""
                    short = self.layer(LayerNode(prefix + local, kind, node.line), short)
            inputs = [short, body] if node.merge == "concat" else [body, short]
            out = self.merge(node.name, node.merge, inputs, node.line)
            if node.survival is not None:
                p = node.survival
                out = out._replace(edepth=p * out.edepth + (1 - p) * short.edepth)
            return out
        if isinstance(node, FromNode):
            return self.walk(node.body, self.named(node.source, node.line, node.source))
        if isinstance(node, JoinNode):
            outs = [self.named(src, node.line, node.name) for src in node.sources]
            return self.merge(node.name, node.merge, outs, node.line)
        if isinstance(node, AuxNode):
            outer = self.train_only
            self.train_only = outer or not node.inference
            try:
                self.heads.append(self.walk(node.body, st))
            finally:
                self.train_only = outer
            return st
        raise TypeError(f"unknown node {node!r}")  # pragma: no cover

    def weighted(self, node: Node, st: _State, p: float) -> _State:
        """Walk ``node`` as layers that run in a share ``p`` of training steps."""
        outer = self.weight
        self.weight = outer * p
        try:
            return self.walk(node, st)
        finally:
            self.weight = outer

    def layer(self, node: LayerNode, st: _State) -> _State:
        kind = node.kind
        if node.name in self.names:  # only a generated shortcut name can clash
            raise SpecError(f"the name '{node.name}' is used twice: two residuals in one scope "
                            "both get a shortcut layer; give each residual a 'name:'",
                            file=self.spec.file, line=node.line, path=node.name)
        self.names.add(node.name)
        try:
            refs = kind.references()
            if refs:
                kind = kind.bind({r: self.named(r, node.line, node.name).shape for r in refs})
            eff: Effect = kind.apply(st.shape)
        except SpecError as err:
            raise err.locate(file=self.spec.file, line=node.line, path=node.name)
        f = _whole_field(kind.field(st.field, st.shape, eff))
        depth = st.depth + (1 if kind.counts_depth else 0)
        b = self.batch
        self.rows.append(Row(
            name=node.name, type=kind.name, inputs=[st.shape], output=eff.output,
            params=eff.params, trainable=eff.params - eff.frozen, buffers=eff.buffers,
            macs=eff.macs * b, ops=eff.ops * b, rf=f.rf, jump=f.jump,
            activations=numel(eff.output) * b, allocates=kind.allocates, depth=depth,
            args=kind.describe(), train_weight=self.weight, train_only=self.train_only,
            kind=kind, is_global=f.is_global, functional=node.functional))
        step = 1 if kind.counts_depth else 0
        out = _State(eff.output, f, depth, st.edepth + step)
        self.produced(node.name, out)
        return out

    def merge(self, name: str, how: str, outs: list[_State], line: int) -> _State:
        merge = MERGES[how]
        try:
            eff = merge.combine([o.shape for o in outs])
        except SpecError as err:
            raise err.locate(file=self.spec.file, line=line, path=name)
        f = merge.field([o.field for o in outs], [o.shape for o in outs])
        depth = max(o.depth for o in outs)
        b = self.batch
        self.rows.append(Row(
            name=name, type=how, inputs=[o.shape for o in outs], output=eff.output,
            params=0, trainable=0, buffers=0, macs=0, ops=eff.ops * b, rf=f.rf, jump=f.jump,
            activations=numel(eff.output) * b, allocates=merge.allocates, depth=depth,
            train_weight=self.weight, train_only=self.train_only, is_global=f.is_global))
        out = _State(eff.output, f, depth, max(o.edepth for o in outs))
        self.produced(name, out)
        return out


def grow(rf: tuple, jump: tuple, window: tuple) -> tuple[tuple, tuple]:
    """The receptive field and jump (in input pixels) after a layer whose window is
    ``((kh, kw), (sh, sw))`` (its effective kernel, dilation included, and stride):
    ``layers.Field.through``'s rule ``r + (k - 1)·j`` and ``j·s``, for callers that hold
    bare tuples (the notes checker)."""
    f = _whole_field(Field(tuple(rf), tuple(jump)).through(window))
    return f.rf, f.jump


def _whole(x):
    """A receptive-field size or jump: an int when whole; a ``Fraction`` after upsampling
    (a stride of 1/s makes the jump a fraction of an input pixel)."""
    return int(x) if getattr(x, "denominator", 1) == 1 else x


def _whole_field(f: Field) -> Field:
    return f._replace(rf=(_whole(f.rf[0]), _whole(f.rf[1])),
                      jump=(_whole(f.jump[0]), _whole(f.jump[1])))


def analyze(spec: Spec, *, input: Shape | None = None, batch: int = 1) -> Analysis:
    """Walk ``spec`` at its own input size (or ``input``) and batch size."""
    if batch < 1 or batch > 1_000_000:
        raise SpecError(f"batch must be from 1 to 1,000,000, not {batch}")
    shape = tuple(input) if input is not None else spec.input
    walker = _Walker(spec, batch)
    end = walker.walk(spec.root, walker.start(shape))
    rows = walker.rows
    if shape != spec.input:
        _check_size_independent(spec, shape, rows)
    infer = [r for r in rows if not r.train_only]
    expected: dict = {}
    if spec.stochastic:
        expected = dict(
            expected_train_macs=round(sum(r.macs * r.train_weight for r in rows)),
            expected_train_depth=max([end.edepth] + [h.edepth for h in walker.heads]))
    totals = Totals(
        params=sum(r.params for r in rows),
        trainable_params=sum(r.trainable for r in rows),
        buffers=sum(r.buffers for r in rows),
        macs=sum(r.macs for r in infer),
        ops=sum(r.ops for r in infer),
        depth=max([end.depth] + [h.depth for h in walker.heads]),
        activations=sum(r.activations for r in infer if r.allocates),
        layers=len(rows),
        **expected,
    )
    checks = published_checks(spec, shape, totals, batch)
    return Analysis(spec, shape, batch, rows, totals, end.shape, checks)


def _check_size_independent(spec: Spec, shape: Shape, rows: list[Row]) -> None:
    """At an input size other than the spec's own, every layer must keep its parameter
    count; one that doesn't (a fully connected layer after ``flatten``) fixes the size."""
    own = {r.name: r for r in _own_rows(spec)}
    for r in rows:
        base = own.get(r.name)
        if base is not None and base.params != r.params:
            raise SpecError(
                f"the input size {fmt_shape(shape)} changes this {r.type} layer's parameters "
                f"({base.params:,} at the spec's input {fmt_shape(spec.input)}, {r.params:,} "
                f"here): it reads {fmt_shape(r.input)} instead of {fmt_shape(base.input)}, "
                "and a fully connected layer after flatten fixes the input size; use "
                f"{fmt_shape(spec.input)}", file=spec.file, path=r.name)


def _own_rows(spec: Spec) -> list[Row]:
    return walk_rows(spec, spec.input)


def walk_rows(spec: Spec, input: Shape) -> list[Row]:
    """The rows at batch 1 and any input size, without ``analyze``'s check that a
    classifier keeps its parameter count (the receptive-field check of ``verify`` runs a
    network at another size and stops before its classifier)."""
    walker = _Walker(spec, 1)
    walker.walk(spec.root, walker.start(tuple(input)))
    return walker.rows


def computed_figure(totals: Totals, key: str, batch: int = 1) -> float | None:
    """The computed counterpart of a ``published:`` key, per sample."""
    return {"params": totals.params, "trainable_params": totals.trainable_params,
            "macs": totals.macs // batch, "depth": totals.depth}.get(key)


def published_checks(spec: Spec, shape: Shape, totals: Totals, batch: int = 1) -> list[Check]:
    checks = []
    same_input = shape == spec.input
    for key, pub in spec.published.items():
        value = computed_figure(totals, key, batch)
        size_dependent = key == "macs"
        if value is None or spec.overridden or (size_dependent and not same_input):
            ok = None
        else:
            ok = pub.matches(value)
        checks.append(Check(key, pub.text, value, pub.source, ok))
    return checks


def fold(rows: list[Row], depth: int) -> list[Row]:
    """Group rows whose names share their first ``depth`` dotted parts into one row."""
    if depth < 1:
        raise SpecError(f"--depth must be at least 1, not {depth}")
    out: list[Row] = []
    groups: dict[str, list[Row]] = {}
    order: list[str] = []
    for r in rows:
        key = ".".join(r.name.split(".")[:depth])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(r)
    for key in order:
        g = groups[key]
        if len(g) == 1 and g[0].name == key:
            out.append(g[0])
            continue
        last = g[-1]
        out.append(Row(
            name=key, type="block", inputs=g[0].inputs, output=last.output,
            params=sum(r.params for r in g), trainable=sum(r.trainable for r in g),
            buffers=sum(r.buffers for r in g), macs=sum(r.macs for r in g),
            ops=sum(r.ops for r in g), rf=last.rf, jump=last.jump,
            activations=sum(r.activations for r in g if r.allocates), allocates=True,
            depth=last.depth, args=f"{len(g):,} layers", is_global=last.is_global))
    return out
