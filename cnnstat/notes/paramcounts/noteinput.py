"""The channels of the images a note's prose says its network takes, for a layer the note
sets out later without its input (``We train on 28x28 grayscale digits (MNIST).``, then
``1. The first layer is a conv with 16 5x5 filters. Parameters so far: 400``).

A line names the images by their kind (``grayscale``/``monochrome``/``흑백`` images: one
channel; ``RGB``/``colour`` images: three), by a dataset whose images are known
(``modelfacts.datasets``: MNIST and its kin one channel, CIFAR, SVHN and ImageNet three;
a variant such as a coloured MNIST is not read), or by a map called an image or input
(``a 32x32x3 input``). A line that speaks of changing them (converted, repeated to three
channels) names nothing. ``Seen`` keeps the set of channels named so far: a layer's input
is taken from it only where it holds one count.
"""

from __future__ import annotations

import re

from cnnstat.notes.modelfacts.datasets import _NAME, _VARIANT, _known
from cnnstat.notes.signs import Gated

_NOUN = r"(?:images?|inputs?|pictures?|photos?|digits?|data(?:set)?|이미지|사진|입력|데이터)"
_KIND = Gated(("gray", "grey", "mono", "rgb", "colo", "흑백", "컬러"),
              r"\b(?:(?P<gray>gr[ae]y[\s-]?scale|monochrome)|(?P<col>rgb|colou?r))\s+" + _NOUN +
              r"|(?:(?P<kgray>흑백)|(?P<kcol>컬러))\s*" + _NOUN, re.I)
_DATA = Gated(("mnist", "cifar", "svhn", "imagenet", "image net", "image-net"), _NAME.pattern,
              re.I)
_MAP = re.compile(r"(?<![\d.,x×*])(\d{1,4})\s*[x×*]\s*\1\s*[x×*]\s*([1-4])(?![\d.]|\s*[x×*]\s*\d)\s*"
                  + _NOUN, re.I)
_CHANGED = re.compile(r"convert|repeat|replicat|stack|to\s+(?:gr[ae]y|rgb)|변환|복제", re.I)


def channels(masked: str) -> set[int]:
    """The channels of the images the line names (none, one count, or two that differ)."""
    found: set[int] = set()
    for m in _KIND.finditer(masked):
        found.add(1 if m.group("gray") or m.group("kgray") else 3)
    for m in _DATA.finditer(masked):
        if not _VARIANT.search(masked, 0, m.start()):
            found.add(_known(m.group(1))[2])
    if "x" in masked or "×" in masked or "*" in masked:
        found |= {int(m.group(2)) for m in _MAP.finditer(masked)}
    if found and _CHANGED.search(masked):
        return {0, -1}  # the images changed: doubt
    return found


class Seen:
    """The channels named so far in the note's prose."""

    def __init__(self) -> None:
        self.named: set[int] = set()

    def line(self, masked: str) -> None:
        if len(self.named) < 2:
            self.named |= channels(masked)

    def one(self) -> int | None:
        """The one count of channels named, or None (none, or two)."""
        return next(iter(self.named)) if len(self.named) == 1 else None


__all__ = ["Seen", "channels"]
