"""Brackets a note writes another way, rewritten as the expression's own (same length,
so every position stays the raw line's): a floor written as a call (``floor(108.5)``,
``math.floor(...)``) becomes ``⌊ ⌋``, square brackets that group a calculation
(``[(227 - 11) / 4] + 1``) become round ones. Read by ``normalise.scan`` and
``text.mask``."""

from __future__ import annotations

import re

__all__ = ["floor_calls", "square_groups"]


_FLOOR_CALL = re.compile(r"(?<![\w.])(?:math\.|np\.)?(?:[Ff]loor|(?P<ceil>[Cc]eil))\(")


def floor_calls(s: str) -> str:
    """``floor(108.5) + 1``, ``math.floor((224 - 7) / 2)``: a floor written as a call is
    the floor brackets ``⌊ ⌋`` (same length, so positions stay the raw line's); a
    ``ceil(...)`` call the ceiling's ``⌈ ⌉``."""
    chars = list(s)
    for m in _FLOOR_CALL.finditer(s):
        k = _closing(s, m.end(), "(", ")")
        if k is not None:
            ceil = m.group("ceil") is not None  # "ceil(225/2)": the ceiling brackets
            chars[m.start():m.end()] = ("⌈" if ceil else "⌊") + " " * (m.end() - m.start() - 1)
            chars[k] = "⌉" if ceil else "⌋"
    return "".join(chars)


def _closing(s: str, start: int, opener: str, closer: str) -> int | None:
    """Where the bracket opened just before ``start`` closes, within 200 characters."""
    depth, k = 1, start
    while k < len(s) and k - start < 200:
        depth += (s[k] == opener) - (s[k] == closer)
        if depth == 0:
            return k
        k += 1
    return None


_SQUARE_OPEN = re.compile(r"\[(?=\s*\()")
_CALC_ONLY = re.compile(r"[\d\s.,()+\-*/×÷−]*")
_CALC_OP = re.compile(r"[-+*/×÷−]")


def square_groups(s: str) -> str:
    """``[(227 - 11) / 4] + 1``: square brackets that group a calculation (one opens on a
    bracket, and holds numbers and operators alone) are brackets of the expression; same
    length."""
    chars = list(s)
    for m in _SQUARE_OPEN.finditer(s):
        k = _closing(s, m.end(), "[", "]")
        if k is not None and _CALC_ONLY.fullmatch(s, m.end(), k) and \
                _CALC_OP.search(s, m.end(), k):
            chars[m.start()] = "("
            chars[k] = ")"
    return "".join(chars)
