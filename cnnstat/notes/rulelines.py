"""Where a note states a rule as a formula, and the legend that names its letters.

A line's formula is the longest run of operands (``operands.role``), numbers, operators
and brackets; ``=`` and ``:`` split it into sides, a side of words alone before them is
its label (``Output height =``, ``shape 계산식 :``, ``# ... = summary Param 갯수``). What
the rule gives is read from its left side (an output's role) or its label, else from the
paragraph above (``the equation is given by:`` after a line about the output's
dimensionality); ``rulecheck`` judges it. A legend (``where W is the input volume, F the
filter volume i.e. (height*width*depth), P the number of strides and S the padding``) is
held against the roles the output-size rule stated just above gives its letters by where
they stand (divided by: the stride; twice, added: the padding; taken away: the kernel).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.precedence import Supersede
from cnnstat.notes.operands import phrase_role, role
from cnnstat.notes.rulecheck import (_INTRO, _PARAM_WORDS, _SIZE_CONTEXT, _WEIGHTS_ONLY,
                                     _CONV_WORDS, _Parser, judge_params, judge_size, plain,
                                     tokens)

_SIGN = re.compile(r"[-+/−—–‑*×·]|\\frac|\\times|\\cdot| x ")
_SYM = r"[A-Za-z](?:_?\{?[A-Za-z0-9]{1,4}\}?)?"
_LEGEND = re.compile(r"(?:^|[\s,;(])(?::math:)?[`$]*(?P<sym>" + _SYM + r")(?![A-Za-z0-9])[`$]*\s*"
                     r"(?:is\s+(?:the\s+)?|are\s+|:\s*|=\s*|denotes\s+|means\s+|는\s*|은\s*)"
                     r"(?P<phrase>[^,;=]{3,60}?)(?=\s*(?:,|;|\band\b|$|\.\s|\.$))")
_PARAMS_KEEP = {"k", "ci", "co", "b1"}


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
    """The paragraph above (for a formula without a left side), the legend's letters,
    and the last output-size rule (for a legend after it)."""

    def __init__(self) -> None:
        self.above: list[tuple[int, str]] = []
        self.legend: dict[str, tuple[str, int]] = {}
        self.last_size: tuple[int, dict[str, str]] | None = None

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        out: list[Claim | Skip] = []
        if _SIGN.search(masked):
            out += self._formula(number, masked)
        if " is " in masked or ":" in masked or "=" in masked:
            out += self._legend(number, masked)
        if masked.strip():
            self.above = (self.above + [(number, masked)])[-4:]
        return out

    def code_line(self, number: int, raw: str) -> list[Claim | Skip]:
        """A line of code: its comment read as prose (``# (kernel_size * channels + bias)
        + filters = Param``), and a ``return`` of a function whose name says what it
        gives (``def feature_map_size(...)`` then ``return ceil((input_size - ...)``)."""
        code, _, comment = raw.partition("#")
        out = self.check_line(number, comment) if comment.strip() else []
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
        toks = tokens(plain(masked))
        if len(toks) > 80:
            return []
        out: list[Claim | Skip] = []
        for label, sides in _runs(toks):
            got = self._judge(number, masked, label, sides)
            if got is not None:
                out.append(got)
        return out

    def _judge(self, number, masked, label, sides) -> Claim | Skip | None:
        lhs_role = None
        if len(sides) >= 2 and len(sides[0]) == 1 and sides[0][0][0] == "word":
            got = role(sides[0][0][1])
            lhs_role = got[0] if got else None
            label = label + " " + sides[0][0][1]
            sides = sides[1:]
        rhs = sides[0]
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
        roles = set(assign.values())
        if not ({"n", "k"} <= roles <= {"n", "k", "s", "p"} or
                {"ci", "co"} <= roles <= _PARAMS_KEEP):
            return None  # the roles of no rule this reader judges: not parsed
        try:
            node = _Parser(rhs).parse()
        except (ValueError, IndexError):
            return None
        text = " ".join(masked.split())[:120]
        bare = lhs_role is None and not label.strip()
        if {"n", "k"} <= roles <= {"n", "k", "s", "p"}:
            if lhs_role not in (None, "o") or not any(t[1] in "+-/" for t in rhs):
                return None
            if lhs_role is None and not _SIZE_CONTEXT.search(label):
                ctx = self._context(number)
                if not (bare and _SIZE_CONTEXT.search(ctx) and _INTRO.search(ctx)):
                    return None
            self.last_size = (number, _structure(node))
            return _unless_right(judge_size(number, text, node, assign, guessed), substituted)
        if {"ci", "co"} <= roles <= _PARAMS_KEEP and not guessed and lhs_role is None:
            where = label if label.strip() else self._context(number)
            if not _PARAM_WORDS.search(where + " " + masked):
                return None
            if "k" not in roles and _CONV_WORDS.search(where + " " + masked):
                return None  # a conv's count without its kernel: not a dense layer's
            weights = bool(_WEIGHTS_ONLY.search(where)) and not re.search(
                r"param|파라미터|bias|편향", where, re.I)
            return _unless_right(judge_params(number, text, node, assign, weights),
                                 substituted)
        return None

    def _legend(self, number: int, masked: str) -> list[Claim | Skip]:
        found: dict[str, str] = {}
        for m in _LEGEND.finditer(masked.replace(":math:", "      ").replace("`", " ")):
            r = phrase_role(m.group("phrase"))
            sym = m.group("sym")
            if r is not None and role(sym) is not None:
                found[sym] = r
        if len(found) < 2:
            return []
        for sym, r in found.items():
            self.legend[sym] = (r, number)
        if self.last_size is None or number - self.last_size[0] > 6:
            return []
        structure = self.last_size[1]
        out: list[Claim | Skip] = []
        text = " ".join(masked.split())[:120]
        met = [s for s in found if s in structure]
        if len(met) < 3:
            return []
        for sym in met:
            r, want = found[sym], structure[sym]
            if r != want:
                out.append(Claim(number, text, "formula", f"{sym}: {_NAMES[r]}", _NAMES[want],
                                 "wrong", f"in the rule on line {self.last_size[0]}, {sym} "
                                          f"stands where {_NAMES[want]} stands "
                                          "(floor((n + 2p - k)/s) + 1)", confidence=0.9))
        if not out:
            out.append(Claim(number, text, "formula", ", ".join(met), "the rule's letters",
                             "right", f"each letter named as the rule on line "
                                      f"{self.last_size[0]} uses it"))
        return out


def _unless_right(got, substituted: bool):
    """A rule with its substitution after it: only a wrong rule is this reader's to say."""
    return None if substituted and isinstance(got, Claim) and got.verdict == "right" else got


_NAMES = {"n": "the input's side", "k": "the kernel's side", "s": "the stride",
          "p": "the padding", "o": "the output's side", "kv": "the filter's volume",
          "ci": "the input channels", "co": "the filters", "d": "the dilation",
          "b1": "a bias"}


def _runs(toks: list[tuple[str, str]]):
    """(label, sides) for each run of a formula: tokens of operands, numbers, operators
    and brackets; ``=`` and ``:`` split sides; an unknown word ends a run (it may be the
    next run's label)."""
    label, sides, cur = "", [], []
    out = []

    def close():
        nonlocal label, sides, cur
        if cur:
            sides.append(cur)
        if len(sides) >= 1 and any(len(s) > 1 for s in sides):
            out.append((label, [s for s in sides if s]))
        sides, cur = [], []

    for kind, text in toks:
        if kind == "word" and role(text) is None:
            close()
            label = text
            continue
        if kind == "other" or (kind == "op" and text == "≈"):
            close()
            label = ""
            continue
        if kind == "op" and text in "=:":
            if cur and (len(cur) > 1 or sides):
                sides.append(cur)
            elif cur:
                sides.append(cur)
            cur = []
            continue
        cur.append((kind, text))
    close()
    return out


# the readers of this module (``registry.READERS`` takes them in this place): a cost
# formula and its legend (``roleformula``), then an output-size or parameter rule, in
# prose and in code's comments and returns
READERS = [
    # "total_ops is K x K x Cin x Wout x Hout x Cout", "(K = 필터크기, M = ...)" then "K^2MN..."
    Reader("cost formulas", "prose",
           lambda at: at.state.roles.check_line(at.line.number, at.line.masked)),
    # "W2=(W1-F+2P)/(S+1)", "(kernel_size * channels + bias) + filters", a legend after
    Reader("stated rules", "prose",
           lambda at: at.state.rules.check_line(at.line.number, at.line.masked),
           supersedes=(Supersede("rules in words", kind="formula"),
                       Supersede("cost formulas", kind="formula"))),
    Reader("stated rules in code", "code",
           lambda at: at.state.rules.code_line(at.line.number, at.line.raw),
           needs=("#", "return", "def"),
           supersedes=(Supersede("rules in code", kind="formula"),)),
]
