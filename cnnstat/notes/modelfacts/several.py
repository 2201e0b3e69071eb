"""A line naming several models (``AlexNet의 파라미터는 약 6천만 개, VGG16은 1억 3천 8백만
개``): which of them each figure is of. The model named in brackets right after it
(``16개의 층 (VGGNet-16)``) or after its count as an adjective (``a 25.6 million parameter
ResNet-50``), else the model named last before it in the same clause; figures set against
figures in brackets or after a colon (``(1.25M vs 60M)``, ``: 1.25M against 61M``) go one to
each network named before, in order; a comparison's base (``1/5 of ResNet-50, while ...``)
owns no later clause. Used by ``factlines.prose``.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import NAMES, judge
from cnnstat.notes.modelfacts.facts import Figure
from cnnstat.notes.modelfacts.models import Mention, resolve
from cnnstat.notes.modelfacts.ratios import CONTRAST

_SCALED = ("params", "macs", "flops")
_SENTENCE_END = re.compile(r"[.!?](?=\s+\(?[A-Z가-힣]|\s*$)|다\.\s")


def _each_its_own(number: int, masked: str, named: list[Mention], figs: list[Figure],
                  part: bool) -> tuple[list[Claim], list[Skip]]:
    """A line naming several models (``AlexNet의 파라미터는 약 6천만 개, VGG16은 1억 3천
    8백만 개``): each figure belongs to the model named in brackets right after it
    (``16개의 층 (VGGNet-16)``), else to the model named last before it, in the same
    clause; a figure with no model before it in its clause, two figures of one kind
    for one model, or a part's figure (``each block burns ~75M``; ``part``: the line is
    about a part of the network, ``factlines._part_of``), is skipped."""
    claims: list[Claim] = []
    skips: list[Skip] = []
    seen: set = set()
    for fig in figs:
        before = [m for m in named if m.end <= fig.start]
        if not before and _named_after(masked, named, fig) is None:
            skips.append(Skip(number, fig.text, "names several models; no model before "
                                                "this figure"))
            continue
        # "19개의 층 (VGGNet-19)": the name in brackets right after it owns the figure
        owner = _named_after(masked, named, fig) or before[-1]
        opened, peers, index = _bracket_peers(masked, fig)
        if peers <= 1:  # "50x fewer parameters: 1.25M against 61M": after a colon
            opened, peers, index = _colon_peers(masked, fig)
        if peers > 1:
            # "SqueezeNet ... AlexNet ... (1.25M vs 60M)": one figure for each network
            # named before the brackets, in their order, or none is told apart
            names = list({m.key: m for m in named if m.end <= opened}.values())
            if len(names) != peers:
                skips.append(Skip(number, fig.text, "several figures in one bracket"))
                continue
            owner = names[index]
            key = (owner.key, fig.kind)
            seen.add(key)
            out = judge(fig.kind, fig.num, owner, resolve(owner), number,
                        f"{owner.text}: {fig.text}", fig.start, fig.end, masked)
            (claims if isinstance(out, Claim) else skips).append(out)
            continue
        start = max((m.end() for m in _SENTENCE_END.finditer(masked, 0, fig.start)), default=0)
        if owner.end <= start:  # the figure's sentence names no network
            if not _PRONOUN.search(masked, start, fig.start):
                skips.append(Skip(number, fig.text, "names several models; none in the "
                                                    "figure's sentence"))
                continue
            owner = named[0]  # "... in AlexNet). But the model has 138M": the line's subject
            others = [m for m in named if m.key != owner.key]
            if any(_fits(fig, m, number, masked) for m in others) and \
                    not _fits(fig, owner, number, masked):
                # "VGG-19 came out with VGG16. It has 13 conv layers": "it" may be either
                skips.append(Skip(number, fig.text, "unsure: the pronoun may stand for "
                                                    "another network the line names"))
                continue
        between = masked[min(owner.end, fig.start):fig.start]
        # "LeNet과 구조는 비슷하지만 훨씬 크다(파라미터 6천만 개)": the model named for a
        # likeness is not the one the figure after it is about
        if re.search(r";|\bvs\.?|versus|than|보다|대비|비슷|유사|similar\s+to|\blike\b|처럼",
                     between, re.I):
            skips.append(Skip(number, fig.text, "names several models; the figure is not "
                                                "in the clause of the model before it"))
            continue
        if _base_apart(masked, owner, between):
            skips.append(Skip(number, fig.text, "unsure: a comparison's base, then a clause"))
            continue
        if fig.kind in _SCALED and part:
            skips.append(Skip(number, fig.text, "about a part of the network"))
            continue
        key = (owner.key, fig.kind)
        if key in seen:
            skips.append(Skip(number, fig.text, f"several {NAMES[fig.kind]} figures for "
                                                f"{owner.text}"))
            continue
        seen.add(key)
        label = f"{owner.text}: {fig.text}"
        out = judge(fig.kind, fig.num, owner, resolve(owner), number, label,
                    fig.start, fig.end, masked)
        (claims if isinstance(out, Claim) else skips).append(out)
    return claims, skips


def _fits(fig: Figure, m: Mention, number: int, masked: str) -> bool:
    """Whether ``fig`` is right for the network ``m`` names."""
    out = judge(fig.kind, fig.num, m, resolve(m), number, fig.text, fig.start, fig.end, masked)
    return isinstance(out, Claim) and out.verdict == "right"


# a share's or a ratio's base ("1/5 of ResNet-50", "than VGG", "ResNet-50의 1/3", "VGG보다"):
# a figure in a later clause (", while its FLOPs are 0.39G", "...인데 연산량은") is not its
_BASE_BEFORE = re.compile(r"(?:[0-9]\s*/\s*[0-9]+|[0-9](?:\s*%|\s*[x×]|\s+times)|\b(?:half|thirds?|"
                          r"quarters?|fifths?|tenths?|fraction|twice|double))\s*(?:\w+\s+){0,2}"
                          r"(?:of|than)\s+(?:the\s+)?$|(?:\bthan|\bvs\.?|versus|compared\s+"
                          r"(?:to|with)|relative\s+to)\s+(?:the\s+)?$", re.I)
_BASE_AFTER = re.compile(r"\s*(?:의\s*(?:약\s*)?[0-9]+(?:\.[0-9]+)?\s*(?:/|%|배)|보다|대비|에\s*비해)")
_APART = re.compile(r",\s*(?!which|that|with|whose|at\b|having)|" + CONTRAST.pattern, re.I)


def _base_apart(masked: str, owner, between: str) -> bool:
    """Whether ``owner`` is a comparison's base and the figure sits in a clause after it."""
    return bool(_APART.search(between)) and bool(
        _BASE_BEFORE.search(masked, max(0, owner.start - 40), owner.start) or
        _BASE_AFTER.match(masked, owner.end))


def _bracket_peers(masked: str, fig: Figure) -> tuple[int, int, int]:
    """Where the brackets holding ``fig`` open, how many figures with a scale they hold,
    and which of them ``fig`` is; (-1, 0, 0) where it stands in no brackets."""
    opened = masked.rfind("(", 0, fig.start)
    closed = masked.find(")", fig.end)
    if opened < 0 or closed < 0 or ")" in masked[opened:fig.start] or \
            "(" in masked[fig.end:closed]:
        return -1, 0, 0
    rx = _SCALED_FIGURE if fig.kind in _SCALED else _COUNT_FIGURE
    found = [m.start() for m in rx.finditer(masked, opened, closed)]
    at = [i for i, p in enumerate(found) if fig.start <= p < fig.end]
    return (opened, len(found), at[0]) if at else (-1, 0, 0)


# figures after a colon, one set against the other: "...: 1.25M against 61M"
_JOIN = r"\s*(?:vs\.?|versus|against|compared\s+(?:to|with)|,|and|/)\s*"


def _colon_peers(masked: str, fig: Figure) -> tuple[int, int, int]:
    """As ``_bracket_peers``, for figures set against each other after a colon and up to
    the line's end, nothing but their joins between."""
    colon = masked.rfind(":", 0, fig.start)
    if colon < 0 or fig.kind not in _SCALED:
        return -1, 0, 0
    found = list(_SCALED_FIGURE.finditer(masked, colon + 1))
    rest = masked[colon + 1:]
    for m in reversed(found):
        rest = rest[:m.start() - colon - 1] + " # " + rest[m.end() - colon - 1:]
    if len(found) < 2 or not re.fullmatch(r"\s*(?:about\s+|~|≈)?#(?:" + _JOIN +
                                          r"(?:about\s+|~|≈)?#)+\s*\.?\s*", rest, re.I):
        return -1, 0, 0
    at = [i for i, m in enumerate(found) if fig.start <= m.start() < fig.end]
    return (colon, len(found), at[0]) if at else (-1, 0, 0)


_SCALED_FIGURE = re.compile(r"(?<![\w.,])\d[\d.,]*\s*(?:억(?:\s*\d[\d.,]*\s*천?\s*만?)?|천?\s*만|"
                            r"[KMB]\b|thousand|million|billion)", re.I)  # "1억 3800만": one
_COUNT_FIGURE = re.compile(r"(?<![\w.,])\d{1,4}(?![\w.,]|\s*[x×%])")  # "(16 against 13)"

# the line's subject spoken of again: "it has", "the model is", "이 모델은"
_PRONOUN = re.compile(r"\b(?:it|its|the\s+(?:model|network|net|architecture)|this\s+(?:model|"
                      r"network|net|architecture))\b|이\s*(?:모델|네트워크|신경망)|그\s*모델", re.I)
_BRACKET_AFTER = re.compile(r"[^()\[\],;.\d]{0,20}[(\[]\s*$")

# "a 25.6 million parameter ResNet-50", "the 5M-param pretrained AlexNet": the figure's
# network is the name after its kind (singular: "60 million parameters and VGG16" is
# none), a word such as "pretrained" at most between
ADJECTIVE_WORD = r"(?:pre-?trained|standard|original|vanilla|plain|full|baseline|classic)"
_ADJECTIVE = re.compile(r"\s*[-‑]?\s*(?:parameter|param)[-‑\s]+(?:" + ADJECTIVE_WORD + r"\s+)?")


def _named_after(masked: str, named: list[Mention], fig: Figure) -> Mention | None:
    """The model named in brackets right after a figure (``16 layers (VGG-16)``), or
    right after its count as an adjective (``a 25.6 million parameter ResNet-50``)."""
    for m in named:
        if m.start >= fig.end and (_BRACKET_AFTER.fullmatch(masked[fig.end:m.start]) or (
                fig.kind == "params" and _ADJECTIVE.fullmatch(masked[fig.end:m.start]))):
            return m
    return None
