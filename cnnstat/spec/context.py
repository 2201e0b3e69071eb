"""What parsing a spec's layers keeps and how it reads an item's arguments: the parsing
state (block definitions, full names and their counters, the block call stack, the
limits on layers and nesting), block arguments substituted (``$name``, arithmetic), and
an item's keys and values checked."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Callable

from cnnstat.errors import SpecError
from cnnstat.layers import did_you_mean
from cnnstat.spec.expr import evaluate, is_expression
from cnnstat.spec.graph import INPUT_NAME
from cnnstat.spec.yamlload import LineDict

MAX_LAYERS = 10_000  # resnet1202, the largest bundled spec, has 4,208 rows; see safety16 notes
MAX_NESTING = 48  # layer lists inside layer lists (blocks, repeat, residual, ...); 6 suffice
NAME = re.compile(r"^[A-Za-z0-9_]+$")


class Ctx:
    """Parsing state: block definitions, name counters, the block call stack, and the
    handlers of composite items (``seq``, ``repeat``, ...: ``composites.COMPOSITES``)."""

    def __init__(self, file: str, blocks: dict[str, LineDict],
                 variables: dict[str, Any] | None = None, *,
                 composites: dict[str, Callable[..., list]]) -> None:
        self.file = file
        self.blocks = blocks
        self.composites = composites
        self.vars = variables or {}  # the spec's vars: seen in every block too
        self.counters: dict[tuple[str, str], int] = {}
        self.names: set[str] = set()
        self.stack: list[str] = []
        self.layers = 0
        self.depth = 0  # layer lists being parsed, one inside the other
        self.line = 0  # line of the composite item being parsed

    def name(self, scope: str, explicit: Any, prefix: str, hint: str = "") -> str:
        """Full name of a new row: ``scope.explicit``, or ``scope.prefixN`` counted per scope."""
        if explicit is None:
            n = self.counters.get((scope, prefix), 0) + 1
            self.counters[(scope, prefix)] = n
            local = f"{prefix}{n}"
        else:
            local = str(explicit)
            if not NAME.match(local):
                raise SpecError(f"name {local!r} may use only letters, digits and _ "
                                "(dots are added by nesting)")
        full = f"{scope}.{local}" if scope else local
        if full == INPUT_NAME:
            raise SpecError("the name 'input' is the network's input (in from: and like:); "
                            "name this layer otherwise", path=full)
        if full in self.names:
            raise SpecError(f"the name '{full}' is used twice{hint}", path=full)
        self.names.add(full)
        return full

    def count_layer(self) -> None:
        self.layers += 1
        if self.layers > MAX_LAYERS:
            raise SpecError(f"the spec expands to more than {MAX_LAYERS:,} layers; "
                            "check its repeat counts")


def scoped(scope: str, local: str) -> str:
    return f"{scope}.{local}" if scope else local


def substitute(value: Any, env: dict[str, Any]) -> Any:
    """Substitute block arguments: ``$name`` alone keeps its type; arithmetic gives an int."""
    if isinstance(value, str):
        m = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", value.strip())
        if m:
            if m.group(1) not in env:
                known = ", ".join(f"${k}" for k in sorted(env)) or "none"
                raise SpecError(f"unknown argument {value.strip()} (arguments here: {known})")
            return env[m.group(1)]
        if is_expression(value):
            return evaluate(value, env)
        return value
    if isinstance(value, list):
        return [substitute(v, env) for v in value]
    return value


def mapping(value: Any, what: str, line: int) -> LineDict:
    if value is None:
        empty = LineDict()
        empty.line, empty.key_lines = line, {}
        return empty
    if not isinstance(value, LineDict):
        raise SpecError(f"{what} must be a mapping of named arguments, not {value!r}", line=line)
    return value


def check_keys(args: LineDict, allowed: tuple[str, ...], what: str) -> None:
    for k in args:
        if k not in allowed:
            raise SpecError(f"{what} has no key '{k}'{did_you_mean(str(k), allowed)} "
                            f"(its keys: {', '.join(allowed)})", line=args.line_of(k))


def probability(args: LineDict, key: str, env: dict, *, zero_ok: bool) -> float | None:
    if key not in args:
        return None
    value = substitute(args[key], env)
    if isinstance(value, Fraction):
        value = float(value)
    low_ok = (lambda v: v >= 0) if zero_ok else (lambda v: v > 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low_ok(value) \
            or value > 1:
        bound = "from 0 to 1" if zero_ok else "above 0 and at most 1"
        raise SpecError(f"'{key}' must be a probability {bound}, not {value!r}",
                        line=args.line_of(key))
    return float(value)
