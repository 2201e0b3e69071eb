"""A figure followed by its working in brackets: ``4,608 (16x32x3x3) parameters``,
``1,792 (3*3*3*64 + 64)``, ``784 (28 × 28)``; and a figure with its labelled parts
(``23,296 parameters (23,232 weights + 64 biases)``, ``labelled``).

The grammar reads a number right before a bracket as a product (``4(3 x 3)``), which a
note writes without a space. With a space, and a bracket that computes something, the
bracket is the figure's working: the two are compared as an equation.

- equal (to the figure's own precision): right;
- a bracket that adds (``+``) within a quarter of the figure, with two operators or more:
  the working and the figure disagree, a slip (a digit, a term left out): wrong, at a
  confidence below a rule's (the bracket's role is read from its form);
- otherwise the bracket may be something else, a filter's size beside a count of filters
  (``64 (3x3x64)``) or a network's stages (``50 (3+4+6+3)``): nothing is claimed.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.grammar import value
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Refused

CONFIDENCE = 0.7  # a slip in a sum's working: the bracket's role is read from its form
NEAR = Fraction(1, 4)  # how far a sum's working may be from its figure and still be it


def is_working(toks: list[Token]) -> bool:
    """``N (expr)``: a number, a space, and one bracket that closes at the end."""
    if len(toks) < 5 or toks[0].kind != "NUM" or toks[1].kind != "LP" or \
            not toks[1].gap or toks[-1].kind != "RP":
        return False
    depth = 0
    for k, t in enumerate(toks[1:], 1):
        depth += t.kind == "LP"
        depth -= t.kind == "RP"
        if depth == 0 and k != len(toks) - 1:
            return False  # "3 (2) (4)": more than one bracket
    return sum(t.kind == "OP" for t in toks) >= 1


def check(number: int, raw: str, toks: list[Token], tree) -> Claim | None:
    """The claim of ``N (expr)`` (``tree`` is the parse of the whole, an implicit
    product whose right operand is the bracket), or None where it is not one."""
    if tree.op != "mul" or len(tree.args) != 2:
        return None
    figure = toks[0].num
    try:
        worked = value(tree.args[1], floor_division=True)
    except Refused:
        return None
    side = raw[toks[2].start:toks[-2].end]
    text = f"{side} = {figure.text}"
    if agrees(worked, figure, exact=True):
        return Claim(number, text, "arithmetic", figure.text, _num(worked), "right",
                     "a figure and its working in brackets")
    ops = [t.text for t in toks[2:-1] if t.kind == "OP"]
    if "+" not in ops or len(ops) < 2 or worked <= 0 or \
            abs(worked - figure.value) > NEAR * worked:
        return None
    shown = plain(worked, grouped=figure.style == "grouped")
    return Claim(number, text, "arithmetic", figure.text, _num(worked), "wrong",
                 f"a figure and its working in brackets: {side} = {plain(worked)}, "
                 f"not {figure.text}", (Edit(number, toks[0].start, toks[0].end, shown),),
                 shown, CONFIDENCE)


# "320개(4*4*20*1)", "7,200 weights (20*3*3*40)": a count glued to its counter word, then
# the working in brackets (the grammar reads the figure apart, across the word)
_COUNTED = re.compile(r"(?<![0-9.,A-Za-z\-])(" + r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+" +
                      r")\s*(개|params|parameters|weights|파라미터)\s*$", re.I)


def counted(number: int, raw: str, toks: list[Token], tree) -> Claim | None:
    """``320개(4*4*20*1)``: the count against its bracket, right where they agree; a
    product that disagrees is wrong (a factor slipped), a sum is left (a network's stages)."""
    if len(toks) < 5 or toks[0].kind != "LP" or toks[-1].kind != "RP":
        return None
    m = _COUNTED.search(raw[:toks[0].start])
    if m is None:
        return None
    try:
        worked = value(tree, floor_division=True)
    except Refused:
        return None
    figure = Fraction(m.group(1).replace(",", ""))
    side = raw[toks[1].start:toks[-2].end]
    text = f"{side} = {m.group(1)}"
    if worked == figure:
        return Claim(number, text, "arithmetic", m.group(1), _num(worked), "right",
                     "a count and its working in brackets")
    if any(t.kind == "OP" and t.text not in ("*", "x", "×") for t in toks[1:-1]):
        return None
    return Claim(number, text, "arithmetic", m.group(1), _num(worked), "wrong",
                 f"a count and its working in brackets: {side} = {plain(worked)}, not "
                 f"{m.group(1)}", (), plain(worked), CONFIDENCE)


def _num(v: Fraction):
    return int(v) if v.denominator == 1 else float(v)


# "23,296 parameters (23,232 weights + 64 biases)", "파라미터 1,792개 (가중치 1,728 + 편향 64)":
# a figure, a few words, and a bracket that adds labelled parts
_INT = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+"
# (the first word may be glued to the figure, "1,792개"; the others stand apart, so that a
# long word is never split in many ways)
_LABELLED = re.compile(r"(?<![0-9.,A-Za-z])(" + _INT + r")(?![0-9.])"
                       r"((?:\s*[A-Za-z가-힣-]+)?(?:\s+[A-Za-z가-힣-]+){0,2})"
                       r"\s*\(([^()]{3,160})\)")
_TERM = re.compile(r"^\s*[^0-9]*?(?<![0-9.,A-Za-z])(" + _INT + r")(?![0-9.])[^0-9]*$")
# "469 steps (468 full batches + one of 96)": the figure is the size of the things the
# term counts in words (one batch of 96 images), not the term
_SIZE_OF = re.compile(r"(?i)\b(?:one|two|three|four|five|a|an|another|single|each|last|"
                      r"final)\b(?:\s+[A-Za-z-]+){0,2}\s+of\s*$")
_WORDY = re.compile(r"[A-Za-z가-힣]{2,}")
LABELLED_NEEDS = ("+",)


def labelled(number: int, masked: str) -> list[Claim]:
    """The figure against the sum of the labelled parts in the bracket after it: right
    where equal; wrong where it is near (a quarter) and not equal; else nothing."""
    out = []
    for m in _LABELLED.finditer(masked):
        terms = m.group(3).split("+")
        if len(terms) < 2:
            continue
        parts = []
        for t in terms:
            tm = _TERM.match(t)
            if tm is None or not _WORDY.search(t) or _SIZE_OF.search(t[:tm.start(1)]):
                parts = []
                break
            parts.append(int(tm.group(1).replace(",", "")))
        if not parts:
            continue
        figure = int(m.group(1).replace(",", ""))
        total = sum(parts)
        text = f"{m.group(1)} ({' + '.join(f'{p:,}' for p in parts)})"
        if total == figure:
            out.append(Claim(number, text, "arithmetic", m.group(1), total, "right",
                             "a figure and its labelled parts in brackets"))
        elif total > 0 and abs(total - figure) <= NEAR * total:
            shown = f"{total:,}" if "," in m.group(1) else str(total)
            out.append(Claim(number, text, "arithmetic", m.group(1), total, "wrong",
                             f"the parts in brackets add up to {total:,}, not {m.group(1)}",
                             (Edit(number, m.start(1), m.end(1), shown),), shown, CONFIDENCE))
    return out
