"""A rule of thumb about what one layer does to a map's size, stated with no map::

    convolving with a 3x3 kernel reduces the size by 2 pixels in each dimension (if stride=2)
    a 5x5 conv without padding shrinks the image by 4 px
    3x3 필터로 합성곱을 하면 크기가 2씩 줄어든다
    a 2x2 max pooling with stride 2 halves the map         (by a factor of 2, 절반으로)

The layer is the one the sentence sets out (``walkthrough.describe``: its kind, window,
stride and padding); the rule is an amount taken off a side (``by 2 pixels``, ``loses 4
px``, ``2씩``, ``2만큼``) or a factor (``halves``, ``by half``, ``by a factor of 2``, ``절반``,
``1/2로``). Each is held against the layer algebra (``window_out``) over a range of input
sizes: a fixed amount holds only where every size loses that much (a stride of 1: ``k - 1 -
2p``); a factor is the layer's stride. A stride or padding not written is not guessed: the
usual defaults (a conv's stride 1, padding 0) make a rule right; a rule another setting
would make hold is unsure; one no setting makes hold is wrong. A sentence with a map of its
own (an example the shape readers judge), a question, or a layer whose sides are taken
apart (dilated, transposed), or an amount off ``each side`` (``양쪽``: a border or a
dimension?), is not read.
"""

from __future__ import annotations

import re

from cnnstat.layers.window import window_out
from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.questions import _SENTENCE, asks
from cnnstat.notes.maps.steps import _APART
from cnnstat.notes.maps.walkthrough import describe

NEEDS = ("reduc", "shrink", "decreas", "smaller", "lose", "loses", "halv", "half", "factor",
         "줄", "감소", "작아", "절반", "반으로", "take", "drop", "remov")
CONFIDENCE = 0.8  # a rule read from prose: the layer is the sentence's words
# an amount taken off: "reduces the image size by 2 pixels", "shrinks each side by 4"
_BY = re.compile(r"(?:reduc\w*|shrink\w*|decreas\w*|smaller|cut\w*|trim\w*)\s+(?:[\w-]+\s+){0,5}?"
                 r"by\s+(?:exactly\s+)?(\d{1,2})(?![\d.x×/%])\s*(?:px|pixels?|units?|rows?)?|"
                 r"(?:loses?|drops?|takes?\s+(?:away|off)?|removes?)\s+(\d{1,2})\s*"
                 r"(?:px|pixels?|rows?)", re.I)
_KO_BY = re.compile(r"(?<![\d.x×])(\d{1,2})\s*(?:픽셀|px|칸)?\s*(?:씩|만큼)\s*(?:\S+\s+){0,2}?"
                    r"(?:줄|감소|작아)")
# a factor: "halves", "by half", "by a factor of 2", "절반", "1/2로"
_FACTOR = re.compile(r"\bhalv\w*|(?:by|in)\s+half|by\s+a\s+factor\s+of\s+(\d)\b|절반|반으로|"
                     r"1\s*/\s*(\d)\s*(?:로|으로)", re.I)
# what else a layer reduces: its channels, its cost, its receptive field
_OTHER = re.compile(r"channel|depth|채널|param|weight|cost|comput|연산|flop|\bmacs?\b|memory|"
                    r"메모리|receptive|수용|[1-9]\s*[x×X*]\s*[0-9]{1,3}\s*[x×X*]\s*[0-9]", re.I)
# an amount taken off "each side" may be off each border (half the loss of a dimension)
_BORDER = re.compile(r"each\s+(?:side|border|edge)|(?:all|both)\s+(?:sides|borders|edges)|양쪽|"
                     r"양\s*옆|테두리|가장자리|상하좌우", re.I)
_PRODUCT = re.compile(r"(?<![\d.])(\d{1,4})\s*[x×X*]\s*(\d{1,4})(?![\d.])")
SIZES = range(16, 257)  # the input sizes a rule is held against


def _losses(k: int, s: int, p: int) -> set[int]:
    return {n - window_out(n, k, s, p) for n in SIZES}


def _fixed(k: int, pool: bool, stride: int | None, padding: int | str | None,
           amount: int) -> tuple[str, str]:
    """(verdict, the correct rule) for "takes ``amount`` off each side's size"."""
    if padding == "same":
        return ("right" if amount == 0 else "wrong"), "the size kept (same padding)"
    if stride is None and pool:
        return "skip", ""  # a pooling's stride is its window unless said: no fixed loss
    s = 1 if stride is None else stride
    p = 0 if padding is None else padding
    got = _losses(k, s, p)
    if got == {amount}:
        return "right", f"{amount}"
    if len(got) == 1:
        rule = f"{next(iter(got))} (k - 1 - 2p)"
    else:
        n = 32
        rule = f"no fixed amount with stride {s}: {n} → {window_out(n, k, s, p)}"
    if padding is None and 0 <= k - 1 - amount and (k - 1 - amount) % 2 == 0 and \
            stride in (None, 1):
        return "skip", rule  # another padding would make it hold
    return "wrong", rule


def _factor(k: int, pool: bool, stride: int | None, factor: int) -> tuple[str, str]:
    if stride is None:  # a conv's stride not said (stride 2 would halve), nor a pooling's
        # (its window by default, but a 3x3 pooling often strides by 2)
        return ("right", f"a factor of its window, {k}") if pool and k == factor else ("skip", "")
    s = stride
    return ("right" if s == factor else "wrong"), f"a factor of its stride, {s}"


def _one(number: int, sentence: str) -> Claim | None:
    if _APART.search(sentence) or _OTHER.search(sentence) or asks(sentence):
        return None
    by, ko, fac = _BY.search(sentence), _KO_BY.search(sentence), _FACTOR.search(sentence)
    if sum(x is not None for x in (by, ko, fac)) != 1 or fac is None and _BORDER.search(sentence):
        return None
    squares = [m for m in _PRODUCT.finditer(sentence)]
    if len(squares) > 1 or squares and squares[0].group(1) != squares[0].group(2):
        return None  # a map of its own: an example, not a rule
    lay = describe(sentence, loose=True)
    if lay is None or squares and int(squares[0].group(1)) != lay.k:
        return None
    what = f"{'pool' if lay.pool else 'conv'} {lay.k}x{lay.k}" + \
        (f" s{lay.stride}" if lay.stride is not None else "") + \
        (f" p{lay.padding}" if lay.padding is not None else "")
    if fac is not None:
        factor = int(fac.group(1) or fac.group(2) or 2)
        verdict, rule = _factor(lay.k, lay.pool, lay.stride, factor)
        claimed = f"÷{factor}"
    else:
        amount = int(next(g for g in (by or ko).groups() if g))
        verdict, rule = _fixed(lay.k, lay.pool, lay.stride, lay.padding, amount)
        claimed = f"-{amount}"
    if verdict == "skip":
        return None
    return Claim(number, f"{what}: size {claimed}", "shape", claimed, rule, verdict,
                 "layer algebra over input sizes 16-256: floor((n + 2p - k) / s) + 1",
                 confidence=CONFIDENCE)


def check_line(number: int, masked: str) -> list[Claim]:
    """The rules of thumb a line states, a sentence each."""
    out = []
    for sentence in _SENTENCE.split(masked):
        got = _one(number, sentence)
        if got is not None:
            out.append(got)
    return out
