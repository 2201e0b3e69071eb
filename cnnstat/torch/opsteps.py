"""What the rules of ``opmap`` return and share: a step (a layer kind and its arguments),
torch's arguments read (``pair``, ``shape_of``), an op refused (``refuse``: a
``SpecError`` saying why it has no kind), and the steps a module and its functional form
both are: pooling, adaptive pooling, softmax, flatten, upsample, pad and a layer norm over
the channels, each from the arguments either form was called with. Imports no other part
of ``cnnstat.torch``.
"""

from __future__ import annotations

from typing import Any

from torch import nn

from cnnstat.errors import SpecError


Step = tuple[str, Any]


def pair(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return [int(x) for x in v] if len(v) == 2 else [int(v[0])] * 2
    return int(v)


def shape_of(t: Any) -> tuple[int, ...]:
    return tuple(int(d) for d in t.shape)


def refuse(why: str) -> None:
    raise SpecError(why)


def pool_steps(kind: str, kernel, stride, padding, ceil_mode, dilation=1) -> list[Step]:
    if pair(dilation) not in (1, [1, 1]):
        refuse(f"a {kind} with dilation {dilation} (cnnstat's pooling has none)")
    stride = kernel if stride is None or stride == [] or stride == () else stride
    return [(kind, {"kernel": pair(kernel), "stride": pair(stride),
                    "padding": pair(padding), "ceil_mode": bool(ceil_mode)})]


def adaptive_steps(out) -> list[Step]:
    size = shape_of(out)[2:]
    if size == (1, 1):
        return [("global_avgpool", {})]
    return [("adaptive_avgpool", {"size": list(size)})]


def layernorm(m: nn.LayerNorm, channels: int) -> list[Step]:
    """An nn.LayerNorm over the channels (of a vector, or of a channels-last map)."""
    if tuple(m.normalized_shape) != (channels,):
        refuse(f"a LayerNorm over {tuple(m.normalized_shape)} (cnnstat's layernorm is over the "
               "channels)")
    affine = m.weight is not None
    if affine and (m.bias is None):
        refuse("a LayerNorm with a weight but no bias")
    return [("layernorm", {"eps": float(m.eps), "affine": affine})]


def upsample(mode: str, size: Any, scale: Any, align_corners: Any,
             dims: int) -> list[Step]:
    """``nn.Upsample`` and ``F.interpolate``: cnnstat's upsample, by an integer scale or
    to a size."""
    if mode not in ("nearest", "bilinear") or dims != 4:
        refuse(f"an upsample with mode {mode!r} on a {dims}-D tensor (cnnstat's upsample is "
               "nearest or bilinear on a map)")
    args: dict[str, Any] = {"mode": mode}
    if mode == "bilinear":
        args["align_corners"] = bool(align_corners)
    if size is not None:
        args["size"] = pair(size)
        return [("upsample", args)]
    scale = scale if isinstance(scale, (tuple, list)) else [scale] * 2
    if any(float(f) != int(f) or f < 1 for f in scale):
        refuse(f"an upsample by {scale} (cnnstat's upsample scale is an integer; give a size)")
    args["scale"] = [int(f) for f in scale]
    return [("upsample", args)]


def pad_steps(pads: Any, mode: str, value: Any, dims: int) -> list[Step]:
    """``F.pad`` and the padding modules: cnnstat's pad, of a map's height and width."""
    modes = {"constant": "zeros", "reflect": "reflect", "replicate": "replicate",
             "circular": "circular"}
    pads = [int(p) for p in pads]
    if dims != 4 or len(pads) not in (2, 4) or any(p < 0 for p in pads) \
            or mode not in modes or mode == "constant" and value not in (None, 0, 0.0):
        refuse(f"a pad with mode={mode!r}, value={value!r}, pad={tuple(pads)} on a {dims}-D "
               "tensor (cnnstat's pad pads a map's height and width, with zeros or by "
               "reflecting, replicating or wrapping)")
    left, right, top, bottom = pads + [0, 0] * (len(pads) == 2)
    sides = [top, bottom, left, right] if (top, left) != (bottom, right) else [top, left]
    return [("pad", {"padding": sides, "mode": modes[mode]})]


def softmax_steps(shape: tuple[int, ...], dim: Any) -> list[Step] | None:
    if len(shape) != 2 or dim not in (1, -1):
        refuse(f"a softmax over dim {dim} of a {len(shape)}-D tensor (cnnstat's softmax is "
               "over a vector of class scores)")
    return [("softmax", {})]


def flatten_steps(before: tuple[int, ...], after: tuple[int, ...]) -> list[Step] | None:
    if after == before:
        return []
    if len(after) == 2 and after[0] == before[0] and len(before) == 4:
        return [("flatten", {})]
    return None
