"""A named network's layers listed one a line, each by its kind and order and the map it
gives (an architecture set out as an arrow chain under the network's name)::

    LeNet-5 architecture
    Input (32x32)
    -> Conv1 (6@28x28)          (LeNet-5's first conv: 6 maps of 28x28, right)
    -> Pool2 (16@4x4)           (its second pooling gives 16@5x5: wrong)

A line is an arrow (a link of the chain: ``pool1: 6x6`` alone may be a receptive field's
list), a conv or pooling with its order (``Conv1``, ``conv 2``,
``Pool1``, ``MaxPool2``, ``Pooling 1``), then its map in brackets or after a colon:
``C@HxW`` (maps at a size), ``HxWxC`` or ``HxW``. The network is the one the line names,
else its section's; its spec's k-th conv (pooling) is the layer, its output the layer
algebra's (``analysis.analyze`` on the bundled spec). Right where a spec the name means
gives that map. Where not, the note may set out a network of its own after the named one
(other channels, another input): wrong only where the channels written are the spec's and
the side is neither the spec's nor that of an unpadded 28x28 picture (MNIST,
``namedmaps.other_maps``); else not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.factjudge import CHANGED, SMALL_IMAGES
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.modelfacts.namedmaps import other_maps, spec_rows

_X = r"\s*[x×X]\s*"
_LINE = re.compile(r"\s*(?:[-*+]\s+)?(?:→|->|=>|⇒|-->)\s*"
                   r"(?P<kind>conv(?:olution)?|(?:max|avg|average)?[-_ ]?pool(?:ing)?)"
                   r"[-_ ]?(?P<k>[1-9])\s*(?:\((?P<a>[^()]*)\)|:\s*(?P<b>[^()]*))\s*$", re.I)
_AT = re.compile(r"\s*(\d{1,4})\s*@\s*(\d{1,4})" + _X + r"(\d{1,4})\s*")
_HWC = re.compile(r"\s*(\d{1,4})" + _X + r"(\d{1,4})(?:" + _X + r"(\d{1,4}))?\s*")
_POOLS = ("subsample", "maxpool", "avgpool", "pool")
NEEDS = r"(?i:conv|pool)"
CONFIDENCE = 0.85  # the k-th conv (pooling) of the line taken to be the spec's k-th


def _layers(spec: str, pooling: bool) -> list:
    return [r for r in spec_rows(spec) if (r.type in _POOLS if pooling else r.type.endswith(
        "conv")) and len(r.output) == 3]


def _written(text: str) -> tuple[int, int, int | None] | None:
    """(H, W, C or None) of the map written in the brackets."""
    m = _AT.fullmatch(text)
    if m:
        return int(m.group(2)), int(m.group(3)), int(m.group(1))
    m = _HWC.fullmatch(text)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
    return None


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim]:
    m = _LINE.fullmatch(masked)
    if m is None or SMALL_IMAGES.search(masked) or CHANGED.search(masked):
        return []
    named = mentions(masked)
    network = named[0] if len(named) == 1 else heading if not named else None
    written = _written(m.group("a") or m.group("b") or "")
    if network is None or written is None:
        return []
    h, w, c = written
    pooling, k = not m.group("kind").lower().startswith("conv"), int(m.group("k"))
    truths = []
    for spec in resolve(network).specs:
        rows = _layers(spec, pooling)
        if len(rows) >= k:
            truths.append((spec, rows[k - 1]))
    if not truths:
        return []
    kind = "pooling" if pooling else "conv"
    listing = "; ".join(f"{s} {kind} {k} ({r.name}): {r.output[0]}@{r.output[1]}x{r.output[2]}"
                        for s, r in truths)
    text = m.group(0).strip()
    shown = f"{c}@{h}x{w}" if c is not None else f"{h}x{w}"
    if any((h, w) == tuple(r.output[1:]) and c in (None, r.output[0]) for _, r in truths):
        return [Claim(number, text, "model", shown, shown, "right", listing,
                      confidence=CONFIDENCE)]
    spec, row = truths[0]
    others = {o for s, r in truths for o in other_maps(s).get(r.name, ())}
    if c is None or any(c != r.output[0] for _, r in truths) or \
            any((h, w) == (oh, ow) for _, oh, ow in others):
        return []  # other channels, or the map of another input: the note's own network
    ch, oh, ow = row.output
    return [Claim(number, text, "model", shown, f"{ch}@{oh}x{ow}", "wrong", listing,
                  confidence=CONFIDENCE)]


__all__ = ["NEEDS", "check_line"]
