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
                    r"(?=\d)|(?<![\w.,])(?=\d[\d,_]*(?:\.\d{1,3})?\s?(?:[KMB]|million|billion)?"
                    r"\s*(?:params?|parameters?|개의?\s*파라미터|파라미터)(?![A-Za-z]))",
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
        if got is not None and got[0].value >= 1000 and (
                (got[0].style in ("plain", "grouped") and got[0].value.denominator == 1)
                or (got[0].style in ("suffix", "word") and got[0].unit >= 1000)):
            counts.append(got[0])  # 138,357,544 params; 138M params (a rounded count)
    if len(counts) != 1:
        return [], []
    widths = []  # "x 4 bytes": the bytes of one parameter, written out
    for k in range(len(masked)):
        if masked[k].isdigit() and (k == 0 or not (masked[k - 1].isalnum() or
                                                   masked[k - 1] in ".,_")):
            got = read_number(masked, k)
            if got is not None and got[0].style == "bytes":
                if got[0].unit == 1 and got[0].value in _ANY_BYTES:
                    widths.append(int(got[0].value))
                else:
                    sizes.append((got[0], k, got[1]))
    if len(sizes) != 1 or len(widths) > 1:
        return [], []
    size, start, end = sizes[0]
    text = " ".join(masked.split())[:100]
    if _OTHER_SIZES.search(masked):
        return [], [Skip(number, text, "a memory figure beside a count: not said to be "
                                       "the weights alone")]
    named = [b for rx, b in _TYPES if re.search(rf"\b(?:{rx})\b", masked, re.I)]
    if len(named) > 1:
        return [], [Skip(number, text, "several number types named")]
    if widths and named and widths[0] != named[0]:
        return [], [Skip(number, text, "the bytes written and the type named disagree")]
    named = widths or named
    per = named[0] if named else 4
    actual = counts[0].value * per
    if counts[0].precision > 1:
        return _rounded(number, text, counts[0], size, per, bool(named), start, end)
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


def _rounded(number: int, text: str, count, size, per: int, named: bool, start: int,
             end: int) -> tuple[list[Claim], list[Skip]]:
    """A rounded count (``138M params x 4 bytes = 528 MB``): the size is right when some
    count the figure may stand for (rounded to nearest or cut) gives it, read in MB or
    MiB to the digits written."""
    def fits(width: int) -> bool:
        lo, hi = (count.value - count.precision / 2) * width, (count.value + count.precision) * width
        for unit in _READINGS.get(size.unit, (size.unit,)):
            v, p = size.value / size.unit * unit, size.precision / size.unit * unit
            if v - p / 2 <= hi and lo <= v + p:
                return True
        return False

    how = f"{count.text} parameters (rounded) x {per} bytes, in MB or MiB"
    if fits(per):
        return [Claim(number, text, "memory", size.text, int(count.value * per), "right",
                      how)], []
    if not named and any(fits(b) for b in _ANY_BYTES):
        return [], [Skip(number, text, "unsure: the size fits another number type, and "
                                       "the line names none")]
    shown = write_like(Fraction(count.value * per), size)
    return [Claim(number, text, "memory", size.text, int(count.value * per), "wrong", how,
                  (Edit(number, start, end, shown),), shown)], []


# a byte figure read in decimal units or in the binary ones it is often written for
_READINGS = {10**3: (10**3, 2**10), 10**6: (10**6, 2**20), 10**9: (10**9, 2**30),
             10**12: (10**12, 2**40)}
