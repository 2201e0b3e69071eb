"""A layer set out over several lines, one setting a line, then the shape it gives::

    1. Convolution Layer1          Layer 2: Max pooling          3. 합성곱 층
    입력 shape = (39, 31, 1)        Input shape: (36, 28, 20)     입력: 16x12x40
    필터 = (4, 4)                   Pool size: 2                  커널 크기 = 3
    출력 채널 = 20                                                 필터 수 = 60
    stride = 1                     ...                           ...
    따라서 출력 Shape는 (36, 28, 20)   Output shape: (18, 14, 20)     출력: 14x10x60

A line that names a kind of layer and nothing more (``Convolution Layer1``, ``Max Pooling
Layer``, ``Flatten Layer의 Shape``, ``합성곱 층 2``) opens a block; the lines under it set
its kernel, stride, padding and filters (``필터 = (4, 4)``, ``출력 채널 = 20``, ``stride =
1``, ``pool size: 2``) and its input (a map on a line that says input; without one, the
last block's output); a map on a line that says output closes it (a conv's output stated
before its kernel and filters, ``- 출력 데이터 Shape : (26,26,32)`` above ``- 필터 : (3,3)``,
waits for them, dropped where they never come), judged as the
walkthrough judges a layer (``walkthrough.Walkthrough._judge``: each side by the layer
algebra, a stride, padding or pooling window the note does not state taken at its usual
value, unsure where another would give it; a conv gives its filters' channels, a pooling
keeps its input's; channels not its filters' are wrong even where the size is unsure). A flatten gives H*W*C values, written ``(160,)``, ``(160, 1)`` or
``160``. A block with a setting written twice differently, or with a setting this reader
does not know (dilation, groups), judges nothing.
"""

from __future__ import annotations

import re

from cnnstat.notes.maps.aspect import possible
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.maps.walkthrough import Layer, Map, judge_layer, maps
from cnnstat.notes.reading.settings import POOL_WORD

_OPEN = re.compile(r"^\W*(?:\d{1,2}(?:\.\d{1,2}){0,2}\s*[.):]?\s*)?(?:layer\s*\d{1,2}\s*[:.)-]?\s*)?"
                   r"(?P<kind>convolution(?:al)?|conv(?:2d)?|max\s*pooling|max\s*pool|"
                   r"average\s*pooling|avg\s*pool(?:ing)?|pool(?:ing)?|flatten|합성곱|컨볼루션|"
                   r"(?:맥스\s*|최대\s*|평균\s*)?풀링|평탄화|플래튼)"
                   r"\s*(?:layer|층|레이어)?\s*[-_]?\s*\d{0,2}\s*(?:의\s*shape|shape)?\s*:?\s*$",
                   re.I)
# the kind in brackets after the layer's place ("First layer (Conv layer):", "Then apply
# (Max pooling):  #Pool1", "Layer 3 (fully connected)"): a fully connected one ends the walk
_KINDS = (r"convolution(?:al)?|conv(?:2d)?|max\s*pooling|max\s*pool|average\s*pooling|"
          r"avg\s*pool(?:ing)?|pool(?:ing)?|fully[\s-]*connected|dense|fc")
_OPEN_PLACED = re.compile(r"^\W*(?:(?:the\s+)?(?:first|second|third|fourth|forth|fifth|sixth|"
                          r"seventh|next|last|\d{1,2}(?:st|nd|rd|th))\s+layer|then\s+apply|"
                          r"apply|layer\s*\d{1,2})\s*\(\s*(?P<kind>" + _KINDS + r")(?:\s+\w+){0,2}\s*\)"
                          r"\s*:?\s*(?:#\s*\w+)?\s*$", re.I)
_DENSE = re.compile(r"fully|dense|fc", re.I)
# settings by their symbols, several on a line: "f1 = 3, s1 = 1, and p1 = 0", "f1p = 2,
# and s1p = 2" (DLAI's f[l], s[l], p[l], the pooling's with a p after its index)
_SYMBOL = re.compile(r"(?<![A-Za-z0-9])([fsp])(?:\s*\[?\s*\d{1,2}\s*\]?)?(?:_?p)?\s*=\s*"
                     r"(\d{1,2})(?![\d.])", re.I)
_SYMBOLS_ONLY = re.compile(r"^(?:[\s,;]|and\b)*$", re.I)
_SYMBOL_KEY = {"f": "k", "s": "stride", "p": "padding"}
_AVG = re.compile(r"average|avg|평균", re.I)
_FLAT = re.compile(r"flatten|평탄화|플래튼", re.I)
# "Kernel Size (F): 3x3", "Stride (S): 1": a label may carry its symbol in brackets
_SET = r"\s*(?:\([A-Za-z]{1,3}\)\s*)?(?:[=:]|는|은|이|가)\s*"
_KERNEL = re.compile(r"(?:필터|커널|filter|kernel|pool(?:ing)?|풀링|window|윈도우)"
                     r"(?:\s*(?:size|크기|사이즈|_size))?" + _SET +
                     r"\(?\s*(\d{1,2})(?:\s*[,x×*]\s*(\d{1,2}))?\s*\)?\s*$", re.I)
_FILTERS = re.compile(r"(?:출력\s*채널(?:\s*수)?|output\s*channels?|out_channels|필터\s*(?:수|개수)|"
                      r"number\s+of\s+filters|filters|kernels)" + _SET + r"(\d{1,5})\s*(?:개)?\s*$",
                      re.I)
_STRIDE = re.compile(r"(?:stride|스트라이드)" + _SET + r"\(?\s*(\d{1,2})(?:\s*,\s*(\d{1,2}))?\s*\)?\s*$",
                     re.I)
_PAD = re.compile(r"(?:padding|패딩)" + _SET + r"['\"]?(\d{1,2}|same|valid)['\"]?\s*$", re.I)
_UNKNOWN = re.compile(r"dilat|group|팽창|그룹", re.I)
_INPUT = re.compile(r"input|입력", re.I)
_OUTPUT = re.compile(r"output|출력", re.I)
_FLAT_OUT = re.compile(r"(?:output|출력)[^0-9()]{0,30}[=:는은]\s*\(?\s*(\d{1,7})\s*(?:,\s*(\d{1,7})\s*)?,?\s*\)?"
                       r"\s*(?:이다|입니다|이\s*된다|\.|$)", re.I)
GAP = 16  # lines a block waits for its next setting or its output
INPUT_ABOVE = 3  # lines an input stated above a block's opener may stand from it
# what a line must hold to open a block or set one (``registry.READERS``)
NEEDS = tuple("0123456789") + ("conv", "pool", "flatten", "합성곱", "컨볼루션", "풀링", "평탄화",
                               "플래튼")


class Blocks:
    def __init__(self) -> None:
        self.kind = ""  # "conv" | "pool" | "avgpool" | "flatten" | "" (no block open)
        self.settings: dict[str, object] = {}
        self.bad = False  # a setting written twice differently, or one not read
        self.input: Map | None = None
        self.last_out: Map | None = None  # the last block's output, for the next one
        self.seen = 0  # the line of the block's last opener, setting or map
        self.pending: tuple[int, Map] | None = None  # an output stated before the settings
        self.said_input: tuple[Map, int] | None = None  # the last input line's map

    def check_line(self, number: int, masked: str) -> list[Claim]:
        text = masked  # positions in it are positions in the raw line (for --fix)
        if self.kind and number - self.seen > GAP:
            self.kind, self.last_out, self.pending = "", None, None
        opened = _OPEN.match(text.strip()) or _OPEN_PLACED.match(text.strip())
        if opened and _DENSE.fullmatch(opened.group("kind").split()[0]):
            self.kind, self.last_out, self.pending = "", None, None  # the walk ends there
            return []
        if opened:
            kind = opened.group("kind")
            self.kind = "flatten" if _FLAT.search(kind) else \
                ("avgpool" if _AVG.search(kind) else "pool") if POOL_WORD.search(kind) else "conv"
            # a map on an input line just above the opener ("Input Image are: a0 =
            # 39x39x3", then "First layer (Conv layer):") is the block's input
            above = self.said_input
            self.input = above[0] if above and 0 < number - above[1] <= INPUT_ABOVE else None
            self.settings, self.bad, self.seen = {}, False, number
            self.pending = None  # a conv's output whose kernel or filters never came
            return []
        found = maps(text)
        if len(found) == 1 and _INPUT.search(text[:found[0].start]) and not _OUTPUT.search(text):
            self.said_input = (found[0], number)  # the input of a block open or opened next
        if not self.kind:
            if self.last_out is not None and len(found) == 1 and \
                    _OUTPUT.search(text[:found[0].start]):
                self.last_out = found[0]  # a layer not read gave it ("Dropout: / output: ...")
            return []
        if _UNKNOWN.search(text):
            self.bad = True
        if len(found) == 1 and _INPUT.search(text[:found[0].start]) and \
                not _OUTPUT.search(text[:found[0].start]):
            self.input, self.seen = found[0], number
            return []
        if _OUTPUT.search(text):
            if self.kind == "flatten":
                return self._flatten(number, text)
            if len(found) == 1 and _OUTPUT.search(text[:found[0].start]):
                if self.kind == "conv" and not {"k", "filters"} <= set(self.settings):
                    # the output first, the settings under it: judged once they are read
                    self.pending, self.seen = (number, found[0]), number
                    return []
                return self._close(number, found[0])
        symbols = list(_SYMBOL.finditer(text))
        if symbols and _SYMBOLS_ONLY.match(_SYMBOL.sub(" ", text)):
            for m in symbols:
                self._set(_SYMBOL_KEY[m.group(1).lower()], int(m.group(2)), number)
            return self._settled()
        for rx, key in ((_KERNEL, "k"), (_FILTERS, "filters"), (_STRIDE, "stride"), (_PAD, "padding")):
            m = rx.search(text)
            if m is None:
                continue
            a, b = m.group(1), (m.group(2) if m.re.groups > 1 else None)
            if b is not None and b != a:
                self.bad = True  # a kernel or stride that treats the sides apart
            value = a.lower() if not a.isdecimal() else int(a)
            self._set(key, 0 if key == "padding" and value == "valid" else value, number)
            break
        return self._settled()

    def _set(self, key: str, value: object, number: int) -> None:
        if self.settings.get(key, value) != value:
            self.bad = True
        self.settings[key], self.seen = value, number

    def _settled(self) -> list[Claim]:
        """The output stated before the settings, judged once they are all read."""
        if self.pending is not None and {"k", "filters"} <= set(self.settings):
            (at, out), self.pending = self.pending, None
            return self._close(at, out)
        return []


    def _source(self) -> Map | None:
        return self.input if self.input is not None else self.last_out

    def _close(self, number: int, out: Map) -> list[Claim]:
        src, kind, got = self._source(), self.kind, self.settings
        self.kind, self.last_out = "", out
        if src is None or self.bad or (kind == "conv" and ("k" not in got or "filters" not in got)):
            return []
        pool = kind != "conv"
        k = got.get("k", 2 if pool else None)
        lay = Layer(pool, kind == "avgpool", int(k), got.get("stride"), got.get("padding"),
                    got.get("filters") if not pool else None)
        claim = judge_layer(number, lay, src, out)
        if not isinstance(claim, Claim) and not pool and out.c and out.c != lay.filters:
            # the size unsure (a padding not stated), the channels the block's filters
            return [Claim(number, claim.text, "shape", f"{out.h}x{out.w}x{out.c}",
                          f"{out.h}x{out.w}x{lay.filters}", "wrong",
                          f"a conv gives its filters' {lay.filters} channels; the size as "
                          f"stated ({claim.reason.removeprefix('unsure: ')})")]
        if isinstance(claim, Claim) and claim.verdict == "wrong" and pool and "k" not in got \
                and src.c == out.c and possible(src.h, src.w, out.h, out.w):
            return []  # its window was not stated: another than 2x2 may give the sides
        if isinstance(claim, Claim) and claim.verdict == "wrong":
            self.last_out = None  # what follows cannot be told from a copy of the slip
        return [claim] if isinstance(claim, Claim) else []

    def _flatten(self, number: int, text: str) -> list[Claim]:
        src = self._source()
        self.kind, self.last_out = "", None
        m = _FLAT_OUT.search(text)
        if src is None or m is None or self.bad:
            return []
        a, b = int(m.group(1)), int(m.group(2)) if m.group(2) else 1
        if 1 not in (a, b):
            return []  # two sides, neither 1: not a flat vector
        n, want = a * b, src.h * src.w * src.c
        shown = f"{src.h}x{src.w}x{src.c} → {n}"
        return [Claim(number, shown, "shape", str(n), want, "right" if n == want else "wrong",
                      f"a flatten gives H*W*C = {src.h}*{src.w}*{src.c} = {want} values",
                      () if n == want else (Edit(number, m.start(1), m.end(1), str(want)),)
                      if b == 1 else ())]
