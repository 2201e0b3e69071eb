"""Arithmetic claims: ``expression = result`` anywhere in a line, and bare calculations.

A *run* is a stretch of a line made only of numbers, operators, parentheses, LaTeX
fractions and ``=``/``≈``. A run is read only when it stands apart from the words around
it (``VGG-16``, ``conv3x3``, ``121DN``, ``30%`` are not arithmetic) and every part of it
parses; anything else is skipped, never guessed. Each ``=`` side is compared with the
side that holds the calculation, within the precision the note wrote it with. A run
with no ``=`` that adds or uses parentheses (``(11 x 11 x 3 + 1) x 96``) is shown with
its value as information; a plain product such as ``3x3`` is a size, not a calculation.
Where the runs stand, and what in a line is no operand, is ``runs``'s to say.
"""

from __future__ import annotations

import math
import re

from fractions import Fraction

from cnnstat.notes import bracketed
from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.grammar import Parser, has_operator, output_size_form, value
from cnnstat.notes.normalise import Token
from cnnstat.notes.numbers import agrees, plain, write_like
from cnnstat.notes.numerals import SUFFIXES, Number, Refused
from cnnstat.notes.runs import (both_sides_numeric, isolated, numbered_label, ratio, runs,
                               segments, sides_with_numbers, trim)

MAX_RUN = 120  # tokens in one expression; a longer run is refused, not read


def check_line(number: int, raw: str, tokens: list[Token]) -> tuple[list[Claim], list[Skip], list[tuple[int, int]]]:
    """Arithmetic claims of one line; also the character spans the claims used (so that
    other extractors leave those numbers alone)."""
    claims: list[Claim] = []
    skips: list[Skip] = []
    used: list[tuple[int, int]] = []
    if not any(t.kind in ("EQ", "APPROX", "OP") for t in tokens):
        return claims, skips, used  # no equation and no operator: no arithmetic
    chain: list[tuple[Token, Fraction]] = []  # each calculation's first operand, result
    whole = " ".join(raw.split())[:100]  # the line as a skip shows it
    for i0, j0 in runs(tokens):
        if j0 - i0 == 1 and tokens[i0].kind == "NUM":
            continue  # a number alone: no calculation, no result (the commonest run)
        if j0 - i0 > MAX_RUN:
            skips.append(Skip(number, whole,
                              f"an expression of {j0 - i0} tokens: more than {MAX_RUN} "
                              "are not read"))
            continue
        whole_end = j0
        while j0 - i0 > 1 and tokens[j0 - 1].kind == "OP" and j0 < len(tokens) and \
                tokens[j0].kind in ("WORD", "HANGUL"):
            j0 -= 1  # "= 112 (kernel + bias) * kernel_numbers": the run ends at the word
        if j0 < whole_end and _computes_on(tokens, i0, j0):
            # "31 = 32 - 5 + 2 x Padding": the calculation goes on with a symbol, so its
            # numbers alone are no side of the equation
            skips.append(Skip(number, whole, "a calculation that goes on with a symbol"))
            continue
        trimmed = trim(tokens, i0, j0)
        if trimmed is None:
            if any(t.kind in ("EQ", "APPROX") for t in tokens[i0:j0]):
                skips.append(Skip(number, whole,
                                  "a formula with symbols (its brackets do not match here)"))
            continue
        i, j = trimmed
        if tokens[i].kind == "OP" and tokens[i].text in "+*/^" and i > 0 and \
                tokens[i - 1].kind in ("WORD", "HANGUL"):
            # "(I - F + 2P)/S + 1 = (5 - 3 + 0)/1 + 1": the run starts inside a formula
            # with letters; only what follows its first '=' is numbers
            first_eq = next((k for k in range(i, j) if tokens[k].kind in ("EQ", "APPROX")),
                            None)
            if first_eq is None or first_eq + 1 >= j:
                continue
            i = first_eq + 1
            if not any(t.kind in ("EQ", "APPROX") for t in tokens[i:j]):
                continue
        first_eq = next((k for k in range(i, j) if tokens[k].kind in ("EQ", "APPROX")), None)
        if first_eq is not None and first_eq + 1 < j and tokens[i].kind == "NUM" and \
                i > 1 and tokens[i - 1].kind == "WORD" and tokens[i - 2].kind == "OP":
            # "(width 227 - kernel 11) / stride 4 + 1 = (227 - 11) / 4 + 1 = 55": the run
            # starts inside a formula in words; only what follows its first '=' counts
            i = first_eq + 1
            if not any(t.kind in ("EQ", "APPROX") for t in tokens[i:j]):
                continue
        if tokens[i].kind in ("EQ", "APPROX") and i > 0 and \
                tokens[i - 1].kind in ("WORD", "HANGUL") and j - i > 2:
            i += 1  # "출력 크기 = (227 - 11) / 4 + 1 = 55": a label, then the equation
        if i == 0 and tokens[0].kind in ("EQ", "APPROX") and j > 2:
            i = 1  # "= 16 * (3 * 3 * 3 + 1)": a chain going on from the line above
        span_start = tokens[i].start
        if numbered_label(tokens, i, j):
            i += 2  # "Layer 2 = 3 + 2 = 5": the layer's number names it, it is no value
        has_eq = any(t.kind in ("EQ", "APPROX") for t in tokens[i:j])
        nums = sum(t.kind == "NUM" for t in tokens[i:j])
        if nums == 0:
            continue
        if not isolated(tokens, i, j, raw):
            if has_eq and nums >= 2 and both_sides_numeric(tokens, i, j):
                skips.append(Skip(number, whole, "part of a word or formula with symbols"))
            continue
        if ratio(tokens, i, j):
            if has_eq:  # "5x5:" before a label's colon is no claim at all
                skips.append(Skip(number, whole, "a ratio (a : b), not an equation"))
            continue
        segs = segments(tokens, i, j)
        if any(a == b for a, b in segs):
            if has_eq and len(segs) > 1 and sides_with_numbers(tokens, segs) >= 2:
                skips.append(Skip(number, whole, "one side of '=' is not a number"))
            continue
        try:
            trees = [Parser(tokens[a:b]).parse() for a, b in segs]
        except Refused as err:
            if has_eq:
                skips.append(Skip(number, whole, f"not read: {err}"))
            continue
        text = _text(raw, tokens, i, j)
        if not has_eq:
            claim = _bare(number, raw, text, trees[0], tokens[i:j])
            if claim:
                claims.append(claim)
                used.append((span_start, tokens[j - 1].end))
            continue
        anchor = next((k for k, t in enumerate(trees) if has_operator(t)), None)
        if anchor is None:
            continue  # "1 = 1": nothing computed
        floor = output_size_form(trees[anchor])
        try:
            actual = value(trees[anchor], floor_division=True)
        except Refused as err:
            skips.append(Skip(number, text, f"not computed: {err}"))
            continue
        used.append((span_start, tokens[j - 1].end))
        for k, tree in enumerate(trees):
            if k == anchor:
                continue
            a, b = segs[k]
            approx = tokens[a - 1].kind == "APPROX" if a > i else False
            if tree.op == "num":
                sa, sb = segs[anchor]
                tree = tree._replace(num=_prefixed(raw, tokens[b - 1], tree.num,
                                                   tokens[sa:sb]))
                if floor and tree.num.decimals:
                    # (10 - 3 + 0)/2 + 1 = 4.5: the exact quotient, written to show that
                    # the stride does not fit; right as arithmetic
                    exact_value = value(trees[anchor])
                    if agrees(exact_value, tree.num):
                        claims.append(Claim(
                            number, text, "arithmetic", tree.num.text, _num(exact_value),
                            "right", f"exact; the stride does not fit, so a layer floors "
                                     f"it to {plain(actual)}"))
                        continue
                bound = _rounding(trees[anchor])
                if bound is not None and not agrees(actual, tree.num):
                    # 4 x 138M = 553MB: an operand is itself rounded, so the result is
                    # known only within its error; outside that bound it is still wrong
                    spread = abs(actual) * bound if bound >= 0 else None
                    if spread is None or abs(actual - tree.num.value) <= \
                            spread + tree.num.precision:
                        skips.append(Skip(number, text, "an operand is a rounded figure; "
                                                        "the result agrees within its "
                                                        "rounding" if spread is not None else
                                          "an operand is a rounded figure"))
                        continue
                sa, sb = segs[anchor]
                label = _as_label(tokens[sa:sb], trees[anchor], actual,
                                  _in_unit(trees[anchor], tree.num), approx)
                if label is None:
                    skips.append(Skip(number, text, "unsure: the calculation carries no unit, "
                                                    "and the result's unit converts it "
                                                    "(MB written as GB)"))
                    continue
                claimed, meant = label
                claims.append(_compare(number, text, meant, claimed, tokens[a], floor, approx))
                first = next((t for t in tokens[sa:sb] if t.kind == "NUM"), None)
                if first is not None:
                    chain.append((first, claimed.value))
            else:
                try:
                    other = value(tree, floor_division=True)
                except Refused as err:
                    skips.append(Skip(number, text, f"not computed: {err}"))
                    continue
                side = raw[tokens[a].start:tokens[b - 1].end]
                size = _map_size(tokens[a:b], raw)
                if size is not None and k > anchor and other != actual:
                    # "= 5x5", "28/2 = 14×14×512": a size written as the map it gives
                    ok = size == actual
                    claims.append(Claim(number, text, "arithmetic", side, _num(actual),
                                        "right" if ok else "wrong",
                                        f"a size written as its map: {size}" +
                                        ("" if ok else f", not {plain(actual)}")))
                    continue
                ok = other == actual
                claims.append(Claim(number, text, "arithmetic", side, _num(actual),
                                    "right" if ok else "wrong",
                                    f"{side} = {plain(other)}" + ("" if ok else
                                                                  f", not {plain(actual)}")))
    claims += _carried(number, chain)
    return claims, skips, used


def _map_size(side: list[Token], raw: str) -> int | None:
    """``5x5``, ``14×14×512``: a result side that is a square map (two equal sides, a
    depth perhaps), written with x or ×, never with ``*``: its side."""
    if len(side) not in (3, 5) or any(t.kind != ("OP" if n % 2 else "NUM")
                                      for n, t in enumerate(side)):
        return None
    if any(raw[t.start:t.end].strip() not in ("x", "X", "×") for t in side[1::2]):
        return None
    a, b = side[0].num.value, side[2].num.value
    if a != b or a.denominator != 1 or a > 4096:
        return None
    return int(a)


def _carried(number: int, chain: list[tuple[Token, Fraction]]) -> list[Claim]:
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


# "= 3.6 GFLOPs", "= 25.6 Mparams": a scale glued to the unit word after a result
_PREFIX = re.compile(r"\s*([kKMG])(?:FLOPS?|FLOPs?|flops|MACs?|Macs?|MMACs?|ops|OPs|params?)\b")


def _prefixed(raw: str, tok: Token, num: Number, expr: list[Token]) -> Number:
    """The result as scaled by a prefix glued to its unit word, where the calculation's
    own operands are scaled (``2 x 1.8G = 3.6 GFLOPs``): 3.6 billion, not 3.6."""
    m = _PREFIX.match(raw, tok.end)
    small = _LOWER_SCALE.match(raw, tok.end)  # "= 10.0 m (1천만)", "= 2.4m"
    if num.unit != 1 or num.style != "plain":
        return num
    if small is not None and num.decimals:
        k = _LOWER[small.group(1)]
    elif m is None or not any(t.kind == "NUM" and t.num.unit > 1 for t in expr):
        return num
    else:
        k = SUFFIXES[m.group(1)]
    return num._replace(value=num.value * k, unit=k, precision=num.precision * k)


# a lower-case scale letter after a result with decimals, standing alone: thousand,
# million, billion (written for the M of the calculation's millions)
_LOWER_SCALE = re.compile(r" ?([kmb])(?![\w.])")
_LOWER = {"k": 10**3, "m": 10**6, "b": 10**9}


def _computes_on(tokens: list[Token], i: int, j: int) -> bool:
    """Whether the side the run was cut on is a calculation (an operator after the last
    '='), not a result with a label after it."""
    last = max((k for k in range(i, j) if tokens[k].kind in ("EQ", "APPROX")), default=None)
    return last is not None and any(t.kind == "OP" for t in tokens[last + 1:j])


def _compare(number: int, text: str, actual: Fraction, claimed: Number, tok: Token,
             floor: bool, approx: bool) -> Claim:
    exact = not approx
    ok = agrees(actual, claimed if exact else _rounded(claimed), exact=exact)
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
    return Claim(number, text, "arithmetic", claimed.text, _num(actual),
                 "right" if ok else "wrong", detail, edits, shown)


def _in_unit(tree, claimed: Number) -> Number:
    """``138,357,544 × 4 / 1024² = 527.79 MiB``: a calculation that divides by the byte
    unit itself (or its binary or decimal twin: a MiB written MB) states the number in
    that unit; the claimed figure is compared as the number written."""
    if claimed.style != "bytes" or claimed.unit <= 1:
        return claimed
    k = next((k for k in range(1, 5) if claimed.unit in (10**(3 * k), 2**(10 * k))), None)
    if k is None or not _divides_by(tree, {10**(3 * k), 2**(10 * k)}):
        return claimed
    return claimed._replace(value=claimed.value / claimed.unit, style="plain", unit=1,
                            precision=claimed.precision / claimed.unit)


def _as_label(expr: list[Token], tree, actual: Fraction, claimed: Number,
              approx: bool) -> tuple[Number, Fraction] | None:
    """``(4.06 * 128) + 218.27 + 4.39 = 742.34 MB``: where the calculation carries no unit
    of its own (no operand is scaled or in bytes), a unit written after its result labels
    the result: the figure is read as the number written when that reading agrees, or
    when it is the nearer of the two (``6 x 10 = 60M`` read as 60 million still agrees
    as a scaled figure). A count scale after a division by 1024s (``49326872/1024/1024 =
    47.04M params``) is no label: a million is 10^6, and the figure is judged as the count
    the calculation divided. Returns the figure to compare and the value it states; None
    where the result's unit may convert the calculation's (``... = 0.74 GB`` after a sum
    of MB figures): unsure."""
    if claimed.unit <= 1 or any(t.kind == "NUM" and (t.num.unit != 1 or t.num.style == "bytes")
                                for t in expr):
        return claimed, actual
    if claimed.style != "bytes":
        k = next((k for k in range(1, 5) if claimed.unit == 10 ** (3 * k)), None)
        if k is not None and _divides_by(tree, {2 ** (10 * k)}):
            return claimed, actual * 2 ** (10 * k)
    bare = claimed._replace(value=claimed.value / claimed.unit, style="plain", unit=1,
                            precision=claimed.precision / claimed.unit)
    exact = not approx
    if agrees(actual, claimed if exact else _rounded(claimed), exact=exact):
        return claimed, actual
    if agrees(actual, bare if exact else _rounded(bare), exact=exact):
        return bare, actual
    for f in (1000, 1024, 1000 ** 2, 1024 ** 2):
        if any(agrees(v, bare if exact else _rounded(bare)) for v in (actual / f, actual * f)):
            return None
    # neither agrees: the reading nearer the calculation's value is the one it is judged by
    # (its "wrong" then shows the number a reader expects, never "0.00 MB")
    a, scaled, label_ = abs(actual), abs(claimed.value), abs(bare.value)
    if a and scaled and label_ and abs(_log_ratio(a, label_)) < abs(_log_ratio(a, scaled)):
        return bare, actual
    return claimed, actual


def _log_ratio(a: Fraction, b: Fraction) -> float:
    import math
    return math.log(float(a)) - math.log(float(b))


def _divides_by(tree, units: set[int]) -> bool:
    """Does ``tree`` end by dividing by one of ``units`` (``/ 1024²``, ``/ 1024 / 1024``,
    ``/ 10^6``)?"""
    divisor = 1
    while tree.op in ("div", "frac", "paren"):
        if tree.op == "paren":
            tree = tree.args[0]
            continue
        try:
            divisor *= value(tree.args[1])
        except Refused:
            return False
        if divisor in units:
            return True
        tree = tree.args[0]
    return False


def _rounded(claimed: Number) -> Number:
    """``≈ 3000``, ``~1억 300만``: an approximate whole number is stated to its last
    non-zero digit."""
    v = claimed.value
    # "~1억 300만", "~60M": the trailing zeros of a scaled figure are not digits either
    if v.denominator != 1 or v == 0 or claimed.decimals or \
            claimed.precision.denominator != 1:
        return claimed
    step = int(claimed.precision)
    while int(v) % (step * 10) == 0:
        step *= 10
    return claimed._replace(precision=Fraction(step))


def _bare(number: int, raw: str, text: str, tree, toks: list[Token]) -> Claim | None:
    """A calculation without a result: shown when it adds or groups, not a plain size;
    a figure with its working in brackets (``4,608 (16x32x3x3)``) is an equation."""
    if bracketed.is_working(toks):
        return bracketed.check(number, raw, toks, tree)
    kinds = {t.kind for t in toks}
    ops = {t.text for t in toks if t.kind == "OP"}
    if not ({"+"} & ops or kinds & {"LP", "FRAC", "LB"}) or not has_operator(tree):
        return None
    if sum(t.kind == "OP" for t in toks) < 2:
        return None
    try:
        v = value(tree, floor_division=True)
    except Refused:
        return None
    detail = "output size: the division floors" if output_size_form(tree) else ""
    return Claim(number, text, "arithmetic", None, _num(v), "info", detail, (), plain(v))


def _num(v: Fraction):
    return int(v) if v.denominator == 1 else float(v)


def _text(raw: str, tokens: list[Token], i: int, j: int) -> str:
    return " ".join(raw[tokens[i].start:tokens[j - 1].end].replace("**", " ").split())


def _rounding(tree) -> Fraction | None:
    """None when every operand is exact; else the relative error the rounded operands
    (``138M``, ``3.2M``) can carry into a product or quotient (first order), or -1 when
    they are added or subtracted (no simple bound)."""
    nums: list = []
    ops: set = set()

    def walk(node) -> None:
        if node.op == "num":
            nums.append(node.num)
        else:
            ops.add(node.op)
            for a in node.args:
                walk(a)

    walk(tree)
    rounded = [n for n in nums if n.unit > 1 and n.precision > 1]
    if not rounded:
        return None
    if ops - {"mul", "div", "paren", "frac"}:
        return Fraction(-1)
    return sum((n.precision / abs(n.value) for n in rounded if n.value), Fraction(0))


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
    return _compare(number, text, actual, tokens[1].num, tokens[1], False,
                    tokens[0].kind == "APPROX")
