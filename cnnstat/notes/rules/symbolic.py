"""Symbolic claims: identities with variables and a threshold stated after two costs.

``3 x 3 x D x N + 4(3 x 3 x N x N) = 9DN + 36N^2`` and ``7^2 C^2 = 49C^2`` are read
into polynomials (exact rational coefficients, a small algebra of our own: no ``eval``,
no ``sympify``) and both sides expanded and compared. The results a section states
(``121DN``, ``9DN + 36N^2``) are remembered; a following threshold such as
``N < 3.6D`` is checked by solving "one cost = the other" for the ratio of the two
variables (``36N^2 = 112DN``: ``N = 112D/36 ≈ 3.11D``).

Only what reads without ambiguity is judged: every side must hold a number, variables
are capital letters (``C``, ``D``, ``N``, ``K``, ``H``, ``W``; ``CCHW`` is C*C*H*W), a
lowercase letter only where the note defined it (``Let m = C/4, g = 2, C = 16``) or
writes it as algebra (``n + (n - 1) = 2n - 1``), and a letter followed by a bracket of
one letter (``F(x)``, ``H(x)``) is a function, so the line is left alone. Sides that
differ only where the note's values are put in (``9CCHW = 2304HW`` with ``C = 16``) are
right with them; sides of different letters with no value given are unsure (a value may
be meant); ``2/4g`` is also read as 2/(4g), the letter bound to its coefficient.
"""

from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.grammar import Parser
from cnnstat.notes.reading.normalise import Token, scan
from cnnstat.notes.reading.numerals import Refused
from cnnstat.notes.rules.poly import Poly, to_poly
from cnnstat.notes.rules.thresholds import span as _span, threshold

MAX_TOKENS = 120
_CMP = {"<": "<", ">": ">", "≤": "<=", "≥": ">=", "⩽": "<=", "⩾": ">=", "\\lt": "<",
        "\\gt": ">", "\\le": "<=", "\\leq": "<=", "\\ge": ">=", "\\geq": ">="}


def _is_var(t: Token, lower: frozenset[str] = frozenset()) -> bool:
    """``D``, ``N``, ``DN``, ``CCHW``: capital letters, each one variable (not X, a
    product); with ``lower``, the lowercase letters that are variables on this line
    (``2mC``, ``9mm`` after "let m = C/4"; ``2n - 1``)."""
    return t.kind == "WORD" and 1 <= len(t.text) <= 6 and \
        all(ch in _VARS or ch in lower for ch in t.text)


_ANY_LOWER = frozenset("abcdfghijklmnopqrstuvwyz")  # not x (a product) nor e
_DEF = re.compile(r"(?<![A-Za-z0-9_])([A-Za-z])\s*=\s*([0-9]{1,4}(?:\s*/\s*[0-9]{1,4})?|"
                  r"[A-Z]\s*/\s*[0-9]{1,3}|[0-9]{1,3}\s*[A-Z])(?=\s*(?:[,.;:)]|$|and\b|이고|일\s*때|"
                  r"이면|이라면))")
_LET = re.compile(r"\s*(?:let|where|단)\b", re.I)
_GIVEN_BEFORE = re.compile(r"(?:\bfor|\bwith|\bwhere|\bwhen|\bif|\blet|단,?|\()\s*$", re.I)
_GIVEN_AFTER = re.compile(r"\s*(?::|\)|일\s*때|이면|이라면)")


def _lone_letters(tokens: list[Token]) -> set[str]:
    """Lowercase letters written as algebra on the line: next to an operator, a bracket,
    '=' or a coefficient (``n + (n-1) = 2n-1``), not a word of prose (``a 3x3 conv``)."""
    out = set()
    for k, t in enumerate(tokens):
        if t.kind != "WORD" or len(t.text) != 1 or t.text not in _ANY_LOWER:
            continue
        near = [tokens[k - 1]] if k else []
        near += [tokens[k + 1]] if k + 1 < len(tokens) else []
        if near and all(nb.kind in ("OP", "LP", "RP", "EQ", "APPROX") or
                        (nb.kind == "NUM" and not (t.gap if nb is near[0] and k else
                                                   nb.gap)) for nb in near):
            out.add(t.text)
    return out


def _is_times(t: Token | None) -> bool:
    return t is not None and t.kind == "WORD" and t.text in ("x", "X")


_RUN = {"NUM", "OP", "LP", "RP", "EQ", "APPROX"}
_VARS = set("CDNKHWFPSMLB")


def _split_products(tokens: list[Token]) -> list[Token]:
    """``3x3xDxN`` is read by the scanner as 3, x, 3, ``xDxN``: split such words into
    their letters (x a product, each capital a variable)."""
    if not any(t.kind == "WORD" and "x" in t.text for t in tokens):
        return list(tokens)  # no such word: the tokens as they are
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


def _maybe_var(t: Token) -> bool:
    """A line's first look: capitals, or a word of one or two letters (2n, 2mC, 9mm)."""
    return _is_var(t) or (t.kind == "WORD" and len(t.text) <= 3 and
                          all(ch in _VARS or ch in _ANY_LOWER for ch in t.text))


def _algebraic(tokens: list[Token], is_var=_maybe_var) -> bool:
    """Some variable is written as algebra: with a coefficient (9DN, 49C^2) or next to a
    product or power sign (D x N, C^2); not a capitalised word (FC 6, CNN)."""
    last = len(tokens) - 1
    for k, t in enumerate(tokens):
        if t.kind != "WORD":
            continue
        # the neighbours first (most words have none of these), then the word
        prev = tokens[k - 1] if k else None
        if prev is not None and ((prev.kind == "NUM" and not t.gap) or _product_sign(prev)):
            if is_var(t):
                return True
        elif k < last and _product_sign(tokens[k + 1]) and is_var(t):
            return True
    return False


def _product_sign(t: Token) -> bool:
    """``x`` between factors, ``*`` or ``^``."""
    return (t.kind == "WORD" and t.text in ("x", "X")) or (t.kind == "OP" and t.text in "*^")


def _label_digits(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` is the digits that end a name (``conv1_1``, ``pool1``,
    ``layer3``): a number glued to a word of two letters or more, or to ``_``."""
    t = tokens[i]
    if t.kind != "NUM" or t.gap or not i or tokens[i - 1].kind != "WORD":
        return False
    word = tokens[i - 1].text
    return word == "_" or (len(word) >= 2 and word.isalpha() and word.lower() != "x")


def _runs(tokens: list[Token], is_var=_is_var) -> list[tuple[int, int]]:
    """Stretches of expression tokens (numbers, capital-letter variables, x, operators,
    brackets, =, comparisons)."""
    out, i, n = [], 0, len(tokens)
    while i < n:
        if _label_digits(tokens, i):
            # "conv1_1 r = 3", "pool1 (2x2/2) r = 6": a name's digits are no coefficient,
            # and the brackets right after the name gloss it
            i += 1
            if i < n and tokens[i].kind == "LP":
                depth = 0
                for k in range(i, n):
                    depth += (tokens[k].kind == "LP") - (tokens[k].kind == "RP")
                    if depth == 0:
                        i = k + 1
                        break
            continue
        j = i
        while j < n and (tokens[j].kind in _RUN or is_var(tokens[j]) or _is_times(tokens[j])
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
_parsed: dict[tuple, Poly | None] = {}


def _parse(side: list[Token], lower: frozenset[str] = frozenset(),
           defs: tuple[tuple[str, Poly], ...] = ()) -> Poly | None:
    """``side`` read as a polynomial (the letters ``defs`` defines put in), None when it
    is not one; the last sides' are kept (up to ``_PARSED_KEPT``: notes repeat lines,
    and a Poly is never changed in place)."""
    key = (tuple(side), lower, defs)
    if key in _parsed:
        return _parsed[key]
    if len(_parsed) >= _PARSED_KEPT:
        _parsed.clear()
    try:
        got: Poly | None = to_poly(Parser(side, variable=partial(_is_var, lower=lower)).parse(),
                                   dict(defs))
    except Refused:
        got = None
    _parsed[key] = got
    return got


def _subst(p: Poly, defs: dict[str, Poly]) -> Poly:
    """``p`` with the defined letters put in."""
    out = Poly()
    for m, c in p.terms.items():
        term = Poly.const(c)
        for v, e in m:
            term = term * (defs[v] if v in defs and v not in defs[v].variables()
                           else Poly.var(v)).power(e)
        out = out + term
    return out


def _unglossed(run: list[Token]) -> list[Token]:
    """The run without a value given in brackets (``9C^2 = 36864 (C = 64)``)."""
    for k in range(len(run) - 4):
        a, v, eq, n, b = run[k:k + 5]
        if a.kind == "LP" and v.kind == "WORD" and len(v.text) == 1 and eq.kind == "EQ" and \
                n.kind == "NUM" and b.kind == "RP":
            return run[:k] + run[k + 5:]
    return run


def _whole(p: Poly) -> bool:
    """Whole coefficients: no division left a fraction (a size formula floors)."""
    return all(c.denominator == 1 for c in p.terms.values())


def _tight(side: list[Token]) -> list[Token]:
    """``2/4g`` read as 2/(4g): a coefficient written against its letter after ``/``."""
    out: list[Token] = []
    k = 0
    while k < len(side):
        t = side[k]
        out.append(t)
        if t.kind == "OP" and t.text == "/" and k + 2 < len(side) and \
                side[k + 1].kind == "NUM" and side[k + 2].kind == "WORD" and \
                not side[k + 1].gap and not side[k + 2].gap:
            a, b = side[k + 1], side[k + 2]
            out += [Token("LP", "(", a.start, a.start, False), a, b,
                    Token("RP", ")", b.end, b.end, False)]
            k += 3
            continue
        k += 1
    return out


def algebra_tokens(tokens: list[Token]) -> list[Token] | None:
    """A line's tokens with products of symbols split, or None when the line holds no
    algebra (no word, or nothing algebraic): depends on the line alone."""
    if len(tokens) > MAX_TOKENS or not any(t.kind == "WORD" for t in tokens):
        return None
    tokens = _split_products(tokens)
    return tokens if _algebraic(tokens) else None


class Memory:
    """The symbolic costs a section has stated, for a threshold that follows them, and the
    letters it defined (``Let m = C/4, g = 2, C = 16``)."""

    def __init__(self) -> None:
        self.stated: list[Stated] = []
        self.defs: dict[str, Poly] = {}
        self.lower: frozenset[str] = frozenset()  # the lowercase letters it defined
        self.defined_at = -100  # the last line that gave a letter a value
        self._worked: tuple[tuple, tuple] = ((), ())  # the definitions, worked out

    def remember(self, line: int, poly: Poly, text: str) -> None:
        if poly.constant() is not None or not poly.variables():
            return
        self.stated = [s for s in self.stated if s.poly != poly] + [Stated(line, poly, text)]
        self.stated = self.stated[-4:]

    def define(self, number: int, masked: str) -> None:
        """A line of definitions (each letter = a number, or a letter over a number), or
        one value said to hold (``for C = 32:``, ``(C = 16)``, ``C = 16일 때``)."""
        found = list(_DEF.finditer(masked)) if "=" in masked else []
        if not found:
            return  # most lines: nothing defined, the definitions as they were
        if len(found) == 1 and not _LET.match(masked):
            found = [m for m in found if _GIVEN_BEFORE.search(masked[:m.start()]) or
                     _GIVEN_AFTER.match(masked, m.end())]
        if found:
            self.defined_at = number
        for name, value in (m.groups() for m in found):
            lower = self.lower | ({name} if name.islower() else set())
            got = _parse(_split_products(scan(value)), lower, self._defs())
            if got is not None:
                self.defs[name] = got
                self.lower = lower
        self.defs = dict(list(self.defs.items())[-8:])

    def _defs(self) -> tuple[tuple[str, Poly], ...]:
        """The definitions, each with the letters defined before it put in (C = 16 after
        m = C/4 makes m 4); worked out once until a definition changes."""
        key = tuple(self.defs.items())
        if self._worked[0] != key:
            out: dict[str, Poly] = {}
            for _ in range(3):
                out = {k: _subst(v, {**self.defs, **out}) for k, v in self.defs.items()}
            self._worked = (key, tuple(sorted(out.items(), key=lambda kv: kv[0])))
        return self._worked[1]

    def check_line(self, number: int, raw: str, tokens: list[Token]
                   ) -> tuple[list[Claim], list[Skip]]:
        """The algebra of a line, whose tokens are ``algebra_tokens``' (not None)."""
        lower = self.lower | frozenset(_lone_letters(tokens))
        var = partial(_is_var, lower=lower)
        if any(k + 3 < len(tokens) and tokens[k + 1].kind == "LP" and not tokens[k + 1].gap
               and tokens[k + 2].kind == "WORD" and tokens[k + 3].kind == "RP" and var(t)
               for k, t in enumerate(tokens)):  # the brackets, then the letter
            return [], [Skip(number, _squash(raw), "a function of a variable (F(x)): "
                                                   "not read as algebra")]
        claims: list[Claim] = []
        skips: list[Skip] = []
        for i, j in _runs(tokens, var):
            run = tokens[i:j]
            if not any(var(t) for t in run):
                continue
            cmps = [k for k, t in enumerate(run) if _cmp(t) is not None]
            if cmps:
                got = self._threshold(number, raw, run, cmps)
                if isinstance(got, Claim):
                    claims.append(got)
                elif got is not None:
                    skips.append(got)
                continue
            claims += self._identity(number, raw, _unglossed(run), skips, lower)
        return claims, skips

    def _identity(self, number: int, raw: str, run: list[Token], skips: list[Skip],
                  lower: frozenset[str]) -> list[Claim]:
        sides: list[list[Token]] = [[]]
        for t in run:
            if t.kind in ("EQ", "APPROX"):
                sides.append([])
            else:
                sides[-1].append(t)
        sides = [s for s in sides if s]
        defs = self._defs()
        polys = [(_parse(side, lower), side) for side in sides]
        put_in = [[q for q in (_parse(side, lower, defs), _parse(_tight(side), lower, defs))
                   if q is not None] if defs else [] for side in sides]
        for p, side in polys:
            if p is not None:
                self.remember(number, p, _span(raw, side))
        if len(sides) < 2:
            return []
        if any(p is None and not q for (p, _), q in zip(polys, put_in)) or \
                not all(any(t.kind == "NUM" for t in s) for _, s in polys):
            skips.append(Skip(number, _span(raw, run), "a formula with symbols not read as "
                                                       "algebra (each side needs a number)"))
            return []
        (first, first_side), first_in = polys[0], put_in[0]
        out = []
        for (p, side), p_in in zip(polys[1:], put_in[1:]):
            text = f"{_span(raw, first_side)} = {_span(raw, side)}"
            if first is not None and p == first:
                out.append(Claim(number, text, "symbolic", _span(raw, side), str(first),
                                 "right", f"both sides expanded: {first}"))
            elif any(a == b for a in first_in for b in p_in):
                shown = ", ".join(f"{k} = {v}" for k, v in defs)
                both = next(b for b in p_in if b in first_in)
                out.append(Claim(number, text, "symbolic", _span(raw, side), str(both),
                                 "right", f"with {shown}: both sides {both}"))
            elif first is not None and p is not None and first.variables() == p.variables():
                out.append(Claim(number, text, "symbolic", _span(raw, side), str(first),
                                 "wrong", f"{_span(raw, first_side)} expands to {first}, "
                                          f"not {p}"))
            elif first_in and p_in and number - self.defined_at <= 12 and \
                    all(_whole(a) and _whole(b) and a.variables() ==
                                           b.variables() for a in first_in for b in p_in):
                shown = ", ".join(f"{k} = {v}" for k, v in defs)
                out.append(Claim(number, text, "symbolic", _span(raw, side), str(first_in[0]),
                                 "wrong", f"with {shown}: {_span(raw, first_side)} is "
                                          f"{first_in[0]}, not {p_in[0]}"))
            else:
                skips.append(Skip(number, text, "unsure: the sides differ where a value of a "
                                                "letter may be meant"))
        return out

    def _threshold(self, number: int, raw: str, run: list[Token], cmps: list[int]
                   ) -> Claim | Skip | None:
        return threshold(number, raw, run, cmps, self.stated, _is_var)


def _squash(raw: str) -> str:
    return " ".join(raw.split())[:100]


__all__ = ["Memory", "Poly", "Parser"]
