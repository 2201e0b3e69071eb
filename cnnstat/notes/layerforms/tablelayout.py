"""How a layer table may be laid out other than a layer a row with a column a quantity: a
column whose cells give the map in and out with an arrow (``227x227x3 → 55x55x96``), or the
whole table turned on its side (a layer a column). ``layertable`` reads the table after."""

from __future__ import annotations

import re

from cnnstat.notes.layerforms import layercols

MAPPED = re.compile(r"\d\s*[x×*,]\s*\d")  # a map's sides ("55x55", "(28, 28, 192)")


def separator(cells: list[tuple[str, int, int]]) -> bool:
    """A markdown table's separator row (``|---|:--:|``)."""
    return bool(cells) and all(re.fullmatch(r":?-{1,}:?|", c.strip()) for c, _, _ in cells)


_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|⟶)\s*")


def arrows(head: list[str], body) -> tuple[list[str], list]:
    """A column whose cells give the map in and out (``227x227x3 → 55x55x96``), in a table
    with no input or output column of its own, split in two: the input, the output."""
    width = len(head)
    if {"in", "out"} & {r for found in layercols.roles(head) for r in found}:
        return head, body
    for col in range(width):
        texts = [row[1][col][0] for row in body if len(row[1]) == width]
        pairs = [t for t in texts if len(_ARROW.findall(t)) == 1 and  # maps, not counts
                 all(layercols.value(x) and MAPPED.search(x) for x in _ARROW.split(t))]
        if len(pairs) < 2 or 2 * len(pairs) < sum(bool(t.strip()) for t in texts):
            continue
        out = []
        for number, cells, *lines in body:
            if len(cells) != width or lines:
                return head, body
            text, a, _ = cells[col]
            m = _ARROW.search(text) if text in pairs else None
            left = (text[:m.start()], a, a + m.start()) if m else ("", a, a)
            right = (text[m.end():], a + m.end(), a + len(text)) if m else cells[col]
            out.append((number, cells[:col] + [left, right] + cells[col + 1:]))
        return head[:col] + ["input", "output"] + head[col + 1:], out
    return head, body


def turned(rows, judged: set[str]) -> list:
    """A table written on its side (``| | conv1 | pool1 |`` over ``| k | 3 | 2 |``,
    ``| RF | 3 | 4 |``) as a layer a row: each row's first cell names a quantity, each
    column after it a layer; each cell keeps its own line (``judged``: the quantities a
    layer table judges, one of which the rows must name)."""
    body = [(n, c) for n, c in rows[1:] if not separator(c)]
    width = len(rows[0][1])
    if len(body) < 2 or width < 2 or any(len(c) != width for _, c in body):
        return []
    names = [c[0][0] for _, c in body]
    found = {r for roles in layercols.roles(names) for r in roles}
    if not (judged & found and {"k", "s"} & found):
        return []
    first, head_line = rows[0][1], rows[0][0]
    turned = [(head_line, [first[0]] + [c[0] for _, c in body])]
    for j in range(1, width):
        cells = [first[j]] + [c[j] for _, c in body]
        turned.append((head_line, cells, (head_line,) + tuple(n for n, _ in body)))
    return turned
