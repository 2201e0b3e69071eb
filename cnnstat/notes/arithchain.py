"""Arithmetic results judged across calculations: a claimed figure compared with the
value computed (``compare``), a result carried into the next calculation of the line with
one digit changed, and a chain that goes on from one line to the next (``= 448`` under
``= 16 * (3 * 3 * 3 + 1)``).
"""

from __future__ import annotations

import math

from fractions import Fraction

from cnnstat.notes.arithunits import rounded
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.normalise import Token
from cnnstat.notes.numbers import agrees, plain, write_like
from cnnstat.notes.numerals import Number


def compare(number: int, text: str, actual: Fraction, claimed: Number, tok: Token,
             floor: bool, approx: bool) -> Claim:
    exact = not approx
    ok = agrees(actual, claimed if exact else rounded(claimed), exact=exact)
    rule = "output size: the division floors, as convolution computes it" if floor else ""
    if ok:
        detail = rule
    else:
        detail = "; ".join(x for x in (rule, f"{plain(actual)}, not {claimed.text}") if x)
    if actual.denominator == 1 and claimed.unit == 1 and claimed.style != "korean":
        shown = plain(actual, grouped=claimed.style == "grouped")  # 6.5 -> 6, 2,500 -> 2,400
    elif actual.denominator == 1 or claimed.decimals or claimed.unit > 1:
        shown = write_like(actual, claimed)
    else:
        shown = plain(actual, grouped=claimed.style == "grouped")
    edits = () if ok else (Edit(number, tok.start, tok.end, shown),)
    return Claim(number, text, "arithmetic", claimed.text, as_num(actual),
                 "right" if ok else "wrong", detail, edits, shown)


def as_num(v: Fraction):
    return int(v) if v.denominator == 1 else float(v)


def carried(number: int, chain: list[tuple[Token, Fraction]]) -> list[Claim]:
    """``217/2 = 108.5 (the lower value), adding 118+1 = 119``: a result carried into the
    next calculation of the line with one digit changed (108 written 118). A result of
    three digits or more, carried as its floor, ceiling or itself, one digit off in the
    same number of digits: a new operand that close is no coincidence."""
    out = []
    for (_, result), (first, _) in zip(chain, chain[1:]):
        stated = first.num.value
        if result < 100 or stated.denominator != 1 or first.num.unit != 1:
            continue
        carried = {math.floor(result), math.ceil(result)}
        if stated in carried or result == stated:
            continue
        near = [c for c in sorted(carried) if _one_digit_off(c, int(stated))]
        if near:
            out.append(Claim(number, f"{plain(result)} carried on as {first.text}",
                             "arithmetic", first.text, near[0], "wrong",
                             f"the result before is {plain(result)}; carried on it is "
                             f"{near[0]}, not {first.text}"))
    return out


def _one_digit_off(a: int, b: int) -> bool:
    x, y = str(a), str(b)
    return len(x) == len(y) and sum(p != q for p, q in zip(x, y)) == 1


def label(tokens: list[Token]) -> tuple[str, ...]:
    """The words a line opens with before its '=' or ':' (``parameters = ...``), case-folded;
    () where anything else comes first."""
    for k, t in enumerate(tokens[:5]):
        if t.kind in ("EQ", "APPROX") or t.text == ":":
            return tuple(x.text.lower() for x in tokens[:k]) if k else ()
        if t.kind not in ("WORD", "HANGUL"):
            return ()
    return ()


def continued(number: int, tokens: list[Token], above: Claim,
              above_label: tuple[str, ...] = ()) -> Claim | None:
    """``= 448`` on the line after ``= 16 * (3 * 3 * 3 + 1)``: a chain that goes on across
    lines. The line is '=' (or '≈') and one number, perhaps with words after it; the
    number is the result of the calculation the line above left without one. The same
    label may open both lines (``params = 3 * 64 * 121 + 64`` then ``params = 23,296``)."""
    own = label(tokens)
    if own and own == above_label:
        tokens = tokens[len(own):]
    if len(tokens) < 2 or tokens[0].kind not in ("EQ", "APPROX") or tokens[1].kind != "NUM":
        return None
    if any(t.kind not in ("WORD", "HANGUL", "OTHER") for t in tokens[2:]):
        return None
    actual = Fraction(above.actual)
    text = f"{above.text} (line {above.line}) = {tokens[1].text}"
    return compare(number, text, actual, tokens[1].num, tokens[1], False,
                    tokens[0].kind == "APPROX")
