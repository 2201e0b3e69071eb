"""A ``Spec`` graph -> an outline of spec items (the shape of the YAML a person would write).

The graph names every row in full (``layer2.0.downsample.0``); a spec names a row by
nesting: ``seq``/``repeat``/block calls and branches add a scope, and a layer's own name is
one word, or the parser's automatic one (its kind's stem and a counter, ``conv1``). This
module finds the scopes that give every row its name back; ``naming`` decides which layers
must say ``name:`` and which the counter names anyway; ``outlineitems`` holds the items.
Torch-free.

Names in ``free`` (functional ops of an imported model, which have no module path) may be
renamed: they take whatever automatic name their scope gives them. A fixed name that the
language cannot express where its layer sits (say, a branch's layers under two scopes) is
re-rooted under the scope the structure needs; the layer keeps its kind, and the renaming
is listed in ``Outline.renamed``.
"""

from __future__ import annotations

from typing import Union

from cnnstat.layers import Shape, shortcut_layers
from cnnstat.spec.dotted import below, common_scope, parent, parts, relative, under
from cnnstat.spec.graph import (AuxNode, FromNode, JoinNode, LayerNode, Node, ParallelNode,
                                ResidualNode, SeqNode)
from cnnstat.spec.naming import name_scopes
from cnnstat.spec.outlineitems import AuxHead, Group, Item, Join, Leaf, Outline, Par, Res


def _leaves(node: Node):
    if isinstance(node, LayerNode):
        yield node
    elif isinstance(node, SeqNode):
        for item in node.items:
            yield from _leaves(item)
    elif isinstance(node, ParallelNode):
        for b in node.branches:
            yield from _leaves(b)
    elif isinstance(node, ResidualNode):
        yield from _leaves(node.body)
        if isinstance(node.shortcut, SeqNode):
            yield from _leaves(node.shortcut)
    elif isinstance(node, (AuxNode, FromNode)):
        yield from _leaves(node.body)


def _is_free(node: Node, free: frozenset[str]) -> bool:
    return isinstance(node, LayerNode) and node.name in free


def _flat(nodes: list[Node], sources: dict[int, tuple[Node, str]]) -> list[Node]:
    """Nested sequences as one list; a named input's layers join it, the first of them
    marked (in ``sources``, by id, with the node itself kept so that its id is never
    another node's) as reading the named output, unless it reads another."""
    out: list[Node] = []
    for n in nodes:
        if isinstance(n, SeqNode):
            out.extend(_flat(n.items, sources))
        elif isinstance(n, FromNode):
            body = _flat(n.body.items, sources)
            if body:
                sources.setdefault(id(body[0]), (body[0], n.source))
            out.extend(body)
        else:
            out.append(n)
    return out


class _Outliner:
    def __init__(self, shapes: dict[str, tuple[Shape, Shape]], free: frozenset[str]) -> None:
        self.shapes = shapes  # row name -> (input shape, output shape)
        self.free = free
        self.renamed: list[tuple[str, str]] = []
        self.groups: dict[str, set[str]] = {}
        # node id -> (the node, the named output it reads)
        self.sources: dict[int, tuple[Node, str]] = {}
        self.moved: dict[str, str] = {}  # a re-rooted layer's full name -> its new one

    # -- where a node's rows are named -------------------------------------------------
    def here(self, node: Node) -> str:
        """The scope a merge node's rows are named in."""
        if isinstance(node, AuxNode):
            return node.name
        if node.name not in self.free:  # type: ignore[union-attr]
            return parent(node.name)  # type: ignore[union-attr]
        fixed: list[str] = []
        if isinstance(node, ResidualNode):
            fixed = [parent(l.name) for l in _leaves(node.body) if l.name not in self.free]
            if isinstance(node.shortcut, SeqNode):
                for l in _leaves(node.shortcut):
                    if l.name not in self.free:
                        p = parent(l.name)
                        fixed.append(parent(p) if p.rpartition(".")[2] == "downsample" else p)
            return common_scope(fixed) if fixed else parent(node.name)  # type: ignore[return-value]
        if isinstance(node, ParallelNode):
            named = [b for b in node.branches if any(l.name not in self.free for l in _leaves(b))]
            if len(named) >= 2:
                scopes = [parent(l.name) for b in named for l in _leaves(b)
                          if l.name not in self.free]
                found = common_scope(scopes)
                # each branch needs a scope of its own below here
                if found is not None and all(len(parts(s)) > len(parts(found)) for s in scopes):
                    return found
                return found or ""
        return parent(node.name)  # type: ignore[union-attr]

    def head(self, node: Node, scope: str) -> str | None:
        """The first scope component ``node`` sits in below ``scope`` (None: in it)."""
        if isinstance(node, LayerNode):
            if not under(node.name, scope):
                return None
            rel = parts(node.name[len(scope) + 1:] if scope else node.name)
            return rel[0] if len(rel) > 1 else None
        where = self.here(node)
        if isinstance(node, AuxNode):
            where = parent(where)
        if where == scope or not under(where, scope):
            return None
        return parts(where[len(scope) + 1:] if scope else where)[0]

    def reroot(self, node: Node, scope: str) -> Node:
        """A fixed layer name outside ``scope`` moves under it (and is reported); so do
        all the layers of a residual or parallel whose scope lies outside ``scope``
        (YOLO's C3: ``m.0`` and ``m.1`` inside the branch that starts with ``cv1``), so
        that consecutive ones stay together under one scope."""
        if isinstance(node, LayerNode):
            if node.name not in self.free and not under(node.name, scope):
                new = ".".join(parts(scope) + below(node.name, scope))
                self.renamed.append((node.name, new))
                self.moved[node.name] = new
                moved = node._replace(name=new)
                if self.source_of(node) is not None:
                    self.sources[id(moved)] = (moved, self.sources[id(node)][1])
                return moved
            return node
        if isinstance(node, (ResidualNode, ParallelNode)):
            where = self.here(node)
            if where != scope and not under(where, scope) and not under(scope, where):
                return self.subtree(node, scope)
        return node

    def subtree(self, node: Node, scope: str) -> Node:
        if isinstance(node, LayerNode):
            return self.reroot(node, scope)
        if isinstance(node, SeqNode):
            return node._replace(items=[self.subtree(n, scope) for n in node.items])
        if isinstance(node, ResidualNode):
            short = node.shortcut
            return node._replace(body=self.subtree(node.body, scope),
                                 shortcut=self.subtree(short, scope)
                                 if isinstance(short, SeqNode) else short)
        if isinstance(node, ParallelNode):
            return node._replace(branches=[self.subtree(b, scope) for b in node.branches])
        if isinstance(node, AuxNode):
            return node._replace(body=self.subtree(node.body, scope))
        return node

    def source_of(self, node: Node) -> str | None:
        got = self.sources.get(id(node))
        return got[1] if got is not None and got[0] is node else None

    def refer(self, source: str | None, scope: str) -> str | None:
        """A named input as written in ``scope``: the layer's name where it now sits (a
        layer re-rooted under a renamed scope, say HRNet's second ``fuse_layers`` group
        written as ``fuse_layers_2``, is read by its new name)."""
        if source is None:
            return None
        seen = {source}
        while source in self.moved and self.moved[source] not in seen:  # moved again
            source = self.moved[source]
            seen.add(source)
        return relative(source, scope)

    # -- nodes -> items -----------------------------------------------------------------
    def items(self, nodes: list[Node], scope: str) -> list[Item]:
        nodes = [self.reroot(n, scope) for n in _flat(nodes, self.sources)]
        heads = [self.head(n, scope) for n in nodes]
        # a free leaf (a functional op) between two nodes of one scope joins that scope
        for i, n in enumerate(nodes):
            if heads[i] is None and isinstance(n, LayerNode) and n.name in self.free:
                before = next((heads[j] for j in range(i - 1, -1, -1)
                               if not _is_free(nodes[j], self.free)), None)
                after = next((heads[j] for j in range(i + 1, len(nodes))
                              if not _is_free(nodes[j], self.free)), None)
                if before is not None and before == after:
                    heads[i] = before
        out: list[Item] = []
        # group names per scope, across calls: a residual's body adds no scope, so a
        # group in it and one after it share their scope's names
        used = self.groups.setdefault(scope, set())
        i = 0
        while i < len(nodes):
            h = heads[i]
            if h is None:
                item = self.node(nodes[i], scope)
                if not isinstance(item, Join):
                    item.source = self.refer(self.source_of(nodes[i]), scope)
                out.append(item)
                i += 1
                continue
            j = i
            while j < len(nodes) and heads[j] == h:
                j += 1
            name = h
            k = 2
            while name in used:
                name = f"{h}_{k}"
                k += 1
            used.add(name)
            inner = f"{scope}.{name}" if scope else name
            out.append(Group(name, self.items(nodes[i:j], inner)))
            i = j
        return out

    def node(self, node: Node, scope: str) -> Item:
        if isinstance(node, LayerNode):
            name = None if node.name in self.free else parts(node.name)[-1]
            return Leaf(node.kind, name, functional=node.functional)
        if isinstance(node, ParallelNode):
            branches: list[tuple[str, list[Item]]] = []
            taken: set[str] = set()
            # branch names are scopes: an automatic one is new to this scope (two
            # parallels in one scope do not both have a b1)
            used = self.groups.setdefault(scope, set())
            auto = 1
            for i, b in enumerate(node.branches):
                fixed = [l.name for l in _leaves(b) if l.name not in self.free]
                rel = parts(fixed[0][len(scope) + 1:] if scope else fixed[0]) \
                    if fixed and under(fixed[0], scope) else []
                if len(rel) > 1:
                    bname = rel[0]
                else:
                    while f"b{auto}" in used or f"b{auto}" in taken:
                        auto += 1
                    bname = f"b{auto}"
                while bname in taken:
                    bname += "_"
                taken.add(bname)
                used.add(bname)
                inner = f"{scope}.{bname}" if scope else bname
                branches.append((bname, self.items(b.items, inner)))
            return Par(node.merge, branches, node.drop_path)
        if isinstance(node, ResidualNode):
            body = self.items(node.body.items, scope)
            shortcut: Union[str, list[Item]] = node.shortcut  # type: ignore[assignment]
            if isinstance(node.shortcut, SeqNode):
                shortcut = self.shortcut(node, scope)
            return Res(body, shortcut, node.merge, node.survival)
        if isinstance(node, AuxNode):
            local = parts(node.name)[-1]
            inner = f"{scope}.{local}" if scope else local
            return AuxHead(local, self.items(node.body.items, inner),
                           inference=node.inference)
        if isinstance(node, JoinNode):
            return Join(parts(node.name)[-1], node.merge,
                        [self.refer(s, scope) for s in node.sources])  # type: ignore[misc]
        raise TypeError(f"unknown node {node!r}")  # pragma: no cover

    def shortcut(self, node: ResidualNode, scope: str) -> Union[str, list[Item]]:
        """``auto``/``zeropad``/``identity`` when one of them gives exactly these layers
        (so that blocks with and without a projection fold together), else the list."""
        layers = node.shortcut.items  # type: ignore[union-attr]
        if not layers:  # the input itself: auto (and zeropad) give exactly that
            return _EITHER if node.merge == "add" else "identity"
        given = [(l.name, l.kind.name, l.kind.values) for l in layers
                 if isinstance(l, LayerNode)]
        start, end = self.in_shape(node.body), self.out_shape(node.body)
        prefix = f"{scope}." if scope else ""
        if len(given) == len(layers) and start is not None and end is not None:
            for how in ("auto", "zeropad"):
                try:
                    made = shortcut_layers(how, start, end)
                except Exception:
                    continue
                want = [(prefix + local, k.name, k.values) for local, k in made]
                if [(k, v) for _, k, v in given] == [(k, v) for _, k, v in want]:
                    # the layers auto (or zeropad) makes; they take its names
                    self.renamed.extend((n, w) for (n, _, _), (w, _, _) in zip(given, want)
                                        if n != w and n not in self.free)
                    return how
        return self.items(layers, f"{prefix}downsample")

    def in_shape(self, node: Node) -> Shape | None:
        for leaf in _leaves(node):
            got = self.shapes.get(leaf.name)
            return got[0] if got else None
        return None

    def out_shape(self, node: Node) -> Shape | None:
        if isinstance(node, SeqNode):
            main = [n for n in node.items if not isinstance(n, AuxNode)]
            return self.out_shape(main[-1]) if main else None
        if isinstance(node, FromNode):
            return self.out_shape(node.body)
        got = self.shapes.get(getattr(node, "name", ""))
        return got[1] if got else None


def outline(root: SeqNode, shapes: dict[str, tuple[Shape, Shape]],
            free: frozenset[str] = frozenset()) -> Outline:
    """The items of a spec whose parse gives ``root`` back (row for row)."""
    o = _Outliner(shapes, free)
    items = o.items(root.items, "")
    # an identity shortcut says what the network's other shortcuts say (so that blocks
    # with and without a shortcut layer fold together): zeropad if those are zeropad
    used = set(_shortcuts(items))
    either = "zeropad" if "zeropad" in used and "auto" not in used else "auto"
    for res in _residuals(items):
        if res.shortcut == _EITHER:
            res.shortcut = either
    name_scopes(items)
    return Outline(items, o.renamed)


_EITHER = "auto|zeropad"  # an identity shortcut: both give it


def _residuals(items: list[Item]):
    for it in items:
        if isinstance(it, Res):
            yield it
            yield from _residuals(it.items)
            if isinstance(it.shortcut, list):
                yield from _residuals(it.shortcut)
        elif isinstance(it, (Group, AuxHead)):
            yield from _residuals(it.items)
        elif isinstance(it, Par):
            for _, b in it.branches:
                yield from _residuals(b)


def _shortcuts(items: list[Item]):
    for res in _residuals(items):
        if isinstance(res.shortcut, str) and res.shortcut != _EITHER:
            yield res.shortcut
