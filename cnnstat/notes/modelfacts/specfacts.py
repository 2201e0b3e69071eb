"""A named network's input size and its first conv layer's settings, stated in prose:
``VGG16 takes 224x224 images``, ``ResNet의 입력은 299x299``, ``GoogLeNet's first 7x7
convolution has stride 1``, ``AlexNet의 첫 번째 conv 층은 stride 2로 ...``.

The truth is the bundled specs' (``input:`` and the first conv of the network, through the
layer algebra's own settings): a figure is right when one spec the name means agrees
(AlexNet's paper spec takes 227x227, torchvision's 224x224: either is right). Where the
specs disagree among themselves and the figure is close to one of them, it is unsure.
A line is read only when it names one network, is no question, and says nothing of
resizing or cropping (``resized to 256, cropped to 224``: the sizes of a pipeline, not of
the network's input). A setting is the first layer's only on a line that says "first"
(``first``, ``1st``, ``conv1``, ``첫``) and names no other layer or a pooling.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts import kernelconv, kernelsize, nthconv
from cnnstat.notes.modelfacts.models import NAME_SIGNS, Mention, mentions, resolve
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import PAD, STRIDE

_PRODUCT = re.compile(r"(?<![0-9.,A-Za-z])(?:3\s*[x×X*]\s*)?([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})"
                      r"(?:\s*[x×X*]\s*([0-9]{1,4}))?(?![0-9.,]?[0-9])")
_INPUT_BEFORE = re.compile(r"(?:input|입력|takes|expects|accepts|feeds?|fed|receives)"
                           r"(?:[^0-9,.;]{0,20})$", re.I)
_INPUT_AFTER = re.compile(r"^[^0-9,.;]{0,6}(?:\(?RGB\)?\s*|컬러\s*|color\s*|colour\s*)?"
                          r"(?:inputs?|입력|images?\s+as\s+(?:its\s+)?input|이미지를?\s*(?:입력|받))",
                          re.I)
# "The input of VGG is set to an RGB image of 224x244": the input named before the network
_INPUT_OF = re.compile(r"\binput(?:\s+size)?\s+(?:of|to|for)\s+(?:the\s+)?$", re.I)
_PIPELINE = re.compile(r"crop|resiz|rescal|scal(?:e|ed|ing)\b|shorter|짧은|자르|잘라|augment|"
                       r"random|upsampl|patch|tile|pad(?:ded|ding)?\s+to|multi-?scale|test\s+time|chang|instead",
                       re.I)
# sizes a network is commonly run at besides its paper's: LeNet-5 on MNIST's 28x28 (the
# first conv padded by 2), AlexNet at 224 (the paper's own figure; its arithmetic needs 227)
_CIRCULATING = {"lenet": (28,), "alexnet": (224, 227)}
_CLAUSE = re.compile(r"[,;()`]|[.!?](?:\s|$)|--")
_FIRST = re.compile(r"\bfirst\b|\b1st\b|\bconv[-_ ]?1(?![0-9a-z_])|첫\s*(?:번째|째)?|처음", re.I)
_OTHER_LAYER = re.compile(r"\bsecond\b|\bthird\b|\b[2-9](?:nd|rd|th)\b|\bconv[-_ ]?[2-9](?![0-9a-z_])|"
                          r"두\s*번째|세\s*번째|pool|풀링|stem\s+of|last|마지막|each|every|각|"
                          r"block|stage|module|residual|bottleneck|inception|branch|블록|스테이지|"
                          r"모듈|\bfc\b|fully|dense|linear|완전|전결합|depthwise|pointwise", re.I)
_CONV_WORD = re.compile(r"conv|합성곱|컨볼루션|layer|층|레이어|filter|필터|kernel|커널", re.I)
_FILTERS = re.compile(r"(?<![0-9x×*])([0-9]{1,4})\s*(?:filters|kernels|output\s+channels|"
                      r"개의?\s*(?:필터|커널|채널))|(?:필터|커널)\s*([0-9]{1,4})\s*개", re.I)


class Front(NamedTuple):
    name: str
    size: int | None  # the input's height (= width), None for a non-square input
    kernel: int | None
    stride: int | None
    padding: int | None
    filters: int | None


@lru_cache(maxsize=None)
def front(name: str) -> Front | None:
    """A bundled spec's input size and its first conv's settings; None if it does not load."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        spec = load_bundled(name)
        rows = analyze(spec).rows
    except Exception:  # noqa: BLE001 - a broken spec is simply not used
        return None
    shape = tuple(spec.input)
    size = shape[-1] if len(shape) == 3 and shape[1] == shape[2] else None
    conv = next((r for r in rows if r.type == "conv"), None)
    v = getattr(conv.kind, "values", {}) if conv is not None else {}

    def square(key: str) -> int | None:
        got = v.get(key)
        return got[0] if isinstance(got, tuple) and len(set(got)) == 1 else None

    return Front(name, size, square("kernel"), square("stride"), square("padding"),
                 v.get("out"))


# a line naming a network, or giving a conv's kernels under one (``nthconv``)
NEEDS = NAME_SIGNS + nthconv.NEEDS


def check_line(number: int, masked: str, heading: Mention | None = None, above: str = ""
               ) -> tuple[list[Claim], list[Skip]]:
    """The input size and the first conv's settings; else the settings of the k-th conv
    the line (or the label above it) names (``nthconv``)."""
    claims, skips = _front_line(number, masked)
    if not claims and len({(m.family, m.key) for m in mentions(masked)}) > 1:
        for part in kernelsize.SENTENCE.split(masked):  # a sentence a network
            more, fewer = _front_line(number, part)
            claims, skips = claims + more, skips + fewer
    if claims:
        return claims, skips
    claims = kernelconv.check_line(number, masked)  # "AlexNet's 11x11 conv, stride 4"
    if claims:
        return claims, skips
    more, fewer = nthconv.check_line(number, masked, heading, above)
    return more, skips + fewer


def _front_line(number: int, masked: str) -> tuple[list[Claim], list[Skip]]:
    named = mentions(masked)
    if not named or len({(m.family, m.key) for m in named}) != 1 or asks(masked):
        return [], []
    mention = named[0]
    claims: list[Claim] = []
    skips: list[Skip] = []
    if not _PIPELINE.search(masked):
        for m in _PRODUCT.finditer(masked):
            h, w = int(m.group(1)), int(m.group(2))
            if min(h, w) < 24 or m.start() < named[0].end or \
                    _CLAUSE.search(masked, named[0].end, m.start()):
                continue  # the network is the subject of the clause that gives the size
            if not (_INPUT_BEFORE.search(masked[max(0, m.start() - 40):m.start()])
                    or _INPUT_AFTER.match(masked[m.end():m.end() + 40])
                    or _INPUT_OF.search(masked[:mention.start])):
                continue
            label = f"{mention.text} input {h}x{w}"
            if h != w:  # "224x244": one side the network's square input, the other a
                # slip of a digit (near square: "224x320" may be a rectangle run on purpose)
                sides = {f.size for f in _fronts(mention)}
                if sides & {h, w} and not sides >= {h, w} and abs(h - w) <= max(h, w) // 8:
                    got = _judge(number, label, f"{h}x{w}", -1, [(f.name, f.size) for f
                                                                  in _fronts(mention)])
                    (claims if isinstance(got, Claim) else skips).append(got)
                break
            if h in _CIRCULATING.get(mention.family, ()):
                skips.append(Skip(number, label, "unsure: a size the network is commonly run "
                                                  "at, not the paper's"))
                break
            got = _judge(number, label, f"{h}x{w}", h,
                         [(f.name, f.size) for f in _fronts(mention)])
            if isinstance(got, Claim) and got.verdict == "wrong" and any(
                    o.group(1) == o.group(2) and int(o.group(1)) == got.actual
                    for o in _PRODUCT.finditer(masked) if o.start() != m.start()):
                # "Image size 299 x 299 for inception_v3: feeding it 224 x 224 still
                # runs": the line gives the network's own size too; this is a run at another
                got = Skip(number, label, f"unsure: the line also gives {mention.text}'s own "
                                          f"input ({got.actual}); this one is another run's")
            (claims if isinstance(got, Claim) else skips).append(got)
            break  # the input is stated once; a later size is another map's
    if _FIRST.search(masked) and _CONV_WORD.search(masked):
        said = _first_sentence(masked)
        if said is not None:
            got = _settings(number, mention.text, said, mention, skips)
            if not any(m.text in said for m in named):
                # "ZFNet only grew AlexNet. Its first conv's stride 4 went to 2": the
                # setting's sentence names no network; it may be another's, before a change
                skips += [Skip(number, c.text, "unsure: the first layer's sentence does not "
                                               f"name {mention.text}") for c in got
                          if c.verdict == "wrong"]
                got = [c for c in got if c.verdict != "wrong"]
            claims += got
    return claims, skips


_SENTENCE_END = re.compile(r"[.!?。](?=\s|$)")


def _first_sentence(masked: str) -> str | None:
    """The line's sentence that names the first layer, and the sentences after it up to one
    that names another layer ("This is AlexNet's first conv. Its 11x11 kernel ..."): another
    layer's words elsewhere on the line -- "the FC layers hold most. Like LeNet, CONV1 has 6
    filters" -- are no part of it. None where the first layer's own sentence has them."""
    start, said = 0, None
    ends = [m.end() for m in _SENTENCE_END.finditer(masked)] + [len(masked)]
    for end in ends:
        sentence, begun = masked[start:end], start
        start = end
        if said is None:
            if _FIRST.search(sentence) and _CONV_WORD.search(sentence):
                if _OTHER_LAYER.search(sentence):
                    return None
                said = begun
        elif _OTHER_LAYER.search(sentence):
            return masked[said:begun]
    return None if said is None else masked[said:]


def _fronts(mention: Mention) -> list[Front]:
    """The fronts of every spec a name means (loaded only for a line that states one)."""
    return [f for f in (front(s) for s in resolve(mention).specs) if f is not None]


def _settings(number: int, name: str, masked: str, mention: Mention,
              skips: list[Skip]) -> list[Claim]:
    stated: list[tuple[str, int]] = []
    for key, rx in (("stride", STRIDE), ("padding", PAD)):
        found = {int(next(g for g in m.groups() if g)) for m in rx.finditer(masked)}
        if len(found) == 1:
            stated.append((key, found.pop()))
    kernels = {int(m.group(1)) for m in _PRODUCT.finditer(masked)
               if m.group(1) == m.group(2) and int(m.group(1)) <= 15
               and m.group(3) in (None, "3")}
    if len(kernels) == 1:
        stated.append(("kernel", kernels.pop()))
    filters = {int(next(g for g in m.groups() if g)) for m in _FILTERS.finditer(masked)}
    if len(filters) == 1:
        stated.append(("filters", filters.pop()))
    out = []
    fronts = _fronts(mention) if stated else []
    kernel = dict(stated).get("kernel")
    if kernel is not None and fronts and all(f.kernel not in (None, kernel) for f in fronts):
        # "the first 1x1 convolution": the first of its kind, perhaps not the first conv
        skips.append(Skip(number, f"{name} first {kernel}x{kernel} conv",
                          "unsure: a kernel the first conv does not have may name another"))
        return []
    for key, value in stated:
        truth = [(f.name, getattr(f, key)) for f in fronts]
        shown = f"{value}x{value}" if key == "kernel" else str(value)
        got = _judge(number, f"{name} first conv {key} {shown}", shown, value, truth,
                     "the first conv's " + key)
        if isinstance(got, Claim):
            out.append(got)
        else:
            skips.append(got)
    return out


def _judge(number: int, text: str, claimed: str, value: int,
           truth: list[tuple[str, int | None]], what: str = "the input size") -> Claim | Skip:
    known = [(n, v) for n, v in truth if v is not None]
    if not known:
        return Skip(number, text, "the bundled specs do not say")
    listing = f"{what}: " + "; ".join(f"{n} {v}" for n, v in known[:4])
    agree = [n for n, v in known if v == value]
    if agree:
        return Claim(number, text, "model", claimed, value, "right", listing)
    values = sorted({v for _, v in known})
    if len(values) > 1 and min(abs(v - value) for v in values) <= max(4, value // 50):
        return Skip(number, text, f"unsure: the specs disagree ({listing})")
    return Claim(number, text, "model", claimed, known[0][1], "wrong", listing)
