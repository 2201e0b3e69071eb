"""Stray closing brackets: a round bracket that closes nothing, after an additive term
that opens with a bracket, before an ``=`` (``(1·1·256 + 1)·64) + (3·3·64 + 1)·64) = ...``:
a formula whose outer openers were left out), read as not there. ``arith`` drops them
before it judges the line's runs."""

from __future__ import annotations

from cnnstat.notes.reading.normalise import Token


def without_strays(tokens: list[Token]) -> list[Token]:
    """The tokens less each closing round bracket that closes nothing, where the term it
    ends opens with a bracket and an ``=`` follows: ``(1·1·256 + 1)·64) + (3·3·64 + 1)·64)
    = ...``, a formula whose outer opening brackets were left out (``((F·F·K + 1)·L)``).
    The opener belongs at the start of the term, so the term's value is as if the closer
    were not there. Any other unmatched bracket leaves the tokens as they are."""
    if sum(t.kind == "RP" for t in tokens) <= sum(t.kind == "LP" for t in tokens):
        return tokens
    drop: list[int] = []
    depth = 0
    for k, t in enumerate(tokens):
        if t.kind == "LP":
            depth += 1
        elif t.kind == "RP" and depth:
            depth -= 1
        elif t.kind == "RP":
            if not _term_opens_bracket(tokens, k) or (k + 1 < len(tokens) and
                                                       tokens[k + 1].text == "^"):
                return tokens
            drop.append(k)
    if depth or not drop or not any(t.kind in ("EQ", "APPROX") for t in tokens[drop[-1]:]):
        return tokens
    return [t for k, t in enumerate(tokens) if k not in drop]


def _term_opens_bracket(tokens: list[Token], k: int) -> bool:
    """The additive term that ends before ``k`` (back to a ``+``, ``-`` or ``=`` at its own
    depth) is numbers and operators only, and opens with a round bracket."""
    depth, start = 0, k
    while start > 0:
        t = tokens[start - 1]
        if t.kind == "RP":
            depth += 1
        elif t.kind == "LP":
            if depth == 0:
                return False  # an opener of its own: the closer is not stray here
            depth -= 1
        elif depth == 0 and (t.kind in ("EQ", "APPROX") or (t.kind == "OP" and
                                                              t.text in "+-")):
            break
        elif t.kind not in ("NUM", "OP"):
            break
        start -= 1
    return start < k - 2 and tokens[start].kind == "LP" and \
        any(t.kind == "NUM" for t in tokens[start:k])
