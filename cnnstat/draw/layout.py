"""Where each box and edge goes: the spec's own structure is the layout.

Flow is top to bottom. A ``Seq`` stacks its items on one axis; a ``Split`` puts its
branches side by side and joins them at the merge below; a ``Bypass`` runs the shortcut in
a lane (or a column of projection layers) beside the body into the add; a ``Gate`` puts
its body on a side path whose output meets the main path at the multiply; a ``Side``
(auxiliary head) hangs beside the main path, which goes on straight.

The network's stages (runs of top-level items whose names share their first part) are
columns set side by side, each under its name and totals; small stages share a column.
Each part is measured once and placed once: linear in the number of boxes.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from cnnstat.draw.label import BOX_H, box_width
from cnnstat.draw.paths import FAN, GAP, fan_in, fan_out, into_side, line, named_edge, num
from cnnstat.draw.stages import key as stage_key
from cnnstat.draw.stages import level as stage_level
from cnnstat.draw.tree import (Box, Bypass, From, Gate, Join, Seq, Side, Split, Tree, boxes,
                               owner, rows_of)

HGAP = 22  # between branches side by side
LANE = 18  # a bypass lane
COL_GAP = 56  # between stage columns
TITLE_H = 34  # a column's title
MARGIN = 16
ROW_W = 1320  # columns wrap onto a new band below past this width
COLUMN_BOXES = 8  # stages are put in one column while together they have this many boxes


class Placed(NamedTuple):
    box: Box
    x: float
    y: float
    w: float
    h: float
    prefix: str = ""  # the column's stage, left out of the name shown


class Edge(NamedTuple):
    d: str  # SVG path data
    style: str  # "flow", "bypass", "gate", "side", "stage"


class Title(NamedTuple):
    x: float
    y: float
    w: float
    rows: list  # the analysis rows of the column (for its totals)
    text: str


class Layout(NamedTuple):
    width: float
    height: float
    boxes: list[Placed]
    edges: list[Edge]
    titles: list[Title]
    input: Placed | None  # the input tensor's box (not a layer)


class _Out(NamedTuple):
    boxes: list[Placed]
    edges: list[Edge]
    # (row read by name, x and y of the reader's top, the top of the reader's band)
    named: list[tuple[str, float, float, float]]
    band: list[float]  # the top of the band being placed


class Frame(NamedTuple):
    """A measured part: its size, the x of its axis (where the flow enters at the top
    and leaves at the bottom), and how to draw it at a position."""

    w: float
    h: float
    ax: float
    place: Callable[[float, float, _Out], None]
    linked: bool = True  # reads the previous item's output (not an earlier one by name)


class _Measure:
    """Measures parts with every box ``bw`` wide (one width for the whole drawing)."""

    def __init__(self, bw: float) -> None:
        self.bw = bw
        self.prefix = ""  # the stage of the column being measured

    def __call__(self, node: Tree) -> Frame:
        if isinstance(node, Box):
            return _box(node, self.bw, self.prefix)
        if isinstance(node, Seq):
            return _seq([self(i) for i in node.items])
        if isinstance(node, Split):
            return _split(node, self)
        if isinstance(node, Bypass):
            return _bypass(node, self)
        if isinstance(node, Gate):
            return _gate(node, self)
        if isinstance(node, Side):
            return _side(node, self)
        if isinstance(node, From):
            return _reads([node.source], self(node.body))
        if isinstance(node, Join):
            return _reads(node.sources, _box(node.merge, self.bw, self.prefix))
        raise TypeError(f"unknown part {node!r}")  # pragma: no cover


def _box(b: Box, w: float, prefix: str = "") -> Frame:

    def place(x: float, y: float, out: _Out) -> None:
        out.boxes.append(Placed(b, x, y, w, BOX_H, prefix))
        out.named.extend((src, x + w / 2, y, out.band[0]) for src in b.reads)

    return Frame(w, BOX_H, w / 2, place, b.linked)


def _reads(sources: list[str], f: Frame) -> Frame:
    """A part that reads earlier outputs by name: edges from them, none from above."""

    def place(x: float, y: float, out: _Out) -> None:
        out.named.extend((src, x + f.ax, y, out.band[0]) for src in sources)
        f.place(x, y, out)

    return Frame(f.w, f.h, f.ax, place, linked=False)


def _seq(frames: list[Frame]) -> Frame:
    if not frames:
        return Frame(0, 0, 0, lambda x, y, out: None)
    ax = max(f.ax for f in frames)
    w = max(ax + f.w - f.ax for f in frames)
    h = sum(f.h for f in frames) + GAP * (len(frames) - 1)

    def place(x: float, y: float, out: _Out) -> None:
        for i, f in enumerate(frames):
            if i and f.linked:
                out.edges.append(Edge(line(x + ax, y - GAP, x + ax, y), "flow"))
            f.place(x + ax - f.ax, y, out)
            y += f.h + GAP

    return Frame(w, h, ax, place, frames[0].linked)


def _split(node: Split, measure: _Measure) -> Frame:
    frames = [measure(b) for b in node.branches]
    merge = _box(node.merge, measure.bw, measure.prefix)
    row = sum(f.w for f in frames) + HGAP * (len(frames) - 1)
    tall = max(f.h for f in frames)
    w = max(row, merge.w)
    ax = w / 2
    h = FAN + tall + FAN + GAP + merge.h

    def place(x: float, y: float, out: _Out) -> None:
        bx = x + (w - row) / 2
        top, mtop = y + FAN, y + FAN + tall + FAN + GAP
        for f in frames:
            a = bx + f.ax
            if f.h:
                out.edges.append(Edge(fan_out(x + ax, y, a, top), "flow"))
                f.place(bx, top, out)
                out.edges.append(Edge(fan_in(a, top + f.h, x + ax, mtop), "flow"))
            else:  # an empty branch: the input itself
                out.edges.append(Edge(fan_out(x + ax, y, a, top) + fan_in(
                    a, top, x + ax, mtop).replace("M", "L", 1), "flow"))
            bx += f.w + HGAP
        merge.place(x + ax - merge.ax, mtop, out)

    return Frame(w, h, ax, place)


def _bypass(node: Bypass, measure: _Measure) -> Frame:
    body = measure(node.body)
    short = measure(node.shortcut)
    merge = _box(node.merge, measure.bw, measure.prefix)
    ax = max(body.ax, merge.ax)
    right = max(ax + body.w - body.ax, ax + merge.w - merge.ax)  # the body's right edge
    if short.h:
        lane_x = right + HGAP + short.ax
        w = right + HGAP + short.w
    else:
        lane_x = right + LANE / 2
        w = right + LANE
    h = FAN + max(body.h, short.h) + GAP + merge.h

    def place(x: float, y: float, out: _Out) -> None:
        top = y + FAN
        mtop = top + max(body.h, short.h) + GAP
        mid = mtop + merge.h / 2
        edge = x + ax + merge.w / 2
        out.edges.append(Edge(line(x + ax, y, x + ax, top), "flow"))
        body.place(x + ax - body.ax, top, out)
        if body.h:
            out.edges.append(Edge(line(x + ax, top + body.h, x + ax, mtop), "flow"))
        if short.h:
            out.edges.append(Edge(fan_out(x + ax, y, x + lane_x, top), "bypass"))
            short.place(x + lane_x - short.ax, top, out)
            out.edges.append(Edge(into_side(x + lane_x, top + short.h, edge, mid), "bypass"))
        else:
            out.edges.append(Edge(fan_out(x + ax, y, x + lane_x, top)
                                  + into_side(x + lane_x, top, edge, mid).replace("M", "L", 1),
                                  "bypass"))
        merge.place(x + ax - merge.ax, mtop, out)

    return Frame(w, h, ax, place)


def _gate(node: Gate, measure: _Measure) -> Frame:
    body = measure(node.body)
    merge = _box(node.merge, measure.bw, measure.prefix)
    ax = merge.ax
    side_x = merge.w + HGAP + body.ax
    w = merge.w + HGAP + body.w
    h = FAN + body.h + GAP + merge.h

    def place(x: float, y: float, out: _Out) -> None:
        top = y + FAN
        mtop = top + body.h + GAP
        out.edges.append(Edge(line(x + ax, y, x + ax, mtop), "flow"))
        out.edges.append(Edge(fan_out(x + ax, y, x + side_x, top), "gate"))
        body.place(x + side_x - body.ax, top, out)
        out.edges.append(Edge(into_side(x + side_x, top + body.h, x + merge.w,
                                        mtop + merge.h / 2), "gate"))
        merge.place(x, mtop, out)

    return Frame(w, h, ax, place)


def _side(node: Side, measure: _Measure) -> Frame:
    body = measure(node.body)
    ax = 0.0
    side_x = HGAP + body.ax
    w = HGAP + body.w
    h = FAN + body.h

    def place(x: float, y: float, out: _Out) -> None:
        out.edges.append(Edge(line(x, y, x, y + h), "flow"))
        out.edges.append(Edge(fan_out(x, y, x + side_x, y + FAN), "side"))
        body.place(x + side_x - body.ax, y + FAN, out)

    return Frame(w, h, ax, place)


class Column(NamedTuple):
    items: list[Tree]
    title: str  # the stage's name, or "first … last" for stages put together
    prefix: str  # left out of the names shown in the column ("layer1."), or ""


def _flat(items: list[Tree]):
    """Top-level items with nested sequences opened (a sequence only groups names)."""
    for item in items:
        if isinstance(item, Seq):
            yield from _flat(item.items)
        elif rows_of(item):
            yield item


def _stages(items: list[Tree], level: int) -> list[tuple[str, list[Tree]]]:
    stages: list[tuple[str, list[Tree]]] = []
    for item in items:
        k = stage_key(rows_of(item)[0].name, level)
        if stages and stages[-1][0] == k:
            stages[-1][1].append(item)
        else:
            stages.append((k, [item]))
    return stages


def columns(tree: Seq) -> list[Column]:
    """The stages (``stages.level``) as columns; small stages are put together so that a
    column holds up to ``COLUMN_BOXES`` boxes."""
    items = list(_flat(tree.items))
    counts = {id(i): len(boxes(i)) for i in items}
    stages = _stages(items, stage_level([r.name for r in rows_of(tree)]))
    out: list[Column] = []
    count = 0
    for key, group in stages:
        n = sum(counts[id(i)] for i in group)
        if out and count + n <= COLUMN_BOXES:
            first = out[-1].title.split(" … ")[0]
            out[-1] = Column(out[-1].items + group, f"{first} … {key}", "")
            count += n
        else:
            out.append(Column(list(group), key, f"{key}."))
            count = n
    return out


def layout(tree: Seq, input_box: Box | None = None) -> Layout:
    """Place the whole drawing: stage columns left to right, wrapping onto bands below
    past ``ROW_W``; the input above the first column."""
    out = _Out([], [], [], [0.0])
    titles: list[Title] = []
    cols = columns(tree)
    measure = _Measure(max([box_width(b, c.prefix) for c in cols for i in c.items
                            for b in boxes(i)], default=0))
    x, band = MARGIN, MARGIN
    top = band + TITLE_H
    bottom = top  # the lowest column of the band so far
    width = 0.0
    prev: tuple[float, float] | None = None  # the last column's exit point
    placed_input = None
    for n, (items, title, prefix) in enumerate(cols):
        measure.prefix = prefix
        frames = [measure(i) for i in items]
        if n == 0 and input_box is not None:
            frames.insert(0, _box(input_box, measure.bw))
        col = _seq(frames)
        wrap = n > 0 and x + col.w > ROW_W
        if wrap:
            x, band = MARGIN, bottom + COL_GAP / 2
            top = band + TITLE_H
        start = len(out.boxes)
        out.band[0] = band
        col.place(x, top, out)
        if n == 0 and input_box is not None:
            placed_input = out.boxes.pop(start)
        rows = [r for i in items for r in rows_of(i)]
        titles.append(Title(x, band, max(col.w, 1), rows, title))
        if prev is not None:
            px, py = prev
            if wrap:  # under the band just finished, back to the left
                path = f"M{num(px)},{num(py)}V{num(band - GAP / 2)}H{num(x + col.ax)}V{num(top)}"
            else:
                path = (f"M{num(px)},{num(py)}v{GAP / 2:g}H{num(x - COL_GAP / 2)}"
                        f"V{num(top - GAP)}H{num(x + col.ax)}V{num(top)}")
            out.edges.append(Edge(path, "stage"))
        prev = (x + col.ax, top + col.h)
        bottom = top + col.h + GAP if wrap else max(bottom, top + col.h + GAP)
        x += col.w + COL_GAP
        width = max(width, x - COL_GAP)
    where = {p.box.row.name: p for p in out.boxes}
    if placed_input is not None:
        where[placed_input.box.row.name] = placed_input
    for n, (src, x, y, band) in enumerate(out.named):
        found = owner(where, src)
        if found is not None:
            out.edges.append(Edge(named_edge(found, x, y, measure.bw, BOX_H, n, band), "named"))
    return Layout(width + MARGIN, bottom + MARGIN, out.boxes, out.edges, titles,
                  placed_input)

