"""The one normalisation pass: a (masked) line of a note becomes one expression form.

Notes write the same arithmetic in many notations. ``scan`` reads all of them into one
stream of ``Token``s that every reader of expressions shares, so that no reader handles
a notation of its own:

* operators: ``x`` between numbers (``3x3``, ``1 x1``), ``*``, ``×``, ``✕``, ``✖``, ``∗``, ``⋅``,
  ``·`` (between operands), ``\\times``, ``\\cdot``, ``\\ast`` multiply; ``/``,
  ``÷``, ``\\div`` divide; ``-`` and ``−`` subtract; ``^``, ``**`` (between digits)
  and raised digits (``3²``) are powers;
* LaTeX: ``\\frac{a}{b}``, ``\\dfrac``, ``{a \\over b}``, ``\\lfloor \\rfloor``,
  ``⌊ ⌋``, ``^{2}``; ``\\left``/``\\right`` and spacing commands are spaces;
  ``\\text{...}`` (``\\mathrm``, ``\\textrm``, ``\\operatorname``) is its words;
  a ``$`` was masked as a bar by ``text.mask`` (an expression never reads across it);
* results: ``=``; ``≈``, ``≒``, ``≃``, ``\\approx``, ``~``/``～`` before a number are
  approximate, and so is ``=`` with a word for "about" after it (``= 약 3.7억``, ``= about
  50K``); arrows (``->``, ``→``, ``⇒`` ...) are their own kind;
* numbers, through ``numerals.read_number``: digit groups (``1,28,800``, ``56_448``),
  scales (``60M``, ``3.8 x 10^9`` is a product and a power), Korean units (``6 천만``);
* KaTeX pasted from a web page, its rendering glued to its source
  (``28×28×628\\times28\\times6``): ``unglue`` (``katex``) blanks one copy, keeping every
  position; ``text.mask`` applies it to each line, so every reader reads one copy.

Every token keeps its span in the line, so a reader's finding is a position in the raw
text (what ``--fix`` edits). The scan is linear and bounded (``MAX_LINE_TOKENS``).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.reading.atproduct import at_products
from cnnstat.notes.reading.brackets import floor_calls
from cnnstat.notes.reading.katex import unglue
from cnnstat.notes.reading import calls
from cnnstat.notes.reading.splitmath import joined_math
from cnnstat.notes.reading.tilde import range_tilde
from cnnstat.notes.reading.numerals import Number, Refused, is_digit, is_hangul, read_number

__all__ = ["Token", "scan", "unglue", "plain_latex", "MAX_LINE_TOKENS", "SUPERSCRIPTS"]

_SPACE_RUN = re.compile(r"\s+")
_WORD_RUN = re.compile(r"[A-Za-z_]+")
_HANGUL_RUN = re.compile("[\uac00-\ud7a3\u3131-\u318e]+")


class Token(NamedTuple):
    kind: str  # NUM OP LP RP LB RB FRAC FL FR EQ APPROX ARROW WORD HANGUL OTHER
    text: str
    start: int
    end: int
    gap: bool  # whitespace (or markup) right before it
    num: Number | None = None




_LATEX_NAME = re.compile(r"\\([A-Za-z]+)")
_SPACES = re.compile(r"[ \t\u00a0]*")
# superscript digits: 3² is 3^2 (str.isdigit() accepts them, int() does not)
SUPERSCRIPTS = {ch: i for i, ch in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
_SUPER_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")



def _next_char(s: str, j: int) -> str:
    """The first character at or after ``s[j]`` that is not a space."""
    k = _SPACES.match(s, j).end()
    return s[k] if k < len(s) else ""
_LATEX_OPS = {"times": "*", "cdot": "*", "div": "/", "ast": "*"}
_LATEX_SKIP = {"left", "right", "quad", "qquad", "big", "Big", "bigl", "bigr", "displaystyle",
               "underbrace", "overbrace"}
# \text{params}: the words inside are words, the braces are no group of the expression
_LATEX_TEXT = {"text", "textrm", "mathrm", "mathit", "textit", "operatorname", "mbox"}
_TEXT_BODY = re.compile(r"\{([^{}\n]{0,200})\}")
_OPS = {"+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "✕": "*", "✖": "*", "∗": "*", "⋅": "*", "/": "/",
        "÷": "/", "^": "^"}
# operators written as words between numbers: "3 times 3 times 256", "3 곱하기 3"
_WORD_OPS = {"times": "*", "plus": "+", "minus": "-", "곱하기": "*", "더하기": "+", "빼기": "-"}
_ARROWS = ("--->", "-->", "==>", "->", "=>", "→", "⇒", "⟶", "⟹", "➜", "➔")
_ARROW_FIRST = frozenset(a[0] for a in _ARROWS)
_ARROW_RX = re.compile("|".join(re.escape(a) for a in _ARROWS))



def _big_o(out: list[Token], s: str, j: int) -> bool:
    """An ``O`` after '=' or '≈' with a bracket right after it: big-O around a count."""
    return bool(out) and out[-1].kind in ("EQ", "APPROX") and s.startswith("(", j)


# characters that are a token of their own, OTHER, wherever they stand: none is a space,
# a letter, a digit, an operator, an arrow's first, a bracket or a sign the scan reads
_PLAIN = frozenset(",.:;|[]'\"!?#%&@<>$`")


def _word_op(out: list[Token], s: str, i: int, j: int) -> bool:
    """``times``, ``곱하기``, ``plus`` ... between a number (or a bracket) and the next one."""
    return s[i:j].lower() in _WORD_OPS and bool(out) and out[-1].kind in ("NUM", "RP", "FR") and \
        (is_digit(_next_char(s, j)) or _next_char(s, j) == "(")


def _label_end(s: str, i: int) -> int:
    """The end of the brace group opening at ``s[i]`` (nested, within 300 characters), or 0."""
    depth = 0
    for k in range(i, min(len(s), i + 300)):
        if s[k] == "{":
            depth += 1
        elif s[k] == "}":
            depth -= 1
            if depth == 0:
                return k + 1
    return 0


_PLAIN_LATEX = re.compile(r"\\(times|cdot|div|ast)(?![A-Za-z])|"
                          r"\\(?:text|textrm|mathrm|mathit|textit|operatorname|mbox)"
                          r"\{([^{}\n]{0,200})\}|\\(?:left|right|[Bb]igg?[lr]?)(?![A-Za-z])|"
                          # inline math's delimiters and its spaces: "\(3\times3 \) filter",
                          # "$55\times 55$" (its $ masked as ¦), "Max\enspace pooling"
                          r"\\[()]|(?<!\\)[$¦]|\\(?:[ens]*space|q?quad)(?![A-Za-z])|\\[,;: ]")
_PLAIN_SYMBOL = {"times": "×", "cdot": "⋅", "div": "÷", "ast": "*"}


def _plain(m: re.Match) -> str:
    if m.group(1):
        return _PLAIN_SYMBOL[m.group(1)].ljust(len(m.group(0)))
    if m.group(2) is not None:  # \text{MACs}: its words, the wrapper as spaces
        lead = m.start(2) - m.start()
        return " " * lead + m.group(2) + " "
    return " " * len(m.group(0))


def plain_latex(masked: str) -> str:
    """``masked`` with the LaTeX a pattern over words cannot read written plainly, at the
    same positions: ``\\times``, ``\\cdot`` as ``×``, ``⋅`` (then spaces), a ``\\text{...}``
    as its words, sizing commands, inline math's delimiters (``\\(``, ``$``) and its spaces
    (``\\enspace``, ``\\,``) as spaces (``\\text{FLOPs} = 2 \\times \\text{MACs}`` reads as
    ``FLOPs = 2 × MACs``). For readers that match words, not tokens."""
    if "\\" not in masked and "$" not in masked and "¦" not in masked:
        return masked
    return _PLAIN_LATEX.sub(_plain, masked)


MAX_LINE_TOKENS = 400  # a line that reads into more tokens is refused, not read on


_AFTER_DASH = re.compile(r"\s*(?:\d+(?:\.\d+)?|[A-Za-z]\w{0,2}(?![\w-]))\s*([-+*/×=]?)")
_CLOSED_DASH = re.compile(r"\s*\d+(?:\.\d+)?\s*\)\s*[-+*/×÷]")  # "(55 – 3)/2"


def _dash_is_minus(s: str, i: int, out: list[Token]) -> bool:
    """An en dash between two terms (numbers, or short symbols: ``n–f+1``) of a
    calculation: a result sign before it on the line, or an operator after the term it
    leads to."""
    if not out or out[-1].kind not in ("NUM", "RP", "WORD"):
        return False
    before = out[-2].kind if len(out) > 1 else ""
    if before == "LP" and out[-1].kind == "NUM" and _CLOSED_DASH.match(s, i + 1):
        return True  # a difference in brackets an operator goes on from: (55 – 3)/2 + 1
    after = _AFTER_DASH.match(s, i + 1)
    if after is None or not after.group(1):
        return False
    return before in ("OP", "EQ", "LP") or any(t.kind == "EQ" for t in out) or \
        after.group(1) != "-" and out[-1].kind != "WORD"


# a word for "about" between a result's sign and its number: the result is approximate
_ABOUT = frozenset(("about", "approximately", "roughly", "around", "nearly", "almost", "circa",
                    "약", "대략", "얼추", "대충", "거의", "대략적으로"))


def _about(out: list[Token], s: str, i: int, j: int) -> bool:
    return bool(out) and out[-1].kind in ("EQ", "APPROX") and \
        s[i:j].lower() in _ABOUT and is_digit(_next_char(s, j))


_INDIAN_RESULT = re.compile(r"=\s*[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9,])")


def scan(s: str, limit: int = MAX_LINE_TOKENS) -> list[Token]:
    """Tokens of one (masked) line. Numbers carry their value; ``x`` is a multiplication
    only between two numbers (``3x3``, ``1 x1``); ``**`` is a power only between digits
    (elsewhere it is markdown bold and was masked)."""
    if "floor(" in s or "Floor(" in s or "ceil(" in s or "Ceil(" in s:
        s = floor_calls(s)
    s = at_products(s)  # "512@1x3x3 = 3072": the maps' count times their sides
    if "¦" in s:
        s = joined_math(s)
    out: list[Token] = []
    i, n = 0, len(s)
    gap = True
    # a line whose result is written in Indian groups (= 1,30,000) writes its operands so
    indian = "," in s and "=" in s and _INDIAN_RESULT.search(s) is not None
    hidden = -1  # the closing brace of a \text{...} being read: a space

    def add(kind: str, start: int, end: int, num: Number | None = None, text: str | None = None):
        nonlocal gap
        if len(out) >= limit:
            raise Refused(f"more than {limit} tokens in one line")
        out.append(new(Token, (kind, text if text is not None else s[start:end], start, end, gap,
                                num)))
        gap = False

    append = out.append
    new = tuple.__new__  # a Token made without its class's keyword-reading constructor
    space, hangul, word = _SPACE_RUN.match, _HANGUL_RUN.match, _WORD_RUN.match
    while i < n:
        ch = s[i]
        # the common tokens first, appended in place (a call per token costs)
        if ch == " " or ch.isspace():
            gap = True
            i = space(s, i).end()
            continue
        if ch in _PLAIN and i != hidden:  # punctuation no branch below reads: OTHER
            if len(out) >= limit:
                raise Refused(f"more than {limit} tokens in one line")
            append(new(Token, ("OTHER", ch, i, i + 1, gap, None)))
            gap = False
            i += 1
            continue
        if "\uac00" <= ch <= "\ud7a3":  # Hangul syllables, the commonest run in Korean notes
            j = hangul(s, i).end()
            if _about(out, s, i, j):  # "= 약 3.7억": an approximate result
                out[-1] = out[-1]._replace(kind="APPROX")
                gap, i = True, j
                continue
            if _word_op(out, s, i, j):
                add("OP", i, j, text=_WORD_OPS[s[i:j]])
                i = j
                continue
            if len(out) >= limit:
                raise Refused(f"more than {limit} tokens in one line")
            append(new(Token, ("HANGUL", s[i:j], i, j, gap, None)))
            gap = False
            i = j
        elif ch == "_" and s.startswith("{", i + 1) and out and out[-1].kind == "RB" and \
                _label_end(s, i + 1):
            # \underbrace{28\times28}_{\text{outputs}}: the label under a brace is words
            gap = True
            i = _label_end(s, i + 1)
        elif "a" <= ch <= "z" or "A" <= ch <= "Z" or ch == "_":
            j = word(s, i).end()
            if j - i == 1 and ch in "xX" and out and out[-1].kind in ("NUM", "RP") and \
                    (is_digit(_next_char(s, j)) or _next_char(s, j) == "("):
                add("OP", i, j, text="*")
            elif j - i > 3 and _word_op(out, s, i, j):
                add("OP", i, j, text=_WORD_OPS[s[i:j].lower()])
            elif _about(out, s, i, j):  # "= about 50,000", "= roughly 60K"
                out[-1] = out[-1]._replace(kind="APPROX")
                gap = True
            elif j - i == 1 and ch == "O" and _big_o(out, s, j):
                gap = True  # "= O(128^2 * 1728)": the order of a count, its brackets stay
            else:
                if len(out) >= limit:
                    raise Refused(f"more than {limit} tokens in one line")
                append(new(Token, ("WORD", s[i:j], i, j, gap, None)))
                gap = False
            i = j
        elif ch in SUPERSCRIPTS:
            # 3², k², C²: a power whose exponent is written raised
            j = _SUPER_RUN.match(s, i).end()
            if j - i > 2:
                raise Refused("a superscript exponent of more than two digits is refused")
            exp = int("".join(str(SUPERSCRIPTS[c]) for c in s[i:j]))
            add("OP", i, i, text="^")
            gap = False
            add("NUM", i, j, Number(Fraction(exp), Fraction(1), s[i:j], "plain"))
            i = j
        elif "0" <= ch <= "9":
            got = read_number(s, i, result=indian or bool(out) and
                              out[-1].kind in ("EQ", "APPROX"))
            num, j = got
            if len(out) >= limit:
                raise Refused(f"more than {limit} tokens in one line")
            append(new(Token, ("NUM", s[i:j], i, j, gap, num)))
            gap = False
            i = j
        elif ch == "\\":
            m = _LATEX_NAME.match(s, i)
            if not m and s.startswith("\\*", i):
                add("OP", i, i + 2, text="*")  # markdown's escaped star: 32\*32\*3
                i += 2
                continue
            if not m:
                gap = True  # \, \; \! spacing
                i += 2
                continue
            name = m.group(1)
            end = m.end()
            if name in _LATEX_OPS:
                add("OP", i, end, text=_LATEX_OPS[name])
            elif name in ("frac", "dfrac", "tfrac"):
                add("FRAC", i, end)
            elif name == "lfloor":
                add("FL", i, end)
            elif name == "rfloor":
                add("FR", i, end)
            elif name in ("lceil", "rceil"):
                add("CL" if name == "lceil" else "CR", i, end)
            elif name == "approx":
                add("APPROX", i, end)
            elif name == "over":
                add("OVER", i, end)
            elif name in _LATEX_SKIP:
                gap = True
            elif name == "mathcal" and s.startswith("{O}", end) and _big_o(out, s, end + 3):
                gap = True  # "= \mathcal{O}(128^2 \cdot 1728)"
                end += 3
            elif name in _LATEX_TEXT and _TEXT_BODY.match(s, end):
                gap = True
                hidden = _TEXT_BODY.match(s, end).end() - 1
                end += 1  # its opening brace
            else:
                add("WORD", i, end)
            i = end
        elif ch in _ARROW_FIRST and _ARROW_RX.match(s, i):
            a = _ARROW_RX.match(s, i).group(0)
            add("ARROW", i, i + len(a))
            i += len(a)
        elif ch == "=":
            j = i
            while j < n and s[j] == "=":
                j += 1
            add("EQ" if j == i + 1 else "OTHER", i, j)
            i = j
        elif ch in "≈≒≃":
            add("APPROX", i, i + 1)
            i += 1
        elif ch in "~～" and range_tilde(s, i, out):
            add("OTHER", i, i + 1)  # "1/8 ~ 1/9": two bounds of a range, no result
            i += 1
        elif ch in "~～" and is_digit(_next_char(s, i + 1)) and out and \
                out[-1].kind in ("NUM", "RP", "EQ"):
            # "3 x 3 ~ 10", "= ~10": an approximate result
            if out[-1].kind == "EQ":
                out[-1] = out[-1]._replace(kind="APPROX")
            else:
                add("APPROX", i, i + 1)
            i += 1
        elif s.startswith("**", i):
            if out and out[-1].kind in ("NUM", "RP") and not gap and i + 2 < n and \
                    (is_digit(s[i + 2]) or s[i + 2] == "("):
                add("OP", i, i + 2, text="^")
            else:
                gap = True
            i += 2
        elif ch == "–" and _dash_is_minus(s, i, out):
            # "= 10–3+1 = 8": an en dash inside a calculation is a minus ("5–6 layers" is
            # a range and stays one)
            add("OP", i, i + 1, text="-")
            i += 1
        elif ch in _OPS:
            if len(out) >= limit:
                raise Refused(f"more than {limit} tokens in one line")
            append(new(Token, ("OP", _OPS[ch], i, i + 1, gap, None)))
            gap = False
            i += 1
        elif ch == "·":
            prev_num = out and out[-1].kind in ("NUM", "RP", "WORD")
            nxt = _next_char(s, i + 1)
            if prev_num and (is_digit(nxt) or nxt == "(" or nxt.isascii() and nxt.isalpha()):
                add("OP", i, i + 1, text="*")
            else:
                add("OTHER", i, i + 1)
            i += 1
        elif ch in "()":
            add("LP" if ch == "(" else "RP", i, i + 1)
            i += 1
        elif i == hidden:
            gap = True
            i += 1
        elif ch in "{}":
            add("LB" if ch == "{" else "RB", i, i + 1)
            i += 1
        elif ch in "⌊⌋":
            add("FL" if ch == "⌊" else "FR", i, i + 1)
            i += 1
        elif ch in "⌈⌉":
            add("CL" if ch == "⌈" else "CR", i, i + 1)
            i += 1
        elif is_hangul(ch):
            j = _HANGUL_RUN.match(s, i).end()
            add("HANGUL", i, j)
            i = j
        else:
            add("OTHER", i, i + 1)
            i += 1
    return calls.mark(out) if "(" in s and calls.CALL.search(s) else out
