"""A product whose signs the page lost: numbers side by side in a calculation with its
result (``(3 3 + 1) 8 30 30 = 72000``, ``7 7 32 = 1568``, ``16 (5 5 6 + 1) = 2416``),
as a note copied from rendered Markdown reads once its ``*`` pairs became emphasis. Each gap between two operands (``5 5``, ``) 6``, ``6 (``) is read as a product
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
        label = _SHAPE_FIRST.match(expr)
        if got != stated and label and _holds(expr[label.end():], stated):
            # "7x18x18 ((20-3)/1) + 1 = 18": a map's size, then a working of its own
            work = expr[label.end():].strip()
            out.append(Claim(number, f"{work} = {m.group(2)}", "arithmetic", m.group(2),
                             int(stated), "right", f"after the map {label.group(0).strip()}: "
                             f"{work} = {m.group(2)}", confidence=CONFIDENCE))
        elif got == stated:
            out.append(Claim(number, text, "arithmetic", m.group(2), int(got), "right",
                             f"the numbers side by side read as a product: {read} = "
                             f"{int(got):,}", confidence=CONFIDENCE))
        else:
            out.append(Skip(number, text, f"unsure: numbers side by side; as a product "
                                          f"{read} = {got}, not {m.group(2)}"))
    return out


# a map's size (two or three sides) one space before a bracket: the label of the working
# after it (two spaces part them as cells, which the arithmetic reader reads apart)
_SHAPE_FIRST = re.compile(r"\s*[0-9]{1,5}(?:\s*[x×]\s*[0-9]{1,5}){1,3} (?=\()")


def _holds(expr: str, stated: Fraction) -> bool:
    try:
        return evaluate(expr) == stated
    except (Refused, ValueError, ZeroDivisionError, OverflowError):
        return False


# a map's side written twice, then its working in brackets: "24 * 24 (28-5 + 1) = 24",
# "12 x 12 (24/2)", "24x24 (28-5+1)"
_SIDE_WORKED = re.compile(r"(?<![\d.,])(\d{1,4})\s*[x×*]\s*(\d{1,4})\s*\(\s*([0-9][0-9\s+\-*/x×]*"
                          r"[0-9])\s*\)(?:\s*=\s*(\d{1,5})(?![\d.,]))?")


def side_worked(number: int, masked: str) -> list[Claim | Skip]:
    """A square map's side with the working that gives it in brackets after it: right
    where the working gives the side (or the two sides' product); never wrong (the
    bracket may hold another figure), unsure otherwise."""
    out: list[Claim | Skip] = []
    for m in _SIDE_WORKED.finditer(masked):
        side, expr = int(m.group(1)), m.group(3).strip()
        if int(m.group(2)) != side or not re.search(r"\d\s*[+\-*/x×]\s*\d", expr):
            continue
        try:
            got = evaluate(expr)
        except (Refused, ValueError, ZeroDivisionError, OverflowError):
            continue
        stated = int(m.group(4)) if m.group(4) else side
        text = f"{expr} = {stated}"
        if got == stated and stated in (side, side * side):
            out.append(Claim(number, text, "arithmetic", str(stated), int(got), "right",
                             f"the working beside the {side}x{side} map: {expr} = {int(got)}",
                             confidence=CONFIDENCE))
        else:
            out.append(Skip(number, text, f"unsure: the bracket after {side}x{side} gives "
                                          f"{got}; its working, or another figure?"))
    return out
