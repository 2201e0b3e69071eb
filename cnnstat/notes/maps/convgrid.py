"""A convolution worked on small grids of numbers: an input, a kernel beside or under it,
and the output feature map, each drawn as a grid (box-drawing ``│ 1 │ 2 │ 3 │``, or pipes
``| 1 | 2 | 3 |`` outside a markdown table) under a label::

    입력 이미지 (5×5)          커널 (3×3)
    ┌───┬───┬───┬───┬───┐     ┌───┬───┬───┐
    │ 1 │ 2 │ 3 │ 0 │ 1 │     │ 1 │ 0 │ 1 │
    ...
    출력 특성 맵 (3×3)
    │ 7 │ 6 │ 8 │              <- each row judged

A grid is the rows drawn at one column with as many cells each (border lines between
them go on with it); its label is the chunk of the text line just above (chunks are parted
by three spaces or more) nearest its column: an output (``출력``, ``output``, ``feature
map``, ``result``), a kernel (``커널``, ``kernel``, ``filter``) or an input (``입력``,
``input``, ``image``). When an output grid ends, the input and the kernel last drawn
within ``SPAN`` lines above it give it: every stride (1 to 3) and zero padding (0 to 2)
whose output size is the grid's, the kernel as drawn (cross-correlation, what CNNs
compute) or flipped (convolution proper). The reading that agrees with the most cells
stands; each row of the output is right where it agrees, wrong where not. An output that
is every cell the reading plus one constant (a bias) is unsure, the reading with its
negatives cut to zero (a ReLU) right; no reading of the sizes, no verdict. Only the first
output drawn under its input and kernel is read (a second may be of the first: a
pooling, an activation), and a grid labelled with a pooling or an activation is none.
"""

from __future__ import annotations

import re
from collections import deque
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip

# (or a box's two sides alone around cells parted by spaces: "│ 2  1  3  0  1 │")
_ROW = re.compile(r"(?:[│|┃]\s*-?\d{1,4}\s*)+[│|┃]|[│┃]\s*-?\d{1,4}(?:\s+-?\d{1,4})+\s*[│┃]")
_CELL = re.compile(r"-?\d{1,4}")
_BORDER = re.compile(r"[\s─━┌┬┐├┼┤└┴┘│┃|+\-=:╔╦╗╠╬╣╚╩╝═║]*")
_KINDS = (("output", re.compile(r"출력|output|feature\s*map|특성\s*맵|피처\s*맵|결과|result", re.I)),
          ("kernel", re.compile(r"커널|kernel|filter|필터|마스크|mask", re.I)),
          ("input", re.compile(r"입력|input|image|이미지|원본", re.I)))
_POOL = re.compile(r"pool|풀링|relu|activation|활성", re.I)
SPAN = 20  # lines above an output within which its input and kernel are drawn
# ... or, where they are the last two grids drawn before it (nothing drawn between: a
# worked answer's steps in prose, then its final matrix), this many
LONG_SPAN = 60
_FENCE = re.compile(r"\s*(?:```|~~~)")
MAX_SIDE = 12  # a grid larger than this is no worked example
CONFIDENCE = 0.8


class Grid(NamedTuple):
    col: int
    span: int  # characters its rows take
    width: int
    rows: list  # (line, [cells])
    kind: str | None


def _label(recent: deque, col: int, first: int) -> str | None:
    if not recent or first - recent[-1][0] > 3:
        return None
    number, raw = recent[-1]
    chunks = [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", raw)]
    if not chunks:
        return None
    _, text = min(chunks, key=lambda c: abs(c[0] - col))
    if _POOL.search(text):
        return None  # a pooling's grid: no kernel's weights
    return next((kind for kind, rx in _KINDS if rx.search(text)), None)


def _apply(x: list, k: list, s: int, p: int, oh: int | None, ow: int) -> list | None:
    h, w, kh, kw = len(x), len(x[0]), len(k), len(k[0])
    if h + 2 * p < kh or w + 2 * p < kw or (w + 2 * p - kw) // s + 1 != ow:
        return None
    oh = (h + 2 * p - kh) // s + 1

    def at(i: int, j: int) -> int:
        i, j = i - p, j - p
        return x[i][j] if 0 <= i < h and 0 <= j < w else 0

    return [[sum(at(r * s + a, c * s + b) * k[a][b] for a in range(kh) for b in range(kw))
             for c in range(ow)] for r in range(oh)]


class Grids:
    def __init__(self) -> None:
        self.open: list[Grid] = []
        self.done: deque = deque(maxlen=6)  # (last line, grid)
        self.recent: deque = deque(maxlen=2)  # (line, raw) of text lines with no grid
        self.waiting: list[Grid] = []  # outputs ended beside an input or kernel not yet

    def feed(self, number: int, raw: str) -> list[Claim | Skip]:
        has_bar = "│" in raw or "|" in raw or "┃" in raw
        segs = [(m.start(), m.end() - m.start(), [int(c) for c in _CELL.findall(m.group(0))])
                for m in _ROW.finditer(raw)] if has_bar else []
        out: list[Claim | Skip] = []
        kept = []
        for g in self.open:
            seg = next((s for s in segs if abs(s[0] - g.col) <= 1 and len(s[2]) == g.width), None)
            under = raw[g.col:g.col + g.span].strip()  # the line under the grid's own columns
            if seg is not None and len(g.rows) < MAX_SIDE:
                g.rows.append((number, seg[2]))
                segs.remove(seg)
                kept.append(g)
            elif under and _BORDER.fullmatch(under) and under[0] not in "└╚":
                kept.append(g)  # a rule between rows; a box's bottom ends the grid
            else:
                out += self._close(g)
        self.open = kept
        for col, span, cells in segs:
            if len(cells) <= MAX_SIDE:
                self.open.append(Grid(col, span, len(cells), [(number, cells)],
                                      _label(self.recent, col, number)))
        if not segs and raw.strip() and not self.open and not _BORDER.fullmatch(raw) and \
                not _FENCE.match(raw):  # a fence's marker between a label and its grid
            self.recent.append((number, raw))
        for g in list(self.waiting):
            if not any(o.kind in ("input", "kernel") and o.rows[0][0] <= g.rows[-1][0]
                       for o in self.open):  # drawn beside it, still being drawn
                self.waiting.remove(g)
                out += self._judge_output(g)
        return out

    def _close(self, g: Grid) -> list[Claim | Skip]:
        self.done.append((g.rows[-1][0], g))
        if g.kind == "output":
            self.waiting.append(g)
        return []

    def _judge_output(self, g: Grid) -> list[Claim | Skip]:
        first = g.rows[0][0]
        near = [d for end, d in self.done if d is not g and first - SPAN <= end and
                d.rows[0][0] <= first]
        last = [d for _, d in self.done if d is not g and d.rows[0][0] <= first][-2:]
        if {d.kind for d in last} == {"input", "kernel"} and \
                first - min(d.rows[-1][0] for d in last) <= LONG_SPAN:
            near = near or last
            near = near if {"input", "kernel"} <= {d.kind for d in near} else last
        x = next((d for d in reversed(near) if d.kind == "input"), None)
        k = next((d for d in reversed(near) if d.kind == "kernel"), None)
        if x is None or k is None or any(
                d.kind == "output" and min(x.rows[0][0], k.rows[0][0]) < d.rows[0][0] < first
                for d in near):
            return []  # another output drawn since: this one may be of that one
        return _judge(g, [c for _, c in x.rows], [c for _, c in k.rows])


def _judge(g: Grid, x: list, k: list) -> list[Claim | Skip]:
    said = [c for _, c in g.rows]
    oh, ow = len(said), g.width
    flipped = [row[::-1] for row in k[::-1]]
    # an output drawn in part (its first rows) is read against the first rows of the whole
    readings = [(r[:oh], s, p, f) for f, kk in (("", k), (" flipped", flipped))
                for s in (1, 2, 3) for p in (0, 1, 2)
                for r in [_apply(x, kk, s, p, None, ow)] if r is not None and len(r) >= oh]
    if not readings:
        return []
    cells = lambda r: sum(a == b for ra, rb in zip(r, said) for a, b in zip(ra, rb))  # noqa: E731
    best, s, p, f = max(readings, key=lambda t: cells(t[0]))
    how = f"the {len(x)}x{len(x[0])} input and the{f} {len(k)}x{len(k[0])} kernel above, " \
          f"stride {s}, padding {p}"
    diffs = {b - a for ra, rb in zip(best, said) for a, b in zip(ra, rb)}
    if len(diffs) == 1 and diffs != {0}:
        return [Skip(g.rows[0][0], "output " + str(said), f"unsure: every cell {how} plus "
                                                         f"{diffs.pop()} (a bias?)")]
    relu = all(b == max(a, 0) for ra, rb in zip(best, said) for a, b in zip(ra, rb))
    out: list[Claim | Skip] = []
    for (line, row), want in zip(g.rows, best):
        text = "output row " + " ".join(map(str, row))
        ok = row == want or relu
        out.append(Claim(line, text, "arithmetic", " ".join(map(str, row)),
                         " ".join(map(str, want)), "right" if ok else "wrong", how,
                         confidence=1.0 if ok else CONFIDENCE))
    return out
