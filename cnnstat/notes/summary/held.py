"""A counter's totals pasted as a comment over the code that prints them.

Code may carry a counter's output as a comment, and where it puts it is the note's own
layout: after the statements that print it, or heading the block that builds the model::

    # Total mult-adds (G): 4.11          # FLOPs: 4.1G, Params: 25.6M
    model = models.resnet50()           model = resnet50()
    summary(model, input_size=...)      flops, params = profile(model, ...)

A total in a comment that opens a paragraph of code (after a blank line or the fence) is
held until the paragraph ends (a blank line, the fence, another paragraph's total, or
``SPAN`` lines): where the paragraph goes on to name a network, the total is that
network's, at the input the paragraph states; where it names none, the network above's,
as before. Where the two readings differ, the total is wrong only when it is wrong for
both: right for the network above alone, it is unsure (a trailing comment after a blank
line is that network's); where the paragraph builds a model of the note's own, unsure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.summary import totals

if TYPE_CHECKING:
    from cnnstat.notes.summary.reader import Summary

SPAN = 12  # lines a held total waits for its paragraph to name its network
_FENCE = ("```", "~~~")


class Held:
    """The comment totals held over their paragraph, and what the context was above."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []  # (number, the line uncommented)
        self.above: tuple[Any, Any] = (None, None)  # the context's network and input
        self.after = 0  # lines read since the last held one
        self.opening = True  # the next line opens a paragraph (a blank line or the fence)
        self.follows = False  # the line before was held

    def holds(self, summary: Summary, raw: str, bare: str) -> bool:
        """Whether the line (``bare``: uncommented) is a comment total to hold: in code,
        opening a paragraph or following a held one, with no summary being read."""
        return summary.context.code and bare != raw and (self.opening or self.follows) and \
            not (summary.active and summary.style != "totals") and summary.pending is None \
            and totals.opens(bare)

    def hold(self, summary: Summary, number: int, bare: str) -> None:
        if not self.lines:
            self.above = (summary.context.model, summary.context.shape)
        self.lines.append((number, bare))
        self.after = 0

    def ends(self, raw: str, bare: str) -> bool:
        """Whether ``raw`` ends the paragraph of the totals held (asked before it is read):
        a blank line, the fence, ``SPAN`` lines, or a total not next to the held ones."""
        if not self.lines:
            return False
        self.after += 1
        return not raw.strip() or raw.lstrip().startswith(_FENCE) or self.after > SPAN or \
            (not self.follows and totals.opens(bare))

    def note(self, raw: str, held: bool) -> None:
        """Every line passes here once read: does the next one open a paragraph, or
        follow a held total?"""
        self.opening = not raw.strip() or raw.lstrip().startswith(_FENCE)
        self.follows = held

    def release(self, summary: Summary) -> tuple[list[Claim], list[Skip]]:
        """The held totals judged: against the network the paragraph named, else the one
        above (``judge``)."""
        lines, self.lines = self.lines, []
        ctx = summary.context
        now, above = (ctx.model, ctx.shape), self.above
        named_here = now[0] is not None and now[0] is not above[0]
        claims: list[Claim] = []
        skips: list[Skip] = []
        for number, bare in lines:
            if named_here:
                got, why = _judged(summary, number, bare, now)
                if above[0] is not None and any(c.verdict == "wrong" for c in got):
                    other, _ = _judged(summary, number, bare, above)
                    if other and not any(c.verdict == "wrong" for c in other):
                        why += [Skip(c.line, c.text, "unsure: the network above's figure; a "
                                     "comment heading the code below it may be either's")
                                for c in got if c.verdict == "wrong"]
                        got = [c for c in got if c.verdict != "wrong"]
            elif now[0] is None and above[0] is not None:
                got, why = [], [Skip(number, bare.strip(), "unsure: a total over code that "
                                     "builds a model of the note's own")]
            else:
                got, why = _judged(summary, number, bare, above)
            claims += got
            skips += why
        ctx.model, ctx.shape = now
        summary.active = False
        return claims, skips


def _judged(summary: Summary, number: int, bare: str, net: tuple[Any, Any]
            ) -> tuple[list[Claim], list[Skip]]:
    """The totals line judged with ``net`` as the context's network and input."""
    ctx = summary.context
    kept = ctx.model, ctx.shape
    ctx.model, ctx.shape = net
    summary.active = False
    try:
        got, why, _ = summary.totals_alone(number, bare)
    finally:
        ctx.model, ctx.shape = kept
    return got, why
