"""A traced network (a flat list of layers and merges, each reading earlier ones) -> a
``Spec`` graph of sequences, residuals, parallels and auxiliary heads. Torch-free: the
tracer in ``cnnstat.torch.trace`` fills the ``Op`` list.

The graph is read as series-parallel: where a tensor feeds several layers, its immediate
post-dominator (the first op every path from it passes through) is the merge that joins
the branches. An ``add`` of a branch and the fork's own tensor is a residual; a
``concat`` of the fork's tensor and one branch is a dense connection (``residual`` with
``merge: concat``); anything else is a ``parallel``. Layers that do not lead to the
first output but to another are auxiliary heads. DenseNet as torchvision writes it
(every layer concatenates all earlier maps again) is first rewritten as the chain of
two-input concatenations it equals: a concat whose inputs start with another concat's
inputs reads that concat instead, and a concat of one tensor is that tensor.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnnstat.errors import SpecError
from cnnstat.layers import Identity, Kind
from cnnstat.spec.dotted import common_scope, parent
from cnnstat.spec.graph import (INPUT_NAME, AuxNode, FromNode, JoinNode, LayerNode, Node,
                                ParallelNode, ResidualNode, SeqNode)

INPUT = -1


@dataclass
class Op:
    name: str  # the module path; for a functional op, a provisional name in its scope
    inputs: list[int]  # indices of earlier ops (INPUT: the network's input)
    kind: Kind | None = None  # a layer ...
    merge: str | None = None  # ... or a merge: add, concat, mean
    free: bool = False  # a functional op: its name may change
    where: str = ""  # for errors: the module path and the op, as the user wrote it
    error: str | None = None  # an op with no layer kind: an error if the output needs it
    # the layer was a function call in the model's code (``torch.nn.functional.relu``,
    # ``torch.flatten``, ``Tensor.relu``), not a module: tools that hook modules miss it
    functional: str | None = None


def normalise_concats(ops: list[Op]) -> list[int]:
    """Rewrite concats as described above, in place; returns each op's alias (itself,
    or the op a one-input concat stands for)."""
    alias = list(range(len(ops)))

    def res(i: int) -> int:
        while i != INPUT and alias[i] != i:
            i = alias[i]
        return i

    expansion: dict[int, tuple[int, ...]] = {}
    seen: dict[tuple[int, ...], int] = {}
    for i, op in enumerate(ops):
        op.inputs = [res(j) for j in op.inputs]
        if op.merge != "concat":
            continue
        if len(op.inputs) == 1:
            alias[i] = op.inputs[0]
            continue
        parts = [expansion.get(j, (j,)) for j in op.inputs]
        full = tuple(x for p in parts for x in p)
        for k in range(len(op.inputs) - 1, 1, -1):
            prefix = tuple(x for p in parts[:k] for x in p)
            if prefix in seen:
                op.inputs = [seen[prefix]] + op.inputs[k:]
                break
        expansion[i] = full
        seen.setdefault(full, i)
    return alias


class _Graph:
    def __init__(self, ops: list[Op], outputs: list[int], inference: bool = False) -> None:
        self.inference = inference  # the other outputs are returned at inference too
        self.ops = ops
        self.outputs = outputs
        self.users: dict[int, list[int]] = {INPUT: []}
        for i in range(len(ops)):
            self.users[i] = []
        for i, op in enumerate(ops):
            for j in dict.fromkeys(op.inputs):
                self.users[j].append(i)
        main = outputs[0]
        self.main = self._reaching({main})
        others = set(outputs[1:]) - self.main
        self.aux = self._reaching(others) - self.main if others else set()
        self.ipdom = self._post_dominators(main)
        self.counters: dict[tuple[str, str], int] = {}
        self.taken = {op.name for op in ops}  # names, for pinning provisional ones
        # the last part of every name: a pinned name's is new to the whole network
        self.locals = {op.name.rpartition(".")[2] for op in ops}
        self.regions = True  # read a region that is no nest by named inputs (walk)

    def _reaching(self, targets: set[int]) -> set[int]:
        seen = set(targets)
        stack = list(targets)
        while stack:
            n = stack.pop()
            if n == INPUT:
                continue
            for j in self.ops[n].inputs:
                if j not in seen:
                    seen.add(j)
                    stack.append(j)
        return seen

    def main_users(self, n: int) -> list[int]:
        return [u for u in self.users[n] if u in self.main]

    def _post_dominators(self, sink: int) -> dict[int, int]:
        ipdom: dict[int, int] = {sink: sink}
        for n in sorted(self.main, reverse=True):
            if n == sink:
                continue
            users = self.main_users(n)
            if not users:
                continue
            d = users[0]
            for u in users[1:]:
                d = self._meet(d, u, ipdom)
            ipdom[n] = d
        return ipdom

    @staticmethod
    def _meet(a: int, b: int, ipdom: dict[int, int]) -> int:
        while a != b:
            while a < b:
                a = ipdom[a]
            while b < a:
                b = ipdom[b]
        return a

    # -- building nodes -----------------------------------------------------------------
    def leaf(self, n: int) -> LayerNode:
        op = self.ops[n]
        if op.kind is None:
            raise SpecError(f"{op.where or op.name} merges {len(op.inputs)} tensors where "
                            "no branch structure leads to it (the graph is not a nest of "
                            "residuals and parallel branches)")
        if len(op.inputs) != 1:
            raise SpecError(f"{op.where or op.name} reads {len(op.inputs)} tensors; a "
                            f"{op.kind.name} layer reads one")
        return LayerNode(op.name, op.kind, 0, op.functional)

    def identity(self, scope: str) -> LayerNode:
        k = self.counters.get((scope, "identity"), 0) + 1
        self.counters[(scope, "identity")] = k
        name = f"{scope}.@identity{k}" if scope else f"@identity{k}"
        return LayerNode(name, Identity.make({}), 0)

    def walk(self, cur: int, stop: int, only: list[int] | None = None) -> list[Node]:
        """The nodes from tensor ``cur`` (exclusive) to op ``stop`` (inclusive); ``only``:
        the users of ``cur`` this walk follows (one branch of an outer fork)."""
        items: list[Node] = []
        while cur != stop:
            if only is None:
                items.extend(self.heads(cur))
                users = self.main_users(cur)
            else:
                users, only = only, None
            if not users:  # pragma: no cover - main ops all lead to the output
                raise SpecError(f"{self.where(cur)} does not lead to the output")
            if len(users) == 1 and len(self.ops[users[0]].inputs) == 1:
                cur = users[0]
                items.append(self.leaf(cur))
                continue
            m = users[0]
            for u in users[1:]:
                m = self._meet(m, u, self.ipdom)
            if stop != INPUT and m > stop:
                raise SpecError(
                    f"{self.where(cur)} feeds layers on both sides of {self.where(stop)}; "
                    "branches that share layers cannot be written as residuals or parallel "
                    "branches")
            try:
                items.append(self.join(cur, m, users))
            except SpecError:
                if not self.regions:
                    raise
                items.extend(self.region(cur, m, items))
            cur = m
        return items

    def where(self, n: int) -> str:
        return "the input" if n == INPUT else (self.ops[n].where or self.ops[n].name)

    def ancestors(self, e: int, lo: int) -> set[int]:
        """Ops after ``lo`` from which ``e`` is reached (``e`` included)."""
        seen = {e}
        stack = [e]
        while stack:
            for j in self.ops[stack.pop()].inputs:
                if j > lo and j not in seen:
                    seen.add(j)
                    stack.append(j)
        return seen

    def join(self, cur: int, m: int, users: list[int]) -> Node:
        """The residual or parallel from fork ``cur`` (through ``users``) to merge ``m``."""
        op = self.ops[m]
        if op.merge is None:
            raise SpecError(f"{self.where(m)} reads a tensor that also feeds another branch; "
                            f"the branches from {self.where(cur)} meet at a "
                            f"{op.kind and op.kind.name} layer, not at an add, concat or mean")
        branches: list[list[Node] | None] = []
        taken: set[int] = set()
        for e in op.inputs:
            if e == cur:
                branches.append(None)
                continue
            up = self.ancestors(e, cur)
            mine = [u for u in users if u in up and u != m]
            if not mine or taken & set(mine):
                raise SpecError(f"{self.where(m)} reads {self.where(e)}, which does not come "
                                f"from its own branch of {self.where(cur)}")
            taken.update(mine)
            if len(mine) == 1:
                branches.append([self.leaf(mine[0])] + self.walk(mine[0], e))
            else:
                branches.append(self.walk(cur, e, only=mine))
        scope = parent(op.name)
        if len(branches) == 2 and op.merge in ("add", "concat"):
            a, b = branches
            if op.merge == "add" and (a is not None or b is not None):
                # the shortcut is the fork's own tensor, else the shorter branch
                body, short = (a, b) if b is None or (a is not None and _size(a) >= _size(b)) \
                    else (b, a)
                return ResidualNode(op.name, scope, SeqNode(body),  # type: ignore[arg-type]
                                    SeqNode(short or []), 0)
            if op.merge == "concat" and a is None and b is not None:
                return ResidualNode(op.name, scope, SeqNode(b), SeqNode([]), 0, "concat")
        if len(branches) == 2 and op.merge == "mul" and (branches[0] is None) != (branches[1] is None):
            gate = branches[0] if branches[0] is not None else branches[1]  # SE: x * gate(x)
            return ResidualNode(op.name, scope, SeqNode(gate), "identity", 0, "mul")
        seqs = [SeqNode(b if b is not None else [self.identity(scope)]) for b in branches]
        return ParallelNode(op.name, op.merge, seqs, 0)

    def heads(self, cur: int) -> list[Node]:
        """Auxiliary heads that start at tensor ``cur``."""
        out: list[Node] = []
        for u in self.users[cur]:
            if u not in self.aux or u in self.main:
                continue
            items = [self.leaf(u)]
            n = u
            while n not in self.outputs:
                users = [x for x in self.users[n] if x in self.aux]
                if len(users) != 1 or len(self.ops[users[0]].inputs) != 1:
                    raise SpecError(f"the auxiliary head at {self.where(u)} branches; only "
                                    "a chain of layers can be an auxiliary head")
                n = users[0]
                items.append(self.leaf(n))
            scopes = [parent(l.name) for l in items if not self.ops_free(l.name)]
            name = common_scope(scopes) or "aux"
            out.append(AuxNode(name, SeqNode(items), 0, self.inference))
        return out

    def region(self, cur: int, m: int, items: list[Node]) -> list[Node]:
        """The ops from fork ``cur`` to its merge ``m`` that are no nest of residuals
        and parallels, in the order they ran, with named inputs (as ``named``); the rest
        of the network keeps its structure. A SpecError when an op reads something a
        name cannot reach from here (the enclosing region is tried next)."""
        order = sorted(self.ancestors(m, cur) & self.main)
        before = dict(zip(order, [cur] + order[:-1]))
        refs = {j for i in order for j in self.ops[i].inputs
                if self.ops[i].merge is not None or j != before[i]}
        for j in refs:
            if j != INPUT and j not in order and (j != cur or self.ops[j].kind is None):
                raise SpecError(f"{self.where(j)} is read by name from a later branch")
        if cur in refs and cur != INPUT:
            if not items or not isinstance(items[-1], LayerNode) \
                    or items[-1].name != self.ops[cur].name:
                raise SpecError(f"{self.where(cur)} is read by name from a later branch")
            self.pin(cur, self.taken)
            items[-1] = items[-1]._replace(name=self.ops[cur].name)
        for j in sorted((refs | {i for i in order if self.ops[i].merge}) & set(order)):
            self.pin(j, self.taken)
        return self.listing(order, before)

    def listing(self, order: list[int], before: dict[int, int]) -> list[Node]:
        items: list[Node] = []
        for i in order:
            op = self.ops[i]
            if op.merge is not None:
                items.append(JoinNode(op.name, op.merge, [self.ref(j) for j in op.inputs], 0))
            elif op.inputs[0] == before[i] and len(op.inputs) == 1:
                items.append(self.leaf(i))
            else:
                items.append(FromNode(self.ref(op.inputs[0]), SeqNode([self.leaf(i)]), 0))
            items.extend(self.heads(i))
        return items

    def named(self) -> list[Node]:
        """The network in the order it ran, each layer reading the one before it or, by
        name, an earlier one (``from``), each merge a ``join`` of named outputs: any graph
        at all (SPPF's taps, YOLO's neck, DLA's trees), for when ``walk`` finds no nest of
        residuals and parallels."""
        order = sorted(self.main - {INPUT})
        before = dict(zip(order, [INPUT] + order[:-1]))
        named = {j for i in order for j in self.ops[i].inputs
                 if self.ops[i].merge is not None or j != before[i]}
        named |= {i for i in order if self.ops[i].merge is not None}
        for i in sorted(named - {INPUT}):
            self.pin(i, self.taken)
        return list(self.heads(INPUT)) + self.listing(order, before)

    def pin(self, i: int, taken: set[str]) -> None:
        """A functional op's provisional name (``@add3``) made a fixed one (``add_3``):
        a named input reads it. Its last part is used nowhere else in the network: a
        named input is looked up from its own scope outwards, so a ``slice_1`` inside a
        block would hide an outer ``slice_1`` that the block reads (DPN's dual path)."""
        op = self.ops[i]
        if not op.free:
            return
        scope, _, local = op.name.rpartition(".")
        stem = local.lstrip("@").rstrip("0123456789") or "op"
        k = 1
        while f"{stem}_{k}" in self.locals or (f"{scope}.{stem}_{k}" if scope
                                              else f"{stem}_{k}") in taken:
            k += 1
        new = f"{scope}.{stem}_{k}" if scope else f"{stem}_{k}"
        taken.add(new)
        self.locals.add(f"{stem}_{k}")
        op.name, op.free = new, False

    def ref(self, j: int) -> str:
        return INPUT_NAME if j == INPUT else self.ops[j].name

    def ops_free(self, name: str) -> bool:
        return "@" in name


def _size(nodes: list[Node]) -> int:
    return sum(_size(n.items) if isinstance(n, SeqNode) else 1 for n in nodes)


def to_tree(ops: list[Op], outputs: list[int], inference: bool = False) -> SeqNode:
    """The ``Spec`` graph of a traced network whose first output is the main one;
    ``inference``: its other outputs are returned at inference too (a segmentation
    model's aux classifier, a detector's heads), so their heads' MACs count."""
    alias = normalise_concats(ops)
    def res(i: int) -> int:
        while i != INPUT and alias[i] != i:
            i = alias[i]
        return i

    outputs = [res(o) for o in outputs]
    if not outputs or outputs[0] == INPUT:
        raise SpecError("the network returns its input unchanged; there is nothing to describe")
    g = _Graph(ops, outputs, inference)
    for n in sorted((g.main | g.aux) - {INPUT}):
        if ops[n].error:
            raise SpecError(ops[n].error)
    try:  # named inputs only where residuals and parallels cannot say it
        return SeqNode(g.walk(INPUT, outputs[0]))
    except SpecError as err:
        try:  # the whole network in the order it ran, with named inputs
            return SeqNode(g.named())
        except SpecError:
            raise err from None
