"""A calculation with its value written straight after it, no '=' between, then the word
that counts it: ``64(3*3*32+1) 18496 parameters``, ``(3 + 1) * 8 32개의 파라미터``,
``3*3*64 576 weights``, or a gloss between (``3 * 8 즉 24개``, ``3 * 8, i.e. 24
weights``). The value is the calculation's result (``arith`` reads the gap as
'='), but only a count word after it says so: ``3x3 64 filters`` is a kernel and a count
of filters, never a product and its value. The reading is guessed from the layout, so a
value that disagrees is unsure, never wrong (``unsure``)."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.normalise import Token

# what counts a layer's parameters (Korean: the counter 개, glued to the figure)
_COUNT_WORD = re.compile(r"^(?:param(?:eter)?s?|weights?|biases|trainable)$|^개", re.I)
# the layout in raw text, for a reader that keeps only lines worked out (a code comment's)
LAYOUT = re.compile(r"[0-9)][*x×+)]?\s+[0-9][0-9,]*\s*(?:param(?:eter)?s?\b|weights?\b|개)", re.I)


# a gloss that says "that is" between the calculation and its value: "3 * 8 즉 24개",
# "3 * 8, i.e. 24 weights", "namely", "that is"
_GLOSSES = (("즉",), ("namely",), ("i", ".", "e", "."), ("that", "is"))


def as_equals(tokens: list[Token]) -> tuple[list[Token], bool]:
    """The tokens with an '=' put before each value so written (in place of a gloss
    between, where one is), and whether one was."""
    drop: set[int] = set()
    at: set[int] = set()
    for k, t in enumerate(tokens):
        if not (t.kind == "NUM" and t.gap and 0 < k < len(tokens) - 1 and
                tokens[k + 1].kind in ("WORD", "HANGUL") and
                _COUNT_WORD.match(tokens[k + 1].text)):
            continue
        gloss = _gloss(tokens, k)
        first = k - len(gloss)
        if first > 0 and tokens[first - 1].kind in ("RP", "NUM") and _operated(tokens, first):
            drop.update(gloss)
            at.add(k)
    out: list[Token] = []
    for k, t in enumerate(tokens):
        if k in at:
            out.append(Token("EQ", "=", t.start, t.start, True))
        if k not in drop:
            out.append(t)
    return out, bool(at)


def _gloss(tokens: list[Token], k: int) -> list[int]:
    """The places of a gloss (and a comma before it) just before ``k``, or none."""
    for words in _GLOSSES:
        a = k - len(words)
        if a >= 0 and tuple(t.text.lower() for t in tokens[a:k]) == words:
            return list(range(a - (a > 0 and tokens[a - 1].text == ","), k))
    return []


def _operated(tokens: list[Token], k: int) -> bool:
    """Whether the run just before ``k`` is a calculation: an operator in it, and no '='
    (``= 2432 18496 parameters`` is no such layout) and nothing but numbers, operators and
    brackets back to its start."""
    seen = False
    for t in reversed(tokens[:k]):
        if t.kind == "OP":
            seen = True
        elif t.kind in ("EQ", "APPROX", "ARROW"):
            return False
        elif t.kind not in ("NUM", "LP", "RP"):
            break
    return seen and tokens[k - 1].kind == "RP" or (seen and tokens[k - 2].kind == "OP")


def unsure(claims: list[Claim], skips: list[Skip]) -> list[Claim]:
    """The claims, a wrong one moved to ``skips`` as unsure (the '=' was read from the
    layout)."""
    kept = []
    for c in claims:
        if c.verdict == "wrong":
            skips.append(Skip(c.line, c.text, f"unsure: the value written after the "
                                              f"calculation with no '=' may be another "
                                              f"figure ({c.actual} computed)"))
        else:
            kept.append(c)
    return kept
