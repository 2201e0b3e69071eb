"""One convolution set out on one line as labelled fields, its output among them::

    Input Shape: (7, 9, 3) Output Shape : (3, 8, 2) K : (5, 2) P : (0, 0) S : (1, 1) Filter : 2
    input=(32, 32, 3), kernel=5, stride=1, padding=0, filters=6, output=(28, 28, 6)
    입력: (28, 28, 1), 커널: (3, 3), 스트라이드: 2, 패딩: 1, 필터: 8 → 출력: (14, 14, 8)

Each field is a label (input, output, kernel or ``K``, stride or ``S``, padding or ``P``,
filters, and their Korean words), a ``:`` or ``=``, then a value: a number or a bracketed
tuple. The input and the output are maps of three (height, width, channels); a kernel,
stride or padding of two is per side (height, then width), of one for both; a kernel of
three (``K : (3, 3, 2)``) is its window first. The output is the layer algebra's conv of
the input (``cnnstat.layers``), its channels the filters where counted. A line without
its input, output, kernel and stride all labelled, or with a value of another shape, is
not read; a padding not labelled is zero only where the line says so, otherwise the size
is judged right where no padding gives it and unsure where another would.
"""

from __future__ import annotations

import re

from cnnstat.errors import SpecError
from cnnstat.notes.claims import Claim

NEEDS = ("output", "출력")
_VALUE = r"(\(\s*\d{1,5}(?:\s*,\s*\d{1,5}){0,3}\s*,?\s*\)|\d{1,5}(?![\d.]|,\d))"
_FIELD = re.compile(r"(?<![\w])(input(?:\s*shape)?|입력(?:\s*shape)?|output(?:\s*shape)?|"
                    r"출력(?:\s*shape)?|kernel(?:_size|\s*size)?|커널|k|stride|스트라이드|s|"
                    r"padding|패딩|p|filters?|필터(?:\s*수)?|num_filters)\s*[:=]\s*" + _VALUE,
                    re.I)
_ROLE = (("input", "입력"), ("output", "출력"), ("kernel", "커널", "k"),
         ("stride", "스트라이드", "s"), ("padding", "패딩", "p"), ("filter", "필터", "num_"))
_NAMES = ("input", "output", "kernel", "stride", "padding", "filters")


def _role(label: str) -> str | None:
    low = label.lower()
    for name, words in zip(_NAMES, _ROLE):
        if low.startswith(words) and (len(low) > 1 or low in words):
            return name
    return None


def _numbers(value: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", value))


def _pair(v: tuple[int, ...] | None, window: bool = False) -> tuple[int, int] | None:
    if v is None:
        return None
    if len(v) == 1:
        return v[0], v[0]
    if len(v) == 2 or (window and len(v) == 3):
        return v[0], v[1]
    return None


def check_line(number: int, masked: str) -> list[Claim]:
    fields: dict[str, tuple[int, ...]] = {}
    for m in _FIELD.finditer(masked):
        role = _role(m.group(1).strip())
        if role is None or role in fields:
            return []  # a field twice: two layers, or a table of them
        fields[role] = _numbers(m.group(2))
    if not {"input", "output", "kernel", "stride"} <= set(fields):
        return []
    src, out = fields["input"], fields["output"]
    k, s = _pair(fields["kernel"], window=True), _pair(fields["stride"])
    p = _pair(fields.get("padding", (0,)))
    if len(src) != 3 or len(out) != 3 or None in (k, s, p):
        return []
    filters = fields.get("filters", (out[2],))
    if len(filters) != 1:
        return []
    from cnnstat.layers import KINDS

    try:
        got = KINDS["conv"].make({"out": filters[0], "kernel": k, "stride": s, "padding": p}) \
            .apply((src[2], src[0], src[1])).output
    except SpecError:
        return []
    want = (got[1], got[2], got[0])
    stated = f"({out[0]}, {out[1]}, {out[2]})"
    shown = f"({want[0]}, {want[1]}, {want[2]})"
    how = (f"layer algebra: conv {k[0]}x{k[1]}, stride {s[0]}x{s[1]}, padding {p[0]}x{p[1]} "
           f"on ({src[0]}, {src[1]}, {src[2]})")
    if want == out:
        return [Claim(number, stated, "shape", stated, shown, "right", how)]
    if "padding" not in fields:
        return []  # a padding left out may be the note's: not judged
    return [Claim(number, stated, "shape", stated, shown, "wrong", how)]
