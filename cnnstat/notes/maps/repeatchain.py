"""A chain of bare sizes through one layer repeated, the layer named on the same line::

    five `MaxPool2d(2, 2)` layers take 224 to 7: 224 → 112 → 56 → 28 → 14 → 7
    3x3 valid convs, one after another: 11 -> 9 -> 7 -> 5
    2x2 풀링(stride 2)을 반복하면 64 → 32 → 16 → 7                  (16 / 2 = 8, not 7)

The layer is the one a call in the prose (``nn.MaxPool2d(2, 2)``, at the library's
defaults) or the line's words set out (``walkthrough.describe``: one kind, one window);
the chain is three sizes or more joined by arrows, none growing, each a side (no product,
no channel, depth, parameter or receptive-field word on the line: ``64 → 128 → 256`` are
channels). Each step goes through the layer by the layer algebra (``shapes.judge``): a
stride or padding not written is not guessed (a step another would give is unsure, the
chain then unsure unless a step is wrong under every setting).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.maps.shapejudge import Kernel, judge
from cnnstat.notes.maps.sizeintent import _call
from cnnstat.notes.maps.walkthrough import describe

NEEDS = ("→", "->")
_ARROW = r"\s*(?:→|->|-->|=>)\s*"
_CHAIN = re.compile(r"(?<![0-9.,x×*/])[0-9]{1,4}(?:" + _ARROW + r"[0-9]{1,4}(?![0-9.,]|\s*[x×*/]"
                    r"\s*[0-9])){2,}")
_NUMBER = re.compile(r"[0-9]{1,4}")
# what makes the numbers something else than a map's side
_OTHER = re.compile(r"channel|채널|depth|깊이|filters\b|param|파라미터|flop|mac|receptive|\brf\b|"
                    r"수용|neuron|unit|feature\s*count|classes|[0-9]\s*[x×*]\s*[0-9]{1,4}\s*"
                    r"(?:→|->)", re.I)


def check_line(number: int, masked: str) -> list[Claim | Skip]:
    chains = list(_CHAIN.finditer(masked))
    if len(chains) != 1 or _OTHER.search(masked):
        return []
    chain = chains[0]
    head = masked[:chain.start()]
    call = _call(head) if "2d" in head or "2D" in head else None
    if call is not None:
        kern = Kernel(call[1], call[0], call[2], call[3])
    else:
        lay = describe(head)
        if lay is None:
            return []
        kern = Kernel(lay.k, lay.pool, lay.stride, lay.padding)
    found = list(_NUMBER.finditer(masked, chain.start(), chain.end()))
    sizes = [int(m.group()) for m in found]
    if any(b > a for a, b in zip(sizes, sizes[1:])) or sizes[-1] < 1:
        return []  # a side grows: not this layer's chain
    text = " → ".join(map(str, sizes)) + f" by {kern.describe()} each"
    unsure = ""
    for (a, b), m in zip(zip(sizes, sizes[1:]), found[1:]):
        verdict, got, note = judge(a, [kern], b)
        if verdict == "wrong":
            edits = (Edit(number, m.start(), m.end(), str(got)),) if got is not None else ()
            return [Claim(number, text, "shape", str(b), got, "wrong",
                          f"{a} → {kern.describe()} → {got}, not {b} (layer algebra: "
                          f"floor((n + 2p - k) / s) + 1)", edits)]
        if verdict == "skip" and not unsure:
            unsure = f"{a} → {b}: {note}"
    if unsure:
        return [Skip(number, text, f"unsure: {unsure}")]
    return [Claim(number, text, "shape", " → ".join(map(str, sizes)), " → ".join(
        map(str, sizes)), "right", "each step by the layer algebra: floor((n + 2p - k) / s) + 1")]
