"""Shape continuity in a layer-by-layer walkthrough: the input of a layer is the output of
the layer before it.

A note that walks through a network writes each feature map as ``H x W x C``
(``55 x 55 x 96``). When a later line gives the *input* of the next layer
(``input 55 x 55 x 86``) with the same height and width as the last feature map but
another channel count, the next layer's input cannot be that: a convolution keeps its
output channels, and a pooling layer keeps its input's. The claim is "wrong" only when
the channel count appears nowhere earlier in the walkthrough (a branch of an Inception
module restarts from an earlier map, so a count seen before is read as such a restart
and left "unsure"); it is "right" when the input repeats the last map exactly.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.kept import keep
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.maps.filters import filter_volume
from cnnstat.notes.signs import Gated

# H x W x C with each side at most 5 digits, not part of a longer product or a sum
_SHAPE3 = re.compile(r"(?<![0-9A-Za-z_.,])([0-9]{1,5})[ ]*[x×X*][ ]*([0-9]{1,5})[ ]*[x×X*][ ]*"
                     r"([0-9]{1,5})(?![0-9.,]*[0-9])(?![ ]*[x×X*+\-=/÷][ ]*\(?[0-9])")
_INPUT = re.compile(r"(?:input|입력)[^0-9]{0,12}$", re.I)
# a line that is nothing but an input label and its map ("- input size: 28x28x192"): the
# setup of the example that follows restated, a given, not the last layer's output carried on
_GIVEN = re.compile(r"^[\s\-*•·>]*(?:input(?:\s+size|\s+shape)?|입력(?:\s*크기)?)\s*[:=]\s*"
                    r"[0-9 x×X*]+$", re.I)
_OP_BEFORE = re.compile(r"[+\-=/÷(x×*][ ]*$")
_LABEL_EQ = re.compile(r"[A-Za-z\uac00-\ud7a3][ ]*=[ ]*$")  # "output=28x28x256": a label
# "input: 14x14x512, ..., output=528": the output's channels, written alone
_BARE_OUTPUT = Gated(("output", "out put", "출력"),
                     r"(?:output|out put|출력)[ ]*[=:][ ]*([0-9]{1,5})(?![0-9]|[ ]*[x×X*])", re.I)
WINDOW = 8  # lines: a walkthrough's consecutive layers are written close together
MAPS = 512  # a section's maps a cost line is read against (the last ones)


class Shape3(NamedTuple):
    line: int
    h: int
    w: int
    c: int
    c_span: tuple[int, int]


def shapes_in(masked: str) -> list[tuple[Shape3, bool]]:
    """The ``H x W x C`` feature maps of a line, each with whether it is called an input."""
    out = []
    for m in _SHAPE3.finditer(masked):
        before = masked[max(0, m.start() - 24):m.start()]
        if _OP_BEFORE.search(before) and not _LABEL_EQ.search(before):
            continue  # inside a calculation: 4 x 3x3x64, (3 x 3 x 3 ...
        h, w, c = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if h != w or h == 0 or c == 0 or filter_volume(masked, m.start(), m.end()):
            continue  # a kernel such as 11 x 11 x 3 is square too: "each filter is 5x5x3"
        out.append((Shape3(0, h, w, c, (m.start(3), m.end(3))),
                    bool(_INPUT.search(before))))
    return out


class Walk:
    """The feature maps of one section, in the order the note gives them."""

    def __init__(self) -> None:
        self.maps: list[Shape3] = []  # the last MAPS at least
        self.channels: dict[int, bool] = {}
        self.forgot = False  # channels were forgotten: any may be an earlier map's

    def _add(self, shape: Shape3) -> None:
        self.maps.append(shape)
        if len(self.maps) > 2 * MAPS:  # a long section: its last maps are what is read
            del self.maps[:-MAPS]
        self.forgot |= not keep(self.channels, shape.c)

    def check_line(self, number: int, raw: str, masked: str) -> tuple[list[Claim], list[Skip]]:
        claims: list[Claim] = []
        skips: list[Skip] = []
        found = shapes_in(masked)
        if found and asks(masked):
            found = []  # a question's maps are givens
        for k, (shape, is_input) in enumerate(found):
            shape = shape._replace(line=number)
            last = self.maps[-1] if self.maps else None
            if is_input and k == 0 and last is not None and number - last.line <= WINDOW \
                    and (last.h, last.w) == (shape.h, shape.w):
                text = f"input {shape.h}x{shape.w}x{shape.c} after {last.h}x{last.w}x{last.c}"
                if shape.c == last.c:
                    claims.append(Claim(number, text, "shape", f"{shape.h}x{shape.w}x{shape.c}",
                                        f"{last.h}x{last.w}x{last.c}", "right",
                                        f"the output of line {last.line}"))
                elif shape.c in self.channels or self.forgot or _GIVEN.match(masked.strip()):
                    skips.append(Skip(number, text, f"not line {last.line}'s output; an "
                                                    "earlier map with these channels may be "
                                                    "the input (a branch)"))
                else:
                    a, b = shape.c_span
                    claims.append(Claim(
                        number, text, "shape", f"{shape.h}x{shape.w}x{shape.c}",
                        f"{last.h}x{last.w}x{last.c}", "wrong",
                        f"the input of the next layer is the output of line {last.line}, "
                        f"{last.h}x{last.w}x{last.c}; no earlier map has {shape.c} channels",
                        (Edit(number, a, b, str(last.c)),), str(last.c)))
                    shape = shape._replace(c=last.c)  # go on from the correct map
            self._add(shape)
        bare = _BARE_OUTPUT.search(masked)
        if bare and len(found) == 1 and found[0][1]:
            # the map keeps its height and width (an Inception module); its channels change
            shape = self.maps[-1]
            self._add(shape._replace(c=int(bare.group(1)), c_span=bare.span(1)))
        return claims, skips


_COST_WORD = re.compile(r"ops|operations|multipl|mult-adds|madds|macs|flops|연산|곱셈", re.I)
_PRODUCT6 = re.compile(r"(?<![0-9.,])[0-9]{1,4}(?:[ ]*[x×X*·][ ]*[0-9]{1,4}){5}(?![0-9]|[ ]*[x×X*·][ ]*[0-9])")
_FACTOR = re.compile(r"[0-9]+")


def cost_line(walk: Walk, number: int, masked: str) -> list[Claim]:
    """``Conv-1 ops = 227*227*96*11*11*3``: a conv's multiply count is its *output* map
    times the kernel volume. A six-factor product that uses the layer's input map of the
    walkthrough where its output belongs is wrong; one that uses the output is right."""
    if len(walk.maps) < 2 or not _COST_WORD.search(masked):
        return []
    out: list[Claim] = []
    for m in _PRODUCT6.finditer(masked):
        factors = sorted(int(f) for f in _FACTOR.findall(m.group(0)))
        for a, b in zip(walk.maps, walk.maps[1:]):
            if a.h == b.h:
                continue  # the map did not change size: input and output are the same
            k_out = _kernel(factors, (b.h, b.w, b.c, a.c))
            if k_out is not None:
                text = " ".join(m.group(0).split())
                out.append(Claim(number, text, "cost", text, b.h * b.w * b.c * k_out ** 2 * a.c,
                                 "right", f"output {b.h}x{b.w}x{b.c} (line {b.line}) times a "
                                          f"{k_out}x{k_out}x{a.c} kernel"))
                break
            k = _kernel(factors, (a.h, a.w, b.c, a.c))
            if k is not None:
                right = b.h * b.w * b.c * k * k * a.c
                text = " ".join(m.group(0).split())
                out.append(Claim(
                    number, text, "cost", text, right, "wrong",
                    f"the multiplies of a {k}x{k} conv from {a.h}x{a.w}x{a.c} (line "
                    f"{a.line}) to {b.h}x{b.w}x{b.c} (line {b.line}) count the output "
                    f"positions: {b.h}*{b.w}*{b.c}*{k}*{k}*{a.c} = {right:,}, not the input's "
                    f"{a.h}*{a.w}"))
                break
    return out


def _kernel(factors: list[int], known: tuple[int, ...]) -> int | None:
    """The kernel size k when ``factors`` are ``known`` and k, k; else None."""
    rest = list(factors)
    for f in known:
        if f not in rest:
            return None
        rest.remove(f)
    return rest[0] if len(rest) == 2 and rest[0] == rest[1] else None
