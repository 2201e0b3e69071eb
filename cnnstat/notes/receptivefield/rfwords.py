"""The receptive field of a stack stated in words: "two stacked 3x3 convs have the receptive
field of one 5x5", "three 3x3 conv layers see a 7x7 region", "3x3 conv 두 개를 쌓으면 5x5
하나와 같은 receptive field", "3 x 3 필터 2개 = 5 x 5 필터 1개", "3개의 $3 \times 3$ filters는
1개의 $7 \times 7$ filter와 같은 receptive field".

A line is read when it speaks of a receptive field (or of the region a stack sees, or of
one layer it "replaces"/"equals") and writes one count of stacked square kernels (a word
or a digit, before the kernel or after it with 개) and one other square, the field claimed
(written once, or again with the same sides).
The stack is stride 1 (``stride`` written otherwise: not read) and not dilated; its field
grows by the analysis's rule (``cnnstat.analysis.grow``: r + (k - 1)·j), so n layers of
k x k see n·(k - 1) + 1.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_FIELD = re.compile(r"receptive|\bRF\b|수용\s*(?:영역|장)|(?:see|sees|cover|covers)\s+(?:an?\s+|the\s+"
                    r"same\s+)?(?:[0-9]+\s*[x×]\s*[0-9]+\s+)?(?:region|area|patch|window)|"
                    r"(?:equivalent|same)\s+(?:to|as)\s+(?:one|a|an|single)|replaces?\s+(?:one|a|an)|"
                    r"하나와\s*(?:같|동일)|하나(?:를|의)\s*(?:대체|효과)|"
                    # "3x3 필터로 두차례 컨볼루션 = 5x5 필터로 한번", "two 3x3 convs = one 5x5"
                    r"=\s*(?:one|a\s+single|a)\s+[0-9]{1,2}\s*[x×]|=\s*[0-9]{1,2}\s*[x×]\s*[0-9]{1,2}\s*"
                    r"\w{0,12}\s*(?:로|으로)?\s*(?:한\s*(?:번|차례)|하나|once|1\s*(?:개|번))", re.I)
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "두": 2, "세": 3,
           "네": 4, "다섯": 5, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_SQUARE = r"([0-9]{1,2})\s*(?:[x×]|\\times)\s*([0-9]{1,2})(?![0-9]|\s*[x×]\s*[0-9])"
_LAYER = r"(?:conv\w*|convolutions?|layers?|filters?|kernels?|합성곱|컨볼루션|필터|커널|층|레이어)"
# "two stacked 3x3 convs", "three 3x3 conv layers", "a stack of two 3x3 convolutions"
# "3 layers of 3x3 = receptive field of 7x7": after "layers of", the layer word may be left out
STACK_EN = re.compile(r"(?<![A-Za-z0-9])(two|three|four|five|six|[2-6])\s+(?:stacked\s+|"
                       r"consecutive\s+|successive\s+)?(?:(?:conv\w*\s+)?layers\s+of\s+" +
                       _SQUARE + r"(?:\s*" + _LAYER + r")?|" + _SQUARE + r"\s*" + _LAYER + ")",
                       re.I)
# "3x3 conv 두 개", "3x3 필터 3개를 쌓으면", "3x3 conv layers, three of them"
# "3x3 필터로 두차례", "3x3 이 두 번" (the layer word left out)
_STACK_KO = re.compile(r"(?<![0-9])" + _SQUARE + r"\s*(?:" + _LAYER + r"\s*)?(?:층\s*)?"
                       r"(?:을|를|로|으로|이|가)?\s*(두|세|네|다섯|[2-6])\s*(?:개|번|층|차례|회)", re.I)
# "3개의 3×3 filters", "3개의 $3 \times 3$ filters" (the count first, with 개의)
_STACK_KO_FIRST = re.compile(r"(?<![0-9])(두|세|네|다섯|[2-6])\s*개의\s*¦?\s*" + _SQUARE +
                             r"\s*¦?\s*" + _LAYER, re.I)
_ONE = re.compile(r"(?<![0-9x×])" + _SQUARE, re.I)
STRIDED = re.compile(r"stride\s*(?:of\s*|=\s*|:\s*)?[2-9]|dilat|atrous|pool|팽창", re.I)


# what a line needs for ``_FIELD`` (the reader's prefilter)
NEEDS = ("receptive", "rf", "수용", "region", "area", "patch", "window", "equivalent", "same",
         "replace", "하나", "한번", "한 번", "한차례", "once", "= one", "= a", "1개", "1 개",
         "1번")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def stack_field(n: int, k: int) -> int:
    """The receptive field of ``n`` stacked k x k stride-1 layers, by the analysis's rule
    (``cnnstat.analysis.grow``): n·(k - 1) + 1."""
    from cnnstat.analysis import grow

    rf, jump = (1, 1), (1, 1)
    for _ in range(n):
        rf, jump = grow(rf, jump, ((k, k), (1, 1)))
    return rf[0]


def check_line(number: int, masked: str) -> list[Claim]:
    """The line's one stack and field; where the line holds more, the one sentence
    that speaks of the field and holds exactly them."""
    if not _FIELD.search(masked):
        return []
    got = _stack(number, masked) if not STRIDED.search(masked) else None
    if got is not None:
        return got
    said = [s for s in _SENTENCE.split(masked) if _FIELD.search(s)]  # a pooling's stride
    got = _stack(number, said[0]) if len(said) == 1 and said[0] != masked and \
        not STRIDED.search(said[0]) else None  # in another sentence is another layer's
    return got or []


def _stack(number: int, masked: str) -> list[Claim] | None:
    stacks = [(m, m.group(1), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5)))
              for m in STACK_EN.finditer(masked)]
    stacks += [(m, m.group(3), int(m.group(1)), int(m.group(2)))
               for m in _STACK_KO.finditer(masked)]
    stacks += [(m, m.group(1), int(m.group(2)), int(m.group(3)))
               for m in _STACK_KO_FIRST.finditer(masked)]
    if len(stacks) != 1:
        return None
    m, count, kh, kw = stacks[0]
    n = COUNTS.get(count.lower())
    if n is None or kh != kw or kh < 2:
        return None
    others = {int(o.group(1)) for o in _ONE.finditer(masked)
              if (o.end() <= m.start() or o.start() >= m.end()) and o.group(1) == o.group(2)}
    if len(others) != 1:  # one other square, maybe written twice ("a 7x7 region ... 7x7 conv")
        return None
    claimed = others.pop()
    rf = (stack_field(n, kh),)
    text = f"{n} x {kh}x{kh} (stride 1) -> {claimed}x{claimed}"
    detail = f"receptive field of {n} stacked {kh}x{kh} stride-1 layers: {n}*({kh} - 1) + 1 " \
             f"= {rf[0]}"
    verdict = "right" if rf[0] == claimed else "wrong"
    return [Claim(number, text, "receptive field", f"{claimed}x{claimed}",
                  f"{rf[0]}x{rf[0]}", verdict, detail)]
