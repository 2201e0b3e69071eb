"""A result copied onto a later line with a digit slipped::

    합계 : 12,288 + 129,024 + 15,872 + 6,144 = 163,328
    연산량은 28 x 28 x 163,382 = 128,091,488 MACs     <- 163,328 copied as 163,382

A calculation judged right whose factor is a figure written nowhere before in the note,
a few lines under a result of as many digits that it differs from by one digit, two
digits, or two neighbouring digits swapped (the same first digit), is read as using that
result: recomputed with it, the line is wrong where it gives another figure. Only for
figures of ``MIN_DIGITS`` digits or more (a short number recurs by itself), one such
factor on the line and one result it may be a copy of. A figure with a bias added
(``196,908 + 1`` under ``256 * 256 * 3 = 196,608``) is read as a factor is. A factor written to a scale
(``67K x 4 bytes`` under ``... = 65,000``) is a rounding of some figure, not a copy's
digits: never read so."""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.kept import keep
from cnnstat.notes.paramcounts.intent import lhs_tree
from cnnstat.notes.reading.grammar import Node, value
from cnnstat.notes.reading.numerals import Refused
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


def _biased(node: Node) -> list[Node]:
    """``196,908 + 1``: a sum of one figure and terms under a hundredth of it (a bias
    added) takes that figure as a factor does; a sum of like terms, none."""
    while node.op == "paren":
        node = node.args[0]
    if node.op != "add":
        return []
    terms, todo = [], [node]
    while todo:
        n = todo.pop()
        if n.op in ("add", "paren"):
            todo += n.args
        else:
            terms.append(n)
    big = [n for n in terms if n.op == "num" and n.num.value >= 10 ** (MIN_DIGITS - 1)]
    if len(big) != 1:
        return []
    try:
        rest = sum(abs(value(n)) for n in terms if n is not big[0])
    except (Refused, ZeroDivisionError, ArithmeticError, ValueError):
        return []
    return big if rest * 100 < big[0].num.value else []


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
            for n in _factors(tree) + _biased(tree):
                f = n.num.value
                if f.denominator != 1 or f < 10 ** (MIN_DIGITS - 1) or f in self.seen or \
                        n.num.unit != 1:
                    continue  # "67K": a figure to a scale is a rounding, not digits copied
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
