"""Symbols the note gave values on the lines above, then an expression in them set equal
to a number::

    Note: n=15, p=2, nC=8
    nH=nW=n+2p=19                          n + 2p with n = 15, p = 2: 19, right
    Shape of input: nH*nW*nC= 19*19*8      each factor its symbol's value: right
    I have input (n=224), strides (s=4), filter size (k=11) and no padding ...
    conv output = (n-k+2p)/s + 1 = 54.25   (224 - 11 + 0)/4 + 1 = 54.25: right

A value is given by a chain of ``=`` whose last side is a number (``n=15``, ``nH=nW=...=19``:
each lone symbol of the chain takes it; ``no padding`` gives ``p`` 0; a list in brackets,
``z = [2.0, 1.0]``, gives none), and is kept
``KEEP`` lines. An expression side whose symbols all have values is judged against the
number right after it (an output-size formula floored or not: the note may write the
fraction, ``54.25``); a product of symbols against a product of as many numbers, factor
by factor in any order. A side followed by numbers put in (``= (63-7)/2+1``) is the
substitution's (``formula``, ``arith``), and single capitals set equal to a number
``symbolic``'s (``K^2 C^2 = 576``): not judged here. A mismatch is wrong only where
every symbol was given on one of the ``CLOSE`` lines above (an older value may have been
meant for another problem); else nothing is said. One grammar (``grammar.Parser``) reads
every side, symbols as atoms.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import lru_cache

from cnnstat.notes.claims import Claim
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.reading.grammar import Node, Parser, value
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numerals import Number, Refused

KEEP = 8  # lines a value is remembered
CLOSE = 3  # lines above within which every symbol's value must be for a "wrong"
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,3}")
_WORDS = frozenset(("a", "an", "the", "is", "of", "to", "in", "on", "by", "at", "or", "and",
                    "for", "as", "be", "we", "i", "it", "if", "so", "no", "not", "but", "then",
                    "thus", "with", "from", "that", "this", "each", "its", "has", "was", "are",
                    "get", "gets", "got", "use", "when", "here", "now", "also", "out", "all",
                    "one", "two", "our", "my", "you", "can", "size", "map", "x", "e", "px",
                    "conv", "pool", "mb", "kb", "gb", "ms", "let", "with", "set", "take", "give"))
_EXPR = frozenset(("NUM", "OP", "LP", "RP", "EQ"))
_INDEX = re.compile(r"(?<=[A-Za-z])\s*(?:\^\s*\{?\s*)?\[\s*([0-9l]{1,2})\s*\]")
_NO_PAD = re.compile(r"\b(?:no|without|zero)\s+padding\b|\bvalid\s+padding\b|"
                     r"\bpadding\s*(?:=|of|is)\s*0\b", re.I)


def _ident(t: Token) -> bool:
    return t.kind == "WORD" and _symbol(t.text)


@lru_cache(maxsize=4096)  # a note's words recur from line to line
def _symbol(text: str) -> bool:
    return _IDENT.fullmatch(text) is not None and text.lower() not in _WORDS


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Maximal runs of expression tokens and symbols with at least one ``=``, an
    unmatched bracket at either end dropped."""
    out, run, eq = [], [], False
    for t in (tokens or []) + [Token("OTHER", "", 0, 0, True, None)]:
        if t.kind in _EXPR or _ident(t) or (t.kind == "WORD" and t.text in ("x", "X")):
            run.append(t)
            eq = eq or t.kind == "EQ"
            continue
        if not eq:  # no part of a run without '=' holds one
            run = []
            continue
        eq = False
        depth, lo, hi = _depth(run), 0, len(run)
        while lo < hi and run[lo].kind == "LP" and depth > 0:
            lo, depth = lo + 1, depth - 1
        while lo < hi and run[hi - 1].kind == "RP" and depth < 0:
            hi, depth = hi - 1, depth + 1
        run = run[lo:hi]
        out.extend(r for r in _settings(run) if any(x.kind == "EQ" for x in r))
        run = []
    return out


def _settings(run: list[Token]) -> list[list[Token]]:
    """A run of settings side by side, ``s=2 p=3``, parted into its assignments: a symbol
    set to a number, then a symbol after a space set to the next (never ``n+2p=19``)."""
    parts, lo = [], 0
    for i in range(2, len(run) - 2):
        if run[i].kind == "NUM" and run[i - 1].kind == "EQ" and _ident(run[i - 2]) and \
                (i < 3 or run[i - 3].kind != "OP") and _ident(run[i + 1]) and \
                run[i + 1].gap and run[i + 2].kind == "EQ":
            parts.append(run[lo:i + 1])
            lo = i + 1
    return parts + [run[lo:]]


def _depth(run: list[Token]) -> int:
    return sum(1 for t in run if t.kind == "LP") - sum(1 for t in run if t.kind == "RP")


def _sides(run: list[Token]) -> list[list[Token]]:
    sides, cur = [], []
    for t in run:
        if t.kind == "EQ":
            sides.append(cur)
            cur = []
        else:
            cur.append(t)
    return sides + [cur]


def _tree(side: list[Token]) -> Node | None:
    try:
        return Parser(side, variable=_ident).parse()
    except Refused:
        return None


def _symbols(node: Node) -> set[str]:
    out = {node.name} if node.op == "var" else set()
    for a in node.args:
        if isinstance(a, Node):
            out |= _symbols(a)
    return out


def _put(node: Node, values: dict[str, Fraction]) -> Node:
    if node.op == "var":
        v = values[node.name]
        return Node("num", (), Number(v, Fraction(1), str(v), "plain", 1, "", 0))
    if not node.args:
        return node
    return node._replace(args=tuple(_put(a, values) if isinstance(a, Node) else a
                                    for a in node.args))


def _factors(node: Node) -> list[Node]:
    if node.op == "mul":
        return _factors(node.args[0]) + _factors(node.args[1])
    return [node]


class Values:
    """The values the note gave its symbols: name -> (value, line)."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[Fraction, int]] = {}

    def heading(self) -> list:
        self.known = {}
        return []

    def read(self, number: int, masked: str, tokens: list[Token] | None,
             raw: str = "") -> list[Claim]:
        self.known = {k: v for k, v in self.known.items() if number - v[1] <= KEEP}
        if tokens is None:  # a line the tokenizer refused (too long, too many numbers)
            return []
        # a layer's index in brackets after a letter ("f[2] = 3", "s^{[2]}=2") is the
        # symbol's, not a factor: its figure (masked to "f 2") is left out
        index = [m.span(1) for m in _INDEX.finditer(raw)]
        if index:
            tokens = [t for t in tokens if not any(a <= t.start < b for a, b in index)]
        out: list[Claim] = []
        for run in _runs(tokens):
            if not any(map(_ident, run)):
                continue  # no symbol: nothing to judge (no side in symbols), none set
            sides = _sides(run)
            trees = [_tree(s) if s else None for s in sides]
            for k in range(len(sides) - 1):
                claim = self._judge(number, masked, sides[k], trees[k], sides[k + 1],
                                    trees[k + 1])
                if claim is not None:
                    out.append(claim)
            for k, tree in enumerate(trees):
                if tree is not None and tree.op == "var" and not _listed(tree.name, raw):
                    got = self._value_after(trees[k + 1:])
                    if got is not None:
                        self.known[tree.name] = (got, number)
        if _NO_PAD.search(masked):
            for p in ("p", "P"):
                self.known.setdefault(p, (Fraction(0), number))
        return out

    def _value_after(self, trees: list[Node | None]) -> Fraction | None:
        """The number a name is set to: the first side after it that is a number, every
        side between a name or read in symbols with values (``nH=nW=n+2p=19``); None where
        a side between is not read (``s=1 give (n+2p-f)/s+1 = 20``: no value of s)."""
        for tree in trees:
            if tree is None:
                return None
            if tree.op == "num":
                return tree.num.value
            if tree.op != "var" and any(n not in self.known for n in _symbols(tree)):
                return None
        return None

    def _judge(self, number: int, masked: str, side: list[Token], tree: Node | None,
               nxt: list[Token], result: Node | None) -> Claim | None:
        if tree is None or result is None or tree.op in ("var", "num"):
            return None
        names = _symbols(tree)
        if not names or any(n not in self.known for n in names) or _symbols(result):
            return None
        if result.op == "num" and all(len(n) == 1 and n.isupper() for n in names):
            return None  # capitals set equal to a number: symbolic's (K^2 C^2 = 576)
        values = {n: self.known[n][0] for n in names}
        close = all(number - self.known[n][1] <= CLOSE for n in names)
        text = masked[side[0].start:nxt[-1].end]
        try:
            put = _put(tree, values)
            if result.op == "num":
                stated = result.num.value
                floored = value(put, floor_division=True)  # a size as convolution gives it
                got = {value(put), floored}
                ok = stated in got or any(abs(g - stated) <= result.num.precision / 2
                                          for g in got if result.num.decimals)
                if not ok and stated == math.ceil(value(put)) != floored:
                    return None  # rounded up, as a pooling in ceil mode (Caffe) gives it
                actual = stated if ok else floored
            else:
                wanted, given = _factors(tree), _factors(result)
                if len(wanted) < 2 or len(wanted) != len(given) or \
                        any(f.op != "var" for f in wanted) or any(g.op != "num" for g in given):
                    return None
                want = sorted(values[f.name] for f in wanted)
                have = sorted(g.num.value for g in given)
                ok, stated, actual = want == have, math.prod(have), math.prod(want)
        except Refused:
            return None
        if not ok and not close:
            return None
        given = ", ".join(f"{n} = {_show(values[n])}" for n in sorted(names))
        return Claim(number, text, "arithmetic", _show(stated), _show(actual),
                     "right" if ok else "wrong", f"with the values given above ({given})")


def _listed(name: str, raw: str) -> bool:
    """Whether the raw line gives ``name`` a list in brackets (``z = [2.0, 1.0, 0.1]``: a
    vector, its first entry no value of the name; masking drops the brackets)."""
    return "[" in raw and re.search(r"(?<![\w.])" + re.escape(name) + r"\s*=\s*\[", raw) is not None


def _show(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else str(float(v))


READERS = [
    Reader("values of symbols: heading", "heading", lambda at: at.state.sym_values.heading()),
    # "Note: n=15, p=2, nC=8", then "nH=nW=n+2p=19" and "nH*nW*nC= 19*19*8"
    Reader("values of symbols", "prose", lambda at: at.state.sym_values.read(
        at.line.number, at.line.masked, at.tokens, at.line.raw), needs=("=", "padding")),
]
