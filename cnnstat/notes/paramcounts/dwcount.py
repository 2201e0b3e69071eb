"""A depthwise conv counted as a standard one: ``depthwise 3x3 on 32 channels: 3*3*32*32 =
9,216`` (its weights are 3*3*32 = 288: one k x k filter per channel, no sum over the
input channels), and its cost the same way (``112*112*32*32*9`` MACs for 112*112*32*9).

The line names the depthwise conv (not a depthwise-separable pair, not beside a standard
conv it compares), one square kernel and one channel count (``on 32 channels``,
``32-channel``, or the depth of the one map it gives); the count is a product (a bias term
added or not) holding the kernel twice and the channels. What is left once the kernel,
the channels and the sides of the line's map are taken out is a factor the depthwise conv
does not have: the output channels of a standard conv. A depth multiplier said on the
line leaves it unjudged.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.paramcounts.convterms import product_factors, stated_agrees
from cnnstat.notes.pipeline import Reader

_DW = re.compile(r"depth-?\s?wise(?!\s*[- ]?separable)|\bdw\s*conv|\bDWConv", re.I)
_OFF = re.compile(r"separable|standard|regular|normal|ordinary|\bfull\b|\bvs\.?|versus|"
                  r"instead|compared|multiplier|pointwise|point-wise|1x1|1×1|groups?\s*=", re.I)
_KERNEL = re.compile(r"(?<![0-9.])([1-9][0-9]?)\s*[x×]\s*([1-9][0-9]?)(?![0-9]|\s*[x×]\s*[0-9])")
_CHANNELS = re.compile(r"(?<![0-9.,])([0-9]{1,4})[- ]?(?:input\s+)?channels?\b", re.I)
_MAP = re.compile(r"(?<![0-9.])([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})(?![0-9])")
NEEDS = ("depth", "dw", "DW")


def check(number: int, masked: str, claims: list[Claim]) -> list[Claim]:
    if not _DW.search(masked) or _OFF.search(masked):
        return []
    kernels = {int(a) for a, b in _KERNEL.findall(masked) if a == b and int(a) > 1}
    maps = {m.groups() for m in _MAP.finditer(masked)}
    chans = {int(c) for c in _CHANNELS.findall(masked)} | {int(m[2]) for m in maps}
    if len(kernels) != 1 or len(chans) != 1 or len(maps) > 1:
        return []
    k, c_in = kernels.pop(), chans.pop()
    sides = [int(maps.copy().pop()[0]), int(maps.copy().pop()[1])] if maps else []
    out = []
    for c in claims:
        if c.kind != "arithmetic" or c.verdict != "right":
            continue
        got = _judge(number, c, k, c_in, sides)
        if got is not None:
            out.append(got)
    return out


def _judge(number: int, c: Claim, k: int, c_in: int, sides: list[int]) -> Claim | None:
    from cnnstat.notes.paramcounts.intent import lhs_tree

    tree = lhs_tree(c.text)
    if tree is None:
        return None
    while tree.op == "paren":
        tree = tree.args[0]
    term = Fraction(0)
    if tree.op == "add" and tree.args[1].op == "num":
        term, tree = tree.args[1].num.value, tree.args[0]
    factors = product_factors(tree)
    if not factors or any(f.denominator != 1 for f in factors):
        return None
    rest = [int(f) for f in factors]
    kernel = [k, k] if rest.count(k) >= 2 else [k * k]  # "3*3" or "9"
    for f in kernel + [c_in] + sides:
        if f not in rest:
            return None
        rest.remove(f)
    rest = [f for f in rest if f != 1]
    if len(rest) != 1 or rest[0] < 2:
        return None
    n = rest[0]
    right = int(Fraction(c.actual) - term) // n + int(term) if isinstance(c.actual, int) else None
    if right is None:
        return None
    if stated_agrees(c.claimed, right):
        return None  # rounded past the factor's difference
    what = "multiply-adds" if sides else "weights"
    return Claim(number, c.text, "params" if not sides else "cost", c.claimed, right, "wrong",
                 f"a depthwise {k}x{k} conv on {c_in} channels has one {k}x{k} filter per "
                 f"channel: its {what} hold no factor {n} (counted as a standard conv "
                 f"to {n} channels): {right:,}")


# the reader of this module (``counts.READERS`` takes it in this place)
READERS = [
    Reader("a depthwise conv counted as standard", "claims",
           lambda at: check(at.line.number, at.line.masked, at.arithmetic), needs=NEEDS),
]
