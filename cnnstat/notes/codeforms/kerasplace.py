"""Where a shape written alone on a comment line belongs: to the layer above it or to
the layer below it. Notes do both: ``model.add(Conv2D(...))`` then ``# (None, 26, 26,
32)`` on the next line, or ``# max pooling halves it: (74, 74, 16)`` on the line just
above ``x = MaxPooling2D(2)(x)``. A shape that fits the layer above is that layer's; one
that does not is held until the next layer is read: if it fits that one, it was written
above the layer it describes. A shape that fits neither is wrong only where the note
has shown which way its comments go (all its placed shapes on one side), where the
layer below's output is not known, or where it is a slip (same channels, sides at most
two off) of one layer's output and not of the other's; otherwise it is unsure, never a
false alarm read against the wrong layer.
"""

from __future__ import annotations

import re
from typing import Any

from cnnstat.notes.claims import Claim, Skip

WINDOW = 2  # lines between a shape's comment and the layer below it
RUN = 6  # lines under a layer that an unbroken run of comments on it may reach


class Placement:
    """The comment shape waiting for the layer below, and how many shapes of the note
    fitted the layer above (``above``) or below (``below``) so far."""

    def __init__(self) -> None:
        self.held: tuple[int, Any, list[Claim]] | None = None  # line, how to judge, claims
        self.attached = False  # the held comment runs on from the layer above
        self.out_word = False  # the held comment calls its shape an output
        self.run = -10  # the last line of comments that follow the last layer unbroken
        self.contiguous = False  # the line read is one of them
        self.fed = self.now = -10  # the line read before this one, this one
        self.outputs: list[tuple] = []  # the model's shapes before each layer read, in order

    def passed(self, shape: tuple | None) -> tuple | None:
        """A layer read: the shape it took (``shape``), kept for ``told``; returns it."""
        self.outputs.append(shape)
        return shape

    def told(self, shown: str) -> bool:
        """Whether a shape alone on a comment line is an output two or more layers up
        (``#(N, 160) now a Dense can take it`` under three Dense layers after the
        Flatten that gave it): an earlier step recalled, not the layer above's."""
        dims = tuple(int(d) for d in re.findall(r"\d{1,5}", shown))
        return any(s is not None and dims in (s, s[1:] + s[:1]) for s in self.outputs[:-1])

    def see(self, number: int, raw: str, last: int, code: bool) -> None:
        """A line read (blanks are not, nor lines of prose a prefilter left out), the
        last layer on ``last``: a comment line (``code``: a layer kept in comments is not
        one) in an unbroken run of them under that layer is the layer's first."""
        self.contiguous = raw.lstrip().startswith("#") and self.run == number - 1 and \
            number - last <= RUN and not code
        self.run = number if self.contiguous else self.run
        self.fed, self.now = self.now, number
        self.above = 0
        self.below = 0

    def settled_above(self) -> bool:
        """The note writes its shapes under their layers: a wrong one is wrong now."""
        return self.above > 0 and self.below == 0

    def hold(self, number: int, judge: Any, claims: list[Claim],
             attached: bool = False, out_word: Any = None) -> list[Claim | Skip]:
        """Hold a shape for the layer below; one held before it, its layer below never
        read, goes out as ``expire`` says. ``attached``: its comment line runs on unbroken
        from the layer above; ``out_word``: a word before the shape calls it an output."""
        out = self.expire(10**12) if self.held is not None else []
        self.held = (number, judge, claims)
        self.attached, self.out_word = attached, out_word is not None
        return out

    def expire(self, number: int) -> list[Claim | Skip]:
        """The held shape, where ``number`` is past the lines a layer below may be on:
        judged against the layer above (unless the note writes shapes above layers)."""
        if self.held is None or number - self.held[0] <= WINDOW:
            return []
        line, _, claims = self.held
        self.held = None
        if self.below and not self.above:
            return [_unsure(line, claims, "the note writes shapes above their layers, "
                                          "and no layer follows this one")]
        return claims

    def resolve(self, number: int, first: bool = False) -> list[Claim | Skip]:
        """A layer was just read on ``number`` (``first``: the model's first, its
        ``input_shape`` given): the held shape against its output."""
        if self.held is None or number - self.held[0] > WINDOW:
            return self.expire(number)
        line, judge, claims = self.held
        self.held = None
        got = judge()
        if not got:
            return claims  # the layer below's output is not known: the layer above's
        if got[0].verdict == "right":
            self.below += 1
            return got
        if (self.below and not self.above) or (first and not claims and self.out_word):
            return got  # an output said over a model's first layer: no layer above it
        if self.fed < number - 1 and self.attached and claims:  # a blank line between
            return claims  # written under the layer above, apart from the one below
        near = [c for c in (claims, got) if _slip(c)]
        if len(near) == 1:
            return near[0]  # a slip of one layer's shape (one off, valid for same), not the other's
        return [_unsure(line, claims, "it fits neither the layer above nor the one below")]


def _slip(claims: list) -> bool:
    """The shape claimed is a slip of the actual one: the same channels, sides at most
    two off."""
    if not claims or not isinstance(claims[0], Claim):
        return False
    said = [int(x) for x in re.findall(r"\d+", str(claims[0].claimed))]
    true = [int(x) for x in re.findall(r"\d+", str(claims[0].actual))]
    return len(said) == len(true) == 3 and said[2] == true[2] and \
        all(abs(a - b) <= 2 for a, b in zip(said[:2], true[:2]))


def _unsure(line: int, claims: list[Claim], why: str) -> Skip:
    text = claims[0].text if claims else ""
    return Skip(line, text, f"unsure: a shape alone on a comment line; {why}")
