"""A pooling named in prose between two maps, its window unstated or said in words:
``first layer ... 28x28x32 in the convolution step. Then max pooling turns each sample
into 14x14x32``, ``첫 번째 conv2d 층의 출력은 [26, 26, 16] ... maxPooling2d 층을 통과하면
[13, 13, 16]이 됩니다``, or, on the next line of a list, ``- This is then narrowed by a
factor of 2 (k=2) during maxpooling, with a resultant of 14x14x32``.

The maps are ``H x W x C`` products or bracketed triples written channels last or first
(``[26, 26, 16]``, ``(16, 26, 26)``: the two equal sides tell which). The layer between two
maps is the one the text between them names (from the last sentence break before the
second map, if any; else up to the end of the second's sentence): a pooling and no conv.
Its window is ``k=2``, ``pool_size=2``, ``by a factor of 2``, ``two-fold``, ``절반``, else the
usual 2x2 (stride the window, unless stated). A pooling keeps its input's channels; its
sides go through the layer algebra (``shapes.judge``). Where the window is not stated, a
size the 2x2 window does not give is unsure (silent): another window may give it, or
another layer stand between. A kernel written as a product
(``2x2 max pool``) is the shape and walkthrough readers' form, and a question's maps are
givens; neither is read here.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.maps.filters import filter_volume
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.maps.shapes import Kernel, judge
from cnnstat.notes.reading.settings import POOL_WORD, SIGNED_BEFORE, value_after

_PRODUCT = re.compile(r"(?<![0-9A-Za-z_.,])([0-9]{1,4})[ ]*[x×X*][ ]*([0-9]{1,4})[ ]*[x×X*][ ]*"
                      r"([0-9]{1,5})(?![0-9.,]*[0-9])(?![ ]*[x×X*+\-=/÷][ ]*\(?[0-9])")
_TRIPLE = re.compile(r"[(\[]\s*([0-9]{1,4})\s*,\s*([0-9]{1,4})\s*,\s*([0-9]{1,5})\s*[)\]]")
_IN_CALC_BEFORE = re.compile(r"[+\-=/÷(x×X*][ ]*$")
_IN_CALC_AFTER = re.compile(r"[ ]*\)[ ]*[x×X*+\-/÷=]")
_LABEL_EQ = re.compile(r"[A-Za-z\uac00-\ud7a3][ ]*[=:][ ]*$")  # "output=28x28x256": a label
_CONV = re.compile(r"conv|합성곱|컨볼루션|deepen|filters|필터|커널|kernel", re.I)
_KERNEL_PRODUCT = re.compile(r"(?<![0-9x×X*])([0-9]{1,2})\s*[x×X*]\s*\1(?![0-9]|\s*[x×X*]\s*[0-9])")
_WINDOW = re.compile(r"\bk\s*=\s*([0-9]{1,2})\b|pool_size\s*=\s*[(\[]?\s*([0-9]{1,2})|"
                     r"factor\s+of\s+([0-9])\b|\b(two|three)-?\s*fold\b|(절반|반으로|half)", re.I)
_STRIDE = re.compile(r"(?:strides?\b|스트라이드)\s*[=:]?\s*" + value_after(1) +  # not a map's side
                     r"|" + SIGNED_BEFORE + r"(?:strides?|스트라이드)\b", re.I)
_APART = re.compile(r"dilat|upsampl|resiz|interpol|transpos|deconv|crop|reshape|flatten|"
                    r"concat|global|adaptive|ceil|padding|pad\b|패딩", re.I)
_BREAK = re.compile(r"[.!?]\s+|다\.\s*|요\.\s*|[;]\s+")
_WORDS = {"two": 2, "three": 3}


def _maps(masked: str, raw: str) -> list[tuple[int, int, int, int, int, tuple[int, int]]]:
    """(h, w, c, start, end, span of the channels) of each map on the line (a bracketed
    triple is read in the raw line: masking blanks square brackets)."""
    out = []
    for m in _PRODUCT.finditer(masked):
        if _IN_CALC_BEFORE.search(masked, 0, m.start()) and \
                not _LABEL_EQ.search(masked, 0, m.start()) or _IN_CALC_AFTER.match(masked, m.end()):
            continue  # a factor of a calculation: (3*3*64)*128, 4 x 3x3x64
        if not filter_volume(masked, m.start(), m.end()):
            h, w, c = (int(g) for g in m.groups())
            out.append((h, w, c, m.start(), m.end(), m.span(3)))
    for m in _TRIPLE.finditer(raw):
        a, b, c = (int(g) for g in m.groups())
        if a == b:
            out.append((a, b, c, m.start(), m.end(), m.span(3)))
        elif b == c:  # channels first
            out.append((b, c, a, m.start(), m.end(), m.span(1)))
    return sorted(out, key=lambda t: t[3])


def _layer_text(masked: str, a: tuple, b: tuple | None, end: int) -> str:
    """What names the layer between map ``a`` (None: the line above's) and the map ``b``
    starting at ``end``: the sentence that leads to ``b``, or, with no break between, their
    sentence without the maps themselves (from the map before ``a``, if any, to the
    sentence's end: "from 28x28x1 to 28x28x32 in the convolution step")."""
    start = a[4] if a is not None else 0
    between = masked[start:end]
    breaks = list(_BREAK.finditer(between))
    if breaks:
        return between[breaks[-1].end():]
    b_end = b[4]
    rest = _BREAK.search(masked, b_end)
    head = masked[_opening(masked, a[3]):a[3]] if a is not None else ""
    return head + " " + between + " " + masked[b_end:rest.start() if rest else len(masked)]


def _opening(masked: str, start: int) -> int:
    """Where the sentence holding position ``start`` opens (after the map before it, if
    any: "After max pooling with pool_size=2 the 10x10x64 map becomes 4x4x64")."""
    head = masked[:start]
    breaks = list(_BREAK.finditer(head))
    opens = breaks[-1].end() if breaks else 0
    before = [m.end() for m in _PRODUCT.finditer(head, opens)]
    return max([opens] + before)


class Pooled:
    def __init__(self) -> None:
        self.last: tuple[tuple, int] | None = None  # the last map of a line, and its line

    def check_line(self, number: int, raw: str, masked: str) -> list[Claim]:
        found = _maps(masked, raw)
        prev = self.last if self.last is not None and self.last[1] == number - 1 else None
        self.last = (found[-1], number) if found else None
        if not found or asks(masked) or _APART.search(masked):
            return []
        pairs = [(found[i], found[i + 1], found[i]) for i in range(len(found) - 1)]
        if prev is not None:  # "- This is then narrowed ... (k=2) ..., 14x14x32"
            pairs.insert(0, (prev[0], found[0], None))
        claims = []
        for a, b, here in pairs:
            claim = self._pair(number, a, b, _layer_text(masked, here, b, b[3]))
            if claim is not None:
                claims.append(claim)
        return claims

    @staticmethod
    def _pair(number: int, a: tuple, b: tuple, seg: str) -> Claim | None:
        if not POOL_WORD.search(seg) or _CONV.search(seg) or _KERNEL_PRODUCT.search(seg):
            return None
        h, w, c = a[:3]
        h2, w2, c2 = b[:3]
        if h != w or h2 != w2 or (h, c) == (h2, c2):
            return None  # the sides apart are aspect's; the same map twice is no layer
        m = _WINDOW.search(seg)
        k = None
        if m:
            g = [x for x in m.groups()]
            k = int(g[0] or g[1] or g[2]) if (g[0] or g[1] or g[2]) else \
                _WORDS[g[3].lower()] if g[3] else 2
        s = _STRIDE.search(seg)
        stride = int(s.group(1) or s.group(2)) if s else None
        kern = Kernel(k or 2, True, stride, None)
        verdict, got, _ = judge(h, [kern], h2)
        if verdict == "skip":
            return None
        c_ok = c == c2
        if verdict == "wrong" and k is None:
            # no window stated: another than 2x2 may give the sides, or another layer
            # stand between ("pool proj", a pooling then a 1x1 conv)
            return None
        text = f"{h}x{w}x{c} → {kern.describe()} → {h2}x{w2}x{c2}"
        ok = verdict == "right" and c_ok
        actual = f"{got}x{got}x{c}" if got is not None else "impossible"
        why = "layer algebra: floor((n + 2p - k) / s) + 1" + \
            ("" if k else ", the usual 2x2 window (none stated)") + \
            ("" if c_ok else f"; a pooling layer keeps its input's {c} channels")
        # the channels alone wrong: --fix writes the input's
        edits = (Edit(number, b[5][0], b[5][1], str(c)),) if verdict == "right" and not c_ok \
            else ()
        return Claim(number, text, "shape", f"{h2}x{w2}x{c2}", actual,
                     "right" if ok else "wrong", why, edits)
