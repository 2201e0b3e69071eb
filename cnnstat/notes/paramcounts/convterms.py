"""A conv layer's count read from the calculation a note writes of it: ``(k·k·C + 1)·N``,
``N·(k·k·C + 1)``, ``N·k·k·C`` (the kernel is the factor written twice, 2 to 11), so that
``intent`` and ``paramchain`` can weigh what the writer counted against the layer."""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.reading.grammar import Node


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


def kernel_volume(factors: list[Fraction]) -> tuple[int, int] | None:
    """k and the rest's product for a kernel volume ``k·k·C``."""
    if any(f.denominator != 1 or f < 1 for f in factors):
        return None
    ints = [int(f) for f in factors]
    for k in sorted(set(ints), reverse=True):
        if ints.count(k) >= 2 and 1 < k <= 11:
            rest = list(ints)
            rest.remove(k)
            rest.remove(k)
            c = 1
            for f in rest:
                c *= f
            return k, c
    return None


def conv_count(tree: Node) -> tuple[int, int, int, bool, bool] | None:
    """(k, C written, N, bias counted, bias counted twice) for ``(k·k·C + 1)·N [+ N]``,
    ``N·(k·k·C + 1)`` or ``N·k·k·C``; None for any other expression."""
    while tree.op == "paren":
        tree = tree.args[0]
    extra = None
    if tree.op == "add" and tree.args[1].op == "num":
        extra = tree.args[1].num.value
        tree = tree.args[0]
        while tree.op == "paren":
            tree = tree.args[0]
    if tree.op != "mul":
        return None
    for vol, n in ((tree.args[0], tree.args[1]), (tree.args[1], tree.args[0])):
        while vol.op == "paren":
            vol = vol.args[0]
        if n.op != "num":
            continue
        count = int(n.num.value) if n.num.value.denominator == 1 else None
        if count is None or count < 2:
            continue
        if vol.op == "add" and vol.args[1].op == "num" and vol.args[1].num.value == 1:
            f = product_factors(vol.args[0])
            kc = kernel_volume(f) if f else None
            if kc and (extra is None or extra == count):
                return kc[0], kc[1], count, True, extra == count
        elif extra is None:
            f = product_factors(vol)
            kc = kernel_volume(f) if f else None
            if kc:
                return kc[0], kc[1], count, False, False
    return _plus_biases(tree, extra)


def flat_splits(tree: Node) -> list[tuple[int, int, int, bool, bool]]:
    """Every reading of a bare product of three or four factors as ``N·k·k[·C]``,
    whatever its order (``32 × 3 × 3``: 32 filters, their input channels left out;
    ``64*3*3*32``): a kernel written twice (2 to 11), and the rest one or two factors,
    each of which may be the filters."""
    f = product_factors(tree)
    if not f or len(f) not in (3, 4) or any(x.denominator != 1 or x < 1 for x in f):
        return []
    ints = [int(x) for x in f]
    out = []
    for k in sorted(set(ints), reverse=True):
        if ints.count(k) < 2 or not 1 < k <= 11:
            continue
        rest = list(ints)
        rest.remove(k)
        rest.remove(k)
        pairs = [(rest[0], 1)] if len(rest) == 1 else [(rest[0], rest[1]), (rest[1], rest[0])]
        out += [(k, c, n, False, False) for n, c in pairs if n >= 2]
    return out


def _plus_biases(tree: Node, extra: Fraction | None) -> tuple[int, int, int, bool, bool] | None:
    """``k·k·C·N + N`` (``3x3x32x64 + 64``), or ``k·k·N + N`` with the input channels
    left out (``3x3x64 + 64``, C read as 1): the biases added as a term, the filters
    the factor that term repeats."""
    if extra is None or extra.denominator != 1 or extra < 2:
        return None
    factors = product_factors(tree)
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
    for the layer (not one a filter)."""
    if tree.op != "add" or tree.args[1].op != "num" or tree.args[1].num.value != 1:
        return False
    f = product_factors(tree.args[0])
    return f is not None and len(f) >= 4
