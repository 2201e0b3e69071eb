"""A convolution written as input, kernel and output joined by arrows, the kernel as four
sides ``k x k x C_in x C_out`` (a course's shorthand for a branch of an Inception module)::

    32 x 32 x 96 -> 3 x 3 x 96 x 64 => 32 x 32 x 64      (right: "same", stride 1)
    32 x 32 x 96 -> 5 x 5 x 96 x 16 => 32 x 32 x 24      (wrong: 16 filters give 16 maps)

The kernel's third side must be the input's channels (a standard convolution's filter spans
every channel: ``cnnstat.layers``, a conv's weight is out x in x k x k); where it is not, the
line is not read (the kernel may act on another map). The output's channels are the
kernel's fourth side. The side is right where stride 1 with "same" or with no padding gives
it (``shapejudge.judge``, the layer algebra); another size is left to ``judge`` with the
stride and padding unsaid: unsure where some setting would give it, wrong only where none
can. A depthwise or grouped convolution, whose channels follow other rules, is not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.maps.shapejudge import Kernel, judge

_X = r"\s*[x×*]\s*"
_N = r"(\d{1,4})"
_ARROW = r"\s*(?:->|-->|→|=>|⇒)\s*"
_FORM = re.compile(r"(?<![\d.,x×*])" + _N + _X + _N + _X + _N + _ARROW +
                   _N + _X + _N + _X + _N + _X + _N + _ARROW +
                   _N + _X + _N + _X + _N + r"(?![\d.,]|\s*[x×*+\-/]\s*\d)")
_OTHER_RULES = re.compile(r"depthwise|depth-wise|separable|group|채널별|깊이별", re.I)
NEEDS = ("->", "→", "=>", "⇒")
CONFIDENCE = 0.8  # the four sides read as k x k x C_in x C_out by their chaining alone
KERNEL_MAX = 11


def check_line(number: int, masked: str) -> list[Claim]:
    if _OTHER_RULES.search(masked):
        return []
    out = []
    for m in _FORM.finditer(masked):
        h, w, c, kh, kw, cin, cout, oh, ow, oc = (int(g) for g in m.groups())
        if h != w or kh != kw or oh != ow or cin != c or not 1 <= kh <= min(KERNEL_MAX, h):
            continue
        claim = _judged(number, m.group(0).strip(), h, kh, cout, oh, oc)
        if claim is not None:
            out.append(claim)
    return out


def _judged(number: int, text: str, n: int, k: int, cout: int, o: int,
            oc: int) -> Claim | None:
    fits = [p for p in ("same", 0) if judge(n, [Kernel(k, False, 1, p)], o)[0] == "right"]
    if fits:
        side_verdict, side = "right", o
    else:
        side_verdict, side, _ = judge(n, [Kernel(k, False, None, None)], o)
        if side_verdict != "wrong":
            side = o  # some stride or padding unsaid would give it: the side not judged
    if side_verdict == "skip" and oc == cout:
        return None
    verdict = "wrong" if side_verdict == "wrong" or oc != cout else "right"
    how = ("stride 1, " + ("'same'" if fits[0] == "same" else "no padding")) if fits else \
        "no stride or padding gives it" if side_verdict == "wrong" else "side not judged"
    return Claim(number, text, "shape", f"{o}x{o}x{oc}", f"{side}x{side}x{cout}", verdict,
                 f"{cout} filters of {k}x{k}, each as deep as the input, over {n}x{n}: "
                 f"{how}; one output channel per filter", confidence=CONFIDENCE)
