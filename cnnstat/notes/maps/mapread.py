"""The maps a line of a prose walkthrough states, in order: a product of three sides
(``28x28x6``, channels first ``64x224x224``) or a bracketed triple (``(28, 28, 32)``),
and maps counted before their size (``6@28x28``, ``64개의 224×224 feature maps``, ``16
maps of size 29x29``). A filter's volume (``each filter is 5x5x3``, a bank ``96개의 11 x
11 x 3 필터``) and the tail of a longer product are no map. Read by ``walkthrough``
(whose layers use ``SHAPE`` and ``BANK`` too) and the readers built on it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cnnstat.notes.maps.filters import at_bank, filter_volume
from cnnstat.notes.reading.settings import PRODUCT
from cnnstat.notes.signs import Gated

__all__ = ["Map", "maps", "SHAPE", "BANK"]

# a bank of filters with their count: "64개의 3×3×64 kernels", "64 3x3x3 filters", "필터
# 64개(3x3x3)" is read by _FILTERS and the product; the count and the volume together here
BANK = Gated(("kernel", "filter", "필터", "커널"),
              r"(?<![0-9.,])([0-9]{1,4})\s*(?:개의?)?\s+([0-9]{1,2})\s*[x×X*]\s*([0-9]{1,2})"
              r"(?:\s*[x×X*]\s*([0-9]{1,5}))?(?![0-9])(?:\\[a-z]+[0-9]*|[^.;:,()0-9]){0,24}?"
              r"(?:kernels|filters|필터|커널)", re.I)
# maps counted before their size (channels, height, width): "6@28x28" (LeNet's count@size),
# "64개의 224×224 feature maps", "64 224x224 maps", "64 feature maps of (size) 112x112"
_SIDES = r"([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})(?![0-9]|\s*[x×X*]\s*[0-9])"
_MAP_WORD = r"(?=[^.;:,0-9]{0,30}?(?:maps?\b|맵|채널|channels?\b))"
_COUNTED = Gated(("map", "맵", "채널", "channel", "@"),
                 r"(?<![0-9.,])([0-9]{1,5})\s*(?:@\s*" + _SIDES + r"|(?:개의?\s*|\s)" + _SIDES +
                 _MAP_WORD + r"|\s+(?:feature\s+)?maps?\s+of\s+(?:size\s+)?" + _SIDES + ")",
                 re.I)
SHAPE = re.compile(r"(?<![0-9A-Za-z.,])(?<![x×*] )(?<![×*])([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})\s*[x×X*]\s*"
                    r"([0-9]{1,5})(?![0-9]|\s*[x×X*+=/]\s*[0-9])"
                    r"|\(\s*([0-9]{1,4})\s*,\s*([0-9]{1,4})\s*,\s*([0-9]{1,5})\s*\)")
_FACTOR_BEFORE = re.compile(r"[0-9][ ]*[x×X*][ ]*$")


class Map(NamedTuple):
    h: int
    w: int
    c: int
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]


def maps(masked: str) -> list[Map]:
    """The maps ``masked`` states, in order. Some ten readers ask it of the same line:
    the reading is remembered for the last few texts, and each call gets maps of its own
    (a reader tells a map carried from a line above from the one read here by identity:
    ``walkthrough``'s ``out is not src``, so a repeated line's are new objects)."""
    got = _maps(masked)
    return [Map._make(m) for m in got] if got else []


@lru_cache(maxsize=16)
def _maps(masked: str) -> tuple[Map, ...]:
    if "(" not in masked and PRODUCT.search(masked) is None:
        return ()  # every map below is a product of sides or a bracketed triple
    out, volumes = [], set()  # "11x11x3 filters ... take [11x11x3] blocks": the windows
    banks = [m.span() for m in BANK.finditer(masked)]  # "96개의 11 x 11 x 3 사이즈의 필터"
    for m in SHAPE.finditer(masked):
        g = m.groups()
        h, w, c = (int(x) for x in (g[:3] if g[0] else g[3:]))
        base = 0 if g[0] else 3
        if filter_volume(masked, m.start(), m.end()) or \
                any(a <= m.start() < b for a, b in banks):
            volumes.add((h, c))
            continue  # "each filter is 5x5x3": a filter's volume, not a map
        if not h or not w or not c or (h, c) in volumes:
            continue  # (a map need not be square: each side goes through the same layer)
        if h != w and _FACTOR_BEFORE.search(masked, max(0, m.start() - 4), m.start()):
            continue  # the tail of a longer product: 5 x [5 x 32 x 64] MACs
        if h != w and w == c:  # channels first: "64x224x224"
            h, w, c, base = w, c, h, base + 1
        out.append(Map(h, w, c, m.start(), m.end(),
                       (m.span(base + 1), m.span(base + 2))))
    for m in _COUNTED.finditer(masked):  # "64개의 224×224 feature maps", "6@28x28"
        g = next(i for i in (2, 4, 6) if m.group(i))
        if g == 2 and at_bank(masked, m.start(), m.end()):
            continue  # "96@ 11x11, s = 4": a bank of filters, not maps
        out.append(Map(int(m.group(g)), int(m.group(g + 1)), int(m.group(1)), m.start(), m.end(),
                       (m.span(g), m.span(g + 1))))
    return tuple(sorted(out, key=lambda x: x.start) if len(out) > 1 else out)
