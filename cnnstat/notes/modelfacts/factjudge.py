"""A model's figure in a note judged against the network's bundled specs (``facts``
finds the figure and the network it is about; ``named``, ``above`` and ``facttables``
judge theirs here too): right when a count agrees (the paper's, torchvision's, without
the norms' scales, ...), unsure where the note may count otherwise or speak of a changed
network, wrong only where no reading agrees."""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.modelfacts import heads, inputsides
from cnnstat.notes.modelfacts.models import Mention, Resolved, figures, nominal_member
from cnnstat.notes.reading.numbers import agrees, plain, quantize, write_like
from cnnstat.notes.reading.numerals import Number

EXACT = 100_000  # a count written to its last digit from here on is a counter's
NEAR = Fraction(25, 1000)  # a figure this close to a network's own count: unsure
COUNTS = ("depth", "conv", "fc")
WIDE = 10  # a count of conv or FC layers over this many times the network's own: a width
NAMES = {"params": "parameters", "depth": "depth", "conv": "conv layers",
         "fc": "FC layers", "macs": "MACs", "flops": "FLOPs"}

# figures a network's authors give in words, which no count of the spec gives: a rounding
# of a network counted without its training-only heads ((spec, kind): ((value, source),))
QUOTED = {
    # Szegedy et al. 2016, "Rethinking the Inception Architecture", section 1: "GoogLeNet
    # employed only 5 million parameters" (the 2015 paper: 12x fewer than AlexNet's 60M)
    ("googlenet", "params"): ((5_000_000, "Szegedy et al. 2016 quote it (5 million)"),),
    # Szegedy et al. 2015, "Going Deeper with Convolutions", section 5: "22 layers deep when
    # counting only layers with parameters (or 27 layers if we also count pooling)"
    ("googlenet", "depth"): ((27, "the paper counts it with the pooling layers (27)"),),
    # torchvision's Inception_V3_Weights.IMAGENET1K_V1: num_params 27,161,264, the model
    # with its auxiliary classifier (the bundled spec is the inference model without it)
    ("inception_v3", "params"): ((27_161_264, "torchvision counts it with its auxiliary "
                                              "classifier (27,161,264)"),),
}
# Tan & Le 2021, "EfficientNetV2", Table 7 (ImageNet, at the test sizes 384 and 480): the
# paper's own counts of its models, a few percent off the released models' (torchvision
# 21.5M / 8.37G, 54.1M / 24.58G, 118.5M / 56.08G); its FLOPs are multiply-adds
# Tan & Le 2019, "EfficientNet", Table 2 likewise (B0-B7 at 224-600; torchvision's B4 4.39G,
# B5 10.27G, B2 1.09G are its released models')
_PAPER_TABLES = (
    ("Tan & Le 2021, Table 7", (("efficientnet_v2_s", 24e6, 8.8e9), ("efficientnet_v2_m", 55e6, 24e9),
                                ("efficientnet_v2_l", 121e6, 53e9))),
    ("Tan & Le 2019, Table 2", (("efficientnet_b0", 5.3e6, 0.39e9), ("efficientnet_b1", 7.8e6, 0.70e9),
                                ("efficientnet_b2", 9.2e6, 1.0e9), ("efficientnet_b3", 12e6, 1.8e9),
                                ("efficientnet_b4", 19e6, 4.2e9), ("efficientnet_b5", 30e6, 9.9e9),
                                ("efficientnet_b6", 43e6, 19e9), ("efficientnet_b7", 66e6, 37e9))))
for _source, _rows in _PAPER_TABLES:
    for _name, _params, _flops in _rows:
        QUOTED[(_name, "params")] = ((int(_params), f"the paper gives it ({_source})"),)
        QUOTED[(_name, "macs")] = QUOTED[(_name, "flops")] = (
            (int(_flops), f"the paper gives it ({_source})"),)


def _lenient(num: Number, kind: str) -> Number:
    """``138,000,000`` or ``1억 3800만`` parameters: the zeros are rounding."""
    if kind in COUNTS or num.value.denominator != 1 or num.value == 0:
        return num
    v, p = int(num.value), num.precision
    step = Fraction(1)
    while v % (step * 10) == 0:
        step *= 10
    return num._replace(precision=max(p, step)) if step > p else num


# a dataset of small images: a network trained on it is often the ImageNet network with
# another stem and head (ResNet-18 for CIFAR-10: 11.17M, not 11.69M)
SMALL_IMAGES = re.compile(r"cifar|mnist|svhn|stl-?10|tiny[\s-]?imagenet|\b32\s*[x×]\s*32\b", re.I)
# a network changed for the note's own use (pruned, another head): not the paper's figures
CHANGED = re.compile(r"prun|compress|quantiz|distill|modif|custom|fine-?tun|변형|수정한|경량화|"
                     r"width\s*(?:multiplier|factor)?\s*(?:of|=|:)?\s*[0-9.]+|multiplier|"
                     r"(?<![A-Za-z])(?:α|alpha)\s*=|"
                     r"가지치기|\bI\s+(?:built|made|wrote|designed|created|implemented)\b|"
                     r"\b(?:smaller|shallower|slimmer|narrower|thinner|reduced|lighter)\s+"
                     r"(?:version\s+of\s+)?(?:the\s+)?(?=[\w-]*(?:net|vgg|res))|"
                     r"\b(?:our|my|your)\s+(?:own\s+|\w+\s+)?(?:model|network|version|"
                     r"implementation|variant|re-?implementation|[a-z]*net|vgg|res)", re.I)


# the output layer named as a part of its own ("1 FC layer and the output layer", "완전연결
# 1개와 출력층"): the fully connected layers counted are those before it
# ("two hidden FC layers"; a softmax is no layer apart: it follows the output layer)
# ("5 conv, 2 fully connected layers, 1 final fully connected layer": the last FC apart)
_OUTPUT_APART = re.compile(r"(?:output|출력|final|최종)\s*(?:(?:fully[\s-]*connected|fc|dense|"
                           r"linear|classifier|classification)\s*)?(?:layers?|층|레이어)"
                           r"(?![A-Za-z])|출력층|"
                           r"\bhidden\b|은닉", re.I)


# a depth counted with the pooling layers: "counting pooling", "if you count the pools",
# "including the pooling layers", "with pooling", "풀링층까지 세면", "풀링 포함", the
# pooling layers counted before a total
_WITH_POOLS = re.compile(r"(?:count\w*|includ\w*|with)\s+(?:the\s+|its\s+)?(?:max\s*)?pool|"
                         r"pool\w*\s+(?:layers?\s+)?(?:(?:are|is|were|get)\s+(?:also\s+)?)?"
                         r"(?:included|counted|too)|"
                         r"풀링\w*\s*(?:(?:층|레이어)\w*\s*)?(?:까지|도|을?\s*포함|을?\s*세|을?\s*합)|"
                         # "풀링층 5개 총 27개층": the pools counted, then the total
                         r"(?:풀링|pool\w*)\s*(?:layers?|층|레이어)\s*[0-9]+\s*개?[^0-9]{0,12}?"
                         r"(?:총|전체|in\s+(?:all|total)|total)|[0-9]+\s*(?:max\s*)?pool\w*\s+"
                         r"layers?[^0-9]{0,12}?(?:총|in\s+(?:all|total)|total)",
                         re.I)


# a framework that counts its layer objects (model.layers, modules), not weighted layers
_FRAMEWORK = re.compile(r"keras|tensorflow|\btf\.|pytorch|torch|\blayers\)|model\.layers|"
                        r"modules\(\)|summary\(\)|caffe|prototxt|mxnet", re.I)


# a name written on past the network's (DenseNet-BC-100, MnasNet-A1, ShuffleNet V2 2x,
# MobileNet 0.5, ResNet-50x4, MobileNetV2 (width 1.4)) or a part of a longer one
# (Inception-ResNet-v2): a variant the specs may not hold
_VARIANT_AFTER = re.compile(r"(?:[-\s](?:style|like|type|based|inspired|ish)\b|\s*(?:스타일|유사|"
                            r"기반|형태|식의?\s)|"  # "a VGG-style block": a net in its manner
                            r"[-_ ]?(?:[A-Z]{1,2}[0-9]{0,3}|v[0-9])\b|[-_ ]?[0-9]+(?:\.[0-9]+)?[x×]"
                            r"(?:[0-9]+)?\b|[-_ ]?[x×][0-9]+(?:\.[0-9]+)?\b|[-_][0-9]+[x×][0-9]+|"
                            r"\s+[0-9]\.[0-9]{1,2}\b|\s*\(\s*(?:width|α|alpha|multiplier|depth|"
                            r"[0-9.]+\s*[x×]|[x×]\s*[0-9.]+|[0-9]\.[0-9]+\s*\)))")
_VARIANT_BEFORE = re.compile(r"[A-Za-z][-_]$")
# a network made in the manner of the one named: "an example inspired by LeNet-5", "based
# on VGG-16", "modelled after AlexNet", "a variant of ResNet-18", "LeNet-5를 참고한"
_MANNER_BEFORE = re.compile(r"(?:inspired\s+by|based\s+on|modell?ed\s+(?:on|after)|derived\s+"
                            r"from|adapted\s+from|variant\s+of|version\s+of|similar\s+to)"
                            r"\s+(?:the\s+)?(?:original\s+)?[`*_\s]*$", re.I)
_MANNER_AFTER = re.compile(r"[`*_\s]*(?:을|를|에서)\s*(?:참고|본뜬|본떠|변형|응용|영감)")


def variant(mention: Mention, context: str) -> bool:
    """The line writes the network's name on (or as a part of a longer name), or names it
    as the model of another (``inspired by``): the figure may be a variant's that the
    specs do not hold."""
    if context[mention.start:mention.end] != mention.text:
        return False  # the mention is not from this text
    return bool(_VARIANT_AFTER.match(context, mention.end) or
                _VARIANT_BEFORE.search(context, 0, mention.start) or made_after(mention, context))


def made_after(mention: Mention, context: str) -> bool:
    """The line names the network as the model another is made after (``inspired by``)."""
    return context[mention.start:mention.end] == mention.text and bool(
        _MANNER_AFTER.match(context, mention.end) or
        _MANNER_BEFORE.search(context, max(0, mention.start - 40), mention.start))


# a part of the network the line speaks of: a conv count under half the network's is then
# the part's ("the 16 conv layers of the stem"); a bigger one, with no part named, is a
# slip (MobileNetV2's 17 bottleneck blocks called "17 convolutional layers")
_STACK = re.compile(r"block|stage|module|stack|stem|branch|\beach\b|\bper\b|before|after|first|"
                    r"last|top|bottom|블록|모듈|스테이지|각\s|마다|처음|마지막|앞|뒤", re.I)


# the line takes stock of the whole network ("consists of", a conv count beside, a table's
# rows): a count
# of FC layers short of the network's is then a slip, not a part of them ("two FC layers
# of 4096 units", "이 중 두 개의 완전연결층은 드롭아웃을 쓴다")
_INVENTORY = re.compile(r"\||consist|compos|made\s+(?:up\s+)?of|built\s+(?:from|of|with)|구성|이루어|"
                        r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"thirteen|sixteen|한|두|세|네|다섯|여섯|일곱|여덟)\s*(?:개의?\s*)?"
                        r"(?:conv|합성곱|컨볼루션)|(?:conv\w*|합성곱|컨볼루션)\s*(?:layers?\s*|층\s*)?"
                        r"\d+\s*개", re.I)


def judge(kind: str, num: Number, mention: Mention, resolved: Resolved, line: int,
          text: str, start: int, end: int, context: str = "") -> Claim | Skip:
    """A figure of a network against its specs; ``context`` (the line, a table) naming a
    dataset of small images makes a figure off an ImageNet network's unsure, and a name
    written on past the network's (a variant) one off every member's."""
    out = _judge(kind, num, mention, resolved, line, text, start, end, context)
    if isinstance(out, Claim) and out.verdict == "wrong":
        from cnnstat.notes.modelfacts.versionless import sibling
        other = sibling(kind, _lenient(num, kind), mention, _values, kind in COUNTS)
        if other is not None:  # "MobileNet | 3.4M": MobileNetV2's count, the version unsaid
            return Skip(line, text, f"unsure: {mention.text} without its version; "
                                    f"{num.text} is {other}'s")
    if isinstance(out, Claim) and out.verdict == "wrong" and variant(mention, context):
        return Skip(line, text, "unsure: a variant the specs may not hold ("
                                f"{' '.join(context[mention.start:mention.end + 14].split())})")
    if isinstance(out, Claim) and out.verdict == "wrong" and kind not in COUNTS:
        from cnnstat.notes.modelfacts.versionless import member_owning  # ResNet-56's 0.85M
        if (owner := member_owning(kind, _lenient(num, kind), mention, _values, False)):
            out = out._replace(detail=f"{out.detail}; {num.text} is {owner}'s")
    return out


def _judge(kind: str, num: Number, mention: Mention, resolved: Resolved, line: int,
           text: str, start: int, end: int, context: str) -> Claim | Skip:
    claimed = _lenient(num, kind)
    if not resolved.specs and resolved.candidates:
        return _open(kind, num, claimed, mention, resolved, line, text)
    specs = list(resolved.specs)
    if kind == "depth" and resolved.generic and num.value.denominator == 1:
        member = nominal_member(mention.family, int(num.value))
        if member is not None:
            named = [s for s in specs if s == member or re.match(re.escape(member) + r"[-_]", s)]
            if not named:
                return Skip(line, text, f"{member} is not bundled")
            specs = named
    figs = [f for f in (figures(s) for s in specs) if f is not None]
    if not figs:
        return Skip(line, text, f"no bundled spec for {mention.text}")
    apart = kind == "fc" and bool(_OUTPUT_APART.search(context))
    for f in figs:
        values = _values(kind, f) + ([(f.fc - 1, " fully connected layers before the output "
                                       "layer the line names apart")] if apart else []) + \
            (heads.swapped(f.name) if kind == "params" else [])  # a CIFAR-100 head
        for v, how in values:
            if agrees(Fraction(v), claimed, exact=kind in COUNTS):
                detail = f"{f.label}: {plain(v)}{how}"
                return Claim(line, text, "model", num.text, v, "right", detail)
    if kind in ("conv", "fc") and all(claimed.value > WIDE * max(_values(kind, f)[0][0], 1)
                                      for f in figs):
        # "FC-1: 4096 fully connected layers": no network has layers of a kind by the
        # thousand; a count over WIDE times the network's own is a layer's width (units,
        # filters) written after the layer's name
        return Skip(line, text, f"unsure: {num.text} {NAMES[kind]}, over {WIDE} times "
                                f"{mention.text}'s: a layer's width (units or filters)?")
    for f in figs:  # a figure the network's own authors quote in words (a depth counted
        # with the pooling layers only where the line speaks of them)
        for v, source in QUOTED.get((f.name, kind), ()) if kind != "depth" or \
                _WITH_POOLS.search(context) else ():
            if agrees(Fraction(v), claimed):
                return Claim(line, text, "model", num.text, v, "right",
                             f"{f.label}: {plain(v)} as {source}")
    same = [f for f in figs if f.name in (figs[0].name, figs[0].name + "-tv",
                                          figs[0].name + "_bn")]
    if kind in ("params", "macs", "flops") and len(same) > 1 and not resolved.generic \
            and claimed.precision > 1:  # every digit written: it is one count or neither
        # one network counted two ways (paper and torchvision): a figure between the
        # two, at the precision written, is one of the counts in circulation
        lo = min(_values(kind, f)[0][0] for f in same[:2])
        hi = max(_values(kind, f)[0][0] for f in same[:2])
        c = claimed.value
        if quantize(Fraction(lo), claimed.precision, "down") <= c <= \
                quantize(Fraction(hi), claimed.precision) + 0:
            return Claim(line, text, "model", num.text, int(c), "right",
                         f"between {same[0].label} and {same[1].label}: "
                         f"{plain(lo)} to {plain(hi)}")
    if kind in ("params", "macs", "flops") and not resolved.generic:
        # within NEAR of one of the network's own counts (not another configuration's):
        # a count the paper, an implementation or a rounding may give; unsure
        for f in same:  # (with the head of the classes the note named: another stem)
            for v, how in _values(kind, f) + (heads.swapped(f.name) if kind == "params" else []):
                if abs(claimed.value - v) <= NEAR * v + claimed.precision / 2:
                    return Skip(line, text, f"unsure: within {float(NEAR):.1%} of {f.label}"
                                            f"{how}: {plain(v)}")
    if kind in ("depth", "conv") and all(2 * claimed.value < _values(kind, f)[0][0]
                                         for f in figs) and (
            kind == "depth" or claimed.value <= 8 or _STACK.search(context)):
        # "two 3x3 convs in place of a 5x5", "2 conv layers and a pooling": a count under
        # half the network's own is a block's or a stack's, not a slip in its depth
        return Skip(line, text, f"{num.text} {NAMES[kind]}: under half of "
                                f"{mention.text}'s, a block's or a stack's count")
    if kind == "fc" and all(claimed.value < _values(kind, f)[0][0] for f in figs) and \
            not _INVENTORY.search(context):
        return Skip(line, text, f"unsure: {num.text} FC layers, fewer than {mention.text} "
                                "has: some of them (the hidden ones, those with dropout)?")
    if kind == "depth" and _WITH_POOLS.search(context):
        # "27 layers if you count the pools", "풀링층까지 세면 27층": another count of the
        # network's layers than its weight layers
        return Skip(line, text, f"unsure: {num.text} layers counted with the pooling layers")
    over = 2 if _FRAMEWORK.search(context) else 3  # "in Keras": any count above
    if kind == "depth" and num.value.denominator == 1 and \
            all(2 * claimed.value > over * _values(kind, f)[-1][0] for f in figs) and \
            nominal_member(mention.family, int(num.value)) is None:
        # "the model has 177 layers" of ResNet50, "23 layers in Keras" of VGG16: a
        # framework's layer objects (input, pooling, activations, norms, adds), no
        # member's depth: unsure
        return Skip(line, text, f"unsure: {num.text} layers, over half again "
                                f"{mention.text}'s depth: a count of a framework's layer "
                                "objects (activations, norms, adds)?")
    if kind not in COUNTS and any(f.side >= 64 for f in figs) and SMALL_IMAGES.search(context) \
            and not all(claimed.value > 2 * max(v for v, _ in _values(kind, f)) for f in figs):
        # (over twice the ImageNet network's is no small-image build's: a smaller input
        # shrinks its maps and first dense layer, fewer classes its head)
        return Skip(line, text, f"unsure: {mention.text} for small images (CIFAR) may be "
                                "another stem and head than the ImageNet network's")
    sides = inputsides.sides(context)
    if kind in ("macs", "flops") and sides - {f.side for f in figs}:
        return Skip(line, text, f"unsure: the line runs {mention.text} at another input "
                                f"({max(sides)}x{max(sides)}): its cost is another")
    if CHANGED.search(context):
        return Skip(line, text, f"unsure: the line speaks of {mention.text} changed "
                                "(pruned, modified, another head)")
    if kind == "params" and any(agrees(Fraction(v), claimed) for f in figs
                                for v in heads.headless(f.name)):
        return Skip(line, text, "unsure: the count without the classifier (a backbone's)")
    if kind == "params" and claimed.precision == 1 and claimed.value >= EXACT and \
            not _slipped(int(claimed.value), figs):
        # "5983802", "46,787,978": every digit written, as a counter prints it, and no
        # bundled build's: the count of a build of the note's own (another head, input or
        # framework); a figure read in a paper or a table is rounded. One a digit off a
        # bundled count (26,557,032 for 25,557,032) is that count copied with a slip
        return Skip(line, text, f"unsure: {num.text}, every digit written, is no bundled "
                                f"build's count: a build of {mention.text} of its own?")
    best = figs[0]
    v = _values(kind, best)[0][0]
    shown = str(v) if kind in COUNTS else write_like(Fraction(v), num)
    listing = "; ".join(f"{f.label} {plain(_values(kind, f)[0][0])}" for f in figs[:3])
    if len(figs) > 3:
        listing += f"; and {len(figs) - 3} more, none agreeing"
    return Claim(line, text, "model", num.text, v, "wrong", listing,
                 (Edit(line, start, end, shown),), shown)


def _slipped(stated: int, figs) -> bool:
    """``stated`` is one of the networks' counts with a digit changed or two swapped."""
    from cnnstat.notes.arithmetic.copied import near
    return any(near(stated, int(v)) for f in figs for v, _ in _values("params", f))


def composition(conv: int, fc: int, resolved: Resolved, context: str) -> str | None:
    """Whether ``conv`` conv layers and ``fc`` fully connected layers, each a count in
    use, are one count of a network the name may mean: None if so, else the counts that
    are (LeNet-5 has 3 conv + 2 FC, or 2 conv + 3 FC with C5 counted as fully connected;
    never 3 + 3, which counts C5 twice)."""
    figs = [f for f in (figures(s) for s in resolved.specs or resolved.candidates) if f]
    apart = bool(_OUTPUT_APART.search(context))
    pairs = []
    for f in figs:
        convs = {f.conv, f.depth - f.fc}
        moved = {0, f.whole_map}
        fcs = {f.fc, f.fc - 1} if apart else {f.fc}
        fcs |= {n - f.rbf for n in fcs}  # LeNet-5's RBF output may not be counted as FC
        for c in convs:
            for k in moved:
                if (conv, fc) in {(c - k, n + k) for n in fcs}:
                    return None
        pairs.append(f"{f.label}: {f.depth - f.fc} conv + {f.fc} FC" +
                     (f", or {f.depth - f.fc - f.whole_map} conv + {f.fc + f.whole_map} FC "
                      f"with a conv over the whole map counted as fully connected"
                      if f.whole_map else ""))
    return "; ".join(pairs[:3]) if figs else None


# a figure this many times off every bundled member of a name that leaves its member open
# is no member's (a unit slip: 88.7B for ResNeXt-101's 88.8M); nearer, an unbundled one may
# have it (ResNeXt-101 32x48d's 829M)
GROSS = 100


def _open(kind: str, num: Number, claimed: Number, mention: Mention, resolved: Resolved,
          line: int, text: str) -> Claim | Skip:
    """A figure of a name that leaves open which member it is (``ResNeXt-101``, ``Wide
    ResNet``): right when a bundled member agrees, wrong only when grossly off them all."""
    figs = [f for f in (figures(s) for s in resolved.candidates) if f is not None]
    for f in figs:
        for v, how in _values(kind, f):
            if agrees(Fraction(v), claimed, exact=kind in COUNTS):
                return Claim(line, text, "model", num.text, v, "right",
                             f"{f.label}: {plain(v)}{how}")
    values = [v for f in figs for v, _ in _values(kind, f) if v]
    if kind in COUNTS or not values or not all(
            claimed.value >= GROSS * v or GROSS * claimed.value <= v for v in values):
        return Skip(line, text, f"unsure: {mention.text} may be a member that is not bundled")
    listing = "; ".join(f"{f.label} {plain(_values(kind, f)[0][0])}" for f in figs[:3])
    return Claim(line, text, "model", num.text, values[0], "wrong",
                 f"over {GROSS} times off every {mention.text}: {listing}")


def _values(kind: str, f) -> list[tuple[int, str]]:
    if kind == "params":
        out = [(f.params, " parameters")]
        if f.ungrouped:  # AlexNet's 62,378,344: the two GPUs' groups counted whole
            out.append((f.ungrouped, " parameters without the two GPUs' groups"))
        if f.trainable != f.params:
            out.append((f.trainable, " trainable parameters"))
        if f.no_norm != f.params:  # how several papers count (MobileNetV2's 3.4M)
            out.append((f.no_norm, " parameters without batch/layer norm's scales and shifts"))
        return out
    if kind == "depth":
        out = [(f.depth, " layers with weights on the longest path")]
        if f.pooled_depth:
            out.append((f.pooled_depth, " layers counting the pooling (subsampling) layers"))
        return out
    if kind == "conv":
        # the paper's count of weight layers first (ResNet-50's 49 beside its 53 with the
        # projection shortcuts): a correction names the count the depth is made of
        out = [(f.conv, " conv layers")]
        if f.depth - f.fc != f.conv:
            out.insert(0, (f.depth - f.fc, " conv layers on the longest path"))
        if f.whole_map:
            out.append((f.conv - f.whole_map, " conv layers, a conv over the whole map "
                                              "(LeNet-5's C5) counted as fully connected"))
        return out
    if kind == "fc":
        out = [(f.fc, " fully connected layers")]
        if f.whole_map:
            out.append((f.fc + f.whole_map, " fully connected layers, counting a conv over "
                                            "the whole map (LeNet-5's C5) as one"))
        if f.rbf:
            out.append((f.fc - f.rbf, " fully connected layers, the output's RBF units "
                                      "(LeNet-5's Gaussian connections) not counted as one"))
        return out
    if kind == "macs":
        return [(f.macs, " MACs")]
    return [(2 * f.macs, " FLOPs (2 x MACs)"),
            (f.macs, " multiply-adds, which the papers and torchvision call FLOPs")]
