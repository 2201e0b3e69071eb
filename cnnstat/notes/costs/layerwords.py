"""A conv set out in words, for the cost a sentence states of it.

``For a 6x6x3 input with 5 filters of size 3x3x3``, ``a 3 by 3 kernel on an input with 64
channels and an output with 128``, ``a standard 3x3 convolution with 64 input and 128
output channels``, ``입력 28x28x192에 5x5 필터 32개``, ``입력 채널 64, 출력 채널 128, 3x3 커널``:
its kernel k, input channels, output channels, the input map (H x W x C, where given),
the stride (1 unless stated) and the padding (None where not stated: a cost is then
judged at both ``valid`` and ``same``). Each is read once from the sentence; a sentence
that gives two different kernels or channel counts sets out no one layer (None).

The layer's cost comes from the layer algebra (``cnnstat.layers``): a standard conv,
its depthwise part (groups = channels) and its pointwise part (a 1x1 conv).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cnnstat.notes.signs import has_any
from cnnstat.notes.maps.walkthrough import _PAD, _PAD_WORD, _STRIDE

_N = r"([0-9]{1,5})"
# a square kernel: "3x3", "3 by 3", "3×3×64" (the third factor the input channels)
_KERNEL = re.compile(r"(?<![0-9.,])([0-9]{1,2})\s*(?:x|×|\*|by)\s*([0-9]{1,2})"
                     r"(?:\s*(?:x|×|\*)\s*([0-9]{1,5}))?(?![0-9]|\s*(?:x|×|\*)\s*[0-9])", re.I)
_KERNEL_AFTER = re.compile(r"^\s*(?:-?\s*)?(?:(?:depth\s*-?\s*wise|point\s*-?\s*wise|standard|"
                           r"conv\w*|filters?|kernels?|크기의?|필터|커널|합성곱|컨볼루션)\b|"
                           r"(?:필터|커널|합성곱|컨볼루션))", re.I)
_KERNEL_BEFORE = re.compile(r"(?:(?:filters?|kernels?)\s+(?:of\s+)?(?:size\s+)?|kernel\s*size\s*"
                            r"(?:of\s+|=\s*|:\s*)?|(?:필터|커널)\s*(?:의\s*)?(?:크기\s*)?(?:는|가|:|=)?\s*)$",
                            re.I)
# an input map: "a 6x6x3 input", "input of 28x28x192", "입력 28x28x192", "on a 32x32x3 image"
_MAP = re.compile(r"(?<![0-9.,])([0-9]{1,4})\s*[x×*]\s*([0-9]{1,4})\s*[x×*]\s*([0-9]{1,5})"
                  r"(?![0-9]|\s*[x×*]\s*[0-9])")
_MAP_AFTER = re.compile(r"^\s*\)?\s*(?:(?:RGB|colou?r)\s+)?(?:input|images?|feature\s+maps?|"
                        r"입력|이미지|특성\s*맵|피처\s*맵)", re.I)
_MAP_BEFORE = re.compile(r"(?:input|입력|\bon|\bover)(?:\s*(?:of|is|:|=|은|는|이|가|an?|the|"
                         r"size|크기|feature\s+map))*\s*\(?$", re.I)
_C_IN = [re.compile(p, re.I) for p in (
    _N + r"\s*(?:input\s+channels|channels?\s+in\b|in(?:put)?[-_ ]channels)",
    r"input\s+(?:with|of|has|having)\s+" + _N + r"\s+channels",
    _N + r"\s+input\s+and\s+[0-9]{1,5}\s+output\s+channels",
    r"(?:C_?in|in_channels|입력\s*채널\s*(?:수|개수)?)\s*(?:은|는|이|가|:|=)?\s*" + _N,
    _N + r"\s*개의?\s*입력\s*채널",
    r"from\s+" + _N + r"\s+(?:channels\s+)?to\s+[0-9]{1,5}\s+channels",
    _N + r"\s*(?:→|->)\s*[0-9]{1,5}\s*channels",
)]
_C_OUT = [re.compile(p, re.I) for p in (
    _N + r"\s*(?:output\s+channels|channels?\s+out\b|out(?:put)?[-_ ]channels)",
    r"output\s+(?:with|of|has|having)\s+" + _N + r"\s+channels",
    r"[0-9]{1,5}\s+input\s+and\s+" + _N + r"\s+output\s+channels",
    r"(?<![0-9.,x×])" + _N + r"\s+(?:conv\w*\s+)?(?:filters|kernels)\b",
    r"(?<![0-9.,x×])" + _N + r"\s+[0-9]{1,2}\s*(?:x|×|by)\s*[0-9]{1,2}\s+(?:conv\w*\s+)?"
    r"(?:filters|kernels)\b",  # "64 3x3 filters"
    _N + r"\s*개의?\s*[0-9]{1,2}\s*[x×]\s*[0-9]{1,2}\s*(?:크기의?\s*)?(?:필터|커널)",
    r"[0-9]{1,5}\s*(?:→|->)\s*" + _N + r"\s*channels",  # "256 → 64 channels"
    r"(?:C_?out|out_channels|출력\s*채널\s*(?:수|개수)?)\s*(?:은|는|이|가|:|=)?\s*" + _N,
    _N + r"\s*개의?\s*(?:출력\s*채널|필터|커널)",
    r"(?:필터|커널)\s*" + _N + r"\s*개",
    r"from\s+[0-9]{1,5}\s+(?:channels\s+)?to\s+" + _N + r"\s+channels",
)]
_SAME = re.compile(r"same\s+padding|padding\s*=?\s*['\"]?same|same\s+size|크기\s*(?:를|가)?\s*"
                   r"유지|제로\s*패딩", re.I)
# every match of a pattern of ``_C_OUT`` holds one of these (case-folded)
_C_OUT_WORDS = ("channel", "filter", "kernel", "cout", "c_out", "채널", "필터", "커널")


class Layer(NamedTuple):
    k: int
    c_in: int
    c_out: int
    h: int | None  # the input map's height and width, where given
    w: int | None
    stride: int
    padding: int | str | None  # None: not stated (valid or same)
    line: int = 0


def _one(found: list[int]) -> int | None | bool:
    """The one value found (None: none; False: two that differ)."""
    vals = set(found)
    if len(vals) > 1:
        return False
    return vals.pop() if vals else None


@lru_cache(maxsize=256)
def read(masked: str) -> Layer | None:
    """The one conv a sentence sets out, or None (nothing, or not one layer)."""
    if not has_any(masked, _C_OUT_WORDS):
        return None  # no pattern of the output channels can match
    c_out = [int(m.group(1)) for rx in _C_OUT for m in rx.finditer(masked)]
    if not c_out:
        return None  # the rarest part first: most sentences set out no output channels
    kernels: list[int] = []
    c_in: list[int] = []
    maps: list[tuple[int, int, int]] = []
    for m in _MAP.finditer(masked):
        h, w, c = (int(g) for g in m.groups())
        if _MAP_AFTER.match(masked[m.end():m.end() + 30]) or \
                _MAP_BEFORE.search(masked[max(0, m.start() - 30):m.start()]):
            maps.append((h, w, c))
    for m in _KERNEL.finditer(masked):
        if m.group(1) != m.group(2):
            continue
        span = masked[m.start():m.end()]
        if m.group(3) and any(span == f"{h}" for h, _, _ in maps):
            continue
        if _MAP_AFTER.match(masked[m.end():m.end() + 30]):
            continue  # the map, not the kernel
        if _KERNEL_AFTER.match(masked[m.end():m.end() + 20]) or \
                _KERNEL_BEFORE.search(masked[max(0, m.start() - 30):m.start()]):
            kernels.append(int(m.group(1)))
            if m.group(3):
                c_in.append(int(m.group(3)))
    for rx in _C_IN:
        c_in += [int(m.group(1)) for m in rx.finditer(masked)]
    c_in += [c for _, _, c in maps]
    k, ci, co, mp = _one(kernels), _one(c_in), _one(c_out), _one(maps)
    if not k or not ci or not co or mp is False:
        return None
    h = w = None
    if mp:
        h, w, _ = mp
    s = _one([int(x) for x in _STRIDE.findall(masked)])
    p = _one([int(x) for x in _PAD.findall(masked)])
    if s is False or p is False or s == 0:
        return None
    pw = _PAD_WORD.search(masked)
    padding: int | str | None = p
    if pw:
        padding = 0 if pw.group(1).lower() == "valid" else "same"
    elif _SAME.search(masked):
        padding = "same"
    return Layer(k, ci, co, h, w, s or 1, padding)


def macs(layer: Layer, kind: str, padding: int | str | None) -> tuple[int, int] | None:
    """(MACs over the output map, output positions) of the layer's ``kind`` part
    (standard, depthwise, pointwise, separable) at ``padding``; None without a map or
    where the layer does not fit its input."""
    from cnnstat.errors import SpecError
    from cnnstat.layers import KINDS

    if layer.h is None or layer.w is None:
        return None

    def conv(c_in: int, out: int, kernel: int, groups: int, stride: int, pad, h: int, w: int):
        return KINDS["conv"].make({"out": out, "kernel": kernel, "groups": groups,
                                   "stride": stride, "padding": pad, "bias": False}
                                  ).apply((c_in, h, w))

    try:
        std = conv(layer.c_in, layer.c_out, layer.k, 1, layer.stride, padding, layer.h, layer.w)
        dw = conv(layer.c_in, layer.c_in, layer.k, layer.c_in, layer.stride, padding,
                  layer.h, layer.w)
        _, ho, wo = dw.output
        pw = conv(layer.c_in, layer.c_out, 1, 1, 1, 0, ho, wo)
    except (SpecError, ValueError, KeyError):
        return None
    got = {"standard": std.macs, "depthwise": dw.macs, "pointwise": pw.macs,
           "separable": dw.macs + pw.macs}[kind]
    return got, ho * wo


def per_position(layer: Layer, kind: str) -> int:
    """The MACs of one output position (every output channel) of the layer's part."""
    k2 = layer.k * layer.k
    return {"standard": k2 * layer.c_in * layer.c_out, "depthwise": k2 * layer.c_in,
            "pointwise": layer.c_in * layer.c_out,
            "separable": k2 * layer.c_in + layer.c_in * layer.c_out}[kind]
