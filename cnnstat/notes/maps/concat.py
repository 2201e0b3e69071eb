"""Maps concatenated along the channels, in prose: the channels of the whole are the sum of
the parts' (``cnnstat.layers``: a concatenation keeps the height and width and adds the
channels)::

    The four outputs are concatenated into 28 × 28 × 256 (64 + 128 + 32 + 32).   (right)
    28×28×64 ⊕ 28×28×128 ⊕ 28×28×32 ⊕ 28×28×32 = 28×28×256                    (right)

A three-sided map glossed by a sum in brackets (no ``=`` inside: a calculation of its own
is the arithmetic's) is read as its channels and their parts; maps joined by ``⊕``, ``‖``
or ``concat``, all of one height and width, then ``=``/an arrow and the whole map, as the
parts and the whole. Right where the channels add up; wrong where not.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.maps.globalpool import MAP
from cnnstat.notes.maps.mapcount import _channels

NEEDS = ("+", "⊕", "‖", "concat", "Concat")
_GLOSS = re.compile(r"\s*\(\s*([0-9]{1,5}(?:\s*\+\s*[0-9]{1,5})+)\s*\)")
_JOIN = re.compile(r"^\s*(?:⊕|‖|\(\+\)|concat(?:enate)?(?:\s+with)?)\s*$", re.I)
_WHOLE = re.compile(r"^\s*(?:=|→|->|=>)\s*$")


def _sides(m: re.Match) -> tuple[int, int, int]:
    a, b, c = (int(m.group(i).replace(",", "")) for i in (1, 2, 3))
    return a, b, c


def check_line(number: int, masked: str) -> list[Claim]:
    maps = list(MAP.finditer(masked))
    out: list[Claim] = []
    for m in maps:  # "28 × 28 × 256 (64 + 128 + 32 + 32)"
        gloss = _GLOSS.match(masked, m.end())
        c = _channels(*_sides(m))
        if gloss is None or c is None or len(set(_sides(m))) == 1:
            continue
        parts = [int(x) for x in re.findall(r"[0-9]+", gloss.group(1))]
        out.append(_claim(number, m, c, parts, " + ".join(map(str, parts))))
    run = [maps[0]] if maps else []
    for prev, m in zip(maps, maps[1:]):  # "A ⊕ B ⊕ C = D"
        between = masked[prev.end():m.start()]
        if _JOIN.match(between):
            run.append(m)
            continue
        if len(run) >= 2 and _WHOLE.match(between):
            sides = [_sides(x) for x in run]
            if len({s[:2] for s in sides}) == 1 and _sides(m)[:2] == sides[0][:2] and \
                    sides[0][0] == sides[0][1]:
                out.append(_claim(number, m, _sides(m)[2], [s[2] for s in sides],
                                  " ⊕ ".join(x.group(0) for x in run)))
        run = [m]
    return out


def _claim(number: int, m: re.Match, c: int, parts: list[int], text: str) -> Claim:
    total = sum(parts)
    return Claim(number, f"{text} → {m.group(0)}", "shape", m.group(0), total,
                 "right" if total == c else "wrong",
                 f"a concatenation adds the channels: {' + '.join(map(str, parts))} = {total}",
                 (), str(total), confidence=0.9)
