"""The size of a model's weights in bytes, from its parameter count on the same line:
``49,326,872 params = 188.17 MB``, ``#params=49326872, size=188.17MB``.

A size is the count times the bytes of one parameter: 4 (float32) unless the line names
another type (fp16/half/bfloat16: 2, int8: 1, float64/double: 8). A MB figure that is
really MiB is accepted, as ``numbers.agrees`` does for every byte figure. A size that
another type would explain, where the line names none, is no mistake it can be sure of:
it is skipped as unsure. The line must hold exactly one count and one byte figure.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.numbers import agrees, plain, write_like
from cnnstat.notes.numerals import read_number

_COUNT = re.compile(r"(?:#\s*)?(?:params?|parameters?|weights|파라미터)\s*(?:=|:)?\s*"
                    r"(?=\d)|(?<![\w.,])(?=\d[\d,_]*\s*(?:params?|parameters?)(?![A-Za-z]))",
                    re.I)
_TYPES = (("fp16|float16|half|bfloat16|bf16", 2), ("int8|uint8|8-bit", 1),
          ("float64|fp64|double", 8), ("float32|fp32|single", 4))
_ANY_BYTES = (4, 2, 1, 8)
_OTHER_SIZES = re.compile(r"\b(?:input|activation|forward|backward|memory|estimated)",
                          re.I)


def check_line(number: int, masked: str) -> tuple[list[Claim], list[Skip]]:
    counts, sizes = [], []
    for m in _COUNT.finditer(masked):
        got = read_number(masked, m.end())
        if got is not None and got[0].style in ("plain", "grouped") and \
                got[0].value >= 1000 and got[0].value.denominator == 1:
            counts.append(got[0])
    if len(counts) != 1:
        return [], []
    for k in range(len(masked)):
        if masked[k].isdigit() and (k == 0 or not (masked[k - 1].isalnum() or
                                                   masked[k - 1] in ".,_")):
            got = read_number(masked, k)
            if got is not None and got[0].style == "bytes":
                sizes.append((got[0], k, got[1]))
    if len(sizes) != 1:
        return [], []
    size, start, end = sizes[0]
    text = " ".join(masked.split())[:100]
    if _OTHER_SIZES.search(masked):
        return [], [Skip(number, text, "a memory figure beside a count: not said to be "
                                       "the weights alone")]
    named = [b for rx, b in _TYPES if re.search(rf"\b(?:{rx})\b", masked, re.I)]
    if len(named) > 1:
        return [], [Skip(number, text, "several number types named")]
    per = named[0] if named else 4
    actual = counts[0].value * per
    if agrees(actual, size):
        return [Claim(number, text, "memory", size.text, int(actual), "right",
                      f"{plain(counts[0].value)} parameters x {per} bytes")], []
    if not named and any(agrees(counts[0].value * b, size) for b in _ANY_BYTES):
        return [], [Skip(number, text, "unsure: the size fits another number type, and "
                                       "the line names none")]
    shown = write_like(Fraction(actual), size)
    return [Claim(number, text, "memory", size.text, int(actual), "wrong",
                  f"{plain(counts[0].value)} parameters x {per} bytes = {plain(actual)} "
                  f"bytes", (Edit(number, start, end, shown),), shown)], []
