"""A figure judged wrong on one line, then used as a factor on a later one::

    params: 44 * (1024 + 1) = 44,660           <- judged wrong: 45,100
    memory: 44,660 * 4 bytes = 178,640 bytes   <- right as arithmetic; 180,400 carried

``Wrongs`` learns each settled line's figures (``carried.Ledger.settled``): a whole figure of
``MIN_DIGITS`` digits or more that a reader judged wrong there, with the value it should
have. A later calculation judged right that multiplies or divides by that figure (the same
number, once) is recomputed with the corrected value; where that gives another result,
the line inherits the error. Not judged: a figure another line states right (or corrects
two ways), a round figure (a power of two, a multiple of 100: such numbers recur by
themselves), a term of a sum (``carried`` reads sums, in the run of lines they add up), and
a figure more than ``SPAN`` lines back.
"""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.grammar import Node, value
from cnnstat.notes.paramcounts.intent import lhs_tree
from cnnstat.notes.kept import keep
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Refused, read_number
from cnnstat.notes.precedence import INHERITED
from cnnstat.notes.arithmetic.sumterms import whole, whole_text

MIN_DIGITS = 4
SPAN = 40
KEPT = 256


def _round(x: Fraction) -> bool:
    n = int(x)
    return n % 100 == 0 or n & (n - 1) == 0


class Wrongs:
    def __init__(self) -> None:
        # figure -> (line, corrected value, as written); None: stated right elsewhere too
        self.seen: dict[Fraction, tuple[int, Fraction, str] | None] = {}

    def learn(self, claims: list[Claim]) -> None:
        wrong: dict[Fraction, tuple[int, Fraction, str] | None] = {}
        right: set[Fraction] = set()
        for c in claims:
            x = whole_text(c.claimed)
            if x is None or x < 10 ** (MIN_DIGITS - 1) or c.verdict not in ("right", "wrong"):
                continue
            if c.verdict == "right":
                right.add(x)
                continue
            y = whole(c.actual)
            got = (c.line, y, c.claimed) if y is not None and y != x else None
            if x in wrong and (wrong[x] is None or got is None or wrong[x][1] != got[1]):
                got = None  # corrected two ways on one line
            wrong[x] = got
        for x in right - set(wrong):
            keep(self.seen, x, None, KEPT)  # a figure stated right: no error to carry
        for x, got in wrong.items():
            before = self.seen.get(x, got)
            keep(self.seen, x, got if before == got else None, KEPT)

    def check(self, number: int, results: list[Claim]) -> list[Claim]:
        out = []
        for c in results:
            if c.verdict != "right":
                continue
            tree = lhs_tree(c.text)
            if tree is None:
                continue
            uses = [(n, self.seen.get(n.num.value)) for n in _factors(tree)]
            uses = [(n, got) for n, got in uses if got is not None and
                    0 < number - got[0] <= SPAN and not _round(n.num.value)]
            written = _number(c.claimed)
            if len(uses) != 1 or written is None:
                continue
            node, (line, fixed, text) = uses[0]
            got = redone(number, c, tree, node, fixed, written,
                         f"it uses line {line}'s {text}, which should be {plain(fixed)}",
                         INHERITED)
            if got is not None:
                out.append(got)
        return out


def redone(number: int, c: Claim, tree: Node, node: Node, fixed: Fraction, written,
           why: str, confidence: float) -> Claim | None:
    """``c``'s calculation with ``node`` worked as ``fixed``: wrong where that gives
    another figure than the one written (None where it agrees or cannot be worked)."""
    try:
        new = value(swap(tree, node, fixed), floor_division=True)
    except (Refused, ZeroDivisionError, ArithmeticError, ValueError):
        return None
    if agrees(new, written):
        return None
    return Claim(number, c.text, "arithmetic", c.claimed,
                 int(new) if new.denominator == 1 else float(new), "wrong",
                 f"{why}: with it, {plain(new)}", confidence=confidence)


def _number(text: str | None):
    got = read_number(text or "", 0)
    return got[0] if got is not None else None


def _factors(node: Node, parent: str = "") -> list[Node]:
    """The numbers a product or quotient takes (not a sum's terms), in the tree."""
    if node.op == "num":
        return [node] if parent in ("mul", "div") else []
    op = parent if node.op == "paren" else node.op
    return [n for a in node.args for n in _factors(a, op)]


def swap(node: Node, old: Node, new: Fraction) -> Node:
    """``node`` with the number ``old`` in it replaced by ``new``."""
    if node is old:
        return node._replace(num=node.num._replace(value=new))
    if not node.args:
        return node
    return node._replace(args=tuple(swap(a, old, new) for a in node.args))
