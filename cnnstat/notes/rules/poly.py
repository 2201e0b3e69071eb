"""Polynomials with exact rational coefficients, bounded in size and degree: the small
algebra the symbolic reader expands both sides of an identity with (no ``eval``, no
``sympify``), and ``to_poly``, a tree of the one grammar folded into one.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Dict, Tuple

from cnnstat.notes.reading.grammar import Node
from cnnstat.notes.reading.numbers import plain
from cnnstat.notes.reading.numerals import Refused

Monomial = Tuple[Tuple[str, int], ...]  # sorted (variable, exponent) pairs
MAX_TERMS = 64
MAX_DEGREE = 8


class Poly:
    """A polynomial with Fraction coefficients, bounded in size and degree."""

    __slots__ = ("terms",)

    def __init__(self, terms: Dict[Monomial, Fraction] | None = None) -> None:
        self.terms = {m: c for m, c in (terms or {}).items() if c != 0}
        if len(self.terms) > MAX_TERMS:
            raise Refused("an expression of too many terms")

    @staticmethod
    def const(v: Fraction) -> "Poly":
        return Poly({(): Fraction(v)})

    @staticmethod
    def var(name: str) -> "Poly":
        return Poly({((name, 1),): Fraction(1)})

    def __add__(self, other: "Poly") -> "Poly":
        out = dict(self.terms)
        for m, c in other.terms.items():
            out[m] = out.get(m, Fraction(0)) + c
        return Poly(out)

    def __neg__(self) -> "Poly":
        return Poly({m: -c for m, c in self.terms.items()})

    def __sub__(self, other: "Poly") -> "Poly":
        return self + (-other)

    def __mul__(self, other: "Poly") -> "Poly":
        out: Dict[Monomial, Fraction] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in other.terms.items():
                exps = dict(m1)
                for v, e in m2:
                    exps[v] = exps.get(v, 0) + e
                if sum(exps.values()) > MAX_DEGREE:
                    raise Refused("a power of too high a degree")
                m = tuple(sorted(exps.items()))
                out[m] = out.get(m, Fraction(0)) + c1 * c2
        return Poly(out)

    def power(self, n: int) -> "Poly":
        if n < 0 or n > MAX_DEGREE:
            raise Refused("only whole exponents from 0 to 8 are expanded")
        out = Poly.const(Fraction(1))
        for _ in range(n):
            out = out * self
        return out

    def constant(self) -> Fraction | None:
        if not self.terms:
            return Fraction(0)
        if list(self.terms) == [()]:
            return self.terms[()]
        return None

    def variables(self) -> set[str]:
        return {v for m in self.terms for v, _ in m}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Poly) and self.terms == other.terms

    def __hash__(self) -> int:  # pragma: no cover - not used as a key
        return hash(tuple(sorted(self.terms.items())))

    def __str__(self) -> str:
        if not self.terms:
            return "0"
        parts = []
        for m in sorted(self.terms, key=lambda m: (-sum(e for _, e in m), m)):
            c = self.terms[m]
            body = "".join(v if e == 1 else f"{v}^{e}" for v, e in m)
            coef = plain(abs(c), grouped=False)
            text = (coef if coef != "1" or not body else "") + body
            parts.append(("- " if c < 0 else "+ ") + text)
        out = " ".join(parts)
        return out[2:] if out.startswith("+ ") else "-" + out[2:]


def to_poly(n: Node, defs: dict[str, "Poly"] | None = None) -> Poly:
    """A tree of the one grammar (``grammar.Parser``, capitals as symbols) folded into a
    polynomial: ``DN`` is D times N; a division only by a number; a power only to a
    whole number; no minus sign before a term, no fraction, floor or scaled number.
    ``defs`` puts values in for letters a note defined (``m = C/4``, ``C = 16``)."""
    return _fold(n, defs or {})


def _fold(n: Node, defs: dict[str, "Poly"]) -> Poly:
    op = n.op
    if op == "num":
        if n.num.unit != 1:
            raise Refused("a scaled number")
        return Poly.const(n.num.value)
    if op == "var":
        p = Poly.const(Fraction(1))
        for ch in n.name:
            p = p * defs.get(ch, Poly.var(ch))
        return p
    if op == "paren":
        return _fold(n.args[0], defs)
    if op in ("add", "sub", "mul"):
        a, b = _fold(n.args[0], defs), _fold(n.args[1], defs)
        return a + b if op == "add" else a - b if op == "sub" else a * b
    if op == "div":
        c = _fold(n.args[1], defs).constant()
        if c is None or c == 0:
            raise Refused("division by an expression")
        return _fold(n.args[0], defs) * Poly.const(1 / c)
    if op == "pow":
        e = n.args[1]
        if e.op != "num" or e.num.value.denominator != 1:
            raise Refused("an exponent that is not a whole number")
        return _fold(n.args[0], defs).power(int(e.num.value))
    raise Refused(f"no {op} in a polynomial")
