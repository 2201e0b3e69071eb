"""A rule written as the map it gives, its two sides joined by ``x`` without brackets
(``the output is n-f+1 x n-f+1``, ``H-K+1 × W-K+1``, ``W-F+2P/S+1 * H-F+2P/S+1``), or each
side in its own floor (``⌊(n+2p-f)/s + 1⌋ × ⌊(n+2p-f)/s + 1⌋``).

By precedence the ``x`` would multiply the last term of the first side by the first of the
second (``n - f + 1·n - f + 1``), a size no note means: a note means one side by the
other. Where the formula is one product, at its top level, of two sums that are each an
output-size rule of the same form (the same operators and numbers; the letters may differ,
a height's and a width's), the rule is its first side, judged as any other; a formula of
another form is left as it is written.
"""

from __future__ import annotations

from cnnstat.notes.reading.operands import role

_OPEN, _CLOSE = "(⌊⌈", ")⌋⌉"


def _top(toks: list[tuple[str, str]], ops: str) -> list[int]:
    """Where ``toks`` holds one of ``ops`` outside every bracket (not as a leading sign)."""
    depth, out = 0, []
    for i, (kind, text) in enumerate(toks):
        if kind != "op":
            continue
        if text in _OPEN:
            depth += 1
        elif text in _CLOSE:
            depth -= 1
        elif depth == 0 and text in ops and i > 0:
            out.append(i)
    return out


def _form(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The side's form: its operators and numbers, each letter as a letter."""
    return [(kind, "" if kind == "word" else text) for kind, text in toks]


def _wrapped(toks: list[tuple[str, str]]) -> bool:
    """Whether one bracket (a round one, a floor or a ceiling) holds the whole side."""
    if not toks or toks[0][0] != "op" or toks[0][1] not in _OPEN or \
            toks[-1] != ("op", _CLOSE[_OPEN.index(toks[0][1])]):
        return False
    depth = 0
    for i, (kind, text) in enumerate(toks):
        depth += (kind == "op" and text in _OPEN) - (kind == "op" and text in _CLOSE)
        if depth == 0 and i < len(toks) - 1:
            return False
    return True


def _size_rule(toks: list[tuple[str, str]]) -> bool:
    """A sum of the input's side and the kernel's, maybe in brackets: ``(n-f+1)``."""
    if _wrapped(toks):
        toks = toks[1:-1]
    roles = {(role(text) or ("",))[0] for kind, text in toks if kind == "word"}
    return {"n", "k"} <= roles and bool(_top(toks, "+-"))


def one_side(rhs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The first side of a rule written as a map of two sides (see the module), else
    ``rhs`` as it is."""
    for cut in _top(rhs, "*"):  # "2*P/S" inside each side: the cut between equal halves
        first, second = rhs[:cut], rhs[cut + 1:]
        if _form(first) == _form(second) and _size_rule(first) and _size_rule(second):
            return first
    return rhs
