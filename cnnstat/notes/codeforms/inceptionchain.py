"""GoogLeNet's Inception modules built in code, one call a line, in torchvision's order of
arguments (``Inception(in_channels, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj)``,
``inception_module(480, 192, 96, 208, 16, 48, 64)``): a module's output concatenates its four
branches, so it has ``ch1x1 + ch3x3 + ch5x5 + pool_proj`` channels, and the next module
(across poolings and dropout, which keep channels) takes exactly that many in; so does the
``Linear`` after the last one (after a global pooling). A module whose input is that sum is
right; one whose input is not is unsure (another order of arguments, or a slip), as is a
``Linear`` that takes another count (the map may not be pooled to 1x1). A conv, a norm or
any other layer between ends the chain.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.pipeline import Reader

GAP = 12  # lines between two modules (or the last and its Linear) the chain is kept over
_MODULE = re.compile(r"\b\w*[Ii]nception\w*\s*\(\s*((?:[^(),]+,\s*){6}[^(),]+?)\s*,?\s*\)")
_LINEAR = re.compile(r"\b(?:nn\.)?Linear\s*\(\s*(?:in_features\s*=\s*)?(\d+)\s*,")
# what keeps the channels between two modules: a pooling, dropout, a flatten, a bracket
_KEEPS = re.compile(r"^\s*(?:#.*|[\])},\s]*|.*\b(?:MaxPool|AvgPool|AdaptiveAvgPool|Dropout|"
                    r"Flatten|flatten|Sequential|ReLU|view)\w*\b.*|self\.\w+\s*=\s*nn\.Sequential\(\s*)$")
NEEDS = ("nception", "Linear", "Pool", "Conv", "Norm")


def _ints(text: str) -> list[int | None] | None:
    """The arguments as numbers: the input may be written in a name (``base_dim * 4``:
    None), the branches' counts must be numbers."""
    parts = [p.strip() for p in text.split(",")]
    if not all(p.isdecimal() for p in parts[1:]):
        return None
    return [int(p) if p.isdecimal() else None for p in parts]


class Chain:
    """The last module's output channels and its line (None: no chain in progress)."""

    def __init__(self) -> None:
        self.last: tuple[int, int] | None = None

    def line(self, number: int, raw: str) -> list[Claim | Skip]:
        code = raw.split("#", 1)[0]
        m = _MODULE.search(code)
        if m is not None:
            args, prev = _ints(m.group(1)), self.last
            self.last = None if args is None else (number, args[1] + args[3] + args[5] +
                                                  args[6])
            if args is None or args[0] is None or prev is None or number - prev[0] > GAP:
                return []
            text = " ".join(m.group(0).split())
            if args[0] == prev[1]:
                return [Claim(number, text, "shape", str(args[0]), str(prev[1]), "right",
                              f"the module on line {prev[0]} gives 1x1 + 3x3 + 5x5 + pool "
                              f"branches concatenated: {prev[1]} channels")]
            return [Skip(number, text, f"unsure: the module on line {prev[0]} gives "
                                       f"{prev[1]} channels: another order of arguments?")]
        if self.last is None:
            return []
        lin = _LINEAR.search(code)
        if lin is not None:
            prev, self.last = self.last, None
            if number - prev[0] > GAP:
                return []
            n, text = int(lin.group(1)), " ".join(lin.group(0).split())
            if n == prev[1]:
                return [Claim(number, text, "shape", str(n), str(prev[1]), "right",
                              f"the last module (line {prev[0]}) gives {prev[1]} channels, "
                              "pooled to one value each")]
            return [Skip(number, text, f"unsure: the last module gives {prev[1]} channels; "
                                       "the map may not be pooled to 1x1")]
        if not _KEEPS.match(code):
            self.last = None  # a conv, a norm, another layer: the chain ends
        return []


READERS = [
    Reader("inception modules in code", "code",  # "inception_module(480, 192, 96, ...)"
           lambda at: at.state.inceptions.line(at.line.number, at.line.raw)),
]
