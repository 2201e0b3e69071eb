"""A network named without its version whose figure is another version's own.

``MobileNet`` alone means MobileNetV1 to the name table (the paper's own name), but notes
use the bare name for the family too: ``| MobileNet | 2017 | 3.4M |`` gives MobileNetV2's
count (torchvision 3,504,872; the paper's 3.4M), and ``EfficientNet: 24M`` may be V2-S's.
A figure that is wrong for the member the bare name resolves to, but right for a sibling
(a family whose key starts with the same name: ``mobilenet_v2``, ``mobilenet_v3_large``
beside ``mobilenet_v1``), is unsure: which version the note meant is not written. A name
that writes any digit (``MobileNetV1``, ``MobileNet-v2``, ``EfficientNet-B0``) has said
its version and is judged as before.

A figure wrong for the member a name writes (``ResNet50``) that is another member's own
(ResNet-56's 0.85M, He et al. 2016, Table 6) stays wrong; ``member_owning`` names that
member, for the correction to say whose figure it is.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.modelfacts.models import FAMILIES, Mention, figures, resolve
from cnnstat.notes.reading.numbers import agrees
from cnnstat.notes.reading.numerals import Number


def sibling(kind: str, claimed: Number, mention: Mention, values, exact: bool) -> str | None:
    """The label of a sibling version's spec whose figure of ``kind`` the claimed one
    agrees with, where ``mention`` writes no version; ``values(kind, figures)`` lists a
    spec's figures of the kind (``factjudge._values``)."""
    if re.search(r"[0-9]", mention.text):
        return None
    base = re.match(r"[a-z]+", mention.family)
    if base is None:
        return None
    for family, _, _, usual, _ in FAMILIES:
        if family == mention.family or not family.startswith(base.group()):
            continue
        f = figures(usual)
        if f is None:
            continue
        if any(agrees(Fraction(v), claimed, exact=exact) for v, _ in values(kind, f)):
            return f.label
    return None


def member_owning(kind: str, claimed: Number, mention: Mention, values, exact: bool
                  ) -> str | None:
    """The label of another bundled member of the named member's family (another depth)
    whose figure of ``kind`` the claimed one agrees with, if any."""
    if mention.number is None:
        return None
    own = set(resolve(mention).specs)
    family = resolve(mention._replace(number=None, text=mention.family))
    for name in family.specs:
        f = None if name in own else figures(name)
        if f is not None and any(agrees(Fraction(v), claimed, exact=exact)
                                 for v, _ in values(kind, f)):
            return f.label
    return None
