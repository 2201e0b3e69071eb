"""The map a named network's k-th conv gives, in a layer list under the network: its
depth is that conv's filters (``- Convolution 5 : 3x3 kernel, 1 padding : 13x13x256``,
``conv3 → 13×13×384``, ``3번째 합성곱층: 13x13x384`` under an AlexNet heading).

The line opens with the conv's label (``Convolution 5``, ``Conv-3``, ``3번째 합성곱``) and
names no pooling, input or other layer; its map is the last ``H x W x C`` product on it
that is no kernel (no kernel word beside it, ``H`` at least ``MIN_SIDE``). Only networks
whose convs are numbered plainly along one chain are read (``nthconv.FAMILIES``); the
network is the one the line names, else its section's. ``C`` is right when the k-th conv
of a spec the name means has that many filters (AlexNet's paper 96, 256, 384, 384, 256;
torchvision's 64, 192, 384, 256, 256), unsure where it is half of one (one GPU's half of
the paper's split layers), wrong otherwise. The map's sides (224 or 227, floor or not)
are the walkthrough readers' and not judged here.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import CHANGED, SMALL_IMAGES
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.modelfacts.nthconv import FAMILIES, _OURS, convs
from cnnstat.notes.reading.questions import asks

MIN_SIDE = 12  # the smallest side a conv of these networks gives (AlexNet on 224, floored)
NEEDS = ("conv", "합성곱", "컨볼루션")
_CONV = r"(?:conv(?:olution(?:al)?)?(?:2d)?|합성곱|컨볼루션)"
# the conv's label opening the line: "- Convolution 5 :", "conv-3 →", "3번째 합성곱층:"
_LABEL = re.compile(r"^\W*(?:\d{1,2}[.)]\s*)?(?:" + _CONV + r"\s*(?:layer\s*)?[-_ ]?([1-5])"
                    r"|([1-5])\s*(?:st|nd|rd|th|번째)\s*" + _CONV + r")(?![0-9a-z_])"
                    r"\s*(?:layer|층|레이어)?\s*(?:[:：]|[—–]|->|→|=>|\()", re.I)
_MAP = re.compile(r"(?<![0-9.,])(\d{1,3})\s*[x×X*]\s*(\d{1,3})\s*[x×X*]\s*(\d{1,4})"
                  r"(?![0-9.,]?[0-9]|\s*[x×X*]\s*\d)")
_KERNEL_AFTER = re.compile(r"\s*\)?\s*(?:크기의\s*)?(?:filters?|kernels?|필터|커널|window)", re.I)
_KERNEL_BEFORE = re.compile(r"(?:filters?|kernels?|필터|커널|window)\s*(?:of\s*)?[:=]?\s*\(?\s*$",
                            re.I)
# a line on more than the conv: a pooling, the input, a dense layer, a count
_OTHER = re.compile(r"pool|풀링|input|입력|\bfc\b|fully|dense|linear|완전|전결합|param|파라미터|"
                    r"weight|가중치|flop|mac\b|연산|group|그룹|gpu|each|per\b|당|concat|"
                    r"total|합계|총", re.I)


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim | Skip]:
    label = _LABEL.match(masked)
    if label is None:
        return []
    named = mentions(masked)
    if len({(m.family, m.key) for m in named}) > 1:
        return []
    network = named[0] if named else heading
    if network is None or network.family not in FAMILIES:
        return []
    rest = masked[label.end():]
    if _OTHER.search(rest) or asks(masked) or SMALL_IMAGES.search(masked) or \
            CHANGED.search(masked) or _OURS.search(masked):
        return []
    k = int(next(g for g in label.groups() if g))
    maps = [m for m in _MAP.finditer(masked, label.end())
            if m.group(1) == m.group(2) and int(m.group(1)) >= MIN_SIDE
            and not _KERNEL_AFTER.match(masked, m.end())
            and not _KERNEL_BEFORE.search(masked, 0, m.start())]
    if not maps:
        return []
    m = maps[-1]
    depth = int(m.group(3))
    layers = [c[k - 1] for c in (convs(s) for s in resolve(network).specs) if c and len(c) >= k]
    truth = {c.filters for c in layers}
    if not truth or None in truth:
        return []
    text = f"{network.text} conv{k} output depth {depth}"
    listing = f"conv{k} filters: " + ", ".join(str(t) for t in sorted(truth))
    if depth in truth:
        return [Claim(number, text, "model", m.group(3), depth, "right", listing)]
    if any(depth * 2 == t for t in truth):
        return [Skip(number, text, "unsure: half the filters, one GPU's share")]
    best = min(truth, key=lambda t: abs(t - depth))
    return [Claim(number, text, "model", m.group(3), best, "wrong", listing)]
