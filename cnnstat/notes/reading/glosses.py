"""What in a run of tokens names an operand rather than computes with it: a label in
brackets after a number (``156 (conv1) + 2416 (conv2)``, ``6(weights+biases)``,
``1(#입력 채널(RGB))``), a gloss in words (``2 (커널 크기 - 1)``), units in words (``256
channels x 2 height x 2 width = 1024 features``). ``drop_annotations`` gives the tokens
without them, for the arithmetic reader (``runs`` re-exports it)."""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.reading.normalise import Token


def drop_annotations(tokens: list[Token]) -> list[Token]:
    """``156 (conv1) + 2416 (conv2) = 2572``: a bracket of words after a number names it;
    the arithmetic reads on without it. So do the units of a product or sum in words
    (``256 channels x 2 height x 2 width = 1024 features``: ``drop_units``), read once the
    brackets are gone (``27 (kernel) x 49,284 positions``)."""
    tokens = drop_bias_labels(tokens)
    if not any(t.kind == "LP" for t in tokens):
        return drop_units(tokens)  # no bracket: only units to drop
    out: list[Token] = []
    k, n = 0, len(tokens)
    while k < n:
        t = tokens[k]
        if t.kind == "LP" and out and out[-1].kind == "NUM" and \
                (end := _step_end(tokens, k)) is not None:
            op = tokens[k + 1]  # "= 34,848 (+96 bias) = 34,944": "+ 96", a step
            out += [op if op.kind == "OP" else op._replace(kind="OP", text="*"), tokens[k + 2]]
            k = end + 1
            continue
        if t.kind == "LP" and out and out[-1].kind == "NUM":
            end = _label_end(tokens, k)
            if end is not None:  # "6(weights+biases)", "1(#입력 채널(RGB))": a label
                k = end + 1
                continue
        if t.kind == "LP" and t.gap and out and out[-1].kind == "NUM":
            end = _gloss_end(tokens, k)
            if end is not None:  # "2 (커널 크기 - 1)": a gloss in words that names it
                k = end + 1
                continue
        out.append(t)
        k += 1
    # the units after the labels ("= 27 (kernel) x 49,284 positions = 1,330,668": the
    # label between the first number and its operator hid the run of units)
    return drop_units(out)


_BIAS = re.compile(r"bias(?:es)?|바이어스|편향", re.I)


def drop_bias_labels(tokens: list[Token]) -> list[Token]:
    """``(3x3x7)x4 + 바이어스 4개 = 256``, ``... + 4 biases = 256``, ``+ bias 10 =``: the
    term added last is labelled a bias, its words before or after the number (a word or
    two, one of them a bias word, ``개`` too); dropped where the term ends the sum (``=``,
    an operator or the end follows)."""
    if not any(t.kind in ("WORD", "HANGUL") and _BIAS.search(t.text) for t in tokens):
        return tokens
    out, k, n = [], 0, len(tokens)
    words = ("WORD", "HANGUL")
    while k < n:
        t = tokens[k]
        out.append(t)
        k += 1
        if t.kind != "OP" or t.text != "+":
            continue
        a = k
        while a < n and a - k < 2 and tokens[a].kind in words:
            a += 1
        if a >= n or tokens[a].kind != "NUM":
            continue
        b = a + 1
        while b < n and b - a - 1 < 2 and tokens[b].kind in words:
            b += 1
        label = tokens[k:a] + tokens[a + 1:b]
        if label and any(_BIAS.fullmatch(w.text) for w in label) and \
                all(_BIAS.fullmatch(w.text) or w.kind == "HANGUL" for w in label) and \
                (b >= n or tokens[b].kind in ("EQ", "OP")):
            out.append(tokens[a])
            k = b
    return out


def drop_units(tokens: list[Token]) -> list[Token]:
    """``256 channels x 2 height x 2 width = 1024 features``, ``864 weights + 32 biases =
    896``: numbers each with a word or two of unit after it, joined by ``x``, ``*`` or
    ``+``, then ``=`` and a number that ends the calculation: the units dropped, ``x`` read
    as a product. Only a whole run of that shape (two operands or more, one unit word at
    least, a unit a word of three letters or more, never a setting such as ``stride``, a
    map's ``size`` or ``bytes``; a result without a unit of its own: ``= 600 MB`` is the
    weight size's) is read so."""
    if not any(t.kind in ("WORD", "HANGUL") for t in tokens) or \
            not any(t.kind == "EQ" for t in tokens):
        return tokens
    out: list[Token] = []
    k, n = 0, len(tokens)
    while k < n:
        end, keep = _unit_run(tokens, k)
        if end > k:
            out += keep
            k = end
        else:
            out.append(tokens[k])
            k += 1
    return out


def _unit_run(tokens: list[Token], k: int) -> tuple[int, list[Token]]:
    """The end of a run of numbers with units from ``k`` and its tokens without them."""
    n, keep, operands, units = len(tokens), [], 0, 0
    # (after "=" too: "11*11*3*96 = 34,848 + 96 biases = 34,944" goes on with a step)
    if tokens[k].kind != "NUM" or (k > 0 and tokens[k - 1].kind in ("NUM", "OP")):
        return k, []
    if _kernel_named(tokens, k):
        return k, []  # "3x3 conv = 36,864 weights": the layer's name, no product of units
    j = k
    while j < n and tokens[j].kind == "NUM":
        keep.append(tokens[j])
        operands += 1
        j += 1
        words = 0
        while j < n and words < 2 and (tokens[j].kind == "WORD" and (
                len(tokens[j].text) >= 3 or tokens[j].text in _LAYER_UNITS) and
                tokens[j].text.lower() != "times" or tokens[j].kind == "HANGUL"):
            # a Korean unit too: "27 (커널) × 100 위치 = 2,700"
            if tokens[j].text.lower() in _NOT_UNITS or tokens[j].kind == "HANGUL" and \
                    tokens[j].text != "개의" and _KO_NOT_UNITS.search(tokens[j].text):
                # ("9개의 퍼셉트론": the counter with its particle, then the noun counted)
                return k, []  # "3x3 maxpooling stride = 2": a setting, not a unit
            words += 1
            j += 1
        units += words > 0
        op = tokens[j] if j < n else None
        if op is not None and op.kind == "OP" and op.text in "*+" or \
                op is not None and op.kind == "WORD" and op.text in ("x", "X", "times"):
            at = _noun_before(tokens, j + 1) if _counted(tokens, k) else j + 1
            if at >= n or tokens[at].kind != "NUM":
                return k, []
            keep.append(op if op.kind == "OP" else op._replace(kind="OP", text="*"))
            j = at
            continue
        if op is not None and op.kind == "EQ" and j + 1 < n and tokens[j + 1].kind == "NUM" \
                and operands >= 2 and units and _ends(tokens, j + 2) and \
                tokens[j + 1].num is not None and not tokens[j + 1].num.unit_text:
            keep += [op, tokens[j + 1]]
            return j + 2, keep
        return k, []
    return k, []


def _counted(tokens: list[Token], k: int) -> bool:
    """The number at ``k`` is counted with the counter 개 (``4개``)."""
    return k + 1 < len(tokens) and tokens[k + 1].kind == "HANGUL" and \
        tokens[k + 1].text.startswith("개")


def _noun_before(tokens: list[Token], j: int) -> int:
    """``4개 + 중심 1개``: Korean names what it counts before the number (the noun, then
    the number and its counter 개); after an operator, the words of such a noun (three at
    most) are passed over to the number: its index, else ``j``."""
    m = j
    while m < len(tokens) and m - j < 3 and tokens[m].kind in ("WORD", "HANGUL"):
        m += 1
    return m if m > j and tokens[m - 1].text not in ("x", "X", "times") and \
        m < len(tokens) and tokens[m].kind == "NUM" and _counted(tokens, m) else j


# a layer a square kernel names ("3x3 conv", "5×5 필터"): the size is the name's
_LAYER_WORD = re.compile(r"(?i)conv\w*|filters?|kernels?|pool\w*|layers?|합성곱\w*|필터\w*|커널\w*|"
                         r"풀링\w*|컨볼루션\w*")


def square_kernel(tokens: list[Token], k: int) -> Fraction | None:
    """The side of a square kernel written at ``k`` (``3x3``, ``5 × 5``: two equal numbers
    joined by a product), or None. What the kernel names is each caller's: a layer before
    ``=`` (``_kernel_named``), a branch before a colon (``runs``), a calculation or a gloss
    (``runlabels``)."""
    if k < 0 or k + 2 >= len(tokens):
        return None
    a, op, b = tokens[k:k + 3]
    if a.kind == b.kind == "NUM" and op.text == "*" and a.num is not None and \
            b.num is not None and a.num.value == b.num.value:
        return a.num.value
    return None


def _kernel_named(tokens: list[Token], k: int) -> bool:
    """``3x3 conv = 36,864``: a square kernel's size (at most 11), a layer word, then ``=``
    and a result that is not the kernel's area (``5×5 필터 = 25`` is the product)."""
    if k + 5 >= len(tokens):
        return False
    side, (word, eq, result) = square_kernel(tokens, k), tokens[k + 3:k + 6]
    return side is not None and side <= 11 and tokens[k + 1].kind == "OP" and \
        word.kind in ("WORD", "HANGUL") and _LAYER_WORD.fullmatch(word.text) is not None and \
        eq.kind in ("EQ", "APPROX") and result.num is not None and result.num.value != side * side


# layers named by their two capitals, a unit as "weights" is: "3 × 256 BN = 768"
_LAYER_UNITS = {"BN", "FC", "LN", "GN"}
_NOT_UNITS = {"size", "sized", "shape", "input", "output", "image", "map", "feature", "of",
              "and", "the", "are", "is", "with", "for", "stride", "strides", "padding",
              "pad", "dilation", "rate", "step", "bytes", "byte", "bits", "bit"}


# a Korean word that makes the number a setting, a size or a sentence's, not a unit's
_KO_NOT_UNITS = re.compile(r"크기|사이즈|입력|출력|이미지|맵|스트라이드|패딩|바이트|비트|배|번|"
                           r"[은는이가을를의와과로도]$")


def _ends(tokens: list[Token], k: int) -> bool:
    """Nothing after the result at ``k - 1`` goes on computing (``= 2 × 36,864``)."""
    return k >= len(tokens) or not (tokens[k].kind in ("OP", "NUM", "LP") or
                                    tokens[k].kind == "WORD" and tokens[k].text in "xX")


_STEP_OPS = {"+", "-", "*", "/"}


def _step_end(tokens: list[Token], k: int) -> int | None:
    """Index of the ``)`` closing the bracket at ``k`` when it is a step of the chain
    written in brackets between a result and the next: an operator and a number, then a
    word or two naming what it adds (``= 34,848 (+96 bias) = 34,944``, ``(x2 for FLOPs)``),
    and ``=`` right after it. Read as the step (``34,848 + 96 = 34,944``), not as a gloss
    to drop, which would leave ``34,848 = 34,944``."""
    n = len(tokens)
    op = tokens[k + 1] if k + 1 < n else None
    if op is None or not (op.kind == "OP" and op.text in _STEP_OPS or
                          op.kind == "WORD" and op.text in ("x", "X")) or \
            k + 2 >= n or tokens[k + 2].kind != "NUM":
        return None  # ("x2 for the backward": a product's step too)
    end = k + 3
    while end < n and end - k - 3 < 3 and tokens[end].kind in ("WORD", "HANGUL"):
        end += 1
    if end + 1 < n and tokens[end].kind == "RP" and tokens[end + 1].kind == "EQ":
        return end
    return None


_LABEL_MARKS = {"#", "&", "/"}


def _label_end(tokens: list[Token], k: int) -> int | None:
    """Index of the ``)`` closing the bracket at ``k`` when it holds a label and nothing
    to compute: words first (``(conv1)``, ``(kernel size)``), then words joined by ``+``
    or ``/`` (``(weights+biases)``), a ``#`` mark, or a bracket of words inside
    (``(#입력 채널(RGB))``). A number only after a word (``(layer 2)``); a number joined
    by an operator (``(3 + 1)``) makes it a calculation: None."""
    n = len(tokens)
    if k + 1 >= n or tokens[k + 1].kind not in ("WORD", "HANGUL") and \
            not (tokens[k + 1].kind == "OTHER" and tokens[k + 1].text == "#"):
        return None
    depth = 0
    for end in range(k, min(n, k + 16)):
        t = tokens[end]
        if t.kind == "LP":
            depth += 1
        elif t.kind == "RP":
            depth -= 1
            if depth == 0:
                return end
        elif t.kind == "OP":
            if t.text not in "+/" or tokens[end - 1].kind not in ("WORD", "HANGUL") or \
                    end + 1 >= n or tokens[end + 1].kind not in ("WORD", "HANGUL"):
                return None  # "(3 + 1)", "(k - 1)": an operator on a number
        elif t.kind == "NUM":
            if tokens[end - 1].kind not in ("WORD", "HANGUL", "NUM"):
                return None  # a number names a word's thing ("layer 2"), else no label
        elif t.kind == "OTHER" and t.text in _LABEL_MARKS:
            continue
        elif t.kind not in ("WORD", "HANGUL"):
            return None
    return None


_GLOSS_WORD = re.compile(r"[a-z]{3,}|[\uac00-\ud7a3]+")


def _gloss_end(tokens: list[Token], k: int) -> int | None:
    """Index of the ``)`` closing the bracket at ``k`` when its content is a gloss: words
    of prose (``커널 크기``, ``kernel size``) perhaps with numbers and operators, no
    nested bracket, no ``=``. A symbol (``k``, ``D_K``) makes it a formula: None."""
    words = False
    for end in range(k + 1, min(len(tokens), k + 14)):
        t = tokens[end]
        if t.kind == "RP":
            return end if words else None
        if t.kind in ("LP", "EQ", "APPROX", "LB", "RB", "FRAC"):
            return None
        if t.kind in ("WORD", "HANGUL"):
            if not _GLOSS_WORD.fullmatch(t.text):
                return None
            words = True
    return None
