"""A wrong result that the way it was written explains: a number of the calculation that is
two run together (a page's math pasted twice), or a layer's weights with one bias per unit
added to the figure and not written. The arithmetic reader asks these before it calls a
result wrong, and says unsure where one fits."""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.arithmetic.inherited import swap
from cnnstat.notes.reading.grammar import Parser, value
from cnnstat.notes.reading.numbers import agrees
from cnnstat.notes.reading.numerals import Refused


def glued_operand(tree, claimed) -> tuple[str, str] | None:
    """A number of the calculation that is two run together (a page's math pasted twice,
    the first copy's last digits glued to the next copy's first operand: ``1728144 x 12``
    for ``144 x 12``), where the stated result is what the number's tail alone gives: that
    number and its tail. Only numbers of four digits or more written without grouping."""
    leaves = [n for n in _leaves(tree) if n.num.style == "plain" and n.num.unit == 1 and
              n.num.value.denominator == 1 and n.num.value >= 1000]
    for leaf in leaves[:4]:
        digits = str(leaf.num.value.numerator)
        for cut in range(1, len(digits)):
            tail = digits[cut:]
            if tail[0] == "0":
                continue
            try:
                v = value(swap(tree, leaf, Fraction(int(tail))), floor_division=True)
            except (Refused, ZeroDivisionError, ArithmeticError, ValueError):
                continue
            if agrees(v, claimed):
                return digits, tail
    return None


def with_biases(tree, actual: Fraction, claimed) -> Fraction | None:
    """A plain product of whole numbers whose value, stated as approximate, is the product
    plus one of its factors (``512 × 1,000 ≈ 51만 3천``, ``3*3*64*128 ≈ 73,856``): a layer's
    weights and a bias for each of its units, the biases counted in the figure and not
    written (the caller asks for an approximate sign: ``5*5*3*10 = 760`` states an equation,
    and is wrong; and never where the line calls the product the weights). That factor,
    or None."""
    def product(node) -> bool:
        return node.op in ("mul", "paren") and all(product(a) for a in node.args) or \
            node.op == "num" and node.num.value.denominator == 1 and node.num.value >= 1
    if tree.op != "mul" or not product(tree):
        return None
    fits = [f for f in {n.num.value for n in _leaves(tree) if n.num.value >= 2}
            if agrees(actual + f, claimed)]
    return min(fits, key=lambda f: (abs(actual + f - claimed.value), f), default=None)


def _leaves(node) -> list:
    if node.op == "num":
        return [node]
    return [n for a in node.args for n in _leaves(a)]


def glossed(toks) -> Fraction | None:
    """``64 (1×1) + 128 (3×3) + 32 (5×5) = 256``: a term of a sum written as a count, a
    space, and a bracket (a filter's size, a branch's name) reads as a product in the
    grammar (``4(3 x 3)``), but may be the count's gloss. The sum with those brackets
    left out, or None where no term is written so (or it does not parse)."""
    keep, k, found = [], 0, False
    while k < len(toks):
        t = toks[k]
        keep.append(t)
        if t.kind == "NUM" and k + 1 < len(toks) and toks[k + 1].kind == "LP" and \
                toks[k + 1].gap and (k == 0 or _adds(toks[k - 1])):
            end = _closing(toks, k + 1)
            if end is not None and (end + 1 == len(toks) or _adds(toks[end + 1])):
                found = True
                k = end + 1
                continue
        k += 1
    if not found:
        return None
    try:
        return value(Parser(keep).parse(), floor_division=True)
    except Refused:
        return None


def _adds(tok) -> bool:
    return tok.kind == "OP" and tok.text in ("+", "-")


def _closing(toks, k: int) -> int | None:
    depth = 0
    for m in range(k, len(toks)):
        depth += toks[m].kind == "LP"
        depth -= toks[m].kind == "RP"
        if depth == 0:
            return m
    return None
