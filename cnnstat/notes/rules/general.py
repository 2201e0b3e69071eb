"""General formulas in words, checked by substitution against the layer algebra.

Notes state the rules themselves, in words or code identifiers rather than letters:

    conv output length = sent len - filter size            (wrong: + 1 is missing)
    #conv_n = [batch size, n_filters, sent len - filter_sizes[n] + 1]
    output size = ⌊(input - filter + 1)/stride⌋ + 1       (wrong for a stride above 1)
    return (self.input_channel * self.kernel_size * self.kernel_size + 1) * self.filters

Each role word (input size, kernel/filter size, stride, padding, input channels, filters)
becomes a variable; the formula is evaluated for several sets of values and compared
with what the layer algebra (``cnnstat.layers``) computes for the same conv: the output
size (a formula without a floor is floored, as a layer does), or the parameter count
with biases. Right when every set agrees, wrong (with a counterexample) otherwise. A
stride or padding the formula does not name is taken as 1 and 0. A formula with any
other word in it is not read.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.grammar import evaluate
from cnnstat.notes.reading.numerals import Refused
from cnnstat.notes.reading.operands import OTHER_LAYER
from cnnstat.notes.signs import Gated

# role phrases, the longest forms first; "self." and a subscript such as [n] go with them
_ROLES = [
    ("c", r"(?:self\.)?(?:input_channels?|in_channels|(?:input|in)[ _]channels?|입력\s*채널\s*수?)"),
    ("f", r"(?:self\.)?(?:n_filters|num_filters|out_channels|filters|number\s+of\s+filters|"
          r"output[ _]channels|필터\s*(?:수|개수)|출력\s*채널\s*(?:수|개수)?)"),
    # a kernel's side, or its height or width (the sets tried are square)
    ("k", r"(?:self\.)?(?:filter_sizes?|kernel_sizes?|filter[ ]sizes?|kernel[ ]sizes?|"
          r"kernel[ _](?:height|width|h|w)|filter[ _](?:height|width)|"
          r"filter|kernel|필터\s*크기|커널\s*크기|(?:커널|필터)\s*(?:높이|너비|폭))(?:\[\w{1,3}\])?"),
    ("s", r"(?:self\.)?(?:strides?|스트라이드)"),
    ("p", r"(?:self\.)?(?:padding|pad|패딩)"),
    ("n", r"(?:self\.)?(?:sent(?:ence)?[ _]?len(?:gth)?|seq(?:uence)?[ _]?len(?:gth)?|"
          r"input[ _](?:size|length|len|width|height)|input|입력\s*크기|입력)"),
]
_ROLE_RX = re.compile("|".join(f"(?P<{r}>{rx})" for r, rx in _ROLES), re.I)
_OUT = r"(?:conv(?:olution)?\s+)?output\s+(?:size|length|len|width|height)|출력\s*크기"
_PARAMS = r"(?:number\s+of\s+)?param(?:eter)?s?(?:\s+count)?|파라미터\s*(?:수|개수)?"
_STATED = Gated(("output", "출력", "param", "파라미터"), r"(?P<what>" + _OUT + "|" + _PARAMS + r")\s*(?:is|=|:)\s*(?P<e>[^=;]{3,160})$",
                     re.I)
_SHAPE_LIST = re.compile(r"\[\s*batch[ _]?size\s*,\s*[\w ]{1,20},\s*(?P<e>[^\]\[]{3,80}"
                         r"(?:\[\w{1,3}\][^\]\[]{0,40})?)\]", re.I)
_RETURN = re.compile(r"^\W{0,3}return\s+(?P<e>.{3,160})$")
_REST = re.compile(r"[A-Za-z가-힣_]")
_OUT_SETS = [(32, 3, 1, 0), (28, 5, 1, 0), (33, 3, 2, 1), (28, 2, 2, 0), (30, 3, 3, 0),
             (100, 7, 2, 3), (32, 5, 1, 2)]
_PARAM_SETS = [(8, 3, 3), (16, 5, 1), (4, 1, 7), (10, 3, 32)]


def _template(expr: str) -> tuple[str, set[str]] | None:
    """The expression with each role replaced by ``{role}``; None if a word is left."""
    roles: set[str] = set()

    def sub(m: re.Match) -> str:
        roles.add(m.lastgroup)
        return "{" + m.lastgroup + "}"

    text = _ROLE_RX.sub(sub, expr.strip().rstrip(".,").replace("//", "/"))
    text = text.replace("[", "(").replace("]", ")")
    if _REST.search(re.sub(r"\{[a-z]\}", "", text).replace(" x ", " * ")):
        return None
    return text, roles


def _eval(template: str, values: dict[str, int]) -> Fraction | None:
    try:
        return evaluate(template.format(**values))
    except (Refused, KeyError, ValueError, IndexError):
        return None


@lru_cache(maxsize=1024)  # the rules are tried at the same few sizes, line after line
def _out_size(n: int, k: int, s: int, p: int) -> int | None:
    from cnnstat.errors import SpecError
    from cnnstat.layers import KINDS

    try:
        return KINDS["conv"].make({"out": 1, "kernel": k, "stride": s, "padding": p}
                                  ).apply((1, n, n)).output[1]
    except SpecError:
        return None


@lru_cache(maxsize=1024)
def _params(f: int, k: int, c: int) -> int:
    from cnnstat.layers import KINDS

    return KINDS["conv"].make({"out": f, "kernel": k}).apply((c, k, k)).params


def _judge_size(number: int, text: str, template: str, roles: set[str]) -> Claim | None:
    if not {"n", "k"} <= roles or roles - {"n", "k", "s", "p"}:
        return None
    for n, k, s, p in _OUT_SETS:
        if ("s" not in roles and s != 1) or ("p" not in roles and p != 0):
            continue
        want = _out_size(n, k, s, p)
        got = _eval(template, {"n": n, "k": k, "s": s, "p": p})
        if want is None or got is None:
            return None
        if math.floor(got) != want:
            return Claim(number, text, "formula", text, want, "wrong",
                         f"input {n}, kernel {k}, stride {s}, padding {p}: the formula "
                         f"gives {math.floor(got)}, a conv gives floor((n + 2p - k)/s) + 1 "
                         f"= {want}")
    return Claim(number, text, "formula", text, "floor((n + 2p - k)/s) + 1", "right",
                 "agrees with the layer algebra for every input, kernel, stride and "
                 "padding tried")


# what a count may be beside a standard conv's (k*k*c_in + 1)*c_out, of (k, c_in, c_out):
# the weights alone, a depthwise separable conv's, with or without its biases
OTHER_COUNTS = (lambda k, ci, co: k * k * ci * co, lambda k, ci, co: k * k * ci + ci * co,
                lambda k, ci, co: k * k * ci + ci + ci * co + co)


def _judge_params(number: int, text: str, template: str, roles: set[str]) -> Claim | None:
    if not {"f", "k"} <= roles or roles - {"f", "k", "c"}:
        return None
    for f, k, c in _PARAM_SETS:
        want = _params(f, k, c)
        got = _eval(template, {"f": f, "k": k, "c": c})
        if got is None:
            return None
        if got != want:
            if any(all(_eval(template, {"f": f2, "k": k2, "c": c2}) == count(k2, c2, f2)
                       for f2, k2, c2 in _PARAM_SETS) for count in OTHER_COUNTS):
                return None  # the weights alone, a depthwise separable conv's count
            return Claim(number, text, "formula", text, want, "wrong",
                         f"{f} filters of {k}x{k} on {c} channels: the formula gives "
                         f"{got}, the layer has (k*k*C_in + 1)*filters = {want:,}")
    return Claim(number, text, "formula", text, "(k*k*C_in + 1)*filters", "right",
                 "agrees with the layer algebra's parameter count for every case tried")


class Formulas:
    def __init__(self) -> None:
        self.param_line = -100

    def check_line(self, number: int, text: str) -> list[Claim]:
        """``text``: a prose line (masked) or a code line (raw)."""
        if re.search(_PARAMS, text, re.I):
            self.param_line = number
        out: list[Claim] = []
        for m in _SHAPE_LIST.finditer(text):
            t = _template(m.group("e"))
            if t and "-" in t[0] or t and "+" in t[0]:
                got = _judge_size(number, m.group("e").strip(), *t)
                out += [got] if got else []
        st = _STATED.search(text)
        if st and OTHER_LAYER.search(text):
            st = None  # a transposed or separable conv's rule: not a standard conv's
        if st:
            t = _template(st.group("e"))
            if t:
                size = re.fullmatch(_OUT, st.group("what").strip(), re.I) is not None
                judge = _judge_size if size else _judge_params
                got = judge(number, st.group(0).strip(), *t)
                out += [got] if got else []
        r = _RETURN.match(text)
        if r and number - self.param_line <= 8:
            t = _template(r.group("e"))
            if t:
                got = _judge_params(number, r.group("e").strip(), *t)
                out += [got] if got else []
        return out
