"""The values one output of a conv is computed from, or one filter's weights, told as a
product ``k·k·C`` in the sentence that sets the conv out:

    There are 16 kernels, each taking 6 channels; any value of the 16 output channels
    combines 5 * 5 * 16 values.                      wrong: a window spans 5*5*6 = 150
    32 filters on 64 input channels: each filter holds 3x3x64 weights.        right

A filter spans its k x k window over every input channel: one output value is computed
from ``k·k·C_in`` values, with as many weights (the layer algebra's weights of a conv
with one filter, ``cnnstat.layers``). The product is said of one output or one filter
(``each``, ``any``, ``a single``, ``per``, ``하나``, ``당`` before it in its clause) and of
values, inputs or weights (the word after it). The conv is the one the line sets out up to the product: its
filters (``16 kernels``, ``32 3x3 filters``) and its input channels (``6 channels``, ``a
64-channel input``, ``an input of 14x14x16``; a count of channels equal to the filters is
the output's); two counts of filters, or two of input channels, set out no one conv.
Right where the product's depth is the input channels; wrong where it is the filters
(the output channels put for the input's) and the two differ; nothing otherwise. A
depthwise or grouped conv, whose filters span fewer channels, is not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.paramcounts.proseconv import prose_conv

NEEDS = ("value", "input", "weight", "number", "pixel", "element", "activation", "값", "가중치",
         "입력")  # one is in every product's noun
CONFIDENCE = 0.8

_PRODUCT = re.compile(r"(?<![\d.,x×*·])(\d{1,2})\s*[x×*·]\s*(\d{1,2})\s*[x×*·]\s*(\d{1,5})"
                      r"(?![\d.,]\d|\d|\s*[x×*·]\s*\d)(?P<result>\s*=\s*[\d,]+)?\s*"
                      r"(?:(?:input\s+|incoming\s+|distinct\s+)?(?:values|inputs|weights|numbers|"
                      r"pixels|elements|activations)\b|개의?\s*(?:값|가중치|입력))", re.I)
# said of one output value or one filter, in the clause before the product
_ONE = re.compile(r"\b(?:each|any|every|one|a\s+single|per)\s+(?:\w+\s+){0,2}?"
                  r"(?:values?|units?|neurons?|pixels?|positions?|outputs?|filters?|kernels?)\b|"
                  r"(?:출력|값|필터|커널)\s*(?:하나|한\s*개|당)|(?:각|하나의)\s*(?:출력|값|필터|커널)", re.I)
_CLAUSE = re.compile(r"[;.]\s|,\s*(?:so|thus|hence|and|while)\b|\bwhile\b", re.I)
_FILTERS = re.compile(r"(?<![\d.,x×*])(\d{1,4})\s+(?:\d{1,2}\s*[x×]\s*\d{1,2}\s+)?"
                      r"(?:conv\w*\s+)?(?:kernels|filters)\b|(?:필터|커널)\s*(\d{1,4})\s*개|"
                      r"(\d{1,4})\s*개의?\s*(?:필터|커널)", re.I)
_CHANNELS = re.compile(r"(?<![\d.,x×*])(\d{1,5})(?:\s+(?:input\s+|output\s+)?channels\b|"
                       r"-channels?\b|\s*개의?\s*(?:입력\s*)?채널|\s*채널)", re.I)
_MAP_IN = re.compile(r"(?<![\d.,x×*])(\d{1,4})\s*[x×*]\s*\1\s*[x×*]\s*(\d{1,5})\s*"
                     r"(?:inputs?|images?|pictures?|(?:feature\s+)?maps?|volumes?|입력)", re.I)
_OTHER_CONV = re.compile(r"depth\s*-?\s*wise|group|separable|dilat|transpose|pointwise|"
                         r"1\s*[x×]\s*1\b", re.I)


def _conv(masked: str) -> tuple[int, int] | None:
    """(filters, input channels) of the one conv the line sets out."""
    got = prose_conv(masked)
    if got is not None:
        return got[0], got[2]
    filters = {int(next(g for g in m.groups() if g)) for m in _FILTERS.finditer(masked)}
    if len(filters) != 1:
        return None
    n = filters.pop()
    ins = {int(m.group(1)) for m in _CHANNELS.finditer(masked)} - {n}
    ins |= {int(m.group(2)) for m in _MAP_IN.finditer(masked)}
    return (n, ins.pop()) if len(ins) == 1 else None


def _window(c_in: int, k: int) -> int:
    from cnnstat.layers import KINDS

    return KINDS["conv"].make({"out": 1, "kernel": k, "bias": False}).apply((c_in, k, k)).params


def check_line(number: int, masked: str) -> list[Claim]:
    if _OTHER_CONV.search(masked):
        return []
    found = [m for m in _PRODUCT.finditer(masked) if m.group(1) == m.group(2)]
    if len(found) != 1:
        return []
    m = found[0]
    head = masked[:m.start()]
    starts = [c.end() for c in _CLAUSE.finditer(head)]
    if not _ONE.search(head[starts[-1] if starts else 0:]):
        return []
    conv = _conv(masked[:m.end()])  # the sentences up to the product (not an aside after)
    if conv is None:
        return []
    n, c_in = conv
    k, depth = int(m.group(1)), int(m.group(3))
    right = _window(c_in, k)
    product = " ".join(m.group(0)[:m.end(3) - m.start()].split())
    text = " ".join(masked.split())[:120]
    if depth == c_in:
        return [Claim(number, text, "params", product, right, "right",
                      f"a {k}x{k} window over the {c_in} input channels: {k}*{k}*{c_in} = "
                      f"{right:,}", confidence=CONFIDENCE)]
    if depth == n:
        return [Claim(number, text, "params", product, right, "wrong",
                      f"each of the {n} filters spans its {k}x{k} window over the {c_in} input "
                      f"channels: {k}*{k}*{c_in} = {right:,} values, not over the {n} output "
                      "channels", shown=f"{k} * {k} * {c_in}", confidence=CONFIDENCE)]
    return []


__all__ = ["check_line", "NEEDS", "CONFIDENCE"]
