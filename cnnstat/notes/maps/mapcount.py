"""A count of feature maps written beside the map itself: the count is the map's channels.

Walkthroughs of LeNet and its kin say how many maps a layer takes or gives and write the
tensor beside it::

    1. 6장의 feature map(16x10x10)을 입력          (16 maps: the count says 6)
    C5 input: feature map 16장(16x5x5)             (right; "16 channels (16x5x5)" too)
    S4 takes 16 feature maps (16x10x10)           (right)
    10x10x16 크기의 feature map 16장               (the count after the map)
    480장의 14 x 14 특성맵(14 x 14 x 480)            (each map's size between: right)

The last side of a size is no count (``14 x 14 특성맵(14 x 14 x 16)``: maps of 14 x 14),
nor a count that goes on to name what it counts (``16 x 16 x 8 특성맵을 48개의 필터로``).
The tensor is read as written, channels first or last: the side that is not one of the
two equal sides is the channels (``16x10x10``, ``10x10x16``). A tensor whose three sides
all differ, or all agree with another reading, is not judged; nor one a filter or kernel
word, ``each``/``각`` or an input word inside the brackets makes something else than the
counted maps (``16 maps (from 6x14x14)``, ``6 feature maps (5x5x6 filters)``).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.signs import Gated

NEEDS = ("map", "맵", "channel", "채널")
_MAPS = r"(?:feature\s*maps?|activation\s*maps?|특성\s*맵|특징\s*맵|피처\s*맵|maps?\b|channels?\b|채널)"
_TENSOR = (r"([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})"
           r"(?![0-9]|\s*[x×X*]\s*[0-9])")
# the size of each map between the count and the word: "480장의 14 x 14 사이즈의 특성맵"
_SIZE = (r"(?:[0-9]{1,4}\s*[x×X*]\s*[0-9]{1,4}\s*(?:크기|사이즈|size)?\s*(?:의\s*)?"
         r"(?=[^0-9x×X*\s]))?")
# "6장의 feature map(16x10x10)", "6 feature maps (16x10x10)", "6 maps of size 10x10x16"
_BEFORE = Gated(NEEDS, r"(?<![0-9.,x×X*+])(?<![x×X*]\s)(?<![x×X*]\s\s)([0-9]{1,4})\s*(?:장|개)?\s*(?:의\s*)?" + _SIZE + _MAPS +
                r"\s*(?:\(\s*|\[\s*|of\s+(?:size\s+)?|:\s*)" + _TENSOR + r"\s*[)\]]?", re.I)
# "10x10x16 크기의 feature map 16장", "(16x5x5) feature map 16개"
_AFTER = Gated(NEEDS, r"\(?\s*" + _TENSOR + r"\s*\)?\s*(?:크기|사이즈|size)?\s*(?:의|인)?\s*"
               r"" +
               _MAPS + r"\s*(?:을|를|이|가)?\s*([0-9]{1,4})\s*(?:장|개)(?![0-9]|\s*의)", re.I)
# "feature map 6장(16x10x10)": the count after the word, the tensor after it
_WORD_FIRST = Gated(NEEDS, _MAPS + r"\s*([0-9]{1,4})\s*(?:장|개)\s*(?:의\s*)?\(\s*" + _TENSOR +
                    r"\s*\)", re.I)
# what makes the tensor something else than the maps counted
_OTHER = re.compile(r"filter|kernel|weight|필터|커널|가중치|each|per\b|각|input\s+(?:of|to)"
                    r"|from|에서|→|->|=>|\bto\b|becomes", re.I)


def _channels(a: int, b: int, c: int) -> int | None:
    """The channels of a tensor written ``a x b x c``: the side apart from two equal ones
    (channels first or last); None where that cannot be told."""
    if b == c and a != b:
        return a
    if a == b and c != a:
        return c
    if a == b == c:
        return a
    return None


def check_line(number: int, masked: str) -> list[Claim | Skip]:
    out: list[Claim | Skip] = []
    found = [(m, 1, 2) for m in _BEFORE.finditer(masked)] + \
        [(m, 4, 1) for m in _AFTER.finditer(masked)] + \
        [(m, 1, 2) for m in _WORD_FIRST.finditer(masked)]
    for m, count_at, dims_at in found:
        dims = tuple(int(m.group(dims_at + i)) for i in range(3))
        count = int(m.group(count_at))
        # the clause around it: a filter's volume, "each", an input it comes from
        lo = masked.rfind(",", 0, m.start()) + 1
        near = masked[max(lo, m.start() - 24):m.end() + 12]
        if _OTHER.search(near) or not count:
            continue
        c = _channels(*dims)
        tensor = "x".join(map(str, dims))
        text = f"{count} feature maps beside {tensor}"
        if c is None:
            out.append(Skip(number, text, "unsure: the tensor's channels cannot be told"))
            continue
        if c == 1 < count:  # "6개의 Activation Map(28x28x1)": each map, one channel deep
            out.append(Skip(number, text, "unsure: a tensor one channel deep is each map's"))
            continue
        edits = (Edit(number, m.start(count_at), m.end(count_at), str(c)),) if c != count else ()
        out.append(Claim(number, text, "shape", str(count), c,
                         "right" if c == count else "wrong",
                         f"the maps counted are the channels of the {tensor} written beside them",
                         edits, str(c)))
    return out
