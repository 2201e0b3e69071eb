"""What at the start of a run names the calculation rather than gives a side of it:
a numbered layer (``Layer 2 = 3 + 2``: ``runs.numbered_label``), an arrow's channels
(``Linear 64→16 = 64*16+16``, its kernel glossed too: ``64→128 (5×5) = ...``) and a
square kernel after a word (``operations for 1×1 = (14×14×16)×(1×1×480)``). ``arith``
steps over ``label_width`` tokens."""

from __future__ import annotations

from cnnstat.notes.reading.glosses import square_kernel
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.runs import numbered_label


def label_width(tokens: list[Token], i: int, j: int) -> int:
    """How many tokens at the run's start name what is computed rather than give a side
    of it (``numbered_label``, ``arrow_label``, ``kernel_label``), ``=`` included; 0 for
    none."""
    if numbered_label(tokens, i, j):
        return 2
    if arrow_label(tokens, i, j):
        return 2 + 5 * (tokens[i + 1].kind == "LP")
    return 4 if kernel_label(tokens, i, j) else 0


def _kernel_gloss(tokens: list[Token], k: int) -> bool:
    """``(5×5)`` at ``k``: a square kernel in brackets."""
    kinds = [t.kind for t in tokens[k:k + 5]]
    return kinds == ["LP", "NUM", "OP", "NUM", "RP"] and square_kernel(tokens, k + 1) is not None


def kernel_label(tokens: list[Token], i: int, j: int) -> bool:
    """``operations for 1×1 = (14 × 14 × 16) × (1 × 1 × 480) = 1.5M``, ``the 3x3 branch:
    cost of 3x3 = 28*28*3*3*96*128``: after a word, a colon or nothing, a square kernel
    ``k×k``, then ``=`` and a product that takes the kernel's two sides among more factors
    (a 1×1's may be left out: ``1×1 = 28 × 28 × 192 × 64``): the kernel names the
    calculation (its branch, its layer), it is no side equal to it (``3 × 3 = 9`` and
    ``k×k = 3×3×1`` stay sides)."""
    if not (j - i > 6 and (i == 0 or tokens[i - 1].kind in ("WORD", "HANGUL") or
                           tokens[i - 1].text == ":") and
            [t.kind for t in tokens[i:i + 4]] == ["NUM", "OP", "NUM", "EQ"] and
            square_kernel(tokens, i) is not None):
        return False
    eq = next((k for k in range(i + 4, j) if tokens[k].kind in ("EQ", "APPROX")), j)
    side = tokens[i + 4:eq]
    pair = any(side[k].kind == "NUM" and side[k].text == tokens[i].text and
               side[k + 1].text == "*" and side[k + 2].text == tokens[i].text
               for k in range(len(side) - 2))
    others = [t for t in side if t.kind == "NUM" and t.text not in (tokens[i].text, "1")]
    return (pair or tokens[i].text == "1") and bool(others) and \
        all(t.text in "*()" for t in side if t.kind != "NUM")


def arrow_label(tokens: list[Token], i: int, j: int) -> bool:
    """``Linear 64→16 = 64*16+16 = 1,040``, ``conv 3 -> 32 = 3*3*3*32 = 864``: the run
    opens with the tail of an arrow from a number (a layer's channels in → out), then
    ``=`` and a calculation that uses both ends as operands: the pair names the layer, its
    tail is no side of the equation (``28 → 13 = 28/2`` keeps its 13). The kernel may be
    glossed between (``64→128 (5×5) = 64×5×5×128``)."""
    gloss = 5 * (i + 6 < j and _kernel_gloss(tokens, i + 1))
    if not (i >= 2 and j - i > 3 + gloss and tokens[i].kind == "NUM" and
            tokens[i - 1].kind == "ARROW" and tokens[i - 2].kind == "NUM" and
            tokens[i + 1 + gloss].kind in ("EQ", "APPROX")):
        return False
    ends = {tokens[i - 2].text, tokens[i].text}
    eq = next((k for k in range(i + 2 + gloss, j) if tokens[k].kind in ("EQ", "APPROX")), j)
    operands = {t.text for t in tokens[i + 2 + gloss:eq] if t.kind == "NUM"}
    # "expand 1x1 16→64 = 1,024 + 64": the weights (in·out, k²·in·out) and the biases
    whole = [int(t) if t.isdigit() else 0 for t in (x.replace(",", "") for x in (
        tokens[i - 2].text, tokens[i].text, *operands))]
    pair = whole[0] * whole[1]
    return eq - (i + 2 + gloss) > 1 and (ends <= operands or tokens[i].text in operands and pair > 0
                                 and any(v % pair == 0 and v // pair in (1, 4, 9, 16, 25, 49)
                                         for v in whole[2:]))
