"""A formula against its substitution: ``O = (I - F + 2P)/S + 1 = (5 - 3 + 0)/1 + 1``.

When one side of ``=`` is a formula with letters and the next side is the same formula
with numbers put in, the two are read into trees and compared node by node: every letter
may take any value (or a worked-out part, such as ``0`` for ``2P``), but the constants
the formula writes must stay (``/2`` in the formula and ``/1`` in the substitution do
not: the substitution does not follow the formula). The arithmetic of the substituted
side is judged on its own by ``arith``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.grammar import Node, Parser
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import plain
from cnnstat.notes.reading.numerals import Refused

MAX_TOKENS = 80


class T(NamedTuple):
    op: str  # num var add sub mul div pow neg
    args: tuple = ()
    value: Fraction | None = None
    name: str = ""
    text: str = ""


def _is_letter_var(t: Token) -> bool:
    return t.kind == "WORD" and len(t.text) == 1 and t.text.isalpha() and \
        t.text not in ("x", "X") and not t.text.startswith("\\")


def _tree(toks: list[Token]) -> T:
    """``toks`` read by the one grammar (``grammar.Parser``, letters as symbols), as the
    tree this module compares: brackets dropped, a fraction a division; a scaled number
    (``60M``) or a floor is no part of a formula here."""
    return _from(Parser(toks, variable=_is_letter_var).parse())


def _from(n: Node) -> T:
    if n.op == "num":
        if n.num.unit != 1:
            raise Refused("a scaled number")
        return T("num", value=n.num.value, text=n.num.text)
    if n.op == "var":
        return T("var", name=n.name, text=n.name)
    if n.op == "paren":
        return _from(n.args[0])
    if n.op in ("floor", "ceil", "fn"):  # max(1, 3, 5, 6): a window by hand, no formula's part
        raise Refused("a function" if n.op == "fn" else f"a {n.op}")
    return T("div" if n.op == "frac" else n.op, tuple(_from(a) for a in n.args))


def _has_var(n: T) -> bool:
    return n.op == "var" or any(_has_var(a) for a in n.args)


def _value(n: T) -> Fraction:
    if n.op == "num":
        return n.value
    if n.op == "neg":
        return -_value(n.args[0])
    a, b = (_value(x) for x in n.args)
    if n.op == "add":
        return a + b
    if n.op == "sub":
        return a - b
    if n.op == "mul":
        return a * b
    if n.op == "div":
        if b == 0:
            raise Refused("division by zero")
        return a / b
    if b.denominator != 1 or not 0 <= b <= 16:
        raise Refused("power")
    return a ** int(b)


_OPS = {"add": "+", "sub": "-", "mul": "x", "div": "/", "pow": "^", "neg": "-"}


def _compare(f: T, s: T) -> str | None:
    """None when the substitution ``s`` follows the formula ``f``; else what differs."""
    if f.op == "var":
        return None
    if not _has_var(f):
        try:
            fv, sv = _value(f), _value(s)
        except (Refused, ZeroDivisionError):
            return None
        if fv != sv:
            return f"the formula has {plain(fv)} where the substitution has {plain(sv)}"
        return None
    if f.op == "mul" and s.op == "mul":
        fs, ss = _factors(f), _factors(s)
        if len(fs) != len(ss):
            return None  # the factors do not line up: nothing to compare them by
        for a, b in zip(fs, ss):
            why = _compare(a, b)
            if why:
                return why
        return None
    if f.op == s.op and len(f.args) == len(s.args):
        for a, b in zip(f.args, s.args):
            why = _compare(a, b)
            if why:
                return why
        return None
    return None  # a part with letters, worked out in the substitution (2P -> 0)


def _aligned(f: T, s: T) -> bool:
    """Whether the substitution has the formula's shape at its root (the same operation,
    as many operands or factors): only then does "follows" say anything. A part worked
    out below the root (``2P`` as ``0``) is fine; the whole written in another shape is no
    substitution of it."""
    if f.op != s.op:
        return False
    if f.op == "mul":
        return len(_factors(f)) == len(_factors(s))
    return len(f.args) == len(s.args)


def _factors(n: T) -> list[T]:
    """A product's factors in their order, however it is bracketed by its associativity
    (``49C^2`` against ``49*256*256``); a letter's small whole power counts as that many
    factors of the letter, the way a substitution writes it out (``C^2`` as ``256*256``)."""
    if n.op == "mul":
        return [f for a in n.args for f in _factors(a)]
    if n.op == "pow" and n.args[0].op == "var" and n.args[1].op == "num" and \
            n.args[1].value.denominator == 1 and 1 <= n.args[1].value <= 4:
        return [n.args[0]] * int(n.args[1].value)
    return [n]


def _segments(tokens: list[Token]) -> list[list[Token]]:
    segs: list[list[Token]] = [[]]
    for t in tokens:
        if t.kind in ("EQ", "APPROX"):
            segs.append([])
        elif t.kind in ("HANGUL", "OTHER", "ARROW"):
            segs.append([])  # a clause ends: no formula runs across words or marks
            segs.append([])
        else:
            segs[-1].append(t)
    return segs


def check_line(number: int, raw: str, tokens: list[Token]) -> tuple[list[Claim], list[Skip]]:
    if len(tokens) > MAX_TOKENS or not any(_is_letter_var(t) for t in tokens) or \
            not any(t.kind in ("EQ", "APPROX") for t in tokens):
        return [], []
    claims: list[Claim] = []
    segs = _segments(tokens)
    for a, b in zip(segs, segs[1:]):
        if not a or not b or not any(_is_letter_var(t) for t in a) or \
                any(_is_letter_var(t) for t in b) or \
                not any(t.kind == "OP" or t.kind == "FRAC" for t in a) or \
                not any(t.kind == "NUM" for t in b) or not any(t.kind == "OP" for t in b):
            continue
        # the formula side starts after its label: take the longest parsable tail
        formula = None
        for start in range(len(a)):
            if start and a[start].kind == "NUM" and not a[start].gap and \
                    a[start - 1].kind == "WORD":
                continue  # "r_1 + (k - 1)": a letter's subscript, no number of its own
            try:
                formula = _tree(a[start:])
                a = a[start:]
                break
            except Refused:
                continue
        try:
            subst = _tree(b)
        except Refused:
            continue
        if formula is None or formula.op in ("var", "num"):
            continue
        if not _aligned(formula, subst):
            continue  # "L - k + 1 = 100 - 5": not the formula's shape; no part lines up
        text = f"{_span(raw, a)} = {_span(raw, b)}"
        why = _compare(formula, subst)
        claims.append(Claim(number, text, "formula", _span(raw, b), _span(raw, a),
                            "wrong" if why else "right",
                            (why + ": the substitution does not follow the formula")
                            if why else "the substitution follows the formula"))
    return claims, []


def _span(raw: str, toks: list[Token]) -> str:
    return " ".join(raw[toks[0].start:toks[-1].end].split())
