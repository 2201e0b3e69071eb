"""A count in letters said in parts, and letters put in: checked against themselves.

    각 weight의 갯수는 N x M 이고 bias 의 갯수는 N 개 이다. 정리하면 (N + 1) x M 이 된다.
    There are k*k*c*n weights and n biases, so (k*k*c + 1)*n parameters.

The weights' count, the biases' count and the total the line gives after them must add up
as polynomials in their letters: checked by putting in several values (``ruletree.value``,
exact Fractions). ``N·M + N`` against ``(N + 1)·M = N·M + M`` is wrong whatever the letters
stand for: one of the three is (here the biases, one an output). Read only where the
weights' and the biases' letters are the total's, so a word such as "a bias" is no part.

    * FW = 3   * N = 64      (the note gives its letters values, a line each)
    * weight 학습 파라미터 수 = FW x FH x C x N   (3 x 3 x 32 x 64)
    * bias 학습 파라미터 수 = N (32)

A formula in letters followed by a bracket of numbers written the same way (the same
operators in the same order) puts the numbers in for the letters: where a letter was given a
value on a line of its own within ``SPAN`` lines above, the number put in must be it.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.rules.ruletree import _Parser, plain, value

# a letter of a formula: one letter, or a capital and another (FW, KH), with a subscript
_SYM = r"(?<![A-Za-z가-힣0-9_])(?:[A-Z][A-Z]?|[a-z])(?:_\{?[A-Za-z0-9]{1,4}\}?)?(?![A-Za-z0-9_])"
_PIECE = re.compile(rf"(?P<sym>{_SYM})|(?P<num>\d+(?:\.\d+)?)|(?P<op>[-+*/^()])|(?P<sp>\s+)|"
                    r"(?P<other>.)", re.S)
_VALUE = re.compile(rf"^[\s*+\-•]*`?\$?(?P<sym>{_SYM})\$?`?\s*[=:]\s*(?P<num>\d+)\s*$")
_WEIGHTS = re.compile(r"weights?|가중치", re.I)
_BIASES = re.compile(r"bias(?:es)?|편향", re.I)
_NEAR = 24  # characters between a count's word and its formula


def _runs(text: str) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """(start, end, tokens) of each run of letters, numbers, operators and brackets."""
    out, cur, start, end = [], [], 0, 0
    for m in _PIECE.finditer(text):
        kind = m.lastgroup
        if kind == "sp":
            continue
        if kind == "other":
            if cur:
                out.append((start, end, cur))
            cur = []
            continue
        if cur and m.group(0) == "(" and (cur[-1][0] != "op" or cur[-1][1] == ")"):
            out.append((start, end, cur))  # "FW x FH (3 x 3)": a bracket after an operand
            cur = []
        if not cur:
            start = m.start()
        cur.append(("word" if kind == "sym" else kind, m.group(kind)))
        end = m.end()
    if cur:
        out.append((start, end, cur))
    return [(s, e, _trim(t)) for s, e, t in out if _trim(t)]


def _trim(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A run without the brackets it does not close or open (a clause's own)."""
    while toks and toks[-1] == ("op", "(") or toks and toks[0] == ("op", ")"):
        toks = toks[:-1] if toks[-1] == ("op", "(") else toks[1:]
    depth = 0
    for _, t in toks:
        depth += (t == "(") - (t == ")")
    while depth > 0 and toks and toks[0] == ("op", "("):
        toks, depth = toks[1:], depth - 1
    while depth < 0 and toks and toks[-1] == ("op", ")"):
        toks, depth = toks[:-1], depth + 1
    return toks if depth == 0 else []


def _letters(toks) -> set[str]:
    return {t for k, t in toks if k == "word"}


def _owner(text: str, start: int, end: int) -> str | None:
    """The count a run is said of: the word just after it (``n biases``) or before it
    (``bias 의 갯수는 N``)."""
    rest = text[end:end + 12]
    for name, rx in (("w", _WEIGHTS), ("b", _BIASES)):
        if rx.match(rest.lstrip()) and len(rest) - len(rest.lstrip()) <= 2:
            return name
    before = text[max(0, start - _NEAR):start]
    found = [(m.end(), name) for name, rx in (("w", _WEIGHTS), ("b", _BIASES))
             for m in rx.finditer(before)]
    if not found or re.search(r"[,.;:]|\bso\b", before[max(found)[0]:]):
        return None  # "n biases, so (k*k*c + 1)*n": a clause of its own
    return max(found)[1]


_SAMPLES = ((3, 5, 7, 11, 2, 13), (4, 9, 2, 6, 5, 3), (7, 2, 10, 3, 8, 4))


def _same(a, b, letters: list[str]) -> bool | None:
    try:
        for vals in _SAMPLES:
            env = {x: Fraction(v) for x, v in zip(letters, vals * 2)}
            if value(a, env) != value(b, env):
                return False
    except (ZeroDivisionError, KeyError, TypeError):
        return None
    return True


def _tree(toks):
    try:
        return _Parser(toks).parse()
    except (ValueError, IndexError):
        return None


class Letters:
    """Values the note gave its letters, a line each, for the substitutions below."""

    SPAN = 12

    def __init__(self) -> None:
        self.values: dict[str, tuple[int, Fraction]] = {}

    def check_line(self, number: int, masked: str) -> list[Claim]:
        m = _VALUE.match(masked)
        if m:
            self.values[m.group("sym")] = (number, Fraction(m.group("num")))
            return []
        parts = _WEIGHTS.search(masked) and _BIASES.search(masked)
        recent = any(number - n <= self.SPAN for n, _ in self.values.values())
        if not (parts or recent and "(" in masked):
            return []  # most lines: no count in parts, no letter given a value above
        text = plain(masked)
        runs = _runs(text)
        if len(runs) < 2:
            return []
        return (self._parts(number, text, runs) if parts else []) + \
            (self._put_in(number, runs) if recent else [])

    def _parts(self, number: int, text: str, runs) -> list[Claim]:
        owned = [(_owner(text, s, e), s, e, t) for s, e, t in runs if _letters(t)]
        w = [x for x in owned if x[0] == "w"]
        b = [x for x in owned if x[0] == "b"]
        if len(w) != 1 or len(b) != 1:
            return []
        after = max(w[0][2], b[0][2])
        total = [x for x in owned if x[0] is None and x[1] >= after and
                 any(k == "op" for k, _ in x[3])]
        if not total:
            return []
        wt, bt, tt = w[0][3], b[0][3], total[-1][3]
        letters = sorted(_letters(tt))
        if not _letters(wt) | _letters(bt) <= set(letters) or \
                not set(letters) <= _letters(wt) | _letters(bt) or len(letters) > 6:
            return []
        nodes = [_tree(x) for x in (wt, bt, tt)]
        if None in nodes:
            return []
        got = _same(("+", nodes[0], nodes[1]), nodes[2], letters)
        if got is None:
            return []
        shown = " ".join(t for _, t in tt)
        parts = f"{' '.join(t for _, t in wt)} weights + {' '.join(t for _, t in bt)} biases"
        return [Claim(number, shown, "formula", parts, shown, "right" if got else "wrong",
                      f"the weights and the biases add to the total: {parts} = {shown}" if got
                      else f"{parts} is not {shown}, whatever the letters stand for (one "
                           "bias an output: the total's count of biases)",
                      confidence=0.9)]

    def _put_in(self, number: int, runs) -> list[Claim]:
        out = []
        for (s1, e1, a), (s2, e2, b) in zip(runs, runs[1:]):
            if not _letters(a) or _letters(b) or b[0] != ("op", "(") or len(a) + 2 != len(b):
                continue
            inner = b[1:-1]
            if [t for t in a if t[0] == "op"] != [t for t in inner if t[0] == "op"]:
                continue
            put = {x: Fraction(n) for (k, x), (k2, n) in zip(a, inner)
                   if k == "word" and k2 == "num"}
            if len(put) != len(_letters(a)):
                continue
            given = {x: self.values[x] for x in put
                     if x in self.values and number - self.values[x][0] <= self.SPAN}
            if not given:
                continue
            bad = [x for x in given if given[x][1] != put[x]]
            shown = " ".join(t for _, t in a) + " (" + " ".join(t for _, t in inner) + ")"
            out.append(Claim(
                number, shown, "formula", shown, ", ".join(
                    f"{x} = {given[x][1]}" for x in given), "wrong" if bad else "right",
                "; ".join(f"{x} is {given[x][1]} (line {given[x][0]}), not {put[x]}"
                          for x in bad) if bad else "each letter put in as the note gave it",
                confidence=0.9))
        return out


__all__ = ["Letters"]
