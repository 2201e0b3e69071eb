"""A conv's channel arguments glossed in words, as a glossary or a legend writes them::

    in_channels = input size / input width, MNIST default 28
    out_channels: the number of filters (the output depth)
    in_channels = 입력 이미지의 가로 크기

``in_channels`` is the depth of the map the conv reads and ``out_channels`` the number of
its filters, the depth of the map it gives (the layer algebra's ``Conv2d(c_in, c_out,
k)``). A gloss (after ``=``, ``:``, ``is``, ``means``, ``는``) whose parts, split at ``/``,
``,`` or ``or``, each speak of a spatial side (width, height, size, 너비, 가로, 크기), or
give a value (``28 for MNIST``) or a size of nothing named (``input size``), one at least
a side, and none of channels, depth, filters or maps, is wrong (a gloss of an embedding's,
a feature's or a hidden size is a Conv1d's channels: not judged); a gloss with a part that speaks of them
is right; any other is not judged.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.signs import Gated

NEEDS = ("chan", "채널")
_ARG = Gated(("_chan", "chan"), r"(?<![A-Za-z])(in|out)_?chan+(?:n?els?|les?|s)?(?![A-Za-z])\s*"
             r"(?:=|:|\bis\b|\bmeans\b|은|는)\s*(?P<gloss>[^=]{3,120})$", re.I)
_DEPTH = re.compile(r"channel|depth|filters?(?!\s*(?:size|width|크기))|feature\s*maps?|채널|깊이|"
                    r"필터\s*(?:수|개수|의\s*개수)|맵", re.I)
_SIDE = re.compile(r"width|height|side|resolution|pixels?|너비|높이|가로|세로|해상도|"
                   r"(?:image|map|spatial|이미지|맵)\s*(?:의\s*)?(?:size|크기)", re.I)
_SIZE = re.compile(r"^[\w\s]{0,20}(?:size|크기)\s*$", re.I)  # "input size": of what, unsaid
# an embedding's, a sequence's or a feature vector's size is a Conv1d's or Linear's channels
_FEATURE = re.compile(r"embed|feature|hidden|dim|vector|token|sequence|word|특징|임베딩|차원",
                      re.I)
_EXAMPLE = re.compile(r"\d|^\W*[A-Za-z가-힣]{0,2}\W*$")  # "28 for MNIST": a value, not a gloss
_PARTS = re.compile(r"\s*(?:/|,|;|\bor\b|또는)\s*", re.I)


def check_line(number: int, masked: str) -> list[Claim]:
    m = _ARG.search(masked)
    if m is None:
        return []
    gloss = m.group("gloss").strip()
    parts = [p for p in _PARTS.split(gloss) if p.strip()]
    which = "in_channels" if m.group(1).lower() == "in" else "out_channels"
    truth = ("the depth (channels) of the map the conv reads" if which == "in_channels"
             else "the number of filters, the depth of the map it gives")
    if _FEATURE.search(gloss) and not _DEPTH.search(gloss):
        return []
    if any(_DEPTH.search(p) for p in parts):
        verdict = "right"
    elif all(_SIDE.search(p) or _EXAMPLE.search(p) or _SIZE.match(p) for p in parts) and \
            any(_SIDE.search(p) and not _EXAMPLE.search(p) for p in parts):
        verdict = "wrong"
    else:
        return []
    return [Claim(number, f"{which} = {gloss[:60]}", "model", gloss[:60], truth, verdict,
                  f"Conv2d(in_channels, out_channels, kernel_size): {which} is {truth}, "
                  "not a side of the map", (), "" if verdict == "right" else truth,
                  confidence=0.8)]
