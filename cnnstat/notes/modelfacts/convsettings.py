"""A network's convolutions as a list of its features states them, kernel, stride and
padding together: ``- Convolutional layer: 3x3 filter / stride 1 / pad 1`` after "VGGNet 모델의
특징을 요약하자면 다음과 같습니다.", ``VGG's convs: 3x3 kernels, stride 1, padding 1``.

Judged against the conv layers of every bundled spec the name means (in the lead of the
list the line is an item of; a line that names a network is ``specfacts``'), through the layer algebra (``analysis``):
right when some conv layer has that square kernel, stride and padding (the padding where
one is written), wrong only when none of any spec does. Skipped where no lead names a network, names one layer, is a pooling's, asks, or gives more than one
kernel, stride or padding (a list of the network's kernels is ``kernelsize``'s).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.kernelsize import _LAYER, square_settings
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import CONV_WORD, PAD, POOL_WORD, STRIDE

_KERNEL = re.compile(r"(?<![\d.])([1-9][0-9]?)\s*[x×X*]\s*([1-9][0-9]?)(?![0-9]|[.,][0-9])\s*"
                     r"(?:크기의?\s*)?(?:filters?|kernels?|필터|커널|conv\w*|합성곱)", re.I)
NEEDS = ("conv", "합성곱", "컨볼루션")


def convs(name: str) -> frozenset[tuple[int, int, int]] | None:
    """The (kernel, stride, padding) of a bundled spec's square convs; None if it does
    not load."""
    return square_settings(name, ("Conv",), ("kernel", "stride", "padding"),
                           ((), (1, 1), (0, 0)))


def check_line(number: int, masked: str, lead: Mention | None) -> list[Claim]:
    if not CONV_WORD.search(masked) or POOL_WORD.search(masked) or asks(masked) or \
            _LAYER.search(masked):
        return []
    kernels = list(_KERNEL.finditer(masked))
    strides = [next(g for g in m.groups() if g) for m in STRIDE.finditer(masked)
               if any(m.groups())]
    pads = [next(g for g in m.groups() if g) for m in PAD.finditer(masked) if any(m.groups())]
    if len(kernels) != 1 or len(strides) != 1 or len(pads) > 1 or \
            kernels[0].group(1) != kernels[0].group(2):
        return []
    if lead is None or mentions(masked) or "=" in masked:
        return []  # ("conv2 (3x3, stride 1): RF = 5": a worked stack's layer)  # a network named on the line: the specs' facts reader's (specfacts)
    mention = lead
    k, s = int(kernels[0].group(1)), int(strides[0])
    p = int(pads[0]) if pads else None
    found = {spec: convs(spec) for spec in resolve(mention).specs}
    if not found or any(not c for c in found.values()):
        return []
    said = f"{k}x{k}/{s}" + (f"/{p}" if p is not None else "")
    text = f"{mention.text}: conv {said}"
    fits = any((k, s, pp) in c for c in found.values() for pp in ((p,) if p is not None else
                                                                   range(0, k)))
    listing = "; ".join(f"{spec} " + ", ".join(sorted({f"{a}x{a}/{b}/{c}" for a, b, c in cs}))
                        for spec, cs in list(found.items())[:3])
    return [Claim(number, text, "model", said, said if fits else listing,
                  "right" if fits else "wrong",
                  f"a conv layer's kernel/stride/padding: {listing}" if fits else
                  f"no conv layer of {mention.text} has {said} (kernel/stride/padding): "
                  f"{listing}", confidence=0.9)]


__all__ = ["check_line", "convs", "NEEDS"]
