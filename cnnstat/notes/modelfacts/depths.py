"""Lists of a family's depths in prose: ``ResNet 34, 50, 100, 152`` or, under a ResNet
heading, ``depth는 34, 50, 100까지``: each depth must name a member the papers define
(``models.NOMINAL``; there is no ResNet-100)."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.models import Mention, mentions
from cnnstat.notes.signs import Gated

_DEPTH_LIST = Gated(("res", "vgg", "dense"), r"(?<![A-Za-z])(?P<fam>res\s?net|vgg(?:\s?net)?|dense\s?net)"
                         r"(?:[\s-]{0,3}|\s+comes\s+in\s+|\s+has\s+|"
                         r"\s*의?\s*(?:depths?|깊이)\s*(?:는|은|가|이|:|of|is|are)?\s*)"
                         r"(?P<list>[0-9]{1,4}(?:(?:[ ]{0,3}[,/]|,? and|,? or| 과| 와)[ ]{0,3}"
                         r"[0-9]{1,4}){2,12})"
                         r"(?![0-9.])" + r"(?!\s*(?:[·*×+=^]|\\cdot|\\times|x\s*[0-9]))", re.I)
# (the last item is no depth where a calculation takes it: "resnet18/34, 2048·1000 + 1000")


_DEPTH_WORDS = re.compile(r"(?<![A-Za-z])(?:depths?|깊이)\s*(?:는|은|가|이|:|of|is|are|=)?\s*"
                          r"(?P<list>[0-9]{2,4}(?:(?:[ ]{0,3}[,/]|,? and|,? or| 과| 와)[ ]{0,3}"
                          r"[0-9]{2,4}){1,12})(?![0-9.])", re.I)


def depth_words(number: int, masked: str, heading: Mention | None) -> list[Claim]:
    """``depth는 34, 50, 100까지`` under a ResNet heading: the depths the section's
    family is listed in, each a member the papers define (there is no ResNet-100)."""
    from cnnstat.notes.modelfacts.models import NOMINAL

    if heading is None or heading.family not in NOMINAL or _DEPTH_LIST.search(masked):
        return []
    members = NOMINAL[heading.family]
    named = mentions(masked)
    out: list[Claim] = []
    for m in _DEPTH_WORDS.finditer(masked):
        if any(n.start < m.start() for n in named):
            continue  # a network named before the list: its own depths, not the section's
        listed = [int(d) for d in re.findall(r"[0-9]+", m.group("list"))]
        if 2 * sum(n in members for n in listed) < len(listed):
            continue  # mostly no depth of the family: channels (64, 128, 256), not depths
        for d in re.finditer(r"[0-9]+", m.group("list")):
            n = int(d.group(0))
            name = f"{heading.text}-{n}"
            if n in members:
                out.append(Claim(number, name, "model", str(n), n, "right",
                                 f"{heading.family}{n} is one of the {heading.family} depths "
                                 "(the section's network)"))
            else:
                near = min(members, key=lambda k: (abs(k - n), k))
                listing = ", ".join(str(k) for k in sorted(members))
                out.append(Claim(number, name, "model", str(n), near, "wrong",
                                 f"there is no {heading.text}-{n} (the section's network); "
                                 f"the depths are {listing}"))
    return out


# "resnet models with 18, 34, 50, 101, 152 layers respectively", "VGG의 11, 13, 16, 19층":
# a list of depths followed by the word for layers, the family named before it
_LAYER_LIST = re.compile(r"(?<![0-9.,])(?P<list>[0-9]{1,4}(?:(?:[ ]{0,3},|,? and|,? or| 과| 와)"
                         r"[ ]{0,3}[0-9]{1,4}){2,12})[ ]{0,2}-?(?:[ ]{0,2}개의?)?[ ]{0,2}"
                         r"(?:(?:weight|weighted)\s+)?(?:layers?|층|레이어)(?![A-Za-z])", re.I)
_EACH = re.compile(r"\beach\b|\bper\b|\bblock|\bstage|각\s|블록|스테이지|마다", re.I)


def layer_list(number: int, masked: str) -> tuple[list[Claim], list[tuple[int, int]]]:
    """``resnet models of 5, 34, 50, 101, 152 layers``: the one family the line names
    before the list, each depth a member its papers define (most of them must be, or the
    numbers are channels or a block's layers, not depths)."""
    from cnnstat.notes.modelfacts.models import NOMINAL

    out: list[Claim] = []
    spans: list[tuple[int, int]] = []
    for m in _LAYER_LIST.finditer(masked):
        named = [n for n in mentions(masked[:m.start()]) if n.family in NOMINAL]
        if len({n.family for n in named}) != 1 or named[-1].family == "lenet" or \
                _EACH.search(masked, m.end()) or _DEPTH_LIST.search(masked):
            continue
        fam, members = named[-1].family, NOMINAL[named[-1].family]
        listed = [int(d) for d in re.findall(r"[0-9]+", m.group("list"))]
        if 2 * sum(n in members for n in listed) <= len(listed):
            continue
        listing = ", ".join(str(k) for k in sorted(members))
        spans.append((m.start(), m.end()))
        for n in listed:
            if n in members:
                out.append(Claim(number, f"{fam}-{n}", "model", str(n), n, "right",
                                 f"{fam}{n} is one of the {fam} depths"))
            else:
                near = min(members, key=lambda k: (abs(k - n), k))
                out.append(Claim(number, f"{fam}-{n}", "model", str(n), near, "wrong",
                                 f"there is no {fam} of {n} layers; the depths are {listing}"))
    return out, spans


def depth_list(number: int, masked: str) -> tuple[list[Claim], list[tuple[int, int]]]:
    """``ResNet 34, 50, 100, 152``: each depth must name a member of the family (there is
    no ResNet-100); the members are those the papers define (``models.NOMINAL``)."""
    from cnnstat.notes.modelfacts.models import NOMINAL

    out: list[Claim] = []
    spans: list[tuple[int, int]] = []
    for m in _DEPTH_LIST.finditer(masked):
        fam = re.sub(r"\s|net$", "", m.group("fam").lower()).replace("res", "resnet")
        fam = {"resnet": "resnet", "vgg": "vgg", "dense": "densenet"}.get(fam, fam)
        members = NOMINAL.get(fam)
        if not members:
            continue
        spans.append((m.start(), m.end()))
        for d in _listed(masked, m):
            n = int(d.group(0))
            name = f"{m.group('fam')}-{n}"
            if n in members:
                out.append(Claim(number, name, "model", str(n), n, "right",
                                 f"{fam}{n} is one of the {fam} depths"))
            else:
                near = min(members, key=lambda k: (abs(k - n), k))
                listing = ", ".join(str(k) for k in sorted(members))
                # no edit: which member was meant (101? 110?) is a guess, not a fix
                out.append(Claim(number, name, "model", str(n), near, "wrong",
                                 f"there is no {m.group('fam')}-{n}; the depths are {listing}"))
    return out, spans


# what opens a clause of its own after a number: "... and 512 for ResNet-18/34", "... and
# 2048 channels": the number is no depth of the list before it
_OWN_CLAUSE = re.compile(r"\s*(?:for|in|on|channels?|filters?|features?|units?|dims?|"
                         r"dimensions?|params?|parameters?|outputs?|maps?|pixels?|px)\b", re.I)
_WORD_JOIN = re.compile(r",?\s*(?:and|or|과|와)\s*$")


def _listed(masked: str, m: re.Match) -> list[re.Match]:
    """The depths of the list ``m``: its last number, joined by a word (``and``, ``or``)
    and followed by a clause of its own (``ResNet-50/101/152 and 512 for ResNet-18/34``),
    is none of them (three depths at least stay, as the list needs)."""
    found = list(re.finditer(r"[0-9]+", m.group("list")))
    last = found[-1]
    between = m.group("list")[found[-2].end():last.start()]
    if len(found) > 3 and _WORD_JOIN.search(between) and _OWN_CLAUSE.match(masked, m.end()):
        return found[:-1]
    return found
