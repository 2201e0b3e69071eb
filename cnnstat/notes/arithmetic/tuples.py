"""An equation between tuples, worked place by place (``(32 - 4 + 1, 32 - 4 + 1) =
(29, 29)``, ``(224 + 2*3 - 7)//2 + 1`` in each place of a pair, a chain of three tuples):
read as one equation a place (``32 - 4 + 1 = 29``), so that each place is judged as any
equation is. A tuple's commas would otherwise split it into pieces that are no equation.

Only where every tuple of the chain has as many places (two to four), every place holds
numbers, operators and brackets only, and one place at least computes something. A tuple
with a symbol or a word in it (``(H, W) = (112, 112)``), or places that differ in number,
is left to the other readers. Places worked alike are one equation, told once.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from cnnstat.notes.reading.normalise import Token, scan

_PLACE = frozenset(("NUM", "OP", "LP", "RP"))
_JOIN = frozenset(("EQ", "APPROX"))


class Tuples(NamedTuple):
    """A chain of tuples found in a line's tokens: the equations it holds, one a place
    (joined by ``;``), and the tokens it spans (``first`` to ``last``, exclusive)."""

    equations: str
    first: int
    last: int


def find(raw: str, tokens: list[Token]) -> Tuples | None:
    """The first chain of two tuples or more joined by ``=`` or ``≈``, or None."""
    n = len(tokens)
    for k in range(n):
        if tokens[k].kind != "LP":
            continue
        chain, joins, at = [], [], k
        while at < n and tokens[at].kind == "LP":
            got = _places(tokens, at)
            if got is None:
                break
            places, end = got
            chain.append(places)
            if end < n and tokens[end].kind in _JOIN and end + 1 < n:
                joins.append(tokens[end].text)
                at = end + 1
            else:
                at = end
                break
        if len(chain) < 2:
            continue
        last = at if len(joins) < len(chain) else at - 1
        if len({len(p) for p in chain}) != 1 or not _computes(chain):
            continue
        return Tuples(_equations(raw, tokens, chain, joins), k, last)
    return None


def settle(number: int, raw: str, tokens: list[Token], found: Tuples,
           equation: Callable[..., Any], line: Callable[..., Any]) -> Any:
    """The line read with its chain of tuples as one equation a place (``equation``: the
    arithmetic of one stretch of tokens) and the rest of the line as any line is
    (``line``); the chain's span is used where one of its places gave a claim."""
    claims, skips, used = equation(number, found.equations, scan(found.equations))
    gap = tokens[found.first]._replace(kind="OTHER", text=";")
    more = line(number, raw, tokens[:found.first] + [gap] + tokens[found.last:])
    span = [(tokens[found.first].start, tokens[found.last - 1].end)] if claims else []
    return claims + more[0], skips + more[1], span + more[2]


def _places(tokens: list[Token], k: int) -> tuple[list[tuple[int, int]], int] | None:
    """The places of the tuple whose bracket opens at ``k`` (each a token span), and the
    place after its closing bracket; None where it is no tuple of numbers."""
    places, start, depth = [], k + 1, 0
    for j in range(k + 1, min(len(tokens), k + 80)):
        t = tokens[j]
        if t.kind == "OTHER" and t.text == "," and depth == 0:
            places.append((start, j))
            start = j + 1
        elif t.kind == "RP" and depth == 0:
            places.append((start, j))
            ok = 2 <= len(places) <= 4 and all(
                b > a and any(tokens[i].kind == "NUM" for i in range(a, b))
                for a, b in places)
            return (places, j + 1) if ok else None
        elif t.kind not in _PLACE:
            return None
        else:
            depth += (t.kind == "LP") - (t.kind == "RP")
    return None


def _computes(chain: list[list[tuple[int, int]]]) -> bool:
    """Whether some place of some tuple holds a calculation (an operator), so that the
    chain is worked out, not a pair of sizes set equal."""
    return any(b - a > 1 for places in chain for a, b in places)


def _equations(raw: str, tokens: list[Token], chain: list[list[tuple[int, int]]],
               joins: list[str]) -> str:
    """One equation a place, in the note's own characters, each told once."""
    out: list[str] = []
    for p in range(len(chain[0])):
        sides = [" ".join(raw[tokens[a].start:tokens[b - 1].end].split())
                 for a, b in (places[p] for places in chain)]
        eq = sides[0]
        for join, side in zip(joins, sides[1:]):
            eq += f" {join} {side}"
        if eq not in out:
            out.append(eq)
    return "; ".join(out)


__all__ = ["Tuples", "find", "settle"]
