"""Model facts: which bundled specs a name in a note means, and what they say.

``mentions`` finds model names in a line (``VGG``, ``VGGNet``, ``VGG-16``, ``VGG 16``,
``GoogLeNet``, ``Inception v1``, ``ResNet-50``, ``LeNet-5``, ...). A name resolves to the
bundled specs that exist *now* (``cnnstat.models.zoo.bundled_names()``), so the resolver
grows as specs land: ``ResNet-50`` -> ``resnet50`` and its torchvision twin ``resnet50-tv``;
a family name (``VGG``, ``ResNet``) -> every member, the usual one (``vgg16``) first.
A claim is right when it agrees with any of them, and the report names which.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cnnstat.layers.pool import _Pool
from cnnstat.notes.signs import Gated

# family, pattern of the name, pattern of a number after it, usual member, spec names
# "VGG-16 layer by layer" names VGG-16: "layer by layer" is how, not a count of layers; a
# number glued to the name is the name's whatever follows ("VGG16 layers", "VGG16층")
_NUM_GUARD = r"(?!\s*-?\s*(?:layers?(?![\s-]+by[\s-]+layer)|층|레이어|개|weight))"
FAMILIES: list[tuple[str, str, str | None, str, str]] = [
    # "Wide ResNet-50-2", "wide_resnet50_2", "WRN-28-10": a depth, then a widening factor;
    # "ResNeXt-101 (32x8d)", "ResNeXt101_64": a depth, then the cardinality and width
    ("wrn", r"wide[\s_-]?res\s?net|wide\s+residual\s+networks?|wrn",
     r"_?(\d{2,3})(?:[_-]\d{1,2})?", "wide_resnet50_2", r"^(?:wrn-|wide_resnet)"),
    ("resnext", r"resnext", r"_?(\d{2,3})(?:[\s_-]?\(?(?:32|64)(?:x\d{1,2}d)?\)?)?",
     "resnext50_32x4d", r"^resnext"),
    # "Res50", "res-101": ResNet's short name, only with a depth the papers build
    # ("Residual-Network110": the name spelt out, with its depth glued on)
    ("resnet", r"res\s?net|레[즈스]\s?넷|res(?=-?(?:18|34|50|101|152|20|32|44|56|110)(?!\d))|"
     r"residual[\s_-]?network(?=[\s_-]?\d)",
     r"(\d{2,4})", "resnet50", r"^resnet\d"),
    ("vgg", r"vgg(?:\s?(?:net|넷))?", r"(\d{2})", "vgg16", r"^vgg\d"),
    ("densenet", r"dense\s?net", r"(\d{3})", "densenet121", r"^densenet\d"),
    ("squeezenet", r"squeeze\s?net", r"v?(1[._]?[01])", "squeezenet1_0", r"^squeezenet"),
    # Inception-v3 (Szegedy et al. 2016); "Inception" alone, v2 (BN-Inception), v4 and
    # Inception-ResNet are other networks: no name of this one
    ("inception_v3", r"inception[\s_-]?v3", None, "inception_v3", r"^inception_v3$"),
    ("googlenet", r"google?\s?(?:le)?n?net|inception[\s-]?v1|구글\s?(?:르|레)?넷", None,
     "googlenet", r"^googlenet"),
    # a network named by its paper's first author: "Krizhevsky et al." is AlexNet
    ("alexnet", r"alex\s?net|krizhevsky|알렉스\s?넷", None, "alexnet", r"^alexnet"),
    ("zfnet", r"zf\s?(?:net|넷)", None, "zfnet", r"^zfnet"),
    ("lenet", r"le\s?net", r"(\d)", "lenet5", r"^lenet"),
    ("nin", r"network\s+in\s+network|nin", None, "nin", r"^nin"),
    # modern networks: one entry per variant (most specific first), then the family; a
    # name means every spec its last pattern matches (the twin and the paper's spec)
    ("mobilenet_v3_large", r"mobile\s?net[\s_-]?v3[\s_-]?large", None, "mobilenet_v3_large",
     r"^mobilenet_v3_large"),
    ("mobilenet_v3_small", r"mobile\s?net[\s_-]?v3[\s_-]?small", None, "mobilenet_v3_small",
     r"^mobilenet_v3_small"),
    ("mobilenet_v3", r"mobile\s?net[\s_-]?v3", None, "mobilenet_v3_large", r"^mobilenet_v3"),
    ("mobilenet_v2", r"mobile\s?net[\s_-]?v2", None, "mobilenet_v2", r"^mobilenet[-_]v2$"),
    ("mobilenet_v1", r"mobile\s?net(?:[\s_-]?v1)?", None, "mobilenet-v1", r"^mobilenet[-_]v1$"),
    *[(f"efficientnet_v2_{v}", rf"efficient\s?net[\s_-]?v2[\s_-]?(?:{v}|{size})", None,
       f"efficientnet_v2_{v}", rf"^efficientnet_v2_{v}")
      for v, size in (("s", "small"), ("m", "medium"), ("l", "large"))],
    ("efficientnet_v2", r"efficient\s?net[\s_-]?v2", None, "efficientnet_v2_s",
     r"^efficientnet_v2"),
    ("efficientnet_b", r"efficient\s?net(?:[\s_-]?b(?=\d))?", r"(\d)", "efficientnet_b0",
     r"^efficientnet_b"),
    *[(f"shufflenet_v2_x{w}", rf"shuffle\s?net[\s_-]?v2[\s_-]?(?:x\s?{w[0]}[._]{w[2]}|"
       rf"{w[0]}[._]{w[2]}\s?[x×])", None, f"shufflenet_v2_x{w}",
       rf"^shufflenet(?:_v2_x{w}|-v2)$" if w == "1_0" else rf"^shufflenet_v2_x{w}$")
      for w in ("0_5", "1_0", "1_5", "2_0")],
    ("shufflenet_v2", r"shuffle\s?net[\s_-]?v2", None, "shufflenet_v2_x1_0",
     r"^shufflenet(?:_v2_x1_0|-v2)$"),
    *[(f"convnext_{v}", rf"conv\s?next[\s_-]?(?:{v}|{v[0]})", None, f"convnext_{v}",
       rf"^convnext(?:_{v}|-{v[0]})$") for v in ("tiny", "small", "base", "large")],
    ("convnext", r"conv\s?next", None, "convnext_tiny", r"^convnext(?:_tiny|-t)$"),
    ("se_resnet", r"se[\s_-]?res\s?net[\s_-]?50", None, "se-resnet50", r"^se-resnet50$"),
    *[(f"mnasnet{w}", rf"mnas\s?net[\s_-]?(?:a1[\s_-]?)?{w[0]}[._]{w[2:]}", None,
       f"mnasnet{w}", rf"^mnasnet{w}") for w in ("0_5", "0_75", "1_0", "1_3")],
    ("mnasnet", r"mnas\s?net", None, "mnasnet1_0", r"^mnasnet"),
    *[(f"regnet_{xy}_{size}", rf"reg\s?net[\s_-]?{xy}[\s_-]?{size.replace('_', '[._]')}",
       None, f"regnet_{xy}_{size}", rf"^regnet_{xy}_{size}(?![0-9a-z])")
      for xy in ("x", "y")
      for size in ("400mf", "800mf", "1_6gf", "3_2gf", "8gf", "16gf", "32gf", "128gf")],
]
# depths a family's members are named by: a claim of one that is not bundled is skipped.
# VGG: Simonyan & Zisserman 2015, Table 1 (A 11, B 13, C and D 16, E 19); ResNet: He et
# al. 2016, Table 1 (18, 34, 50, 101, 152 on ImageNet) and Sec. 4.2 (6n+2 on CIFAR-10: 20,
# 32, 44, 56, 110, 1202), He et al. 2016b, "Identity Mappings" (200 on ImageNet; 164 and
# 1001 on CIFAR, 9n+2 with bottlenecks); DenseNet: Huang et al. 2017, Table 1 (121, 169,
# 201, 264; 161 with k = 48) and Table 2 (40 and 100 on CIFAR, BC-190 and BC-250)
NOMINAL = {
    "vgg": {11, 13, 16, 19},
    "resnet": {18, 34, 50, 101, 152, 200, 20, 32, 44, 56, 110, 1202, 164, 1001},
    "densenet": {121, 161, 169, 201, 264},
    "lenet": {5},
}
# depths a family's papers build by a rule, besides those they name (He et al. 2016,
# Sec. 4.2: 6n+2 layers of 3x3 convs on CIFAR; He et al. 2016b: 9n+2 with bottlenecks)
BUILT = {"resnet": lambda d: d > 2 and ((d - 2) % 6 == 0 or (d - 2) % 9 == 0)}

# the lookbehind is shared, outside the alternatives: only a word's start tries them
_MENTION = re.compile(
    # "Wide_ResNet50", "se_resnet50", "my_vgg16": a name glued to a word by "_" is another
    # network's (an emphasis "_VGG16_" is not glued)
    r"(?<![A-Za-z0-9가-힣])(?<![A-Za-z0-9]_)(?=[A-Za-z알구레])(?:" + "|".join(
        f"(?P<{fam}>(?:{name})"
        + (f"(?:{num}(?![0-9])|[\\s-]{num}{_NUM_GUARD})?" if num else "")
        + (r"(?:[\s_-]?bn)?" if fam == "vgg" else "")
        + r"(?![A-Za-z0-9]|넷))"
        for fam, name, num, _, _ in FAMILIES) + ")",
    re.I)


class Mention(NamedTuple):
    family: str
    number: str | None  # "16" in VGG-16; None for a family name
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        if self.number is None:
            return self.family
        return f"{self.family}{self.number.replace('.', '_')}"


# a reader's prefilter (``pipeline.Reader.needs``) for a line that may name a network:
# every match of ``_ANY_NAME`` holds one of these words ("le net", "reg net", "network"
# hold "net"; "conv next" holds "next")
NAME_SIGNS = ("res", "vgg", "dense", "squeeze", "goog", "incep", "alex", "kriz", "zf", "net",
              "nin", "wrn", "wide", "mobile", "efficient", "shuffle", "next", "mnas", "넷")
# every name above starts with one of these: a line without any is not searched further
_ANY_NAME = Gated(NAME_SIGNS, r"res|vgg|dense|squeeze|goog|incep|alex|kriz|zf|le\s?net|network|넷|"
                  r"nin|wrn|wide|mobile|efficient|shuffle|conv\s?next|mnas|reg\s?net", re.I)
# the modern families: their specs are every bundled name their pattern matches
_BY_PATTERN = {f[0] for f in FAMILIES[[f[0] for f in FAMILIES].index("mobilenet_v3_large"):]}


# whether each family's names carry a number (VGG-16) or not
_NUMBERED = {f: n for f, _, n, _, _ in FAMILIES}
# families whose names carry more than a depth, and whose members in circulation are not
# all bundled (ResNeXt-101 32x4d, WRN-40-10): a name that leaves a member open is judged
# against the bundled ones only as far as no other member could explain the figure
_OPEN_NAMED = ("wrn", "resnext")
_MENTIONS_KEPT = 4096
_mentions_seen: dict[str, list] = {}


def mentions(text: str) -> list[Mention]:
    """The model names in ``text`` (the last texts' are kept, up to ``_MENTIONS_KEPT`` of
    them: the checker asks several times for the same line, and notes repeat lines)."""
    out = _mentions_seen.get(text)  # before the search: several readers ask per line
    if out is None:
        if len(_mentions_seen) >= _MENTIONS_KEPT:
            _mentions_seen.clear()
        out = _mentions_seen[text] = _mentions(text) if _ANY_NAME.search(text) else ()
    return list(out)


# a name that only lends its look to a network of the note's own
_STYLE = re.compile(r"(?:\s*[-‐]?\s*(?:style|like|ish|inspired|esque)(?![A-Za-z])|"
                    r"\s*(?:스타일|풍의?|기반의?))\s*(?:\S+\s+)?"
                    r"(?:net(?:work)?s?|models?|CNNs?|architectures?|classifiers?|"
                    r"네트워크|모델|구조|신경망|아키텍처|분류기|CNN)", re.I)


def _mentions(text: str) -> list[Mention]:
    out = []
    for m in _MENTION.finditer(text):
        fam = m.lastgroup
        whole = m.group(0)
        if fam == "nin" and whole.lower() == "nin" and whole != "NiN":
            continue
        if _STYLE.match(text, m.end()):
            continue  # "a VGG-style net", "VGG 스타일 모델": a network of its own
        num = re.search(r"(\d+(?:[._]\d)?)$", re.sub(r"[\s_-]?bn$", "", whole, flags=re.I))
        number = None
        if fam in _OPEN_NAMED:  # every number after the name: 50-2, 28-10, 101-32-8
            number = "-".join(re.findall(r"\d+", whole[re.search(r"\d|$", whole).start():])
                              ) or None
        elif num and _NUMBERED[fam]:
            number = num.group(1)
            if fam == "squeezenet":
                number = number.replace(".", "_").replace("10", "1_0").replace("11", "1_1")
        end = m.end()
        if fam == "vgg" and number is None:
            cfg = _VGG_CONFIG.match(text, end)
            if cfg:  # "VGG (configuration D)", "VGG-E", "VGG config A-LRN": a member
                letter = next(g for g in cfg.groups()[::2] if g)
                lrn = any(cfg.groups()[1::2])
                number = _VGG_LETTERS[letter + ("-LRN" if lrn else "")]
                end = cfg.end()
                whole = text[m.start():end]
        out.append(Mention(fam, number, m.start(), end, whole))
    return out


# the VGG paper's configurations by their column letters (Simonyan & Zisserman 2015,
# Table 1: A 11 weight layers, A-LRN 11, B 13, C 16 with 1x1 convs, D 16, E 19), written
# after the family's name: in brackets, glued by a hyphen, or after a word for it
_VGG_LETTERS = {"A": "11", "A-LRN": "11-lrn", "B": "13", "C": "16-c", "D": "16", "E": "19"}
_LRN = r"(\s?-?\s?LRN)?"
_VGG_CONFIG = re.compile(
    # (a bare "(C)" may be a quiz's option: "(B) VGG (C) ResNet")
    r"\s*\(\s*(?:the\s+)?(?:(?:final|original|deepest|best)\s+)?(?:config(?:uration)?|"
    r"model|column|type|net)\.?\s*([A-E])" + _LRN + r"\s*\)|\s*\(\s*(A)(\s?-\s?LRN)\s*\)|"
    r"-([A-E])" + _LRN + r"(?![\w-])|"
    r"\s+(?:config(?:uration)?|model|column|type)\.?\s*([A-E])" + _LRN + r"(?![\w-])")


def _norm(name: str) -> str:
    return name.lower()


class Figures(NamedTuple):
    name: str
    label: str  # "googlenet (paper)", "googlenet-tv (torchvision)"
    params: int
    trainable: int
    depth: int
    macs: int
    conv: int  # conv layers in the network
    fc: int  # fully connected layers
    no_norm: int = 0  # parameters without the normalisation layers' scales and shifts
    # a chain without branches counted with its pooling layers (LeNet-5's "7 layers":
    # C1 S2 C3 S4 C5 F6 and the output); 0 for a network with branches
    pooled_depth: int = 0
    # a network drawn across two GPUs (AlexNet's conv2, conv4, conv5 in two groups) counted
    # as most hand counts do, each such layer whole; 0 for a network without them
    ungrouped: int = 0
    side: int = 0  # the input's height: 224 for ImageNet's networks, 32 for CIFAR's
    # convs whose kernel covers the whole map they read, unpadded (LeNet-5's C5 on 5x5):
    # a fully connected layer by what it computes, and counted as one by many notes
    whole_map: int = 0
    rbf: int = 0  # an output of RBF units (LeNet-5's Gaussian connections), no plain FC


@lru_cache(maxsize=None)
def figures(name: str) -> Figures | None:
    """A bundled spec's totals; None if it does not load (it may be mid-edit)."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        spec = load_bundled(name)
        a = analyze(spec)
    except Exception:  # noqa: BLE001 - a broken spec is simply not used
        return None
    conv = sum("conv" in r.type for r in a.rows)
    fc = sum(r.type in ("linear", "rbf") for r in a.rows)
    if name.endswith("-tv"):
        variant = "torchvision"
    elif spec.paper and spec.matches:
        variant = "paper = torchvision"
    elif spec.paper:
        variant = "paper"
    else:
        variant = "torchvision" if spec.matches else ""
    label = f"{name} ({variant})" if variant else name
    norm = sum(r.params for r in a.rows if r.type in ("bn", "layernorm"))
    chain = all(r.kind is not None and len(r.inputs) <= 1 for r in a.rows)
    pools = sum(isinstance(r.kind, _Pool) for r in a.rows)
    halves = sum(r.params - (r.kind.values.get("out", 0) if r.kind.values.get("bias", True)
                             else 0)
                 for r in a.rows if "conv" in r.type and
                 getattr(r.kind, "values", {}).get("groups") == 2)
    whole = sum(1 for r in a.rows if "conv" in r.type and whole_map_conv(r))
    return Figures(name, label, a.totals.params, a.totals.trainable_params, a.totals.depth,
                   a.totals.macs, conv, fc, a.totals.params - norm,
                   a.totals.depth + pools if chain and pools else 0,
                   a.totals.params + halves if halves else 0, spec.input[-2], whole,
                   sum(r.type == "rbf" for r in a.rows))


def whole_map_conv(row) -> bool:
    """A conv whose kernel is the whole map it reads, unpadded: its output is 1x1."""
    values = getattr(row.kind, "values", {})
    shape = row.input if isinstance(row.input, tuple) else ()
    return len(shape) == 3 and values.get("kernel") == tuple(shape[1:]) and \
        not any(values.get("padding") or ()) and shape[1:] != (1, 1)


@lru_cache(maxsize=1)
def _bundled() -> list[str]:
    from cnnstat.models.zoo import bundled_names

    return bundled_names()


class Resolved(NamedTuple):
    specs: list[str]  # bundled specs the name means, the usual one first
    generic: bool  # a family name (VGG), not one network (VGG-16)
    missing: str | None  # a named network that is not bundled
    # a name that leaves open which member it is, some of them not bundled ("ResNeXt-101",
    # "Wide ResNet"): no specs, and the bundled members it may mean
    candidates: tuple[str, ...] = ()


def resolve(mention: Mention) -> Resolved:
    """The bundled specs a mention names. Remembered by what decides it (the family, the
    number, a VGG's "bn"), not by where in a line the name stands."""
    bn = mention.family == "vgg" and mention.text.lower().rstrip().endswith("bn")
    # "VGG (configuration D)": D, not C (16 layers with 1x1 convs)
    d = mention.family == "vgg" and mention.number == "16" and bool(
        re.search(r"(?<![A-Za-z])D\b", mention.text))
    return _resolve(mention._replace(start=0, end=0, text="bn" if bn else "D" if d else ""))


@lru_cache(maxsize=512)
def _resolve(mention: Mention) -> Resolved:
    names = _bundled()
    fam = next(f for f in FAMILIES if f[0] == mention.family)
    _, _, numbered, usual, member_rx = fam
    members = [n for n in names if re.match(member_rx, _norm(n))]
    if mention.family in _OPEN_NAMED:
        return _open_named(mention.family, mention.number, members)
    if mention.number is None and numbered and mention.family != "lenet":
        ordered = sorted(members, key=lambda n: (not n.startswith(usual), n))
        return Resolved(ordered, True, None if ordered else mention.family)
    if mention.family == "lenet" and mention.number is None:
        key = "lenet5"
    else:
        key = mention.key if numbered else usual
    specs = [n for n in names if n == key or n.replace("-", "_") == key
             or re.match(re.escape(key) + r"[-_][A-Za-z]", n)
             or (not numbered and mention.family in _BY_PATTERN
                 and re.match(member_rx, _norm(n)))]
    if mention.family == "vgg" and mention.text.lower().rstrip().endswith("bn"):
        specs = [n for n in specs if "bn" in n] or specs
    if mention.family == "vgg" and mention.text == "D":
        specs = [n for n in specs if not n.endswith("-c")] or specs
    specs.sort(key=lambda n: (n != key, not n.endswith("-tv"), n))
    return Resolved(specs, False, None if specs else key)


def _open_named(family: str, number: str | None, members: list[str]) -> Resolved:
    """A Wide ResNet or a ResNeXt by the numbers written after its name: depth and
    widening factor (WRN-28-10; torchvision's Wide ResNet-50 and -101 widen by 2), depth,
    cardinality and width (ResNeXt-50 is the paper's 32x4d; ResNeXt-101 is 32x4d, 32x8d
    or 64x4d, the first not bundled)."""
    nums = [int(n) for n in number.split("-")] if number else []
    if family == "wrn":
        if len(nums) == 1 and nums[0] in (50, 101):
            nums.append(2)
        if len(nums) == 2:
            want = {f"wide_resnet{nums[0]}_{nums[1]}", f"wrn-{nums[0]}-{nums[1]}"}
            found = [n for n in members if n in want]
            return Resolved(found, False, None if found else f"WRN-{nums[0]}-{nums[1]}")
        open_ = [n for n in members if not nums or re.search(rf"(?:wrn-|resnet){nums[0]}[-_]", n)]
        return Resolved([], not nums, f"Wide ResNet {number or ''}".strip(), tuple(open_))
    depth, card, width = (nums + [None, None, None])[:3]
    if depth == 50 and card in (None, 32) and width in (None, 4):
        card, width = 32, 4
    elif depth == 101 and card == 64 and width in (None, 4):
        width = 4
    if depth and card and width:
        name = f"resnext{depth}_{card}x{width}d"
        found = [n for n in members if n == name]
        return Resolved(found, False, None if found else name)
    open_ = [n for n in members if (depth is None or n.startswith(f"resnext{depth}_"))
             and (card is None or f"_{card}x" in n)]
    return Resolved([], depth is None, f"ResNeXt {number or ''}".strip(), tuple(open_))


def nominal_member(family: str, depth: int) -> str | None:
    """``vgg`` and 19 -> ``vgg19``: the member a family's depth figure names."""
    if depth in NOMINAL.get(family, ()):
        return f"{family}{depth}"
    return None
