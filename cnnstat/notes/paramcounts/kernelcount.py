"""The parameters of a square kernel said in prose, once or stacked a few times:

    5x5 필터로 1회 연산을 수행하는 데 필요한 파라미터 개수는 25개입니다.     right: 5*5
    반면 3x3 필터로 2회 연산을 수행하는 데 필요한 파라미터 개수는 18개입니다.  right: 2*3*3
    A single 7x7 kernel has 49 weights, while three stacked 3x3 kernels have 27.

The argument for small kernels (VGG: Simonyan & Zisserman 2015, section 2.3) counts one
channel's weights: ``n`` kernels of ``k x k`` hold ``n·k·k`` (the layer algebra's count of a
one-channel, one-filter conv without bias, ``cnnstat.layers``, times ``n``), or ``n·(k·k +
1)`` with a bias each. Read a clause at a time (a kernel, a count of parameters, the words
for them; how many times the kernel is used, ``2회``, ``3번``, ``two``, ``three stacked``,
else once). Right where the count is one of these; wrong only where it is a multiple of
neither ``k·k`` nor ``k·k + 1`` (a count over several channels is a multiple: unsure).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.questions import asks

# a square kernel named as one: "3x3 필터", "5 x 5 kernels", "7x7 conv"
_KERNEL = re.compile(r"(?<![\d.x×])(\d{1,2})\s*[x×*]\s*(\d{1,2})(?![\d.]|\s*[x×*]\s*\d)\s*"
                     r"(?:크기의?\s*|사이즈의?\s*|size\s*|sized\s*)?"
                     r"(?:필터|filters?|kernels?|커널|conv\w*|합성곱)", re.I)
# a whole count (digit groups kept), no factor of a product nor a share, nor a symbol's
# coefficient (49C^2)
_COUNT = re.compile(r"(?<![\d.,x×*/])(\d{1,3}(?:,\d{3})*|\d+)(?![\d.,]\d|\d|\s*[x×*/%]|[A-Za-z_^(])\s*"
                    r"(?:개|parameters|params|weights)?")
_WORDS = {"once": 1, "twice": 2, "two": 2, "three": 3, "four": 4, "five": 5, "한": 1, "두": 2,
          "세": 3, "네": 4, "다섯": 5}
_PARAM = re.compile(r"param|weight|파라미터|가중치|매개\s*변수", re.I)
# how many times the kernel is used: "2회", "3번", "two", "세 번"
_TIMES = re.compile(r"(?<![\d.])(\d)\s*(?:회|번)|\b(once|twice|two|three|four|five)\b|"
                    r"(한|두|세|네|다섯)\s*(?:번|개|층)", re.I)
_CLAUSES = re.compile(r"(?<!\d),|,(?!\d{3})|;|\bwhile\b|\bwhereas\b|반면|\bbut\b|\band\b(?=\s+(?:a|an|one|two|"
                      r"three|\d))", re.I)
# a count said of the kernel: "has 49", "are 27", "= 18", "는 25"
_HAS = re.compile(r"(?:ha(?:ve|s)|need(?:s)?|hold(?:s)?|is|are|=|:|는|은|가|이)\s*$", re.I)
# a count right after the kernel's own word counts kernels: "3x3 필터 8개", "filters: 8",
# "3x3 conv를 2개 쓰면" (the object's particle: kernels used, not parameters)
_FILTERS = re.compile(r"(?:필터|filters?|kernels?|커널|channels?|채널|conv\w*|합성곱)\s*"
                      r"(?:[:=]|는|은|가|이|를|을)?\s*$", re.I)
_SETTING = re.compile(r"(?:stride|padding|pad|dilation|스트라이드|패딩)\s*(?:of|=|:)?\s*$", re.I)
# words of channels or filters beside the kernel: the count may be over them
_CHANNELS = re.compile(r"channel|채널|rgb|depth|깊이|filters|필터\s*\d|input|입력", re.I)
# a count of some thing, not of parameters: "3개의 Convolution을 쌓으면", "3 convolutions"
_OF_THING = re.compile(r"\s*개\s*의\s*(?!파라미터|가중치|매개|param|weight)[A-Za-z가-힣]|"
                       r"\s*(?:conv\w*|layers?|filters?|kernels?|blocks?)\b", re.I)
NEEDS = ("x", "×", "*")


def _weights(k: int) -> int:
    from cnnstat.layers import KINDS

    return KINDS["conv"].make({"out": 1, "kernel": k, "bias": False}).apply((1, k, k)).params


def check_line(number: int, text: str) -> list[Claim | Skip]:
    if not _PARAM.search(text) or "=" in text or asks(text):
        return []  # a worked equation ("2 x 3 x 3 = 18") is the arithmetic's; a question's
    out: list[Claim | Skip] = []
    for clause in _CLAUSES.split(text):
        kernels = list(_KERNEL.finditer(clause))
        if len(kernels) != 1 or kernels[0].group(1) != kernels[0].group(2):
            continue
        k = int(kernels[0].group(1))
        rest = clause[:kernels[0].start()] + " " * (kernels[0].end() - kernels[0].start()) + \
            clause[kernels[0].end():]
        times = list(_TIMES.finditer(rest))
        n = 1
        if len(times) == 1:
            t = times[0]
            n = int(t.group(1)) if t.group(1) else _WORDS[(t.group(2) or t.group(3)).lower()]
        spans = [t.span() for t in times]
        counts = [m for m in _COUNT.finditer(rest)
                  if not any(a <= m.start(1) < b for a, b in spans) and m.group(1) != "0" and
                  not _SETTING.search(rest[:m.start(1)]) and not _OF_THING.match(rest, m.end(1))]
        said = [m for m in counts if not _FILTERS.search(clause[:m.start(1)]) and (
            m.group(0).rstrip()[-1:].isalpha() or _HAS.search(rest[:m.start(1)]))]
        if len(said) != 1 or len(times) > 1:
            continue
        others = len(counts) > 1 or _CHANNELS.search(rest) or re.search(r"[=*×/+]", rest)
        got = int(said[0].group(1).replace(",", ""))
        one = _weights(k)
        text_ = " ".join(clause.split())[:120]
        if got in (n * one, n * (one + 1)):
            out.append(Claim(number, text_, "params", f"{got:,}", got, "right",
                             f"{n} kernel{'s' if n > 1 else ''} of {k}x{k}: {n} x {one}"
                             f"{' (+ a bias each)' if got != n * one else ''} = {got:,}",
                             confidence=0.8))
        elif got % one and got % (one + 1) and not others:
            want = n * one
            out.append(Claim(number, text_, "params", f"{got:,}", want, "wrong",
                             f"{n} kernel{'s' if n > 1 else ''} of {k}x{k} hold {n} x {one} = "
                             f"{want:,} weights a channel ({n * (one + 1):,} with biases); "
                             f"{got:,} is no count of {k}x{k} kernels", confidence=0.8))
        else:
            out.append(Skip(number, text_, "unsure: a multiple of a kernel's count (over "
                                           "several channels or kernels?)"))
    return out


__all__ = ["check_line", "NEEDS"]
