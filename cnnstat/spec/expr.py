"""A tiny, bounded arithmetic evaluator for spec variables and block arguments.

Grammar (nothing else is accepted, and nothing is ever passed to ``eval``)::

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '/' | '//') unary)*
    unary  := '-' unary | atom
    atom   := NUMBER | '$' NAME | FUNC '(' expr (',' expr)* ')' | '(' expr ')'
    NUMBER := digits, optionally with a decimal part: 32, 0.75

Arithmetic is exact, on rational numbers: ``/`` divides exactly and ``0.75`` is 3/4, so
``$c * 0.75`` gives the same number on every machine. ``//`` is floor division. The
functions (``FUNCTIONS``) are the roundings width and depth multipliers need, among them
``make_divisible(v, divisor[, min_value])``, torchvision's ``_make_divisible``: ``v``
rounded to the nearest multiple of ``divisor`` (halves up), at least ``min_value``
(default ``divisor``), plus one ``divisor`` when that lost more than 10 % of ``v``.

A layer argument that must be an integer refuses a non-integral result (say ``floor``,
``ceil``, ``round`` or ``make_divisible``). Every intermediate value, numerator and
denominator is bounded by ``LIMIT`` so a spec cannot make the tool hang.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from fractions import Fraction
from functools import lru_cache

from cnnstat.errors import SpecError

LIMIT = 10**15
MAX_LEN = 500
MAX_ARGS = 3
MAX_NESTING = 50
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|\$([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)"
                    r"|(//|[-+*/(),])|(\S))")
Number = int | Fraction
MAX_EXPONENT = 30  # 2.5e-05 and 1e6 are written so; a bigger exponent is a typo or an attack


def make_divisible(v: Fraction, divisor: Fraction, min_value: Fraction | None = None) -> int:
    """torchvision's ``_make_divisible``, in exact arithmetic."""
    if divisor <= 0 or divisor.denominator != 1:
        raise SpecError(f"make_divisible's divisor must be a positive integer, not {divisor}")
    low = divisor if min_value is None else min_value
    new = max(low, math.floor(v + divisor / 2) // divisor * divisor)
    if new < Fraction(9, 10) * v:
        new += divisor
    return int(new)


FUNCTIONS: dict[str, tuple[Callable[..., Number], int, int]] = {
    # name: (function, fewest arguments, most arguments)
    "make_divisible": (make_divisible, 2, 3),
    "floor": (math.floor, 1, 1),
    "ceil": (math.ceil, 1, 1),
    "round": (round, 1, 1),  # halves to even, as Python's round
    "min": (min, 2, MAX_ARGS),
    "max": (max, 2, MAX_ARGS),
}


def _tokens(text: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for number, name, func, op, bad in _TOKEN.findall(text):
        if number:
            mantissa, _, exponent = number.lower().partition("e")
            if len(mantissa) > 16:
                raise SpecError(f"number {number[:20]}... in expression {text!r} is too large")
            digits = exponent.lstrip("+-").lstrip("0")
            if len(digits) > 3 or (digits and int(digits) > MAX_EXPONENT):  # 1e-05, not 1e999
                raise SpecError(f"number {number[:20]} in expression {text!r}: the exponent "
                                f"must be from -{MAX_EXPONENT} to {MAX_EXPONENT}")
            out.append(("num", Fraction(number)))
        elif name:
            out.append(("name", name))
        elif func:
            out.append(("func", func))
        elif op:
            out.append(("op", op))
        elif bad:
            raise SpecError(f"unexpected character {bad!r} in expression {text!r}; "
                            "expressions may use numbers, $arguments, + - * / // ( ) and "
                            f"the functions {', '.join(FUNCTIONS)}")
    return out


def _show(token: object) -> str:
    return str(token) if isinstance(token, Fraction) else repr(token)


def exact(value: object) -> Fraction | None:
    """A spec value as an exact number (a YAML float is read as the decimal written), or
    None if it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, float) and math.isfinite(value):
        return Fraction(repr(value))
    return None


def plain(value: Number) -> Number:
    """An exact result as an int when it is one."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    return value


def evaluate(text: str, env: Mapping[str, object]) -> Number:
    """Evaluate ``text`` with variables ``env``: an int, or an exact Fraction when the
    result is not integral. Raise SpecError on anything odd. (Parsed once per text: specs
    repeat the same expressions in every block.)"""
    if len(text) > MAX_LEN:
        raise SpecError(f"expression is longer than {MAX_LEN} characters")
    return plain(_value(_parse(text), env, text))


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple:
    """``text`` as a tree: ("num", v), ("name", n), ("neg", t), ("op", op, l, r),
    ("call", name, args)."""
    toks = _tokens(text)
    depth = 0
    for tok in toks:
        depth += {("op", "("): 1, ("op", ")"): -1}.get(tok, 0)  # type: ignore[arg-type]
        if depth > MAX_NESTING:
            raise SpecError(f"expression {text[:40]!r}... nests parentheses more than "
                            f"{MAX_NESTING} deep")
    pos = 0

    def peek() -> tuple[str, object] | None:
        return toks[pos] if pos < len(toks) else None

    def take() -> tuple[str, object]:
        nonlocal pos
        if pos >= len(toks):
            raise SpecError(f"expression {text!r} ends too early")
        pos += 1
        return toks[pos - 1]

    def expect(op: str) -> None:
        if peek() != ("op", op):
            hint = ""
            if op == ")" and "," not in text:
                hint = ("; inside a YAML flow mapping { }, a comma ends the value: quote an "
                        'expression with commas, out: "make_divisible($c * $w, 8)"')
            raise SpecError(f"missing {op!r} in expression {text!r}{hint}")
        take()

    def call(name: str) -> tuple:
        if name not in FUNCTIONS:
            raise SpecError(f"unknown function {name!r} in expression {text!r} (functions: "
                            f"{', '.join(FUNCTIONS)})")
        _, fewest, most = FUNCTIONS[name]
        expect("(")
        args = [expr()]
        while peek() == ("op", ","):
            take()
            args.append(expr())
        expect(")")
        if not fewest <= len(args) <= most:
            count = str(fewest) if fewest == most else f"{fewest} to {most}"
            raise SpecError(f"{name} takes {count} arguments, not {len(args)}, in {text!r}")
        return ("call", name, tuple(args))

    def atom() -> tuple:
        kind, val = take()
        if kind == "num":
            return ("num", plain(val))  # type: ignore[arg-type]
        if kind == "name":
            return ("name", val)
        if kind == "func":
            return call(val)  # type: ignore[arg-type]
        if val == "(":
            v = expr()
            expect(")")
            return v
        raise SpecError(f"unexpected {_show(val)} in expression {text!r}")

    def unary() -> tuple:
        sign = False
        while peek() == ("op", "-"):
            take()
            sign = not sign
        v = atom()
        return ("neg", v) if sign else v

    def term() -> tuple:
        v = unary()
        while peek() in (("op", "*"), ("op", "/"), ("op", "//")):
            op = take()[1]
            v = ("op", op, v, unary())
        return v

    def expr() -> tuple:
        v = term()
        while peek() in (("op", "+"), ("op", "-")):
            op = take()[1]
            v = ("op", op, v, term())
        return v

    if not toks:
        raise SpecError("empty expression")
    tree = expr()
    if pos != len(toks):
        raise SpecError(f"unexpected {_show(toks[pos][1])} in expression {text!r}")
    return tree


def _value(tree: tuple, env: Mapping[str, object], text: str) -> Number:
    """A parsed expression's exact value (int while it stays integral)."""

    def check(v: Number) -> Number:
        if abs(v) > LIMIT or (isinstance(v, Fraction) and v.denominator > LIMIT):
            raise SpecError(f"expression {text!r} gives a value beyond {LIMIT:,} (or a "
                            f"fraction finer than 1/{LIMIT:,})")
        return v

    def value(t: tuple) -> Number:
        tag = t[0]
        if tag == "num":
            return check(t[1])
        if tag == "name":
            name = t[1]
            if name not in env:
                known = ", ".join(f"${k}" for k in sorted(env)) or "none"
                raise SpecError(f"unknown argument ${name} in expression {text!r} "
                                f"(arguments here: {known})")
            raw = env[name]
            v = raw if type(raw) is int else exact(raw)
            if v is None:
                raise SpecError(f"argument ${name} is {raw!r}, not a number, in {text!r}")
            return check(plain(v))
        if tag == "neg":
            return -value(t[1])
        if tag == "call":
            fn = FUNCTIONS[t[1]][0]
            return check(plain(Fraction(fn(*(Fraction(value(a)) for a in t[2])))))
        op, lhs, rhs = t[1], value(t[2]), value(t[3])
        if op == "+":
            return check(lhs + rhs)
        if op == "-":
            return check(lhs - rhs)
        if op == "*":
            return check(plain(lhs * rhs))
        if rhs == 0:
            raise SpecError(f"division by zero in expression {text!r}")
        if op == "//":
            return check(lhs // rhs)
        return check(plain(Fraction(lhs, rhs) if isinstance(lhs, int) and isinstance(rhs, int)
                           else Fraction(lhs) / rhs))

    return value(tree)


def is_expression(value: object) -> bool:
    """A string that should be evaluated: it mentions an argument, an operator or a
    function call."""
    return isinstance(value, str) and bool(re.search(r"[$+*/()]|\d\s*-", value))
