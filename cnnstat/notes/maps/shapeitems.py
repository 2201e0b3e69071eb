"""The products of a line a shape claim is read from (``shapes.check_line``), each a
kernel or a feature-map size: a square product (``28x28``, ``55 x 55 x 96``, ``3 by 3``)
is a kernel when a kernel word follows it (``5x5 conv``, ``11 x 11 x 3 커널``) or precedes
it (``6 filters(5x5)``, ``conv 3x3``), or when a stride is written after it (``3x3/2``);
otherwise it is a map size. A product inside a calculation, or after a stride word, is
neither.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.maps.filters import filter_volume
from cnnstat.notes.maps.kernelruns import kernel_runs
from cnnstat.notes.reading.normalise import plain_latex
from cnnstat.notes.reading.settings import SETTING_AFTER, STRIDE_BEFORE

_PRODUCT = re.compile(
    r"(?<![A-Za-z0-9_.,])(\d{1,5})\s*(?:[x×X*]|\s+by\s*)\s*(\d{1,5})"
    r"(?:\s*(?:[x×X*]|(?<=\d)\s+by\s+)\s*(\d{1,5}))?(?![\d.,]\d)(?![0-9])")
_KERNEL_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?!(?:with|after|using|by|via|from|to|and)\s)[A-Za-z-]+\s+){0,2}?"
    r"((?!convolv)conv\w*|filters?|kernels?|(?:max|avg|average)[\s_-]*pool\w*|pool\w*"
    r"|subsampling|layers?(?![A-Za-z])|windows?(?![A-Za-z]))"
    r"|^\s*(커널|필터|컨볼루션|합성곱|풀링|맥스\s*풀링|레이어|conv(?!olv))", re.I)
# "6 filters(5x5)", "kernel: 3x3", "conv 3x3", "conv2d 3x3" (not "conv1: 55x55": an output)
_KERNEL_BEFORE = re.compile(r"(?:filters?|kernels?|필터|커널)\s*(?:size|of)?\s*"
                            r"(?:[(:=]|(?<=size)\s+(?:that's|that\s+is|is|was))?\s*$"
                            r"|(?<![A-Za-z])(?:conv|pool|max[\s_-]*pool|avg[\s_-]*pool)(?:[123]d)?\s+$", re.I)
# "a 6x6x3 convolve with a 3x3x3, that gives a 4x4": what a map is convolved with is its
# kernel, unless a word names it a map ("convolve an 8 by 8 image with a 3 by 3 image")
_CONVOLVED_WITH = re.compile(r"\bconvol\w*\s+(?:it\s+|this\s+|them\s+)?with\s+(?:a\s+|an\s+|the\s+)?$",
                             re.I)
_MAP_AFTER = re.compile(r"^\s*(?:[A-Za-z-]+\s+)?(?:images?|maps?|inputs?|volumes?|pictures?|"
                        r"outputs?|activations?)\b", re.I)
_NAMED_KERNEL = re.compile(r"\d\s*[x×X*]\s*\d{1,2}\s*$")
# "8 filters on 16x16x16", "입력 16x16": the size after it is the layer's input
_ON_INPUT = re.compile(r"(?:\bon|\bto|input|입력)\s*(?:(?:a|an|the)\s+)?\W{0,2}\s*$", re.I)
_POOL = re.compile(r"pool|풀링|subsampling", re.I)
# a kernel's stride after it, "3x3/2" (not a size divided: "224x224/2 = 112")
_PER_STRIDE = re.compile(r"\s*/\s*([1-9])(?![\d.,]|\s*[x×X*=+\-/]\s*\d|\s*=)")
_LAYER_NAME = re.compile(r"(?:conv|pool)\w*\s*[:(]?\s*$", re.I)
_CONV_WORD = re.compile(r"conv|합성곱|컨볼루션|콘볼루션", re.I)
_STOP = re.compile(r"[,;|→]|->|=>")


class Item(NamedTuple):
    kind: str  # "size" | "kernel"
    n: int  # the spatial size, or the kernel size
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]  # where H and W are written (for --fix)
    pool: bool = False
    depth: int | None = None  # the third number written (11 x 11 x 3), if any
    stride: int | None = None  # a kernel's stride written after it (3x3/2)


_SET_RUN = re.compile(r"(?:\s*[,(/]?\s*(?:[sp]\s*=\s*\d+|[sp]\d{1,2}\b|(?:strides?|padding|pad)"
                      r"\s*[=:]?\s*\d+|same|valid)\s*[,)]?)*", re.I)  # "1×1, s=1, same 필터"
_IN_CALC_AFTER = re.compile(r"\s*(=|≈|[+\-−/÷]\s*\d|[x×*]\s*\d)")
_IN_CALC_BEFORE = re.compile(r"(\d\s*[+\-−/÷=]|=)\s*\(?\s*$")
_ITEMS_KEPT = 4096
_items_seen: dict[str, list] = {}


def items(masked: str) -> list[Item]:
    """The products of a line, each a kernel or a size (the last lines' are kept, up to
    ``_ITEMS_KEPT`` of them: the checker asks several times for the same line, and notes
    repeat lines)."""
    out = _items_seen.get(masked)
    if out is None:
        if len(_items_seen) >= _ITEMS_KEPT:
            _items_seen.clear()
        # 3\times3 as 3×3, a math span's bound as a space (``$5\times5$ conv``: a kernel)
        out = _items_seen[masked] = _items(plain_latex(masked).replace("¦", " "))
    return list(out)


def _items(masked: str) -> list[Item]:
    out: list[Item] = []
    # a window named a filter in a line of pooling alone ("max pooling ... a 3x3 filter")
    pool_line = bool(_POOL.search(masked)) and not _CONV_WORD.search(masked)
    for m in _PRODUCT.finditer(masked):
        h, w = int(m.group(1)), int(m.group(2))
        first = h != w and m.group(3) is not None and w == int(m.group(3))  # "64x224x224"
        if (h != w and not first) or h == 0:
            continue
        # a bounded window each side: the work per product does not grow with the line
        after = masked[m.end():m.end() + 80]
        before = masked[max(0, m.start() - 40):m.start()]
        per = _PER_STRIDE.match(after) if h <= 15 and not m.group(3) else None
        if per is not None:  # "max pool 3x3/2", "conv1 7x7/2": a kernel and its stride
            word = _KERNEL_AFTER.match(after[per.end():per.end() + 40])
            near = word or _KERNEL_BEFORE.search(before[-20:]) or _LAYER_NAME.search(before)
            if near:
                pool = bool(_POOL.search(near.group(0))) or (pool_line and not
                                                             _CONV_WORD.search(near.group(0)))
                spans = ((m.start(1), m.end(1)), (m.start(2), m.end(2)))
                out.append(Item("kernel", h, m.start(), m.end() + per.end(), spans, pool,
                                stride=int(per.group(1))))
            continue
        # a product inside a calculation is arithmetic, not a size; after a stride word
        # it is the stride ("stride 2x2")
        if _IN_CALC_AFTER.match(after) or _IN_CALC_BEFORE.search(before) or \
                STRIDE_BEFORE.search(before[-20:]):
            continue
        stop = _STOP.search(after)
        window = after[:stop.start()] if stop else after
        window = window[:40]
        kernel = _KERNEL_AFTER.match(window)
        prior = before[-20:]
        pstop = None
        for pm in _STOP.finditer(prior):
            pstop = pm
        if pstop:
            prior = prior[pstop.end():]
        kernel_before = _KERNEL_BEFORE.search(prior) or (
            None if _MAP_AFTER.match(window) else _CONVOLVED_WITH.search(before))
        if not (kernel or kernel_before or m.group(3)) and SETTING_AFTER.match(after) and \
                not _ON_INPUT.search(prior):
            kernel = _KERNEL_AFTER.match(after[_SET_RUN.match(after).end():][:40])
            if not kernel:  # "(3x3, s=1 p=1)": a window with its settings, never a map;
                continue  # "1×1, s=1 필터 32개": a kernel, its settings before its word
        if kernel_before and ":" in kernel_before.group(0) and \
                _NAMED_KERNEL.search(prior, 0, kernel_before.start()):
            kernel_before = None  # "with 5x5 kernel: 32x32 -> 28x28": a map after the label
        if first:  # channels first: a map's size, never a kernel's ("a 3x5x5 filter")
            if not (kernel or kernel_before or filter_volume(masked, m.start(), m.end())):
                out.append(Item("size", w, m.start(), m.end(), ((m.start(2), m.end(2)),
                                                                 (m.start(3), m.end(3))), depth=h))
            continue
        spans = ((m.start(1), m.end(1)), (m.start(2), m.end(2)))
        depth = int(m.group(3)) if m.group(3) else None
        word = (kernel.group(0) if kernel else "") + (kernel_before.group(0) if kernel_before else "")
        pool = bool(_POOL.search(word)) or (pool_line and not _CONV_WORD.search(word))
        if depth is not None and filter_volume(masked, m.start(), m.end()):
            out.append(Item("kernel", h, m.start(), m.end(), spans, False, depth))
        elif (kernel or kernel_before) and not (pool and depth is not None and not kernel_before):
            out.append(Item("kernel", h, m.start(), m.end(), spans, pool, depth))
        else:  # a pooling window has no depth: "28x28x32 max pool" is a map before it
            out.append(Item("size", h, m.start(), m.end(), spans, depth=depth))
    out = kernel_runs(masked, out)
    out = _restated(masked, out)
    # "convolved with 11x11x3 filters ..., take [11x11x3] blocks": a map the size of a
    # kernel, depth and all, written after it, is the window the kernel covers
    kernels = {(it.n, it.depth) for it in out if it.kind == "kernel" and it.depth}
    return [it for it in out if not (it.kind == "size" and (it.n, it.depth) in kernels
                                     and any(k.kind == "kernel" and k.end <= it.start
                                             and (k.n, k.depth) == (it.n, it.depth)
                                             for k in out))]


# "convolve it with a 5 by 5 filter, remember, a 5 by 5 filter is implemented as 5 by 5 by
# 16": the same kernel said again (its depth now written), one layer, not three in a row
_RESTATES = re.compile(r"\b(?:is|are|i\.\s?e\.|that\s+is|meaning|means|remember|note|namely)\b", re.I)
_CHAINS = re.compile(r"\b(?:then|followed|after|before|again|another|second|next|and|stack\w*|"
                     r"twice|two|three|layers)\b|→|->|[.;]\s", re.I)


def _restated(masked: str, found: list[Item]) -> list[Item]:
    out: list[Item] = []
    for it in found:
        prev = out[-1] if out else None
        between = masked[prev.end:it.start] if prev is not None else ""
        if prev is not None and prev.kind == it.kind == "kernel" and prev.n == it.n and \
                prev.pool == it.pool and _RESTATES.search(between) and \
                not _CHAINS.search(between.replace("i.e.", "i e ")):
            continue
        out.append(it)
    return out

