"""One square map through a chain of convs and poolings, by the layer algebra itself
(``cnnstat.layers``: ``Kind.make``, ``apply``), never by a formula of its own: the verdict
on an output size a note states (``shapes``, ``walkthrough``, ``pooled``, ``steps``).

A stride or padding the note does not state is not guessed: the claim is right if the
usual default (stride 1 for conv, the kernel for pooling; padding 0) gives the size,
skipped if some other stride or padding would, and wrong only when none can.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from cnnstat.errors import SpecError
from cnnstat.layers.window import window_out

MAX_SEARCH = 5000


class Kernel(NamedTuple):
    k: int
    pool: bool
    stride: int | None  # None: not stated
    padding: int | str | None  # int, "same", or None: not stated
    ceil: bool = False
    dilation: int = 1
    transposed: bool = False  # a transposed conv ("deconvolution")

    def describe(self, stride: int | None = None, padding: int | None = None) -> str:
        s = self.stride if self.stride is not None else stride
        p = padding if isinstance(padding, tuple) or self.padding is None else self.padding
        if isinstance(p, tuple):  # a transposed conv's (padding, output_padding)
            p = p[0] if not p[1] else f"{p[0]} op{p[1]}"
        kind = "maxpool" if self.pool else "convT" if self.transposed else "conv"
        parts = [f"{kind} {self.k}x{self.k}" + (f" d{self.dilation}" if self.dilation > 1
                                                else "")]
        if s is not None:
            parts.append(f"s{s}")
        if p is not None:
            parts.append(f"p{p}")
        return " ".join(parts)



def _out(size: int, kern: Kernel, stride: int, padding: int | str) -> int | None:
    """One layer applied by the layer algebra; None when it cannot apply."""
    from cnnstat.layers import KINDS

    try:
        if padding == "same" and kern.transposed:
            return None  # a transposed conv's "same" is a framework's rule, not read here
        if padding == "same" and stride > 1:  # TensorFlow's "same": one side may pad more
            from cnnstat.layers.conv import same_sides

            sides = same_sides(size, kern.k, stride)
            if kern.pool:
                return window_out(size + sum(sides), kern.k, stride, 0)
            padding = sides + sides  # (top, bottom, left, right)
        if kern.transposed:  # padding: (padding, output_padding)
            p, extra = padding if isinstance(padding, tuple) else (padding, 0)
            if not isinstance(p, int):
                return None
            layer = KINDS["conv_transpose"].make({"out": 1, "kernel": kern.k, "stride": stride,
                                                  "padding": p, "output_padding": extra,
                                                  "dilation": kern.dilation})
        elif kern.pool:
            if padding == "same":
                padding = (kern.k - 1) // 2
            layer = KINDS["maxpool"].make({"kernel": kern.k, "stride": stride,
                                           "padding": padding, "ceil_mode": kern.ceil})
        else:
            layer = KINDS["conv"].make({"out": 1, "kernel": kern.k, "stride": stride,
                                        "padding": padding, "dilation": kern.dilation})
        return layer.apply((1, size, size)).output[1]
    except SpecError:
        return None


def _through(size: int, chain: list[Kernel], choice: list[tuple[int, int | str]]) -> int | None:
    for kern, (s, p) in zip(chain, choice):
        size = _out(size, kern, s, p)
        if size is None:
            return None
    return size


def _defaults(kern: Kernel) -> tuple[int, int | str]:
    s = kern.stride if kern.stride is not None else (kern.k if kern.pool else 1)
    p = kern.padding if kern.padding is not None else 0
    return s, p


def _options(kern: Kernel) -> list[tuple[int, int | str]]:
    strides = [kern.stride] if kern.stride is not None else list(range(1, kern.k + 1))
    if kern.padding is not None:
        pads: list = [kern.padding]
    else:
        pads = list(range(0, (kern.k // 2 if kern.pool else kern.k - 1) + 1))
        if not kern.pool and kern.k % 2 == 0:
            pads.append("same")  # an even kernel's "same" pads one side more: n stays n
    if kern.transposed:  # an output_padding below the stride, never stated in prose
        return [(s, (p, extra)) for s in strides for p in pads if p != "same"
                for extra in range(s)]
    return [(s, p) for s in strides for p in pads]


def judge(size: int, chain: list[Kernel], claimed: int) -> tuple[str, int | None, str]:
    """(verdict, output by the defaults, note): "right", "wrong" or "skip"."""
    return _judge(size, tuple(chain), claimed)


@lru_cache(maxsize=4096)  # notes repeat lines; the verdict depends on these alone
def _judge(size: int, chain: tuple[Kernel, ...], claimed: int) -> tuple[str, int | None, str]:
    if any(k.transposed and k.padding == "same" for k in chain):
        return "skip", None, "a transposed conv's 'same' padding follows its framework"
    base = [_defaults(k) for k in chain]
    got = _through(size, chain, base)
    if got == claimed:
        return "right", got, ""
    options = [_options(k) for k in chain]
    total = 1
    for o in options:
        total *= len(o)
    if total > 1:
        if total > MAX_SEARCH:
            return "skip", got, "stride or padding not stated"
        for choice in itertools.product(*options):
            if _through(size, chain, list(choice)) == claimed:
                what = ", ".join(k.describe(s, p) for k, (s, p) in zip(chain, choice))
                return "skip", got, f"stride or padding not stated; {what} would give it"
    return "wrong", got, ""


REPEATS = 512  # the most times a layer is tried again (a 1025 map to 1 by 3x3 convs)


def repeated(size: int, chain: list[Kernel], claimed: int) -> int | None:
    """How many times the layers of ``chain``, with their defaults, run one after another
    take ``size`` to ``claimed`` (two or more), or None: "from 99x99 to 1x1 by 3x3 convs"
    states where a stack of one layer ends, not one layer's output."""
    base = [_defaults(k) for k in chain]
    got: int | None = size
    for times in range(1, REPEATS + 1):
        before = got
        got = _through(got, list(chain), base)
        if got is None or got >= before or got < claimed:
            return None
        if got == claimed:
            return times if times > 1 else None
    return None


def padded(size: int, chain: list[Kernel], written: set[int]) -> list[Kernel] | None:
    """The chain with its one layer's padding taken off, where the map it reads is already
    the padded one the line writes (``p=1이면 6x6이 8x8이 되고, 3x3 필터를 쓰면 6x6``, "with
    p=1 the 6x6 becomes 8x8; a 3x3 filter then gives 6x6"): the line writes the map before
    the padding (``size - 2p``) too. None where that is not so."""
    if len(chain) != 1 or not isinstance(chain[0].padding, int) or chain[0].padding <= 0 \
            or size - 2 * chain[0].padding not in written:
        return None
    return [chain[0]._replace(padding=0)]


def carried(above, chain: list[Kernel], stated: int) -> int:
    """The size a line that starts with its layer goes on from: the line above's input
    (the same input, another setting) or, where only that gives the size stated, the
    line above's output (the next layer of a walkthrough: "the first layer ... gives
    55x55x96" / "the second layer uses 5x5 kernels, padding 2, giving 55x55x256")."""
    if above.out is None or above.out == above.size or \
            judge(above.size, chain, stated)[0] != "wrong" or \
            judge(above.out, chain, stated)[0] != "right":
        return above.size
    return above.out


_WHOLE = re.compile(r"(?<![\d.,])\d{2,4}(?![\d.,]\d)")


def other_input(masked: str, size: int, chain: list[Kernel], claimed: int) -> int | None:
    """Another input the line writes (``(227 − 11)/4 + 1 = 55`` beside a 224x224 input)
    that the same layers take to the claimed size: the line sets the two inputs side by
    side (AlexNet's 224 or 227), and which one the claim pairs is not to be guessed."""
    for m in _WHOLE.finditer(masked):
        n = int(m.group())
        if n != size and n > claimed and judge(n, chain, claimed)[0] == "right":
            return n
    return None
