"""A threshold stated after two symbolic costs: ``N < 3.6D`` checked by solving "one cost
= the other" for the ratio of the two variables (``36N^2 = 112DN``: ``N = 112D/36 ≈
3.11D``), to the digits the bound is written with.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain, write_like
from cnnstat.notes.rules.poly import Poly

WINDOW = 8  # lines a stated cost is remembered for


def threshold(number: int, raw: str, run: list[Token], cmps: list[int], stated: list,
              is_var: Callable[[Token], bool]) -> Claim | Skip | None:
    """``N < 3.6D`` after two costs: the ratio where one cost equals the other, solved
    (degree 2 or less), against the bound stated to its digits; ``stated``: the costs
    (line, poly, text) the section gave."""
    text = span(raw, run)
    if len(cmps) != 1:
        return Skip(number, text, "a chain of comparisons")
    k = cmps[0]
    left, right = run[:k], run[k + 1:]
    if right and right[0].kind == "EQ":
        right = right[1:]  # <=
    # VAR < NUM VAR2 (N < 3.6D) or VAR < NUM
    if len(left) != 1 or not is_var(left[0]) or len(left[0].text) != 1 or \
            not right or right[0].kind != "NUM":
        return Skip(number, text, "an inequality not of the form N < kD")
    var = left[0].text
    claimed = right[0].num
    other = None
    if len(right) == 2 and is_var(right[1]) and len(right[1].text) == 1:
        other = right[1].text
    elif len(right) != 1:
        return Skip(number, text, "an inequality not of the form N < kD")
    recent = [s for s in stated if number - s.line <= WINDOW]
    want = {var} | ({other} if other else set())
    pairs = [(a, b) for a in recent for b in recent
             if a.line < b.line or (a.line == b.line and a is not b)]
    pairs = [(a, b) for a, b in pairs
             if a.poly.variables() == want and b.poly.variables() == want]
    if not pairs:
        return Skip(number, text, "no two costs in the lines above to compare")
    a, b = pairs[-1]
    roots = _ratio_roots(a.poly - b.poly, var, other)
    if roots is None:
        return Skip(number, text, f"{a.text} = {b.text} not solved for {var} "
                                  "(not a polynomial of degree 2 or less in the ratio)")
    positive = [r for r in roots if r > 0]
    if len(positive) != 1:
        return Skip(number, text, f"{a.text} = {b.text} has {len(positive)} positive "
                                  f"solutions for {var}")
    root = positive[0]
    unit = other or ""
    exact = _exact_text(root)
    how = (f"{a.text} vs {b.text} (lines {a.line}, {b.line}): their difference "
           f"{b.poly - a.poly} is 0 at {var} = {exact}{unit}")
    if isinstance(root, Fraction) and agrees(root, claimed):
        return Claim(number, text, "symbolic", claimed.text + unit, float(root), "right",
                     how)
    shown = write_like(Fraction(root), claimed) if isinstance(root, Fraction) \
        else f"{root:.{max(claimed.decimals, 2)}f}"
    if not isinstance(root, Fraction) and abs(root - float(claimed.value)) <= \
            float(claimed.precision):
        return Claim(number, text, "symbolic", claimed.text + unit, root, "right", how)
    return Claim(number, text, "symbolic", claimed.text + unit, float(root), "wrong",
                 how + f", not {claimed.text}{unit}",
                 (Edit(number, right[0].start, right[0].end, shown),), shown)


def _ratio_roots(diff: Poly, var: str, other: str | None) -> list | None:
    """Roots t of diff with var = t * other (or of diff in var alone): degree <= 2."""
    coeffs: dict[int, Fraction] = {}
    rest_degree = None
    for m, c in diff.terms.items():
        exps = dict(m)
        a = exps.pop(var, 0)
        b = exps.pop(other, 0) if other else 0
        if exps:
            return None  # a third variable
        total = a + b if other else 0
        if rest_degree is None:
            rest_degree = total
        elif total != rest_degree:
            return None  # not homogeneous: the ratio alone does not decide
        coeffs[a] = coeffs.get(a, Fraction(0)) + c
    # drop the root t = 0 of a common factor t^k
    low = min((d for d, c in coeffs.items() if c != 0), default=None)
    if low is None:
        return None
    coeffs = {d - low: c for d, c in coeffs.items() if c != 0}
    degree = max(coeffs)
    if degree == 1:
        return [-coeffs.get(0, Fraction(0)) / coeffs[1]]
    if degree == 2:
        a2, a1, a0 = coeffs[2], coeffs.get(1, Fraction(0)), coeffs.get(0, Fraction(0))
        disc = a1 * a1 - 4 * a2 * a0
        if disc < 0:
            return []
        num, den = disc.numerator, disc.denominator
        rn, rd = math.isqrt(num), math.isqrt(den)
        if rn * rn == num and rd * rd == den:
            r = Fraction(rn, rd)
            return [(-a1 + r) / (2 * a2), (-a1 - r) / (2 * a2)]
        s = math.sqrt(float(disc))
        return [(-float(a1) + s) / (2 * float(a2)), (-float(a1) - s) / (2 * float(a2))]
    return None


def _exact_text(root) -> str:
    if isinstance(root, Fraction) and root.denominator != 1:
        return f"{root.numerator}/{root.denominator} ≈ {float(root):.3g}"
    return plain(root) if isinstance(root, Fraction) else f"{root:.3g}"


def span(raw: str, toks: list[Token]) -> str:
    return " ".join(raw[toks[0].start:toks[-1].end].split()) if toks else ""
