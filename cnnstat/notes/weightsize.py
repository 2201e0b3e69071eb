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
from cnnstat.notes.normalise import scan
from cnnstat.notes.numerals import Refused, read_number

_COUNT = re.compile(r"(?:#\s*)?(?:params?|parameters?|weights|파라미터)\s*(?:=|:)?\s*"
                    r"(?=\d)|(?<![\w.,])(?=\d[\d,_]*(?:\.\d{1,3})?\s?(?:[KMB]|million|billion)?"
                    r"\s*(?:params?|parameters?|개의?\s*파라미터|파라미터)(?![A-Za-z]))",
                    re.I)
_TYPES = (("fp16|float16|half|bfloat16|bf16", 2), ("int8|uint8|8-bit", 1),
          ("float64|fp64|double", 8), ("float32|fp32|single", 4))
_ANY_BYTES = (4, 2, 1, 8)
# a line with a count, or a size (under a count on the line above)
NEEDS = ("param", "weight", "파라미터", "mb", "kb", "gb", "mib", "kib", "gib", "byte")
_OTHER_SIZES = re.compile(r"\b(?:input|activation|forward|backward|memory|estimated)",
                          re.I)


def _counts(masked: str) -> tuple[list, int]:
    counts, count_at = [], -1
    for m in _COUNT.finditer(masked):
        got = read_number(masked, m.end())
        if got is not None and got[0].value >= 1000 and (
                (got[0].style in ("plain", "grouped") and got[0].value.denominator == 1)
                or (got[0].style in ("suffix", "word") and got[0].unit >= 1000)):
            counts.append(got[0])  # 138,357,544 params; 138M params (a rounded count)
            count_at = m.end()
    return counts, count_at


def _sizes(masked: str) -> tuple[list, list[int]]:
    sizes, widths = [], []  # widths: "x 4 bytes", the bytes of one parameter written out
    if not any(c.isdigit() for c in masked):
        return sizes, widths
    for k in range(len(masked)):
        if masked[k].isdigit() and (k == 0 or not (masked[k - 1].isalnum() or
                                                   masked[k - 1] in ".,_")):
            got = read_number(masked, k)
            if got is not None and got[0].style == "bytes":
                if got[0].unit == 1 and got[0].value in _ANY_BYTES:
                    widths.append(int(got[0].value))
                else:
                    sizes.append((got[0], k, got[1]))
    return sizes, widths


# a line of sizes and nothing more, under a line with the count ("Total number of
# trainable parameters: 61100840" then "about 233.08 MBs, 238675.16 KBs")
_SIZE_WORDS = re.compile(r"(?:about|approx(?:imately|\.)?|roughly|around|i\.e\.|or|and|size|"
                         r"model|weights?|params?|parameters?|in|as|float32|fp32|약|크기|용량|"
                         r"모델|가중치|파라미터|[=:~≈,;()\[\]*_`-]|\s)*", re.I)


_LABELLED = re.compile(r"^\W*(?:[A-Za-z가-힣]+\s+){0,3}(?:params?|parameters?|파라미터\s*수?)"
                       r"(?:\s+[A-Za-z가-힣]+){0,4}\s*[:=]\s*(?=\d)", re.I)


def check_line(number: int, masked: str, above: str = "") -> tuple[list[Claim], list[Skip]]:
    counts, count_at = _counts(masked)
    if not counts and above and any(c.isdigit() for c in above):
        return _below(number, masked, above)
    if len(counts) != 1:
        return [], []
    sizes, widths = _sizes(masked)
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
    if not _accounted(masked, {count_at, start}, per, counts[0].value):
        return [], [Skip(number, text, "unsure: the calculation has a factor besides the "
                                       "count, its bytes and the unit (x 3 for gradients and "
                                       "momentum, a batch)")]
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


def _below(number: int, masked: str, above: str) -> tuple[list[Claim], list[Skip]]:
    """Sizes alone on a line, each the weights' size of the one count on the line above
    (4 bytes a parameter; a size another type would explain is unsure)."""
    counts, _ = _counts(above)
    if not counts:  # "Trainable parameters in the model: 11689512"
        m = _LABELLED.match(above)
        got = read_number(above, m.end()) if m else None
        if got is not None and got[0].style in ("plain", "grouped") and \
                got[1] == len(above.rstrip()):
            counts = [got[0]]
    if len(counts) != 1 or counts[0].precision > 1 or _sizes(above)[0] or \
            _OTHER_SIZES.search(above) or _OTHER_SIZES.search(masked):
        return [], []
    sizes, widths = _sizes(masked)
    if not sizes or len(sizes) > 3 or widths:
        return [], []
    rest = masked
    for size, start, end in reversed(sizes):
        rest = rest[:start] + rest[end:]
    if not _SIZE_WORDS.fullmatch(rest):
        return [], []
    count = counts[0].value
    claims, skips = [], []
    for size, start, end in sizes:
        text = f"{plain(count)} parameters: {size.text.strip()}"
        if agrees(count * 4, size):
            claims.append(Claim(number, text, "memory", size.text, int(count * 4), "right",
                                f"{plain(count)} parameters (the line above) x 4 bytes"))
        elif any(agrees(count * b, size) for b in _ANY_BYTES):
            skips.append(Skip(number, text, "unsure: the size fits another number type"))
        else:
            shown = write_like(Fraction(count * 4), size)
            claims.append(Claim(number, text, "memory", size.text, int(count * 4), "wrong",
                                f"{plain(count)} parameters (the line above) x 4 bytes = "
                                f"{plain(count * 4)} bytes", (Edit(number, start, end, shown),),
                                shown))
    return claims, skips


# what a weights' size may divide by: the byte units, and the parts of 1024^2, 10^6
_UNITS = frozenset({1000, 1024, 10**6, 2**20, 10**9, 2**30})


def _accounted(masked: str, own: set[int], per: int, count: Fraction) -> bool:
    """Does every factor written in a calculation on the line belong to the count x bytes
    / unit reading (``19,072,984 * 4 / 1024^2 * 3 = 218.27 MB`` has a ``* 3`` it does not
    account for)? Numbers that are no operand (labels, the count, the size) do not count."""
    try:
        tokens = scan(masked)
    except Refused:
        return False
    for k, t in enumerate(tokens):
        if t.kind != "NUM" or t.start in own:
            continue
        prev = tokens[k - 1] if k else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        before = tokens[k - 2] if k > 1 else None
        after = tokens[k + 2] if k + 2 < len(tokens) else None
        if prev is not None and prev.kind == "LP" and before is not None:
            prev, before = before, (tokens[k - 3] if k > 2 else None)  # "/ (1024^2)"
        # an operand: an operator between it and another operand ("ResNet-18" is a name)
        if not (prev is not None and prev.kind in ("OP", "FRAC", "OVER") and
                before is not None and before.kind in ("NUM", "RP", "RB")) and \
                not (nxt is not None and nxt.kind in ("OP", "OVER") and
                     after is not None and after.kind in ("NUM", "LP", "LB", "FRAC")):
            continue
        v = t.num.value
        if v in (per, count) or v in _UNITS:
            continue
        if prev is not None and prev.kind == "OP" and prev.text == "^" and k > 1 and \
                tokens[k - 2].kind == "NUM" and tokens[k - 2].num.value in (2, 10, 1000, 1024):
            continue  # the exponent of 1024^2, 10^6, 2^20
        if nxt is not None and nxt.kind == "OP" and nxt.text == "^" and v in (2, 10):
            continue
        return False
    return True


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
