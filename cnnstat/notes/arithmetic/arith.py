"""Arithmetic claims: ``expression = result`` anywhere in a line, and bare calculations.

A *run* is a stretch of a line made only of numbers, operators, parentheses, LaTeX
fractions and ``=``/``≈``. A run is read only when it stands apart from the words around
it (``VGG-16``, ``conv3x3``, ``121DN``, ``30%`` are not arithmetic) and every part of it
parses; anything else is skipped, never guessed. Each ``=`` side is compared with the
side that holds the calculation, within the precision the note wrote it with. A run
with no ``=`` that adds or uses parentheses (``(11 x 11 x 3 + 1) x 96``) is shown with
its value as information; a plain product such as ``3x3`` is a size, not a calculation.
The result's scale and unit are ``arithunits``'s to decide, the comparison and chains
across calculations ``arithchain``'s. Where the runs stand, and what in a line is no
operand, is ``runs``'s to say; where a run opens or ends beside words, ``runedges``'s.
"""

from __future__ import annotations

import math
from fractions import Fraction

from cnnstat.notes.arithmetic import (bracketed, counted, juxtaposed, labelunit, runedges,
                                      slashes, tuples, wordjoin)
from cnnstat.notes.arithmetic.bracketcalc import as_equation
from cnnstat.notes.arithmetic.arithchain import as_num, carried, compare, continued, goes_on, label
from cnnstat.notes.arithmetic.arithunits import (as_label, converted, decimal_spread, in_unit,
                                                 interval, prefixed, rounding, scientific)
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.grammar import Parser, has_operator, output_size_form, value
from cnnstat.notes.arithmetic.explained import glossed, glued_operand, with_biases
from cnnstat.notes.arithmetic.mapsides import map_figures, map_size, maps_joined, square_pairs
from cnnstat.notes.arithmetic import toldafter
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Refused
from cnnstat.notes.reading.weightwords import WEIGHTS_ONLY
from cnnstat.notes.reading.runlabels import label_width
from cnnstat.notes.reading.runs import (RUN_KINDS, both_sides_numeric, isolated,
                                        ratio, runs, segments, sides_with_numbers, trim)
from cnnstat.notes.reading.strays import without_strays

__all__ = ["check_line", "continued", "label"]


MAX_RUN = 120  # tokens in one expression; a longer run is refused, not read


def check_line(number: int, raw: str, tokens: list[Token]) -> tuple[list[Claim], list[Skip], list[tuple[int, int]]]:
    """Arithmetic claims of one line; also the character spans the claims used (so that
    other extractors leave those numbers alone). A word that adds may join two equations
    (``wordjoin``): the line is read both ways. An equation between tuples is read a
    place at a time (``tuples``)."""
    if any(t.kind == "LP" for t in tokens):
        found = tuples.find(raw, tokens)
        if found is not None:
            return tuples.settle(number, raw, tokens, found, _check_line, check_line)
    if wordjoin.joined(raw, tokens):
        return wordjoin.settle(number, raw, tokens, _check_line)
    return _check_line(number, raw, tokens)


def _check_line(number: int, raw: str, tokens: list[Token]
                ) -> tuple[list[Claim], list[Skip], list[tuple[int, int]]]:
    claims: list[Claim] = []
    skips: list[Skip] = []
    used: list[tuple[int, int]] = []
    if not any(t.kind in ("EQ", "APPROX", "OP") for t in tokens):
        return claims, skips, used  # no equation and no operator: no arithmetic
    if any(t.kind == "ARROW" for t in tokens):
        tokens = _arrows_as_equals(tokens)
    tokens = toldafter.as_equals(tokens)  # "(3 * 49 * 64) + 64 which is around 9.5k"
    if any(t.text == "/" for t in tokens):
        tokens = slashes.parted(tokens, raw)  # "1만 = 10,000 / 1억 = 100,000,000"
    tokens, laid = juxtaposed.as_equals(tokens)  # "64(3*3*32+1) 18496 parameters"
    if any(t.kind == "LP" for t in tokens):
        tokens = as_equation(tokens)  # "105,750,600 (= 290,400 x 364)"
    if raw.count(")") > raw.count("("):  # "(256 + 1)·64) + (9·64 + 1)·64) = ...": the
        tokens = without_strays(tokens)   # formula's outer openers left out
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
        if (j0 < whole_end or runedges.times_word(tokens, j0)) and \
                runedges.computes_on(tokens, i0, j0):
            # "31 = 32 - 5 + 2 x Padding": the calculation goes on with a symbol, so its
            # numbers alone are no side of the equation
            skips.append(Skip(number, whole, "a calculation that goes on with a symbol"))
            continue
        trimmed = trim(tokens, i0, j0)
        eqs = [k for k in range(i0, j0) if tokens[k].kind in ("EQ", "APPROX")]
        if trimmed is None and len(eqs) >= 2 and i0:
            # "floor((W-K) / S + 1) = floor((56-3)/2 + 1) = 27", "of size(3,3)= 3*3 =9":
            # the run starts inside a formula in letters or a tuple; what follows its first
            # '=' may be numbers alone
            trimmed = trim(tokens, eqs[0] + 1, j0)
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
        if first_eq is not None and first_eq + 1 < j and runedges.after_worded_term(tokens, i):
            # "(width 227 - kernel 11) / stride 4 + 1 = (227 - 11) / 4 + 1 = 55", "stem (1)
            # + 3 × 16 blocks + fc (1) = 1 + 48 + 1": the run starts inside a formula in
            # words (a term's count glossed in brackets); only what follows its first '='
            # counts
            i = first_eq + 1
            if not any(t.kind in ("EQ", "APPROX") for t in tokens[i:j]):
                continue
        if first_eq == i + 1 and first_eq + 1 < j and runedges.list_tail(tokens, i):
            # "weight [64, 32, 3, 3] = 18,432 + 32 = 18,464": the number before '=' is
            # the last item of a list (a shape), no side of its own
            i = first_eq + 1
            if not any(t.kind in ("EQ", "APPROX") for t in tokens[i:j]):
                continue
        if tokens[i].kind in ("EQ", "APPROX") and i > 0 and \
                (tokens[i - 1].kind in ("WORD", "HANGUL") or tokens[i - 1].text == "|") and \
                j - i > 2:
            # "출력 크기 = (227 - 11) / 4 + 1 = 55": a label, then the equation;
            i += 1  # "|input|·|output| = 128·256 = 32,768": a formula between bars
        if i == 0 and tokens[0].kind in ("EQ", "APPROX") and j > 2:
            i = 1  # "= 16 * (3 * 3 * 3 + 1)": a chain going on from the line above
        if (i == 1 and tokens[0].kind == "OP" and tokens[0].text in "+-−×*·" or
                i == 0 and runedges.OPEN_PLUS.match(raw)) and \
                any(t.kind in ("EQ", "APPROX") for t in tokens[i:j]):
            # "+ 3 transition convs + 1 FC = 121": a sum wrapped from the line above,
            # whose first terms are there
            skips.append(Skip(number, whole, "a calculation going on from the line above"))
            continue
        span_start = tokens[i].start
        i += label_width(tokens, i, j)  # "Layer 2 = 3 + 2 = 5", "Linear 64→16 = ...": a name
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
        if has_eq and counted.one_of(tokens, i, trees):
            if len(trees) == 2:  # "2 convs of 3x3x64x64 = 73,728": the count's total
                skips.append(Skip(number, whole, "unsure: one of a count, equal to all"))
                continue
            # "2 convs of 3x3x64x64 = 2 × 36,864 = 73,728": from the count's side on
            trees, segs, i = trees[1:], segs[1:], segs[1][0]
            span_start = tokens[i].start
        text = _text(raw, tokens, i, j)
        if not has_eq:
            claim = _bare(number, raw, text, trees[0], tokens[i:j])
            if claim:
                claims.append(claim)
                used.append((span_start, tokens[j - 1].end))
            continue
        # "≈ 4.6 × 10^8": a figure in scientific notation, no calculation
        sci = [scientific(t, raw, tokens[a].start, tokens[b - 1].end,
                          a > i and tokens[a - 1].kind == "APPROX")
               for t, (a, b) in zip(trees, segs)]
        trees = [t if n is None else t._replace(op="num", args=(), num=n)
                 for t, n in zip(trees, sci)]
        anchor = next((k for k, t in enumerate(trees) if has_operator(t)), None)
        if anchor is None:  # "1 = 1": nothing computed, unless a figure is rewritten
            got = converted(number, text, trees, any(sci))  # "1M = 10e6", "1.2B = 1,200M"
            if got is not None:
                claims.append(got)
                used.append((span_start, tokens[j - 1].end))
            continue
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
                tree = tree._replace(num=prefixed(raw, tokens[b - 1], tree.num,
                                                   tokens[sa:sb], actual))
                if floor and tree.num.decimals:
                    # (10 - 3 + 0)/2 + 1 = 4.5: the exact quotient, written to show that
                    # the stride does not fit; right as arithmetic
                    exact_value = value(trees[anchor])
                    if agrees(exact_value, tree.num):
                        claims.append(Claim(
                            number, text, "arithmetic", tree.num.text, as_num(exact_value),
                            "right", f"exact; the stride does not fit, so a layer floors "
                                     f"it to {plain(actual)}"))
                        continue
                bound = rounding(trees[anchor])
                if bound is not None and not agrees(actual, tree.num):
                    # 4 x 138M = 553MB: an operand is itself rounded, so the result is
                    # known only within its error; outside that bound it is still wrong
                    spread = abs(actual) * bound if bound >= 0 else None
                    if spread is None:  # a sum of rounded figures: each off by its unit
                        ends = interval(trees[anchor])
                        spread = None if ends is None else \
                            max(actual - ends[0], ends[1] - actual)
                    if spread is None or abs(actual - tree.num.value) <= \
                            spread + tree.num.precision:
                        skips.append(Skip(number, text, "an operand is a rounded figure; "
                                                        "the result agrees within its "
                                                        "rounding" if spread is not None else
                                          "an operand is a rounded figure"))
                        continue
                sa, sb = segs[anchor]
                label = as_label(tokens[sa:sb], trees[anchor], actual,
                                  in_unit(trees[anchor], tree.num), approx)
                if label is None:
                    skips.append(Skip(number, text, "unsure: the calculation carries no unit, "
                                                    "and the result's unit converts it "
                                                    "(MB written as GB)"))
                    continue
                claimed, meant = label
                got = labelunit.relabel(compare(number, text, meant, claimed, tokens[a],
                                                floor, approx), raw, tokens[a].start, meant, claimed)
                spread = decimal_spread(trees[anchor]) if approx and got.verdict == "wrong" \
                    else None
                if spread is not None and abs(meant - claimed.value) <= \
                        spread * abs(meant) + claimed.precision:
                    # "32 x 57.7 ≈ 1847": 57.7 a rounded 57.744, the result from the exact one
                    skips.append(Skip(number, text, "unsure: an operand written with decimals "
                                                    "may be rounded; the result agrees within "
                                                    "its rounding"))
                    continue
                glued = glued_operand(trees[anchor], claimed) if got.verdict == "wrong" \
                    else None
                biases = with_biases(trees[anchor], actual, claimed) if \
                    got.verdict == "wrong" and glued is None and approx and \
                    not WEIGHTS_ONLY.search(raw, 0, tokens[sa].start) else None
                if biases is not None:
                    skips.append(Skip(number, text, f"unsure: {claimed.text} is the product "
                                                    f"+ {plain(biases)}, a layer's weights "
                                                    "and one bias each of its units"))
                    continue
                if glued is not None:
                    skips.append(Skip(number, text, f"unsure: {glued[0]} may be two numbers "
                                                    f"run together; with {glued[1]} alone, "
                                                    f"{claimed.text}"))
                    continue
                gloss = glossed(tokens[sa:sb]) if got.verdict == "wrong" else None
                if gloss is not None and agrees(gloss, claimed):
                    claims.append(got._replace(actual=as_num(gloss), verdict="right",
                                               detail="the brackets gloss the counts",
                                               edits=(), shown=""))
                    continue  # "64 (1×1) + 128 (3×3) = 192": counts, each glossed
                if gloss is not None and abs(gloss - claimed.value) < abs(meant - claimed.value):
                    got = got._replace(actual=as_num(gloss), edits=(), shown=plain(gloss),
                                       detail=f"wrong read either way: {plain(gloss)} with "
                                              f"the brackets a gloss, {plain(meant)} with "
                                              "them factors")
                claims.append(got)
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
                if k > anchor and k + 1 < len(trees) and other != actual and \
                        goes_on(tokens[a:b], actual, tokens[slice(*segs[anchor])]):
                    # "(3*1)*(3*1)+1 = 10 * 10 = 100", "2 + 3 = 5 * 4 = 20": a running
                    # calculation, each link going on from the result before it; the
                    # sides after it are judged against it (a last side is a map or a
                    # gloss: "= 28 * 28")
                    anchor, actual, floor = k, other, output_size_form(tree)
                    continue
                size = map_size(tokens[a:b], raw)
                if size is not None and k > anchor and other != actual and \
                        square_pairs(tokens[slice(*segs[anchor])], raw):
                    # "three 3x3 = 7x7", "3 x 3 + 3 x 3 = 5 x 5": kernels and the field
                    # (or map) they give, each written as its sides, not a product
                    skips.append(Skip(number, text, f"unsure: {side} may be the field or map "
                                                    "that the kernels before it give"))
                    continue
                joined = k == anchor + 1 and maps_joined(tokens[slice(*segs[anchor])], tokens[a:b], raw)
                if joined:
                    # "56x56x64 + 56x56x64 = 56x56x64": maps summed element-wise (a
                    # residual) or stacked (a concatenation), not counts
                    claims.append(Claim(number, text, "arithmetic", side, side if joined[0]
                                        else joined[2], "right" if joined[0] else "wrong",
                                        joined[1]))
                    continue
                if size is not None and k > anchor and other != actual:
                    # "= 5x5", "28/2 = 14×14×512": a size written as the map it gives
                    ok = actual in map_figures(tokens[a:b], raw)  # its side or depth
                    claims.append(Claim(number, text, "arithmetic", side, as_num(actual),
                                        "right" if ok else "wrong",
                                        f"a size written as its map: {size}" +
                                        ("" if ok else f", not {plain(actual)}")))
                    continue
                ends = None if other == actual else interval(tree, decimals=True)
                ok = other == actual or ends is not None and ends[0] <= actual <= ends[1]
                if not ok and floor and other.denominator != 1 and \
                        actual in (math.floor(other), math.ceil(other)):
                    # "(224 - 7 + 6)/2 + 1 = 223/2 + 1 = 112": a link of an output size
                    # that rounds its quotient as the size does (floor or ceil mode)
                    skips.append(Skip(number, text, f"unsure: {side} = {plain(other)}, "
                                                    f"rounded to {plain(actual)} as the "
                                                    "output size rounds its quotient"))
                    continue
                claims.append(Claim(number, text, "arithmetic", side, as_num(actual),
                                    "right" if ok else "wrong",
                                    f"{side} = {plain(other)}" + (
                                        ", within its operands' rounding" if ends and ok
                                        else "" if ok else f", not {plain(actual)}")))
    claims += carried(number, chain)
    return (juxtaposed.unsure(claims, skips) if laid else claims), skips, used


def _arrows_as_equals(tokens: list[Token]) -> list[Token]:
    """``(24-3)/1+1 -> 22``, ``(28 - 5)/1 + 1 → 24``: an arrow from a calculation that adds
    (the ``+ 1`` of an output size, a sum) to one number is its '='. An arrow between
    sizes (``7x7x512 -> 4096``, ``32 -> 16``), from a kernel and stride (``3x3/2 -> 56``)
    or to more than one number (``-> 24x24``) is a step of the network, and stays."""
    out = list(tokens)
    for k, t in enumerate(tokens):
        if t.kind != "ARROW" or k == 0 or k + 1 >= len(tokens) or tokens[k + 1].kind != "NUM":
            continue
        if k + 2 < len(tokens) and tokens[k + 2].kind in RUN_KINDS:
            continue
        a = k
        while a > 0 and tokens[a - 1].kind in RUN_KINDS and \
                tokens[a - 1].kind not in ("EQ", "APPROX"):
            a -= 1
        left = tokens[a:k]
        if len(left) < 3 or left[-1].kind not in ("NUM", "RP") or \
                not any(x.kind == "OP" and x.text == "+" for x in left):
            continue
        out[k] = t._replace(kind="EQ", text="=")
    return out


def _bare(number: int, raw: str, text: str, tree, toks: list[Token]) -> Claim | None:
    """A calculation without a result: shown when it adds or groups, not a plain size;
    a figure with its working in brackets (``4,608 (16x32x3x3)``) is an equation."""
    if bracketed.is_working(toks):
        return bracketed.check(number, raw, toks, tree)
    got = bracketed.counted(number, raw, toks, tree)  # "320개(4*4*20*1)"
    if got is not None:
        return got
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
    return Claim(number, text, "arithmetic", None, as_num(v), "info", detail, (), plain(v))


def _text(raw: str, tokens: list[Token], i: int, j: int) -> str:
    return " ".join(raw[tokens[i].start:tokens[j - 1].end].replace("**", " ").split())
