"""The one expression grammar of the notes checker: a run of ``normalise.Token``s becomes
a tree (``Node``), and ``value`` evaluates it exactly, with ``fractions.Fraction``.
Nothing is ever passed to ``eval``; every intermediate value is bounded, so
``9**9**9**9`` is refused at once instead of being computed.

Grammar (the tokens are already in one form: every notation of an operator is ``*``,
``/``, ``+``, ``-`` or ``^``)::

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '/') unary | '(' expr ')')*     # 4(3 x 3): implicit product
    unary  := ('-' | '+') unary | power
    power  := atom ('^' unary)?                            # right-associative, bounded
    atom   := NUM | '(' expr ')' | '{' expr '}' | '{' expr '\\over' expr '}'
            | '\\frac' '{' expr '}' '{' expr '}' | '⌊' expr '⌋' | '⌈' expr '⌉'
            | VAR                                          # with symbols (formulas)
            | FN '(' expr (',' expr)* ')'                  # max(1, 3, 5, 6): calls.py

With symbols, ``term`` also reads ``x`` as a product and operands side by side
(``2P``, ``9DN``); ``formula`` compares two such trees and ``symbolic`` folds one into a
polynomial: one grammar for numbers, formulas and algebra.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable, NamedTuple

from cnnstat.notes.reading.normalise import Token, scan
from cnnstat.notes.reading.numerals import Number, Refused

LIMIT = Fraction(10) ** 30  # bound on every value and intermediate result
MAX_TOKENS = 200
MAX_NESTING = 40
# the tokens an expression is made of
EXPRESSION_KINDS = frozenset(("NUM", "OP", "LP", "RP", "LB", "RB", "FRAC", "FL", "FR", "CL", "CR",
                              "OVER", "FN", "SEP"))


class Node(NamedTuple):
    op: str  # num var neg add sub mul div pow paren frac floor ceil fn
    args: tuple = ()
    num: Number | None = None
    name: str = ""  # a variable's name (op "var")


class Parser:
    """Recursive descent over a run of tokens; raises ``Refused`` on anything else.

    With ``variable`` (which tokens are symbols: ``formula``'s letters, ``symbolic``'s
    capitals) the same grammar reads formulas: a symbol is an atom, a word ``x`` between
    operands multiplies, and operands written side by side multiply (``2P``, ``9DN``,
    ``3²C²``). Without it only numbers are atoms, and only ``4(3 x 3)`` is a product
    written without its sign."""

    def __init__(self, tokens: list[Token],
                 variable: Callable[[Token], bool] | None = None) -> None:
        if len(tokens) > MAX_TOKENS:
            raise Refused(f"expression longer than {MAX_TOKENS} tokens")
        self.toks = tokens
        self.pos = 0
        self.depth = 0
        self.variable = variable

    def _times(self, tok: Token) -> bool:
        """``*`` or ``/``; with symbols also the word ``x`` (``3x3xDxN``)."""
        return (tok.kind == "OP" and tok.text in ("*", "/")) or \
            (self.variable is not None and tok.kind == "WORD" and tok.text in ("x", "X"))

    def _side_by_side(self, tok: Token, node: Node) -> bool:
        """An operand right after another, which multiplies it."""
        if self.variable is None:
            return tok.kind == "LP" and node.op == "num"  # 4(3 x 3)
        return tok.kind in ("LP", "NUM", "FRAC") or self.variable(tok)

    def parse(self) -> Node:
        if not self.toks:
            raise Refused("empty expression")
        node = self.expr()
        if self.pos != len(self.toks):
            raise Refused(f"unexpected {self.toks[self.pos].text!r}")
        return node

    def peek(self) -> Token | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self, kind: str | None = None) -> Token:
        tok = self.peek()
        if tok is None or (kind and tok.kind != kind):
            raise Refused("expression ends too early" if tok is None
                          else f"unexpected {tok.text!r}")
        self.pos += 1
        return tok

    def is_op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "OP" and tok.text in ops

    def nest(self):
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise Refused("expression nested too deeply")

    def expr(self) -> Node:
        node = self.term()
        while self.is_op("+", "-"):
            op = self.take().text
            node = Node("add" if op == "+" else "sub", (node, self.term()))
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            tok = self.peek()
            if tok is None:
                return node
            if self._times(tok):
                self.pos += 1
                after = self.peek()
                if tok.text == "/" and after is not None and after.kind == "OP" and \
                        after.text == "/" and after.start == tok.end:
                    self.pos += 1  # "(227 - 11) // 4": Python's floor division
                    node = Node("floor", (Node("div", (node, self.unary())),))
                    continue
                node = Node("div" if tok.text == "/" else "mul", (node, self.unary()))
            elif self._side_by_side(tok, node):
                node = Node("mul", (node, self.atom() if self.variable is None
                                    else self.power()))
            else:
                return node

    def unary(self) -> Node:
        if self.is_op("-", "+"):
            op = self.take().text
            self.nest()
            inner = self.unary()
            self.depth -= 1
            return Node("neg", (inner,)) if op == "-" else inner
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.is_op("^"):
            self.take()
            self.nest()
            exp = self.unary()
            self.depth -= 1
            return Node("pow", (base, exp))
        return base

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "NUM":
            return Node("num", num=tok.num)
        if self.variable is not None and self.variable(tok):
            return Node("var", name=tok.text)
        if tok.kind in ("LP", "LB", "FL", "CL"):
            close = {"LP": "RP", "LB": "RB", "FL": "FR", "CL": "CR"}[tok.kind]
            self.nest()
            inner = self.expr()
            if tok.kind == "LB" and self.peek() is not None and self.peek().kind == "OVER":
                self.take()  # {a \over b}: TeX's fraction
                inner = Node("frac", (inner, self.expr()))
            self.take(close)
            self.depth -= 1
            return Node({"FL": "floor", "CL": "ceil"}.get(tok.kind, "paren"), (inner,))
        if tok.kind == "FN":  # max(1, 3, 5, 6), avg(...): a pooling window by hand
            self.take("LP")
            self.nest()
            items = [self.expr()]
            while self.peek() is not None and self.peek().kind == "SEP":
                self.take()
                items.append(self.expr())
            self.take("RP")
            self.depth -= 1
            return Node("fn", tuple(items), name=tok.text)
        if tok.kind == "FRAC":
            self.take("LB")
            num = self.expr()
            self.take("RB")
            self.take("LB")
            den = self.expr()
            self.take("RB")
            return Node("frac", (num, den))
        raise Refused(f"unexpected {tok.text!r}")


_FUNCTIONS: dict[str, Callable[[list[Fraction]], Fraction]] = {
    "max": max, "min": min, "sum": sum,
    "avg": lambda v: sum(v) / len(v), "mean": lambda v: sum(v) / len(v),
    "average": lambda v: sum(v) / len(v)}
_BOUND = int(LIMIT)  # LIMIT is whole: compared in integers (a Fraction's test costs)


def _check(v: Fraction) -> Fraction:
    n, d = v.numerator, v.denominator  # |n/d| > LIMIT, d > 0, is |n| > LIMIT * d
    if d > _BOUND or (n if n >= 0 else -n) > _BOUND * d:
        raise Refused("a value in the expression is beyond 10^30")
    return v


def output_size_form(node: Node) -> bool:
    """``(W - K + 2P) / S + 1``: a parenthesised (or \\frac) quotient plus one. Written so
    in a note it is the output-size rule of convolution and pooling, which floors."""
    if node.op != "add":
        return False
    left, right = node.args
    if not (right.op == "num" and right.num.value == 1):
        return False
    if left.op == "frac":
        return True
    return left.op == "div" and left.args[0].op == "paren"


def value(node: Node, floor_division: bool = False) -> Fraction:
    """Evaluate exactly; with ``floor_division`` the quotient of an output-size formula
    (see ``output_size_form``) is floored, as convolution computes it."""
    if floor_division and output_size_form(node):
        quotient = node.args[0]
        a, b = quotient.args
        den = value(b)
        if den == 0:
            raise Refused("division by zero")
        return _check(Fraction(math.floor(value(a) / den)) + 1)
    op = node.op
    if op == "num":
        return _check(node.num.value)
    if op == "var":
        raise Refused(f"{node.name} is a symbol, not a number")
    if op in ("paren",):
        return value(node.args[0])
    if op == "floor":
        return Fraction(math.floor(value(node.args[0])))
    if op == "ceil":
        return Fraction(math.ceil(value(node.args[0])))
    if op == "neg":
        return -value(node.args[0])
    if op == "fn":
        items = [value(a) for a in node.args]
        return _check(_FUNCTIONS[node.name](items))
    if op == "pow":
        base, exp = value(node.args[0]), value(node.args[1])
        if exp.denominator != 1 or exp < 0 or exp > 64:
            raise Refused("only whole exponents from 0 to 64 are computed")
        if base != 0 and int(exp) * math.log10(abs(float(base)) or 1) > 30:
            raise Refused("a power beyond 10^30 is refused")
        got = base ** int(exp)
        if got.denominator > _BOUND and abs(got) * 10 ** 9 >= 1:
            # a decimal's power (0.9^50): exact to 10^-18, beyond the digits a note writes
            got = got.limit_denominator(10 ** 18)
        return _check(got)
    a, b = value(node.args[0]), value(node.args[1])
    if op == "add":
        return _check(a + b)
    if op == "sub":
        return _check(a - b)
    if op == "mul":
        return _check(a * b)
    if op in ("div", "frac"):
        if b == 0:
            raise Refused("division by zero")
        return _check(a / b)
    raise Refused(f"unknown operation {op}")  # pragma: no cover


def has_operator(node: Node) -> bool:
    if node.op == "num":
        return False
    if node.op in ("paren", "neg"):
        return has_operator(node.args[0])
    return True


def count_ops(node: Node) -> set[str]:
    ops = set() if node.op in ("num",) else {node.op}
    for a in node.args:
        ops |= count_ops(a)
    return ops


def evaluate(text: str) -> Fraction:
    """Evaluate one expression as a note writes it (``(227 - 11) / 4 + 1``, ``3 x 3 x 256
    x 128``, ``\\frac{10}{4}``, ``2억 5000만``). Output-size formulas floor. Raises
    ``Refused`` on anything it will not read, at once for ``9**9**9**9``."""
    toks = scan(text)
    bad = next((t for t in toks if t.kind not in EXPRESSION_KINDS), None)
    if bad is not None:
        raise Refused(f"unexpected {bad.text!r}")
    return value(Parser(toks).parse(), floor_division=True)

