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


def _terms(side: list[Token]) -> list[list[Token]]:
    """A side's terms, split at each ``+``."""
    parts: list[list[Token]] = [[]]
    for t in side:
        if t.kind == "OP" and t.text == "+":
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def square_pairs(side: list[Token], raw: str) -> bool:
    """A side that is square pairs alone (``3x3``, ``3 x 3 + 3 x 3``): kernels or maps
    written as their sides, joined by ``+`` if by anything."""
    return all(map_size(part, raw) is not None and len(part) == 3 for part in _terms(side))


def _sides(part: list[Token], raw: str) -> tuple | None:
    if map_size(part, raw) is None:
        return None
    return tuple(t.num.value for t in part[0::2])


def maps_joined(side: list[Token], result: list[Token], raw: str) -> tuple[bool, str, str] | None:
    """Maps of one height and width (``56x56x64 + 56x56x64``) and the map they give, of
    that height and width too: right where it is their element-wise sum (the same map: a
    residual's) or their concatenation (the depths added), wrong where neither; with the
    rule in words and the map stacked. None where a side is not such a map."""
    parts = [_sides(term, raw) for term in _terms(side)]
    got = _sides(result, raw)
    if len(parts) < 2 or got is None or None in parts or \
            any(len(p) != 3 or p[:2] != got[:2] for p in parts) or len(got) != 3:
        return None
    sides = "x".join(str(int(v)) for v in got[:2])
    added = all(p == parts[0] for p in parts) and got == parts[0]
    stacked = sum(p[2] for p in parts) == got[2]
    depths = f"{'x'.join(str(int(v)) for v in parts[0])} added element-wise" if \
        all(p == parts[0] for p in parts) else "maps of different depths cannot be added"
    want = f"{sides}x{int(sum(p[2] for p in parts))}"
    how = f"maps of {sides} joined: {depths} (a residual sum), or stacked to {want} (a concatenation)"
    return added or stacked, how, want


def map_figures(side: list[Token], raw: str) -> tuple[int, ...]:
    """What a map side (``map_size``) may give as a figure: its side, and its depth where
    it has one (``64 + 128 + 32 + 32 = 28x28x256``: the channels a concatenation joins)."""
    size = map_size(side, raw)
    if size is None:
        return ()
    depth = side[4].num.value if len(side) == 5 else None
    return (size,) + ((int(depth),) if depth is not None and depth.denominator == 1 else ())
