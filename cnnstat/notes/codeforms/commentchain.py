"""Comments in code that set its blocks out as input to output, one a block: ``# Layer 1 -
28*28*1 to 14*14*32``, ``# conv2: 14x14x32 -> 7x7x64``, ``// (14, 14, 32) => (7, 7, 64)``,
``# Fully connected layer - 7*7*64 to 1024``, ``# Output Layer - 1024 to 10``. What each
block does is often a helper of the note's own (``conv2d(x, W, b)``), so what is judged
is the chain: a block's input is the output the comment above gave (a flattened size, the
product of the map's sides, is the same tensor), or the input the code reshaped to
(``tf.reshape(x, shape=[-1, 28, 28, 1])``). An input that is not is unsure, never wrong:
code between the comments may have changed the tensor. A comment beside a layer's code
is its reader's (``kerascode``): it is only followed.
"""

from __future__ import annotations

import re
from math import prod

from cnnstat.notes.codeforms import convnetjs, torchchain
from cnnstat.notes.claims import Claim

_SHAPE = r"[(\[][^()\[\]]{1,50}[)\]]|\d{1,5}(?:\s*[*x×]\s*\d{1,5}){0,3}"
_PAIR = re.compile(r"(?<![\w.*])(?P<a>" + _SHAPE + r")\s*(?:->|→|=>|-->|\bto\b)\s*(?P<b>" +
                   _SHAPE + r")(?![\w.]|\s*[*x×]\s*\d)")
_BATCH = re.compile(r"^(?:None|batch(?:_size)?|bs|[NnBb]|-1|\?)$")
_RESHAPE = re.compile(r"reshape\s*\(\s*\w+\s*,\s*(?:shape\s*=\s*)?[\[(]\s*-1\s*,\s*(\d{1,5})\s*,"
                      r"\s*(\d{1,5})\s*,\s*(\d{1,5})\s*[\])]")
_COMMENT = re.compile(r"^\s*(?:#|//)")
GAP = 12  # lines after a block's comment that the next block's may follow
UNSURE = 0.4


def _dims(text: str) -> tuple[int, ...] | None:
    """A side of ``A -> B`` as numbers: ``28*28*1``, ``(None, 28, 28, 1)``, ``1024``."""
    if text[0] in "([":
        parts = [p.strip() for p in text[1:-1].split(",") if p.strip()]
        if parts and _BATCH.match(parts[0]):
            parts = parts[1:]
        if not parts or not all(p.isdecimal() for p in parts):
            return None
        return tuple(int(p) for p in parts)
    return tuple(int(p) for p in re.split(r"\s*[*x×]\s*", text))


class Chain:
    """The output the last block's comment gave, and its line."""

    def __init__(self) -> None:
        self.out: tuple[int, ...] | None = None
        self.line = 0
        self.why = ""

    def check_line(self, number: int, raw: str, prose: bool = False) -> list[Claim]:
        """``prose``: a line outside a fenced block of code, read only where it is a
        comment alone (``    # Layer 2 - ...``) or code (``x = tf.reshape(...)``)."""
        code, hash_, comment = raw.partition("#")
        if not hash_ and "//" in raw:
            code, _, comment = raw.partition("//")
        if number - self.line > GAP:
            self.out = None
        given = _RESHAPE.search(code)
        if given is not None:
            self.out, self.line = tuple(int(g) for g in given.groups()), number
            self.why = f"the input line {number} reshapes to"
        if prose and not _COMMENT.match(raw):
            return []
        m = _PAIR.search(comment)
        if m is None:
            return []
        a, b = _dims(m.group("a")), _dims(m.group("b"))
        if a is None or b is None or (len(a) == 1 and len(b) == 1 and self.out is None):
            return []  # two counts alone: a chain only where one is under way
        out, why, self.out, self.line = self.out, self.why, b, number
        self.why = f"the output the comment on line {number} gives"
        if out is None or code.strip():
            return []  # beside a layer's code, its own reader judges the output
        ok = a == out or (len(a) != len(out) and prod(a) == prod(out))
        shown = "x".join(map(str, out))
        return [Claim(number, m.group(0), "shape", m.group("a"), shown,
                      "right" if ok else "wrong", f"{why} {shown}", (), shown,
                      1.0 if ok else UNSURE)]


# what a line of prose must hold for ``Comments.check_line`` (``registry.READERS``)
NEEDS = ("to", "->", "→", "=>", "reshape", "type", "//")


class Comments:
    """What comments beside code give: each block's input and output (``Chain``), a
    ConvNetJS network's volumes (``convnetjs.Net``), and in a fence, a PyTorch module's
    shapes (``torchchain.Module``)."""

    def __init__(self) -> None:
        self.chain = Chain()
        self.net = convnetjs.Net()
        self.module = torchchain.Module()

    def code_line(self, number: int, raw: str) -> list[Claim]:
        return self.module.code_line(number, raw) + self.check_line(number, raw)

    def check_line(self, number: int, raw: str, prose: bool = False) -> list[Claim]:
        got = self.chain.check_line(number, raw, prose)
        return got + self.net.check_line(number, raw) if "//" in raw or "type" in raw else got
