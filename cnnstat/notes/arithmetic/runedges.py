"""Where a run of arithmetic opens and ends beside words (for ``arith``).

A run found among numbers may start or stop inside a formula written in words: it opens
after a term in words (``- kernel 11``), with the last number of a list (a shape's
``64, 32, 3, 3 =``), or on a line that goes on with ``+`` from the line above; it ends where
``x`` multiplies by a word (``+ 2 x padding``) or where the calculation goes on with a
symbol. These tests say where the numbers alone stand, so that ``arith`` reads only those.
"""

from __future__ import annotations

import re

from cnnstat.notes.reading.normalise import Token

__all__ = ["OPEN_PLUS", "after_worded_term", "computes_on", "list_tail", "times_word"]


# a line opening with "+ " and a term: a sum wrapped from the line above (Markdown reads
# the "+" as a list's marker, so the text masked no longer shows it)
OPEN_PLUS = re.compile(r"\s*\+\s+[0-9]")


def times_word(tokens: list[Token], j: int) -> bool:
    """``... + 2 x padding``: the run ends at a number that ``x`` multiplies by a word."""
    return j + 1 < len(tokens) and tokens[j].kind == "WORD" and tokens[j].text in "xX" and \
        tokens[j + 1].kind in ("WORD", "HANGUL") and tokens[j - 1].kind == "NUM"


def computes_on(tokens: list[Token], i: int, j: int) -> bool:
    """Whether the side the run was cut on is a calculation (an operator after the last
    '='), not a result with a label after it."""
    last = max((k for k in range(i, j) if tokens[k].kind in ("EQ", "APPROX")), default=None)
    return last is not None and any(t.kind == "OP" for t in tokens[last + 1:j])


def after_worded_term(tokens: list[Token], i: int) -> bool:
    """The run opens right after a term in words that an operator opens (``- kernel 11``,
    ``+ fully connected (3)``): up to three words, then ``+ - * /``; the run opens with a
    number, or a number alone in brackets (the term's count glossed)."""
    if not (tokens[i].kind == "NUM" or tokens[i].kind == "LP" and i + 2 < len(tokens) and
            tokens[i + 1].kind == "NUM" and tokens[i + 2].kind == "RP"):
        return False
    k = i - 1
    while k >= 0 and i - k <= 3 and tokens[k].kind == "WORD":
        k -= 1
    if k > 0 and tokens[k].text in "-‐" and not tokens[k].gap and not tokens[k + 1].gap and \
            tokens[k - 1].kind == "WORD":
        return False  # "the multiply-adds are 28*28*4 = ...": a hyphenated word, no minus
    return k < i - 1 and k >= 0 and tokens[k].kind == "OP"


def list_tail(tokens: list[Token], i: int) -> bool:
    """The run opens with the last number of a list (``64, 32, 3, 3 =``, a tensor's shape
    once its brackets are masked): a number after a comma that follows a number."""
    return tokens[i].kind == "NUM" and i >= 2 and tokens[i - 1].text == "," and \
        tokens[i - 1].kind == "OTHER" and tokens[i - 2].kind == "NUM"
