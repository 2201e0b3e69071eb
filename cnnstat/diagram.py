"""Draw a spec's graph as Mermaid (pastes into markdown notes) or Graphviz DOT.

The graph is walked from the parsed spec (sequences, parallel branches, residual
shortcuts, auxiliary heads); shapes come from the analysis. ``depth`` folds every layer
whose name shares its first ``depth`` dotted parts into one box, like ``params --depth``.
"""

from __future__ import annotations

from typing import NamedTuple

from cnnstat.analysis import Analysis, Row
from cnnstat.errors import SpecError
from cnnstat.layers import fmt_shape

FORMATS = ("mermaid", "dot")


class Box(NamedTuple):
    id: str
    name: str
    label: list[str]


class Graph(NamedTuple):
    boxes: list[Box]
    edges: list[tuple[str, str, str]]  # (from, to, label)


def build(a: Analysis, depth: int | None = None) -> Graph:
    """The layer graph of an analysis, folded to ``depth`` name parts if given."""
    from cnnstat.spec import graph as g

    if depth is not None and depth < 1:
        raise SpecError(f"--depth must be at least 1, not {depth}")
    rows = {r.name: r for r in a.rows}
    boxes: dict[str, Box] = {}
    edges: list[tuple[str, str, str]] = []

    def box(name: str, lines: list[str]) -> str:
        bid = f"n{len(boxes)}"
        boxes[bid] = Box(bid, name, lines)
        return bid

    named: dict[str, list[str]] = {}  # an output read by name -> its box

    def layer_box(name: str) -> str:
        r = rows.get(name)
        if r is None:
            bid = box(name, [name])
        else:
            kind = f"{r.type} {r.args}".strip()
            bid = box(name, [name, kind, fmt_shape(r.output)])
        for key in g.scope_keys(name):
            named[key] = [bid]
        return bid

    def link(preds: list[str], to: str, label: str = "") -> None:
        edges.extend((p, to, label) for p in preds)

    def walk(node, preds: list[str]) -> list[str]:
        if isinstance(node, g.LayerNode):
            b = layer_box(node.name)
            link(preds, b)
            return [b]
        if isinstance(node, g.SeqNode):
            for item in node.items:
                preds = walk(item, preds)
            return preds
        if isinstance(node, g.FromNode):
            return walk(node.body, named[node.source])
        if isinstance(node, g.JoinNode):
            b = layer_box(node.name)
            for src in node.sources:
                link(named[src], b)
            return [b]
        if isinstance(node, g.ParallelNode):
            outs = [o for branch in node.branches for o in walk(branch, preds)]
            b = layer_box(node.name)
            link(outs, b)
            return [b]
        if isinstance(node, g.ResidualNode):
            body = walk(node.body, preds)
            if node.name not in rows:  # shortcut if_same, shapes differ: no residual
                return body
            b = layer_box(node.name)
            link(body, b)
            if isinstance(node.shortcut, g.SeqNode):
                link(walk(node.shortcut, preds), b, "shortcut")
            else:
                prefix = f"{node.scope}." if node.scope else ""
                proj = [n for n in rows if n.startswith(prefix + "downsample.")
                        and n.count(".") == prefix.count(".") + 1]
                short = preds
                for n in proj:
                    pb = layer_box(n)
                    link(short, pb)
                    short = [pb]
                link(short, b, "identity" if not proj else "projection")
            return [b]
        aux = getattr(g, "AuxNode", None)
        if aux is not None and isinstance(node, aux):
            walk(node.body, preds)  # a side head: the main path goes on unchanged
            return preds
        body = getattr(node, "body", None) or getattr(node, "items", None)
        return walk(body, preds) if body is not None else preds  # pragma: no cover

    start = box("input", ["input", fmt_shape(a.input)])
    named[g.INPUT_NAME] = [start]
    walk(a.spec.root, [start])
    graph = Graph(list(boxes.values()), edges)
    return fold(graph, rows, depth) if depth else graph


def fold(graph: Graph, rows: dict[str, Row], depth: int) -> Graph:
    key = {b.id: ".".join(b.name.split(".")[:depth]) for b in graph.boxes}
    members: dict[str, list[Box]] = {}
    for b in graph.boxes:
        members.setdefault(key[b.id], []).append(b)
    ids = {k: f"n{i}" for i, k in enumerate(members)}
    boxes = []
    for k, group in members.items():
        if len(group) == 1:
            boxes.append(Box(ids[k], group[0].name, group[0].label))
            continue
        named = [rows[b.name] for b in group if b.name in rows]
        params = sum(r.params for r in named)
        last = named[-1].output if named else ()
        boxes.append(Box(ids[k], k, [k, f"{len(group)} layers, {params:,} params",
                                     fmt_shape(last)]))
    edges, seen = [], set()
    for a, b, label in graph.edges:
        ka, kb = ids[key[a]], ids[key[b]]
        if ka != kb and (ka, kb) not in seen:
            seen.add((ka, kb))
            edges.append((ka, kb, label))
    return Graph(boxes, edges)


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
    for b in graph.boxes:
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
    for b in graph.boxes:
        out.append(f'  {b.id} [label="{newline.join(esc(x) for x in b.label)}"];')
    for a, b, label in graph.edges:
        out.append(f'  {a} -> {b} [label="{esc(label)}"];' if label else f"  {a} -> {b};")
    out.append("}")
    return "\n".join(out) + "\n"


def render(a: Analysis, fmt: str = "mermaid", depth: int | None = None) -> str:
    if fmt not in FORMATS:
        raise SpecError(f"--format must be mermaid or dot for a diagram, not {fmt!r}")
    graph = build(a, depth)
    title = f"{a.spec.name}: {a.spec.title}"
    return to_mermaid(graph, title) if fmt == "mermaid" else to_dot(graph, title)
