"""Padding alone: ``padding 1: 4x4 → 6x6``, ``P(패딩)가 1이면 4x4 → 6x6``.

Notes explain padding by what it does to a map before any kernel runs: each side gains
``p`` rows and columns, so ``n x n`` becomes ``(n + 2p) x (n + 2p)``. A line read here
names padding, gives its amount once, and shows one map becoming another with no kernel,
stride, pooling, layer or output in the line (with a kernel, the output size is the shape reader's).
The padded size is the layer algebra's: a 1x1 conv of stride 1 and padding ``p`` keeps
every padded position.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_WORD = re.compile(r"padding|패딩|zero[\s-]?pad", re.I)
_AMOUNT = re.compile(r"(?:padding|패딩|zero[\s-]?pad)\w*\s*(?:\([^()]{0,12}\))?\s*"
                     r"(?:=|:|of|is|가|를|을|은|는)?\s*([0-9])(?![0-9x×])"
                     r"|(?<![0-9x×.])([0-9])\s*(?:이면|이라면|일\s*때|일\s*경우)", re.I)
_ARROW = re.compile(r"(?<![0-9.])([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})(?![0-9])\s*"
                    r"(?:[A-Za-z]+\s+){0,2}?(?:→|->|=>|⇒|에서|becomes|turns\s+into|into|to)\s*"
                    r"(?:an?\s+)?"
                    r"([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})(?![0-9x×])", re.I)
_OTHER = re.compile(r"kernel|filter|커널|필터|conv|합성곱|stride|스트라이드|pool|풀링|"
                    r"layer|층|레이어|output|출력|"
                    r"[0-9]\s*[x×]\s*[0-9]+\s*(?:conv|커널|필터)", re.I)


def check_line(number: int, masked: str) -> list[Claim]:
    if not _WORD.search(masked) or _OTHER.search(masked):
        return []
    amounts = {next(g for g in m.groups() if g) for m in _AMOUNT.finditer(masked)}
    arrows = list(_ARROW.finditer(masked))
    if len(amounts) != 1 or len(arrows) != 1:
        return []
    p = int(amounts.pop())
    m = arrows[0]
    h, w, oh, ow = (int(g) for g in m.groups())
    want = _padded((h, w), p)
    if want is None:
        return []
    verdict = "right" if (oh, ow) == want else "wrong"
    return [Claim(number, f"padding {p}: {h}x{w} → {oh}x{ow}", "shape", f"{oh}x{ow}",
                  f"{want[0]}x{want[1]}", verdict,
                  f"layer algebra: padding {p} adds {p} on each side (n + 2p)")]


def _padded(hw: tuple[int, int], p: int) -> tuple[int, int] | None:
    """The padded map: a 1x1 conv of stride 1 with padding ``p`` keeps every padded
    position, so its output is the padded input (the layer algebra's own rule)."""
    from cnnstat.errors import SpecError
    from cnnstat.layers import KINDS

    try:
        layer = KINDS["conv"].make({"out": 1, "kernel": 1, "stride": 1, "padding": p})
        out = layer.apply((1,) + hw).output
    except SpecError:
        return None
    return tuple(out[1:])
