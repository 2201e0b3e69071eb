"""A named network's convolution widths stage by stage, written as a chain::

    - Channels double at each block: 64 → 128 → 256 → 512 → 512      (under VGG-16)
    ResNet-50's stages widen 256 -> 512 -> 1024 -> 2048
    필터 수는 64 → 128 → 256 → 512로 늘어난다 (VGG16)

A chain of three numbers or more joined by arrows (``→``, ``->``, ``=>``) on a line that
speaks of channels, filters or widths, for the network the line names by its variant (else
the section's). The spec's widths are the analysis's rows (``specrows.walk``): the output
channels of the last convolution before each pooling and at the end (one a stage), or the
distinct widths in order. Right where the chain is either for any spec the name means;
nothing is said otherwise (a chain may count other layers, a block's inner widths, or
the sizes of maps).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts import specrows
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.pipeline import Reader

NEEDS = ("→", "->", "=>")
_WORDS = re.compile(r"channel|filter|width|채널|필터", re.I)
_CHAIN = re.compile(r"(?<![\d.,x×])\d{2,4}(?:\s*(?:→|->|=>)\s*\d{2,4}){2,}(?![\d.,x×])")


def stage_widths(spec: str) -> list[tuple[int, ...]]:
    """The spec's widths one a stage (the last conv before each pooling, and the last
    conv of all), and its distinct widths in order."""
    rows = specrows.walk(spec) or []
    per, last, distinct = [], None, []
    for r in rows:
        if r.type == "conv":
            last = r.output[0]
            if not distinct or distinct[-1] != last:
                distinct.append(last)
        elif "pool" in r.type and last is not None:
            per.append(last)
            last = None
    if last is not None:
        per.append(last)
    return [tuple(per), tuple(distinct)]


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim]:
    if not _WORDS.search(masked):
        return []
    found = mentions(masked)
    named = found or ([heading] if heading is not None else [])
    if len({m.key for m in named}) != 1:
        return []
    res = resolve(named[0])
    if res.generic:
        return []
    out = []
    for m in _CHAIN.finditer(masked):
        chain = tuple(int(x) for x in re.findall(r"\d+", m.group(0)))
        ok = [s for s in res.specs if chain in stage_widths(s)]
        if ok:
            out.append(Claim(number, f"widths {' -> '.join(map(str, chain))}", "model",
                             m.group(0), m.group(0), "right",
                             f"{ok[0]}: its convolutions' widths by stage (bundled spec)"))
    return out


# the reader of this module (``registry.READERS`` takes it in this place)
READERS = [
    Reader("a named network's widths by stage", "prose",
           lambda at: check_line(at.line.number, at.line.masked, at.heading), needs=NEEDS),
]
