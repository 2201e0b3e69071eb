"""What the sentence around a layer's call says that its arguments do not (``layercomment``'s
prose path): the input a Keras call runs on, and which figures beside a parameter word
count a part of the layer, not the layer.

- ``A `Conv2D(32, (3,3))` on an RGB image has 896 parameters``: ``on an RGB image`` (or a
  colour / grayscale / MNIST image, a ``28x28x1`` input, ``64 channels``, a ``64-channel``
  map) gives the conv its input channels; ``Dense(10)`` ``on a 512-dim vector`` / ``on 512
  inputs`` / ``from 512 features`` its input features. Two inputs named: none is taken.
- ``(64 filters of 27 weights, plus 64 biases)``, ``27 weights each``, ``27 weights per
  filter``: a count of one filter or unit, no count of the layer.
"""

from __future__ import annotations

import re

_ON = r"\b(?:on|to|over|for|from|of|with|taking|takes)\s+(?:an?\s+|the\s+|each\s+)?"
_CHANNELS = (
    (re.compile(_ON + r"(?:RGB|colou?r|3-channel)\b", re.I), 3),
    (re.compile(_ON + r"(?:gr[ae]y[\s-]?scale|single[\s-]channel|1-channel|MNIST|"
                r"monochrome)\b", re.I), 1),
)
# "on a 28x28x1 input", "on 32×32×3 images": channels last (Keras's default)
_HWC = re.compile(_ON + r"(\d{1,4})\s*[x×*]\s*(\d{1,4})\s*[x×*]\s*(\d{1,4})\s*"
                  r"(?:inputs?|images?|tensors?|maps?|feature\s+maps?|volumes?)\b", re.I)
# "on 64 channels", "over 64 input channels", "on a 64-channel map"
_CIN = re.compile(_ON + r"(\d{1,5})(?:\s+input)?(?:\s+channels\b|-channels?\b)", re.I)
# a dense layer's inputs: "on a 512-dim vector", "on 256 inputs", "on the 1,600 flattened values"
_DIMS = (r"[\s-]*(?:dim(?:ension(?:al)?)?s?|d)\b(?:\s+(?:feature|input|embedding))?"
         r"\s+(?:vectors?|inputs?|features?)")
_NOUNS = r"\s+(?:input\s+|flattened\s+|flat\s+)?(?:features|inputs|units|neurons|values)\b"
_FEATURES = re.compile(_ON + r"(\d{1,3}(?:,\d{3})+|\d{1,6})(?:" + _DIMS + "|" + _NOUNS + ")", re.I)
# a count of one filter or unit: "filters of 27 weights" (before), "27 weights each / per
# filter" (after)
# "64 filters of 27 weights", "128 nodes, each with 9216 weights", "10개 노드 각각 128개"
PER_UNIT = (re.compile(r"\b(?:filters?|kernels?|units?|neurons?)\s+of\s*$|"
                       r"\beach\s+(?:with|has|having|holding|of)\s*$|각각\s*$", re.I),
            re.compile(r"^\s*(?:each|apiece|per\s+(?:filter|kernel|unit|neuron|output|"
                       r"channel))\b", re.I))


def given_input(name: str, text: str) -> int | None:
    """The input channels (a conv) or features (a dense layer) a sentence gives a Keras
    call that does not give them itself; None where it gives none, or two."""
    found: set[int] = set()
    if name == "Dense":
        found |= {int(m.group(1).replace(",", "")) for m in _FEATURES.finditer(text)}
    else:
        found |= {c for pattern, c in _CHANNELS if pattern.search(text)}
        for m in _HWC.finditer(text):
            h, w, c = (int(g) for g in m.groups())
            if h == w and c != h:
                found.add(c)
        found |= {int(m.group(1)) for m in _CIN.finditer(text)}
    return found.pop() if len(found) == 1 and 0 not in found else None


def per_unit(before: str, after: str) -> bool:
    """Whether a figure with its parameter word counts one filter or unit."""
    return bool(PER_UNIT[0].search(before) or PER_UNIT[1].match(after))


__all__ = ["given_input", "per_unit"]
