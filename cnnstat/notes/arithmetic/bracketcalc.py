"""A value with its calculation after it in brackets that open with '=' (``연결:
105,750,600 (= 290,400 x 364)``, ``total: 34,944 (= 364 x 96)``, ``2,400 (=5*5*96)``,
``~ 51K (≈ 224 x 224)``): read as ``value = calculation``, the brackets dropped, so the
arithmetic judges it as any equation. Only where the value stands alone (no operator
before it) and the brackets hold numbers and operators only, one operator at least.

A bracket that opens with '=' after a word and holds a whole equation of its own (``every
unit of the last pool (=256*13*13=43264 units)``) is that equation: the bracket and its
first '=' are dropped, so that the word before is no side of it."""

from __future__ import annotations

from cnnstat.notes.reading.normalise import Token

_INSIDE = ("NUM", "OP", "LP", "RP")


def as_equation(tokens: list[Token]) -> list[Token]:
    """The tokens with each ``value (= calculation)`` as ``value = calculation``."""
    out: list[Token] = []
    k, n = 0, len(tokens)
    while k < n:
        t = tokens[k]
        close = _closing(tokens, k + 1) if t.kind == "NUM" and k + 2 < n and \
            tokens[k + 1].kind == "LP" and tokens[k + 2].kind in ("EQ", "APPROX") and \
            not (k and tokens[k - 1].kind in ("OP", "EQ", "APPROX", "LP")) else None
        if close is None:
            inner = _own_equation(tokens, k)
            if inner is not None:
                out += inner[0]
                k = inner[1]
                continue
            out.append(t)
            k += 1
            continue
        out += [t, tokens[k + 2]._replace(gap=True)] + tokens[k + 3:close]
        k = close + 1
    return out


def _own_equation(tokens: list[Token], k: int) -> tuple[list[Token], int] | None:
    """Where a bracket opening with '=' after a word starts at ``k`` and holds an
    equation of its own: its tokens without the bracket and that '=' (and without the
    closing bracket where it follows the equation at once), and the place after them."""
    n = len(tokens)
    if not (tokens[k].kind == "LP" and k and tokens[k - 1].kind in ("WORD", "HANGUL") and
            k + 2 < n and tokens[k + 1].kind in ("EQ", "APPROX") and
            tokens[k + 2].kind in ("NUM", "LP")):
        return None
    j, depth, ops, eqs = k + 2, 0, 0, 0
    while j < n and tokens[j].kind in _INSIDE + ("EQ", "APPROX"):
        t = tokens[j]
        if t.kind == "RP" and depth == 0:
            break
        depth += (t.kind == "LP") - (t.kind == "RP")
        ops += t.kind == "OP"
        eqs += t.kind in ("EQ", "APPROX")
        j += 1
    if not (ops and eqs and depth == 0 and tokens[j - 1].kind == "NUM"):
        return None
    inside = [tokens[k + 2]._replace(gap=True)] + tokens[k + 3:j]
    if j < n and tokens[j].kind == "RP":
        return inside, j + 1
    return inside, j


def _closing(tokens: list[Token], k: int) -> int | None:
    """The place of the bracket that closes the one at ``k``, where all between is a
    calculation (numbers, operators, brackets; an operator at least); else None."""
    depth, ops = 0, 0
    for j in range(k, min(len(tokens), k + 80)):
        t = tokens[j]
        if j > k + 1 and t.kind not in _INSIDE:
            return None
        ops += t.kind == "OP"
        depth += (t.kind == "LP") - (t.kind == "RP")
        if depth == 0:
            return j if ops else None
    return None


__all__ = ["as_equation"]
