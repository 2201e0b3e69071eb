"""A stage of a network sketched on one line, its convolutions and then a pooling, with
the side it takes and the side it gives in brackets at the end::

    Block 1: Conv3-64 × 2 → MaxPool    [224→112]
    Block 3: Conv256 × 2 → Pool        [8→4]
    Global Average Pooling             [4→1]

The convolutions of such a stage keep the side (a sketch of a VGG-style stage pads them),
so the side is the pooling's: a pooling of 2x2 with stride 2 halves it (floor), a global
pooling gives 1. The pair is right where it is that; otherwise it is not judged (the
stage's convolutions may not pad, the pooling may be another: nothing on the line says).
A line that sets the pooling's window or stride, or speaks of upsampling or a transposed
convolution, is not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

NEEDS = ("pool", "풀링")
_POOL = re.compile(r"(global|adaptive|전역)?\s*(?:max|avg|average|최대|평균)?\s*-?\s*"
                   r"(?:pool(?:ing)?|풀링)", re.I)
_PAIR = re.compile(r"[\[(]\s*(\d{1,4})\s*(?:→|->|=>)\s*(\d{1,4})\s*[\])]")
_OTHER = re.compile(r"stride|스트라이드|upsampl|transpos|deconv|unpool|ceil|업샘플|전치", re.I)


def check_line(number: int, masked: str) -> list[Claim]:
    pairs = list(_PAIR.finditer(masked))
    if len(pairs) != 1:
        return []
    pair = pairs[0]
    head = masked[:pair.start()]
    pool = list(_POOL.finditer(head))
    if len(pool) != 1 or _OTHER.search(masked) or masked[pair.end():].strip(" |│") or \
            re.search(r"\d", masked[pool[0].end():pair.start()]):
        return []  # a window or stride set after the pooling: another pooling, maybe
    a, b = int(pair.group(1)), int(pair.group(2))
    glob = pool[0].group(1) is not None
    want = 1 if glob else a // 2
    if b != want or a < 2:
        return []
    how = ("a global pooling gives 1" if glob else
           f"the stage's convolutions keep {a}, a 2x2 pooling with stride 2 halves it: {want}")
    return [Claim(number, f"{a}→{b}", "shape", pair.group(0), str(want), "right", how)]
