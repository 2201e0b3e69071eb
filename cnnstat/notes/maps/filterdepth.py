"""A filter's depth against the channels of the input it is said to slide over, both in
one line: ``an input of size 32x32x3 is convolved with 16 filters of size 5x5x3``,
``입력 [50 50 2]에 5x5x1 필터 20개``. A standard convolution's filter spans every channel
of its input (``cnnstat.layers``: a conv's weight is out x in x k x k), so its depth is the
input's channels: right where it is; wrong where not and the line gives the count of
filters apart (``20 filters of size 5x5x1``), and not as the third side (``1x1x64``
filters may be 64 of them, each as deep as the input).

The input's shape is the one three-sided shape written just after a word for the input
(``input``, ``image``, ``volume``, ``입력``, ``이미지``: ``input of size [50 50 2]``,
``입력(28x28x1)``), the filter's the one just after or before a word for filters
(``filters of size 5x5x1``, ``3x3x3 kernels``, ``필터 크기 3x3x3``); written ``HxWxC``,
``[H W C]`` or ``CxHxW``, the two equal sides are the map's (or the kernel's) and the
other the channels (all three equal: any). Not read: a line with more than one shape
of either; a depthwise or grouped convolution (``depthwise``, ``separable``, ``groups``,
``채널별``: each filter sees one channel; AlexNet's two GPUs, ``gpu``); a 3D convolution
(``3D``, ``volumetric``, ``video``); a pooling.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_N = r"(\d{1,4})"
_X = r"\s*[x×*]\s*"
# HxWxC (not a factor of a longer product, nor a decimal's digits), or MATLAB's [H W C]
_SHAPE = re.compile("|".join((
    r"(?<![A-Za-z0-9_.])" + _X.join((_N, _N, _N)) + r"(?![A-Za-z0-9_]|\.\d|" + _X + r"\d)",
    r"\[\s*" + r"\s+".join((_N, _N, _N)) + r"\s*\]")))
_INPUT = re.compile("|".join((r"\binputs?\b", r"\bimages?\b", r"\bvolume\b", "입력", "이미지")), re.I)
_FILTER = re.compile("|".join((r"\bfilters?\b", r"\bkernels?\b", "필터", "커널")), re.I)
_NOT_WORDS = ("depth-?wise", "separable", r"\bgroups?\b", "채널별", "깊이별", r"\b3-?d\b",
              "volumetric", "video", "voxel", "pool", "풀링", "transpose", "deconv", "gpu", "그룹",
              "alexnet", r"알렉스\s*넷")
_NOT = re.compile("|".join(_NOT_WORDS), re.I)
# the count of filters said apart from their shape: "20 filters", "필터 20개", "20개의 필터"
_COUNT = re.compile("|".join((
    r"(?<![\dx×*.])(?<![x×*] )(\d{1,4})\s+(?:[A-Za-z-]+\s+){0,2}?(?:filters|kernels)\b",
    r"(?:필터|커널)\s*(?:의\s*)?(?:수|개수)?\s*(?:는|은|가|:|=)?\s*(\d{1,4})\s*개",
    r"(\d{1,4})\s*개의?\s*(?:필터|커널)")), re.I)
NEAR = 20  # characters between a word and the shape it names
NEEDS = ("filter", "kernel", "필터", "커널")


def _sides(m: re.Match) -> tuple[int, int, int]:
    g = [int(x) for x in m.groups() if x is not None]
    return g[0], g[1], g[2]


def _depth(sides: tuple[int, int, int]) -> set[int] | None:
    """The channels of a shape: the side that is not one of the two equal ones."""
    a, b, c = sides
    if a == b == c:
        return {a}
    if a == b:
        return {c}
    if b == c:
        return {a}
    return None


def _named(shapes: list, words, taken) -> list:
    """The shapes a word names: the first after it (within ``NEAR`` characters), or the one
    just before it (``5x5x3 필터``), none another word took."""
    out = []
    for w in words:
        after = next((s for s in shapes if 0 <= s.start() - w.end() <= NEAR), None)
        before = next((s for s in shapes if 0 <= w.start() - s.end() <= 3), None)
        for s in (before, after):
            if s is not None and s not in taken and s not in out:
                out.append(s)
                break
    return out


def check_line(number: int, masked: str, raw: str) -> list[Claim]:
    """``masked``: the line with its markup blanked (the words are read there); ``raw``:
    as written, the same length (its shapes are read there: ``[50 50 2]`` keeps its
    brackets)."""
    if _NOT.search(masked) or not _FILTER.search(masked) or not _INPUT.search(masked):
        return []
    shapes = list(_SHAPE.finditer(raw))
    if len(shapes) < 2:
        return []
    inputs = _named(shapes, _INPUT.finditer(masked), ())
    filters = _named(shapes, _FILTER.finditer(masked), inputs)
    if len(inputs) != 1 or len(filters) != 1:
        return []
    c_in, depth = _depth(_sides(inputs[0])), _depth(_sides(filters[0]))
    if not c_in or not depth or len(c_in) != 1:
        return []
    (c,) = c_in
    counts = {int(g) for m in _COUNT.finditer(masked) for g in m.groups() if g}
    k = _sides(filters[0])
    text = f"filter {'x'.join(map(str, k))} on input {'x'.join(map(str, _sides(inputs[0])))}"
    if c in depth:
        return [Claim(number, text, "shape", filters[0].group(0), c, "right",
                      f"a filter spans the input's {c} channels")]
    if len(counts) != 1 or counts & depth:
        return []  # "1x1x64 filters": the 64 may be their count, not their depth
    return [Claim(number, text, "shape", filters[0].group(0), c, "wrong",
                  f"a standard convolution's filter spans every channel of its input: "
                  f"its depth is {c}, not {next(iter(depth))}", confidence=0.8)]
