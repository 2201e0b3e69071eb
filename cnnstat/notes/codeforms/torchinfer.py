"""The input a PyTorch block must take, read from the block itself: an ``nn.Sequential``
whose maps are flattened (``nn.Flatten()``) into an ``nn.Linear`` fixes, through the layers
before the flatten, the side of the square input that gives the linear its
``in_features``. A note that never states its input (the size set by a data loader's
resize, far from the model) still fixes it in the code that runs::

    nn.Conv2d(1, 10, 5), nn.MaxPool2d(2), nn.Conv2d(10, 20, 5), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(320, 50)      <- 20 x 4 x 4 = 320: a side of 28 or 29

Floors make several sides fit (28 to 31 above); a map after a layer is known where every
fitting side gives it, and a square map stated there is wrong where no fitting side gives
it (a map not square says the input may not be square either: not judged).
Only layers that keep the shape (an activation, a dropout) may stand between the flatten
and the linear; the side is sought up to ``MAX_SIDE`` by bisection (the flattened size
never falls as the input grows).
"""

from __future__ import annotations

from math import prod

from cnnstat.notes.codeforms import torchcode
from cnnstat.notes.codeforms.commentshape import fits, per_sample
from cnnstat.notes.codeforms.torchast import apply

MAX_SIDE = 4096
CONFIDENCE = 0.8  # the input is read back from the linear, not stated
HOW = "the layer algebra, from the inputs the nn.Linear after the flatten fixes"
MAX_FITS = 16  # sides that fit one size: more, and the block says too little


def seeds(layers: list, in_ch: int | None) -> list[tuple[int, int, int]]:
    """The inputs ``(in_ch, s, s)`` that give the first linear after a flatten its
    features; none where the block has no such pair or a layer is not read."""
    if in_ch is None or any(x is None for x in layers):
        return []
    flat = next((k for k, x in enumerate(layers) if isinstance(x, tuple) and
                 x[0] == "flatten"), None)
    if flat is None or flat == 0:
        return []
    after = next((x for x in layers[flat + 1:] if x != "keep"), None)
    if not isinstance(after, torchcode.Layer) or after.kind != "linear":
        return []
    want, head = after.in_channels, layers[:flat]
    if not isinstance(want, int) or want < 1:
        return []

    def size(side: int) -> int:
        got = apply(head, (in_ch, side, side))
        return prod(got) if got else 0  # too small an input: no map at all

    lo, hi = 1, MAX_SIDE
    if size(hi) < want:
        return []
    while lo < hi:  # the least side whose flattened size reaches the linear's
        mid = (lo + hi) // 2
        if size(mid) >= want:
            hi = mid
        else:
            lo = mid + 1
    out = []
    while lo <= MAX_SIDE and size(lo) == want and len(out) <= MAX_FITS:
        out.append((in_ch, lo, lo))
        lo += 1
    return out if len(out) <= MAX_FITS else []


def agreed(shapes: list) -> tuple | None:
    """The map every fitting input gives; None where they differ."""
    if not shapes or shapes[0] is None or any(x != shapes[0] for x in shapes[1:]):
        return None
    return shapes[0]


def square(dims: tuple, batch: bool) -> bool:
    """A stated map of equal height and width (the inputs sought are square)."""
    seen = per_sample(dims, batch, 3)
    return seen is not None and len(seen) == 3 and seen[1] == seen[2]


def against(dims: tuple, batch: bool, shapes: list) -> tuple | None:
    """Where the fitting inputs give several maps: the first of them where a stated map
    is none of them (it is wrong whichever input the note meant); None otherwise."""
    if not shapes or any(x is None for x in shapes):
        return None
    if not square(dims, batch):
        return None  # a map not square: the input may not be either
    got = [fits(dims, batch, x) for x in shapes]
    if any(g is None or g[0] for g in got):
        return None
    return shapes[0]
