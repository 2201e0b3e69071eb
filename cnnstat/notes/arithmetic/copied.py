"""A result copied onto a later line with a digit slipped::

    합계 : 12,288 + 129,024 + 15,872 + 6,144 = 163,328
    연산량은 28 x 28 x 163,382 = 128,091,488 MACs     <- 163,328 copied as 163,382

A calculation judged right whose factor is a figure written nowhere before in the note,
a few lines under a result of as many digits that it differs from by one digit, two
digits, or two neighbouring digits swapped (the same first digit), is read as using that
result: recomputed with it, the line is wrong where it gives another figure. Only for
figures of ``MIN_DIGITS`` digits or more (a short number recurs by itself), one such
factor on the line and one result it may be a copy of."""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.kept import keep
from cnnstat.notes.paramcounts.intent import lhs_tree
from cnnstat.notes.reading.grammar import Node
from cnnstat.notes.arithmetic.inherited import _factors, _number, redone
from cnnstat.notes.arithmetic.sumterms import whole_text

MIN_DIGITS = 5
SPAN = 4  # lines between the result and its copy
KEPT = 512
CONFIDENCE = 0.6


def near(a: int, b: int) -> bool:
    """``a`` written for ``b``: as many digits, the first the same, one or two digits
    changed, or two neighbours swapped."""
    x, y = str(a), str(b)
    if a == b or len(x) != len(y) or x[0] != y[0]:
        return False
    diff = [k for k in range(len(x)) if x[k] != y[k]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and \
        x[diff[1]] == y[diff[0]]


def _numbers(node: Node) -> list[Fraction]:
    if node.op == "num":
        return [node.num.value]
    return [v for a in node.args for v in _numbers(a)]


class Copies:
    def __init__(self) -> None:
        self.seen: dict[Fraction, int] = {}  # every figure written: its last line
        self.results: dict[int, int] = {}  # a right result -> its line

    def learn(self, claims: list[Claim]) -> None:
        for c in claims:
            number = c.line
            if c.kind != "arithmetic":
                continue
            x = whole_text(c.claimed)
            if x is not None:
                keep(self.seen, x, number, KEPT)
                if c.verdict == "right" and x >= 10 ** (MIN_DIGITS - 1):
                    keep(self.results, int(x), number, KEPT)
            tree = lhs_tree(c.text)
            for v in _numbers(tree) if tree is not None else ():
                keep(self.seen, v, number, KEPT)

    def check(self, number: int, results: list[Claim]) -> list[Claim]:
        out = []
        for c in results:
            if c.kind != "arithmetic" or c.verdict != "right":
                continue
            tree = lhs_tree(c.text)
            written = _number(c.claimed)
            if tree is None or written is None:
                continue
            uses = []
            for n in _factors(tree):
                f = n.num.value
                if f.denominator != 1 or f < 10 ** (MIN_DIGITS - 1) or f in self.seen:
                    continue
                near_ones = [r for r, line in self.results.items()
                             if 0 < number - line <= SPAN and near(int(f), r)]
                if len(near_ones) == 1:
                    uses.append((n, near_ones[0]))
            if len(uses) != 1:
                continue
            node, r = uses[0]
            got = redone(number, c, tree, node, Fraction(r), written,
                         f"{node.num.text} is written nowhere above; line "
                         f"{self.results[r]}'s result is {r:,}", CONFIDENCE)
            if got is not None:
                out.append(got)
        return out
