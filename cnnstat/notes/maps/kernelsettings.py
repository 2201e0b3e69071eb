"""The stride and padding a line states for each kernel it writes (``3x3 conv, s=2, same``,
``2x2 pool stride 2``): ``shapes`` judges each step with them."""

from __future__ import annotations

import re

from cnnstat.notes.maps.shapejudge import Kernel
from cnnstat.notes.reading.settings import NO_PAD, PAD, SAME_PAD, STRIDE

_CEIL = re.compile(r"ceil", re.I)


def kernel_settings(masked: str, kernels: list) -> list[Kernel] | None:
    """Stride and padding stated for each kernel of a line (``shapes``' items: a stride each
    may carry, a start each), each setting the nearest kernel's before it; None when two
    contradict. A pooling whose line says ceil rounds up."""
    found: list[dict] = [{"stride": k.stride} if k.stride else {} for k in kernels]

    def owner(pos: int) -> int:
        idx = 0
        for i, kern in enumerate(kernels):
            if kern.start <= pos:
                idx = i
        return idx

    for rx, key in ((STRIDE, "stride"), (PAD, "padding")):
        for m in rx.finditer(masked):
            v = int(next(g for g in m.groups() if g))
            d = found[owner(m.start())]
            if key in d and d[key] != v:
                return None
            d[key] = v
    for rx, v in ((NO_PAD, 0), (SAME_PAD, "same")):
        for m in rx.finditer(masked):
            d = found[owner(m.start())]
            if "padding" in d and d["padding"] != v:
                return None
            d["padding"] = v
    ceil = bool(_CEIL.search(masked))
    return [Kernel(kern.n, kern.pool, d.get("stride"), d.get("padding"), ceil and kern.pool)
            for kern, d in zip(kernels, found)]
