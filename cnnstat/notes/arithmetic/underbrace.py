"""A value written under (or over) a brace in LaTeX: ``\\underbrace{28 \\times 28 \\times
6}_{4704}``, ``\\underbrace{\\text{Image 32 x 32 x 3}}_{3072}``, ``\\overbrace{3 \\cdot 3
\\cdot 64}^{576}``. The brace's expression (its words left out: a label before the numbers)
is worked out by the one grammar (``grammar.evaluate``) and set against the number under
it: equal, right; otherwise wrong, unless the number is smaller than an operand (``_{2}``
under ``3 \\times 3``: how many times, not a value) or below the brace stand words
(``_{\\text{outputs}}``: a label, which ``normalise`` drops).
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.grammar import evaluate
from cnnstat.notes.reading.normalise import plain_latex
from cnnstat.notes.reading.numbers import plain
from cnnstat.notes.reading.numerals import Refused

NEEDS = ("underbrace", "overbrace")
_OPEN = re.compile(r"\\(under|over)brace\s*\{")
# what may stand under the brace: a number, maybe grouped (4,704; 4{,}704; 4 704)
_VALUE = re.compile(r"\s*\{\s*([0-9]{1,3}(?:(?:\{,\}|,|\\,|\s)[0-9]{3})*|[0-9]+)\s*\}")
# the numbers and operators the brace's expression is (after the words before it)
_EXPR = re.compile(r"[0-9(][0-9\s.,()+\-*/×⋅·÷^xX]*[0-9)]")
_OPERAND = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _group(s: str, start: int) -> int | None:
    """Where the brace group opened just before ``start`` closes (nested), or None."""
    depth = 1
    for k in range(start, min(len(s), start + 300)):
        depth += (s[k] == "{") - (s[k] == "}")
        if depth == 0:
            return k
    return None


def check_line(number: int, raw: str) -> list[Claim]:
    """The braces of the line as written (the masking may blank a side of ``28 x 28 x 6``
    that it takes for KaTeX pasted twice)."""
    out: list[Claim] = []
    for m in _OPEN.finditer(raw):
        end = _group(raw, m.end())
        if end is None:
            continue
        mark = "_" if m.group(1) == "under" else "^"
        below = _VALUE.match(raw, end + 2) if raw.startswith(mark, end + 1) else None
        if below is None:
            continue  # no number under the brace: a label, or nothing
        inside = plain_latex(raw[m.end():end]).replace("{", " ").replace("}", " ")
        runs = [r for r in _EXPR.finditer(inside) if re.search(r"[×*⋅·÷/+\-^x]", r.group())]
        whole = _EXPR.findall(inside)
        if len(runs) != 1 or len(whole) != 1:
            continue  # the brace holds no calculation, or several pieces
        expr = runs[0].group().strip()
        try:
            got = evaluate(expr)
            stated = Fraction(re.sub(r"\{,\}|,|\\,|\s", "", below.group(1)))
        except (Refused, ValueError, ZeroDivisionError):
            continue
        operands = [Fraction(x) for x in _OPERAND.findall(expr)]
        if got != stated and operands and stated < max(operands):
            continue  # "_{2}" under "3 \times 3": a count of repeats, not the value
        text = f"{expr} = {below.group(1)}"
        verdict = "right" if got == stated else "wrong"
        how = f"the expression over the brace is {plain(got)}" + (
            "" if verdict == "right" else f", not {below.group(1)}")
        out.append(Claim(number, text, "arithmetic", below.group(1),
                         int(got) if got.denominator == 1 else float(got), verdict, how))
    return out
