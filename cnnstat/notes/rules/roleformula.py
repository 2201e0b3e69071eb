"""A cost formula stated in symbols or role words, checked by substitution.

    total_ops is calculated by K x K x Cin x Wout x Hout x Cout.
    (K = 필터크기, N = 출력채널크기, Iw, Ih = 입력크기, M = 입력채널크기)  then  $$ K^{2}MNI_{w}I_{h} $$
    N conv OPS = input_h × input_w / stride = output^2          (wrong: (input/stride)^2)
    FLOPs = 2 × (MAC/filter + N conv OPS) + ADD                 (names defined above)

Each identifier is a role of a conv: kernel side (``K``, ``kernel_size``), input and output
channels (``C_in``, ``InputChannels``, ``M`` where a legend says so), input and output
sides (``input_h``, ``H_out``, ``I_w``), stride, padding; a legend line (``K = 필터크기,
M = 입력채널크기``, ``where K is the kernel size``) gives letters their roles; a name
defined on an earlier line (``ADD = OutputChannels``) stands for its formula. A formula
is evaluated at several layers (padding ``same``, stride 1 unless it names a stride) and
compared with the layer algebra (``cnnstat.layers``): a cost (``FLOPs``, ``MACs``, ``ops``,
``연산량``) with the MACs of a standard, depthwise or pointwise conv in every reading its
unit allows (FLOPs: 2 per MAC, with or without the biases' adds); two sides of a chain
with each other. Right when a reading agrees at every layer; wrong only where every
identifier was named by a word or a legend (not a guessed letter) and no reading comes
within 10%; unsure otherwise.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import lru_cache

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.rules.roleexpr import (ROLES, LATEX_TEXT, Expr, norm, plain_form,
                                          read_tokens, split_roles)
from cnnstat.notes.signs import has_any

# a legend's phrase for a role: "K = 필터크기", "M is the number of input channels"

_PHRASES = [("ci", re.compile(r"입력\s*채널|input\s*channels?|in[_ ]channels", re.I)),
            ("co", re.compile(r"출력\s*채널|output\s*channels?|out[_ ]channels|(?:number\s+of\s+)?"
                              r"filters|필터\s*(?:의\s*)?(?:수|개수)", re.I)),
            ("k", re.compile(r"(?:필터|커널)\s*(?:의\s*)?크기|(?:kernel|filter)\s*(?:size|width)", re.I)),
            ("h", re.compile(r"입력\s*(?:의\s*)?크기|input\s*(?:size|width|height)", re.I)),
            ("ho", re.compile(r"출력\s*(?:의\s*)?크기|output\s*(?:size|width|height)", re.I)),
            ("s", re.compile(r"stride|스트라이드", re.I))]
_SYM = r"[A-Za-z](?:_\{?[A-Za-z0-9]{1,3}\}?|[A-Za-z0-9]{0,2})"
_LEGEND = re.compile(r"(?<![A-Za-z_])(?P<syms>" + _SYM + r"(?:\s*,\s*" + _SYM + r")*)\s*"
                     r"(?:=|:|is\s+the|is|are|는|은)(?=\s*(?P<phrase>[^,;()=]{2,40}))")
_NOT_SYMBOLS = {"are", "the", "and", "for", "is", "of", "in", "to", "on", "as", "a", "an"}
_QUANTITY = re.compile(r"^(?:flops?|flops|macs?|maccs?|total_?ops|ops|operations|연산량|계산량|"
                       r"cost|multiply-adds|mult-adds)$", re.I)
_INTRO = re.compile(r"(?:연산량|계산량|비용|cost|operations|FLOPs|MACs)[^.]{0,20}(?:아래|다음|follows|below)"
                    r"|(?:아래|다음)과\s*같", re.I)
_STATED_BY = re.compile(r"(?<![A-Za-z])(?P<q>total_?ops|FLOPs?|MACs?|ops|연산량|계산량)\s*(?:is|are|=|:|는|은)?\s*"
                        r"(?:calculated|computed|given|written)?\s*(?:by|as)?\s*(?P<e>[^.;]{3,80})",
                        re.I)
# what a legend's phrase, a stated cost, an announced formula need (``signs.has_any``)
_PHRASE_WORDS = ("채널", "channel", "filter", "필터", "커널", "kernel", "크기", "size", "width",
                 "height", "stride", "스트라이드")
_STATED_WORDS = ("ops", "flop", "mac", "연산량", "계산량")
_INTRO_WORDS = ("아래", "다음", "follow", "below")
_IDENT = re.compile(r"\\text\s*\{|[A-Za-z][A-Za-z0-9_.'{}]*")
_PROSE_AFTER = re.compile(r"\s+(?:for|with|where|when|on|in|at|of|per|if|and|which|that|so)\b"
                          r"|\s*\$?\s*(?=[가-힣])",  # "FLOPs는 $K \times ...$ 이 된다"
                          re.I)
# a note's rule that one FLOP count is twice the MACs: "FLOPs = 2 \times MAC + ADD", "MACs * 2 =
# FLOPs" (the FLOPs reader judges the rule itself)
_DOUBLED = re.compile(r"FLOPs?\W{0,8}=\s*2\s*(?:\\times|\\cdot|[×x*·])\s*(?:\\text\s*\{\s*)?MACs?"
                      r"|MACs?\s*(?:\\times|[×x*·])\s*2\s*=\s*FLOPs?", re.I)
_GLOSS = re.compile(r"\(\s*(?:for|of|per|with|without|incl\w*|excl\w*)\b[^()]*\)\s*$", re.I)
SAMPLES = ((32, 3, 16, 24), (48, 5, 8, 40), (64, 1, 12, 20), (32, 7, 6, 10))  # n, k, ci, co
STRIDES = (1, 2, 4)


@lru_cache(maxsize=512)
def _macs(kind: str, pad, n: int, k: int, s: int, ci: int, co: int,
          per_position: bool = False) -> tuple[int, int]:
    """(MACs, output positions x output channels) of a conv at padding ``pad``."""
    from cnnstat.layers import KINDS

    out, kk, groups = {"standard": (co, k, 1), "depthwise": (ci, k, ci),
                       "pointwise": (co, 1, 1)}[kind]
    # "same": (k - 1)/2 on each side (the samples' kernels are odd), ceil(n/s) outputs
    eff = KINDS["conv"].make({"out": out, "kernel": kk, "groups": groups, "stride": s,
                              "padding": (kk - 1) // 2 if pad == "same" else pad,
                              "bias": False}).apply((ci, n, n))
    c, ho, wo = eff.output
    if per_position:  # one output position, every output channel
        return eff.macs // (ho * wo), c
    return eff.macs, c * ho * wo


def _envs(roles: set[str], pad):
    """Sizes to try, each with the output side a conv of padding ``pad`` gives."""
    strides = STRIDES if "s" in roles else (1,)
    for n, k, ci, co in SAMPLES:
        for s in strides:
            o = -(-n // s) if pad == "same" else (n - k) // s + 1
            env = {"k": k, "ci": ci, "co": co, "h": n, "w": n, "ho": o, "wo": o, "s": s}
            yield (n, k, s, ci, co), {r: Fraction(v) for r, v in env.items()}


def _readings(unit: str, macs: int, outs: int) -> dict[str, int]:
    flops = {"2 x MACs": 2 * macs, "2 x MACs + bias adds": 2 * macs + outs,
             "2 x MACs - one add an output": 2 * macs - outs}
    if unit == "macs":
        return {"MACs": macs}
    if unit == "flops":
        return flops
    return {"MACs": macs, "MACs + bias adds": macs + outs, **flops}


def _unit(q: str) -> str:
    q = q.lower()
    return "flops" if "flop" in q else "macs" if "mac" in q else "ops"


def judge_cost(number: int, text: str, unit: str, expr: Expr, doubled: int = 0
               ) -> Claim | Skip:
    """A cost formula against the MACs of a standard, depthwise or pointwise conv, at
    padding same or valid (whichever the formula's sizes follow); ``doubled``: the line
    where the note made FLOPs twice the MACs (``FLOPs = 2 x MAC + ADD``), or 0."""
    if "p" in expr.roles:
        return Skip(number, text, "a cost formula with a padding: not read")
    if not expr.roles & {"k", "ci"}:  # "MACs = O_H x O_W x 2" of a batch norm, a ReLU
        return Skip(number, text, "a cost with no kernel and no input channels: no conv's")
    best = None
    per = not expr.roles & {"h", "w", "ho", "wo"}  # no size: the cost of one position
    for kind in ("standard", "depthwise", "pointwise"):
        for pad in ("same", 0):
            names = None
            for (n, k, s, ci, co), env in _envs(expr.roles, pad):
                macs, outs = _macs(kind, pad, n, k, s, ci, co, per)
                got = expr.value(env)
                ok = {name for name, v in _readings(unit, macs, outs).items() if v == got}
                names = ok if names is None else names & ok
                if best is None or abs(got - macs) / macs < best[0]:
                    best = (abs(got - macs) / macs, kind, n, k, s, ci, co, got, macs)
            if names:
                return Claim(number, text, "cost", text, f"{kind} conv", "right",
                             f"equals the {kind} conv's {sorted(names)[0]}"
                             + (" per output position" if per else "") +
                             f" (layer algebra, padding {pad}) at several sizes")
    if unit == "flops" and best is not None and best[0] == 0 and doubled:
        return Claim(number, text, "cost", text, "2 x MACs", "wrong", "the formula is the "
                     f"conv's MACs; the note's own rule (line {doubled}) makes FLOPs twice "
                     "the MACs", confidence=0.8)
    if unit == "flops" and best is not None and best[0] == 0:
        return Skip(number, text, "unsure: FLOPs written for multiply-adds, as papers do")
    if expr.guessed or best[0] < Fraction(1, 10):
        return Skip(number, text, "unsure: a cost formula no reading gives exactly")
    (n, k, s, ci, co), env = next(_envs(expr.roles, "same"))
    macs = _macs("standard", "same", n, k, s, ci, co, per)[0]
    return Claim(number, text, "cost", text, f"{macs:,} MACs", "wrong",
                 f"a {k}x{k} conv, {ci} -> {co} channels, on {n}x{n} (stride {s}, padding "
                 f"same) takes {macs:,} MACs ({2 * macs:,} FLOPs); the formula gives "
                 f"{expr.value(env)}, and no conv's MACs or FLOPs at any size tried",
                 confidence=0.8)


def judge_identity(number: int, text: str, a: Expr, b: Expr) -> Claim | Skip | None:
    """Two sides of a chain: equal at every size, at padding same or valid."""
    roles = a.roles | b.roles
    if "p" in roles:
        return None  # an output-size rule with its padding: the general formulas' reader
    first = None
    for pad in ("same", 0):
        for (n, k, s, ci, co), env in _envs(roles, pad):
            x, y = a.value(env), b.value(env)
            if x.denominator != 1 or y.denominator != 1:  # a size written without its floor
                x, y = Fraction(math.floor(x)), Fraction(math.floor(y))
            if x != y:
                first = first or (n, k, s, ci, co, x, y, pad)
                break
        else:
            return Claim(number, text, "formula", text, text, "right",
                         f"both sides agree at several sizes (padding {pad})")
    n, k, s, ci, co, x, y, _ = first
    if a.guessed or b.guessed:
        return Skip(number, text, "unsure: the two sides differ, a letter's role guessed")
    return Claim(number, text, "formula", text, str(y), "wrong",
                 f"at input {n}, stride {s}, kernel {k}, {ci} -> {co} channels the sides are "
                 f"{x} and {y} (output {-(-n // s)} at padding same, {(n - k) // s + 1} at "
                 "none)", confidence=0.8)


def _expr(text: str, symbols, names) -> Expr | None:
    toks = read_tokens(plain_form(text))
    if not toks:
        return None
    try:
        return Expr(toks, symbols, names)
    except (ValueError, KeyError, ZeroDivisionError, RecursionError):
        return None


def _source(masked: str) -> str:
    """A KaTeX line pasted as its rendering then its source: the source alone."""
    for m in LATEX_TEXT.finditer(masked):
        if m.start() and m.group(1).strip() and m.group(1).strip() in masked[:m.start()]:
            return masked[m.start():]
    return masked


class Formulas:
    """A note's legend symbols and named formulas, and the line that announces a cost."""

    def __init__(self) -> None:
        self.symbols: dict[str, tuple[str, bool]] = {}
        self.names: dict[str, Expr] = {}
        self.intro = -10
        self.doubled = 0  # the line that made FLOPs twice the MACs ("FLOPs = 2 x MAC")

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        if has_any(masked, _PHRASE_WORDS):
            self._legend(masked)
        if has_any(masked, ("flop",)) and _DOUBLED.search(masked):
            self.doubled = number
        src = _source(masked) if "\\" in masked else masked
        out: list[Claim | Skip] = []
        sides = re.split(r"(?<![<>!])=(?!=)", src) if "=" in src else []
        if len(sides) >= 2 and not any(self._known(i) for i in _IDENT.findall("".join(sides[1:]))):
            sides = []  # no role, symbol or name after '=': nothing of this reader's
        if len(sides) >= 2:
            out += self._chain(number, sides)
        else:
            m = _STATED_BY.search(src) if has_any(src, _STATED_WORDS) else None
            e = _expr(_PROSE_AFTER.split(m.group("e"))[0], self.symbols, self.names) \
                if m else None
            if e is not None and _QUANTITY.match(m.group("q")):
                out.append(judge_cost(number, " ".join(m.group(0).split()),
                                      _unit(m.group("q")), e, self.doubled))
            elif number - self.intro <= 2 and not re.search(r"[가-힣]", src):
                e = _expr(src, self.symbols, self.names)
                if e is not None and len(e.roles) >= 3:
                    out.append(judge_cost(number, " ".join(src.split()), "ops", e))
        if has_any(masked, _INTRO_WORDS) and _INTRO.search(masked):
            self.intro = number
        return out

    def _known(self, ident: str) -> bool:
        """A role word, a legend's symbols, a name defined above, or a LaTeX name."""
        if ident.startswith("\\"):
            return True
        key = norm(ident)
        return key in ROLES or key in self.symbols or ident in self.names or \
            (len(key) <= 8 and split_roles(key, self.symbols) is not None)

    def _chain(self, number: int, sides: list[str]) -> list[Claim | Skip]:
        sides = [_GLOSS.sub("", s) for s in sides]
        named = re.search(r"⟦([^⟧]+)⟧\s*$|([\w/]+)\s*$", plain_form(sides[0]))
        label = (named.group(1) or named.group(2)).strip() if named else ""
        exprs = [_expr(s, self.symbols, self.names) for s in sides[1:]]
        if any(e is None for e in exprs):
            return []
        out: list[Claim | Skip] = []
        text = " = ".join(" ".join(s.split()) for s in sides)[-120:]
        first = _expr(sides[0], self.symbols, self.names)
        if first is not None:
            exprs = [first] + exprs
        elif _QUANTITY.match(label):
            out.append(judge_cost(number, text, _unit(label), exprs[0], self.doubled))
        elif label and re.fullmatch(r"[\w/ ]{1,30}", label):
            self.names[label] = exprs[0]  # "ADD = OutputChannels": a name for later lines
        for a, b in zip(exprs, exprs[1:]):
            got = judge_identity(number, text, a, b)
            out += [got] if got is not None else []
        return out

    def _legend(self, masked: str) -> None:
        found = {}
        for m in _LEGEND.finditer(masked):
            role = next((r for r, rx in _PHRASES if rx.search(m.group("phrase"))), None)
            if role is None:
                continue
            for sym in re.split(r"\s*,\s*", m.group("syms")):
                key = norm(sym)
                if sym in _NOT_SYMBOLS:  # a word ("are:"), not a symbol ("A = ...")
                    continue
                r = role
                if role in ("h", "ho") and key.endswith("w"):
                    r = "w" if role == "h" else "wo"
                found[key] = (r, True)
        if len(found) >= 2:
            self.symbols.update(found)
