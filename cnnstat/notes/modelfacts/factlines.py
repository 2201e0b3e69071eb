"""Whose figure it is: a prose line's model figures (``facts.figures_in``) attributed to
the model they are about, then judged (``facts.judge``).

The owner is the one model the line names, else its section's. A line naming several
models gives each figure to the model named in brackets right after it (``16개의 층
(VGGNet-16)``), else to the model named last before it in the same clause (``several``).
Whatever the line's subject, a depth written with a model's own number (``VGG19 ... 19 layers``,
``ResNet152 despite having 152 layers``) is that model's, never another's: the name says
it. A figure of a part of the network (a block, a module, "each", "per", a kind of layer
as its subject: ``parts``) is never the model's total.
"""

from __future__ import annotations

import re

from cnnstat.notes.modelfacts import parts
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import NAMES, composition, judge
from cnnstat.notes.modelfacts.facts import (_FACT_HINT, _KIND_SUBJECT, _PART, _TOTAL, _VERSUS,
                                            LIST_BEFORE, Figure, _compared, figures_in,
                                            is_share)
from cnnstat.notes.modelfacts.models import NOMINAL, Mention, mentions, resolve
from cnnstat.notes.modelfacts.againstpair import against_pair, own_count
from cnnstat.notes.modelfacts.pooledpair import pooled_pair
from cnnstat.notes.modelfacts.several import _SCALED, _SENTENCE_END, _each_its_own
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.modelfacts.totals import whole_count

_LAYER_COUNTS = ("depth", "conv", "fc")
# a numbered step of a walkthrough past its first (``5. 3개의 합성곱층``, ``3) Three conv
# layers follow``, ``Step 4: ...``): its layers are the step's, not the network's
_STEP = re.compile(r"^\s{0,3}(?:#{1,6}\s*)?(?:(?:step|단계)\s*)?0*(?:[2-9]|[1-9]\d)\s*[.):]\s",
                   re.I)
# a line that goes on with a sentence of the line above (hard-wrapped prose)
_WRAPPED = re.compile(r"\s*[a-z]")
# a depth written as a network's adjective (``a 4-layer convolutional network``, ``4층
# 컨볼루션 신경망은``): the sentence describes a network of its own, not the section's
_A_NETWORK = re.compile(r"(?:\s*-?\s*(?:layers?|계?층|레이어)(?![A-Za-z]))?\s*(?:짜리\s*)?(?:(?:deep|convolutional|conv|neural|plain|residual|"
                        r"fully[- ]connected|컨볼루션|합성곱|심층|완전\s*연결)\s*)*"
                        r"(?:신경망|네트워크|networks?\b|nets?\b|CNNs?\b|MLPs?\b)", re.I)
# "660K units, 61M parameters, and over 600M connections": a figure of something else
# beside the parameter count does not compete with it
_COUNTS_ELSE = re.compile(r"\s*(?:units|neurons|connections|images|pictures|classes|samples|"
                          r"examples|pixels|activations|labels|뉴런|연결|이미지|장)\b", re.I)


def prose(number: int, raw: str, masked: str, tokens: list[Token],
          taken: list[tuple[int, int]], heading: Mention | None) -> tuple[list[Claim], list[Skip]]:
    """Figures of a prose line, attributed to the model it names or its heading's."""
    every = mentions(masked)
    for m in every:
        taken = taken + [(m.start, m.end)]
    # "LeNet과 유사", "similar to LeNet", "than VGG": a model named for comparison is not
    # the one the figures are about
    named = [m for m in every if not _compared(masked, m)]
    if not _FACT_HINT.search(masked):
        return [], []  # no word a model figure is written with
    figs, aside = figures_in(masked, tokens, taken)
    skips = [Skip(number, " ".join(raw.split())[:100], f"{f.text}: {why}") for f, why in aside]
    if not figs:
        return [], skips
    claims: list[Claim] = []
    for fig, owner in _by_name(masked, figs, every):
        figs.remove(fig)
        out = judge(fig.kind, fig.num, owner, resolve(owner), number,
                    f"{owner.text}: {fig.text}", fig.start, fig.end, masked)
        (claims if isinstance(out, Claim) else skips).append(out)
    for fig in [f for f in figs if f.kind in _SCALED and parts.is_part(masked, f.start, f.end)]:
        figs.remove(fig)  # the parts reader's
    if not figs:
        return claims, skips
    compared = [m for m in every if m not in named]
    theirs = {f.start: m for f in figs for m in compared if _of_compared(masked, f, m)}
    for fig in [f for f in figs if _after_compared(masked, f, compared, named)]:
        figs.remove(fig)  # "less than VGG with 16 or 19 layers": the compared model's figure
        skips.append(Skip(number, fig.text, "of the model named for comparison"))
    for fig in [f for f in figs if f.start in theirs]:
        figs.remove(fig)  # "compared to 60k parameters of LeNet-5": said of the compared one
        m = theirs[fig.start]
        out = judge(fig.kind, fig.num, m, resolve(m), number, f"{m.text}: {fig.text}",
                    fig.start, fig.end, masked)
        (claims if isinstance(out, Claim) else skips).append(out)
    if not figs:
        return claims, skips
    named = [m for m in named if not _genus(masked, m, named)]
    sources = [m for m in named if _SOURCE.match(masked, m.end)]
    if sources and len(sources) < len(named):
        # "the ResNet paper quotes 3.8 x 10^9 FLOPs for ResNet-50": the paper named as the
        # source, the model the figure is of named apart
        named = [m for m in named if m not in sources]
    families = {(m.family, m.key) for m in named}
    if len(families) > 1 and WHICH.search(masked):
        # "Which of AlexNet, VGG16 and ResNet-50 has 138M parameters?": the figure is the
        # question's, asked of every network it names, no one's claim
        return claims, skips + [Skip(number, f.text, "a question asking which network it "
                                                     "is") for f in figs]
    if len(families) > 1:
        c, s = _each_its_own(number, masked, named, figs, _part_of(masked))
        return claims + c, skips + s
    via_heading = not named
    if named:
        mention = named[0]
        # the model the line names is the subject, whatever the section's heading says
    elif heading is not None:
        mention = heading
    else:
        return claims, skips
    big = [t for t in tokens if t.kind == "NUM" and t.num.unit > 1 and  # (not the compared's)
           t.start not in theirs]
    kinds = [f.kind for f in figs] + [f.kind for f, _ in aside]
    paired = pooled_pair(masked, figs) | against_pair(masked, figs, raw)
    for fig in figs:
        label = f"{mention.text}: {fig.text}"
        if kinds.count(fig.kind) > 1 and fig.start not in paired:
            kin = [f for f in figs if f.kind == fig.kind] + [f for f, _ in aside
                                                            if f.kind == fig.kind]
            several = len({f.num.value for f in kin}) > 1
            if several or fig.start != min(f.start for f in kin):
                # one figure told again ("22개의 층으로 ... 세어 보면 22개의 층"): judged once
                skips.append(Skip(number, label, f"several {NAMES[fig.kind]} figures in one line"
                                  if several else "the same figure told again"))
                continue
        if fig.kind not in _SCALED and (mention.number or via_heading) and \
                LIST_BEFORE.search(masked, 0, fig.start):
            # "ResNet-18 ...; on CIFAR the paper builds 20, 32, 44 and 1202 layers": the
            # last of a list of counts, one each of several networks, none the one member's
            # the line names (a family's list is its members': "VGG comes with 16 or 19");
            # under a heading alone, a list of depths is of several networks ("we also
            # study 100 and 1000 layers on CIFAR-10", "100개와 1000개의 레이어")
            skips.append(Skip(number, label, "the last of a list of counts: several networks'"))
            continue
        if named and fig.end <= mention.start and _OTHER_MODEL.search(masked, 0, fig.start):
            # "The student model (4 layers, 1.2M parameters) learns from a ResNet-50
            # teacher": the figure is of the model the sentence opens with
            skips.append(Skip(number, label, "of another model the line speaks of first"))
            continue
        if named and fig.end <= mention.start and _WRAPPED.match(raw):
            # "contains 23 million parameters, the VGG-16 network is ...": a hard-wrapped
            # sentence begun on the line above, whose network may be another
            skips.append(Skip(number, label, "the figure's sentence began on the line above"))
            continue
        if fig.kind in _SCALED:
            # another scaled number that is not one of this line's figures (60M vs 138M)
            own = _own_sentence(masked, fig, named)  # another sentence's are not compared
            lo = masked.find(own)
            others = [t for t in big if not any(f.start == t.start for f in figs)
                      and not _COUNTS_ELSE.match(masked, t.end) and lo <= t.start < lo + len(own)
                      and not own_count(masked, fig.end, t.start)]
            if others or _VERSUS.search(own):
                skips.append(Skip(number, label, "several figures compared in one line"))
                continue
            if _part_of(own):
                skips.append(Skip(number, label, "about a part of the network"))
                continue
            if via_heading and (fig.num.unit == 1 or not _TOTAL.search(masked)) and \
                    not whole_count(masked, fig.kind, fig.num, mention):
                out = judge(fig.kind, fig.num, mention, resolve(mention), number, label,
                            fig.start, fig.end, masked)
                # "parameters : 143,667,240" under "VGG": every digit of a member's count
                if fig.num.precision == 1 and fig.num.value >= 10**5 and \
                        isinstance(out, Claim) and out.verdict == "right":
                    claims.append(out)
                    continue
                skips.append(Skip(number, label, "a count under a heading, not said to be "
                                                 "the model's total"))
                continue
        out = judge(fig.kind, fig.num, mention, resolve(mention), number, label,
                    fig.start, fig.end, masked)
        if via_heading and fig.kind == "depth" and isinstance(out, Claim) and \
                out.verdict == "wrong" and (_A_NET.match(masked, fig.end) or
                                            LIST_BEFORE.search(masked, 0, fig.start) or
                                            _KO_LIST.search(masked, 0, fig.start)):
            # "4층 컨볼루션 신경망은 ... 6배 빠르다" under AlexNet's paper, "100개와 1000개의
            # 레이어" under ResNet's: a network of so many layers the line describes, or
            # the last of a list of depths, maybe other networks than the section's
            out = Skip(number, label, "unsure: a network of that depth the line describes, "
                                      "not said to be the section's")
        if via_heading and fig.kind in _LAYER_COUNTS and isinstance(out, Claim) and \
                out.verdict == "wrong" and fig.num.value < out.actual and _STEP.match(raw):
            out = Skip(number, label, "unsure: a later step of a walkthrough under the "
                                      "heading: the step's layers, not the network's")
        elif via_heading and fig.kind in _LAYER_COUNTS and isinstance(out, Claim) and \
                out.verdict == "wrong" and _A_NETWORK.match(masked, fig.end):
            out = Skip(number, label, "unsure: a network the sentence describes by its "
                                      "depth, not the section's")
        if isinstance(out, Claim) and out.verdict == "wrong" and named and \
                not _same_sentence(masked, fig, named) and not _anaphor(masked, fig, named):
            # "The 16 stands for its 16 layers. (VGG-19 is larger.)": the figure's own
            # sentence names no model, and the heading's may own it: wrong only if wrong
            # for both; with no heading's model, it may be of what the sentence is about
            # ("FC 두 개: 256 → 16 → 256. ResNet-50 블록 하나에 비하면 ...")
            alt = judge(fig.kind, fig.num, heading, resolve(heading), number,
                        f"{heading.text}: {fig.text}", fig.start, fig.end, masked) \
                if heading is not None else \
                Skip(number, label, "unsure: the figure's own sentence names no network, "
                                    f"and {mention.text} is named in another ({out.detail})")
            if not (isinstance(alt, Claim) and alt.verdict == "wrong"):
                out = alt
        (claims if isinstance(out, Claim) else skips).append(out)
    return _composed(claims, figs, mention, masked), skips


_KO_LIST = re.compile(r"(?<![\w.])\d{1,4}\s*(?:개|층|레이어)?\s*(?:와|과|및|이나|또는)\s*$")
# a noun for a network right after a depth: "4층 컨볼루션 신경망", "a 4-layer conv net"
_A_NET = re.compile(r"[\s-]*(?:(?:layers?|계?층|레이어)[\s-]*)?(?:(?:deep|plain|convolutional|conv|합성곱|컨볼루션)\s*)?(?:neural\s+)?"
                    r"(?:신경망|네트워크|networks?\b|nets?\b|CNNs?\b|ConvNets?\b)", re.I)


def _composed(claims: list[Claim], figs: list[Figure], mention: Mention, masked: str
              ) -> list[Claim]:
    """A line's conv and FC counts of one network, each right in some count, judged
    together: wrong where no count gives both ("three conv and three FC layers" of
    LeNet-5, its C5 counted as both)."""
    conv = [f for f in figs if f.kind == "conv"]
    fc = [f for f in figs if f.kind == "fc"]
    if len(conv) != 1 or len(fc) != 1:
        return claims
    labels = {f"{mention.text}: {conv[0].text}", f"{mention.text}: {fc[0].text}"}
    if {c.text for c in claims if c.verdict == "right"} & labels != labels:
        return claims
    why = composition(int(conv[0].num.value), int(fc[0].num.value), resolve(mention), masked)
    if why is None:
        return claims
    out = []
    for c in claims:
        if c.text == f"{mention.text}: {fc[0].text}":
            c = c._replace(verdict="wrong", detail=f"{conv[0].text} and {fc[0].text} are no "
                                                  f"one count: {why}", edits=())
        out.append(c)
    return out


# a model of the note's own, before a named network: "The student model (...)", "Our
# network", "my CNN", "우리 모델"
_OTHER_MODEL = re.compile(r"\b(?:student|our|my|baseline|custom|proposed)\s+"
                          r"(?:\w+\s+)?(?:model|network|net|cnn)\b|우리\s*(?:가\s*만든\s*)?"
                          r"(?:모델|네트워크)|\bwe\b", re.I)


# "VGG16 is a variant of the VGG model with ...", "VGG16은 VGG 계열의 한 종류로": the family
# named as the kind its member is of
_KIND_OF = re.compile(r"(?:variant|version|member|type|kind|flavou?r|instance|one)\s+of\s+"
                      r"(?:the\s+)?$", re.I)
_KIND_OF_KO = re.compile(r"\s*(?:모델|네트워크|계열)?\s*(?:의\s*(?:한\s*)?(?:종류|변형|버전)|중\s*하나)")


WHICH = re.compile(r"\b(?:which|what|who)\b[^.?!]*\?|(?:어느|어떤|무엇)[^.?!]*\?", re.I)
_SOURCE = re.compile(r"(?:'s)?\s*(?:paper|authors?|article|publication|team|논문|저자)\b", re.I)


def _genus(masked: str, m: Mention, named: list[Mention]) -> bool:
    """Whether ``m`` names a family as the kind a member named before it is of."""
    return m.number is None and any(
        o.family == m.family and o.number and o.end <= m.start for o in named) and bool(
        _KIND_OF.search(masked, 0, m.start) or _KIND_OF_KO.match(masked, m.end))


def _after_compared(masked: str, fig: Figure, compared: list[Mention],
                    named: list[Mention]) -> bool:
    """Whether the figure is in the clause of a model named for comparison: the last model
    named before it is one, with no clause's end between (``than VGG nets with 19
    layers``; not ``LeNet과 유사, layer가 더 많아짐(5개 conv)``)."""
    before = [m for m in compared + named if m.end <= fig.start]
    if not before:
        return False
    last = max(before, key=lambda m: m.end)
    return last in compared and not _CLAUSE_END.search(masked, last.end, fig.start)


# "compared to 60k parameters of LeNet-5": the figure, its word, then the compared model
_OF_NAME = re.compile(r"\s*(?:parameters?|params|weights|layers?|FLOPs|MACs)?\s*(?:of|for|in)\s+"
                      r"(?:the\s+)?$", re.I)


def _of_compared(masked: str, fig: Figure, m: Mention) -> bool:
    """Whether the figure is said to be of ``m``, a model named for comparison, right
    after it (``compared to 60k parameters of LeNet-5``)."""
    return m.start >= fig.end and _OF_NAME.fullmatch(masked, fig.end, m.start) is not None


_CLAUSE_END = re.compile(r"[,;:.()!?]|\bbut\b|\band\b|지만|하고|이고|이며")


def _same_sentence(masked: str, fig: Figure, named: list[Mention]) -> bool:
    """Whether a model of ``named`` is written in the sentence that holds ``fig``."""
    start = max((m.end() for m in _SENTENCE_END.finditer(masked, 0, fig.start)), default=0)
    end = next((m.start() for m in _SENTENCE_END.finditer(masked, fig.end)), len(masked))
    return any(start <= m.start and m.end <= end and not _aside(masked, m, fig) for m in named)


_BRACKET = re.compile(r"\([^()]*\)")


def _aside(masked: str, m: Mention, fig: Figure) -> bool:
    """Whether ``m`` is named in brackets that leave ``fig`` out: an aside ("train a
    simple 11-layer net first (GoogLeNet used auxiliary heads instead)", "(참고로
    GoogLeNet은 ...)") is a sentence of its own, not the figure's."""
    return any(b.start() < m.start and m.end < b.end() and not b.start() < fig.start < b.end()
               for b in _BRACKET.finditer(masked))


# a sentence whose subject points back at the network the sentence before it opens with
# ("VGG16 is a deep network. It consists of ...", "ResNet-50 won in 2015. The network has")
# (a verb of having after it: "It is followed by 3 FC layers" speaks of something else)
_POINTS_BACK = re.compile(r"\s*(?:it|this\s+(?:model|network|net|architecture)|"
                          r"the\s+(?:model|network|net|architecture))\s+(?:also\s+)?(?:has|"
                          r"had|contains|consists\s+of|comprises|is\s+(?:made|composed|built)\s+"
                          r"(?:up\s+)?(?:of|from)|holds|stacks)\b", re.I)


def _anaphor(masked: str, fig: Figure, named: list[Mention]) -> bool:
    """Whether ``fig``'s sentence opens with a pronoun for the one network named, which
    opens the sentence right before (nothing but its name's markup ahead of it)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(masked, 0, fig.start)]
    if not ends or len({m.key for m in named}) != 1 or not _POINTS_BACK.match(masked, ends[-1]):
        return False
    start = ends[-2] if len(ends) > 1 else 0
    return re.fullmatch(r"[\s*_`'\"]*", masked[start:named[0].start]) is not None and \
        named[0].end <= ends[-1]


# one layer named anywhere on the line: "for the first VGG layer", "The first conv of
# VGG16:", "VGG16의 첫 번째 합성곱층", "conv1_1 of VGG": its figure is the layer's
_ONE_LAYER = re.compile(r"\b(?:first|second|third|last|final|1st|2nd|3rd|[4-9]th)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:conv\w*|layers?|fc|dense|linear|filters?|kernels?)"
                        r"(?![A-Za-z])|(?:첫|마지막|[0-9]+\s*번째)\s*(?:번째\s*)?(?:[\w-]+\s+)?"
                        r"(?:합성곱|컨볼루션|conv|fc|층|레이어|필터)|"
                        r"\b(?:conv|fc|pool)[1-9](?:_[1-9])?\b|"
                        # a layer's name as the papers and code write it: LeNet's C3 and
                        # F6, Keras's conv2d_3 and block5_conv3, torchvision's layer4,
                        # ResNet's res4b, GoogLeNet's inception (4a), Inception-v3's Mixed_7c
                        r"\b(?-i:[CSF][1-7])\b|\b(?:conv2d|dense|block[1-9]_conv[1-9])_[0-9]+\b|"
                        r"\bblock[1-9]_conv[1-9]\b|\blayer[1-4]\b|\bres[2-5][a-f]\b|"
                        r"\binception[ _]?\(?[3-5][a-e]\)?|\bmixed_?[5-7][a-e]\b|"
                        # a layer's label before its word: "C3 층은", "F6 레이어", "S2 layer"
                        r"(?<![\w-])[A-Z]{1,2}[0-9]{1,2}\s*(?:층|레이어|layer\b)", re.I)


def _own_sentence(masked: str, fig: Figure, named: list[Mention]) -> str:
    """The sentence that holds ``fig`` where it names a model of ``named`` itself (a part
    or a share in another sentence of a long line, "error rates of 37.5% and 17.0%.
    AlexNet has 60M parameters", is not this figure's), else the whole line."""
    if not _same_sentence(masked, fig, named):
        return masked
    start = max((m.end() for m in _SENTENCE_END.finditer(masked, 0, fig.start)), default=0)
    end = next((m.start() for m in _SENTENCE_END.finditer(masked, fig.end)), len(masked))
    return masked[start:end].lstrip()


def _part_of(masked: str) -> bool:
    return bool(_PART.search(masked) or is_share(masked) or _KIND_SUBJECT.match(masked)
                or _ONE_LAYER.search(masked))


def _by_name(masked: str, figs: list[Figure], every: list[Mention]
             ) -> list[tuple[Figure, Mention]]:
    """Figures in a clause that modifies the model named right after it (Korean puts it
    first: ``8개의 층을 가진 AlexNet``), and depths written with the number of a model
    the line names (``VGG19 ... 19 layers``): that model's, whichever the line is about."""
    out = []
    for fig in figs:
        held = _modified(masked, every, fig)
        if held is not None:
            out.append((fig, held))
            continue
        if fig.kind != "depth" or fig.num.value.denominator != 1:
            continue
        owners = {m.key: m for m in every if m.number and m.family in NOMINAL
                  and m.number.isdecimal() and int(m.number) == fig.num.value}
        if len(owners) == 1:
            out.append((fig, next(iter(owners.values()))))
    return out


# "8개의 층을 가진 AlexNet", "1억 개의 파라미터를 갖는 VGG": the clause before a name
_MODIFIES = re.compile(r"\s*(?:개의?\s*)?[^\d.,;:()\[\]]{0,12}?(?:을|를)?\s*"
                       r"(?:가진|갖는|갖춘|가지는|지닌|있는)\s*$")


def _modified(masked: str, every: list[Mention], fig: Figure) -> Mention | None:
    after = [m for m in every if m.start >= fig.end]
    if after and _MODIFIES.fullmatch(masked[fig.end:after[0].start]):
        return after[0]
    return None
