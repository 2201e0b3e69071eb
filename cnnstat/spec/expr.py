"""A tiny, bounded arithmetic evaluator for block arguments in specs.

Grammar (nothing else is accepted, and nothing is ever passed to ``eval``)::

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '//') unary)*
    unary  := '-' unary | atom
    atom   := INT | '$' NAME | '(' expr ')'

Integers only: layer sizes are integers, so ``/`` is refused with a hint to use ``//``.
Every intermediate value is bounded by ``LIMIT`` so a spec cannot make the tool hang.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cnnstat.errors import SpecError

LIMIT = 10**15
MAX_LEN = 500
_TOKEN = re.compile(r"\s*(?:(\d+)|\$([A-Za-z_][A-Za-z0-9_]*)|(//|[-+*()])|(\S))")


def _tokens(text: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for number, name, op, bad in _TOKEN.findall(text):
        if number:
            if len(number) > 16:
                raise SpecError(f"number {number[:20]}... in expression {text!r} is too large")
            out.append(("num", int(number)))
        elif name:
            out.append(("name", name))
        elif op:
            out.append(("op", op))
        elif bad:
            hint = " (use // for integer division)" if bad == "/" else ""
            raise SpecError(f"unexpected character {bad!r} in expression {text!r}{hint}; "
                            "expressions may use integers, $arguments, + - * // and ( )")
    return out


def evaluate(text: str, env: Mapping[str, object]) -> int:
    """Evaluate ``text`` with block arguments ``env``; raise SpecError on anything odd."""
    if len(text) > MAX_LEN:
        raise SpecError(f"expression is longer than {MAX_LEN} characters")
    toks = _tokens(text)
    pos = 0

    def peek() -> tuple[str, object] | None:
        return toks[pos] if pos < len(toks) else None

    def take() -> tuple[str, object]:
        nonlocal pos
        if pos >= len(toks):
            raise SpecError(f"expression {text!r} ends too early")
        pos += 1
        return toks[pos - 1]

    def check(v: int) -> int:
        if abs(v) > LIMIT:
            raise SpecError(f"expression {text!r} gives a value beyond {LIMIT:,}")
        return v

    def atom() -> int:
        kind, val = take()
        if kind == "num":
            return check(val)  # type: ignore[arg-type]
        if kind == "name":
            if val not in env:
                known = ", ".join(f"${k}" for k in sorted(env)) or "none"
                raise SpecError(f"unknown argument ${val} in expression {text!r} "
                                f"(arguments here: {known})")
            v = env[val]  # type: ignore[index]
            if isinstance(v, bool) or not isinstance(v, int):
                raise SpecError(f"argument ${val} is {v!r}, not an integer, in {text!r}")
            return check(v)
        if val == "(":
            v = expr()
            if peek() != ("op", ")"):
                raise SpecError(f"missing ')' in expression {text!r}")
            take()
            return v
        raise SpecError(f"unexpected {val!r} in expression {text!r}")

    def unary() -> int:
        if peek() == ("op", "-"):
            take()
            return -unary()
        return atom()

    def term() -> int:
        v = unary()
        while peek() in (("op", "*"), ("op", "//")):
            op = take()[1]
            rhs = unary()
            if op == "*":
                v = check(v * rhs)
            else:
                if rhs == 0:
                    raise SpecError(f"division by zero in expression {text!r}")
                v = v // rhs
        return v

    def expr() -> int:
        v = term()
        while peek() in (("op", "+"), ("op", "-")):
            op = take()[1]
            rhs = term()
            v = check(v + rhs if op == "+" else v - rhs)
        return v

    if not toks:
        raise SpecError("empty expression")
    result = expr()
    if pos != len(toks):
        raise SpecError(f"unexpected {toks[pos][1]!r} in expression {text!r}")
    return result


def is_expression(value: object) -> bool:
    """A string that should be evaluated: it mentions an argument or an operator."""
    return isinstance(value, str) and bool(re.search(r"[$+*()]|//|\d\s*-", value))
