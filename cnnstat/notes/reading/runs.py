"""Where an expression stands in a line's tokens: the *runs* (stretches of numbers,
operators, brackets and ``=``) with unmatched brackets trimmed, whether a run stands
apart from the words around it, its ``=`` sides, and what is not an operand: a label
(``Layer 2 = ...``, ``with padding 1: ...``), a ratio's term (``5x5 : 3x3x2``), a gloss
in brackets (``156 (conv1) + ...``, ``2 (커널 크기 - 1)``). ``arith`` judges the runs.
"""

from __future__ import annotations

import re

from cnnstat.notes.reading.glosses import drop_annotations, square_kernel  # noqa: F401 - drop_annotations read as runs'
from cnnstat.notes.reading.normalise import Token

RUN_KINDS = {"NUM", "OP", "LP", "RP", "LB", "RB", "FRAC", "FL", "FR", "CL", "CR", "EQ", "APPROX", "OVER",
             "FN", "SEP"}
_OPEN = {"LP": "RP", "LB": "RB", "FL": "FR", "CL": "CR"}
_BAD_NEIGHBOUR = set("%^_\\'\"#@&")
# what may stand between a number and a run that is a calculation of its own (a list, a
# label's colon, a table's bar, a bracket); any other sign between them is an operator
# the grammar does not read
_SEPARATORS = set(",;:|!?.()[]{}<>\"'`*_→⇒➜・•·")
_CLOSERS = set("$¦*)]")  # what may close a sentence's period: "= 70016.$", "= 42.**"


def runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Maximal [i, j) stretches of run tokens; a dash that parts a table's columns
    (``_column_dash``) subtracts nothing: the runs end and start around it."""
    out, i = [], 0
    # a line whose columns a dash parts (one after a word): its wide-spaced dashes part them
    table = any(_column_dash(tokens, k, lead=True) for k in range(len(tokens))
                if tokens[k].text in "-−")
    while i < len(tokens):
        if _column_dash(tokens, i, lead=True):
            i += 1  # "conv2d2  - (12-(3-1))=10": a column's dash, then the working
        elif tokens[i].kind in RUN_KINDS:
            j = i
            while j < len(tokens) and tokens[j].kind in RUN_KINDS and \
                    not _column(tokens, j, i) and \
                    not (j > i and _column_dash(tokens, j, table=table)) and \
                    not (j > i and _parts_labels(tokens, j)):
                j += 1
            out.append((i, j))
            i = j + 1 if j < len(tokens) and _column_dash(tokens, j, table=table) else j
        else:
            i += 1
    return out


def _parts_labels(tokens: list[Token], j: int) -> bool:
    """``= 12,288 / 3x3: 9*96*128 = ...``: a spaced sign before a kernel's label
    (``_kernel_label``) parts two calculations, dividing nothing."""
    return tokens[j].kind == "OP" and tokens[j].gap and j + 4 < len(tokens) and \
        tokens[j + 4].text == ":" and _kernel_label(tokens, j + 4)


def _column(tokens: list[Token], j: int, i: int) -> bool:
    """A bracket two spaces or more after a figure (``10    (256+1)*10 = 2570``, ``-> 16x28x28
    (3*3*16+1)*16``): an aligned table's next column, no factor of the figure."""
    return j > i and tokens[j].kind == "LP" and tokens[j - 1].kind in ("NUM", "RP") and \
        tokens[j].start - tokens[j - 1].end >= 2


def _column_dash(tokens: list[Token], k: int, lead: bool = False, table: bool = False) -> bool:
    """A dash that parts columns, a space after it (no minus sign): after a word and two
    spaces or more (``conv2d2  - (12-(3-1))=10``), or after a map's product and three."""
    if not (0 < k < len(tokens) and tokens[k].kind == "OP" and tokens[k].text in "-−"):
        return False
    gap, before = tokens[k].start - tokens[k - 1].end, tokens[k - 1]
    worded = before.kind not in RUN_KINDS or (  # a word, or a name's number ("conv2d2")
        before.kind == "NUM" and not before.gap and k >= 2 and tokens[k - 2].kind == "WORD")
    if gap >= 2 and worded and k + 1 < len(tokens) and tokens[k + 1].gap and \
            tokens[k + 1].kind in ("NUM", "LP"):
        return True
    # three spaces or more after a map's product ("32x24x24    - (5*5*1+1)*32"), or
    # after any figure on a line whose columns dashes part ("256    - (800+1)*256")
    return not lead and gap >= 3 and k + 1 < len(tokens) and tokens[k + 1].gap and (
        table or k >= 2 and tokens[k - 2].kind == "OP" and tokens[k - 2].text in "x×*X")


def trim(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """Drop unmatched opening brackets at the start and closing ones at the end
    (``(16-19 layer)`` -> ``16-19``); None when brackets inside do not match."""
    if _named_number(tokens, i, j):
        i += 3  # "Total for LeNet-5 = 156 + 2416 = 2572": the name's number is no operand
    while True:
        stack: list[int] = []
        unmatched_close: list[int] = []
        for k in range(i, j):
            kind = tokens[k].kind
            if kind in _OPEN:
                stack.append(k)
            elif kind in ("RP", "RB", "FR", "CR"):
                if stack and _OPEN[tokens[stack[-1]].kind] == kind:
                    stack.pop()
                else:
                    unmatched_close.append(k)
        if not stack and not unmatched_close:
            if _numbered_bracket(tokens, i, j):
                i += 1  # "layer 3 (54-2)/1+1 = 53": the number names the layer
                continue
            if _bracketed_equation(tokens, i, j):
                i, j = i + 1, j - 1  # "(5*5*192*32=153,600)": the equation in brackets
                continue
            return i, j
        if stack and stack[0] == i:
            i += 1
        elif stack and stack[-1] == j - 1:
            j -= 1  # "= 34,848 (about 35K)": the bracket opens an aside
        elif unmatched_close and unmatched_close[-1] == j - 1:
            j -= 1
        elif unmatched_close and unmatched_close[0] == i and _closes_symbols(tokens, i, j):
            i += 2  # "(kernel_size*in + 1)*filters) = ((3*3)*1+1)*20 = 200": the side
        else:       # before the '=' is a formula in words; what follows it is numbers
            return None
        if i >= j:
            return None


def _named_number(tokens: list[Token], i: int, j: int) -> bool:
    """The run opens with the number of a name (``LeNet-5 =``, ``VGG-16 =``), then ``=``
    and a calculation."""
    return 0 < i and i + 4 < j and tokens[i].kind == "OP" and tokens[i].text == "-" and \
        not tokens[i].gap and tokens[i - 1].kind == "WORD" and tokens[i + 1].kind == "NUM" \
        and not tokens[i + 1].gap and tokens[i + 2].kind in ("EQ", "APPROX")


def _closes_symbols(tokens: list[Token], i: int, j: int) -> bool:
    """The run opens with the bracket that closes a formula in words, then ``=`` (a
    brace of LaTeX's after a word: ``N_{\\text{params}} =``)."""
    return 0 < i and i + 2 < j and (not tokens[i].gap or tokens[i].kind == "RB") and \
        tokens[i - 1].kind in ("WORD", "HANGUL") and tokens[i + 1].kind in ("EQ", "APPROX")


def _bracketed_equation(tokens: list[Token], i: int, j: int) -> bool:
    """One pair of round brackets around the whole run, with an '=' or '≈' between them
    at their own depth."""
    if j - i < 4 or tokens[i].kind != "LP" or tokens[j - 1].kind != "RP":
        return False
    depth = 0
    eq = False
    for k in range(i, j):
        kind = tokens[k].kind
        if kind in _OPEN:
            depth += 1
        elif kind in ("RP", "RB", "FR", "CR"):
            depth -= 1
            if depth == 0 and k != j - 1:
                return False  # "(a) + (b)": the first bracket closes early
        elif kind in ("EQ", "APPROX") and depth == 1:
            eq = True
    return eq


_COUNT_UNITS = frozenset(("flop", "flops", "mac", "macs", "macc", "maccs", "ops", "mults",
                          "params", "parameters", "multiplications"))


def isolated(tokens: list[Token], i: int, j: int, line: str) -> bool:
    """The run is not glued to a word or symbol that would change its meaning. A run
    between two double quotes (``"28x28x14≈3000"``) is a quotation, and stands apart."""
    if 0 < i and j < len(tokens) and tokens[i - 1].text == tokens[j].text == '"' and \
            (i < 2 or tokens[i - 1].gap or tokens[i - 2].kind not in ("WORD", "NUM")):
        return True
    if i > 0:
        prev = tokens[i - 1]
        first = tokens[i]
        if not first.gap and prev.kind in ("WORD", "NUM"):
            return False
        # "total = w + 64 # 1,728 + 64 = 1,792": a comment after code stands apart
        comment = prev.text == "#" and prev.gap and first.gap and i > 1
        if prev.kind == "OTHER" and prev.text in _BAD_NEIGHBOUR and \
                not (prev.text == '"' and first.gap) and not comment:
            return False  # '"(b) How many?" 5x5x3+3=78': a quotation closed, then the run
        if prev.kind == "OTHER" and prev.text == "." and not first.gap:
            return False
        if prev.kind == "OTHER" and prev.text == "," and not prev.gap and not first.gap \
                and i > 1 and tokens[i - 2].kind == "NUM":
            return False  # "1,28,000 + 2,000": the run starts inside a number's groups
        if prev.kind == "OTHER" and i > 1 and tokens[i - 2].kind == "NUM" and \
                prev.text not in _SEPARATORS and not comment:
            return False  # "10 ‒ 3 + 1 = 8", "10 ✖ 3 + 1": a number joined by a sign not
            # read as an operator is an operand the run leaves out
    if j < len(tokens):
        nxt = tokens[j]
        if not nxt.gap and nxt.kind == "WORD" and nxt.text.lower() not in _COUNT_UNITS:
            return False  # "= 20FLOPs": a count's unit glued on is no part of the run
        if nxt.kind == "OTHER" and nxt.text in _BAD_NEIGHBOUR:
            return False
        if nxt.kind == "OTHER" and nxt.text in ".," and not nxt.gap:
            after = line[nxt.end:nxt.end + 1]
            if after and not after.isspace() and after not in _CLOSERS:
                return False  # "3.5x", "1,2": the mark is part of something else
    return True


def segments(tokens: list[Token], i: int, j: int) -> list[tuple[int, int]]:
    """The sides of ``=``; a result with a bracket set apart after it (``= 5 (5 * 5)``,
    ``= 16 (4 x 4)``) is the number alone, the bracket its gloss, no product."""
    segs, start = [], i
    for k in range(i, j):
        if tokens[k].kind in ("EQ", "APPROX"):
            segs.append((start, k))
            start = k + 1
    segs.append((start, j))
    return [(a, a + 1) if n and _glossed(tokens, a, b) else (a, b)
            for n, (a, b) in enumerate(segs)]


def _glossed(tokens: list[Token], a: int, b: int) -> bool:
    if b - a < 4 or tokens[a].kind != "NUM" or tokens[a + 1].kind != "LP" or \
            not tokens[a + 1].gap or tokens[b - 1].kind != "RP":
        return False
    depth = 0
    for k in range(a + 1, b):
        depth += (tokens[k].kind == "LP") - (tokens[k].kind == "RP")
        if depth == 0:
            return k == b - 1
    return False


def both_sides_numeric(tokens: list[Token], i: int, j: int) -> bool:
    segs = segments(tokens, i, j)
    return sides_with_numbers(tokens, segs) >= 2


def sides_with_numbers(tokens: list[Token], segs) -> int:
    return sum(any(t.kind == "NUM" for t in tokens[a:b]) for a, b in segs)


# nouns that a number after them names (Layer 2, block 3, 2단계), rather than counts
_LABEL_NOUN = re.compile(r"(?i)(?:layers?|blocks?|stages?|steps?|levels?|cases?|examples?|"
                         r"rounds?|epochs?|iterations?|conv|fc|pool|modules?|parts?|phases?|"
                         r"rows?|lines?|figs?|figures?|eqs?|equations?|L)$|.*(?:단계|층|레이어|블록)$")


# settings a number after them gives (stride 2, padding 1, 패딩 1): a case, not a factor
_SETTING = re.compile(r"(?i)(?:strides?|paddings?|pad|kernels?|filters?|dilation|"
                      r"스트라이드|패딩|커널|필터)$")


def _numbered_bracket(tokens: list[Token], i: int, j: int) -> bool:
    """``layer 3 (54-2)/1+1 = 53``, ``stride 2 (28-4)/2+1 = 13``: a number that a noun
    or a setting before it names, set apart from the bracket that opens the calculation
    (``is 2 (3 + 4) = 14`` stays a product); ``C1 (5*5*1+1)*6 = 156``, ``conv2 (…)``:
    a number glued to a word is the name's (a layer's), whatever the word."""
    if not (0 < i and j - i > 4 and tokens[i].kind == "NUM" and
            tokens[i + 1].kind == "LP" and tokens[i + 1].gap and
            tokens[i - 1].kind in ("WORD", "HANGUL")):
        return False
    word = tokens[i - 1].text
    return (not tokens[i].gap or _LABEL_NOUN.match(word) is not None or
            _SETTING.match(word) is not None) and \
        any(t.kind in ("EQ", "APPROX") for t in tokens[i + 2:j])


def numbered_label(tokens: list[Token], i: int, j: int) -> bool:
    """``Layer 2 = 3 + 2 = 5``, ``conv5 = (3*3*256+1)*256 = ...``: the run opens with a
    number that a noun before it names (or that is glued to a word, the name of a layer
    or a set), then ``=`` and more (the label is not one side of the equation)."""
    return (i > 0 and j - i > 3 and tokens[i].kind == "NUM"
            and tokens[i + 1].kind in ("EQ", "APPROX")
            and tokens[i - 1].kind in ("WORD", "HANGUL")
            and (not tokens[i].gap or _LABEL_NOUN.match(tokens[i - 1].text) is not None))


def _label_before(tokens: list[Token], colon: int) -> bool:
    """The words before the colon at ``colon`` are a label, not one term of a ratio:
    ``Weights:``, ``CONV3:``, ``padding 1:``, ``256 → 128 through 64:``, ``conv3-64:``.
    A ratio's term is an expression standing on its own (``5x5 : 3x3x2``)."""
    k = colon - 1
    if k < 0 or tokens[k].kind != "NUM":
        return True  # a word, a bracket or nothing before the colon
    if _kernel_label(tokens, colon):
        return True
    start = k
    while start > 0 and tokens[start - 1].kind in RUN_KINDS - {"EQ", "APPROX"}:
        start -= 1
    if start == 0:
        return False
    prev, first = tokens[start - 1], tokens[start]
    if prev.kind in ("WORD", "HANGUL") and not first.gap:
        return True  # conv3-64: a number glued to a word names a layer
    # "padding 1:", "through 64:", "on 16x16x16:": what follows a word describes the
    # case the calculation is for (a ratio's own terms would close with a colon too);
    # "conv1 11x11/4, 96:": the last of a layer's settings listed, no term of a ratio
    return prev.kind in ("WORD", "HANGUL", "ARROW") or \
        prev.kind == "OTHER" and prev.text in (",", ";")


def _kernel_label(tokens: list[Token], colon: int) -> bool:
    """``1x1: 28x28x192x16 = ...``, ``/ 3x3: 9*96*128 = ...``: a square kernel's size
    glued to its colon, a space after it, names a branch or a layer (a ratio's term is an
    expression of its own, written ``5x5 : 3x3x2`` or ``49:27``)."""
    k = colon - 3
    if k < 0 or tokens[colon].gap or colon + 1 >= len(tokens) or not tokens[colon + 1].gap:
        return False
    side = square_kernel(tokens, k)
    return side is not None and side <= 11 and not tokens[k + 1].gap and \
        not tokens[k + 2].gap and \
        (k == 0 or tokens[k - 1].kind != "NUM" and tokens[k - 1].text not in ("*", "x"))


def ratio(tokens: list[Token], i: int, j: int) -> bool:
    """``5x5 : 3x3x2 = 25 : 18``: a colon right before or after the run joins it to
    another term (the run is one side of a ratio, not an equation)."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[j] if j < len(tokens) else None
    colon = [t for t in (before, after) if t is not None and t.kind == "OTHER" and t.text == ":"]
    if not colon:
        return False
    if _equations_apart(tokens, i, j, before, after):
        return False
    if before is not None and before.text == ":" and _label_before(tokens, i - 1):
        # "label: 3 x 3 = 9", "with padding 1: (224 - 3 + 2)/1 + 1 = 224"
        return after is not None and after.text == ":"
    if before is None or before.text != ":":
        # only a colon after: "5x5 : 3x3x2" has an expression before it, while
        # "layer 1: 2D conv" is a numbered label; an equation whose result a colon
        # follows with a list, a shape or words ("(227-11)/4+1=54: [1, 55, 55, 96]",
        # "=26: (None, 26, 26, 32)", "= 14: pooled") is worked out, then explained: no
        # ratio has a list or a word for its other term
        then = tokens[j + 1] if j + 1 < len(tokens) else None
        nxt = tokens[j + 1:j + 5]
        nxt = nxt[1:4] if nxt and nxt[0].text in ("[", "(") else nxt[:3]
        listed = len(nxt) == 3 and nxt[0].kind in ("NUM", "WORD") and nxt[1].text == "," \
            and nxt[2].kind == "NUM"
        if (listed or then is not None and (then.text in ("[", "{") or
                                            then.kind in ("WORD", "HANGUL"))) \
                and any(t.kind == "EQ" for t in tokens[i:j]):
            return False
        return sum(t.kind == "NUM" for t in tokens[i:j]) >= 2
    return True


def _equations_apart(tokens: list[Token], i: int, j: int, before, after) -> bool:
    """``6x6x256 = 9216: 9216 x 4096 + 4096 = 37,752,832``: an equation on each side of
    the colon is a result, then the next calculation; a ratio's '=' joins its two sides
    (``5x5 : 3x3x2 = 25 : 18``), so neither side holds one of its own."""
    if not any(t.kind == "EQ" for t in tokens[i:j]):
        return False

    def has_eq(seq) -> bool:
        for t in seq:
            if t.kind == "OTHER" and t.text == ":":
                return False
            if t.kind == "EQ":
                return True
        return False
    if after is not None and after.text == ":" and has_eq(tokens[j + 1:]):
        return True
    return before is not None and before.text == ":" and has_eq(reversed(tokens[:i - 1]))
