"""The words around a line's sizes and kernels that ``shapes.check_line`` reads: a
correction of the output just stated ("but it should be 15x15", "6x6이어야 한다"), how
many times a kernel applies ("two 3x3 convs", "두 번"), and a conv made dilated ("dilation
2", "atrous rate 6") or transposed ("transposed conv", "전치 합성곱").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cnnstat.notes.maps.shapejudge import Kernel
    from cnnstat.notes.maps.shapeitems import Item

# a correction of the output just stated, for the same step: "gives 14x14, but it should
# be 15x15", "the answer is expected to be ...", "... 15x15여야 한다", "15x15가 맞다"
_SHOULD = re.compile(r"\b(?:should|must|would|ought\s+to)\s+(?:have\s+)?be(?:en)?(?:\s+of)?"
                     r"(?:\s+(?:size|dimension)s?)?\s*\W{0,2}$|\bexpected\b[^.]{0,20}$", re.I)
_SHOULD_KO = re.compile(r"^\s*\)?\s*(?:이|가)?\s*(?:여야|이어야|돼야|되어야|되야|나와야|맞)")
_IF = re.compile(r"\b(?:if|with|using|when|unless|not|inputs?)\b|만약|라면|입력|"
                 r"\b(?:stride|pad|kernel|filter)", re.I)
_DILATED = re.compile(r"dilat|atrous|팽창", re.I)
_DILATION = re.compile(r"(?:dilation|dilated|atrous|팽창)\s*(?:rate|factor|비율)?\s*"
                       r"(?:of|=|:|는|가|은|을)?\s*(\d{1,2})(?![\d.x×*])|\brate\s*[=:]?\s*(\d{1,2})\b", re.I)
_TRANSPOSED = re.compile(r"transpose|deconv|up-?conv|fractionally|전치|역\s*합성곱", re.I)
_TIMES = re.compile(r"(한|두|세|네|다섯|\d+)\s*번|\b(once|twice|thrice)\b|(\d+)\s*times", re.I)
_KOREAN_COUNT = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5}
_ENGLISH_COUNT = {"once": 1, "twice": 2, "thrice": 3}

_ARROW = re.compile(r"^\s*(?:→|->|=>|⇒|-->)\s*$")
_HOW_MANY = re.compile(r"(?:\b(one|two|three|four|five|[1-5])|(한|두|세|네|다섯))\s+"
                       r"(?:(?:stacked|consecutive|successive|연속(?:된|으로)?)\s+)?$", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
# a count of the layer before its window: "3 stages of 2x2 pooling", "two rounds of 3x3
# conv", "세 번의 2x2 풀링"; or right before it with the layer's word after ("two 3x3 convs",
# never "16 3x3 filters": filters are counted, not repeated)
_LAYER_NOUNS = "|".join(("stages?", "rounds?", "levels?", "steps?", "times", "layers?",
                         "blocks?", "poolings?", "convs?", "convolutions?"))
_REPEATS = re.compile(r"(?:\b([2-6]|two|three|four|five|six)\s+(?:(?:stacked|consecutive|"
                      r"successive|more)\s+)?(?:" + _LAYER_NOUNS + r")\s+(?:of\s+)?"
                      r"(?:(?:a|an|the)\s+)?|(한|두|세|네|다섯|[2-6])\s*(?:번|차례|단계)의?\s+)$",
                      re.I)
# the layer's word after a bare count ("two 3x3 convs"), not its filters' ("three 5x5
# convolution filters")
_REPEATED_AFTER = re.compile(r"\s*(?:max\s*|average\s*|avg\s*)?(?:pool\w*|conv\w*)\b(?!\s*(?:"
                             r"filters?|kernels?|channels?|maps?|필터|커널))", re.I)
_BARE_COUNT = re.compile(r"\b(two|three|four|five|[2-6])\s+$", re.I)


def repeats(masked: str, start: int, end: int) -> int | None:
    """How many times a count before a window says its layer applies, or None."""
    before = masked[max(0, start - 40):start]
    m = _REPEATS.search(before)
    if m is None:
        m = _BARE_COUNT.search(before)
        if m is None or not _REPEATED_AFTER.match(masked, end):
            return None
    word = next(g for g in m.groups() if g)
    return int(word) if word.isdecimal() else _WORDS.get(word.lower()) or \
        {"six": 6}.get(word.lower()) or _KOREAN_COUNT.get(word)


def steps(masked: str, found: list[Item], last: list[Kernel], dst: Item
          ) -> tuple[int | None, bool]:
    """How many times the kernel stated before a chain of sizes applies in one of its
    steps: once, or its count ("two 3x3 convs") when the chain has one step; None when a
    count says neither (not judged). The flag: a count says so (without one, a step the
    kernel does not give may have another layer in it)."""
    kern = next((it for it in found if it.kind == "kernel"), None)
    if kern is None or len(last) != 1:
        return None, False
    m = _HOW_MANY.search(masked[max(0, kern.start - 30):kern.start])
    if m is None:
        return 1, False
    n = _WORDS.get((m.group(1) or "").lower()) or (int(m.group(1)) if m.group(1) and
                                                  m.group(1).isdigit() else
                                                  _KOREAN_COUNT.get(m.group(2) or ""))
    after = [it for it in found if it.kind == "size" and it.start > kern.end]
    steps = [b for a, b in zip(after, after[1:]) if _ARROW.match(masked[a.end:b.start])]
    if n == len(steps):
        return 1, True
    return (n if steps == [dst] else None), True


def spread(masked: str, settings: list[Kernel]) -> list[Kernel] | None:
    """The line's one conv made dilated ("dilation 2", "atrous rate 6") or transposed as
    its words say; None where that conv is not one, or a dilation's number is not read."""
    dilated, transposed = _DILATED.search(masked), _TRANSPOSED.search(masked)
    if not dilated and not transposed:
        return settings
    convs = [k for k in settings if not k.pool]
    if len(convs) != 1:
        return None
    d = 1
    if dilated:
        rates = {int(g) for m in _DILATION.finditer(masked) for g in m.groups() if g}
        if len(rates) != 1:
            return None
        d = rates.pop()
    return [k._replace(dilation=d, transposed=bool(transposed)) if not k.pool else k
            for k in settings]


def corrects(between: str, after: str) -> bool:
    """Whether a size is written as the output the step just judged should give (a
    correction, itself a claim), with nothing that changes the step between."""
    if len(between) > 60 or _IF.search(between):
        return False
    return bool(_SHOULD.search(between) or _SHOULD_KO.match(after))


def count(text: str) -> int | None:
    m = _TIMES.search(text)
    if not m:
        return None
    if m.group(1):
        word = m.group(1)
        return int(word) if word.isdigit() else _KOREAN_COUNT.get(word)
    if m.group(2):
        return _ENGLISH_COUNT[m.group(2).lower()]
    return int(m.group(3))


def padded_shown(kern, setting, sizes):
    """A padding the line shows applied before the kernel (``p=1: 6x6 becomes 8x8, then a
    3x3 filter gives 6x6``): the kernel runs on the padded map, with none of its own."""
    p = setting.padding
    before = [it.n for it in sizes if it.end <= kern.start]
    if isinstance(p, int) and p > 0 and any(b == a + 2 * p for a, b in zip(before, before[1:])):
        return setting._replace(padding=0)
    return setting


# what says a size after a kernel is the layer's output: an arrow, an equals sign, a verb
_OUTPUT_SAID = re.compile(r"→|->|=>|⇒|=|\b(?:gives?|gets?|outputs?|produces?|yields?|results?|"
                          r"becomes?|leaves?|returns?|to|into|maps?|reduces?|shrinks?)\b|"
                          r"출력|나오|나온|되|만들", re.I)


def kernel_restated(masked: str, found: list[Item], src: int, dst: Item) -> bool:
    """A size the size of the kernel before it, which no arrow, sign or verb makes that
    kernel's output: the kernel's own window named again, not a map ("64 filters of
    3x3x3 (3x3 spatial, 3 channels)", "5x5x16 kernels, i.e. 5x5 windows over 16 maps");
    or the same size on both sides ("filters of shape 3 * 3, ie. (3*3)")."""
    before = [it for it in found if it.kind == "kernel" and it.end <= dst.start]
    if not before or before[-1].n != dst.n:
        return False
    return src == dst.n or _OUTPUT_SAID.search(masked, before[-1].end, dst.start) is None


_POOL_WORD = re.compile(r"pool|풀링|subsampling", re.I)
_CONV_NAMED = re.compile(r"conv|합성곱|컨볼루션|콘볼루션", re.I)


def other_kind(between: str, pools: bool) -> bool:
    """``…를 해서 27x27x256, 다시 pooling 해서 13x13x256``: the words before a size name a
    layer of the other kind than the last (a pooling after a conv, a conv after a
    pooling): "again" is that layer's, not the last one's repeated."""
    return bool(_CONV_NAMED.search(between)) if pools else bool(_POOL_WORD.search(between))
