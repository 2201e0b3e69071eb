"""A rule stated as a formula, checked by putting in values: an output size or a
parameter count, in letters, subscripts or words, with or without its left side.

    W2=(W1−F + 2P)/(S+1)                                  wrong: the + 1 is outside
    \\frac{\\left ( W-F+2P \\right )}{S+1}                    wrong (a bare formula under
                                                          "the equation is given by:")
    OUTPUT = (원본이미지 사이즈 — 필터이미지 사이즈)/stride + 1  right (no padding)
    (filter~height~*~filter~width~*~filter~depth + 1) * number~of~filters + biases
                                                          wrong: the biases twice
    # (kernel_size * channels + bias) + filters = Param    wrong: + where x belongs

The formula's text is read into a tree by ``ruletree``. Each operand's role comes from
``operands.role`` (a word, a subscript, or a bare letter's usual role, a guess). An output
size is compared with ``floor((n + 2p - k)/s) + 1`` (the layer algebra, ``general``), a
parameter count with ``(k·k·c_in + 1)·c_out`` (a dense layer's ``(in + 1)·out``, the
weights alone where the label says weights), at several sizes. Right where the roles as
written agree at every size, under a reading the notation allows (a padding written once
may be both sides', a kernel word once may be its area, a ``bias`` one or one a filter, a
formula without a floor floors). Wrong only where no reading agrees and no other
assignment of the guessed letters to the roles would either: a rule the letters merely
name differently is never called wrong.
"""

from __future__ import annotations

import itertools
import math
import re
from fractions import Fraction
from functools import lru_cache

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.rules.general import OTHER_COUNTS, _params
from cnnstat.notes.rules.ruletree import names, rounds, value

_SIZE_SETS = [(n, k, s, p) for (n, k), s, p in itertools.product(
    ((32, 3), (28, 5), (33, 7), (13, 2), (227, 11), (9, 1)), (1, 2, 3, 4), (0, 1, 2, 3))]
_PARAM_SETS = [(3, 5, 7), (5, 2, 11), (1, 6, 4), (7, 3, 2), (2, 9, 5)]  # k, c_in, c_out
SIZE_ROLES = ("n", "k", "s", "p")


def _agrees(node, env: dict[str, Fraction], want: int, own_rounding: bool) -> bool:
    try:
        got = value(node, env)
    except (ZeroDivisionError, KeyError):
        return False
    return got == want if own_rounding else math.floor(got) == want


@lru_cache(maxsize=1024)
def _out(n: int, k: int, s: int, p: int, d: int = 1) -> int | None:
    """A conv's output side (the layer algebra), None where the kernel does not fit."""
    from cnnstat.errors import SpecError
    from cnnstat.layers import KINDS

    try:
        return KINDS["conv"].make({"out": 1, "kernel": k, "stride": s, "padding": p,
                                   "dilation": d}).apply((1, n, n)).output[1]
    except SpecError:
        return None


@lru_cache(maxsize=256)
def _size_samples(stride: bool, padding: bool, dilation: bool, fixed: tuple[int, int]
                  ) -> tuple[tuple[int, ...], ...]:
    """(n, k, s, p, d, the conv's output) for the roles a formula names, the others at
    ``fixed`` (stride, padding) and dilation 1."""
    out = []
    for (n, k, s, p), d in itertools.product(_SIZE_SETS, (1, 2) if dilation else (1,)):
        if (not stride and s != fixed[0]) or (not padding and p != fixed[1]):
            continue
        want = _out(n, k, s, p, d)
        if want is not None:
            out.append((n, k, s, p, d, want))
    return tuple(out)


def size_fits(node, assign: dict[str, str], twice_p: bool, ceil_ok: bool = False,
              fixed: tuple[int, int] = (1, 0)) -> bool:
    """Whether the formula, its names given roles, is the output size at every size tried
    (``twice_p``: its padding is both sides' together; ``fixed``: the stride and padding
    a formula without them is taken to have, its numbers standing for them)."""
    roles = set(assign.values())
    own = rounds(node)
    tried = 0
    for n, k, s, p, d, want in _size_samples("s" in roles, "p" in roles, "d" in roles, fixed):
        vals = {"n": n, "k": k, "s": s, "p": 2 * p if twice_p else p, "d": d}
        env = {name: Fraction(vals[r]) for name, r in assign.items()}
        if not _agrees(node, env, want, own):
            if not ceil_ok:
                return False
            try:  # rounded up, as a pooling in ceil mode does
                got = value(node, env)
                if math.ceil(got) != want and got != -(-(n + 2 * p - d * (k - 1) - 1) // s) + 1:
                    return False
            except ZeroDivisionError:
                return False
        tried += 1
    return tried >= 3




def pool_fits(node, assign: dict[str, str]) -> bool:
    """Whether the formula is a pooling's output size where its stride is its window
    (``input / pool size``: Keras's and torch's default), at every window tried."""
    if set(assign.values()) != {"n", "k"}:
        return False
    sets = ((32, 2), (28, 4), (27, 3), (224, 7), (12, 3), (30, 5), (31, 2))
    return all(_agrees(node, {x: Fraction(n if r == "n" else k) for x, r in assign.items()},
                       n // k, rounds(node)) for n, k in sets)


def params_fits(node, assign: dict[str, str], weights: bool, truth=None) -> bool:
    """Whether the formula is a conv's (or a dense layer's) parameter count at every
    size tried, under some reading of a kernel written once and of a ``bias``
    (``truth``: another count, of (k, c_in, c_out), to hold it to)."""
    written = names(node)
    ks = [x for x in assign if assign[x] == "k"]
    area = [False, True] if len(ks) == 1 and written.count(ks[0]) == 1 else [False]
    ones = [1, None] if "b1" in assign.values() else [1]
    has_k = bool(ks)
    for sq, one in itertools.product(area, ones):
        ok = True
        for k, ci, co in _PARAM_SETS:
            k = k if has_k else 1
            want = truth(k, ci, co) if truth else OTHER_COUNTS[0](k, ci, co) if weights \
                else _params(co, k, ci)
            vals = {"k": k * k if sq else k, "ci": ci, "co": co, "b1": one or co}
            env = {name: Fraction(vals[r]) for name, r in assign.items()}
            try:
                if value(node, env) != want:
                    ok = False
                    break
            except (ZeroDivisionError, KeyError):
                ok = False
                break
        if ok:
            return True
    return False


def loose(node):
    """The tree with each division taken over the whole sum written before it (``a + b / c``
    as ``(a + b)/c``): how a note that writes ``(H1 - F) + (2 * P) / S + 1`` means it."""
    if node[0] in ("n", "v"):
        return node
    node = (node[0],) + tuple(loose(a) for a in node[1:])
    if node[0] in ("+", "-") and node[2][0] == "/":
        return ("/", (node[0], node[1], node[2][1]), node[2][2])
    return node


def judge_size(number: int, text: str, node, assign: dict[str, str],
               guessed: set[str]) -> Claim | Skip | None:
    if size_fits(node, assign, False) or ("p" in assign.values() and
                                          size_fits(node, assign, True)):
        return Claim(number, text, "formula", text, "floor((n + 2p - k)/s) + 1", "right",
                     "agrees with a conv's output size at every input, kernel, stride, "
                     "padding (and dilation) tried")
    if any(size_fits(loose(node), assign, twice, ceil_ok=True) for twice in (False, True)):
        return Skip(number, text, "unsure: the formula fits the output size with its "
                                  "division over the whole sum before it ((H1 - F) + 2P / S)")
    sure = {x: r for x, r in assign.items() if x not in guessed}
    free = [x for x in assign if x in guessed]
    pool = SIZE_ROLES + (("d",) if "d" in assign.values() else ())
    for roles in itertools.permutations(pool, len(free)):
        other = {**sure, **dict(zip(free, roles))}
        named = set(other.values())  # a stride or padding it names is not fixed
        fixes = itertools.product((1,) if "s" in named else (1, 2, 3, 4),
                                  (0,) if "p" in named else (0, 1, 2, 3))
        if any(size_fits(node, other, twice, True, fixed) for fixed in fixes
               for twice in ((False, True) if "p" in named else (False,))):
            return Skip(number, text, "unsure: the formula fits the output size with its "
                                      "letters in other roles, or rounded up")
    n, k, s, p = next((x for x in _SIZE_SETS if x[2] > 1 and x[3]) if
                      {"s", "p"} <= set(assign.values()) else iter(_SIZE_SETS))
    return Claim(number, text, "formula", text, "floor((n + 2p - k)/s) + 1", "wrong",
                 f"input {n}, kernel {k}, stride {s}, padding {p}: a conv gives "
                 f"{_out(n, k, s, p)}; the formula gives another size, with its letters "
                 "in any roles", confidence=0.9)


def judge_params(number: int, text: str, node, assign: dict[str, str], weights: bool,
                 guessed: set[str] = frozenset()) -> Claim | Skip:
    """A parameter count: its guessed letters (``K``, ``C``, ``N``) may be any of the
    kernel's side, the input channels and the filters."""
    sure = {x: r for x, r in assign.items() if x not in guessed}
    free = [x for x in assign if x in guessed]
    if len(free) > 3:
        return Skip(number, text, "a parameter rule of more letters than roles")
    tries = [{**sure, **dict(zip(free, roles))}
             for roles in itertools.permutations(("k", "ci", "co"), len(free))]
    if any(params_fits(node, a, False) or (weights and params_fits(node, a, True))
           for a in tries):
        return Claim(number, text, "formula", text, "(k*k*C_in + 1)*C_out", "right",
                     "agrees with the layer's parameter count at every size tried")
    dense = not any(r == "k" for a in tries for r in a.values())  # no separable reading
    if any(params_fits(node, a, False, t) for a in tries for t in OTHER_COUNTS[:1 + 2 * (not dense)]):
        return Skip(number, text, "unsure: the count of the weights alone, or of a "
                                  "depthwise separable conv")
    k, ci, co = _PARAM_SETS[0]
    if dense:
        return Claim(number, text, "formula", text, "(C_in + 1)*C_out", "wrong", f"a dense layer "
                     f"of {ci} inputs and {co} units has ({ci} + 1)*{co} = {(ci + 1) * co} parameters; "
                     "the formula gives another count at every size tried", confidence=0.9)
    return Claim(number, text, "formula", text, "(k*k*C_in + 1)*C_out", "wrong",
                 f"{co} filters of {k}x{k} on {ci} channels have ({k}*{k}*{ci} + 1)*{co} = "
                 f"{_params(co, k, ci)} parameters; the formula gives another count at every "
                 "size tried (a kernel written once read as its side or its area, a bias "
                 "as one or one a filter, its letters in any roles)", confidence=0.9)


def count_for_kernel(number: int, text: str, node, assign: dict[str, str], guessed
                      ) -> Claim | None:
    """An output size whose rule names the filters' count where the kernel's side stands
    (``(inputWidth - numFilters + 2 * zeroPadding) / stride + 1``): wrong where the rule is
    right with the kernel there, unsure otherwise."""
    swapped = {x: ("k" if r == "co" else r) for x, r in assign.items()}
    got = judge_size(number, text, node, swapped, guessed)
    if not isinstance(got, Claim) or got.verdict != "right":
        return None
    name = next(x for x, r in assign.items() if r == "co")
    return Claim(number, text, "formula", text, "floor((n + 2p - k)/s) + 1", "wrong",
                 f"{name} counts the filters, which do not change a map's side; the rule "
                 f"holds with the kernel's side where {name} stands", confidence=0.9)


def itself(number: int, text: str, node, assign: dict[str, str], guessed, name: str
           ) -> Claim | None:
    """An output size defined by itself (``H2 = (H2 - F + 2P)/S + 1``): wrong where the
    rule holds with the input's side where the output's own symbol stands again."""
    swapped = {x: ("n" if x == name else r) for x, r in assign.items()}
    if not {"n", "k"} <= set(swapped.values()) <= {"n", "k", "s", "p", "d"}:
        return None
    got = judge_size(number, text, node, swapped, guessed)
    if not isinstance(got, Claim) or got.verdict != "right":
        return None
    return Claim(number, text, "formula", text, "floor((n + 2p - k)/s) + 1", "wrong",
                 f"{name} stands on both sides: the right side takes the input's side where "
                 f"{name} stands, and so the rule holds", confidence=0.9)


def misnamed(number: int, text: str, node, assign: dict[str, str], guessed,
             lhs: str | None) -> Claim | None:
    """An output size (its left side ``lhs``) whose rule names the output itself or the
    filters' count where the input's or the kernel's side belongs."""
    if lhs in assign:
        return itself(number, text, node, assign, guessed, lhs)
    if any(r == "o" for r in assign.values()):
        return None  # the output on both sides, in code: an update, not judged
    if "n" in assign.values() and set(assign.values()) <= {"n", "co", "s", "p", "d"} and \
            not {x for x in guessed if assign[x] == "co"}:
        return count_for_kernel(number, text, node, assign, guessed)
    return None


# "결과의 크기는" + a formula on the next line: the sentence names what it gives
_TOPIC = re.compile(r"(?:크기|사이즈|size)\s*(?:는|은|is|=)\s*$", re.I)
_MAP_PRODUCT = re.compile(r"\\times|×|(?<=[\w)}])\s*[xX]\s*(?=[\w(\\])")


def topic(context: str, line: str) -> bool:
    """The lines above end on a size as the sentence's topic (``결과벡터의 크기는``), and
    the line is one side's rule, not a map's two (``⌊...⌋ × ⌊...⌋``, ``H(...) x W(...)``)."""
    return bool(_TOPIC.search(context)) and not _MAP_PRODUCT.search(line)


__all__ = ["judge_size", "pool_fits", "judge_params", "size_fits", "count_for_kernel", "itself",
           "misnamed", "topic"]
