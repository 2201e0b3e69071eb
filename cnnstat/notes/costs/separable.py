"""MobileNet's cost identities in the paper's symbols (Howard et al. 2017, section 3.1):
D_K the kernel side, D_F the input map's side, D_G the output map's, M input channels,
N output channels. A line labelled with a cost ("cost: D_K^2 x M x D_F^2") or a kernel
size, under a heading (or with a label) naming the conv it is about (standard, depthwise,
pointwise, depthwise separable), is judged by substitution: the expression is evaluated at
a few sizes and compared with the conv's MACs and weights from the layer algebra
(``cnnstat.layers``: a depthwise conv is a conv with groups = channels, a pointwise one a
1x1 conv). As in the paper, the output keeps the input's size (stride 1, same padding), so
D_G and D_F are interchangeable. A kernel size may be the whole weight tensor or one
filter's. A heading that names a cost with no label after it makes the next lone
expression that cost.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from cnnstat.notes.claims import Claim
from cnnstat.notes.signs import Gated

_MARKUP = re.compile(r"__|\*\*|\$|\\left|\\right|[{}`]")
_SYMBOL = re.compile(r"D_?\s*([KFG])(?![A-Za-z])|(?<![A-Za-z_])([MN])(?![A-Za-z_])")
_KINDS = (("separable", re.compile(r"\bs\w{0,2}p\w{0,2}rable|분리", re.I)),
          ("depthwise", re.compile(r"depth\s*-?\s*wise|깊이별", re.I)),
          ("pointwise", re.compile(r"point\s*-?\s*wise|1\s*[x×]\s*1\s*conv|점별", re.I)),
          ("standard", re.compile(r"standard|표준|\b(?:regular|normal|conventional|vanilla|"
                                  r"ordinary|plain|usual)\s+conv|(?:일반|기존|보통|그냥)(?:의|적인)?\s*"
                                  r"(?:합성곱|컨볼루션|conv)", re.I)))
# a label that names a conv of its own: its kind decides, never the heading's
_NAMES_CONV = re.compile(r"conv|합성곱|컨볼루션", re.I)
_LABEL = Gated(("cost", "연산량", "계산량", "비용", "kernel", "커널"), r"(?P<what>cost|연산량|계산량|비용|kernel\s*size|커널\s*크기)"
                    r"\s*[:=]\s*"
                    r"(?P<expr>.+)$", re.I)
_EXPR = re.compile(r"^[\sDKFGMNHW_0-9()^²x×*·+\\a-z]*$")
# the letters of a lecture's notation: H x W x M maps, N filters of K x K x M ("HWMK^2")
_LETTERS = re.compile(r"(?<![A-Za-z_])[HWMNK]+(?=$|[^A-Za-z_])")
_LEGEND = re.compile(r"(?<![A-Za-z_])(?:H\s*[×x*]\s*W|K\s*[×x*]\s*K)\s*[×x*]\s*M(?![A-Za-z_])")
_GLOSS = re.compile(r"\s*\((?:[a-z]+\s*[+,]?\s*)+\)\s*$")  # "(depthwise + pointwise)"
SUBJECT_SPAN = 6  # lines a step's label ("Step 1: Depthwise Convolution") speaks for
_WORDS = Gated(("cost", "kernel", "연산량", "계산량", "비용", "커널"),
               r"cost|kernel|연산량|계산량|비용|커널", re.I)
SIZES = ((3, 14, 32, 64), (5, 7, 16, 24), (7, 28, 8, 40))  # (D_K, D_F, M, N)


def _subject(text: str) -> str | None:
    found = [name for name, rx in _KINDS if rx.search(text)]
    if not found:
        return None
    if "separable" in found:
        return "separable"
    return found[0] if len(found) == 1 else None


def _evaluate(expr: str, values: dict[str, int]) -> Fraction | None:
    """The expression at ``values``: products (x, ×, *, ·, \\cdot, \\times, juxtaposition),
    sums, powers (^ and ²) and brackets; None where anything else is in it."""
    s = expr.replace("\\cdot", "*").replace("\\times", "*").replace("²", "^2")
    s = re.sub(r"(?<=[\s)0-9A-Z_])[x×·](?=[\s(0-9A-Z_])", "*", s)
    toks = re.findall(r"D_?\s*[KFG]|[MN]|\d+|[()*+^]|\S", s)
    pos = 0

    def peek() -> str | None:
        return toks[pos] if pos < len(toks) else None

    def atom() -> Fraction | None:
        nonlocal pos
        t = peek()
        if t is None:
            return None
        pos += 1
        if t == "(":
            v = sum_()
            if v is None or peek() != ")":
                return None
            pos += 1
        elif t.isdecimal():
            v = Fraction(int(t))
        elif t in "MN" or t.startswith("D"):
            v = Fraction(values[t[-1]])
        elif t in ("H", "W", "K"):  # a side of the map, the kernel's side
            v = Fraction(values["F" if t in "HW" else "K"])
        else:
            return None
        if peek() == "^":
            pos += 1
            e = peek()
            if e is None or not e.isdecimal() or int(e) > 4:
                return None
            pos += 1
            v = v ** int(e)
        return v

    def product() -> Fraction | None:
        nonlocal pos
        v = atom()
        while v is not None and peek() not in (None, ")", "+"):
            if peek() == "*":
                pos += 1
            w = atom()
            v = None if w is None else v * w
        return v

    def sum_() -> Fraction | None:
        nonlocal pos
        v = product()
        while v is not None and peek() == "+":
            pos += 1
            w = product()
            v = None if w is None else v + w
        return v

    got = sum_()
    return got if pos == len(toks) else None


@lru_cache(maxsize=64)
def _truth(kind: str, k: int, f: int, m: int, n: int) -> tuple[int, set[int]]:
    """(MACs, the kernel's weights counted whole or one filter's) of the conv."""
    from cnnstat.layers import KINDS

    def conv(out: int, kernel: int, groups: int):
        return KINDS["conv"].make({"out": out, "kernel": kernel, "groups": groups,
                                   "padding": "same", "bias": False}).apply((m, f, f))

    if kind == "separable":
        dw, pw = conv(m, k, m), conv(n, 1, 1)
        return dw.macs + pw.macs, {dw.params + pw.params}
    out = n if kind != "depthwise" else m
    eff = conv(out, 1 if kind == "pointwise" else k, m if kind == "depthwise" else 1)
    return eff.macs, {eff.params, eff.params // out}


class Reader:
    """The conv the section is about, from its heading, and whether it names a cost."""

    def __init__(self) -> None:
        self.subject: str | None = None
        self.cost_heading = False
        self.seen = False  # the note has written a D_ symbol, or maps in H x W x M
        self.step: tuple[str, int] | None = None  # a short line naming a conv: its kind

    def heading(self, text: str) -> None:
        self.subject = _subject(text)
        self.cost_heading = bool(re.search(r"cost|연산량|계산량|비용", text, re.I))

    def check_line(self, number: int, raw: str) -> list[Claim]:
        if not self.seen and _LEGEND.search(raw):
            self.seen = True  # "Input: H × W × M", "N filters, each K × K × M"
        if not self.seen and "D_" not in raw.replace("__", ""):
            return []
        named = _subject(raw) if len(raw) <= 60 and "=" not in raw and not (
            _LABEL.search(raw) or _SYMBOL.search(raw) or _LETTERS.search(raw)) else None
        if named is not None:  # "* Step 1: Depthwise Convolution", "Cost of standard conv"
            self.step = (named, number)
        if self.seen and not self.cost_heading and not _WORDS.search(raw):
            return []  # neither a label nor a heading's cost: nothing to read
        text = _MARKUP.sub("", raw).strip().lstrip("*-+ ").strip()
        self.seen = self.seen or "D_" in text
        if not self.seen:
            return []
        step = self.step[0] if self.step and number - self.step[1] <= SUBJECT_SPAN else None
        m = _LABEL.search(text)
        if m is not None:
            what = "cost" if not re.match(r"kernel|커널", m.group("what"), re.I) else "kernel"
            expr = m.group("expr").strip()
            own = text[:m.start()]
            subject = _subject(own) or (None if _NAMES_CONV.search(own) else
                                        step or self.subject)
        elif self.cost_heading and _EXPR.match(text):
            what, expr, subject = "cost", text, self.subject
            self.cost_heading = False
        else:
            return []
        expr = _GLOSS.sub("", expr)
        if subject is None or not _EXPR.match(expr) or not (_SYMBOL.search(expr) or
                                                            _LETTERS.search(expr)):
            return []
        return self._judge(number, what, expr, subject)

    def _judge(self, number: int, what: str, expr: str, subject: str) -> list[Claim]:
        wrong_at = None
        for k, f, m, n in SIZES:
            values = {"K": k, "F": f, "G": f, "M": m, "N": n}
            got = _evaluate(expr, values)
            if got is None:
                return []
            macs, weights = _truth(subject, k, f, m, n)
            ok = got == macs if what == "cost" else got in weights
            if not ok and wrong_at is None:
                wrong_at = (k, f, m, n, got, macs if what == "cost" else max(weights))
        right = {"standard": ("D_K^2·M·N·D_F^2", "D_K·D_K·M·N"),
                 "depthwise": ("D_K^2·M·D_F^2", "D_K·D_K·M"),
                 "pointwise": ("M·N·D_F^2", "1·1·M·N"),
                 "separable": ("D_K^2·M·D_F^2 + M·N·D_F^2", "D_K·D_K·M + M·N")}[subject]
        shown = right[0] if what == "cost" else right[1]
        label = f"{subject} conv {'cost (MACs)' if what == 'cost' else 'kernel'}"
        if wrong_at is None:
            return [Claim(number, f"{label}: {expr}", what if what == "cost" else "params",
                          expr, shown, "right", f"equals {shown} at several sizes")]
        k, f, m, n, got, want = wrong_at
        return [Claim(number, f"{label}: {expr}", what if what == "cost" else "params",
                      expr, shown, "wrong",
                      f"{shown}: at D_K={k}, D_F=D_G={f}, M={m}, N={n} that is {want:,}, "
                      f"the expression {int(got):,}")]
