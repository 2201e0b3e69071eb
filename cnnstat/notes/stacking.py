"""A stack's parameter count written as a power: "five 256-wide dense layers have 256^5
parameters". Layers' counts add; they do not multiply: each W -> W dense layer holds
W·W weights and W biases (the linear layer's count, ``cnnstat.layers``), so N of them hold
N·(W·W + W), whatever N is. Judged only where the line names parameters and layers and
writes both the width and the layer count beside the power (base the width, exponent the
count, three or more: W^2 is one layer's own count); anything else is left alone.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_POWER = re.compile(r"(?<![\d.])(\d{2,5})\s*\^\s*\{?\s*(\d{1,2})\s*\}?(?!\d|\.\d)")
_PARAMS = re.compile(r"param|weight|파라미터|매개\s*변수|가중치", re.I)
_LAYERS = re.compile(r"layer|층|레이어", re.I)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}
_NUMBER = re.compile(r"(?<![\d.^{])(\d{1,5})(?!\d|\.\d|\s*\^)|\b(" + "|".join(_WORDS) + r")\b",
                     re.I)


def check_line(number: int, text: str) -> list[Claim]:
    if not _PARAMS.search(text) or not _LAYERS.search(text):
        return []
    powers = list(_POWER.finditer(text))
    if len(powers) != 1:
        return []
    p = powers[0]
    width, count = int(p.group(1)), int(p.group(2))
    rest = text[:p.start()] + " " + text[p.end():]
    seen = [int(m.group(1)) if m.group(1) else _WORDS[m.group(2).lower()]
            for m in _NUMBER.finditer(rest)]
    if width not in seen or count not in seen or count < 3 or width == count:
        return []
    from cnnstat.layers import KINDS

    per = KINDS["linear"].make({"out": width}).apply((width,)).params
    total = count * per
    return [Claim(number, p.group(0), "params", p.group(0), total, "wrong",
                  f"each {width} -> {width} dense layer has {width}*{width} + {width} = "
                  f"{per:,} parameters; {count} layers add up to {total:,} "
                  f"({count}*{width}*{width} = {count * width * width:,} weights), "
                  f"not {width}^{count}")]
