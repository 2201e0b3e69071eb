"""A convolution written as an equation of shapes, ``*`` the convolution: ``6x6 * 3x3 =
4x4``, ``5x5x3 filter * 32x32x3 image = 28x28x1 feature``, ``32x32x3 image * 5x5x3 filter
= 28x28x1``. The kernel is the side a kernel word follows (``filter``, ``kernel``, ``필터``,
``커널``), else the smaller square; the map the other. The output's side is the layer
algebra's (``shapejudge.judge``: a stride or padding not written is not guessed, another
that gives the size is unsure); an output written with a depth other than 1 may be a bank
of filters' (``= 28x28x3``): not judged.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.maps.shapejudge import Kernel, judge

_P = r"(\d{1,4})\s*[x×]\s*(\d{1,4})(?:\s*[x×]\s*(\d{1,4}))?"
_WORD = r"(?:\s+([A-Za-z가-힣]+))?"
_EQUATION = re.compile(r"(?<![\d.,x×*])" + _P + _WORD + r"\s*[*∗⊛]\s*" + _P + _WORD +
                       r"\s*=\s*" + _P + r"(?![\d.,]|\s*[x×*+\-/]\s*\d)")
_KERNEL_WORD = re.compile(r"filters?|kernels?|필터|커널", re.I)
NEEDS = ("*", "∗", "⊛")


def check_line(number: int, masked: str) -> list[Claim]:
    out = []
    for m in _EQUATION.finditer(masked):
        g = m.groups()
        a, b, c = (g[0], g[1], g[2], g[3]), (g[4], g[5], g[6], g[7]), (g[8], g[9], g[10])
        if a[0] != a[1] or b[0] != b[1] or c[0] != c[1]:
            continue
        first_k = bool(a[3] and _KERNEL_WORD.fullmatch(a[3]))
        second_k = bool(b[3] and _KERNEL_WORD.fullmatch(b[3]))
        if first_k == second_k:  # no word, or both: the smaller square is the kernel
            if int(a[0]) == int(b[0]):
                continue
            first_k = int(a[0]) < int(b[0])
        kern, image = (a, b) if first_k else (b, a)
        k, n, o = int(kern[0]), int(image[0]), int(c[0])
        if k > n:
            continue
        verdict, got, _ = judge(n, [Kernel(k, False, None, None)], o)
        if verdict == "skip":
            continue
        depth_out = int(c[2]) if c[2] else None
        if depth_out not in (None, 1):
            continue  # one filter, or a bank of them? the channels are not told
        want = f"{got}x{got}" + (f"x{1}" if depth_out is not None else "")
        out.append(Claim(number, m.group(0).strip(), "shape", f"{o}x{o}" + (
            f"x{depth_out}" if depth_out is not None else ""), want, verdict,
            f"a {k}x{k} filter over {n}x{n}: floor((n + 2p - k) / s) + 1 = {got} at stride 1, "
            "no padding; one filter gives one channel"))
    return out
