"""``A -> B`` in a comment under a PyTorch layer where no chain is known (``nn.Conv2d(3,
16, 5),  # 32x32 -> 28x28``): the layer applied to the map ``A`` states gives what ``B``
is judged against, so a comment alone starts a chain. Read by ``torchchain``."""

from __future__ import annotations

from cnnstat.notes.codeforms import torchcode
from cnnstat.notes.codeforms.commentshape import ARROW, Shape, per_sample, stated
from cnnstat.notes.codeforms.torchast import apply

__all__ = ["through"]


def through(layer, comment: str, got) -> Shape | None:
    """``A -> B`` in a comment under a layer where no chain is known: the layer applied to
    the map ``A`` states, with the layer's own input channels (a square map only, so that
    the order of its dims is plain)."""
    arrow = ARROW.search(comment, 0, got[0].start())
    before = stated(comment[:arrow.end()]) if arrow is not None else None
    if before is None or not isinstance(layer, torchcode.Layer) or not layer.in_channels:
        return None
    dims = per_sample(before[1], before[2], 3)
    if dims is None or len(dims) != 3 or dims[1] != dims[2]:
        return None
    return apply([layer], (layer.in_channels,) + dims[1:])
