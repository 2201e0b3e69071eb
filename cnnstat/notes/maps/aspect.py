"""A map's height and width through one square layer: ``The data enters as 28x18x1, we
then deepen to 28x28x32``, ``6x4x60 입력이 2x2 합성곱을 거쳐 5x3x80``.

A conv or pooling layer with a square kernel, one stride and one padding maps the height
and the width by the same rule, ``floor((n + 2p - k) / s) + 1``. So when a sentence takes
a map that is not square to one that is (or the other way), through a layer it names as a
conv or a pooling, no such layer may exist: 28 and 18 cannot both give 28. The reader
searches the settings a note could mean (kernel 1-11, stride 1-4, padding 0 to the
kernel); if one takes both sides to what the note says, it stays silent (the other
readers judge square maps with the settings stated); if none can, the sentence is wrong,
a typo in one of its sides. A layer that treats the two sides apart (a 1x7 kernel, a
stride or padding written as a pair, dilation, upsampling, resizing, cropping) is never
read, nor is a question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim
from cnnstat.notes.maps.filters import filter_volume
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.signs import Gated

# H x W x C, each side a few digits, not inside a longer product or a sum
_MAP = re.compile(r"(?<![0-9A-Za-z_.,])([0-9]{1,4})[ ]*[x×X*][ ]*([0-9]{1,4})[ ]*[x×X*][ ]*"
                  r"([0-9]{1,5})(?![0-9.,]*[0-9])(?![ ]*[x×X*+\-=/÷][ ]*\(?[0-9])")
# what takes the first map to the second: a word of going to
_TO = re.compile(r"\b(?:to|into|gives?|giving|becomes?|yields?|produces?|results?|resultant|"
                 r"outputs?)\b|→|->|=>|⇒|으로|로\s|이\s*된|가\s*된|출력|거쳐|거치|지나|통과", re.I)
# a Korean sentence says where the map goes after it: "28x28x32 가 된다", "14x14x32로"
_TO_AFTER = re.compile(r"\s*(?:으로|로|가\s*(?:된|나)|이\s*(?:된|나))")
# the layer named in the sentence: a conv or a pooling (with a square kernel)
_LAYER = Gated(("conv", "deepen", "filter", "kernel", "pool", "합성곱", "컨볼루션", "필터",
                "커널", "풀링"),
               r"conv|deepen|filters?|kernels?|pool|합성곱|컨볼루션|필터|커널|풀링", re.I)
# a layer that maps the sides apart, or no layer of that algebra at all
_APART = Gated(("dilat", "atrous", "upsampl", "up-sampl", "resiz", "interpol", "transpos",
                "deconv", "crop", "reshape", "flatten", "concat", "stack", "(", "[", "팽창",
                "업샘플", "확대", "자르", "padded", "zero-pad", "letterbox", "scal", "warp",
                "permut", "view", "squeez", "split", "slice", "조정", "패딩하", "늘리", "줄이"),
               r"dilat|atrous|up-?sampl|resiz|interpol|transpos|deconv|crop|reshape|flatten|"
               r"concat|\bstack|[(\[]\s*\d+\s*,\s*\d+\s*[)\]]|팽창|업샘플|확대|자르|"
               r"\bpadded\b|zero-pad|letterbox|scal(?:e|ed|ing)\s+to|warp|permut|\bview\b|"
               r"squeez|split|slice|조정|패딩하|늘리|줄이", re.I)
# the tail of a longer product: "kernel 1 x 1 x 24 x 48" holds no map "1 x 24 x 48"
_RUN_BEFORE = re.compile(r"[0-9][ ]*[x×X*][ ]*$")
_PAIR = re.compile(r"(?<![0-9A-Za-z_.,])([0-9]{1,2})[ ]*[x×X*][ ]*([0-9]{1,2})(?![0-9]|[ ]*[x×X*][ ]*[0-9])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\[])|(?<=다\.)\s*")
KERNELS = range(1, 12)
STRIDES = range(1, 5)


@lru_cache(maxsize=1024)
def possible(h: int, w: int, h2: int, w2: int) -> bool:
    """Whether one square conv or pooling (kernel 1-11, stride 1-4, padding 0 to the
    kernel) takes an h x w map to h2 x w2."""
    for k in KERNELS:
        for s in STRIDES:
            for p in range(0, k + 1):
                a, b = h + 2 * p - k, w + 2 * p - k
                if a >= 0 and b >= 0 and a // s + 1 == h2 and b // s + 1 == w2:
                    return True
    return False


def _sentences(masked: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in _SENTENCE.finditer(masked):
        out.append((start, masked[start:m.start()]))
        start = m.end()
    out.append((start, masked[start:]))
    return out


def check_line(number: int, masked: str) -> list[Claim]:
    if asks(masked):
        return []  # a question's maps are givens
    claims: list[Claim] = []
    for offset, sentence in _sentences(masked):
        maps = [m for m in _MAP.finditer(sentence)
                if not filter_volume(sentence, m.start(), m.end())
                and not _RUN_BEFORE.search(sentence[max(0, m.start() - 8):m.start()])]
        if len(maps) != 2 or not _LAYER.search(sentence) or _APART.search(sentence):
            continue
        a, b = maps
        if not (_TO.search(sentence, a.end(), b.start()) or _TO_AFTER.match(sentence, b.end())):
            continue
        h, w, c = (int(g) for g in a.groups())
        h2, w2, c2 = (int(g) for g in b.groups())
        if (h == w) == (h2 == w2) or 0 in (h, w, h2, w2):
            continue  # both square (the other readers' work), or both not
        # another pair of sides on the sentence may be a kernel that treats them apart
        if any(p.group(1) != p.group(2) for p in _PAIR.finditer(sentence)
               if not (a.start() <= p.start() < a.end() or b.start() <= p.start() < b.end())):
            continue
        if possible(h, w, h2, w2):
            continue
        text = f"{h}x{w}x{c} → {h2}x{w2}x{c2}"
        # the side that goes through as the other's does is the one the layer keeps: the
        # input was square (28x18 → 28x28: 28x28), when one side already matches
        if h2 == w2 and h2 in (h, w):
            actual = f"{h2}x{h2}x{c} → {h2}x{w2}x{c2}"
        else:
            actual = "no square layer gives it"
        claims.append(Claim(
            number, text, "shape", text, actual, "wrong",
            f"a square conv or pooling maps height and width by one rule, floor((n + 2p - k)"
            f" / s) + 1: no kernel, stride and padding take {h} to {h2} and {w} to {w2}"))
    return claims
