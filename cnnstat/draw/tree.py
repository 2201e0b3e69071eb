"""The drawing's structure: the spec's own tree, with each node holding its analysed rows.

``build`` walks the parsed spec (``cnnstat.spec.graph``) in the order the analysis walks
it, so the rows are consumed one by one and every drawn box is the very row that
``params`` prints. The shapes of the tree are what the layout draws:

* ``Seq``: items one after another (a stage is one of these);
* ``Split``: ``parallel`` branches side by side, meeting at their merge;
* ``Bypass``: a residual: the body, and beside it the shortcut (identity or layers)
  arcing around it into the add (or DenseNet's concat);
* ``Gate``: a residual that multiplies (squeeze-and-excitation): the body is a side path
  whose output scales the main path;
* ``Side``: an auxiliary head that leaves the network (training only);
* ``From``: layers that read an earlier output by name (``from:``), and ``Join``: a merge
  of earlier outputs named in ``join``; the names become edges from those boxes.

``fold`` replaces every run of nodes whose layer names share their first ``depth`` dotted
parts with one box, the row ``analysis.fold`` makes of them (``params --depth``).
"""

from __future__ import annotations

from typing import NamedTuple, Union

from cnnstat.analysis import Analysis, Row
from cnnstat.analysis import fold as fold_rows
from cnnstat.errors import SpecError
from cnnstat.spec import graph as g


class Box(NamedTuple):
    """One drawn node: a layer, a merge, or a folded block (``members`` rows)."""

    row: Row
    members: int = 1
    reads: tuple[str, ...] = ()  # a folded block: rows outside it that it reads by name
    linked: bool = True  # a folded block reads the tensor before it (not only by name)

    @property
    def folded(self) -> bool:
        return self.row.type == "block"


class Seq(NamedTuple):
    items: list["Tree"]


class Split(NamedTuple):
    branches: list[Seq]
    merge: Box


class Bypass(NamedTuple):
    body: Seq
    shortcut: Seq  # empty: the identity
    merge: Box
    kind: str = "identity"  # or "projection" (layers the residual adds), "shortcut" (given)


class Gate(NamedTuple):
    body: Seq
    merge: Box


class Side(NamedTuple):
    body: Seq


class From(NamedTuple):
    source: str  # the row whose output the body reads ("input": the network's input)
    body: Seq


class Join(NamedTuple):
    sources: list[str]  # the rows whose outputs are merged
    merge: Box


Tree = Union[Box, Seq, Split, Bypass, Gate, Side, From, Join]


class _Rows:
    """The analysis rows, taken in walk order."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.names = {r.name for r in rows}
        self.at = 0
        # what a name read by ``from``/``join`` means: a row, or a scope's last row so far
        self.outs: dict[str, str] = {g.INPUT_NAME: g.INPUT_NAME}
        self.side = 0  # inside auxiliary heads: their scopes are not recorded

    def _produced(self, name: str) -> None:
        for key in (g.scope_keys(name) if not self.side else [name]):
            self.outs[key] = name

    def take(self, name: str) -> Box:
        r = self.rows[self.at] if self.at < len(self.rows) else None
        if r is None or r.name != name:  # pragma: no cover - the walks differ
            raise SpecError(f"internal: the drawing expected row {name!r}, found "
                            f"{r.name if r else 'the end'!r}")
        self.at += 1
        self._produced(name)
        return Box(r)

    def until(self, name: str) -> list[Box]:
        """The rows before ``name`` (a residual's generated shortcut layers)."""
        out = []
        while self.at < len(self.rows) and self.rows[self.at].name != name:
            out.append(Box(self.rows[self.at]))
            self._produced(self.rows[self.at].name)
            self.at += 1
        return out


def build(a: Analysis) -> Seq:
    """The drawing tree of an analysis: every row exactly once, in the walk's order."""
    rows = _Rows(a.rows)

    def seq(node: g.SeqNode) -> Seq:
        return Seq([walk(item) for item in node.items])

    def walk(node) -> Tree:
        if isinstance(node, g.LayerNode):
            return rows.take(node.name)
        if isinstance(node, g.SeqNode):
            return seq(node)
        if isinstance(node, g.ParallelNode):
            branches = [seq(b) for b in node.branches]
            return Split(branches, rows.take(node.name))
        if isinstance(node, g.ResidualNode):
            body = seq(node.body)
            if node.name not in rows.names:  # shortcut if_same and the shapes differ
                return body
            if isinstance(node.shortcut, g.SeqNode):
                short, kind = seq(node.shortcut), "shortcut"
            else:
                short = Seq(rows.until(node.name))
                kind = "projection" if short.items else "identity"
            merge = rows.take(node.name)
            if node.merge == "mul":
                return Gate(body, merge)
            return Bypass(body, short, merge, kind)
        if isinstance(node, g.AuxNode):
            rows.side += 1
            try:
                return Side(seq(node.body))
            finally:
                rows.side -= 1
        if isinstance(node, g.FromNode):
            return From(rows.outs[node.source], seq(node.body))
        if isinstance(node, g.JoinNode):
            sources = [rows.outs[s] for s in node.sources]
            return Join(sources, rows.take(node.name))
        raise TypeError(f"unknown node {node!r}")  # pragma: no cover

    tree = seq(a.spec.root)
    if rows.at != len(a.rows):  # pragma: no cover - the walks differ
        raise SpecError(f"internal: the drawing left {len(a.rows) - rows.at} rows out")
    return tree


def rows_of(node: Tree) -> list[Row]:
    if isinstance(node, Box):
        return [node.row]
    out: list[Row] = []
    for child in children(node):
        out.extend(rows_of(child))
    return out


def children(node: Tree) -> list[Tree]:
    """The parts of a node in the order the analysis walked them."""
    if isinstance(node, Seq):
        return list(node.items)
    if isinstance(node, Split):
        return [*node.branches, node.merge]
    if isinstance(node, Bypass):
        return [node.body, node.shortcut, node.merge]
    if isinstance(node, Gate):
        return [node.body, node.merge]
    if isinstance(node, (Side, From)):
        return [node.body]
    if isinstance(node, Join):
        return [node.merge]
    return []


def boxes(node: Tree) -> list[Box]:
    """Every drawn box, in walk order."""
    if isinstance(node, Box):
        return [node]
    return [b for child in children(node) for b in boxes(child)]


def owner(where: dict, name: str):
    """What ``where`` holds for the row ``name``: under its own name, or under the
    block it was folded into (named by the first parts of its rows' names)."""
    return next((where[k] for k in g.scope_keys(name) if k in where), None)


def named_reads(node: Tree) -> list[str]:
    """The rows read by name (``from``, ``join``) anywhere in ``node``."""
    own = [node.source] if isinstance(node, From) else \
        list(node.sources) if isinstance(node, Join) else list(node.reads) \
        if isinstance(node, Box) else []
    return own + [s for c in children(node) for s in named_reads(c)]


def _by_name(node: Tree) -> bool:
    """Does ``node`` start by reading earlier outputs by name (not the tensor before)?"""
    while isinstance(node, Seq) and node.items:
        node = node.items[0]
    return isinstance(node, (From, Join))


def fold(tree: Seq, depth: int) -> Seq:
    """Runs of nodes whose rows share their first ``depth`` name parts become one box."""
    if depth < 1:
        raise SpecError(f"--depth must be at least 1, not {depth}")

    def key(name: str) -> str:
        return ".".join(name.split(".")[:depth])

    def uniform(node: Tree) -> str | None:
        keys = {key(r.name) for r in rows_of(node)}
        return keys.pop() if len(keys) == 1 else None

    def group(items: list[Tree], k: str) -> Tree:
        rows = [r for item in items for r in rows_of(item)]
        if len(items) == 1 and len(rows) == 1 and rows[0].name == k:
            return items[0]  # one layer (perhaps read by name) stays as it is
        inside = {r.name for r in rows}
        reads = tuple(dict.fromkeys(src for item in items for src in named_reads(item)
                                    if src not in inside))
        return Box(fold_rows(rows, depth)[0], len(rows), reads, not _by_name(items[0]))

    def side(node: Side) -> Side:
        """An auxiliary head stays beside the main path, folded or not."""
        k = uniform(node.body)
        return Side(Seq([group(node.body.items, k)]) if k else seq(node.body))

    def seq(node: Seq) -> Seq:
        out: list[Tree] = []
        run: list[Tree] = []
        run_key: str | None = None
        for item in node.items:
            k = uniform(item) if not isinstance(item, Side) else None
            if run and k == run_key:
                run.append(item)
                continue
            if run:
                out.append(group(run, run_key))
                run = []
            if k is None:
                out.append(inner(item))
            else:
                run, run_key = [item], k
        if run:
            out.append(group(run, run_key))
        return Seq(out)

    def solo(box: Box) -> Box:
        return group([box], key(box.row.name))  # type: ignore[return-value]

    def inner(node: Tree) -> Tree:
        if isinstance(node, Seq):
            return seq(node)
        if isinstance(node, Split):
            return Split([seq(b) for b in node.branches], solo(node.merge))
        if isinstance(node, Bypass):
            return node._replace(body=seq(node.body), shortcut=seq(node.shortcut),
                                 merge=solo(node.merge))
        if isinstance(node, Gate):
            return Gate(seq(node.body), solo(node.merge))
        if isinstance(node, Side):
            return side(node)
        if isinstance(node, From):
            return From(node.source, seq(node.body))
        if isinstance(node, Join):
            return Join(node.sources, solo(node.merge))
        return node

    return seq(tree)
