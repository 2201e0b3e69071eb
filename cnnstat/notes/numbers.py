"""Numbers and arithmetic as study notes write them, read by a small bounded parser.

A note writes numbers in many ways: ``294,912``, ``60M``, ``60.97 M``, ``60 million``,
``4만``, ``2억 5000만``, ``6천만``. ``scan`` reads a line into tokens (numbers with their
value *and* their precision, operators, parentheses, LaTeX ``\\times``/``\\frac``, words);
``Parser`` turns a run of tokens into a tree and ``value`` evaluates it exactly, with
``fractions.Fraction``. Nothing is ever passed to ``eval``; every number and every
intermediate value is bounded, so ``9**9**9**9`` or a 10,000-digit number is refused at
once instead of being computed.

Grammar of an expression (``x``, ``×``, ``*``, ``·`` multiply; ``/``, ``÷`` divide)::

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '/') unary | '(' expr ')')*     # 4(3 x 3): implicit product
    unary  := ('-' | '+') unary | power
    power  := atom ('^' unary)?                            # right-associative, bounded
    atom   := NUM | '(' expr ')' | '{' expr '}' | '\\frac' '{' expr '}' '{' expr '}'
            | '⌊' expr '⌋'
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import NamedTuple

MAX_DIGITS = 30  # a longer number is refused, not read
LIMIT = Fraction(10) ** 30  # bound on every value and intermediate result
MAX_TOKENS = 200
MAX_NESTING = 40

BYTE_UNITS = {"b": 1, "bytes": 1, "byte": 1, "바이트": 1, "kb": 10**3, "mb": 10**6,
              "gb": 10**9, "tb": 10**12, "kib": 2**10, "mib": 2**20, "gib": 2**30,
              "tib": 2**40}
_BYTES = re.compile(r" ?(KiB|MiB|GiB|TiB|[KkMGT]B|B|bytes?|바이트)(?![A-Za-z])")
_ONE = Fraction(1)
_SPACE_RUN = re.compile(r"\s+")
_WORD_RUN = re.compile(r"[A-Za-z_]+")
_HANGUL_RUN = re.compile("[\uac00-\ud7a3\u3131-\u318e]+")
# what can follow the digits of a number and change it: a point or comma, a scale (K M B
# G k 만 억 조 십 백 천), a byte unit, a space before a unit or a scale word
_MAY_FOLLOW = frozenset(".,KMBGTk만억조십백천 \u00a0b바")
SUFFIXES = {"K": 10**3, "k": 10**3, "M": 10**6, "B": 10**9, "G": 10**9}
WORD_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
KOREAN_BIG = {"만": 10**4, "억": 10**8, "조": 10**12}
KOREAN_SMALL = {"십": 10, "백": 100, "천": 1000}


class Refused(ValueError):
    """Input the parser will not read: too long, too large, or not an expression."""


class Number(NamedTuple):
    """A number as written: its exact value and the precision it was written with."""

    value: Fraction
    precision: Fraction  # value of one unit in the last digit shown (60M -> 10**6)
    text: str
    style: str  # "plain" | "grouped" (294,912) | "suffix" | "word" | "korean"
    unit: int = 1  # the scale written after the digits (M -> 10**6)
    unit_text: str = ""  # "M", " million", "만", ...
    decimals: int = 0  # digits after the point, in the unit


class Token(NamedTuple):
    kind: str  # NUM OP LP RP LB RB FRAC FL FR EQ APPROX ARROW WORD HANGUL OTHER
    text: str
    start: int
    end: int
    gap: bool  # whitespace (or markup) right before it
    num: Number | None = None


# digits, grouped by thousands with commas (294,912) or underscores (56_448, as Python
# writes it)
_DIGITS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]{1,3}(?:_[0-9]{3})+(?![0-9_])|"
                     r"[0-9]+")
# Indian grouping (1,28,800 = 128,800): read only where a result is expected, after '='
_INDIAN = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9,])")
_RUN = re.compile(r"[0-9,_]*")
_DECIMAL_COMMA = re.compile(r",([0-9]{1,2})(?= ?[KMBG](?![A-Za-z]))")
_FRACTION = re.compile(r"\.([0-9]+)(?![0-9])")
_VERSION = re.compile(r"\.[0-9]+\.[0-9]")
_WORD_SCALE = re.compile(r"[ \u00a0]?(thousand|million|billion)(?![A-Za-z])", re.I)
_KOREAN_RUN = re.compile(r"[0-9,.]*")
# a space, then a Korean unit that ends the number ("6 천만 개", "3 억"): not "3 천천히"
_SPACED_KOREAN = re.compile(r" [십백천]?[만억조](?![\uac00-\ud7a3])| [만억조](?=\s?개)")
_KOREAN_NEXT = re.compile(r"[ \u00a0]?([0-9]{1,4}|[0-9],[0-9]{3})(?=[십백천만억조])")
_LATEX_NAME = re.compile(r"\\([A-Za-z]+)")
_SPACES = re.compile(r"[ \t\u00a0]*")
# superscript digits: 3² is 3^2 (str.isdigit() accepts them, int() does not)
SUPERSCRIPTS = {ch: i for i, ch in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
_SUPER_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def is_digit(ch: str) -> bool:
    """An ASCII digit: the only digits a number is read from."""
    return "0" <= ch <= "9"


def _next_char(s: str, j: int) -> str:
    """The first character at or after ``s[j]`` that is not a space."""
    k = _SPACES.match(s, j).end()
    return s[k] if k < len(s) else ""
_LATEX_OPS = {"times": "*", "cdot": "*", "div": "/", "ast": "*"}
_LATEX_SKIP = {"left", "right", "quad", "qquad", "big", "Big", "bigl", "bigr", "displaystyle"}
_OPS = {"+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "✕": "*", "⋅": "*", "/": "/",
        "÷": "/", "^": "^"}
_ARROWS = ("->", "=>", "→", "⇒", "⟶", "⟹", "➜", "➔")
_ARROW_FIRST = frozenset(a[0] for a in _ARROWS)
_ARROW_RX = re.compile("|".join(re.escape(a) for a in _ARROWS))


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e"


def _int(digits: str) -> int:
    return int(digits.replace(",", "").replace("_", ""))


def read_number(s: str, i: int, result: bool = False) -> tuple[Number, int] | None:
    """Read the number starting at ``s[i]`` (a digit): digits, an optional fraction, and
    a scale (``M``, `` million``, Korean ``만``/``억``...). Returns it and the end index.
    Raises ``Refused`` for a number longer than ``MAX_DIGITS`` digits."""
    m = (_INDIAN.match(s, i) if result else None) or _DIGITS.match(s, i)
    if not m:
        return None
    digits = m.group(0)
    if len(digits) > MAX_DIGITS:
        run = _RUN.match(s, i).group(0)
        if len(run) - run.count(",") - run.count("_") > MAX_DIGITS:
            raise Refused(f"a number of more than {MAX_DIGITS} digits is refused")
    j = m.end()
    frac = ""
    fm = _FRACTION.match(s, j)
    if fm and not _VERSION.match(s, j):  # not a version number 1.1.2
        frac = fm.group(1)
        if len(frac) > MAX_DIGITS:
            raise Refused(f"a number of more than {MAX_DIGITS} digits is refused")
        j = fm.end()
    nxt = s[j] if j < len(s) else ""
    if not frac and nxt not in _MAY_FOLLOW:
        # the common case, a plain integer followed by a space or a mark: no scale to read
        value = _int(digits)
        return (Number(Fraction(value), _ONE, digits,
                       "grouped" if "," in digits or "_" in digits else "plain"),
                j)
    base = Fraction(_int(digits))
    if frac:
        base += Fraction(int(frac), 10 ** len(frac))
    style = "grouped" if "," in digits or "_" in digits else "plain"
    # Korean units: 4만, 14만, 2억 5000만, 6천만, 1.5억; "6 천만" with a space
    if j < len(s) and (s[j] in KOREAN_BIG or s[j] in KOREAN_SMALL):
        return _read_korean(s, i, base, len(frac))
    if s.startswith(" ", j) and _SPACED_KOREAN.match(s, j):
        num, end = _read_korean(s[:j] + s[j + 1:], i, base, len(frac))
        return num._replace(text=s[i:end + 1]), end + 1
    # a decimal comma before a scale: 2,4 M (2.4 million), as European notes write it
    dm = _DECIMAL_COMMA.match(s, j) if "," not in digits and not frac else None
    if dm:
        frac = dm.group(1)
        base += Fraction(int(frac), 10 ** len(frac))
        j = dm.end(1)
    # bytes: 553 MB, 527.8MiB, 93 bytes (a decimal MB may be a MiB mislabelled, as
    # torchsummary labels it: ``agrees`` accepts either)
    bm = _BYTES.match(s, j)
    if bm:
        unit_text = bm.group(1)
        unit = BYTE_UNITS[unit_text.lower() if unit_text.lower() in BYTE_UNITS else unit_text]
        prec = Fraction(unit, 10 ** len(frac))
        return (Number(base * unit, prec, s[i:bm.end()], "bytes", unit, s[j:bm.end()],
                       len(frac)), bm.end())
    # a letter suffix: 60M, 1.5G, 120 M (not 60Mb, not 5Gx)
    sp = 1 if (j + 1 < len(s) and s[j] == " " and s[j + 1] in "KMBG") else 0
    k = j + sp
    if k < len(s) and s[k] in SUFFIXES and \
            not (k + 1 < len(s) and s[k + 1].isascii() and s[k + 1].isalpha()):
        unit = SUFFIXES[s[k]]
        prec = Fraction(unit, 10 ** len(frac))
        if not frac:  # 800K, 120 M: the zeros of the mantissa are rounding
            mantissa = _int(digits)
            while mantissa and mantissa % 10 == 0:
                mantissa //= 10
                prec *= 10
        return (Number(base * unit, prec, s[i:k + 1], "suffix", unit, s[j:k + 1], len(frac)),
                k + 1)
    wm = _WORD_SCALE.match(s, j)
    if wm:
        unit = WORD_SCALES[wm.group(1).lower()]
        prec = Fraction(unit, 10 ** len(frac))
        end = wm.end()
        return (Number(base * unit, prec, s[i:end], "word", unit, s[j:end], len(frac)), end)
    return Number(base, Fraction(1, 10 ** len(frac)), s[i:j], style, 1, "", len(frac)), j


def _read_korean(s: str, i: int, first: Fraction, decimals: int) -> tuple[Number, int]:
    """``2억 5000만`` = 250,000,000; ``6천만`` = 60,000,000; precision: the last unit."""
    total = Fraction(0)
    group = Fraction(0)  # below 만: 천/백/십 parts
    cur: Fraction | None = first
    j = _KOREAN_RUN.match(s, i).end()
    last_unit = Fraction(1)
    small_unit = None
    while True:
        ch = s[j] if j < len(s) else ""
        if ch in KOREAN_SMALL:
            unit = KOREAN_SMALL[ch]
            group += (cur if cur is not None else 1) * unit
            small_unit = unit
            cur = None
            j += 1
        elif ch in KOREAN_BIG:
            unit = KOREAN_BIG[ch]
            group += cur if cur is not None else 0
            if group == 0:
                break
            total += group * unit
            last_unit = Fraction(unit * (small_unit or 1))
            group, cur, small_unit = Fraction(0), None, None
            j += 1
        else:
            # another group after a space: "2억 5000만" (digits must end in a unit)
            m = _KOREAN_NEXT.match(s, j)
            if m and cur is None and (total or group):  # 1억 3천 8백만
                cur = Fraction(int(m.group(1).replace(",", "")))  # 1억 3,800만
                j = m.end()
                continue
            break
    if cur is not None:
        group += cur
        last_unit = Fraction(1)
    elif group:
        last_unit = Fraction(small_unit or 1)
    total += group
    prec = last_unit / 10**decimals if decimals else last_unit
    text = s[i:j]
    return Number(total, prec, text, "korean", int(last_unit), "", decimals), j


MAX_LINE_TOKENS = 400  # a line that reads into more tokens is refused, not read on


def scan(s: str, limit: int = MAX_LINE_TOKENS) -> list[Token]:
    """Tokens of one (masked) line. Numbers carry their value; ``x`` is a multiplication
    only between two numbers (``3x3``, ``1 x1``); ``**`` is a power only between digits
    (elsewhere it is markdown bold and was masked)."""
    out: list[Token] = []
    i, n = 0, len(s)
    gap = True

    def add(kind: str, start: int, end: int, num: Number | None = None, text: str | None = None):
        nonlocal gap
        if len(out) >= limit:
            raise Refused(f"more than {limit} tokens in one line")
        out.append(Token(kind, text if text is not None else s[start:end], start, end, gap, num))
        gap = False

    while i < n:
        ch = s[i]
        if ch.isspace():
            gap = True
            i = _SPACE_RUN.match(s, i).end()
        elif "\uac00" <= ch <= "\ud7a3":  # Hangul syllables, the commonest run in Korean notes
            j = _HANGUL_RUN.match(s, i).end()
            add("HANGUL", i, j)
            i = j
        elif "a" <= ch <= "z" or "A" <= ch <= "Z" or ch == "_":
            j = _WORD_RUN.match(s, i).end()
            if j - i == 1 and ch in "xX" and out and out[-1].kind in ("NUM", "RP") and \
                    (is_digit(_next_char(s, j)) or _next_char(s, j) == "("):
                add("OP", i, j, text="*")
            else:
                add("WORD", i, j)
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
            got = read_number(s, i, result=bool(out) and out[-1].kind in ("EQ", "APPROX"))
            assert got is not None
            num, j = got
            add("NUM", i, j, num)
            i = j
        elif ch == "\\":
            m = _LATEX_NAME.match(s, i)
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
            elif name == "approx":
                add("APPROX", i, end)
            elif name == "over":
                add("OVER", i, end)
            elif name in _LATEX_SKIP:
                gap = True
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
        elif ch == "~" and is_digit(_next_char(s, i + 1)) and out and \
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
        elif ch in _OPS:
            add("OP", i, i + 1, text=_OPS[ch])
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
        elif ch in "{}":
            add("LB" if ch == "{" else "RB", i, i + 1)
            i += 1
        elif ch in "⌊⌋":
            add("FL" if ch == "⌊" else "FR", i, i + 1)
            i += 1
        elif is_hangul(ch):
            j = _HANGUL_RUN.match(s, i).end()
            add("HANGUL", i, j)
            i = j
        else:
            add("OTHER", i, i + 1)
            i += 1
    return out


# ----------------------------------------------------------------------------- parser

class Node(NamedTuple):
    op: str  # num neg add sub mul div pow paren frac floor
    args: tuple = ()
    num: Number | None = None


class Parser:
    """Recursive descent over a run of tokens; raises ``Refused`` on anything else."""

    def __init__(self, tokens: list[Token]) -> None:
        if len(tokens) > MAX_TOKENS:
            raise Refused(f"expression longer than {MAX_TOKENS} tokens")
        self.toks = tokens
        self.pos = 0
        self.depth = 0

    def parse(self) -> Node:
        if not self.toks:
            raise Refused("empty expression")
        node = self.expr()
        if self.pos != len(self.toks):
            raise Refused(f"unexpected {self.toks[self.pos].text!r}")
        return node

    def peek(self) -> Token | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self, kind: str | None = None) -> Token:
        tok = self.peek()
        if tok is None or (kind and tok.kind != kind):
            raise Refused("expression ends too early" if tok is None
                          else f"unexpected {tok.text!r}")
        self.pos += 1
        return tok

    def is_op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "OP" and tok.text in ops

    def nest(self):
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise Refused("expression nested too deeply")

    def expr(self) -> Node:
        node = self.term()
        while self.is_op("+", "-"):
            op = self.take().text
            node = Node("add" if op == "+" else "sub", (node, self.term()))
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            if self.is_op("*", "/"):
                op = self.take().text
                node = Node("mul" if op == "*" else "div", (node, self.unary()))
            elif self.peek() is not None and self.peek().kind == "LP" and node.op == "num":
                node = Node("mul", (node, self.atom()))  # 4(3 x 3)
            else:
                return node

    def unary(self) -> Node:
        if self.is_op("-", "+"):
            op = self.take().text
            self.nest()
            inner = self.unary()
            self.depth -= 1
            return Node("neg", (inner,)) if op == "-" else inner
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.is_op("^"):
            self.take()
            self.nest()
            exp = self.unary()
            self.depth -= 1
            return Node("pow", (base, exp))
        return base

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "NUM":
            return Node("num", num=tok.num)
        if tok.kind in ("LP", "LB", "FL"):
            close = {"LP": "RP", "LB": "RB", "FL": "FR"}[tok.kind]
            self.nest()
            inner = self.expr()
            if tok.kind == "LB" and self.peek() is not None and self.peek().kind == "OVER":
                self.take()  # {a \over b}: TeX's fraction
                inner = Node("frac", (inner, self.expr()))
            self.take(close)
            self.depth -= 1
            return Node("floor" if tok.kind == "FL" else "paren", (inner,))
        if tok.kind == "FRAC":
            self.take("LB")
            num = self.expr()
            self.take("RB")
            self.take("LB")
            den = self.expr()
            self.take("RB")
            return Node("frac", (num, den))
        raise Refused(f"unexpected {tok.text!r}")


def _check(v: Fraction) -> Fraction:
    if abs(v) > LIMIT or v.denominator > LIMIT:
        raise Refused("a value in the expression is beyond 10^30")
    return v


def output_size_form(node: Node) -> bool:
    """``(W - K + 2P) / S + 1``: a parenthesised (or \\frac) quotient plus one. Written so
    in a note it is the output-size rule of convolution and pooling, which floors."""
    if node.op != "add":
        return False
    left, right = node.args
    if not (right.op == "num" and right.num.value == 1):
        return False
    if left.op == "frac":
        return True
    return left.op == "div" and left.args[0].op == "paren"


def value(node: Node, floor_division: bool = False) -> Fraction:
    """Evaluate exactly; with ``floor_division`` the quotient of an output-size formula
    (see ``output_size_form``) is floored, as convolution computes it."""
    if floor_division and output_size_form(node):
        quotient = node.args[0]
        a, b = quotient.args
        den = value(b)
        if den == 0:
            raise Refused("division by zero")
        return _check(Fraction(math.floor(value(a) / den)) + 1)
    op = node.op
    if op == "num":
        return _check(node.num.value)
    if op in ("paren",):
        return value(node.args[0])
    if op == "floor":
        return Fraction(math.floor(value(node.args[0])))
    if op == "neg":
        return -value(node.args[0])
    if op == "pow":
        base, exp = value(node.args[0]), value(node.args[1])
        if exp.denominator != 1 or exp < 0 or exp > 64:
            raise Refused("only whole exponents from 0 to 64 are computed")
        if base != 0 and int(exp) * math.log10(abs(float(base)) or 1) > 30:
            raise Refused("a power beyond 10^30 is refused")
        return _check(base ** int(exp))
    a, b = value(node.args[0]), value(node.args[1])
    if op == "add":
        return _check(a + b)
    if op == "sub":
        return _check(a - b)
    if op == "mul":
        return _check(a * b)
    if op in ("div", "frac"):
        if b == 0:
            raise Refused("division by zero")
        return _check(a / b)
    raise Refused(f"unknown operation {op}")  # pragma: no cover


def has_operator(node: Node) -> bool:
    if node.op == "num":
        return False
    if node.op in ("paren", "neg"):
        return has_operator(node.args[0])
    return True


def count_ops(node: Node) -> set[str]:
    ops = set() if node.op in ("num",) else {node.op}
    for a in node.args:
        ops |= count_ops(a)
    return ops


def evaluate(text: str) -> Fraction:
    """Evaluate one expression as a note writes it (``(227 - 11) / 4 + 1``, ``3 x 3 x 256
    x 128``, ``\\frac{10}{4}``, ``2억 5000만``). Output-size formulas floor. Raises
    ``Refused`` on anything it will not read, at once for ``9**9**9**9``."""
    toks = [t for t in scan(text)]
    if any(t.kind not in ("NUM", "OP", "LP", "RP", "LB", "RB", "FRAC", "FL", "FR")
           for t in toks):
        bad = next(t for t in toks if t.kind not in ("NUM", "OP", "LP", "RP", "LB", "RB",
                                                      "FRAC", "FL", "FR"))
        raise Refused(f"unexpected {bad.text!r}")
    return value(Parser(toks).parse(), floor_division=True)


# ----------------------------------------------------------------- comparing, writing

def _dec(v: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 80
        return Decimal(v.numerator) / Decimal(v.denominator)


def quantize(v: Fraction, precision: Fraction, mode: str = "nearest") -> Fraction:
    """``v`` in whole multiples of ``precision``: rounded half up, or cut (``down``)."""
    q = v / precision
    whole = Fraction(math.floor(q)) if mode == "down" else Fraction(math.floor(q + Fraction(1, 2)))
    if v < 0 and mode == "down":
        whole = Fraction(math.ceil(q))
    return whole * precision


def agrees(actual: Fraction, claimed: Number, exact: bool = False) -> bool:
    """Does ``claimed`` state ``actual`` within its own precision? ``60M`` states
    60,965,224 (cut after the digits shown); ``110M`` does not state 138,357,544. With
    ``exact`` an integer claim of an integer value must be equal."""
    c = claimed.value
    if exact and actual.denominator == 1 and claimed.precision == 1:
        return actual == c
    p = claimed.precision
    if quantize(actual, p) == c or quantize(actual, p, "down") == c:
        return True
    if claimed.style == "bytes" and claimed.unit in (10**3, 10**6, 10**9, 10**12):
        # "527.8 MB" for 553,430,176 bytes: MiB written MB (torchsummary, many notes)
        k = {10**3: 1, 10**6: 2, 10**9: 3, 10**12: 4}[claimed.unit]
        f = Fraction(2 ** (10 * k), 10 ** (3 * k))
        alt = claimed._replace(value=c * f, precision=p * f, style="plain")
        return agrees(actual, alt)
    return False


def plain(v: Fraction | int, grouped: bool = True) -> str:
    """An exact value for people: 294,912; 14.5; 0.333333."""
    v = Fraction(v)
    if v.denominator == 1:
        return f"{int(v):,}" if grouped else str(int(v))
    d = _dec(v)
    text = format(d.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP).normalize(), "f")
    if grouped and abs(v) >= 1000:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def write_like(v: Fraction, like: Number) -> str:
    """``v`` written the way ``like`` was: same scale, same number of decimals."""
    if like.style == "korean":
        return korean(quantize(v, like.precision), like.precision)
    scaled = v / like.unit
    q = _dec(scaled).quantize(Decimal(1).scaleb(-like.decimals), rounding=ROUND_HALF_UP)
    text = format(q, "f")
    if like.style == "grouped" or (like.style in ("suffix", "word") and "," in like.text):
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text + like.unit_text


def korean(v: Fraction, precision: Fraction = Fraction(1)) -> str:
    """250,000,000 -> ``2억 5000만``; 40,000 -> ``4만``; 60,000,000 -> ``6000만``."""
    n = int(v)
    if n < 10**4 or v.denominator != 1:
        return plain(v, grouped=False)
    parts = []
    for unit, name in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        if n >= unit:
            parts.append(f"{n // unit}{name}")
            n %= unit
    if n:
        parts.append(str(n))
    return " ".join(parts)


__all__ = ["Number", "Token", "Refused", "scan", "read_number", "Parser", "value",
           "evaluate", "agrees", "quantize", "plain", "write_like", "korean",
           "output_size_form", "has_operator", "count_ops"]
