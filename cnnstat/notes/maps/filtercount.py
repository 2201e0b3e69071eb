"""A count of filters and the map they give, on one line of prose: the map's channels are
the count (``cnnstat.layers``: a conv's output has one channel per filter, its weight out x
in x k x k)::

    The output, if you use 6 filters, would be 28 x 28 x 6         (right)
    ... will be 37x37x10, number 10 comes from the 10 filters we use (right)
    If you have 400 of these 5 by 5 by 16 filters, the output is 1 by 1 by 400
    2개의 필터가 존재해 결과적으로 4x4x2를 얻게 된다                     (right)
    (5*5*512)인 64장의 필터로 convolution을 진행하면 특성맵 (14*14*64)가 생성된다

The count is a number (or a number word) before ``filters``/``kernels``/``필터``/``커널``,
a kernel's product allowed between (``32 3x3 kernels``, ``400 of these 5 by 5 by 16
filters``), or one after the word with ``개``/``장`` (``필터 6개``). The map is a three-sided
product after a word of output (``output``, ``gives``, ``end up with``, ``will be``, ``출력``,
``결과``, ``얻``, ``생성``) and not a filter's own volume (``maps.filters``) nor one after a
word of input; its channels are the side apart from two equal ones (``mapcount``).

One count on the line, one map: right where the channels are the count. Where they differ
the line may speak of two layers, a grouped or split conv, a pooling's map after the conv:
wrong only where nothing on the line says so (no second layer, ``then``, ``1x1``, a
concatenation, a depthwise or grouped conv, GPUs, ``each``/``per``), else unsure. A map one
channel deep beside several filters (``6개의 필터 ... Activation Map(28x28x1)``) is one
filter's map: unsure.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.maps.globalpool import MAP
from cnnstat.notes.maps.mapcount import _channels

NEEDS = ("filter", "kernel", "Filter", "Kernel", "필터", "커널")
CONFIDENCE = 0.8  # the count and the map read from words around them, on one line
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "twelve": 12, "sixteen": 16, "twenty": 20, "thirty-two": 32,
          "sixty-four": 64}
_SEP = r"(?:\s*[x×X*]\s*|\s*\\\*\s*|\s+by\s+)"
_PRODUCT = rf"\(?\s*[0-9]{{1,2}}{_SEP}[0-9]{{1,2}}(?:{_SEP}[0-9]{{1,5}})?\s*\)?"
_FILTER = r"(?:filters?|kernels?)(?![A-Za-z])|필터|커널"
_NUMBER = r"[0-9]{1,4}|" + "|".join(sorted(_WORDS, key=len, reverse=True))
# "6 filters", "32 3x3 kernels", "400 of these 5 by 5 by 16 filters", "two different 3x3
# filters", "2개의 필터", "64장의 필터"; "필터 6개", "필터가 2개"
_COUNTS = re.compile("|".join((
    rf"(?<![0-9.,x×X*@/\w])(?<![x×X*]\s)(?<!by\s)({_NUMBER})(?![0-9])\s*(?:개|장)?\s*(?:의\s*)?"
    rf"(?:of\s+(?:these|those|the)\s+)?(?:different\s+)?"
    rf"(?:{_PRODUCT}\s*(?:크기의|의|인|짜리)?\s*)?(?:{_FILTER})",
    rf"(?:{_FILTER})\s*(?:를|을|가|이|:)?\s*([0-9]{{1,4}})\s*(?:개|장)(?![0-9]|\s*의)")), re.I)


def _any(*words: str) -> re.Pattern:
    return re.compile("|".join(words), re.I)


# the filters' own product: "filters of size 5x5x3", "each filter is 5x5x3", "필터 크기
# 3x3x64" before it; "5 by 5 by 16 filters", "(5*5*512)인 64장의 필터" after it
_OWN_BEFORE = _any(rf"(?:{_FILTER})\s*(?:of\s+)?(?:size|shape|크기|사이즈)?\s*"
                   rf"(?:is|are|of|=|:|는|은|가|이)?\s*\(?\s*$")
_OWN_AFTER = _any(rf"\s*\)?\s*(?:(?:크기|사이즈|size)\s*)?(?:의\s*|인\s*|of\s+)?"
                  rf"(?:[0-9]{{1,4}}\s*(?:개|장)?\s*(?:의\s*)?)?(?:{_FILTER})")
def _any(*words: str) -> re.Pattern:
    return re.compile("|".join(words), re.I)


# a word of output before the map, or after it ("(14*14*64)가 생성된다", "4x4x2 출력")
# (English words whole: "Given an input of 32x32x3" gives nothing)
_OUTPUT = _any(r"\b(?:outputs?|results?|gives?|giving|yields?|produces?|end\s+up|left\s+with|"
               r"will\s+(?:again\s+)?be|would\s+be|becomes?|activations?)\b",
               "출력", "결과", "얻", "생성", "나오", "나온")
_OUTPUT_AFTER = _any(r"\s*\)?\s*(?:가|이|를|을|으로|로|의)?\s*(?:생성|나오|나온|얻|출력|outputs?\b|"
                     r"volume\s+(?:results|comes\s+out))")
_INPUT = _any(r"(?:input|입력|\bon|\bgiven|\bfrom|\btake|에서)\s*(?:(?:is|of|was|a|an|the|size|"
              r"shape|image|images|volume|tensor|feature\s+map)\s+){0,3}\W{0,2}\s*$")
# what makes another channel count than the filters' possible on the line
_APART = _any("depthwise", "separable", "group", "gpu", "split", r"\beach\b", r"\bper\b",
              "channel-?wise", "concat", "branch", "inception", "transpos", "upsampl", "채널별",
              "그룹", "분기")
_TWO_LAYERS = _any(r"\bthen\b", r"\bnext\b", "followed", "after", "another", "second",
                   r"1\s*[x×]\s*1", r"\b(?:conv|layer|pool)\w*\s*[0-9]", "다음", "이후",
                   r"두\s*번째")


def _count(masked: str) -> tuple[int, int, int] | None:
    """The one count of filters on the line, and where it is written; None where none or
    several differ."""
    values = {}
    for m in _COUNTS.finditer(masked):
        g = 1 if m.group(1) else 2
        word = m.group(g).lower()
        n = _WORDS.get(word) or (int(word) if word.isdigit() else None)
        if n:
            values.setdefault(n, (m.start(g), m.end(g)))
    if len(values) != 1:
        return None
    (n, (a, b)), = values.items()
    return n, a, b


def check_line(number: int, masked: str) -> list[Claim | Skip]:
    if _APART.search(masked):
        return []
    got = _count(masked)
    if got is None:
        return []
    count, at, end = got
    maps = []
    for m in MAP.finditer(masked):
        if m.start() <= end and m.end() >= at or _OWN_BEFORE.search(masked, 0, m.start()) \
                or _OWN_AFTER.match(masked[m.end():m.end() + 20]):
            continue
        before = masked[max(0, m.start() - 60):m.start()]
        if _INPUT.search(before) or not (_OUTPUT.search(before) or
                                         _OUTPUT_AFTER.match(masked, m.end())):
            continue
        maps.append(m)
    if len(maps) != 1:
        return []
    m = maps[0]
    dims = tuple(int(m.group(i).replace(",", "")) for i in (1, 2, 3))
    c = _channels(*dims)
    if c is None or len(set(dims)) == 1:
        return []
    tensor = "x".join(map(str, dims))
    text = f"{count} filters → {tensor}"
    if c == count:
        return [Claim(number, text, "shape", tensor, tensor, "right",
                      "a conv gives one channel per filter", confidence=CONFIDENCE)]
    if c == 1 < count:  # "6개의 필터 ... 6개의 Activation Map(28x28x1)": one filter's map
        return [Skip(number, text, f"unsure: {tensor} is one channel deep, one filter's map "
                                   f"of the {count}")]
    if _TWO_LAYERS.search(masked):
        return [Skip(number, text, f"unsure: {count} filters give {count} channels; the line "
                                   "may speak of another layer")]
    side = 3 if dims[0] == dims[1] else 1
    want = "x".join(str(count if i == side else d) for i, d in enumerate(dims, 1))
    return [Claim(number, text, "shape", tensor, want, "wrong",
                  f"a conv gives one channel per filter: {count} filters, {count} channels",
                  (Edit(number, m.start(side), m.end(side), str(count)),), want,
                  confidence=CONFIDENCE)]
