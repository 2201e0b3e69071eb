"""The shape of a layer's weight or bias tensor, as PyTorch stores it, for a layer
``torchcode`` read (``layer = nn.Linear(4, 3)`` then ``print(layer.weight.shape)  #
torch.Size([3, 4])``): a linear layer's weight is (out_features, in_features), a conv's
(out_channels, in_channels, kernel_h, kernel_w); a bias is (out,). The shape is held to
the layer algebra: its elements and the bias's must be the layer's parameter count
(``cnnstat.layers``), or no shape is given."""

from __future__ import annotations

import math
import re

from cnnstat.errors import SpecError

# a tensor of a named layer's shown: "layer.weight.shape", "conv.bias.size()"
SHOWN = re.compile(r"\b(?:self\.)?([A-Za-z_]\w*)\s*\.\s*(weight|bias)\s*\.\s*(?:shape\b|size\s*\(\s*\))")


def param_shape(layer, which: str) -> tuple[int, ...] | None:
    """``which`` ("weight" or "bias") of ``layer`` (a ``torchcode.Layer``), or None."""
    from cnnstat.layers import KINDS

    out, cin = layer.args.get("out"), layer.in_channels
    if not isinstance(out, int) or not isinstance(cin, int):
        return None
    if layer.kind == "linear":
        weight, given = (out, cin), (cin,)
    elif layer.kind == "conv":
        k = layer.args.get("kernel")
        kh, kw = (k, k) if isinstance(k, int) else tuple(k)
        weight, given = (out, cin, kh, kw), (cin, kh, kw)
    else:
        return None
    biased = not re.search(r"bias\s*=\s*False", layer.text)
    try:
        params = KINDS[layer.kind].make({**layer.args, "bias": biased}).apply(given).params
    except (SpecError, KeyError, TypeError):
        return None
    if params != math.prod(weight) + (out if biased else 0):
        return None
    if which == "bias":
        return (out,) if biased else None
    return weight


__all__ = ["SHOWN", "param_shape"]
