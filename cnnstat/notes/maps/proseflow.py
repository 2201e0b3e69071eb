"""A map followed through PyTorch layers written inline in prose: an input stated in words
(``for an input of 28 x 28 pixels in grayscale (1,28,28)``, ``입력은 (3, 32, 32)``), a layer
as its constructor (```nn.Conv2d(1, 10, 3)```, ```nn.MaxPool2d(2, 2)```), and the map a
sentence says it gives (``the output layer will have a shape of (10,26,26)``, ``that will
give us a layer of shape (10,13,13)``, ``출력은 (16, 14, 14)``), judged against the input
through the layers written since, by the layer algebra (``torchast``).

Each next input is the last output (as computed; after a stated output judged wrong, the
chain goes on from what was stated). A constructor this
reader cannot take apart (names for its settings: ``nn.Conv2d(in_channels, out_channels,
kernel_size)``) is a signature, no layer; one of several inputs or outputs on a line, or
``GAP`` lines without a layer or map, ends the chain.
"""

from __future__ import annotations

import ast
import re

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.codeforms.commentshape import INPUT_WORD, fits, per_sample, stated
from cnnstat.notes.codeforms.torchast import apply, made

GAP = 12  # lines the chain waits for its next layer or map
NEEDS = ("nn.", "(", "input", "output", "shape", "입력", "출력", "pool", "stride", "upsampl",
         "another", "풀링", "스트라이드", "업샘플")  # the last: a layer told in words
_CALL = re.compile(r"\bnn\.(?:Conv2d|MaxPool2d|AvgPool2d|Linear|ReLU|BatchNorm2d|Flatten)\s*\(")
_OUT = re.compile(r"\boutputs?\b|\bshape\b|\bgives?\b|\bgiving\b|\bresults?\b|\bbecomes?\b|"
                  r"출력|결과|된다", re.I)
_NOT = re.compile(r"\bnot\b|instead|should|아니", re.I)
# a layer told in words, not built: the chain is not known through it
_WORDS = re.compile(r"pool|stride|upsampl|another\s+conv|풀링|스트라이드|업샘플", re.I)
_GIVES = re.compile(r"\boutputs?\b|\bgives?\b|\bresults?\b|\bbecomes?\b|출력|결과", re.I)


def _calls(text: str) -> list[tuple[int, int, object]]:
    """(start, end, layer) of each ``nn.X(...)`` written in the line; layer None where it
    is not taken apart."""
    out = []
    for m in _CALL.finditer(text):
        depth, end = 0, None
        for i in range(m.end() - 1, min(len(text), m.end() + 200)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i + 1
                break
        if end is None:
            continue
        try:
            node = ast.parse(text[m.start():end], mode="eval").body
        except (SyntaxError, ValueError):
            node = None
        out.append((m.start(), end, made(node) if node is not None else None))
    return out


class Flow:
    """The map in progress and the layers written since it was stated."""

    def __init__(self) -> None:
        self.shape: tuple | None = None
        self.layers: list = []
        self.line = -GAP - 1
        self.told = False  # a layer told in words since the last constructor
        self.unknown = -1  # a line whose map came after layers not all known: no other
        # reader may take it from the map stated before them (``registry``)

    def check_line(self, number: int, masked: str) -> list[Claim]:
        if number - self.line > GAP:
            self.shape, self.layers = None, []
        calls = _calls(masked) if "nn." in masked else []
        if not calls and not self.layers and not INPUT_WORD.search(masked):
            return []  # no layer, nothing waiting for its map, no input: nothing here
        rest = masked
        for a, b, _ in calls:  # the calls' own numbers and names are no map, no words
            rest = rest[:a] + " " * (b - a) + rest[b:]
        if not calls and self.layers and _WORDS.search(rest) and stated(rest) is None:
            self.told = True
        got = stated(rest) if "(" in rest or "x" in rest or "×" in rest else None
        events = [(a, "layer", lay) for a, _, lay in calls]
        if got is not None:
            events.append((got[0].start(), "map", got))
        out: list[Claim] = []
        last = 0  # where the text after the last event starts
        for at, what, item in sorted(events, key=lambda e: e[0]):
            if self.layers and _WORDS.search(rest, last, at):
                self.told = True
            if what == "layer":
                last = next(b for a, b, _ in calls if a == at)
                if item is None:
                    continue  # a signature with names: no layer
                if self.shape is not None:
                    self.layers.append(item)
                    self.line, self.told = number, False
                continue
            last = item[0].end()
            m, dims, batch = item
            seed = per_sample(dims, batch, 3)
            before = rest[max(0, at - 80):at]
            if INPUT_WORD.search(before) and not _GIVES.search(before[-30:]):
                self.shape, self.layers, self.line, self.told = seed, [], number, False
                continue
            if self.shape is None or not self.layers or not _OUT.search(before) or \
                    _NOT.search(rest):
                continue
            if self.told:  # a layer told in words came between: the size not known
                self.shape, self.layers, self.told, self.unknown = seed, [], False, number
                continue
            want = apply(self.layers, self.shape)
            self.layers, self.line = [], number
            fit = fits(dims, batch, want) if want is not None else None
            if fit is None:
                self.shape = None
                continue
            ok = fit[0]
            shown = ", ".join(map(str, want[1:] + want[:1] if fit[1] else want))
            out.append(Claim(number, m.group(0).strip(), "shape", m.group(1), shown,
                             "right" if ok else "wrong",
                             "the input stated above through the layers written since, "
                             "by the layer algebra",
                             () if ok else (Edit(number, m.start(1), m.end(1), shown),),
                             shown))
            self.shape = want if ok else seed
        return out
