"""Maps joined along the channels, told in prose::

    So a 1x1 conv gives 28x28x64, a 3x3 gives 28x28x128, a 5x5 28x28x32 and the pool 28x28x32.
    Stacked together, the four outputs form one 28x28x256 volume.
    Concatenating 14x14x128 and 14x14x64 gives 14x14x192.
    이를 채널 방향으로 합치면 28x28x160이 된다

A line that joins (``stack ... together``, ``concatenat``, ``depth concat``, ``합치``, ``이어
붙``) and states one map (or states its parts first and the joined map last) is judged
against the parts: the maps on the line before it (within ``GAP`` lines, the nearest line
that has two or more), or the maps written before the joined one on its own line. Every
part must have the joined map's height and width (a concatenation keeps them), and the
joined map's channels are the parts' sum (the layer algebra's concatenation): right where
they are; wrong only where no choice of the maps read (an input among them, ``from a
28x28x192 volume``, counted or not) sums to them; unsure otherwise. A map called the
input is no part.
"""

from __future__ import annotations

import re
from itertools import combinations

from cnnstat.notes.claims import Claim
from cnnstat.notes.maps.mapread import Map, maps
from cnnstat.notes.signs import Gated

NEEDS = ("stack", "concat", "join", "합치", "합쳐", "이어", "쌓")
_JOIN = Gated(NEEDS, r"\bstack(?:ed|ing|s)?\b[^.]{0,40}\btogether\b|concat\w*|\bjoin(?:ed|ing|s)?\b|"
              r"합치|합쳐|이어\s*붙|쌓", re.I)
_INPUT = re.compile(r"(?:input|입력|from|on)\W{0,12}$", re.I)
GAP = 2
MAX_PARTS = 6


class Joined:
    def __init__(self) -> None:
        self.above: tuple[int, list[Map], list[Map]] | None = None  # line, parts, inputs

    def check_line(self, number: int, masked: str) -> list[Claim]:
        found = maps(masked)
        parts = [m for m in found if not _INPUT.search(masked[max(0, m.start - 16):m.start])]
        inputs = [m for m in found if m not in parts]
        claims: list[Claim] = []
        join = _JOIN.search(masked)
        if join is not None and found and found[-1] in parts:
            out = found[-1]
            own, own_inputs = parts[:-1], inputs
            if not own and self.above is not None and number - self.above[0] <= GAP:
                own, own_inputs = self.above[1], self.above[2] + inputs
            claims = _judge(number, out, own, own_inputs) if own else []
        if len(found) >= 2:
            self.above = (number, parts, inputs)
        return claims


def _judge(number: int, out: Map, parts: list[Map], inputs: list[Map]) -> list[Claim]:
    if len(parts) > MAX_PARTS or any((m.h, m.w) != (out.h, out.w) for m in parts + inputs):
        return []  # a map of another size: not this join's part (a layer between)
    total = sum(m.c for m in parts)
    text = " + ".join(f"{m.h}x{m.w}x{m.c}" for m in parts) + f" → {out.h}x{out.w}x{out.c}"
    if out.c == total and len(parts) >= 2:
        return [Claim(number, text, "shape", f"{out.h}x{out.w}x{out.c}",
                      f"{out.h}x{out.w}x{total}", "right",
                      "a concatenation keeps the size and sums the channels")]
    every = parts + inputs
    sums = {sum(m.c for m in pick) for n in range(1, len(every) + 1)
            for pick in combinations(every, n)}
    if out.c in sums or len(parts) < 2:
        return []  # another choice of the maps (an input joined too): unsure
    return [Claim(number, text, "shape", f"{out.h}x{out.w}x{out.c}", f"{out.h}x{out.w}x{total}",
                  "wrong", "a concatenation keeps the size and sums the channels: "
                  + " + ".join(str(m.c) for m in parts) + f" = {total}")]
