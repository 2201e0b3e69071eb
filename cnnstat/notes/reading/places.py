"""Numbers before a layer word that are no count of the network's layers: layers named by
their place (``the 3, 4 and 5 layers``, ``the Conv 5 layer``, ``1, 2 FC 층``, ``3번째 층``, ``the first 2 layers``)
and the layers of a part (``2 layers in the first block``, ``블록마다 3개의 층``); a conv named
by its kernel, then a count (``3x3 conv 32개``: filters, or layers of that kernel)."""

from __future__ import annotations

import re

# "the 3, 4, 5 layers", "1, 2 FC 층", "3 and 4 conv layers": a list of small numbers before
# the layer word names layers by their place; "the first 2 layers", "마지막 3개의 층": a
# part of the network counted, not its depth
_INDEX_LIST = re.compile(r"(?<![0-9A-Za-z.,])[0-9]{1,2}\s*(?:,|and|or|&|및|과|와)\s*(?:[0-9]{1,2}\s*"
                         r"(?:,|and|or|&|및|과|와)\s*)*$", re.I)
_PLACE = re.compile(r"(?:first|last|top|bottom|final|initial|earliest|next|previous|"
                    r"처음|마지막|앞|뒤|이후|이전)\s*(?:의)?\s*$", re.I)
# "2 layers in the first block", "블록마다 3개의 층": a block's layers, not the network's
_IN_PART = re.compile(r"^[^,.;]{0,24}?\b(?:in|of|per|inside)\s+(?:the\s+|each\s+|every\s+|a\s+|"
                      r"one\s+)?(?:\w+\s+)?(?:blocks?|stages?|modules?|branch(?:es)?|groups?)\b"
                      r"|^[^,.;]{0,24}?(?:블록|모듈|스테이지)\s*(?:마다|당|에|안|의)", re.I)
# "3x3 conv 32개", "1×1 합성곱 64개": a kind of conv named with its kernel, then a count
# with 개: the filters of one layer as often as that many layers of the kernel
_SIZED_KIND = re.compile(r"(?<![0-9])[0-9]{1,2}\s*[x×*]\s*[0-9]{1,2}\s*(?:conv\w*|합성곱|컨볼루션)"
                         r"\s*(?:을|를|이|가|은|는)?\s*$", re.I)
# "in the Conv 5 layer": a layer named by its kind and its number, the word after singular
# (LaTeX's spaces between: "Conv \\enspace 5")
_KIND_NAMED = re.compile(r"(?<![A-Za-z])(?:conv(?:olution(?:al)?)?|pool(?:ing)?|fc|dense)"
                         r"(?:\s|\\(?:enspace|quad|qquad|thinspace|[,;: ]))*$", re.I)
_ONE_LAYER = re.compile(r"^\s*layer(?![A-Za-z])", re.I)
_ORDINAL_AFTER = re.compile(r"^\s*(?:st|nd|rd|th|번째|번)\b|^\s*(?:번째|번)", re.I)


def _indices(before: str, n: int) -> bool:
    """``the 3, 4 and 5 layers``: consecutive numbers listed before the figure name layers
    by place (``18, 34 and 50 layers`` lists depths)."""
    m = _INDEX_LIST.search(before)
    if not m:
        return False
    listed = [int(d) for d in re.findall(r"[0-9]+", m.group(0))] + [n]
    return all(b == a + 1 for a, b in zip(listed, listed[1:]))


def not_a_count(before: str, after: str, n: int) -> str | None:
    """Why the count ``n`` of a layer word is not the network's (``before`` and ``after``
    are the text each side of it), or None when it may be."""
    if _indices(before, n) or _PLACE.search(before) or _ORDINAL_AFTER.match(after) or (
            _KIND_NAMED.search(before) and _ONE_LAYER.match(after)):
        return "layers named by their place, not a count"
    if _SIZED_KIND.search(before[-24:]) and after.lstrip().startswith("개"):
        return "a conv named by its kernel, then a count: its filters or its layers"
    if _IN_PART.match(after):
        return "the layers of a part of the network"
    return None
