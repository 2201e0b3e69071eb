"""A network's stages: the runs of layers whose names share their first parts, told apart
by as few parts as keep the largest stage under ``SHARE`` of the layers (``features.3``
rather than ``features`` when one scope holds the whole network). The drawing's columns,
the report's charts and its table's folds all use these stages."""

from __future__ import annotations

from collections import Counter

SHARE = 0.6
MAX_LEVEL = 4


def key(name: str, level: int) -> str:
    return ".".join(name.split(".")[:level])


def level(names: list[str]) -> int:
    """How many name parts tell the stages apart."""
    lv = 1
    counts = Counter(key(n, lv) for n in names)
    while lv < MAX_LEVEL and counts and max(counts.values()) > SHARE * len(names):
        finer = Counter(key(n, lv + 1) for n in names)
        if len(finer) == len(counts):
            break
        lv, counts = lv + 1, finer
    return lv
