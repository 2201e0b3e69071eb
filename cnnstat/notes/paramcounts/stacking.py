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


# A stack of L conv layers of F filters of kernel K counted as L·F·K: each filter of the
# layers between the first and the last spans the F channels the layer below makes, so
# each holds K·F·F weights (+ F biases), the conv layer's count; the product leaves the
# channels out.
_STACK = re.compile(r"(?<![\d.])(\d{1,3})\s+(?:[\w-]+\s+){0,2}?layers", re.I)
_KSIZE = re.compile(r"kernel(?:[_ ]size)?\s*(?:=|:|of|is)?\s*(\d{1,3})(?!\d|\.\d|\s*[x×])", re.I)
_FILTERS = re.compile(r"filters\s*(?:=|:|of|is)?\s*(\d{1,5})(?!\d|\.\d)|"
                      r"(?<![\d.])(\d{1,5})\s+filters", re.I)
_PRODUCT = re.compile(r"(?<![\d.])(\d{1,5})\s*[*x×]\s*(\d{1,5})\s*[*x×]\s*(\d{1,5})"
                      r"(?!\d|\.\d|\s*[*x×])")
_GROUPED = re.compile(r"depth\s*-?\s*wise|group|separable|channel|채널", re.I)


def check_stack(number: int, text: str) -> list[Claim]:
    if not _PARAMS.search(text) or _GROUPED.search(text):
        return []
    layers, kernel = _STACK.findall(text), _KSIZE.findall(text)
    filters = [a or b for a, b in _FILTERS.findall(text)]
    if len(set(layers)) != 1 or len(set(kernel)) != 1 or len(set(filters)) != 1:
        return []
    n, k, f = int(layers[0]), int(kernel[0]), int(filters[0])
    if len({n, k, f}) != 3 or n < 3:
        return []
    hits = [m for m in _PRODUCT.finditer(text)
            if sorted(int(g) for g in m.groups()) == sorted((n, k, f))]
    if len(hits) != 1:
        return []
    from cnnstat.layers import KINDS

    per = KINDS["conv"].make({"out": f, "kernel": [1, k]}).apply((f, 1, k)).params
    least = (n - 2) * per  # the first and last may take or make other channel counts
    return [Claim(number, hits[0].group(0), "params", hits[0].group(0), f"at least {least:,}",
                  "wrong",
                  f"the input channels are left out: each of the {n - 2} layers between the "
                  f"first and the last has {f} filters spanning {f} channels, "
                  f"{k}*{f}*{f} + {f} = {per:,} parameters: {least:,} without those two")]
