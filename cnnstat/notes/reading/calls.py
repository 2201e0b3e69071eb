"""A function written as a call over a list: ``max(1, 3, 5, 6)``, ``avg(2, 4, 6, 8)``,
``min(...)``, ``mean(...)``, ``sum(...)`` (a pooling window worked out by hand). The
name becomes an ``FN`` token and the list's commas ``SEP`` tokens, so that the one
expression grammar reads the call as an atom (``grammar.Parser.atom``) and ``value``
computes it. Only a name glued to its bracket, over at least two plain numbers and
commas, is a call; anything else stays words and punctuation."""

from __future__ import annotations

import re

FUNCTIONS = frozenset(("max", "min", "avg", "mean", "average", "sum"))
CALL = re.compile(r"(?i)\b(?:max|min|avg|mean|average|sum)\(")


def mark(tokens: list) -> list:
    """The tokens with each call's name as ``FN`` and its commas as ``SEP``."""
    out = list(tokens)
    for k, tok in enumerate(tokens):
        if tok.kind != "WORD" or tok.text.lower() not in FUNCTIONS or k + 1 >= len(tokens):
            continue
        lp = tokens[k + 1]
        if lp.kind != "LP" or lp.gap or (k > 0 and not tok.gap and
                                         tokens[k - 1].kind in ("WORD", "OTHER")):
            continue  # np.max(...), torch.max(...): code, not a worked window
        commas, j = [], k + 2
        while j < len(tokens):
            t = tokens[j]
            if t.kind == "NUM" or (t.kind == "OP" and t.text == "-" and j + 1 < len(tokens)
                                   and tokens[j + 1].kind == "NUM"):
                j += 1 if t.kind == "NUM" else 2
            else:
                break
            if j < len(tokens) and tokens[j].kind == "OTHER" and tokens[j].text == ",":
                commas.append(j)
                j += 1
            else:
                break
        if not commas or j >= len(tokens) or tokens[j].kind != "RP" or \
                tokens[j - 1].kind != "NUM":
            continue
        out[k] = tok._replace(kind="FN", text=tok.text.lower())
        for c in commas:
            out[c] = tokens[c]._replace(kind="SEP")
    return out
