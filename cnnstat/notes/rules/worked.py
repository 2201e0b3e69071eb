"""A rule in words written in brackets after a worked count, as its gloss:

    (5*5*1 + 1)*32 = 832   ((width of the filter * height of the filter + 1) * filters)
    (32*5*5 + 1)*256 = 205,056   ((this layer's units * the last layer's units) + 1)

The numbers before it are what the writer computed (the arithmetic readers judge them); the
words after the result name its parts, loosely: a gloss that leaves out a factor the
numbers hold (the input channels of a one-channel layer, the product round the bias) reads
the worked count, not a general rule, and which of the two the writer meant cannot be told.
A wrong verdict of a gloss is unsure, and so is one of the same words restated later on a
line of their own (the rule the note already wrote beside its example). A gloss that agrees
with the layer algebra stays right.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.rules.ruletree import plain, tokens

# a worked result, then a bracket that opens the gloss: "= 205'056 ((", "= 832 ("
_AFTER_RESULT = re.compile(r"=\s*\d[\d',.]*\s*(?=\()")


def _bracketed(text: str, at: int) -> str:
    """The bracket that opens at ``at``, to the one that closes it."""
    depth = 0
    for i in range(at, len(text)):
        depth += (text[i] == "(") - (text[i] == ")")
        if depth == 0:
            return text[at:i + 1]
    return ""


def _key(toks) -> tuple:
    """The run's tokens without the brackets round the whole of it."""
    toks = [t for t in toks if t[0] != "other"]
    while len(toks) > 2 and toks[0] == ("op", "(") and toks[-1] == ("op", ")"):
        depth = 0
        for i, (kind, text) in enumerate(toks):
            depth += (text == "(") - (text == ")") if kind == "op" else 0
            if depth == 0 and i < len(toks) - 1:
                return tuple(toks)
        toks = toks[1:-1]
    return tuple(toks)


class Glosses:
    """The glosses a note wrote after worked counts, and the lines they stand on."""

    def __init__(self) -> None:
        self.seen: dict[tuple, int] = {}
        self.here: set[tuple] = set()

    def see(self, number: int, masked: str) -> None:
        """Read the line's glosses (a bracket of words after a worked result)."""
        self.here = set()
        for m in _AFTER_RESULT.finditer(masked):
            gloss = _bracketed(masked, m.end())
            toks = tokens(plain(gloss)) if gloss else []
            if any(kind == "word" for kind, _ in toks):
                key = _key(toks)
                self.here.add(key)
                self.seen.setdefault(key, number)

    def judged(self, number: int, rhs, got):
        """``got`` for a rule read on the line (``rhs``: its tokens), unsure where it is
        wrong and it is a gloss, here or restated."""
        if not isinstance(got, Claim) or got.verdict != "wrong":
            return got
        key = _key(rhs)
        if key in self.here:
            return Skip(number, got.text, "unsure: a rule in words glossing the worked count "
                                          "before it on the line (the count is the reading)")
        if key in self.seen and self.seen[key] < number:
            return Skip(number, got.text, "unsure: the gloss of the worked count on line "
                                          f"{self.seen[key]}, restated")
        return got


__all__ = ["Glosses"]
