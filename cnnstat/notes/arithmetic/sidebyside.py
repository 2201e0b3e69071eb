"""A product whose signs the page lost: numbers side by side in a calculation with its
result (``(5 5 + 1) 6 28 28 = 122304``, ``10 10 1516 = 151600``, ``6 (3 5 5 + 1) + 6 (4 5 5
+ 1) = 756``), as a note copied from rendered Markdown reads once its ``*`` pairs became
emphasis. Each gap between two operands (``5 5``, ``) 6``, ``6 (``) is read as a product
and the expression worked out by the one grammar (``grammar.evaluate``): right where that
makes the equation hold; never wrong (numbers side by side may be a list, a label, a
sum: ``3 4 6 3 = 16``), so anything else is unsure. A gap that may be a digit group
(``1 516``) is not read."""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.grammar import evaluate
from cnnstat.notes.reading.numerals import Refused

CONFIDENCE = 0.8
NEEDS = ("=",)
# a calculation of numbers, brackets and signs, then "=" and its result
_CALC = re.compile(r"(?<![A-Za-z0-9_.,^])([0-9(][0-9 ()+\-*/x×·.]*?[0-9)])\s*=\s*"
                   r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![0-9.,]*[0-9])(?!\s*[x×*/+\-^(]\s*[0-9(])")
_GAP = re.compile(r"(?<=[0-9)])\s+(?=[0-9(])|(?<=\))(?=[0-9(])|(?<=[0-9])(?=\()")
_GROUP = re.compile(r"(?<![0-9])[0-9]{1,3} [0-9]{3}(?![0-9])")  # "1 516": a digit group?


def check_line(number: int, masked: str) -> list[Claim | Skip]:
    out: list[Claim | Skip] = []
    for m in _CALC.finditer(masked):
        expr = m.group(1).strip()
        if not _GAP.search(expr) or _GROUP.search(expr) or expr.count("(") != expr.count(")"):
            continue
        read = _GAP.sub(" * ", expr)
        try:
            evaluate(expr)
            continue  # the grammar reads it as written ("6 (5 * 5 + 1)"): arithmetic's
        except (Refused, ValueError, ZeroDivisionError, OverflowError):
            pass
        try:
            got = evaluate(read)
        except (Refused, ValueError, ZeroDivisionError, OverflowError):
            continue
        stated = Fraction(m.group(2).replace(",", ""))
        text = f"{expr} = {m.group(2)}"
        if got == stated:
            out.append(Claim(number, text, "arithmetic", m.group(2), int(got), "right",
                             f"the numbers side by side read as a product: {read} = "
                             f"{int(got):,}", confidence=CONFIDENCE))
        else:
            out.append(Skip(number, text, f"unsure: numbers side by side; as a product "
                                          f"{read} = {got}, not {m.group(2)}"))
    return out
