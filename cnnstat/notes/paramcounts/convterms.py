"""A conv layer's count read from the calculation a note writes of it: ``(k·k·C + 1)·N``,
``N·(k·k·C + 1)``, ``N·k·k·C`` (the kernel is the factor written twice, 2 to 11), so that
``intent`` and ``paramchain`` can weigh what the writer counted against the layer. The
calculation's terms (a product, the number added after it, the product's factors) are
found once, by ``readings``; ``conv_count``, ``flat_splits`` and ``bias_once`` read them."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Iterator, NamedTuple

from cnnstat.notes.reading.grammar import Node


class Terms(NamedTuple):
    """A calculation's terms as a conv's count is read from them."""

    product: Node  # the calculation, brackets looked through, less the number added last
    added: Fraction | None  # that number (``+ 1``, ``+ N``); None where none is added
    factors: list[Fraction] | None  # what ``product`` multiplies; None: no pure product


def readings(tree: Node) -> Terms:
    """``tree``'s terms: ``(k·k·C + 1)`` is the product ``k·k·C`` with 1 added,
    ``N·k·k·C + N`` the product ``N·k·k·C`` with N added, ``N·k·k·C`` a product alone."""
    while tree.op == "paren":
        tree = tree.args[0]
    added = None
    if tree.op == "add" and tree.args[1].op == "num":
        added = tree.args[1].num.value
        tree = tree.args[0]
        while tree.op == "paren":
            tree = tree.args[0]
    return Terms(tree, added, product_factors(tree))


def product_factors(node: Node) -> list[Fraction] | None:
    """The numbers a pure product multiplies (brackets looked through)."""
    if node.op == "paren":
        return product_factors(node.args[0])
    if node.op == "num":
        return [node.num.value]
    if node.op == "mul":
        a, b = product_factors(node.args[0]), product_factors(node.args[1])
        return a + b if a is not None and b is not None else None
    if node.op == "pow" and node.args[1].op == "num" and node.args[1].num.value == 2:
        a = product_factors(node.args[0])
        return a + a if a is not None and len(a) == 1 else None
    return None


def _kernels(factors: list[Fraction]) -> Iterator[tuple[int, list[int]]]:
    """Each kernel side ``k`` the whole factors write twice (2 to 11), largest first, and
    the factors left with both taken out; nothing where a factor is not a whole number."""
    if any(f.denominator != 1 or f < 1 for f in factors):
        return
    ints = [int(f) for f in factors]
    for k in sorted(set(ints), reverse=True):
        if ints.count(k) >= 2 and 1 < k <= 11:
            rest = list(ints)
            rest.remove(k)
            rest.remove(k)
            yield k, rest


def kernel_volume(factors: list[Fraction]) -> tuple[int, int] | None:
    """k and the rest's product for a kernel volume ``k·k·C``."""
    return next(((k, math.prod(rest)) for k, rest in _kernels(factors)), None)


def conv_count(tree: Node) -> tuple[int, int, int, bool, bool] | None:
    """(k, C written, N, bias counted, bias counted twice) for ``(k·k·C + 1)·N [+ N]``,
    ``N·(k·k·C + 1)`` or ``N·k·k·C``; None for any other expression."""
    terms = readings(tree)
    extra, tree = terms.added, terms.product
    if tree.op != "mul":
        return None
    for vol, n in ((tree.args[0], tree.args[1]), (tree.args[1], tree.args[0])):
        if n.op != "num":
            continue
        count = int(n.num.value) if n.num.value.denominator == 1 else None
        if count is None or count < 2:
            continue
        v = readings(vol)
        kc = kernel_volume(v.factors) if v.factors else None
        if v.added == 1:
            if kc and (extra is None or extra == count):
                return kc[0], kc[1], count, True, extra == count
        elif extra is None and v.added is None and kc:
            return kc[0], kc[1], count, False, False
    return _plus_biases(terms)


def flat_splits(tree: Node) -> list[tuple[int, int, int, bool, bool]]:
    """Every reading of a bare product of three or four factors as ``N·k·k[·C]``,
    whatever its order (``32 × 3 × 3``: 32 filters, their input channels left out;
    ``64*3*3*32``): a kernel written twice (2 to 11), and the rest one or two factors,
    each of which may be the filters."""
    terms = readings(tree)
    f = terms.factors if terms.added is None else None
    if not f or len(f) not in (3, 4):
        return []
    out = []
    for k, rest in _kernels(f):
        pairs = [(rest[0], 1)] if len(rest) == 1 else [(rest[0], rest[1]), (rest[1], rest[0])]
        out += [(k, c, n, False, False) for n, c in pairs if n >= 2]
    return out


def _plus_biases(terms: Terms) -> tuple[int, int, int, bool, bool] | None:
    """``k·k·C·N + N`` (``3x3x32x64 + 64``), or ``k·k·N + N`` with the input channels
    left out (``3x3x64 + 64``, C read as 1): the biases added as a term, the filters
    the factor that term repeats."""
    extra, factors = terms.added, terms.factors
    if extra is None or extra.denominator != 1 or extra < 2:
        return None
    if not factors or extra not in factors:
        return None
    rest = list(factors)
    rest.remove(extra)
    kc = kernel_volume(rest)
    if kc is None or len(rest) > 3:
        return None
    return kc[0], kc[1], int(extra), True, False


def stated_agrees(claimed: str | None, right: int) -> bool:
    """Whether the figure as written (``102.8M``) states ``right`` to its own digits."""
    from cnnstat.notes.reading.numbers import agrees
    from cnnstat.notes.reading.numerals import Refused, read_number

    try:
        got = read_number(claimed or "", 0)
    except Refused:
        return False
    return got is not None and got[1] == len(claimed) and agrees(Fraction(right), got[0], True)


def bias_once(tree: Node) -> bool:
    """``N·k·k·C + 1``: a whole layer's product of four factors or more, one bias added
    for the layer (not one a filter), written without brackets around it (``intent``
    reads the product as ``tree.args[0]``)."""
    if tree.op != "add":
        return False
    terms = readings(tree)
    return terms.added == 1 and terms.factors is not None and len(terms.factors) >= 4
