"""A calculation's result told after it in words: ``(3 * 49 * 64) + 64 (bias) which is
around 9.5k``, ``28*28*192 which equals 150,528``, ``5*5*3 + 1, that is 76``.

The words (``which is``, ``which equals``, ``which gives``, ``that is``, ``i.e.``),
perhaps with a word of approximation after them (``around``, ``about``, ``roughly``,
``approximately``, ``nearly``, ``~``), stand between a calculation that ends with a number
or a bracket and holds an operator (a comma may part them), and one number: they are its
``=`` (its ``≈`` with a word of approximation). Not after figures a preposition leads (``at
56x56 that is 218M MACs``: the size the figure is at) nor after a map's two sides.
Nothing else is changed.
"""

from __future__ import annotations

from cnnstat.notes.reading.normalise import Token

_SAYS = {("which", "is"), ("which", "equals"), ("which", "gives"), ("that", "is"),
         ("which", "makes"), ("i.e.",), ("ie",), ("that's",), ("which's",)}
_NEAR = frozenset(("around", "about", "roughly", "approximately", "approx", "nearly",
                   "~", "almost"))
_CALC = frozenset(("NUM", "OP", "LP", "RP"))
# a word before the figures that makes them a setting the result is at, not its working
_SETTING = frozenset(("at", "on", "of", "for", "with", "in", "by", "from", "to", "over",
                      "per", "each"))


def as_equals(tokens: list[Token]) -> list[Token]:
    if not any(t.kind == "WORD" and t.text.lower() in ("which", "that", "i.e.", "ie",
                                                       "that's") for t in tokens):
        return tokens
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        got = _told(tokens, k, out)
        if got is None:
            out.append(tokens[k])
            k += 1
            continue
        end, near = got
        if out and out[-1].text == ",":
            out.pop()  # "(32 * 9 * 64) + 64, that is 18,496": the comma before the words
        out.append(Token("APPROX" if near else "EQ", "≈" if near else "=", tokens[k].start,
                         tokens[end - 1].end, True))
        k = end
    return out


def _told(tokens: list[Token], k: int, before: list[Token]) -> tuple[int, bool] | None:
    """(the index after the words, whether they approximate) where the words that tell a
    result start at ``k``, after a calculation and before one number; else None."""
    for words in _SAYS:
        end = k + len(words)
        if end > len(tokens) or tuple(t.text.lower() for t in tokens[k:end]) != words or \
                any(t.kind not in ("WORD", "OTHER") for t in tokens[k:end]):
            continue
        near = end < len(tokens) and tokens[end].text.lower() in _NEAR
        at = end + near
        if at >= len(tokens) or tokens[at].kind != "NUM" or \
                (at + 1 < len(tokens) and tokens[at + 1].kind in ("OP", "LP")):
            return None
        calc, lead = [], None
        for t in reversed(before[:-1] if before and before[-1].text == "," else before):
            if t.kind not in _CALC:
                lead = t
                break
            calc.append(t)
        if len(calc) < 3 or calc[0].kind not in ("NUM", "RP") or \
                not any(t.kind == "OP" for t in calc) or \
                lead is not None and lead.text.lower() in _SETTING:
            return None  # "at 56x56 that is 218M MACs": a size the figure is at, no sum
        if len(calc) == 3 and calc[0].text == calc[2].text:
            return None  # "56x56": a map's sides, no calculation
        return at, near
    return None


__all__ = ["as_equals"]
