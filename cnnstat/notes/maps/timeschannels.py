"""A conv's output multiplied by its input's channels, in one sentence::

    conv1's output is 55 x 55 x 96, and as the image has 3 channels (RGB) the output
    becomes 55 x 55 x 96 x 3.             <- wrong: 55x55x96

Each filter is as deep as its input (``k x k x C``) and sums over all ``C`` channels into
one map, so a conv of ``N`` filters gives ``H x W x N`` whatever ``C`` (the layer algebra:
``cnnstat.layers``, a conv's output channels are its filters). Read where a line holds one
product of four sides ``H x W x N x C`` (a bracketed word may follow ``N``: ``96(kernel
개수)``), the map ``H x W x N`` it extends written on the line too, ``C`` the channels the
line names (``3 channels``, ``3채널``, ``RGB`` for 3), and words of an output; a line of a
batch, frames, a depth multiplier or weights (a kernel's shape, ``11 x 11 x 3 x 96``) is
not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

CONFIDENCE = 0.8  # the four sides taken to be the one output the line spoke of
NEEDS = ("채널", "channel", "rgb")
_X = r"\s*[x×*]\s*"
_FOUR = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,4})" + _X + r"(\d{1,4})" + _X + r"(\d{1,5})\s*"
                   r"(?:\([^()]{0,24}\))?" + _X + r"(\d{1,2})(?![A-Za-z0-9_]|\.\d|" + _X + r"\d)")
_THREE = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,4})" + _X + r"(\d{1,4})" + _X + r"(\d{1,5})"
                    r"(?![A-Za-z0-9_]|\.\d|\s*(?:\([^()]{0,24}\))?" + _X + r"\d)")
_CHANNELS = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,2})\s*[- ]?(?:채널|channels?\b)|\bRGB\b", re.I)
_OUTPUT = re.compile(r"output|출력", re.I)
_OTHER = re.compile(r"batch|배치|frames?\b|프레임|multiplier|depthwise|weight|가중치|"
                    r"kernel\s*(?:shape|size)|filter\s*(?:shape|size)|필터\s*크기|커널\s*크기", re.I)


def check_line(number: int, masked: str) -> list[Claim]:
    fours = list(_FOUR.finditer(masked))
    if len(fours) != 1 or not _OUTPUT.search(masked) or _OTHER.search(masked):
        return []
    m = fours[0]
    h, w, n, c = (int(g) for g in m.groups())
    named = {int(x.group(1)) if x.group(1) else 3 for x in _CHANNELS.finditer(masked)}
    said = [x for x in _THREE.finditer(masked)
            if tuple(int(g) for g in x.groups()) == (h, w, n) and x.end() <= m.start()]
    if h != w or c < 2 or c not in named or not said:
        return []
    from cnnstat.layers import KINDS

    out = KINDS["conv"].make({"out": n, "kernel": 1}).apply((c, h, w)).output
    shown = "x".join(str(v) for v in out[1:] + out[:1])
    return [Claim(number, " ".join(m.group(0).split()), "shape", m.group(0), shown, "wrong",
                  f"each filter spans the {c} input channels (its kernel is k x k x {c}) and "
                  f"gives one map: {n} filters give {shown}, the channels not multiplied in",
                  confidence=CONFIDENCE)]
