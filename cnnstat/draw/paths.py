"""The SVG path of each kind of edge: straight, fanning out of a split, into a merge,
down a lane into a box's side, and the edges of inputs read by name."""

from __future__ import annotations

from typing import Protocol

FAN = 14  # room for edges to fan out or in
GAP = 14  # between items of a column (an edge this short joins neighbours)


class Rect(Protocol):
    x: float
    y: float
    w: float
    h: float


def num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f"M{num(x1)},{num(y1)}V{num(y2)}" if x1 == x2 else \
        f"M{num(x1)},{num(y1)}L{num(x2)},{num(y2)}"


def fan_out(x1: float, y1: float, x2: float, y2: float) -> str:
    """From a split point across to a branch, then down to its top."""
    if x1 == x2:
        return line(x1, y1, x2, y2)
    m = y1 + FAN
    return (f"M{num(x1)},{num(y1)}C{num(x1)},{num(m)} {num(x2)},{num(y1)} {num(x2)},{num(m)}"
            f"V{num(y2)}")


def fan_in(x1: float, y1: float, x2: float, y2: float) -> str:
    """From a branch's end down, then across into the merge's top."""
    if x1 == x2:
        return line(x1, y1, x2, y2)
    m = y2 - FAN
    return (f"M{num(x1)},{num(y1)}V{num(m)}C{num(x1)},{num(y2)} {num(x2)},{num(m)} "
            f"{num(x2)},{num(y2)}")


def into_side(x1: float, y1: float, x2: float, y2: float) -> str:
    """Down a lane, then left into the side of a box at (x2, y2)."""
    r = min(8.0, abs(x1 - x2) / 2)
    return (f"M{num(x1)},{num(y1)}V{num(y2 - r)}Q{num(x1)},{num(y2)} {num(x1 - r)},{num(y2)}"
            f"H{num(x2)}")


def named_edge(src: Rect, x: float, y: float, bw: float, bh: float, k: int,
               band: float) -> str:
    """An edge from a box read by name to its reader, whose top centre is (x, y) in the
    band of columns whose top is ``band``: straight down from the box just above; in a
    lane to the right and into the reader's side within a column; from an earlier band,
    along the gap above the reader's band and into its left side; between columns of a
    band from side to side (or into the top, leftwards). ``k`` spreads parallel lanes."""
    sx, sy, right = src.x + src.w, src.y + src.h / 2, x + bw / 2
    mid = y + bh / 2
    if src.y + src.h < band:
        spread = 3 * (k % 5)
        lane, gy, left = sx + 8 + spread, band - 6 - spread, x - bw / 2 - 8 - spread
        return (f"M{num(sx)},{num(sy)}H{num(lane)}V{num(gy)}H{num(left)}V{num(mid)}"
                f"H{num(x - bw / 2)}")
    if abs(src.x + src.w / 2 - x) < 1 and 0 <= y - (src.y + src.h) <= GAP + 1:
        return line(x, src.y + src.h, x, y)
    if src.x < x + bw / 2 and x - bw / 2 < sx:  # the same column
        lane = max(sx, right) + 10 + 5 * (k % 4)
        r = 6.0
        down = mid > sy
        turn = r if down else -r
        return (f"M{num(sx)},{num(sy)}H{num(lane - r)}Q{num(lane)},{num(sy)} {num(lane)},"
                f"{num(sy + turn)}V{num(mid - turn)}Q{num(lane)},{num(mid)} {num(lane - r)},"
                f"{num(mid)}H{num(right)}")
    if sx <= x - bw / 2:  # a column to the right: side to side
        tx = x - bw / 2
        bend = max(30.0, (tx - sx) / 2)
        return (f"M{num(sx)},{num(sy)}C{num(sx + bend)},{num(sy)} {num(tx - bend)},{num(mid)} "
                f"{num(tx)},{num(mid)}")
    bend = max(40.0, min(160.0, abs(y - sy) / 3))
    return (f"M{num(sx)},{num(sy)}C{num(sx + bend)},{num(sy)} {num(x)},{num(y - bend)} "
            f"{num(x)},{num(y)}")
