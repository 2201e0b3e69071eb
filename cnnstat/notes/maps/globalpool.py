"""A global pooling in prose: a map taken to ``1 x 1`` by an average (or max) pooling that
names no window, ``to go from a 7x7x1024 volume to a 1x1x1024 volume``, ``collapse your
representation from 7 by 7 by 1,000 ... you get 1 by 1 by 1,000``, ``GAP으로 7x7x512를
1x1x512로``. A pooling over the whole map leaves one value per channel and keeps the
channels (``cnnstat.layers``: a pooling's output has its input's channels): the output is
right where it is ``1 x 1`` with the input's channels, wrong where its channels differ and
the line names no other layer (a conv, a fully connected or dense layer, a flatten, a
classifier, filters) that may change them.

Read where the line names a pooling and no window (no ``k x k`` beside it: ``shapes``
reads those), the input and the output are the line's two three-sided maps, in that order
(``from``/``to``, an arrow, ``into``, ``get``, ``로``), and the second is ``1 x 1``.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit

NEEDS = ("pool", "Pool", "POOL", "GAP", "풀링")
_POOL = re.compile(r"(?:average|avg|mean|global|max)[\s_-]*pool\w*|global\s+\w+\s+pool\w*|"
                   r"(?<![A-Za-z])gap(?![A-Za-z])|전역\s*(?:평균\s*)?풀링|평균\s*풀링|글로벌\s*\w*\s*풀링", re.I)
_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,5}"
_SEP = r"(?:\s*[x×X*]\s*|\s+by\s+)"  # (a masked "\*" is " *")
# H x W x C (``filtercount`` too): "7x7x1024", "7 by 7 by 1,000", "(14 *14 *64)"
MAP = re.compile(rf"(?<![0-9.,])({_NUM}){_SEP}({_NUM}){_SEP}({_NUM})(?![0-9]|\.[0-9]|{_SEP}[0-9])")
_WINDOW = re.compile(r"(?<![0-9.,])[0-9]{1,2}\s*[x×X*]\s*[0-9]{1,2}(?!\s*[x×X*]\s*[0-9])")
_OTHER = re.compile(r"conv|fully|\bfc\b|dense|linear|flatten|classifier|softmax|\bfilters?\b|"
                    r"kernels?|reduc\w*\s+(?:the\s+)?channels|합성곱|완전\s*연결|필터|커널", re.I)
# what joins the input to the output: "from A to B", "A → B", "A into B", "you get B"
_JOIN = re.compile(r"\b(?:to|into|get|gives?|becomes?|yields?|leaves?)\b|→|->|=>|로|으로|가\s*된", re.I)


def _value(text: str) -> int:
    return int(text.replace(",", ""))


def check_line(number: int, masked: str) -> list[Claim]:
    if not _POOL.search(masked):
        return []
    maps = list(MAP.finditer(masked))
    if len(maps) != 2:
        return []
    a, b = maps
    if _WINDOW.search(masked[:a.start()] + " " * (b.end() - a.start()) + masked[b.end():]):
        return []  # a window beside the pooling: a pooling of its own size, not global
    if not _JOIN.search(masked, a.end(), b.start()) and not _JOIN.search(masked, b.end(),
                                                                         b.end() + 8):
        return []
    src = tuple(_value(a.group(i)) for i in (1, 2, 3))
    dst = tuple(_value(b.group(i)) for i in (1, 2, 3))
    if src[0] != src[1] or src[0] <= 1 or dst[:2] != (1, 1):
        return []
    text = f"{src[0]}x{src[1]}x{src[2]} → global pooling → 1x1x{dst[2]}"
    ok = dst[2] == src[2]
    if not ok and _OTHER.search(masked):
        return []  # another layer on the line may change the channels
    edits = () if ok else (Edit(number, b.start(3), b.end(3), b.group(3).replace(
        str(dst[2]), str(src[2])) if "," not in b.group(3) else f"{src[2]:,}"),)
    return [Claim(number, text, "shape", f"1x1x{dst[2]}", f"1x1x{src[2]}",
                  "right" if ok else "wrong",
                  "a pooling over the whole map leaves 1x1 and keeps the channels", edits,
                  f"1x1x{src[2]}")]
