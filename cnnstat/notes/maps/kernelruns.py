"""Kernels written as a run (``a 1x1 → 3x3 → 1x1 sandwich``, ``3x3-5x5-7x7 kernels``, ``1x1,
3x3 and 5x5 convolutions``): products joined by arrows, dashes or a list's commas, the last
one named a kernel (or the run a block's design), are each a kernel, never a chain of
feature maps. ``shapes.items`` asks it of the products of a line."""

from __future__ import annotations

import re
from typing import Any

# "a 1x1 → 3x3 → 1x1 sandwich", "3x3-5x5-7x7 kernels", "1x1, 3x3 and 5x5 convolutions":
# products joined by arrows, dashes or a list's commas, the last one named a kernel (or the
# run a block's design): each of them is a kernel, never a chain of feature maps
_RUN_JOIN = re.compile(r"^\s*(?:→|->|=>|⇒|-->|[-–—/,]|,?\s*(?:and|or|then|과|와|및|또는))\s*$",
                       re.I)
_RUN_WORD = re.compile(r"^\s*\)?\s*(?:[A-Za-z-]+\s+){0,2}?(?:sandwich|bottleneck|block|"
                       r"structure|design|pattern|stack|combination|sequence)"
                       r"|^\s*(?:구조|블록|형태|조합|순서)", re.I)
KERNEL_MAX = 11  # a kernel's side: a larger product in such a run is a map, not a kernel


def kernel_runs(masked: str, found: list[Any]) -> list[Any]:
    runs: list[list[int]] = []
    for i, it in enumerate(found):
        if runs and _RUN_JOIN.match(masked[found[i - 1].end:it.start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = list(found)
    for run in runs:
        items_ = [found[i] for i in run]
        if len(run) < 2 or any(it.depth is not None or it.n > KERNEL_MAX for it in items_):
            continue
        last = items_[-1]
        if last.kind == "kernel" or _RUN_WORD.match(masked[last.end:last.end + 40]):
            pool = last.pool if last.kind == "kernel" else False
            for i in run:
                if out[i].kind == "size":
                    out[i] = out[i]._replace(kind="kernel", pool=pool)
    return out
