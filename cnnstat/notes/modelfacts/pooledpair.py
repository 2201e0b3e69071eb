"""Two depths of one network in one line, the second counted with its pooling layers.

GoogLeNet's paper gives both: "22 layers deep when counting only layers with parameters (or
27 layers if we also count pooling)", and notes repeat it (``총 22개의 층으로 구성되어 있고,
풀링 층까지 포함하면 27개의 층``; ``22 layers, 27 with pooling``). Two depth figures in a line
are otherwise skipped as several figures of one kind; here each is read: the pair is two
depth figures, the words of a count with the pooling (``factjudge._WITH_POOLS``) between
the first and the second (or right after the second), none before the first, and the
second the larger. ``factjudge.judge`` then holds each to the network's counts (its weight
layers, its layers with the pooling); a figure off both is unsure there, the line speaking
of pooling.
"""

from __future__ import annotations

from cnnstat.notes.modelfacts.factjudge import _WITH_POOLS

_AFTER = 60  # characters after the second figure its qualifier may stand in


def pooled_pair(masked: str, figs: list) -> set[int]:
    """The starts of the two depth figures of such a pair in ``figs``, else none."""
    depths = [f for f in figs if f.kind == "depth"]
    if len(depths) != 2:
        return set()
    first, second = sorted(depths, key=lambda f: f.start)
    if _WITH_POOLS.search(masked, 0, first.start) or not \
            _WITH_POOLS.search(masked[first.end:second.end + _AFTER]):
        return set()
    if not second.num.value > first.num.value:
        return set()
    return {first.start, second.start}
