"""Where a note states a rule as a formula, and the legend that names its letters.

A line's formula is the longest run of operands (``operands.role``), numbers, operators
and brackets; ``=`` and ``:`` split it into sides, a side of words alone before them is
its label (``Output height =``, ``shape 계산식 :``, ``# ... = summary Param 갯수``). What
the rule gives is read from its left side (an output's role) or its label, else from the
paragraph above (``the equation is given by:`` after a line about the output's
dimensionality); ``ruletree`` reads it, ``rulecheck`` judges it. A legend (``where W is the input volume, F the
filter volume i.e. (height*width*depth), P the number of strides and S the padding``) is
held against the roles the output-size rule stated just above gives its letters by where
they stand (divided by: the stride; twice, added: the padding; taken away: the kernel).
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.precedence import Supersede
from cnnstat.notes.reading.operands import OTHER_LAYER, phrase_role, role, symbol_role
from cnnstat.notes.rules import letterparts, mapsides, normshapes, paramrule, symshape
from cnnstat.notes.rules.ruleruns import runs
from cnnstat.notes.rules.solid import solid
from cnnstat.notes.rules.rulefamilies import FAMILIES, field_letters, judge_family
from cnnstat.notes.rules.rulecheck import judge_size, misnamed, pool_fits, topic
from cnnstat.notes.rules.ruletree import _Parser, plain, tokens
from cnnstat.notes.reading.settings import POOL_WORD
from cnnstat.notes.signs import Gated

# an operator with a letter on one side of it (not a sum of numbers alone, not a
# hyphenated word: ``well-known``, ``ResNet-50``)
_SIGN = Gated(("+", "/", "*", "×", "·", "(", "-", "−", "—", "–", "‑", "\\"),  # one of them
              r"[A-Za-z가-힣_'}]\s*(?:[+/*×·]|\s[-−—–]|\\times|\\cdot)|"
              r"(?:[+/*×·(]|[-−—–]\s|\\times|\\cdot)\s*[A-Za-z가-힣(\\]|"
              r"\b[A-Za-z]{1,2}(?:_\{?\w{1,6}\}?)?[-−—–‑][A-Za-z0-9(]|\\frac")
_SYM = r"[A-Za-z](?:_\{?[A-Za-z0-9]{1,4}\}?|[A-Za-z0-9]{0,2})"  # W, W1, Hin, h_{out}
_LEGEND = re.compile(r"(?:^|[\s,;(])(?::math:)?[`$]*(?P<sym>" + _SYM + r")(?![A-Za-z0-9])[`$]*\s*"
                     r"(?:is\s+(?:the\s+)?|are\s+|:\s*|=\s*|denotes\s+|means\s+|the\s+|는\s*|은\s*)"
                     r"(?P<phrase>[^,;=]{3,60}?)(?=\s*(?:,|;|\band\b|$|\.\s|\.$))")
# what the paragraph or the label says the rule gives
_SIZE_CONTEXT = re.compile(r"output|dimension|출력|next layer|neurons|shape|크기|사이즈|size",
                           re.I)
_INTRO = re.compile(r"equation|formula|공식|계산식|given by|as follows|(?:calculated|computed|worked out|obtained)\s+(?:as|by|with|using|from)\b|:\s*$|다음과|아래와", re.I)
_SAME = re.compile(r"same|동일|같은|유지", re.I)
# what a layer computes at one position, not the size it gives: an element at two indices
# (``output[i, j]``, ``O(x, y)``, ``Y[i][j]``, ``out[i+m, j+n]``), or a sum over a
# kernel's taps (``sum(input[i + k*d] * w[k])``, ``Σ_m x[i+m]``)
_INDEX = r"[ijuvxy](?:\s*[-+*]\s*\w+(?:\s*\*\s*\w+)?)?"
_ELEMENT = re.compile(rf"[A-Za-z가-힣]\w*\s*(?:\[\s*{_INDEX}\s*,\s*{_INDEX}\s*\]|"
                      rf"\(\s*{_INDEX}\s*,\s*{_INDEX}\s*\)|\[\s*{_INDEX}\s*\]\s*\[)|"
                      r"(?:[∑Σ]|\\sum\b|\bsum\s*\()[^=]*\w\s*\[")


def _structure(node) -> dict[str, str]:
    """The roles an output-size rule gives its letters by where they stand: ``(A)/(B)``
    with the + 1 in or out: B's one letter the stride; A's terms, twice and added the
    padding, taken away the kernel, the first added the input."""
    while node[0] in ("()", "floor", "ceil"):
        node = node[1]
    if node[0] == "+" and node[2] == ("n", 1):
        node = node[1]
    while node[0] in ("()", "floor", "ceil"):
        node = node[1]
    out: dict[str, str] = {}
    if node[0] == "/":
        den = [x for x in _leaves(node[2]) if x[0] == "v"]
        if len(den) == 1:
            out[den[0][1]] = "s"
        node = node[1]
    terms: list[tuple[str, object]] = []
    _terms(node, "+", terms)
    for sign, t in terms:
        if t[0] == "v":
            out.setdefault(t[1], "n" if sign == "+" and "n" not in out.values() else
                           "k" if sign == "-" else "?")
        elif t[0] == "*" and t[1] == ("n", 2) and t[2][0] == "v" and sign == "+":
            out.setdefault(t[2][1], "p")
    return {x: r for x, r in out.items() if r != "?"}


def _leaves(node) -> list:
    return [node] if node[0] in ("v", "n") else [x for a in node[1:] for x in _leaves(a)]


def _terms(node, sign: str, out: list) -> None:
    while node[0] == "()":
        node = node[1]
    if node[0] in ("+", "-"):
        _terms(node[1], sign, out)
        _terms(node[2], sign if node[0] == "+" else ("-" if sign == "+" else "+"), out)
    else:
        out.append((sign, node))


class Rules:
    """The paragraph above (for a formula without a left side) and the last output-size
    rule, with the roles its letters stand in (for a legend after it)."""

    def __init__(self) -> None:
        self.above: list[tuple[int, str]] = []
        self.heading = ""  # the section's heading: the layer its rules may be of
        self.last_size: tuple[int, dict[str, str]] | None = None
        self.legend = paramrule.Legend()
        self.letters = letterparts.Letters()  # values given to letters; counts in parts

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        out: list[Claim | Skip] = []
        self.legend.see(number, masked)
        if _SIGN.search(masked):
            out += self._formula(number, masked)
        if self.last_size is not None and number - self.last_size[0] <= 6:
            out += self._legend(number, masked)
        if masked.strip():
            self.above = (self.above + [(number, masked)])[-4:]
        return out

    def section(self, masked: str) -> None:
        """A heading: the section's rules may be of the layer it names (``## 전치 합성곱``,
        ``### Depthwise separable``), not a standard conv's."""
        self.heading = masked

    def code_line(self, number: int, raw: str) -> list[Claim | Skip]:
        """A line of code: its comment read as prose (``# (kernel_size * channels + bias)
        + filters = Param``), and a ``return`` of a function whose name says what it
        gives (``def feature_map_size(...)`` then ``return ceil((input_size - ...)``)."""
        code, _, comment = raw.partition("#")
        if not comment and re.match(r"\s*//", raw):  # C, C++, Java, JS: "// out = ..."
            code, comment = "", raw.lstrip()[2:]
        self.coded = True  # "# n = (n - k)//s + 1" in code may be an update, not a rule
        out = self.check_line(number, comment) if comment.strip() else []
        self.coded = False
        m = re.match(r"\s*(?:\.\.\.|>>>)?\s*(def\s+\w+|return\b)(.*)", code)
        if m and m.group(1).startswith("def"):
            self.above = (self.above + [(number, m.group(1)[3:].replace("_", " ") +
                                         " is given by:")])[-4:]
        elif m and _SIGN.search(m.group(2)):
            out += self._formula(number, m.group(2).replace("//", "/"))
        return out

    def _context(self, number: int) -> str:
        return " ".join(t for n, t in self.above if number - n <= 6)

    def _formula(self, number: int, masked: str) -> list[Claim | Skip]:
        if len(masked) > 1000 or ("[" in masked or "(" in masked) and _ELEMENT.search(masked):
            return []  # a rule is a short line, of sizes, not of a layer's elements
        # "padding[0]", "kernel_size[1]": one axis's setting, its index part of its name
        masked = _INDEXED.sub("", masked)
        text = plain(masked)  # every rule ``_judge`` reads has + - * or / on its right side
        toks = tokens(text) if "+" in text or "-" in text or "*" in text or "/" in text else []
        if len(toks) > 80:
            return []
        out: list[Claim | Skip] = []
        for label, sides in runs(toks):
            got = self._judge(number, masked, label, sides)
            if got is not None:
                out.append(got)
        return out

    def _judge(self, number, masked, label, sides) -> Claim | Skip | None:
        lhs_role = None
        if len(sides) == 2 and len(sides[1]) == 1 and sides[1][0][0] == "word" and \
                (role(sides[1][0][1]) or ("",))[0] in ("o", "sh", "ke", "ro", "jo"):
            sides = sides[::-1]  # "커널사이즈 - 1 = 줄어든 shape": the rule, then what it gives
        lhs_word = None
        if len(sides) >= 2 and len(sides[0]) == 1 and sides[0][0][0] == "word":
            lhs_word = sides[0][0][1]
            got = role(sides[0][0][1])
            lhs_role = got[0] if got else None
            label = label + " " + sides[0][0][1]
            sides = sides[1:]
        rhs = mapsides.one_side(sides[0])  # "n-f+1 x n-f+1": a map's side by side
        # a substitution follows (= (5 - 3 + 0)/1 + 1): ``formula`` holds it to the rule
        substituted = any(not any(t[0] == "word" for t in side) for side in sides[1:])
        if not any(t[0] == "op" and t[1] in "+-/*" for t in rhs):
            return None
        assign, guessed = {}, set()
        for t in rhs:
            if t[0] != "word":
                continue
            got = role(t[1])
            if got is None:
                return None
            assign[t[1]] = got[0]
            if not got[1]:
                guessed.add(t[1])
        assign, lhs_role = field_letters(assign, lhs_word, lhs_role,
                                         masked + " " + label + " " + self._context(number))
        roles = set(assign.values())
        if lhs_role == "n" and lhs_word is not None and not role(lhs_word)[1] and \
                "n" in roles and lhs_word not in assign:  # (H' = (H - K)/S + 1: H is both)
            lhs_role = "o"  # "shrinks to size = (n+2p-f)/s + 1": the input on the right, a size the result
        if not roles or OTHER_LAYER.search(" ".join((masked, self._context(number),
                                                     self.heading))):
            return None  # a transposed or separable conv, an upsampling: its own rules
        try:
            node = _Parser(rhs).parse()
        except (ValueError, IndexError):
            return None
        text = " ".join(masked.split())[:120]
        bare = lhs_role is None and not label.strip()
        if lhs_role == "o" and (lhs_word in assign or "co" in roles):  # H2 = (H2 - F..
            return misnamed(number, text, node, assign, guessed,  # numFilters
                            None if getattr(self, "coded", False) else lhs_word)
        if {"n", "k"} <= roles <= {"n", "k", "s", "p", "d"}:
            if lhs_role not in (None, "o") or not any(t[1] in "+-/" for t in rhs):
                return None
            if lhs_role is None and not _SIZE_CONTEXT.search(label):
                ctx = self._context(number)
                if not (bare and _SIZE_CONTEXT.search(ctx) and (_INTRO.search(ctx) or
                                                                topic(ctx, masked))):
                    return None
            self.last_size = (number, _structure(node))
            got = judge_size(number, text, node, assign, guessed)
            if isinstance(got, Claim) and got.verdict == "wrong" and "s" not in roles and \
                    POOL_WORD.search(masked + " " + self._context(number)):
                # "출력 높이 = 입력 높이 / 풀링 크기": a pooling, its stride its window
                got = Claim(number, text, "formula", text, "floor(n/k)", "right",
                            "a pooling's output size, its stride its window") \
                    if pool_fits(node, assign) else \
                    Skip(number, text, "unsure: a pooling's rule, its stride not stated")
            return _unless_right(_axes(got, label, assign, masked + " " + self._context(number)),
                                 substituted)
        for family, (lhs_ok, allowed, required, _) in FAMILIES.items():
            if lhs_role not in lhs_ok or not required <= roles <= allowed or \
                    (lhs_role in ("r", "j") and lhs_role not in roles):
                continue
            if family == "same padding" and not _SAME.search(masked + self._context(number)):
                return None
            return _unless_right(judge_family(number, text, family, node, assign, guessed,
                                              self._context(number)), substituted)
        if lhs_role is not None:
            return None
        got = paramrule.judge(number, text, masked, node, assign, guessed, label,
                              self._context(number), self.legend.roles(number))
        if isinstance(got, Claim) and got.verdict == "wrong":  # "K × K × K": a 3D conv's?
            got = solid(number, text, node, assign, guessed,
                        self._context(number) + " " + masked) or got
        return _unless_right(got, substituted)

    def _legend(self, number: int, masked: str) -> list[Claim | Skip]:
        plain_text = masked.replace(":math:", "      ").replace("`", " ")
        if self.last_size is None or len(self.last_size[1]) < 3 or \
                not _letters(tuple(sorted(self.last_size[1]))).search(plain_text):
            return []  # no legend of the rule's letters can stand here (below)
        found: dict[str, str] = {}
        for m in _LEGEND.finditer(plain_text):
            r = phrase_role(m.group("phrase"))
            sym = m.group("sym")
            if r is not None and symbol_role(sym) is not None:  # a letter, not "in"
                found[sym] = r
        if not found or self.last_size is None:
            return []
        structure = self.last_size[1]
        out: list[Claim | Skip] = []
        text = " ".join(masked.split())[:120]
        met = [s for s in found if s in structure]
        if not met or len(structure) < 3 or (len(found) == 1 and len(text) > 80):
            return []  # a legend of one letter stands on a short line of its own
        named = [found[s] for s in found]
        for sym in met:
            r, want = found[sym], structure[sym]
            if r != want and named.count(r) > 1:  # two letters named one role: the
                out.append(Skip(number, text, f"the legend names {_NAMES[r]} twice"))
            elif r != want:  # legend contradicts itself, not the rule
                out.append(Claim(number, text, "formula", f"{sym}: {_NAMES[r]}", _NAMES[want],
                                 "wrong", f"in the rule on line {self.last_size[0]}, {sym} "
                                          f"stands where {_NAMES[want]} stands "
                                          "(floor((n + 2p - k)/s) + 1)", confidence=0.9))
        if not out:
            out.append(Claim(number, text, "formula", ", ".join(met), "the rule's letters",
                             "right", f"each letter named as the rule on line "
                                      f"{self.last_size[0]} uses it"))
        return out


_INDEXED = re.compile(r"(?<=[A-Za-z_])\[\s*[0-3]\s*\]")


def unindexed(raw: str, masked: str) -> str:
    """``masked`` without the indices the raw line writes after names (``padding[0]``,
    ``stride[1]``: one axis's setting, the index no number of the rule's)."""
    if "[" not in raw or len(raw) != len(masked):
        return masked
    for m in _INDEXED.finditer(raw):
        masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    return masked


@lru_cache(maxsize=256)
def _letters(symbols: tuple[str, ...]) -> re.Pattern:
    """A legend names one of the rule's letters standing alone (``_LEGEND``: after a
    space, a comma, a bracket or the start, and before no letter or digit): a line where
    none stands so is no legend of it, and the legend's costly pattern is not tried."""
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, symbols)) +
                      r")(?![A-Za-z0-9])")


_AXIS_WORD = re.compile(r"(width|너비|가로|horizontal)|(height|높이|세로|vertical)")
_AXIS_LETTER = re.compile(r"(?:f|k|i|o|in|out|input|output|filter|kernel|s|stride|p|pad)?([hwv])"
                          r"(?:in|out|[12io])?")
# a subscript v beside h (``stride_v``, ``stride_h``): a vertical and a horizontal one, the h
# the width's axis, not the height's
_VERTICAL = re.compile(r"[A-Za-z]_\{?v\}?(?![A-Za-z0-9])")


def _axis(word: str, hv: bool = False) -> str | None:
    w = word.lower().replace(" ", "")
    m = _AXIS_WORD.search(w.replace("_", ""))
    if m:
        return "w" if m.group(1) else "h"
    m = _AXIS_LETTER.fullmatch(w.replace("_", ""))
    if not m or (m.group(1) == "v" and not hv):
        return None
    return {"w": "w", "v": "h", "h": "w" if hv else "h"}[m.group(1)]


def _axes(got, label: str, assign: dict[str, str], around: str = ""):
    """``OW = (H + 2P - FH)/S + 1``: a width's rule over the height's input and kernel
    (or the other way round), copied from the other axis: wrong, whatever it computes
    (``around``: the line and the lines above, where ``stride_v`` makes ``stride_h``
    the horizontal stride)."""
    if not isinstance(got, Claim) or got.verdict != "right":
        return got
    hv = bool(_VERTICAL.search(around))
    want = {_axis(w, hv) for w in label.split()} - {None}
    have = {_axis(w, hv) for w, r in assign.items() if r in ("n", "k")}
    names = {"w": "width", "h": "height"}
    # a stride or a padding named for the other axis (``new_width = (in_width -
    # f_width)/stride_height + 1``): the width's rule divides by the height's stride
    crossed = [w for w, r in assign.items() if r in ("s", "p") and
               _axis(w, hv) not in (None, *want)]
    if len(want) == 1 and crossed and None not in have and have <= want:
        return got._replace(verdict="wrong", confidence=0.9, detail=(
            f"the output's {names[next(iter(want))]} over the other axis's "
            f"{' and '.join(_NAMES[assign[w]][4:] for w in crossed)} ({', '.join(crossed)})"))
    if len(want) != 1 or len(have) != 1 or None in have or have == want:
        return got
    return got._replace(verdict="wrong", confidence=0.9, detail=(
        f"the output's {names[want.pop()]} over the input's and kernel's "
        f"{names[have.pop()]} ({', '.join(w for w, r in assign.items() if r in ('n', 'k'))})"))


def _unless_right(got, substituted: bool):
    """A rule with its substitution after it: only a wrong rule is this reader's to say."""
    return None if substituted and isinstance(got, Claim) and got.verdict == "right" else got


_NAMES = {"n": "the input's side", "k": "the kernel's side", "s": "the stride",
          "p": "the padding", "o": "the output's side", "kv": "the filter's volume",
          "ci": "the input channels", "co": "the filters", "d": "the dilation",
          "b1": "a bias"}


# the readers of this module (``registry.READERS`` takes them in this place): a cost
# formula and its legend (``roleformula``), then an output-size or parameter rule, in
# prose and in code's comments and returns
READERS = [
    # "total_ops is K x K x Cin x Wout x Hout x Cout", "(K = 필터크기, M = ...)" then "K^2MN..."
    Reader("cost formulas", "prose",
           lambda at: at.state.roles.check_line(at.line.number, at.line.masked)),
    # "W2=(W1-F+2P)/(S+1)", "(kernel_size * channels + bias) + filters", a legend after
    Reader("stated rules", "prose",
           lambda at: at.state.rules.check_line(at.line.number, unindexed(at.line.raw,
                                                                           at.line.masked)),
           supersedes=(Supersede("rules in words", kind="formula"),
                       Supersede("cost formulas", kind="formula"))),
    # "N x M weights and N biases: (N + 1) x M", "* N = 64" then "= N (32)"
    # "## 전치 합성곱": the layer a section's rules are of
    Reader("stated rules' section", "heading",
           lambda at: at.state.rules.section(at.line.masked) or []),
    Reader("counts in letters", "prose", lambda at: at.state.rules.letters.check_line(
        at.line.number, at.line.masked), needs=("=", ":", "(", "weight", "bias", "가중치", "편향")),
    *symshape.READERS,  # "DK : Kernel 크기" then "출력 Feature map은 Dk x Dk x M"
    *normshapes.READERS,  # "x : N x D" then "γ, β : 1 x D"
    Reader("stated rules in code", "code",
           lambda at: at.state.rules.code_line(at.line.number, at.line.raw),
           needs=("#", "return", "def", "//"),
           supersedes=(Supersede("rules in code", kind="formula"),)),
]
