"""Pasted summary totals under a network's name, judged against its bundled specs.

A line that is the name of a network and nothing more (``VGG16``, ``## ResNet-50``,
``**VGG-13 (BN)**``, ``Model: "vgg16"``, ``=== VGG19 ===``, ``| VGG11 |``, ``model =
vgg16_bn()``) sets the network that the totals after it describe, until another name,
a heading, a rule, or a line naming another network. A line giving the input (``Input:
(3, 224, 224)``, ``summary(model, (3, 224, 224))``, ``입력: 224x224x3``) sets its shape.

Each total is worked out for every spec the name resolves to (with and without batch
norm, torchvision and the paper), at the input stated (else the spec's own), with each
tool's rule:

* parameters: the spec's count; Keras adds batch norm's moving mean and variance (2 x C
  a layer) to the total and to the non-trainable count;
* torchsummary's sizes: input elements x 4 bytes / 2^20; parameters x 4 / 2^20; the
  forward/backward pass twice every hooked module's output elements x 4 / 2^20, with
  and without the modules a builder may or may not have (an adaptive pool before the
  classifier, a ``Flatten`` module); torchinfo's are in MB (10^6 bytes);
* multiply-adds: the weights' multiply-adds, plus what each counter adds: a conv's and a
  linear layer's bias (thop 0.0.x, ptflops, torchinfo: one per output element), batch
  norm (0, 1, 2 or 4 per element: fvcore, ptflops, thop), activations (ptflops: one per
  element), pooling (output elements, window x output, or input elements). A figure
  labelled FLOPs may be the MACs (as thop prints them) or twice them.

A figure is right when some variant gives it to the digits written; wrong when none
does and it is either another network's figure (a sibling of the family, or a network
named earlier in the note) or clearly off (more than ``OFF`` away, within a factor of
two, where a changed head or framework would not explain it); otherwise unsure.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import lru_cache
from itertools import product
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.models import FAMILIES, Mention, mentions, resolve

OFF = Fraction(1, 10)  # a figure further than this from every variant is clearly off

# ---------------------------------------------------------------- the name line
_DECOR = re.compile(r"[#*_=~`>\[\]<>|:：\"'()\-–—.]+")
# words a name line may hold besides the name: what the printout is, and of which variant
_WORDS = ("model", "network", "net", "summary", "summaries", "of", "for", "the", "with",
          "without", r"batch\s*norm(?:alization)?", "bn", "torchvision", "keras", "torchsummary",
          "torchinfo", "thop", "ptflops", "output", "results?", "architecture", "pytorch", "tf",
          "tensorflow", "paper", "version", "variant", "print", "pretrained", "true", "false")
_FILLER = re.compile(r"\b(?:" + "|".join(_WORDS) + r")\b|모델|네트워크|요약|결과|구조|출력|의|버전",
                     re.I)
_CODE = re.compile(r"^\s*[A-Za-z_]\w{0,40}\s*=\s*(?:[A-Za-z_]\w{0,40}\.){0,3}"
                   r"(?P<call>[A-Za-z_][\w-]{0,40})\s*\(")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")


def name_line(raw: str) -> Mention | None:
    """The network a line is the label of, or None."""
    if len(raw) > 120:
        return None
    found = mentions(raw)
    if not found or len({(m.family, m.key) for m in found}) != 1:
        return None
    code = _CODE.match(raw)
    if code:
        m = found[0]
        return m if code.start("call") <= m.start < code.end("call") else None
    rest = raw
    for m in reversed(found):
        rest = rest[:m.start] + " " + rest[m.end:]
    rest = re.sub(r"\bModel\s*:", " ", rest, flags=re.I)
    rest = _DECOR.sub(" ", _FILLER.sub(" ", rest))
    return found[0] if not rest.strip() else None


_SHAPE = re.compile(r"[(\[]\s*(-?[0-9]{1,5}(?:\s*,\s*(?:None|-?[0-9]{1,5})){2,3})\s*,?\s*[)\]]|"
                    r"(?<![0-9])([0-9]{1,5}(?:\s*[x×*]\s*[0-9]{1,5}){2,3})(?![0-9])")
_INPUT_WORDS = re.compile(r"^\s*(?:[#>*-]\s*)?(?:input(?:[ _](?:size|shape))?|입력(?:\s*(?:크기|형태))?|"
                          r"[\w.]*summary\s*\(|[\w.]*(?:randn|rand|zeros|ones)\s*\()", re.I)


def input_line(raw: str) -> tuple[int, int, int] | None:
    """The input a line states, channels first, or None."""
    if not _INPUT_WORDS.match(raw) or "(mb)" in raw.lower():
        return None
    m = _SHAPE.search(raw)
    if not m:
        return None
    dims = [int(d) for d in re.findall(r"-?[0-9]+", m.group(1) or m.group(2))]
    if len(dims) == 4:
        dims = dims[1:]
    dims = [abs(d) for d in dims]
    if dims[0] in (1, 3) and dims[2] > 4:
        return dims[0], dims[1], dims[2]
    if dims[2] in (1, 3) and dims[0] > 4:
        return dims[2], dims[0], dims[1]
    return None


class Context:
    """The network the totals below describe, and the input they were made at."""

    def __init__(self) -> None:
        self.model: Mention | None = None
        self.shape: tuple[int, int, int] | None = None
        self.seen: list[Mention] = []  # networks named so far (another's figures)
        self.code = False  # inside a fence: a line opening with "#" is a comment

    def fence(self, raw: str) -> None:
        """Every line passes here, in a summary or not: a fence opens or closes code."""
        if raw.lstrip().startswith(("```", "~~~")):
            self.code = not self.code

    def line(self, raw: str) -> bool:
        """Read a line that is not a total; True when it set the network or the input."""
        named = name_line(raw)
        if named is not None:
            self.model, self.shape = named, None
            if all(m.key != named.key for m in self.seen):
                self.seen = (self.seen + [named])[-16:]
            return True
        shape = input_line(raw)
        if shape is not None and self.model is not None:
            self.shape = shape
            return True
        if _RULE.match(raw) or (not self.code and re.match(r"\s{0,3}#{1,6}\s", raw)):
            self.model = self.shape = None
        elif self.model is not None and any(m.key != self.model.key for m in mentions(raw)):
            self.model = self.shape = None  # the prose goes on about another network
        return False


# ---------------------------------------------------------------- the variants
class Variants(NamedTuple):
    label: str
    params: int
    stats: int  # batch norm's moving mean and variance (Keras counts them)
    elements: int  # input elements
    passes: tuple[int, ...]  # hooked output elements (torchsummary), by builder
    macs: tuple[int, ...]  # multiply-adds, one a way of counting (the same order for all)


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
    from cnnstat.notes.models import figures
    from cnnstat.zoo import load_bundled

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
    return Variants(label, a.totals.params, 2 * bn_ch, math.prod(a.input), passes,
                    tuple(macs))


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


# ---------------------------------------------------------------- the verdict
class Verdict(NamedTuple):
    ok: bool | None  # None: unsure
    actual: Fraction
    how: str


def _agrees(value: Fraction, written: Fraction, step: Fraction) -> bool:
    """``written`` states ``value`` to its last digit (``step``), rounded or cut."""
    return abs(value - written) <= step / 2 or 0 <= value - written < step


def _family(model: Mention) -> list[str]:
    """Every bundled spec of the network's family (the siblings its figures may be)."""
    fam = next(f for f in FAMILIES if f[0] == model.family)
    if not fam[2]:
        return []
    return list(resolve(model._replace(number=None, text="")).specs)


def judge(kind: str, written: Fraction, step: Fraction, ctx: Context) -> Verdict | None:
    """The total ``written`` (its last digit worth ``step``) against the context's network."""
    if ctx.model is None:
        return None
    own = [(n, v) for n, v in ((n, variants(n, ctx.shape)) for n in resolve(ctx.model).specs)
           if v is not None]
    if not own:
        return None
    for _, v in own:
        for i, x in enumerate(values(kind, v)):
            if _agrees(x, written, step):
                return Verdict(True, x, f"{v.label}{_at(ctx)}: {_how(kind, i)}")
    near_v, at, best = min(((v, i, x) for _, v in own for i, x in enumerate(values(kind, v))),
                           key=lambda p: abs(p[2] - written))
    if kind in ("pass", "frozen") or (kind == "input" and not ctx.shape):
        return Verdict(None, best, "")
    names = {n for n, _ in own}
    others = [n for n in _family(ctx.model) + [s for m in ctx.seen if m.key != ctx.model.key
                                               for s in resolve(m).specs[:3]]
              if n not in names]
    for n in dict.fromkeys(others):
        v = variants(n, ctx.shape)
        hit = next((i for i, x in enumerate(values(kind, v)) if _agrees(x, written, step)),
                   None) if v is not None else None
        if hit is not None:  # the same builder and way of counting, for this network
            mine = next((w for m, w in own if _suffix(m) == _suffix(n)), own[0][1])
            return Verdict(False, values(kind, mine)[hit],
                           f"that is {v.label}'s figure; {mine.label}{_at(ctx)}: "
                           f"{_how(kind, hit)}")
    near = abs(written - best) / best if best else Fraction(1)
    if kind == "input" or (OFF < near and best / 2 <= written <= 2 * best):
        return Verdict(False, best, f"{near_v.label}{_at(ctx)}: {_how(kind, at)}; no "
                                    "variant gives the figure written")
    return Verdict(None, best, "")


def _suffix(name: str) -> str:
    """What a spec's name adds to its network's (``_bn``, ``-tv``, ``-c``)."""
    return re.sub(r"^[a-z]+[0-9_]*?[0-9]+", "", name)


def _at(ctx: Context) -> str:
    return f" at {'x'.join(map(str, ctx.shape))}" if ctx.shape else ""


_BN = (None, "1", "2", "4")
_POOL = (None, "its output elements", "{} x its output elements", "its input elements")


def _how(kind: str, i: int) -> str:
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

def claims(number: int, raw: str, kind: str, value: Fraction, step: Fraction,
           span: tuple[int, int], internal: list[Claim], ctx: Context,
           claim) -> tuple[list[Claim], list[Skip]]:
    """The claim a total makes about the context's network, with what the summary's own
    arithmetic found on the line (``internal``): a mistake in that stands; else the
    network's verdict replaces it; unsure, it is kept (or the line is left unsure)."""
    kind = "total" if kind == "count" else kind
    if kind not in _KINDS or ctx.model is None:
        return internal, []
    got = judge(kind, value, step, ctx)
    text = " ".join(raw.split())
    if got is None or got.ok is None:
        if internal or got is None:
            return internal, []
        return [], [Skip(number, text, f"unsure: {ctx.model.text}{_at(ctx)} gives "
                                       f"{_write(got.actual, raw[span[0]:span[1]], step)} as "
                                       "its specs are counted; another head, builder or "
                                       "counter may give the figure written")]
    if any(c.verdict == "wrong" for c in internal):
        return internal, []
    shown = _write(got.actual, raw[span[0]:span[1]], step)
    actual = int(got.actual) if got.actual.denominator == 1 else float(shown.replace(",", ""))
    return [claim(number, text, raw[span[0]:span[1]], actual, bool(got.ok), got.how, span,
                  shown)], []


_KINDS = ("total", "trainable", "frozen", "size", "input", "pass", "macs", "flops")


def _write(value: Fraction, like: str, step: Fraction) -> str:
    """``value`` written as ``like`` was: its decimals, its grouping, in its unit."""
    places = len(like.split(".")[1]) if "." in like else 0
    scale = step * 10**places
    v = value / scale
    text = f"{float(v):,.{places}f}" if "," in like else f"{float(v):.{places}f}"
    if places == 0 and v.denominator == 1:
        text = f"{int(v):,}" if "," in like else str(int(v))
    return text
