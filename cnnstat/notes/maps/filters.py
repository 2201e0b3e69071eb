"""A filter's own volume in prose: ``each filter is 5x5x3``, ``16 filters of size 5x5x6``,
``6 filters, each 5x5x3``, ``필터의 크기는 3x3x64``, ``11x11x3 filters``: the product is the
filter's k x k x C_in, never a feature map the filter runs over or gives. The shape,
walkthrough and continuity readers ask ``filter_volume`` of each H x W x C they find."""

from __future__ import annotations

import re

# "each filter is 5x5x3", "16 filters of size 5x5x6", "6 filters, each 5x5x3", "필터의 크기는
# 3x3x64", "커널은 3x3x128 크기": a filter word earlier in the clause, and no word between
# that makes the product a map the filter runs over or gives (on, input, 출력, 으로, ...)
_FILTER_WORD = re.compile(r"filters?|kernels?|필터|커널", re.I)
_CLAUSE_END = re.compile(r"[.;:→]\s|->|=>|[.;→]$")
_MAP_CUE = re.compile(r"\b(?:on|to|onto|over|into|from|input|output|maps?|images?|gives?|"
                      r"yields?|produces?|makes?|becomes?|leaves?|results?|then)\b|입력|출력|맵|"
                      r"이미지|에서|(?:으로|로|를|을|에)(?=\s)|\d", re.I)
# ("3x3x192의 256개의 커널": the volume, then the count of filters of it)
# ("1x1x32 5 filters", "3x3x3 (10 filters)": the volume, then how many filters have it)
_OWN_AFTER = re.compile(r"^\s*(?:-?\s*(?:filters?|kernels?|weights?)\b|(?:크기의?\s*)?(?:필터|커널|(?<=의 )(?:kernels?|filters?)(?![A-Za-z]))|"
                        r"(?:크기의?\s*)?\(?\s*\d{1,5}\s*(?:개의?\s*)?(?:filters?(?![A-Za-z])|kernels?(?![A-Za-z])|필터|커널)|"
                        r"(?:의|짜리)\s*\d{1,5}\s*개의?\s*(?:필터|커널)|"
                        r"(?:volume|block)\s+of\s+weights)", re.I)


# a filter's label right before the product ("- Filter: ", "10 Filters: ", "커널 = ")
_LABEL = re.compile(r"(?:^|[^\w\s]|\d)\s*(?:filters?|kernels?|필터|커널)(?:\s*(?:size|shape|크기))?"
                    r"\s*[:=]\s*\W{0,2}$", re.I)

# a square kernel-sized volume, then how many filters of it: "Conv: `1x1x32` 5 filters",
# "3x3x16 (32 filters)", "5x5x3 6 kernels": the count is the filters', the product their
# volume (a map's size is not followed by a bare count of filters, with no comma between)
_COUNT_AFTER = re.compile(r"^[`'\"*\]]*\s*\(?\s*[0-9]{1,5}\s+(?:filters?|kernels?)\b", re.I)
_SQUARE_SMALL = re.compile(r"([0-9]{1,2})\s*[x×X*]\s*\1\s*[x×X*]")
# the same, read whole: side, depth, count of filters
VOLUME_COUNT = re.compile(r"(?<![0-9.,x×X*])([0-9]{1,2})\s*[x×X*]\s*\1\s*[x×X*]\s*([0-9]{1,5})"
                          r"[`'\"*\]\s(]+([0-9]{1,5})\s+(?:filters?|kernels?)\b",
                          re.I)


def filter_volume(masked: str, start: int, end: int) -> bool:
    """Whether the product at ``start:end`` is a filter's own volume by the words around
    it (``each filter is 5x5x3``), not a map the filter runs over or gives."""
    if _OWN_AFTER.match(masked[end:end + 30]):
        return True
    square = _SQUARE_SMALL.match(masked, start)
    if square is not None and int(square.group(1)) <= 11 and \
            _COUNT_AFTER.match(masked[end:end + 30]):
        return True
    before = masked[max(0, start - 50):start]
    if _LABEL.search(before):  # "Filter: 3x3x3", "10 Filters = 5x5x3": the label's
        return True
    ends = [m.end() for m in _CLAUSE_END.finditer(before) if m.end() < len(before)]
    before = before[ends[-1]:] if ends else before
    words = list(_FILTER_WORD.finditer(before))
    return bool(words) and not _MAP_CUE.search(before, words[-1].end())


# "96@ 11x11, s = 4, p = 0", "256@5x5 filters", "64@3x3 (stride 1)": a slide's notation for
# a bank of filters, their count at their kernel; LeNet's "6@28x28" is the maps' count at
# their size. Which one is told by what follows: a filter word or a layer's stride or
# padding makes it the bank (a map is given no stride), anything else leaves it a map.
AT_FIGURE = re.compile(r"(?<![0-9.,])([0-9]{1,5})\s*@\s*([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})"
                       r"(?![0-9]|\s*[x×X*]\s*[0-9])")
_AT_SETTING = re.compile(r"\s*[,(]?\s*(?:filters?\b|kernels?\b|필터|커널|strides?\b|스트라이드|"
                         r"padding\b|pad\b|패딩|[sp]\s*=\s*[0-9]|[sp][0-9]{1,2}\b)", re.I)


# a square kernel written elsewhere on the line ("C1: 6@28x28, stride 1, 5x5 kernels")
_KERNEL = re.compile(r"(?<![0-9.,x×X*@])([0-9]{1,2})\s*[x×X*]\s*\1(?![0-9]|\s*[x×X*]\s*[0-9])")


def at_bank(masked: str, start: int, end: int) -> bool:
    """Whether the ``count@sides`` figure at ``start:end`` is a bank of filters (a filter
    word or a stride or padding follows it, and the line writes no other kernel), not
    maps."""
    return _AT_SETTING.match(masked, end) is not None and \
        _KERNEL.search(masked[:start] + " " * (end - start) + masked[end:]) is None


def at_banks(masked: str) -> list[re.Match]:
    """The ``count@k x k`` figures of a line that are banks of filters (``at_bank``)."""
    if "@" not in masked:
        return []
    return [m for m in AT_FIGURE.finditer(masked) if at_bank(masked, m.start(), m.end())]


# a layer's line that is its filters' volume: under a label ("- Filter: 3x3x3", "10
# Filters: 3x3x3", "Conv: 1x1x32"), or with their count ("1x1x32 5 filters")
_VOLUME_LABEL = re.compile(r"(?:^\W*(?:\d{1,5}\s+)?(?:filters?|kernels?|conv\w*|필터|커널)\s*[:=]|"
                           r"\d{1,5}\s+(?:filters?|kernels?)\s+(?:with|of)\s+(?:(?:size|shape)\s+)?)"
                           r"\s*\W{0,2}$", re.I)  # (or after their count: "64 filters of size")
_VOLUME_COUNT = re.compile(r"\W{0,2}\s*\(?\s*\d{1,5}\s*(?:filters?|kernels?)(?![A-Za-z])", re.I)


def layer_volumes(masked: str, shape: re.Pattern) -> list[re.Match]:
    """The square filter volumes (``shape``'s matches, k x k x C) a line sets out as its
    layer: a volume (``filter_volume``) under a label or with its count."""
    return [m for m in shape.finditer(masked) if m.group(1) and m.group(1) == m.group(2) and
            filter_volume(masked, m.start(), m.end()) and
            (_VOLUME_LABEL.search(masked, 0, m.start()) or _VOLUME_COUNT.match(masked, m.end()))]
