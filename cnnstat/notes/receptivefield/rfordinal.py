"""The field of each layer of a stack told layer by layer in words, as CS231n tells it:
``stack three 3x3 CONV layers ... each neuron on the first CONV layer has a 3x3 view of the
input volume. A neuron on the second CONV layer has a 3x3 view of the first CONV layer, and
hence by extension a 5x5 view of the input volume``.

The stack is the one the line writes (``rfwords``' forms: ``three 3x3 conv layers``, ``two
stacked 3x3 convs``; written again alike, ``these three layers of 3x3 CONV``): n layers of k x k, stride 1, not dilated (a line that writes a
stride, a dilation or a pooling is not read). Each sentence after the stack that names a
layer by its ordinal (the first it names is its subject: ``the second CONV layer``) and
one square field of the input (``a 5x5 view of the input volume``, ``a 5x5 receptive
field on the input image``) states that layer's field: right where it is i*(k - 1) + 1
for the i-th layer (the layer algebra's growth, ``cnnstat.analysis.grow``), wrong where
not. A square of another layer (``a 3x3 view of the first CONV layer``) is that layer's
window, not read; an ordinal past the stack's depth, a question, or a sentence with two
fields of the input is not read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.receptivefield.rfwords import COUNTS, STACK_EN, STRIDED, stack_field

NEEDS = ("view", "receptive", "region", "patch")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6}
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\s+(?:conv\w*\s+|convolutional\s+)?"
                      r"layer\b", re.I)
_OF_INPUT = re.compile(r"(?<![0-9x×])([0-9]{1,2})\s*[x×]\s*([0-9]{1,2})(?![0-9]|\s*[x×]\s*[0-9])"
                       r"\s+(?:view|receptive\s+field|region|patch)\s+(?:of|on|in|over)\s+"
                       r"the\s+(?:original\s+)?(?:input|image)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def check_line(number: int, masked: str) -> list[Claim]:
    if STRIDED.search(masked):
        return []
    stacks = {(COUNTS.get(s.group(1).lower()), int(s.group(2) or s.group(4)),
               int(s.group(3) or s.group(5))) for s in STACK_EN.finditer(masked)}
    if len(stacks) != 1:  # one stack, maybe written again ("these three layers of 3x3")
        return []
    (n, k, k2), = stacks
    if n is None or k != k2 or k < 2:
        return []
    m = STACK_EN.search(masked)
    claims = []
    at = m.end()
    for sentence in _SENTENCE.split(masked[at:]):
        if sentence.rstrip().endswith("?"):
            continue
        layer = _ORDINAL.search(sentence)
        fields = [f for f in _OF_INPUT.finditer(sentence) if f.group(1) == f.group(2)]
        if layer is None or len(fields) != 1 or fields[0].start() < layer.end():
            continue
        i = _ORDINALS[layer.group(1).lower()]
        if i > n:
            continue
        said, field = int(fields[0].group(1)), stack_field(i, k)
        claims.append(Claim(
            number, f"layer {i} of {n} x {k}x{k} (stride 1) -> {said}x{said}",
            "receptive field", f"{said}x{said}", f"{field}x{field}",
            "right" if said == field else "wrong",
            f"receptive field of the {layer.group(1).lower()} of {n} stacked {k}x{k} "
            f"stride-1 layers: {i}*({k} - 1) + 1 = {field}"))
    return claims
