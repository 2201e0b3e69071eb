"""A side of an equation written as a map or a kernel, its sides joined by ``x``: ``= 5x5``,
``28/2 = 14×14×512`` (the map a size rule gives, judged by its side), and ``three 3x3 = 7x7``
(kernels and the field they give: no product to judge)."""

from __future__ import annotations

from cnnstat.notes.reading.normalise import Token


def map_size(side: list[Token], raw: str) -> int | None:
    """``5x5``, ``14×14×512``: a result side that is a square map (two equal sides, a
    depth perhaps), written with x or ×, never with ``*``: its side."""
    if len(side) not in (3, 5) or any(t.kind != ("OP" if n % 2 else "NUM")
                                      for n, t in enumerate(side)):
        return None
    if any(raw[t.start:t.end].strip() not in ("x", "X", "×") for t in side[1::2]):
        return None
    a, b = side[0].num.value, side[2].num.value
    if a != b or a.denominator != 1 or a > 4096:
        return None
    return int(a)


def square_pairs(side: list[Token], raw: str) -> bool:
    """A side that is square pairs alone (``3x3``, ``3 x 3 + 3 x 3``): kernels or maps
    written as their sides, joined by ``+`` if by anything."""
    parts, run = [], []
    for t in side + [None]:
        if t is None or t.kind == "OP" and t.text == "+":
            parts.append(run)
            run = []
        else:
            run.append(t)
    return all(map_size(part, raw) is not None and len(part) == 3 for part in parts)


def map_figures(side: list[Token], raw: str) -> tuple[int, ...]:
    """What a map side (``map_size``) may give as a figure: its side, and its depth where
    it has one (``64 + 128 + 32 + 32 = 28x28x256``: the channels a concatenation joins)."""
    size = map_size(side, raw)
    if size is None:
        return ()
    depth = side[4].num.value if len(side) == 5 else None
    return (size,) + ((int(depth),) if depth is not None and depth.denominator == 1 else ())
