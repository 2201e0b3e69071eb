"""Symbolic claims: identities with variables and a threshold stated after two costs.

``3 x 3 x D x N + 4(3 x 3 x N x N) = 9DN + 36N^2`` and ``7^2 C^2 = 49C^2`` are read
into polynomials (exact rational coefficients, a small algebra of our own: no ``eval``,
no ``sympify``) and both sides expanded and compared. The results a section states
(``121DN``, ``9DN + 36N^2``) are remembered; a following threshold such as
``N < 3.6D`` is checked by solving "one cost = the other" for the ratio of the two
variables (``36N^2 = 112DN``: ``N = 112D/36 ≈ 3.11D``).

Only what reads without ambiguity is judged: every side must hold a number, variables
are single capital letters (``C``, ``D``, ``N``, ``K``, ``H``, ``W``), and a letter
followed by ``(`` (``F(x)``, ``H(x)``) is a function, so the line is left alone.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.grammar import Parser
from cnnstat.notes.normalise import Token
from cnnstat.notes.numbers import agrees, plain, write_like
from cnnstat.notes.numerals import Refused
from cnnstat.notes.poly import Poly, to_poly

MAX_TOKENS = 120
WINDOW = 8  # lines a stated cost is remembered for
_CMP = {"<": "<", ">": ">", "≤": "<=", "≥": ">=", "⩽": "<=", "⩾": ">=", "\\lt": "<",
        "\\gt": ">", "\\le": "<=", "\\leq": "<=", "\\ge": ">=", "\\geq": ">="}


def _is_var(t: Token) -> bool:
    """``D``, ``N``, ``DN``, ``C``: capital letters, each one variable (not X, a product)."""
    return t.kind == "WORD" and 1 <= len(t.text) <= 3 and all(ch in _VARS for ch in t.text)


def _is_times(t: Token | None) -> bool:
    return t is not None and t.kind == "WORD" and t.text in ("x", "X")


_RUN = {"NUM", "OP", "LP", "RP", "EQ", "APPROX"}
_VARS = set("CDNKHWFPSMLB")


def _split_products(tokens: list[Token]) -> list[Token]:
    """``3x3xDxN`` is read by the scanner as 3, x, 3, ``xDxN``: split such words into
    their letters (x a product, each capital a variable)."""
    out = []
    for t in tokens:
        if t.kind == "WORD" and len(t.text) > 1 and "x" in t.text and \
                all(ch == "x" or ch in _VARS for ch in t.text):
            for k, ch in enumerate(t.text):
                out.append(Token("WORD", ch, t.start + k, t.start + k + 1, t.gap if k == 0
                                 else False))
        else:
            out.append(t)
    return out


def _algebraic(tokens: list[Token]) -> bool:
    """Some variable is written as algebra: with a coefficient (9DN, 49C^2) or next to a
    product or power sign (D x N, C^2); not a capitalised word (FC 6, CNN)."""
    for k, t in enumerate(tokens):
        if not _is_var(t):
            continue
        prev = tokens[k - 1] if k else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if prev is not None and prev.kind == "NUM" and not t.gap:
            return True
        for nb in (prev, nxt):
            if nb is not None and (_is_times(nb) or (nb.kind == "OP" and nb.text in "*^")):
                return True
    return False


def _runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Stretches of expression tokens (numbers, capital-letter variables, x, operators,
    brackets, =, comparisons)."""
    out, i, n = [], 0, len(tokens)
    while i < n:
        j = i
        while j < n and (tokens[j].kind in _RUN or _is_var(tokens[j]) or _is_times(tokens[j])
                         or _cmp(tokens[j]) is not None):
            j += 1
        if j > i:
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _cmp(t: Token) -> str | None:
    if t.kind in ("OTHER", "WORD") and t.text in _CMP:
        return _CMP[t.text]
    return None


class Stated(NamedTuple):
    line: int
    poly: Poly
    text: str


_PARSED_KEPT = 4096
_parsed: dict[tuple[Token, ...], Poly | None] = {}


def _parse(side: list[Token]) -> Poly | None:
    """``side`` read as a polynomial, None when it is not one; the last sides' are kept
    (up to ``_PARSED_KEPT``: notes repeat lines, and a Poly is never changed in place)."""
    key = tuple(side)
    if key in _parsed:
        return _parsed[key]
    if len(_parsed) >= _PARSED_KEPT:
        _parsed.clear()
    try:
        got: Poly | None = to_poly(Parser(side, variable=_is_var).parse())
    except Refused:
        got = None
    _parsed[key] = got
    return got


def algebra_tokens(tokens: list[Token]) -> list[Token] | None:
    """A line's tokens with products of symbols split, or None when the line holds no
    algebra (no word, or nothing algebraic): depends on the line alone."""
    if len(tokens) > MAX_TOKENS or not any(t.kind == "WORD" for t in tokens):
        return None
    tokens = _split_products(tokens)
    return tokens if _algebraic(tokens) else None


class Memory:
    """The symbolic costs a section has stated, for a threshold that follows them."""

    def __init__(self) -> None:
        self.stated: list[Stated] = []

    def remember(self, line: int, poly: Poly, text: str) -> None:
        if poly.constant() is not None or not poly.variables():
            return
        self.stated = [s for s in self.stated if s.poly != poly] + [Stated(line, poly, text)]
        self.stated = self.stated[-4:]

    def check_line(self, number: int, raw: str, tokens: list[Token]
                   ) -> tuple[list[Claim], list[Skip]]:
        """The algebra of a line, whose tokens are ``algebra_tokens``' (not None)."""
        if any(_is_var(t) and k + 1 < len(tokens) and tokens[k + 1].kind == "LP"
               and not tokens[k + 1].gap for k, t in enumerate(tokens)):
            return [], [Skip(number, _squash(raw), "a function of a variable (F(x)): "
                                                   "not read as algebra")]
        claims: list[Claim] = []
        skips: list[Skip] = []
        for i, j in _runs(tokens):
            run = tokens[i:j]
            if not any(_is_var(t) for t in run):
                continue
            cmps = [k for k, t in enumerate(run) if _cmp(t) is not None]
            if cmps:
                got = self._threshold(number, raw, run, cmps)
                if isinstance(got, Claim):
                    claims.append(got)
                elif got is not None:
                    skips.append(got)
                continue
            claims += self._identity(number, raw, run, skips)
        return claims, skips

    def _identity(self, number: int, raw: str, run: list[Token], skips: list[Skip]
                  ) -> list[Claim]:
        sides: list[list[Token]] = [[]]
        for t in run:
            if t.kind in ("EQ", "APPROX"):
                sides.append([])
            else:
                sides[-1].append(t)
        sides = [s for s in sides if s]
        polys = [(_parse(side), side) for side in sides]
        for p, side in polys:
            if p is not None:
                self.remember(number, p, _span(raw, side))
        if len(sides) < 2:
            return []
        readable = [(p, s) for p, s in polys if p is not None]
        if len(readable) < len(polys) or \
                not all(any(t.kind == "NUM" for t in s) for _, s in polys):
            skips.append(Skip(number, _span(raw, run), "a formula with symbols not read as "
                                                       "algebra (each side needs a number)"))
            return []
        first, first_side = readable[0]
        out = []
        for p, side in readable[1:]:
            text = f"{_span(raw, first_side)} = {_span(raw, side)}"
            ok = p == first
            out.append(Claim(number, text, "symbolic", _span(raw, side), str(first),
                             "right" if ok else "wrong",
                             f"both sides expanded: {first}" if ok else
                             f"{_span(raw, first_side)} expands to {first}, not {p}"))
        return out

    def _threshold(self, number: int, raw: str, run: list[Token], cmps: list[int]
                   ) -> Claim | Skip | None:
        text = _span(raw, run)
        if len(cmps) != 1:
            return Skip(number, text, "a chain of comparisons")
        k = cmps[0]
        left, right = run[:k], run[k + 1:]
        if right and right[0].kind == "EQ":
            right = right[1:]  # <=
        # VAR < NUM VAR2 (N < 3.6D) or VAR < NUM
        if len(left) != 1 or not _is_var(left[0]) or len(left[0].text) != 1 or \
                not right or right[0].kind != "NUM":
            return Skip(number, text, "an inequality not of the form N < kD")
        var = left[0].text
        claimed = right[0].num
        other = None
        if len(right) == 2 and _is_var(right[1]) and len(right[1].text) == 1:
            other = right[1].text
        elif len(right) != 1:
            return Skip(number, text, "an inequality not of the form N < kD")
        recent = [s for s in self.stated if number - s.line <= WINDOW]
        want = {var} | ({other} if other else set())
        pairs = [(a, b) for a in recent for b in recent
                 if a.line < b.line or (a.line == b.line and a is not b)]
        pairs = [(a, b) for a, b in pairs
                 if a.poly.variables() == want and b.poly.variables() == want]
        if not pairs:
            return Skip(number, text, "no two costs in the lines above to compare")
        a, b = pairs[-1]
        roots = _ratio_roots(a.poly - b.poly, var, other)
        if roots is None:
            return Skip(number, text, f"{a.text} = {b.text} not solved for {var} "
                                      "(not a polynomial of degree 2 or less in the ratio)")
        positive = [r for r in roots if r > 0]
        if len(positive) != 1:
            return Skip(number, text, f"{a.text} = {b.text} has {len(positive)} positive "
                                      f"solutions for {var}")
        root = positive[0]
        unit = other or ""
        exact = _exact_text(root)
        how = (f"{a.text} vs {b.text} (lines {a.line}, {b.line}): their difference "
               f"{b.poly - a.poly} is 0 at {var} = {exact}{unit}")
        if isinstance(root, Fraction) and agrees(root, claimed):
            return Claim(number, text, "symbolic", claimed.text + unit, float(root), "right",
                         how)
        shown = write_like(Fraction(root), claimed) if isinstance(root, Fraction) \
            else f"{root:.{max(claimed.decimals, 2)}f}"
        if not isinstance(root, Fraction) and abs(root - float(claimed.value)) <= \
                float(claimed.precision):
            return Claim(number, text, "symbolic", claimed.text + unit, root, "right", how)
        return Claim(number, text, "symbolic", claimed.text + unit, float(root), "wrong",
                     how + f", not {claimed.text}{unit}",
                     (Edit(number, right[0].start, right[0].end, shown),), shown)


def _ratio_roots(diff: Poly, var: str, other: str | None) -> list | None:
    """Roots t of diff with var = t * other (or of diff in var alone): degree <= 2."""
    coeffs: dict[int, Fraction] = {}
    rest_degree = None
    for m, c in diff.terms.items():
        exps = dict(m)
        a = exps.pop(var, 0)
        b = exps.pop(other, 0) if other else 0
        if exps:
            return None  # a third variable
        total = a + b if other else 0
        if rest_degree is None:
            rest_degree = total
        elif total != rest_degree:
            return None  # not homogeneous: the ratio alone does not decide
        coeffs[a] = coeffs.get(a, Fraction(0)) + c
    # drop the root t = 0 of a common factor t^k
    low = min((d for d, c in coeffs.items() if c != 0), default=None)
    if low is None:
        return None
    coeffs = {d - low: c for d, c in coeffs.items() if c != 0}
    degree = max(coeffs)
    if degree == 1:
        return [-coeffs.get(0, Fraction(0)) / coeffs[1]]
    if degree == 2:
        a2, a1, a0 = coeffs[2], coeffs.get(1, Fraction(0)), coeffs.get(0, Fraction(0))
        disc = a1 * a1 - 4 * a2 * a0
        if disc < 0:
            return []
        num, den = disc.numerator, disc.denominator
        rn, rd = math.isqrt(num), math.isqrt(den)
        if rn * rn == num and rd * rd == den:
            r = Fraction(rn, rd)
            return [(-a1 + r) / (2 * a2), (-a1 - r) / (2 * a2)]
        s = math.sqrt(float(disc))
        return [(-float(a1) + s) / (2 * float(a2)), (-float(a1) - s) / (2 * float(a2))]
    return None


def _exact_text(root) -> str:
    if isinstance(root, Fraction) and root.denominator != 1:
        return f"{root.numerator}/{root.denominator} ≈ {float(root):.3g}"
    return plain(root) if isinstance(root, Fraction) else f"{root:.3g}"


def _span(raw: str, toks: list[Token]) -> str:
    return " ".join(raw[toks[0].start:toks[-1].end].split()) if toks else ""


def _squash(raw: str) -> str:
    return " ".join(raw.split())[:100]


__all__ = ["Memory", "Poly", "Parser"]
