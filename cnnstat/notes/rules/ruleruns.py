"""The runs of a formula on a line (``rulelines`` judges them): tokens of operands, numbers,
operators and brackets, split into sides by ``=`` and ``:``, with the prose before them as
their label. Prose whose last word is an operand and that an operator follows (``the output
is n - f + 1``) gives the run its first operand, as prose before ``=`` gives its left side.
"""

from __future__ import annotations

from cnnstat.notes.reading.operands import role, symbol_role


def _role_tail(words: str) -> tuple[str, str]:
    """Words of prose that end with an operand (``by padding``, ``where W``): the prose,
    and the operand, which may start a formula."""
    parts = words.split()
    for n in (3, 2, 1):
        if len(parts) > n and role(" ".join(parts[-n:])) is not None:
            return " ".join(parts[:-n]), " ".join(parts[-n:])
    return words, ""


def _prose(toks: list[tuple[str, str]], i: int) -> bool:
    """Words with no operator or number on either side: no operand of a formula."""
    return not ((i > 0 and toks[i - 1][0] in _OPERAND_KINDS) or
                (i + 1 < len(toks) and toks[i + 1][0] in _OPERAND_KINDS))


_OPERAND_KINDS = frozenset(("op", "num", "fn"))


def _opens(toks: list[tuple[str, str]], i: int) -> bool:
    """Prose whose last word is an operand that a binary operator follows."""
    return " " in toks[i][1] and i + 1 < len(toks) and toks[i + 1][0] == "op" and \
        toks[i + 1][1] in "+-*/" and role(toks[i][1]) is None


def _setting(toks: list[tuple[str, str]], i: int, cur: list) -> bool:
    """A number and a word that open a run before a bracket (``with 0 padding (W - F +
    2P)/S + 1``, ``using 2 strides (n - k)/s``): a setting stated in prose, no product."""
    return len(cur) == 1 and cur[0][0] == "num" and symbol_role(toks[i][1]) is None and \
        i + 1 < len(toks) and toks[i + 1] == ("op", "(")


def runs(toks: list[tuple[str, str]]):
    """(label, sides) for each run of a formula: tokens of operands, numbers, operators
    and brackets; ``=`` and ``:`` split sides; an unknown word ends a run (it may be the
    next run's label)."""
    label, sides, cur = "", [], []
    out = []

    def close():
        nonlocal sides, cur
        if cur:
            sides.append(cur)
        if any(len(s) > 1 for s in sides) and any(t[0] == "word" for x in sides for t in x):
            out.append((label, [s for s in sides if s]))
        sides, cur = [], []

    tail = ""  # prose just before: its last words may be a left side, before '='
    for i, (kind, text) in enumerate(toks):
        if kind == "word" and (_prose(toks, i) or role(text) is None or _setting(toks, i, cur)):
            close()
            label = tail = text
            if _opens(toks, i):  # "the output is n - f + 1": prose, then its first operand
                label, tail = _role_tail(text)
                cur, tail = ([("word", tail)] if tail else []), ""
            continue
        if kind == "other" and text == "¶":  # a math span's edge: prose outside it
            close()  # is no operand, but may still say what the formula gives
            label = tail = toks[i - 1][1] if i and toks[i - 1][0] == "word" else ""
            continue
        if kind == "other" or (kind == "op" and text == "≈"):
            close()
            label = tail = ""
            continue
        if kind == "op" and text == ":" and len(cur) == 1 and cur[0][0] == "word" and not sides:
            label, cur, tail = cur[0][1], [], ""  # "Pooling: output = ...": a label
            continue
        if kind == "op" and text in "=:":
            if tail and not cur and text == "=":
                label, tail = _role_tail(tail)
                cur = [("word", tail)] if tail else []
            if cur:
                sides.append(cur)
            cur, tail = [], ""
            continue
        tail = ""
        if (kind, text) == ("op", "(") and len(cur) == 1 and cur[0][0] == "num" and \
                not sides and i > 1 and toks[i - 2][0] in ("word", "other"):
            cur = []  # "for layer 3 (W-F+2P)/S+1", "패딩 0 (W-F)/S+1": a label's number
            # (or a figure's last digit group: "= 205'056 ((n_prev + 1) * n)")
        cur.append((kind, text))
    close()
    return out
