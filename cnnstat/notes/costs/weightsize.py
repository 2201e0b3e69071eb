"""The size of a model's weights in bytes, from its parameter count on the same line:
``49,326,872 params = 188.17 MB``, ``#params=49326872, size=188.17MB``; or on the line
above, where a line of nothing but sizes follows it (``about 231.27 MBs, 237746.46 KBs``).

A size is the count times the bytes of one parameter: 4 (float32) unless the line names
another type (fp16/half/bfloat16: 2, int8: 1, float64/double: 8). A MB figure that is
really MiB is accepted, as ``numbers.agrees`` does for every byte figure. A size that
another type would explain, where the line names none, is no mistake it can be sure of:
it is skipped as unsure. The line must hold exactly one count and one byte figure. The
count may follow its word and a verb or particle (``parameters is 60 million``, ``파라미터가
6천만 개``, a Korean numeral rounded to its last digit that is not 0) or a type word
(``25.6M float32 parameters``); a byte figure may be a plain number after its unit
(``the number of bytes is 2400000``).
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.reading.numbers import agrees, plain, write_like
from cnnstat.notes.reading.normalise import scan
from cnnstat.notes.reading.numerals import Refused, read_number

_COUNT = re.compile(r"(?:#\s*)?(?:params?|parameters?|weights|파라미터)\s*(?:=|:|is|are|가|는|은|이)?\s*"
                    r"(?=\d)|(?<![\w.,])(?=\d[\d,_]*(?:\.\d{1,3})?\s?(?:[KMB]|million|billion)?"
                    r"\s*(?:(?:float32|fp32|float16|fp16|half|bfloat16|int8|float64)\s+)?"
                    r"(?:params?|parameters?|개의?\s*파라미터|파라미터)(?![A-Za-z]))",
                    re.I)
# a byte figure written as a plain number after its unit: "the number of bytes is 2400000"
_BYTES_BEFORE = re.compile(r"bytes?\s*(?:is|are|:|=|of|comes\s+to)\s*$|바이트\s*(?:수)?\s*(?:는|은|:|=)\s*$",
                           re.I)
_TYPES = (("fp16|float16|half|bfloat16|bf16", 2), ("int8|uint8|8-bit", 1),
          ("float64|fp64|double", 8), ("float32|fp32|single", 4))
_ANY_BYTES = (4, 2, 1, 8)
_OTHER_SIZES = re.compile(r"\b(?:input|activation|forward|backward|memory|estimated)",
                          re.I)


def _counts(masked: str) -> tuple[list, int]:
    counts, count_at = [], -1
    for m in _COUNT.finditer(masked):
        got = read_number(masked, m.end())
        if got is not None and got[0].value >= 1000 and (
                (got[0].style in ("plain", "grouped") and got[0].value.denominator == 1)
                or (got[0].style in ("suffix", "word", "korean") and got[0].unit >= 1000)):
            n = got[0]
            if n.style == "korean":  # 1억 3800만: rounded to its last digit that is not 0
                v, p = int(n.value), 1
                while v % (p * 10) == 0 and p < v:
                    p *= 10
                n = n._replace(precision=max(n.precision, Fraction(p)))
            counts.append(n)  # 138,357,544 params; 138M params (a rounded count)
            count_at = m.end()
    return counts, count_at


# a size of something besides the weights: a file, a download, a device's memory
_STORED = re.compile(r"file|disk|checkpoint|download|zip|compress|\bgpu\b|\bram\b|vram|"
                     r"train|batch|파일|디스크|메모리", re.I)
# a device the byte figure beside it is the memory of: "2 GPUs (GTX 580, 3GB each)", "a
# 12GB Titan X", "RAM 16GB", "그래픽 카드 메모리 3GB"
_DEVICE = re.compile(r"\bgpus?\b|\b(?:v?ram|gddr\d*|hbm\d*)\b|\b(?:gtx|rtx|titan|tesla|quadro)\b|"
                     r"\b[kvahp]100\b|그래픽|(?<![A-Za-z])(?:gtx|rtx)\s*\d", re.I)
_NAMES_COUNT = re.compile(r"param|파라미터|매개\s*변수|weights", re.I)


def _numbers(masked: str) -> list:
    """Each number of a line that starts a word: (number, start, end)."""
    out = []
    for k in range(len(masked)):
        if masked[k].isdigit() and (k == 0 or not (masked[k - 1].isalnum() or
                                                   masked[k - 1] in ".,_")):
            got = read_number(masked, k)
            if got is not None:
                out.append((got[0], k, got[1]))
    return out


def _sizes(masked: str) -> tuple[list, list[int], int]:
    """The byte figures of a line, the widths written ("x 4 bytes"), and how many
    numbers are not byte figures."""
    sizes, widths, others = [], [], 0
    for n, k, end in _numbers(masked):
        if n.style in ("plain", "grouped") and n.value.denominator == 1 and \
                _BYTES_BEFORE.search(masked[max(0, k - 24):k]):
            n = n._replace(style="bytes")  # "the total number of bytes is 2400000"
        if n.style != "bytes":
            others += 1
        elif n.unit == 1 and n.value in _ANY_BYTES:
            widths.append(int(n.value))
        else:
            sizes.append((n, k, end))
    return sizes, widths, others


SIZE_NEEDS = ("kb", "mb", "gb", "tb", "kib", "mib", "gib", "byte", "바이트")  # a byte figure's unit, folded


def under_count(number: int, masked: str, above: str) -> tuple[list[Claim], list[Skip]]:
    """``about 231.27 MBs, 237746.46 KBs`` on the line under ``Total ... parameters:
    61100840``: each size, a line of nothing but sizes, of the one count above."""
    if not above or not _NAMES_COUNT.search(above) or _COUNT.search(masked) or \
            _OTHER_SIZES.search(masked + " " + above) or _STORED.search(masked):
        return [], []
    sizes, widths, others = _sizes(masked)
    if not sizes or widths or others:
        return [], []
    counts = [n for n, _, _ in _numbers(above) if n.value >= 1000 and (
        (n.style in ("plain", "grouped") and n.value.denominator == 1) or
        (n.style in ("suffix", "word") and n.unit >= 1000))]
    if len(counts) != 1 or len(_numbers(above)) != 1:
        return [], []  # the line above: a count of parameters and no other number
    out: tuple[list[Claim], list[Skip]] = ([], [])
    for size, start, end in sizes:
        got = _judge(number, masked, masked + " " + above, counts[0], size, start, end, [],
                     {start})
        out[0].extend(got[0])
        out[1].extend(got[1])
    return out


def check_line(number: int, masked: str) -> tuple[list[Claim], list[Skip]]:
    counts, count_at = _counts(masked)
    if len(counts) != 1:
        return [], []
    sizes, widths, _ = _sizes(masked)
    if len(sizes) != 1 or len(widths) > 1:
        return [], []
    size, start, end = sizes[0]
    if _DEVICE.search(masked[max(0, start - 40):end + 16]):
        return [], [Skip(number, " ".join(masked.split())[:100], "a device's memory (a GPU, "
                                                                  "RAM), not the weights' size")]
    return _judge(number, masked, masked, counts[0], size, start, end, widths,
                  {count_at, start})


def _judge(number: int, masked: str, where: str, count, size, start: int, end: int,
           widths: list[int], own: set[int]) -> tuple[list[Claim], list[Skip]]:
    """``size`` against ``count`` x the bytes of one parameter (``where``: the text that
    may name the number type, and other memory)."""
    counts = [count]
    text = " ".join(masked.split())[:100]
    if _OTHER_SIZES.search(where):
        return [], [Skip(number, text, "a memory figure beside a count: not said to be "
                                       "the weights alone")]
    named = [b for rx, b in _TYPES if re.search(rf"\b(?:{rx})\b", where, re.I)]
    if len(named) > 1:
        return [], [Skip(number, text, "several number types named")]
    if widths and named and widths[0] != named[0]:
        return [], [Skip(number, text, "the bytes written and the type named disagree")]
    named = widths or named
    per = named[0] if named else 4
    if not _accounted(masked, own, per, counts[0].value):
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
    if not widths and _saved(Fraction(actual), size):
        return [], [Skip(number, text, "unsure: a little more than the parameters' bytes, as "
                                       "a saved file is (buffers, the format's headers)")]
    shown = write_like(Fraction(actual), size)
    return [Claim(number, text, "memory", size.text, int(actual), "wrong",
                  f"{plain(counts[0].value)} parameters x {per} bytes = {plain(actual)} "
                  f"bytes", (Edit(number, start, end, shown),), shown)], []


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


# how much more than the parameters' bytes a saved weights file may hold: the buffers
# (BatchNorm's running statistics), the format's headers and names
SAVED_OVERHEAD = Fraction(3, 100)


def _saved(actual: Fraction, size) -> bool:
    """A size no calculation on the line gives, a little over the parameters' bytes (in MB
    or MiB, to its digits): ``22,910,480 parameters (Keras reports 22.9M, 88 MB)``, the file
    of 87.6 MiB. Never less than the parameters' bytes: a smaller size stays wrong."""
    for unit in _READINGS.get(size.unit, (size.unit,)):
        v, p = size.value / size.unit * unit, size.precision / size.unit * unit
        if actual <= v + p / 2 and v - p / 2 <= actual * (1 + SAVED_OVERHEAD):
            return True
    return False


# a byte figure read in decimal units or in the binary ones it is often written for
_READINGS = {10**3: (10**3, 2**10), 10**6: (10**6, 2**20), 10**9: (10**9, 2**30),
             10**12: (10**12, 2**40)}
