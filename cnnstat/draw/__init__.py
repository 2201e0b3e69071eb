"""Pictures of a network from its spec: ``tree`` (the spec's structure holding its
analysed rows, folded to a depth), ``layout`` (where boxes and edges go), ``label`` (what
a box says), ``svg`` (the drawing as SVG) and ``text`` (Mermaid and Graphviz DOT)."""

from __future__ import annotations

from cnnstat.analysis import Analysis


def to_svg(a: Analysis, depth: int | None = None, header: str = "") -> str:
    """``a`` drawn as a standalone SVG document, folded to ``depth`` name parts if given."""
    from cnnstat.draw import label, layout, svg as svg_render, tree

    t = tree.build(a)
    if depth is not None:
        t = tree.fold(t, depth)
    lay = layout.layout(t, tree.Box(label.input_row(a.input)))
    return svg_render.render(lay, a, header)


FORMATS = ("mermaid", "dot", "svg")


def render(a: Analysis, fmt: str = "mermaid", depth: int | None = None) -> str:
    """``diagram --format``: Mermaid, Graphviz DOT, or an SVG drawn here."""
    from cnnstat.errors import SpecError

    if fmt not in FORMATS:
        raise SpecError(f"--format must be mermaid, dot or svg for a diagram, not {fmt!r}")
    if fmt == "svg":
        return to_svg(a, depth)
    from cnnstat.draw import text

    return text.render(a, fmt, depth)
