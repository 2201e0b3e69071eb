"""A figure, its noun, and its working in brackets with each factor labelled in words::

    C1 has 156 trainable parameters (6 channel x (5 x 5 receptive field + 1 bias))
    C5 has 48,120 connections (16 in-channel x 120 out-channel x (5 x 5 receptive field) + 120 x 1 bias)
    파라미터 156개 (6채널 x (5x5 가중치 + 1 편향))

The words between the numbers are the factors' labels: dropped, what is left (numbers,
``x``/``×``/``*``/``+``/``-``/``/`` and brackets only, no two numbers side by side) is read
by the grammar as the figure's working. Right where it gives the figure; otherwise nothing
is said (a working may be a part's, or its labels may hide an operator). A bracket with no
word is ``bracketed``'s, one with no product too (``9,472 (9,408 weights + 64 biases)``: its
``labelled``), one with a single number a gloss.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.brackets import _closing
from cnnstat.notes.reading.grammar import Parser, value
from cnnstat.notes.reading.normalise import scan
from cnnstat.notes.reading.numerals import Refused

NEEDS = ("(",)
CONFIDENCE = 0.8  # the words taken for labels of the numbers they follow
_INT = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+"
_FIGURE = re.compile(r"(?<![0-9.,A-Za-z])(" + _INT + r")(?![0-9.])"
                     r"((?:\s*[A-Za-z가-힣-]+)?(?:\s+[A-Za-z가-힣-]+){0,3})\s*\(")
_WORD = re.compile(r"(?<![A-Za-z가-힣-])(?![xX](?![A-Za-z가-힣-]))[A-Za-z가-힣][A-Za-z가-힣-]*")
_LEFT = re.compile(r"^[0-9,.\s()+\-*/x×X]+$")
_SIDE_BY_SIDE = re.compile(r"[0-9)]\s+[0-9(]|\)\s*\(|[0-9]\s*\(|\)\s*[0-9]")
_NUMBER = re.compile(r"[0-9]+(?:,[0-9]{3})*")


def check_line(number: int, masked: str) -> list[Claim]:
    out: list[Claim] = []
    for m in _FIGURE.finditer(masked):
        close = _closing(masked, m.end(), "(", ")")  # the bracket opened at the figure
        if close is None:
            continue
        inside = masked[m.end():close]
        if not _WORD.search(inside):
            continue
        left = _WORD.sub(" ", inside)
        if not _LEFT.match(left) or len(_NUMBER.findall(left)) < 2 or \
                _SIDE_BY_SIDE.search(left) or not re.search(r"[*x×X]", left):
            continue
        expr = re.sub(r"[x×X]", "*", " ".join(left.split()))
        try:
            worked = value(Parser(scan(expr)).parse(), floor_division=True)
        except (Refused, ValueError, ZeroDivisionError):
            continue
        figure = Fraction(int(m.group(1).replace(",", "")))
        if worked != figure:
            continue
        out.append(Claim(number, f"{m.group(1)} ({expr})", "arithmetic", m.group(1),
                         int(figure), "right", "a figure and its working in brackets, "
                         "its factors labelled in words", confidence=CONFIDENCE))
    return out
