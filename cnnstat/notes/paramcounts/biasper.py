"""The biases a note gives each filter or unit: ``25×3 = 75 weights and 1 bias per
filter``, ``each neuron has one bias``, ``필터마다 bias 1개``. A conv filter (an output
channel) and a dense unit each add one bias to the sum they compute (the layer algebra's
``(k·k·c_in + 1)·c_out``: one bias an output channel), so the count is right when it is
one, wrong otherwise. Only a count written right beside the word and the thing it is
per (``11 bias per filter``, ``bias 2개 per kernel``) is read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.layers import KINDS
from cnnstat.notes.claims import Claim, Edit

NEEDS = ("bias", "편향")
_WORDS = {"one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3}
_COUNT = r"(?P<n>\d{1,3}|one|two|three|a|an|single)"
_EACH = r"(?:per|for\s+each|for\s+every)\s+(?:filter|kernel|neuron|unit|output\s+channel)\b"
_PER = re.compile(r"(?<![\w.,])" + _COUNT + r"\s+(?:bias|biases|bias\s+terms?)\s+" + _EACH +
                  r"|(?:필터|커널|뉴런)\s*(?:마다|당|하나당)\s*(?:bias|편향)\s*(?P<k>\d{1,3})\s*개", re.I)


@lru_cache(maxsize=1)
def _per_channel() -> int:
    """The biases one output channel of a conv holds (the layer algebra: 1)."""
    lay = KINDS["conv"].make({"out": 1, "kernel": 1})
    with_bias = lay.apply((1, 1, 1)).params
    return with_bias - KINDS["conv"].make({"out": 1, "kernel": 1, "bias": False}).apply(
        (1, 1, 1)).params


def check_line(number: int, masked: str) -> list[Claim]:
    out = []
    for m in _PER.finditer(masked):
        word = m.group("n") or m.group("k")
        n = _WORDS.get(word.lower(), None) if not word.isdigit() else int(word)
        if n is None:
            continue
        want = _per_channel()
        ok = n == want
        at = "n" if m.group("n") else "k"
        out.append(Claim(number, m.group(0).strip(), "params", word, want,
                         "right" if ok else "wrong",
                         f"each filter (output channel) or unit adds {want} bias"
                         + ("" if ok else f", not {n}"),
                         () if ok or not word.isdigit() else
                         (Edit(number, m.start(at), m.end(at), str(want)),)))
    return out
