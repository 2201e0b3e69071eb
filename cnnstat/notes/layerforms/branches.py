"""An Inception module's row written in words: its branches' widths and its output,
``#1x1: 64, #3x3 reduce: 96, 3x3: 128, #5x5 reduce: 16, 5x5: 32, pool proj: 32,
output 28x28x256`` (GoogLeNet's table, as reviews copy it, in English or Korean).

The module concatenates its branches along the channels, so the output's channels are the
sum of the branches' own widths: the 1x1, the 3x3, the 5x5 and the pool projection; the
reductions (``reduce``, ``축소``) feed the 3x3 and the 5x5 and are not in the output.
Read only where every one of the four branches is stated once, each with one width, and
the output once (its last figure, the channels); the input is never an operand.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.settings import POOL_WORD

NEEDS = ("pool", "풀링")
CONFIDENCE = 0.8  # the branches are read from their labels
_SPLIT = re.compile(r",\s|;|,(?=\s*[#A-Za-z가-힣])")
_KERNEL = re.compile(r"(?<![0-9])([135])\s*[x×]\s*\1(?![0-9])")
_REDUCE = re.compile(r"reduc|\bred\b|축소|감소", re.I)
_INPUT = re.compile(r"input|입력", re.I)
_OUTPUT = re.compile(r"out\s*put|출력", re.I)
_NUMBER = re.compile(r"(?<![0-9.A-Za-z])[0-9]{1,4}(?![0-9.A-Za-z])")  # not 4e, 3a
_SHAPE = re.compile(r"(?<![0-9])[0-9]{1,3}\s*[x×]\s*[0-9]{1,3}\s*[x×]\s*([0-9]{1,4})(?![0-9])")


def check_line(number: int, masked: str) -> list[Claim]:
    if not POOL_WORD.search(masked) or not _OUTPUT.search(masked):
        return []
    widths: dict[str, list[int]] = {"1": [], "3": [], "5": [], "pool": []}
    outputs: list[int] = []
    for seg in _SPLIT.split(masked):
        if _INPUT.search(seg):
            continue
        if _OUTPUT.search(seg):
            shape = _SHAPE.findall(seg)
            nums = _NUMBER.findall(seg)
            if len(shape) == 1:
                outputs.append(int(shape[0]))
            elif len(nums) == 1:
                outputs.append(int(nums[0]))
            else:
                return []
            continue
        kernel = _KERNEL.search(seg)
        pool = POOL_WORD.search(seg)
        if bool(kernel) == bool(pool) and not (pool and kernel and
                                               kernel.group(1) == "1"):
            continue  # neither, or both ("3x3 pool")
        if _REDUCE.search(seg):
            continue
        rest = seg[:kernel.start()] + " " + seg[kernel.end():] if kernel else seg
        rest = _KERNEL.sub(" ", rest)
        nums = _NUMBER.findall(rest)
        if len(nums) != 1:
            return []
        key = "pool" if pool else kernel.group(1)
        widths[key].append(int(nums[0]))
    if len(outputs) != 1 or any(len(v) != 1 for v in widths.values()):
        return []
    parts = [widths[k][0] for k in ("1", "3", "5", "pool")]
    total, stated = sum(parts), outputs[0]
    text = " + ".join(map(str, parts)) + f" = {stated} channels"
    detail = ("an Inception module concatenates its branches: 1x1 + 3x3 + 5x5 + pool "
              f"projection = {total:,}")
    return [Claim(number, text, "shape", str(stated), total,
                  "right" if total == stated else "wrong",
                  detail if total == stated else f"{detail}, not {stated:,}",
                  confidence=CONFIDENCE)]
