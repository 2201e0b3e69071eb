"""Draw a spec's graph as Mermaid (pastes into markdown notes) or Graphviz DOT.

The graph is the drawing's tree (``draw.tree``: sequences, parallel branches, residual
shortcuts, gates, auxiliary heads, named inputs) with the analysis's rows. ``depth``
folds runs of layers whose names share their first ``depth`` dotted parts into one box,
like ``params --depth``.
"""

from __future__ import annotations

from typing import NamedTuple

from cnnstat.analysis import Analysis
from cnnstat.draw import tree as t
from cnnstat.errors import SpecError
from cnnstat.layers import fmt_shape

FORMATS = ("mermaid", "dot")


class Node(NamedTuple):
    id: str
    name: str
    label: list[str]


class Graph(NamedTuple):
    nodes: list[Node]
    edges: list[tuple[str, str, str]]  # (from, to, label)


def build(a: Analysis, depth: int | None = None) -> Graph:
    """The layer graph of an analysis (``draw.tree``: the spec's structure with its rows),
    folded to ``depth`` name parts if given. Residual shortcuts are edges labelled
    ``identity``, ``projection`` or ``shortcut``; named inputs are edges from the rows
    they name."""
    tree = t.build(a)
    if depth is not None:
        tree = t.fold(tree, depth)
    nodes: list[Node] = []
    ids: dict[str, str] = {}  # row (or folded block) name -> node id
    edges: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def node(name: str, label: list[str]) -> str:
        nid = f"n{len(nodes)}"
        nodes.append(Node(nid, name, label))
        ids[name] = nid
        return nid

    def link(preds: list[str], to: str, label: str = "") -> None:
        for p in preds:
            if p != to and (p, to) not in seen:
                seen.add((p, to))
                edges.append((p, to, label))

    def source(name: str) -> list[str]:
        found = t.owner(ids, name)
        return [found] if found else []

    def box(b: t.Box, preds: list[str]) -> list[str]:
        r = b.row
        if b.folded:
            label = [r.name, f"{b.members:,} layers, {r.params:,} params", fmt_shape(r.output)]
        else:
            label = [r.name, f"{r.type} {r.args}".strip(), fmt_shape(r.output)]
        nid = node(r.name, label)
        if b.linked:
            link(preds, nid)
        for src in b.reads:
            link(source(src), nid)
        return [nid]

    def walk(n: t.Tree, preds: list[str]) -> list[str]:
        if isinstance(n, t.Box):
            return box(n, preds)
        if isinstance(n, t.Seq):
            for item in n.items:
                preds = walk(item, preds)
            return preds
        if isinstance(n, t.Split):
            outs = [o for branch in n.branches for o in walk(branch, preds)]
            return box(n.merge, outs)
        if isinstance(n, (t.Bypass, t.Gate)):
            body = walk(n.body, preds)
            short = walk(n.shortcut, preds) if isinstance(n, t.Bypass) else preds
            merge = box(n.merge, body)
            link(short, merge[0], n.kind if isinstance(n, t.Bypass) else "identity")
            return merge
        if isinstance(n, t.Side):
            walk(n.body, preds)  # a side head: the main path goes on unchanged
            return preds
        if isinstance(n, t.From):
            return walk(n.body, source(n.source))
        if isinstance(n, t.Join):
            return box(n.merge, [s for src in n.sources for s in source(src)])
        raise TypeError(f"unknown part {n!r}")  # pragma: no cover

    start = node("input", ["input", fmt_shape(a.input)])
    walk(tree, [start])
    return Graph(nodes, edges)


def one_line(text: str) -> str:
    """Every line break (\\n, \\r, U+2028, ...) and tab as one space: a title or label
    can never start a new statement of the diagram language."""
    return " ".join(text.split())


def to_mermaid(graph: Graph, title: str = "") -> str:
    def esc(text: str) -> str:
        return (one_line(text).replace("#", "#35;").replace('"', "#quot;")
                .replace("<", "#lt;").replace(">", "#gt;").replace("|", "#124;"))

    out = ["flowchart TD"]
    if title:
        out.insert(0, f"%% {one_line(title)}")
    for b in graph.nodes:
        out.append(f'  {b.id}["{"<br/>".join(esc(x) for x in b.label)}"]')
    for a, b, label in graph.edges:
        out.append(f"  {a} -->|{esc(label)}| {b}" if label else f"  {a} --> {b}")
    return "\n".join(out) + "\n"


def to_dot(graph: Graph, title: str = "") -> str:
    def esc(text: str) -> str:
        return one_line(text).replace("\\", "\\\\").replace('"', '\\"')

    out = [f'digraph "{esc(title or "cnnstat")}" {{', "  rankdir=TB;",
           '  node [shape=box, fontname="Helvetica", fontsize=10];']
    newline = "\\n"  # DOT's line break inside a label
    for b in graph.nodes:
        out.append(f'  {b.id} [label="{newline.join(esc(x) for x in b.label)}"];')
    for a, b, label in graph.edges:
        out.append(f'  {a} -> {b} [label="{esc(label)}"];' if label else f"  {a} -> {b};")
    out.append("}")
    return "\n".join(out) + "\n"


def render(a: Analysis, fmt: str = "mermaid", depth: int | None = None) -> str:
    if fmt not in FORMATS:
        raise SpecError(f"--format must be mermaid or dot for a text diagram, not {fmt!r}")
    graph = build(a, depth)
    title = f"{a.spec.name}: {a.spec.title}"
    return to_mermaid(graph, title) if fmt == "mermaid" else to_dot(graph, title)
