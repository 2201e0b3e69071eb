"""Formulas in role words and symbols, read into a function of a conv's roles.

``K x K x Cin x Wout x Hout x Cout``, ``kernelsize^2 \\times InputChannels``,
``{input_w \\over stride}``, ``K^{2}MNI_{w}I_{h}`` (letters a legend gave roles): LaTeX and
typography into one plain form (``_plain``), tokens, then a small recursive-descent parser
(``Expr``) whose leaves are roles (kernel ``k``, channels ``ci``/``co``, input sides
``h``/``w``, output sides ``ho``/``wo``, stride ``s``, padding ``p``), numbers, and names a
note defined on an earlier line. Evaluated exactly with Fractions, never ``eval``.
"""

from __future__ import annotations

import re
from fractions import Fraction

LATEX_TEXT = re.compile(r"\\(?:text|mathrm|operatorname|textrm|mbox)\s*\{([^{}]{1,40})\}")
_FRAC = re.compile(r"\\frac\s*\{([^{}]{1,60})\}\s*\{([^{}]{1,60})\}")
# "{a \over b}", and either side in braces of its own: "{{n+2p-f} \over s}"
_OVER = re.compile(r"\{\s*(\{[^{}]{1,60}\}|[^{}]{1,60})\s*\\over\s*(\{[^{}]{1,60}\}|[^{}]{1,60})\}")
_SUB = re.compile(r"_\{([A-Za-z0-9]{1,6})\}")
_SUP = re.compile(r"\^\{([^{}]{1,12})\}")
_TOKEN = re.compile(r"\s*(?:(?P<num>[0-9]+(?:\.[0-9]+)?)|(?P<name>⟦[^⟧]{1,40}⟧)|"
                    r"(?P<id>[A-Za-z][A-Za-z0-9_.']*)|(?P<op>[-+*/^()=≈]))")
# role words of an identifier, lower-cased with _ . ' { } removed; True: named by a word
ROLES = {
    "k": ("k", False), "kernelsize": ("k", True), "kernel": ("k", True), "ksize": ("k", True),
    "filtersize": ("k", True), "dk": ("k", False),
    "cin": ("ci", True), "inputchannels": ("ci", True), "inchannels": ("ci", True),
    "inputchannel": ("ci", True), "cout": ("co", True), "outputchannels": ("co", True),
    "outchannels": ("co", True), "outputchannel": ("co", True), "numfilters": ("co", True),
    "nfilters": ("co", True), "filters": ("co", True),
    "inputh": ("h", True), "hin": ("h", True), "inputheight": ("h", True),
    "inputw": ("w", True), "win": ("w", True), "inputwidth": ("w", True),
    "hout": ("ho", True), "outputh": ("ho", True), "outputheight": ("ho", True),
    "wout": ("wo", True), "outputw": ("wo", True), "outputwidth": ("wo", True),
    "oh": ("ho", True), "ow": ("wo", True),  # O_H, O_W: the output's sides
    "output": ("ho", True), "outputsize": ("ho", True), "inputsize": ("h", True),
    "stride": ("s", True), "padding": ("p", True),
    "h": ("ho", False), "w": ("wo", False),  # H x W: the map's sides, a guess
}


def norm(ident: str) -> str:
    return re.sub(r"[_.'{}]", "", ident).lower()


def plain_form(text: str) -> str:
    """LaTeX and typography into one plain form: names in ⟦⟧, products as *."""
    s = text.replace("$", " ").replace("¦", " ").replace("\\left", "").replace("\\right", "")
    s = LATEX_TEXT.sub(lambda m: "⟦" + m.group(1).strip() + "⟧" if re.search(r"[\s/]", m.group(1))
                        else m.group(1), s)
    for _ in range(3):  # a subscript's braces first: \frac{H_{in} - K}{S} is a division
        s = _SUP.sub(r"^(\1)", _SUB.sub(r"_\1", s))
        s = _FRAC.sub(r"((\1)/(\2))", s)
        s = _OVER.sub(r"((\1)/(\2))", s)
    s = s.replace("\\times", "*").replace("\\cdot", "*").replace("×", "*").replace("·", "*")
    s = s.replace("²", "^2").replace("{", "(").replace("}", ")")
    return re.sub(r"(?<=[\w)⟧])\s+[xX]\s+(?=[\w(⟦])", " * ", s)


def read_tokens(s: str) -> list[tuple[str, str]] | None:
    out, i = [], 0
    while i < len(s):
        m = _TOKEN.match(s, i)
        if m is None or m.end() == i:
            if s[i:].strip() == "":
                break
            return None
        out.append((m.lastgroup, m.group(m.lastgroup)))
        i = m.end()
    return out


class Descent:
    """``sum``, ``product``, ``power`` over (kind, text) tokens, each subclass's ``_atom``
    at the leaves: a leaf of a kind in ``JOINS`` or an opening bracket after a factor
    multiplies it (``K^2MN``, ``2P``); ``_factor`` may read a sign first."""

    JOINS: tuple[str, ...] = ("num", "id", "name")
    OPEN: tuple[str, ...] = ("(",)
    toks: list[tuple[str, str]]
    pos: int

    def _peek(self) -> tuple[str, str] | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def _sum(self):
        node = self._product()
        while self._peek() in (("op", "+"), ("op", "-")):
            op = self.toks[self.pos][1]
            self.pos += 1
            node = (op, node, self._product())
        return node

    def _product(self):
        node = self._factor()
        while True:
            t = self._peek()
            if t in (("op", "*"), ("op", "/")):
                self.pos += 1
                node = (t[1], node, self._factor())
            elif t is not None and (t[0] in self.JOINS or (t[0] == "op" and t[1] in self.OPEN)):
                node = ("*", node, self._factor())  # juxtaposition: K^2MN
            else:
                return node

    def _factor(self):
        return self._power()

    def _power(self):
        base = self._atom()
        if self._peek() == ("op", "^"):
            self.pos += 1
            exp = self._atom()
            if exp[0] != "n" or exp[1].denominator != 1 or not 0 <= exp[1] <= 4:
                raise ValueError("an exponent")
            return ("^", base, exp)
        return base

    def _atom(self):
        raise NotImplementedError


class Expr(Descent):
    """A formula as a function of the roles: evaluated with Fractions, never ``eval``."""

    def __init__(self, toks: list[tuple[str, str]], symbols: dict[str, tuple[str, bool]],
                 names: dict[str, "Expr"]) -> None:
        self.toks, self.pos = toks, 0
        self.symbols, self.names = symbols, names
        self.roles: set[str] = set()
        self.guessed = False
        self.tree = self._sum()
        if self.pos != len(toks) or not self.roles:
            raise ValueError("not a formula of roles")

    def _atom(self):
        t = self._peek()
        if t is None:
            raise ValueError("end")
        self.pos += 1
        kind, text = t
        if kind == "num":
            return ("n", Fraction(text))
        if t == ("op", "("):
            node = self._sum()
            if self._peek() != ("op", ")"):
                raise ValueError("bracket")
            self.pos += 1
            return node
        if kind == "name" or (kind == "id" and text in self.names):
            key = text.strip("⟦⟧")
            if key not in self.names:
                raise ValueError("an unknown name")
            sub = self.names[key]
            self.roles |= sub.roles
            self.guessed |= sub.guessed
            return ("e", sub.tree)
        if kind == "id":
            parts = split_roles(norm(text), self.symbols)
            if parts is None:
                raise ValueError("an unknown identifier")
            node = None
            for role, named in parts:
                self.roles.add(role)
                self.guessed |= not named
                node = ("r", role) if node is None else ("*", node, ("r", role))
            return node
        raise ValueError("an operator")

    def value(self, env: dict[str, Fraction], node=None) -> Fraction:
        node = self.tree if node is None else node
        op = node[0]
        if op == "n":
            return node[1]
        if op == "r":
            return env[node[1]]
        if op == "e":
            return self.value(env, node[1])
        a, b = self.value(env, node[1]), self.value(env, node[2])
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return a / b if b else Fraction(0)
        return a ** int(b)


def split_roles(ident: str, symbols: dict[str, tuple[str, bool]]
                ) -> list[tuple[str, bool]] | None:
    """An identifier as roles: a whole word (``kernelsize``) or a run of a legend's
    symbols (``mniwih``: M, N, Iw, Ih)."""
    if ident in symbols:
        return [symbols[ident]]
    if ident in ROLES:
        return [ROLES[ident]]
    for cut in range(min(len(ident) - 1, 3), 0, -1):
        head = ident[:cut]
        if head in symbols or (head in ROLES and len(head) == 1):
            rest = split_roles(ident[cut:], symbols)
            if rest is not None:
                return [symbols.get(head) or ROLES[head]] + rest
    return None


__all__ = ["Descent", "Expr", "LATEX_TEXT", "norm", "plain_form", "read_tokens", "split_roles"]
