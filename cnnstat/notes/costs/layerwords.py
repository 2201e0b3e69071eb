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
from cnnstat.notes.maps.walkthrough import _PAD, _PAD_WORD, _STRIDE, settings

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
    _N + r"\s*-\s*channels?\s+(?:input|image|map|feature)",  # "on a 3-channel image"
    _N + r"\s+channels\s+(?:in)?to\s+[0-9]{1,5}\s+channels",  # "its 32 channels to 64 channels"
)]
# an input whose channels its kind says: "an RGB image" (3), "a grayscale input" (1)
_IMAGE_KIND = re.compile(r"\b(RGB|colou?r|gr[ae]y\s*-?\s*scale|흑백|컬러)\s*(?:images?|inputs?|이미지|"
                         r"입력)", re.I)
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
    r"[0-9]{1,5}\s+channels\s+(?:in)?to\s+" + _N + r"\s+channels",
)]
_SAME = re.compile(r"same\s+padding|padding\s*=?\s*['\"]?same|same\s+size|크기\s*(?:를|가)?\s*"
                   r"유지|제로\s*패딩", re.I)
# a kernel, then its channels in and out by an arrow: "3x3 conv, 64 → 128", "1x1, 64 -> 256",
# "conv 3x3 (64 → 128)": no channel word, the arrow right after the kernel says it
_KERNEL_ARROW = re.compile(r"(?<![0-9.,x×*])([0-9]{1,2})\s*[x×]\s*\1(?![0-9]|\s*[x×*]\s*[0-9])"
                           r"\s*(?:conv\w*\s*)?[,(:]?\s*([0-9]{1,5})\s*(?:→|->)\s*([0-9]{1,5})"
                           r"(?![0-9]|\s*[x×*]\s*[0-9]|\s*(?:→|->))", re.I)
# every match of a pattern of ``_C_OUT`` (or ``_KERNEL_ARROW``) holds one of these (case-folded)
_C_OUT_WORDS = ("channel", "filter", "kernel", "cout", "c_out", "채널", "필터", "커널", "→", "->")


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
def read(masked: str, given: int | None = None) -> Layer | None:
    """The one conv a sentence sets out, or None (nothing, or not one layer); ``given``:
    the input channels the note named before, where the sentence names none."""
    if not has_any(masked, _C_OUT_WORDS):
        return None  # no pattern of the output channels can match
    c_out = [int(m.group(1)) for rx in _C_OUT for m in rx.finditer(masked)]
    kernels: list[int] = []
    c_in: list[int] = []
    if "→" in masked or "->" in masked:
        for m in _KERNEL_ARROW.finditer(masked):
            # an odd kernel, named a conv, or the first thing of a list's item ("1. 1x1, 64 → 64")
            k = int(m.group(1))
            if k % 2 and k <= 11 and (re.search(r"conv|합성곱", masked[:m.end()], re.I) or
                                      re.fullmatch(r"[\s\d.)(*+-]*", masked[:m.start()])):
                kernels.append(k)
                c_in.append(int(m.group(2)))
                c_out.append(int(m.group(3)))
    if not c_out:
        return None  # the rarest part first: most sentences set out no output channels
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
    if not c_in:
        c_in = [1 if m.group(1)[0] in "gG흑" else 3 for m in _IMAGE_KIND.finditer(masked)]
    if not c_in and given:
        c_in = [given]
    k, ci, co, mp = _one(kernels), _one(c_in), _one(c_out), _one(maps)
    if not k or not ci or not co or mp is False:
        return None
    h = w = None
    if mp:
        h, w, _ = mp
    s = _one([int(x) for x in settings(_STRIDE, masked)])
    p = _one([int(x) for x in settings(_PAD, masked)])
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


class Dense(NamedTuple):
    n_in: int
    n_out: int


_UNITS = r"(?:neurons?|units?|nodes?|outputs?|hidden\s+units|classes|뉴런|노드|유닛|출력|클래스)"
_INS = r"(?:inputs?|input\s+(?:units|neurons|nodes|features|values)|features|입력)"
# "784 inputs x 100 neurons", "784 input units and 100 output units", "connects 784 inputs
# to 100 units", "784개의 입력과 100개의 뉴런", "입력 784, 출력 100", "from 784 to 100 units"
_NN = r"([0-9]{1,7})"
_DENSE = [re.compile(p, re.I) for p in (
    r"(?<![0-9.,x×*])" + _NN + r"\s*(?:개의?\s*)?" + _INS + r"\s*(?:,\s*)?(?:(?:wired|connected|fed|mapped|linked)\s+)?(?:x|×|\*|by|and|to|into|"
    r"→|->|에서|과|와)\s*(?:(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?(?:layer\s+)?(?:of|with)\s+|the\s+|a\s+)?"
    + _N + r"\s*(?:개의?\s*)?(?:output\s+)?" + _UNITS + r"(?![A-Za-z])",
    r"(?<![0-9.,x×*])" + _NN + r"\s*개의?\s*" + _INS + r"\s*(?:과|와|,)\s*" + _N + r"\s*개의?\s*" +
    _UNITS,
    r"(?<![\w.])from\s+" + _NN + r"\s+(?:" + _INS + r"\s+|" + _UNITS + r"\s+)?to\s+" + _N +
    r"\s+" + _UNITS + r"(?![A-Za-z])",
    r"(?:입력|input)\s*(?:크기|차원|노드|size|dim\w*|features?)?\s*(?:은|는|이|가|:|=|of)?\s*" + _NN +
    r"\s*(?:개)?\s*(?:,|과|와|and|에서|->|→)\s*(?:출력|output)\s*(?:크기|차원|노드|size|dim\w*|"
    r"features?)?\s*(?:은|는|이|가|:|=|of)?\s*" + _N + r"(?![0-9])",
    r"in_features\s*=\s*" + _NN + r"\s*,\s*out_features\s*=\s*" + _N,
)]
_DENSE_ARROW = re.compile(r"(?<![0-9.,x×*])" + _N + r"\s*(?:→|->|to)\s*" + _N + r"(?![0-9]|\s*[x×*])",
                          re.I)
_DENSE_WORD = re.compile(r"fully[- ]connected|\bdense\b|\bfc\s*[0-9]?\b|\blinear\b|hidden\s+layer|"
                         r"\bmlp\b|완전\s*연결|전결합|은닉\s*층|밀집", re.I)
# a map flattened into the layer: "7x7x512 -> 4096", "(6, 6, 256) → 4096"
_FLAT_ARROW = re.compile(r"(?<![0-9.,])\(?([0-9]{1,4})\s*(?:[x×*]|,)\s*([0-9]{1,4})\s*(?:[x×*]|,)\s*"
                         r"([0-9]{1,5})\)?\s*(?:→|->|to)\s*([0-9]{1,5})(?![0-9]|\s*[x×*,])", re.I)
# what a conv sets out (a dense sentence holds none of it)
_CONV_WORD = re.compile(r"conv|filter|kernel|channel|합성곱|컨볼루션|필터|커널|채널", re.I)


# an input map or image flattened into a dense layer's inputs: "224x224x3 input -> 1 neuron"
_FLAT_INPUT = re.compile(r"(?<![0-9.,x×*])([0-9]{1,4})\s*[x×*]\s*([0-9]{1,4})(?:\s*[x×*]\s*"
                         r"([0-9]{1,5}))?\s*(?:(?:inputs?|images?|pixels?)(?![A-Za-z])|(?:이미지|픽셀)\s*"
                         r"(?:입력)?|입력)", re.I)


_ONE_UNIT = re.compile(r"\b(?:a\s+single|one|a)\s+(neuron|unit|node)\b", re.I)


def _flattened(m: re.Match) -> str:
    n = int(m.group(1)) * int(m.group(2)) * int(m.group(3) or 1)
    return f"{n} inputs "


def read_dense(masked: str) -> Dense | None:
    """The one fully connected layer a sentence sets out: its inputs and its outputs
    (units, neurons), or None (no such layer, two of them, or a conv's words). An input
    written as a map or an image (``224x224x3 input``) is its values, flattened."""
    if _CONV_WORD.search(masked):
        return None
    masked = _ONE_UNIT.sub(r"1 \1", _FLAT_INPUT.sub(_flattened, masked))
    found = {(int(m.group(1)), int(m.group(2))) for rx in _DENSE for m in rx.finditer(masked)}
    if not found and _DENSE_WORD.search(masked):
        found = {(int(m.group(1)) * int(m.group(2)) * int(m.group(3)), int(m.group(4)))
                 for m in _FLAT_ARROW.finditer(masked)}
        if not found:
            found = {(int(m.group(1)), int(m.group(2))) for m in _DENSE_ARROW.finditer(masked)}
    if len(found) != 1:
        return None
    n_in, n_out = found.pop()
    return Dense(n_in, n_out) if n_in > 0 and n_out > 0 else None
