"""Arithmetic results judged across calculations: a claimed figure compared with the
value computed (``compare``), a result carried into the next calculation of the line with
one digit changed, and a chain that goes on from one line to the next (``= 448`` under
``= 16 * (3 * 3 * 3 + 1)``), and whether a side of one line's chain goes on from the
result before it (``goes_on``: ``(227 - 11) / 4 = 54 + 1 = 55``).
"""

from __future__ import annotations

import re

import math

from fractions import Fraction

from cnnstat.notes.arithmetic.arithunits import rounded
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain, write_like
from cnnstat.notes.reading.numerals import Number


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
    same number of digits: a new operand that close is no coincidence. One more than the
    result (``11 x 11 x 3 = 363`` weights, then ``364 x 96``) is the count with its bias; one
    less, the ``(out - 1)`` of a padding or transposed conv's rule (``out = ceil(112.5) =
    113, pad = 112*2 + 7 - 225``)."""
    out = []
    for (_, result), (first, _) in zip(chain, chain[1:]):
        stated = first.num.value
        if result < 100 or stated.denominator != 1 or first.num.unit != 1:
            continue
        carried = {math.floor(result), math.ceil(result)}
        if stated in carried or result == stated or stated == result + 1:
            continue  # "= 363개의 weight 및 1개의 bias ... 364 x 96": the bias added
        if any(stated == c - 1 for c in carried):
            continue  # "out = ceil(112.5) = 113, pad = 112*2 + 7 - 225": (out - 1)·s
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
    """The words a line opens with before its '=' or ':' (``parameters = ...``, a symbol
    with its index glued on: ``H2 = ...``), case-folded; () where anything else comes
    first."""
    for k, t in enumerate(tokens[:5]):
        if t.kind in ("EQ", "APPROX") or t.text == ":":
            return tuple(x.text.lower() for x in tokens[:k]) if k else ()
        if t.kind not in ("WORD", "HANGUL") and not (
                t.kind == "NUM" and k and not t.gap and tokens[k - 1].kind == "WORD"
                and t.text.isdecimal() and len(t.text) <= 2):
            return ()
    return ()


def continued(number: int, tokens: list[Token], above: Claim,
              above_label: tuple[str, ...] = ()) -> Claim | None:
    """``= 448`` on the line after ``= 16 * (3 * 3 * 3 + 1)``: a chain that goes on across
    lines. The line is '=' (or '≈') and one number, perhaps with words after it; the
    number is the result of the calculation the line above left without one (a gloss in
    brackets after it: ``= 864 (operations)``). The same
    label may open both lines (``params = 3 * 64 * 121 + 64`` then ``params = 23,296``)."""
    tokens = [t for t in tokens if not (t.kind == "OTHER" and t.text in "¦|&")]  # "$$= 448$$", "&= 448"
    own = label(tokens)
    if own and own == above_label:
        tokens = tokens[len(own):]
    if len(tokens) < 2 or tokens[0].kind not in ("EQ", "APPROX") or tokens[1].kind != "NUM":
        return None
    approx = tokens[0].kind == "APPROX"
    claimed, tok, rest = tokens[1].num, tokens[1], tokens[2:]
    sci = _scientific(tokens[1:], approx)  # "= 2.97 × 10^9 MACs"
    if sci is not None:
        claimed, tok, rest = sci[0], tokens[1]._replace(end=tokens[sci[1]].end), \
            tokens[1 + sci[1] + 1:]
    if rest and rest[0].kind == "LP" and rest[-1].kind == "RP":
        rest = rest[1:-1]  # "= 56 (learnable parameters)": a gloss in brackets
    if any(t.kind not in ("WORD", "HANGUL", "OTHER") for t in rest):
        return None
    actual = Fraction(above.actual)
    text = f"{above.text} (line {above.line}) = {claimed.text}"
    return compare(number, text, actual, claimed, tok, False, approx)


def _scientific(tokens: list[Token], approx: bool):
    """``2.97 × 10^9`` opening ``tokens``: the figure it writes (``arithunits.scientific``)
    and the index of its last token; None where the tokens open otherwise."""
    from cnnstat.notes.arithmetic.arithunits import scientific
    from cnnstat.notes.reading.grammar import Parser

    kinds = [t.kind for t in tokens[:5]]
    if kinds != ["NUM", "OP", "NUM", "OP", "NUM"] or tokens[1].text != "*" or \
            tokens[3].text != "^":
        return None
    text = f"{tokens[0].text} × 10^{tokens[4].text}"
    try:
        tree = Parser(tokens[:5]).parse()
    except Exception:  # noqa: BLE001 - not an expression: no figure
        return None
    got = scientific(tree, text, 0, len(text), approx)
    return (got, 4) if got is not None else None


_CHAIN_KINDS = {"NUM", "OP", "LP", "RP", "LB", "RB", "FRAC", "FL", "FR", "CL", "CR", "OVER"}


def step(tokens: list[Token]) -> tuple[list[Token], Fraction] | None:
    """``= 864 + 32`` (list marks, ``$$`` and bold masked): a line that goes on with the
    line above's calculation, one more step of it and no result of its own: the step's
    tokens and value; None for any other line."""
    toks = [t for t in tokens if not (t.kind == "OTHER" and t.text in "¦|&")]
    if len(toks) < 4 or toks[0].kind not in ("EQ", "APPROX"):
        return None
    end = 1
    while end < len(toks) and toks[end].kind in _CHAIN_KINDS:
        end += 1
    if any(t.kind not in ("WORD", "HANGUL") and not (t.kind == "OTHER" and t.text in ".,")
           for t in toks[end:]):
        return None  # a result of its own (arith judges it), or something else after
    body = toks[1:end]
    if not any(t.kind == "OP" for t in body):
        return None  # "= 896": ``continued`` reads a bare result
    from cnnstat.notes.reading.grammar import Parser, value  # grammar imports numerals only

    try:
        v = value(Parser(body).parse())
    except Exception:  # noqa: BLE001 - any expression the grammar refuses is no step
        return None
    return body, v


def continued_step(number: int, tokens: list[Token], above: Claim
                   ) -> tuple[Claim, Claim] | None:
    """``= (3 × 3 × 3 × 32) + 32`` then ``= 864 + 32``: the step against the calculation
    above (exactly, unless the step writes a decimal: within 0.5% right, beyond 5% wrong);
    and the step itself as the calculation the next line goes on from."""
    got = step(tokens)
    if got is None or above.actual is None:
        return None
    body, v = got
    text = " ".join(t.text for t in body)
    actual = Fraction(above.actual)
    ok = v == actual or (above.detail.startswith("output size: the division floors") and
                         v.denominator != 1 and math.floor(v) == actual)
    # (an output size floored by the reading, not by the note: the note's next step may
    # keep the fraction, "= (32 - 3 + 2)/2 + 1" then "= 16.5", and floor it after)
    if not ok and any(t.kind == "NUM" and t.num is not None and t.num.decimals for t in body):
        gap = abs(v - actual)  # a step with rounded operands: near is right, far wrong
        ok = gap * 200 <= abs(actual)
        if not ok and gap * 20 <= abs(actual):
            return None
    detail = "" if ok else f"the line above comes to {plain(actual)}; this step to {plain(v)}"
    claim = Claim(number, f"{above.text} (line {above.line}) = {text}", "arithmetic", text,
                  as_num(actual), "right" if ok else "wrong", detail)
    return claim, Claim(number, text, "arithmetic", None, as_num(v), "info")


_OPS = re.compile(r"[-+*/×÷·−]")


def _relabelled(tokens: list[Token], above: Claim, above_label: tuple[str, ...],
                claims: list[Claim]) -> list[Token] | None:
    """``H2 = (27) + (4) / 2`` under ``H2 = (32 - 5) + (2 * 2)/ 1 + 1``: the label of the
    line above opens the line again, and what follows is a shorter working of it (fewer
    operators: a step, not another quantity under the same label; read as a calculation
    without a result, or not read at all: ``params = 9,408 + 64``): the tokens from its
    '=' on; None for any other line."""
    if not above_label or tuple(t.text.lower() for t in tokens[:len(above_label)]) != \
            above_label or (claims and (len(claims) != 1 or claims[0].verdict != "info")):
        return None
    rest = tokens[len(above_label):]
    ops = sum(t.kind == "OP" for t in rest)
    return rest if 0 < ops < len(_OPS.findall(above.text)) else None


def steps_across(number: int, tokens: list[Token] | None, above: Claim | None,
                 claims: list[Claim], above_label: tuple[str, ...] = ()
                 ) -> tuple[list[Claim], list[Claim]]:
    """The line's arithmetic claims with a step of the chain above judged (where the line
    has no claim of its own, or only its working under the label above), and the
    calculations the next line may go on from."""
    again = _relabelled(tokens, above, above_label, claims) \
        if above is not None and tokens else None
    if again is not None:
        stepped = continued_step(number, again, above)
        if stepped is not None:  # a wrong step: the label's value is still the one above
            return [stepped[0]], [stepped[1] if stepped[0].verdict == "right" else
                                  Claim(number, above.text, "arithmetic", None, above.actual,
                                        "info")]
    stepped = continued_step(number, tokens, above) if above is not None and not claims \
        and tokens else None
    if stepped is not None:  # a wrong step ends the chain: what follows may be right
        return [stepped[0]], [stepped[1]] if stepped[0].verdict == "right" else []
    first = step(tokens) if not claims and tokens else None
    if first is None and not claims and tokens:  # "MACs = 64 × 32 × 3 × 3", no result
        bare = [t for t in tokens if not (t.kind == "OTHER" and t.text in "¦|&")]  # "$$", LaTeX's &
        first = step(bare[len(label(bare)):]) if label(bare) else None
    if first is not None:  # "$$= (128 × 3 × 3 + 1) × 256$$": a chain's first step
        return claims, [Claim(number, " ".join(t.text for t in first[0]), "arithmetic", None,
                              as_num(first[1]), "info")]
    return claims, [x for x in claims if x.kind == "arithmetic"]


def goes_on(side: list[Token], before: Fraction, calc: list[Token]) -> bool:
    """Whether a side starts with the result before it and computes on from it: ``10 *
    10`` after a calculation that gives 10, ``27 + 1`` after a product that gives 27 (its
    bias added), ``54 + 1`` after ``(227 - 11) / 4`` (a size's "+ 1"). A term added to a
    sum or a product that already adds (``(5*5*3 + 1) * 10 = 760 + 10``: the bias counted
    twice) is a term too many, not a step on."""
    if len(side) < 3 or side[0].kind != "NUM" or side[1].kind != "OP" or \
            side[0].num.unit != 1:
        return False
    top = _top_ops(calc)
    if side[0].num.value != before and not (  # "(96 - 7) / 2 = 44 + 1": floored, a size's
            side[1].text == "+" and "/" in top and side[0].num.value == before // 1):
        return False
    if side[1].text in "*/":
        return True
    adds = {t.text for t in calc if t.kind == "OP" and t.text in "+-"}
    if side[1].text != "+" or not adds:
        return side[1].text == "+"
    # a division or a difference goes on; a sum or a product, not
    return "+" not in top and ("/" in top or "-" in top)


def _top_ops(calc: list[Token]) -> set[str]:
    """The operators of ``calc`` outside its brackets."""
    depth, out = 0, set()
    for t in calc:
        depth += (t.kind in ("LP", "LB")) - (t.kind in ("RP", "RB"))
        if depth == 0 and t.kind == "OP":
            out.add(t.text)
    return out
