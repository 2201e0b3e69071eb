"""A rule's formula as a tree, read and evaluated exactly: the one reading of a stated
rule's text that ``rulecheck`` judges and ``rulelines``, ``rulefamilies``, ``paramrule``,
``letterparts`` and ``receptivefield.doubling`` share.

Its text in one plain form (``plain``: LaTeX, dashes, HTML, subscripts written with a
hyphen or in brackets), its tokens (``tokens``), a tree (``_Parser``: a number or a bracket
before a name multiplies, ``2P``; floors and ceilings), and the tree's value with its names
put in (``value``, with Fractions, never ``eval``), the names it writes (``names``) and
whether it writes its own rounding (``rounds``).
"""

from __future__ import annotations

import math
import operator
import re
from fractions import Fraction
from functools import lru_cache

from cnnstat.notes.rules.roleexpr import Descent, plain_form

_TOKEN = re.compile(r"\s*(?:(?P<num>[0-9]+(?:\.[0-9]+)?)|"
                    r"(?P<fn>(?:math\.|np\.)?(?:floor|ceil|int)(?=\s*\())|"
                    r"(?P<word>(?:[A-Za-z가-힣]|#(?=\S))[\w가-힣']*(?:\.[A-Za-z_]\w*)*"
                    r"(?:[ \t]+[A-Za-z가-힣][\w가-힣']*(?:\.[A-Za-z_]\w*)*)*)|"
                    r"(?P<op>[-+*/^()=⌊⌋⌈⌉≈:])|(?P<other>\S))")
_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "‑": "-", "‐": "-", "÷": "/",
                         "⁄": "/", "（": "(", "）": ")", "′": "'", "ᵢ": "_i", "ₒ": "_o",
                         **{chr(0x2080 + d): f"_{d}" for d in range(10)}})
_LATEX = [(re.compile(r"\\[lr]floor"), lambda m: "⌊" if m.group(0)[1] == "l" else "⌋"),
          (re.compile(r"\\[lr]ceil"), lambda m: "⌈" if m.group(0)[1] == "l" else "⌉"),
          (re.compile(r"\\(?:[bB]ig{1,2}[lr]?|mathrm|mathit|quad)(?![A-Za-z])|\\[,;!]"),
           lambda m: " ")]
_HTML = re.compile(r"</?[A-Za-z][^<>]{0,40}>")
_TIMES = re.compile(r"(?<=[\w)])\s+[xX]\s+(?=[\w(])")
_LAYER_BEFORE = re.compile(r"(\w)_(?:\{[lijk]\s*-\s*1\}|\([lijk]\s*-\s*1\))")
_FUNC_SUB = re.compile(r"([A-Za-z가-힣]{1,6})\(\s*(input|output|in|out|입력|출력)\s*\)")
# "C_{out}(k^2 C_{in} + 1)": a product, as in LaTeX (a function's name has no operand's role)
_SUB_BRACKET = re.compile(r"(?<![\w])([A-Za-z]_[A-Za-z0-9]{1,8})\((?!\s*(?:input|output|in|out|입력|출력)\s*\))")
# a subscript written with a hyphen: "n-in", "r-out", "J-in" (no minus takes "in" or "out")
# a name between bars, LaTeX's text command inside or not: |input|, |\text{output}|
_BARS = re.compile(r"(?<![|\w])\|((?:\\text\s*\{)?[A-Za-z][\w]*\}?)\|(?![|\w])")
_HYPHEN_SUB = re.compile(r"(?<![\w-])([A-Za-z]{1,5})-(in|out|input|output|prev)(?![\w-])")


def _math_edges(s: str) -> str:
    """A math span's edge between a number and a word, one on each side ("1개의 5 x 5
    filter는 총 $1 \\times (5 \\times 5) \\times C^2 = 25C^2$개의"): the formula ends there
    (``¶``), and the prose's numbers and words are none of its operands; an edge with an
    operator or a letter on both sides ("$W$ - $F$", "a stride of $s$ is") is a space."""
    out, at = [], 0
    for k, ch in enumerate(s):
        if ch != "¦":
            continue
        a, b = s[:k].rstrip()[-1:], s[k + 1:].lstrip()[:1]
        hard = (a.isdigit() and (b.isalpha() or b == "\\")) or (a.isalpha() and b.isdigit())
        out += [s[at:k], " ¶ " if hard else " "]
        at = k + 1
    return "".join(out) + s[at:]


def plain(masked: str) -> str:
    """One plain form of a formula: LaTeX (``\\frac``, ``\\left``, ``~``, floors),
    dashes, ``N(output)`` and ``N-out`` as ``N_output``, ``N_out``."""
    s = masked.translate(_DASHES)
    if "|" in s:  # |input|: a size (a count of features) written as a set's cardinality
        s = _BARS.sub(r"\1", s)
    if "\\#" in s:
        s = s.replace("\\#", "#")  # LaTeX's escaped # (\#params)
    if "¦" in s:
        s = _math_edges(s)
    if "-" in s:
        s = _HYPHEN_SUB.sub(r"\1_\2", s)
    if "<" in s:
        s = _HTML.sub(" ", s)  # <b>RF(output)</b> = ...
    if "\\" in s:
        for rx, rep in _LATEX:
            s = rx.sub(rep, s)
        s = s.replace("~", " ").replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    if "_" in s:
        s = _LAYER_BEFORE.sub(r"\1_prev", s)
        if "_prev" in s:  # r_{l-1} then r_l: the layer before, this layer
            s = re.sub(r"(\w)_\{?[lijk]\}?(?![\w{])", r"\1_new", s)
    if "\\" in s or "{" in s or "$" in s:
        s = plain_form(s).replace("⟦", " ").replace("⟧", " ")
        s = re.sub(r"\\[A-Za-z]+", " ", s)
    else:  # what plain_form does to a line without LaTeX
        s = _TIMES.sub(" * ", s.replace("×", "*").replace("·", "*").replace("²", "^2")
                       .replace("¦", " "))
    return _SUB_BRACKET.sub(r"\1 * (", _FUNC_SUB.sub(r"\1_\2", s)) if "(" in s else s


def tokens(text: str) -> list[tuple[str, str]]:
    """The tokens of ``text`` from its start, up to the first place none begins (each
    match takes a character at least: the scanner goes on from where the last ended)."""
    out = []
    for m in iter(_TOKEN.scanner(text).match, None):
        kind = m.lastgroup
        out.append((kind, m.group(kind).strip()))
    return out


class _Parser(Descent):
    """A side's tokens as a tree; leaves are numbers and operand names; a number or a
    bracket before a name multiplies (``2P``, ``2padding``); floors and ceilings."""

    JOINS = ("num", "word", "fn")
    OPEN = ("(", "⌊", "⌈")

    def __init__(self, toks: list[tuple[str, str]]) -> None:
        self.toks, self.pos = toks, 0

    def parse(self):
        node = self._sum()
        if self.pos != len(self.toks):
            raise ValueError("left over")
        return node

    def _factor(self):
        if self._peek() == ("op", "-"):
            self.pos += 1
            return ("neg", self._factor())
        return self._power()

    def _atom(self):
        kind, text = self._peek() or (None, None)
        self.pos += 1
        if kind == "num":
            return ("n", Fraction(text))
        if kind == "word":
            return ("v", text)
        if kind == "fn":
            inner = self._atom()
            return ("ceil" if "ceil" in text else "floor", inner)
        if kind == "op" and text in "(⌊⌈":
            close = {"(": ")", "⌊": "⌋", "⌈": "⌉"}[text]
            node = self._sum()
            if self._peek() != ("op", close):
                raise ValueError("a bracket")
            self.pos += 1
            return ("()" if text == "(" else "floor" if text == "⌊" else "ceil", node)
        raise ValueError("not an operand")


_UNARY = {"()": lambda v: v, "neg": operator.neg,
          "floor": lambda v: Fraction(math.floor(v)), "ceil": lambda v: Fraction(math.ceil(v))}
_BINARY = {"+": operator.add, "-": operator.sub, "*": operator.mul,
           "/": operator.truediv, "^": lambda a, b: a ** int(b)}  # a Fraction / 0 raises


def value(node, env: dict[str, Fraction]) -> Fraction:
    """The tree's value, its names looked up in ``env`` (exact, never ``eval``)."""
    op = node[0]
    if op == "n":
        return node[1]
    if op == "v":
        return env[node[1]]
    if op in _UNARY:
        return _UNARY[op](value(node[1], env))
    return _BINARY[op](value(node[1], env), value(node[2], env))


def names(node) -> list[str]:
    """The operand names of a tree, each time it is written."""
    if node[0] == "v":
        return [node[1]]
    if node[0] == "n":
        return []
    return [x for a in node[1:] for x in names(a)]


@lru_cache(maxsize=256)  # asked at every size and reading tried of one formula
def rounds(node) -> bool:
    """Whether the formula writes its own rounding (a floor, a ceiling)."""
    return node[0] in ("floor", "ceil") or (node[0] != "n" and node[0] != "v" and
                                            any(rounds(a) for a in node[1:]))


__all__ = ["plain", "tokens", "_Parser", "value", "names", "rounds"]
