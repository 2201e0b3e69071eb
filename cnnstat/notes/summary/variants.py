"""Every way a tool counts a bundled spec's totals (``named`` judges a figure with them).

Parameters: the spec's count; Keras adds batch norm's moving mean and variance (2 x C a
layer) to the total and to the non-trainable count. torchsummary's sizes: input elements x
4 bytes / 2^20; parameters x 4 / 2^20; the forward/backward pass twice every hooked
module's output elements x 4 / 2^20, with and without the modules a builder may or may not
have (an adaptive pool before the classifier, a ``Flatten`` module); torchinfo's sizes are
in MB (10^6 bytes). Multiply-adds: the weights', plus what each counter adds (``_TOOLS``,
then every other mix): a conv's and a linear layer's bias, batch norm (0, 1, 2 or 4 an
element), activations (1 an element), pooling (output elements, window x output, or input
elements). A figure labelled FLOPs may be the MACs (as thop prints them) or twice them.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from itertools import product
from typing import NamedTuple

class Variants(NamedTuple):
    label: str
    params: int
    stats: int  # batch norm's moving mean and variance (Keras counts them)
    elements: int  # input elements
    passes: tuple[int, ...]  # hooked output elements (torchsummary), by builder
    macs: tuple[int, ...]  # multiply-adds, one a way of counting (the same order for all)
    headless: int = 0  # parameters without the last layer (the classifier's head)
    per_class: int = 0  # the head's parameters for each class (its inputs and a bias)


# a way of counting multiply-adds: what it adds for conv biases, linear biases, batch norm
# (per element), activations and sums, max pooling and average pooling (``variants``); the
# tools whose way is known first, then every other mix
_TOOLS = (
    ((0, 0, 0, 0, 0, 0), "the weights' multiply-adds alone (the papers' and torchvision's "
                         "count)"),
    ((1, 1, 0, 0, 0, 0), "torchinfo's count: each conv's and linear layer's weights and "
                         "bias once an output"),
    ((0, 0, 3, 0, 0, 2), "thop's count: the weights, batch norm 4 an element, adaptive "
                         "pooling (window + 1) an output"),
    ((1, 1, 2, 1, 3, 3), "ptflops's count: weights and biases, batch norm 2 and activations "
                         "1 an element, pooling its input elements"),
)
_WAYS = [w for w, _ in _TOOLS] + [w for w in product(range(2), range(2), range(4), range(2),
                                                       range(4), range(4))
                                  if w not in {t for t, _ in _TOOLS}]

_ACT = ("relu", "relu6", "leaky_relu", "prelu", "elu", "gelu", "silu", "swish", "sigmoid",
        "hardswish", "hardsigmoid", "tanh", "mish", "softmax", "add", "mul")


@lru_cache(maxsize=256)
def variants(name: str, shape: tuple[int, int, int] | None) -> Variants | None:
    """A bundled spec's figures at ``shape`` (None: the spec's input), every way counted."""
    from cnnstat.analysis import analyze
    from cnnstat.notes.modelfacts.models import figures
    from cnnstat.models.zoo import load_bundled

    f = figures(name)
    try:
        spec = load_bundled(name)
        a = analyze(spec, input=shape) if shape else analyze(spec)
        return _count(f.label if f is not None else name, a)
    except Exception:  # noqa: BLE001 - a spec that cannot take this input is not used
        return None


def _count(label: str, a) -> Variants:
    """Every way of counting the analysis ``a``'s totals."""
    rows = [r for r in a.rows if not r.train_only]
    base = sum(r.macs for r in rows)
    extra = {k: [0] * n for k, n in (("cbias", 2), ("lbias", 2), ("bn", 4), ("act", 2),
                                      ("mpool", 4), ("apool", 4))}
    bn_ch = hooked = adaptive = flat = 0
    head = next((r for r in reversed(rows) if r.params), None)
    for r in rows:
        out = math.prod(r.output)
        inp = math.prod(r.input) if r.inputs else 0
        if r.type == "flatten":
            flat += out  # a function in most builders; an ``nn.Flatten`` in some
        else:
            hooked += out
        if r.type == "adaptive_avgpool":
            adaptive += out  # older builders have none before the classifier
        if "conv" in r.type and r.macs:
            positions = math.prod(r.output[1:])
            extra["cbias"][1] += max(0, r.params * positions - r.macs)
        elif r.type == "linear":
            extra["lbias"][1] += max(0, r.params - r.macs)
        elif r.type == "bn":
            bn_ch += r.output[0]
            for i, k in enumerate((0, 1, 2, 4)):
                extra["bn"][i] += k * out
        elif r.type in _ACT:
            extra["act"][1] += out
        elif "pool" in r.type:
            window = inp // out if out else 0
            key = "mpool" if "max" in r.type else "apool"
            for i, v in enumerate((0, out, window * out if key == "mpool" else (window + 1) * out,
                                   inp)):
                extra[key][i] += v
    parts = list(extra.values())  # in the order of a way's choices (``_WAYS``)
    macs = [base + sum(p[c] for p, c in zip(parts, way)) for way in _WAYS]
    passes = (hooked, hooked - adaptive, hooked + flat, hooked - adaptive + flat)
    classes = head.output[0] if head is not None and head.output else 0
    return Variants(label, a.totals.params, 2 * bn_ch, math.prod(a.input), passes,
                    tuple(macs), a.totals.params - head.params if classes else 0,
                    head.params // classes if classes else 0)


def another_head(kind: str, v: Variants, written: Fraction, step: Fraction) -> bool:
    """Would the network with another number of classes (a last layer of k outputs, with
    or without its bias) give the count (or its size) written?"""
    if not v.per_class or kind not in ("total", "trainable", "size"):
        return False
    if kind == "size":
        spans = [((written - step / 2) * d / 4, (written + step / 2) * d / 4)
                 for d in (2**20, 10**6)]
    else:
        spans = [(written - step / 2, written + step)]
    for lo, hi in spans:
        for base in {v.headless, v.headless + v.stats}:
            for each in {v.per_class, v.per_class - 1} - {0}:
                k = math.ceil(max(lo - base, Fraction(0)) / each)  # k = 0: no head
                if (k <= MAX_CLASSES and base + k * each <= hi) or \
                        any(lo <= base + n * each <= hi for n in BIG_HEADS):
                    return True
    return False


MAX_CLASSES = 1100  # a head of up to ImageNet-1k's classes (and TF's 1,001), ...
BIG_HEADS = (11_221, 21_841)  # ... or ImageNet-21k's (winter 2021 and full)


def values(kind: str, v: Variants) -> list[Fraction]:
    """What the variants give for one kind of total (MB figures in MB or MiB)."""
    mib, mb = Fraction(4, 2**20), Fraction(4, 10**6)
    if kind == "total":
        return [Fraction(v.params), Fraction(v.params + v.stats)]
    if kind == "trainable":
        return [Fraction(v.params)]
    if kind == "frozen":
        return [Fraction(0), Fraction(v.stats)]
    if kind == "size":
        return [v.params * mib, v.params * mb, (v.params + v.stats) * mib]
    if kind == "input":
        return [v.elements * mib, v.elements * mb]
    if kind == "pass":
        return [2 * p * mib for p in v.passes]
    if kind == "macs":
        return [Fraction(m) for m in v.macs]
    if kind == "flops":
        return [Fraction(k * m) for m in v.macs for k in (1, 2)]
    return []


_BN = (None, "1", "2", "4")
_POOL = (None, "its output elements", "{} x its output elements", "its input elements")


def how(kind: str, i: int) -> str:
    """How the ``i``-th value of ``values(kind, ...)`` was counted."""
    if kind in ("macs", "flops"):
        twice = kind == "flops" and i % 2 == 1
        way = i // 2 if kind == "flops" else i
        if way < len(_TOOLS):
            return ("twice " if twice else "") + _TOOLS[way][1]
        cb, lb, bn, act, mp, ap = _WAYS[way]
        parts = ["the weights' multiply-adds"] + \
            (["each conv's bias once an output element"] if cb else []) + \
            (["each linear layer's bias"] if lb else []) + \
            ([f"batch norm {_BN[bn]} an element"] if bn else []) + \
            (["activations and sums 1 an element"] if act else []) + \
            ([f"max pooling {_POOL[mp].format('the window')}"] if mp else []) + \
            ([f"average pooling {_POOL[ap].format('(window + 1)')}"] if ap else [])
        return ("twice " if twice else "") + ", ".join(parts) + " (a counter's way)"
    return {"total": ("parameters", "parameters with batch norm's moving mean and variance "
                                    "(Keras)"),
            "trainable": ("trainable parameters",),
            "frozen": ("no frozen parameters", "batch norm's moving mean and variance (Keras)"),
            "size": ("parameters x 4 bytes / 2^20 (torchsummary's MB)",
                     "parameters x 4 bytes / 10^6 (torchinfo's MB)",
                     "parameters with batch norm's statistics x 4 bytes / 2^20"),
            "input": ("input elements x 4 bytes / 2^20 (torchsummary's MB)",
                      "input elements x 4 bytes / 10^6 (torchinfo's MB)"),
            "pass": tuple(f"2 x the output elements of every module torchsummary hooks{w} x 4 "
                          "bytes / 2^20" for w in ("", " (no adaptive pool)",
                                                   " (a Flatten module)",
                                                   " (a Flatten module, no adaptive pool)")),
            }[kind][i]
