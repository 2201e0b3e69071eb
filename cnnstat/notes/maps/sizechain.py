"""A chain of map sizes written out under a question that fixes its layer (``convcount``):
``199x199 | 197x197 | 195x195``, ``199 ---> 197 ---> 195``, ``1. => | 199 x 199 | 197 x 197
|``, one size a line, ``199*199| (3x3) Layer1 |197*197`` (the kernel and the layer's name
between sizes), or a step in words (``199x199 convolved using 3x3 matrix resulting in
197x197``). Each size is the one before it through the layer (a valid ``k x k`` conv,
stride 1: ``k - 1`` less), the one before it as written; a chain goes on from the line
above's last size. A size that is not square, or a ``k x k`` between two sizes that is
not the next size (a kernel), starts the chain again without a verdict.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit

GAP = 3  # lines a chain may skip (blank ones) and go on
# what only names the layer between two sizes: "(3x3)", "3x3)", "Layer12", "step 4"
_DECOR = re.compile(r"\(\s*\d{1,2}\s*[x×*]\s*\d{1,2}\s*\)?|(?<![\w.])\d{1,2}\s*[x×*]\s*"
                    r"\d{1,2}\s*\)|\b(?:layer|step|conv)\s*-?\s*\d{1,3}\b", re.I)
_LEAD = re.compile(r"\s*(?:#+\s*)?\d{1,3}[.)]\s")  # a list's number
_ITEM = re.compile(r"(?<![0-9A-Za-z_.])(\d{1,4})(?:\s*[x×*]\s*(\d{1,4}))?"
                   r"(?![0-9A-Za-z_]|\.\d|\s*[x×*]\s*\d)")
_GAP = re.compile(r"[\s|\-–—>→=&,;:]*")
_KERNEL = re.compile(r"\s*(?:conv(?:olutions?|s)?\b|kernel|filter|matrix|window|합성곱|커널|"
                     r"필터)", re.I)
_BY = re.compile(r"(?:using|with|by)(?:\s+an?)?\s*$", re.I)  # "using 3x3 ...", "with a 3x3"

Item = tuple  # (height, width, start, end)


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * (m.end() - m.start()), text)


def parse(masked: str, k: int) -> tuple[list[Item], bool] | None:
    """The sizes a line gives in order, and whether it is a step in words (its first size
    the input, its second the output); None where it is no chain."""
    text = _blank(masked, _DECOR)
    lead = _LEAD.match(text)
    if lead is not None:
        text = " " * lead.end() + text[lead.end():]
    found = list(_ITEM.finditer(text))
    if not found:
        return None
    items = [(int(m.group(1)), int(m.group(2) or m.group(1)), m.start(), m.end())
             for m in found]
    gaps = [text[a.end():b.start()] for a, b in zip(found, found[1:])]
    pure = _GAP.fullmatch(text[:found[0].start()]) and _GAP.fullmatch(text[found[-1].end():]) \
        and all(_GAP.fullmatch(g) for g in gaps)
    if pure:
        if len(found) == 1 and found[0].group(2) is None:
            return None  # a number alone: an answer, not a map
        return items, False
    # in words: two maps written as products, the layer's kernel between them
    kernels = [m for m in found if m.group(2) is not None and
               int(m.group(1)) == int(m.group(2)) == k and
               (_KERNEL.match(masked, m.end()) or _BY.search(masked, 0, m.start()))]
    maps = [i for i, m in zip(items, found) if m.group(2) is not None and m not in kernels]
    if len(maps) == 2 and kernels and maps[0][2] < kernels[0].start() < maps[1][2] and \
            len(found) == 3:
        return maps, True
    return None


class Chain:
    """The last size a chain reached, its line, and whether it may be stepped from."""

    def __init__(self) -> None:
        self.last: tuple[int, int] | None = None
        self.line = -GAP - 1
        self.first: int | None = None  # the side of the chain's first size

    def reset(self) -> None:
        self.last, self.line, self.first = None, -GAP - 1, None

    def check_line(self, number: int, masked: str, k: int) -> list[Claim]:
        got = parse(masked, k)
        if got is None:
            if masked.strip():
                self.last = None  # words between: the chain is not followed on
            return []
        items, worded = got
        prev = self.last if number - self.line <= GAP else None
        begin, begin_size = items[0][2], items[0][0]
        if worded:
            prev = items[0][:2] if items[0][0] == items[0][1] else None
            items = items[1:]
        steps: list[tuple[Item, tuple[int, int]]] = []
        for item in items:
            size = item[:2]
            if prev is not None and size == (k, k) and prev[0] - (k - 1) != k and not worded:
                continue  # the kernel between two sizes
            if prev is not None and prev[0] == prev[1]:
                if size[0] > prev[0] or size[1] > prev[1]:
                    steps, prev = [], None  # growing: no chain of convolutions
                    break
                steps.append((item, (prev[0] - k + 1,) * 2))
            prev = size
        self.last, self.line = prev, number
        if self.first is None and items and items[0][0] == items[0][1]:
            self.first = items[0][0] if not worded else begin_size
        if not steps:
            return []
        bad = [(item, want) for item, want in steps if item[:2] != want]
        item, want = bad[0] if bad else steps[-1]
        written = masked[item[2]:item[3]]
        shown = re.sub(r"\d+", str(want[0]), written)
        return [Claim(number, " ".join(masked[begin:item[3]].split())[-80:], "shape",
                      written, shown, "wrong" if bad else "right",
                      f"each valid {k}x{k} convolution (stride 1) takes {k - 1} off a side",
                      (Edit(number, item[2], item[3], shown),) if bad else (), shown)]
