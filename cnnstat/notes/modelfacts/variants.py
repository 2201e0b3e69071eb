"""A network named by a member its family does not have: ``ResNet-52``, ``ResNet100``,
``VGG-17``. The members are those the family's papers define (``models.NOMINAL``, with
the depths its papers build by a rule, ``models.BUILT``: ResNet's 6n+2 and 9n+2 on
CIFAR). A number a step or two off a defined member is a slip for it (``ResNet-52`` for
ResNet-50, ``ResNet-100`` for ResNet-101); a number further off may be a network of a
note's own (``VGG-9``, ``ResNet-12`` in few-shot work) and is not judged. Nor is a name
the line changes or writes on (``our ResNet-52``, ``ResNet-52x4``), a name in a list of
depths (``depths.depth_list`` judges those), or a question."""

from __future__ import annotations

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.depths import _DEPTH_LIST
import re

from cnnstat.notes.modelfacts.factjudge import variant
from cnnstat.notes.modelfacts.models import BUILT, NOMINAL, mentions
from cnnstat.notes.reading.questions import asks

# how far a number may be from a defined member to be read as a slip for it, by family:
# VGG's small custom nets (VGG-7, VGG-9) sit two steps from VGG-11
SLIP = {"resnet": 3, "vgg": 1}
NEEDS = ("res", "vgg")
# a net of the note's own: "custom", "modified", "변형한"; "our (own) ResNet-52"
_CUSTOM = re.compile(r"custom|modif|variant|변형|수정", re.I)
_OURS = re.compile(r"\b(?:our|my)\s+(?:own\s+)?(?:[\w-]+\s+)?$|직접\s*(?:만든|설계한)\s*$", re.I)
# the members trained on ImageNet, which a slip is read against (a CIFAR depth is built by
# a rule, so any of its neighbours may be a net of the note's own)
_IMAGENET = {"resnet": (18, 34, 50, 101, 152, 200), "vgg": (11, 13, 16, 19)}


def check_line(number: int, masked: str) -> list[Claim]:
    """Each name of a member the family does not define, a slip for a defined one."""
    found = [m for m in mentions(masked) if m.family in SLIP and m.number
             and m.number.isdecimal()]
    if not found or asks(masked) or _CUSTOM.search(masked):
        return []
    lists = [(m.start(), m.end()) for m in _DEPTH_LIST.finditer(masked)]
    out: list[Claim] = []
    seen: set[str] = set()
    for m in found:
        depth = int(m.number)
        members = NOMINAL[m.family]
        built = BUILT.get(m.family)
        if depth in members or (built and built(depth)) or m.key in seen:
            continue
        if any(a <= m.start < b for a, b in lists) or variant(m, masked) or \
                _OURS.search(masked, 0, m.start):
            continue
        near = min(_IMAGENET[m.family], key=lambda k: (abs(k - depth), k))
        if abs(near - depth) > SLIP[m.family]:
            continue
        seen.add(m.key)
        listing = ", ".join(str(k) for k in _IMAGENET[m.family])
        rule = " (and CIFAR's, 6n+2 and 9n+2)" if built else ""
        out.append(Claim(number, m.text, "model", m.text, near, "wrong",
                         f"there is no {m.text}: the {m.family} depths its papers define "
                         f"are {listing}{rule}; the nearest is {near}"))
    return out
