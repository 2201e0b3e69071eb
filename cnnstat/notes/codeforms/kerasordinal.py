"""Prose under a Keras model that names one of its layers by its place among the layers of
its class and states the shape it gives: ``after the second MaxPooling2D the output is (14,
14, 64)``, ``두 번째 Conv2D 레이어의 출력이 (28, 28, 64)``. The shape is judged against the
output ``kerascode`` computes for that layer of the model above (``kerasbelow`` keeps each
layer's class and output, channels first; Keras writes channels last).

A shape belongs to the nearest class name before it; the place is the ordinal just before
that name, else the one an earlier mention of the same class on the line gave (``두 번째
MaxPooling2D(...) 레이어를 지나면 ... MaxPooling2D 이후에는 (14, 14, 64)``). Not read: a
name with no ordinal on the line, a model not fully known, a place past the model's layers
of that class, a shape said to be an input, or one after words that change the layer or
suppose (``padding``, ``stride``, ``if``, ``would``) between the name and the shape.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

NEEDS = ("conv2d", "pooling2d", "maxpool2d", "dense", "flatten")
NEAR = 80  # lines under the model's last layer that its prose may name its layers
_CLASSES = r"Conv2D|MaxPooling2D|MaxPool2D|AveragePooling2D|AvgPool2D|Dense|Flatten"
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2,
        "3rd": 3, "4th": 4, "5th": 5, "첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5}
_MENTION = re.compile(r"(?:\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+"
                      r"|(첫|두|세|네|다섯|[1-5])\s*번째\s*)?(?:the\s+)?(?<![A-Za-z0-9_])(" + _CLASSES +
                      r")(?![A-Za-z0-9_])")  # "Conv2D의": a Korean particle right after
_SHAPE = re.compile(r"\(\s*(?:None\s*,\s*)?(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*\)")
_BETWEEN = re.compile(r"input|입력|padding|stride|kernel|패딩|스트라이드|커널|\bif\b|would|"
                      r"could|만약|라면|다면", re.I)
_ALIAS = {"MaxPool2D": "MaxPooling2D", "AvgPool2D": "AveragePooling2D"}


def read(below, number: int, text: str) -> list[Claim]:
    """``below``: ``kerasbelow.Below``, the model's layers (line, family, output, class);
    ``text``: a line of prose."""
    masked = text
    layers = below.layers
    if not layers or not 0 < number - layers[-1][0] <= NEAR or "(" not in masked:
        return []
    shapes = list(_SHAPE.finditer(masked))
    if not shapes:
        return []
    mentions = list(_MENTION.finditer(masked))
    places: dict[str, int] = {}
    named = []  # (end, class, place)
    for m in mentions:
        name = _ALIAS.get(m.group(3), m.group(3))
        word = m.group(1) or m.group(2)
        if word:
            places[name] = _ORD[word.lower()] if not word.isdigit() else int(word)
        named.append((m.start(3), m.end(3), name, places.get(name)))
    out = []
    for s in shapes:
        before = [n for n in named if n[1] <= s.start()]
        if not before:
            continue
        _, end, name, place = before[-1]
        gap = masked[end:s.start()]
        if place is None or _BETWEEN.search(gap):
            continue
        same = [x for x in layers if x[3] == name]
        if place > len(same) or same[place - 1][2] is None or len(same[place - 1][2]) != 3:
            continue
        line, _, want, _ = same[place - 1]
        dims = tuple(int(g) for g in s.groups())
        got = dims[-1:] + dims[:-1]
        shown = ", ".join(map(str, want[1:] + want[:1]))
        out.append(Claim(number, s.group(0), "shape", s.group(0), f"({shown})",
                         "right" if got == want else "wrong",
                         f"the {name} number {place} of the model above (line {line}): "
                         "its output by the layer algebra (Keras writes channels last)",
                         (), f"({shown})"))
    return out
