"""The chain ``initwalk`` (and ``initforward``) carry through a module's layers: the
shapes it may have, each layer applied to all of them, and the poolings ``forward()``
may add between the layers ``__init__`` defines."""

from __future__ import annotations

from cnnstat.notes.codeforms import torchcode
from cnnstat.notes.codeforms.torchast import apply

HALVINGS = (torchcode.Layer("maxpool", {"kernel": 2, "stride": 2}, None, "2x2 pooling"),
            torchcode.Layer("maxpool", {"kernel": 3, "stride": 2}, None, "3x3/2 pooling"))


def through(layers: list, chain: list | None) -> list | None:
    if chain is None:
        return None
    got = [apply(layers, c) for c in chain]
    got = [g for g in got if g is not None]
    return list(dict.fromkeys(got)) or None


def pooled(chain: list | None, pool) -> list | None:
    """The chain pooled none, once, twice ... (by ``pool``, or while none is defined by a
    2x2 and a 3x3 stride-2 pooling)."""
    if chain is None:
        return None
    out = list(chain)
    frontier = list(chain)
    pools = [pool] if pool is not None else list(HALVINGS)
    for _ in range(12):
        frontier = [g for p in pools for g in (apply([p], c) for c in frontier) if g is not None]
        frontier = [g for g in dict.fromkeys(frontier) if g not in out]
        if not frontier:
            break
        out += frontier
    return out


def oriented(dims: tuple, batch: bool, channels: int) -> tuple | None:
    """A stated map as (C, H, W), its channels known: written first or last."""
    dims = dims[-3:] if len(dims) == 4 and not batch else dims
    if len(dims) != 3:
        return None
    if dims[0] == channels:
        return dims
    return (dims[2], dims[0], dims[1]) if dims[2] == channels else None


def written(shape: tuple) -> str:
    return " x ".join(map(str, shape))
