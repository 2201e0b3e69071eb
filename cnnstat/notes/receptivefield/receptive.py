"""Receptive fields of dilated convs, listed line by line: "dilation=2, receptive field
7×7". Each line is judged two ways, and is right when either holds:

* one conv alone: a k×k kernel with dilation d covers ``d·(k - 1) + 1`` pixels a side;
* the list's convs stacked, each on the one the line above names (the usual figure of
  dilated stacks): ``r + (k_eff - 1)·j``, stride 1.

The effective kernel is the conv layer's window and the growth rule is the analysis's
(``cnnstat.analysis.grow``), the rule ``cnnstat rf`` uses. The kernel is the note's: stated
on the line ("3x3 kernel", "kernel size 3") or earlier, or read off the plain conv's own
line (dilation 1: the field is the kernel). Without a kernel nothing is said.

A block's field stated once ("each block has a receptive field of 1024") and then said to
be what each further block adds ("each block adds 1024") is wrong: a block stacked on
another widens the field by ``(R - 1)·j`` (the same rule, ``j`` the jump below it, 1 in a
dilated stack), which is never ``R`` for a whole jump and ``R > 2``; so is a product
``R*B`` (B blocks of field R) on a line that names nothing else it could count: B
stride-free blocks cover ``B·(R - 1) + 1``. A square ``3x3`` is a window, and a product
after ``+`` or before ``-`` a step of a sum (``7 + 3*2``, ``3*5 - 3 + 1``): neither is B
blocks; nor is "the receptive field of 3 filters" a field of 3.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.kept import keep
from cnnstat.notes.signs import Gated

_DILATION = Gated(("dilat",), r"dilation(?:\s*rate)?\s*(?:=|:|of|is)?\s*(\d{1,3})(?!\d)|"
                       r"(?<!\d)(\d{1,3})-dilated", re.I)
_FIELD = Gated(("receptive", "수용"), r"(?:receptive\s+field|수용\s*영역)(?:\s+(?:size\s+)?(?:of|is|=|:)?)?\s*"
                    r"(?P<a>\d{1,4})\s*[x×*]\s*(?P<b>\d{1,4})(?!\d)", re.I)
# the window one dilated conv spans, in words: "covers 5x5", "sees a 7x7 window", "an
# effective kernel size of 9", "→ 5x5 RF"
_SPAN = Gated(("cover", "see", "span", "effective", "rf", "receptive"),
              r"\b(?:covers?|covering|sees?|seeing|spans?|spanning)\s+(?:an?\s+|the\s+)?(?P<a>\d{1,3})"
              r"\s*[x×]\s*(?P<b>\d{1,3})(?!\d)|\beffective\s+(?:kernel|filter|window)(?:\s+size)?\s*"
              r"(?:of|is|=|:|becomes)?\s*(?P<c>\d{1,3})(?:\s*[x×]\s*(?P<d>\d{1,3}))?(?!\d|\.\d)"
              # (not a calculation's first operand: "effective kernel is 3 + (3-1)(2-1) = 5")
              r"(?!\s*[-+*/·(−]\s*[\d(])|"
              r"(?:->|→)\s*(?P<e>\d{1,3})\s*[x×]\s*(?P<f>\d{1,3})\s*(?:RF|receptive)", re.I)
_KERNEL = Gated(("kernel", "conv", "filter", "커널", "필터"), r"(?<!\d)(\d{1,2})\s*[x×]\s*(\d{1,2})\s*"
                     r"(?:kernel|conv|filter|커널|필터)|"
                     r"kernel(?:[_ ]size)?\s*(?:=|:|of|is)?\s*(\d{1,2})(?!\s*[x×\d])", re.I)
_BLOCK_FIELD = Gated(("receptive", "수용"), r"(?:receptive\s+field|수용\s*영역)(?:\s+size)?(?:\s+(?:of|is))?"
                          r"\s*(?:=|:)?\s*(\d{1,3}(?:,\d{3})+|\d{1,7})(?![\d.,]\d|\s*[x×*])"
                          # ("the receptive field of 3 filters of size 5x5": a count of them)
                          r"(?!\s*(?:filters?|layers?|conv\w*|blocks?|kernels?|stacked|개|층))",
                          re.I)
_BLOCK = Gated(("block", "stack", "stage"), r"\bblock|\bstack|\bstage", re.I)
_ADDS = Gated(("add",), r"\badds?\s+(?:only\s+|just\s+)?(\d{1,3}(?:,\d{3})+|\d{1,7})(?![\d.,]\d)"
                   r"(?=[^.]*receptive\s+field)", re.I)
_TIMES = re.compile(r"(?<![\d.,])(\d{1,7})\s*[*x×]\s*(\d{1,2})(?![\d.,]\d|\s*[*x×^])")
_TERM = re.compile(r"[-+−/]\s*\(?\s*\Z")  # an operator just before: a term of a longer sum
_TERM_AFTER = re.compile(r"\s*[-+−]\s*[\d(]")  # or just after ("(3*5 - 3 + 1)": a rule's term)
_OTHER = Gated(("channel", "filter", "byte", "pixel", "param", "weight", "feature", "unit",
                "neuron", "node", "sample", "batch", "size", "dim", "kernel", "채널", "필터"),
               r"channel|filter|byte|pixel|param|weight|feature|unit|neuron|node|"
               r"sample|batch|size|dim|kernel|채널|필터", re.I)
_ANY = Gated(("recept", "dilat", "kernel", "conv", "filter", "수용", "커널", "필터"),
             r"recept|dilat|kernel|conv|filter|수용|커널|필터", re.I)
# a line that stacks convs: its window is the stack's, not one conv's
_STACKED = re.compile(r"\bstack|\b(?:two|three|four|layers)\b|[0-9]\s*,\s*[0-9]", re.I)
# "3x3 dilation 2", "3x3, dilated by 2": the kernel right before its dilation
_KERNEL_DILATED = re.compile(r"(?<!\d)(\d{1,2})\s*[x×]\s*(\d{1,2})()\s*,?\s*(?:with\s+)?dilat", re.I)
MAX_KERNEL = 31
MAX_DILATION = 512


def _window(k: int, d: int) -> tuple:
    from cnnstat.layers import KINDS

    conv = KINDS["conv"].make({"out": 1, "kernel": k, "dilation": d})
    side = d * (k - 1) + 1
    return conv.apply((1, side, side)).window


class Stack:
    """The note's kernel, and the list of dilated convs read on the lines just above."""

    def __init__(self) -> None:
        self.kernel: int | None = None
        self.last = 0  # the line of the list's last entry
        self.entries = 0  # how many lines the list has had
        self.blocks: dict[int, bool] = {}  # a block's receptive field, as the note states it
        self.field: tuple | None = (1, 1)  # the stacked field so far; None: not a stack

    def _read_kernel(self, text: str) -> None:
        m = _KERNEL.search(text)
        if m is None:
            return
        if m.group(3):
            self.kernel = int(m.group(3))
        elif m.group(1) == m.group(2):
            self.kernel = int(m.group(1))

    def check_line(self, number: int, text: str) -> list[Claim]:
        if not _ANY.search(text):
            # most lines: no word any of these forms is written with; only a product
            # after a block's field was stated ("R*B") can be read without one
            return self._times(number, text) if self.blocks else []
        self._read_kernel(text)
        added = self._adds(number, text) or self._times(number, text)
        if _BLOCK.search(text):
            for v in _BLOCK_FIELD.findall(text):
                keep(self.blocks, int(v.replace(",", "")))  # bounded: the oldest forgotten
        return added or self._dilated(number, text)

    def _adds(self, number: int, text: str) -> list[Claim]:
        """"each block adds R to the receptive field", R a block's own field: R - 1."""
        from cnnstat.analysis import grow

        for m in _ADDS.finditer(text):
            r = int(m.group(1).replace(",", ""))
            if r in self.blocks and r > 2:
                # the block's own window, stacked at stride 1 on a field of one pixel
                wider = grow((1, 1), (1, 1), ((r, r), (1, 1)))[0][0] - 1
                return [Claim(number, m.group(0), "receptive field", str(r), wider, "wrong",
                              f"a block whose own field is {r} widens the field below it "
                              f"by ({r} - 1) x the jump: {wider:,} in a stack without "
                              f"strides, and never {r}")]
            if r + 1 in self.blocks and r > 1:
                return [Claim(number, m.group(0), "receptive field", str(r), r, "right",
                              f"a block whose own field is {r + 1} widens a stride-free "
                              f"stack by {r + 1} - 1 = {r}")]
        return []

    def _times(self, number: int, text: str) -> list[Claim]:
        """"R*B" for B stacked blocks of field R: B·(R - 1) + 1 without strides."""
        if not self.blocks or _OTHER.search(text):
            return []
        from cnnstat.analysis import grow

        for m in _TIMES.finditer(text):
            r, b = int(m.group(1)), int(m.group(2))
            if r == b or _TERM.search(text, 0, m.start()) or _TERM_AFTER.match(text, m.end()):
                continue  # a square is a window or a map (3x3); a term of a sum is a step
            if r in self.blocks and r > 2 and 2 <= b <= 16:
                field = (1, 1)
                for _ in range(b):
                    field = grow(field, (1, 1), ((r, r), (1, 1)))[0]
                return [Claim(number, m.group(0), "receptive field", m.group(0), field[0],
                              "wrong", f"{b} blocks of field {r} stacked without strides "
                              f"cover {b}*({r} - 1) + 1 = {field[0]:,}: each adds {r - 1}")]
        return []

    def _dilated(self, number: int, text: str) -> list[Claim]:
        dil = _DILATION.findall(text)
        fields = list(_FIELD.finditer(text))
        if len(dil) != 1 or len(fields) > 1:
            return []
        spans = [] if fields else list(_SPAN.finditer(text))
        if not fields and len(spans) != 1:
            return []
        d = int(dil[0][0] or dil[0][1])
        f = fields[0] if fields else spans[0]
        a = f.group("a") or (f.group("c") or f.group("e") if spans else None)
        b = f.group("b") or (f.group("d") or f.group("c") or f.group("f") if spans else None)
        side = int(a)
        if side != int(b) or not 1 <= d <= MAX_DILATION:
            return []
        if spans:  # one conv's own window: judged alone, no part of a list
            return self._alone(number, f.group(0), side, d, text)
        if self.kernel is None and d == 1 and side <= MAX_KERNEL:
            self.kernel = side  # the plain conv's field is its kernel: nothing to judge
        k = self.kernel
        if k is None or not 1 <= k <= MAX_KERNEL:
            return []
        from cnnstat.analysis import grow

        window = _window(k, d)
        alone = grow((1, 1), (1, 1), window)[0][0]
        below = self.field if number == self.last + 1 else (1, 1)
        stacked = grow(below, (1, 1), window)[0] if below is not None else None
        self.entries = self.entries + 1 if number == self.last + 1 else 1
        self.last = number
        if d == 1 and below == (1, 1):
            self.field = stacked
            return []  # the plain conv that gave the kernel, or the list's trivial start
        # the list is a stack while its lines read as one; a line that reads only as a
        # lone conv makes the list one of lone convs
        self.field = stacked if stacked is not None and side == stacked[0] else None
        ok = side == alone or self.field is not None
        how = f"a {k}x{k} conv with dilation {d} covers {alone}x{alone}"
        if stacked is not None and stacked[0] != alone:
            how += f" alone, {stacked[0]}x{stacked[0]} stacked on the convs listed above it"
        # a wrong line's right figure: the stack's where the list above it is one
        best = stacked[0] if stacked is not None and self.entries > 2 else alone
        actual = f"{side}x{side}" if ok else f"{best}x{best}"
        return [Claim(number, f.group(0), "receptive field", f"{side}x{side}", actual,
                      "right" if ok else "wrong", how)]

    def _alone(self, number: int, text: str, side: int, d: int, line: str) -> list[Claim]:
        """"a 3x3 kernel with dilation 2 covers 5x5": the one conv's window, its kernel on
        the line (not one the note gave before: a line that names none may mean a stack)."""
        m = _KERNEL.search(line) or _KERNEL_DILATED.search(line)
        k = None if m is None else int(m.group(3)) if m.group(3) else \
            int(m.group(1)) if m.group(1) == m.group(2) else None
        if k is None or not 1 <= k <= MAX_KERNEL or _STACKED.search(line):
            return []
        from cnnstat.analysis import grow

        alone = grow((1, 1), (1, 1), _window(k, d))[0][0]
        return [Claim(number, text, "receptive field", f"{side}x{side}", f"{alone}x{alone}",
                      "right" if side == alone else "wrong",
                      f"a {k}x{k} conv with dilation {d} covers {d}*({k} - 1) + 1 = {alone}")]
