"""A walk written as rows of maps and the filter bank between them, the bank as its
weights' shape (k·k·c_in, then the count of filters)::

    64x64x3     | (3x3x3)x16   | 62x62x16     RF of 3x3
    62x62x16    | (3x3x16)x32  | 60x60x32     RF of 5X5
    28x28x8 | 1x1x8x2 | 28x28x2
    .. 3x3x64x128         RF of 20x20

Each row is judged by the layer algebra: the bank's depth is the channels of the map it
reads, its count the channels of the map it gives; the output's side is the input's
through the window with stride 1, unpadded or "same" (another side: unsure, the stride or
padding is not written). The receptive field goes down consecutive rows from the first
row on the image (``r + (k - 1)·j``, the jump 1 while every side shrinks by ``k - 1``);
a line of another form (``MaxPooling``) ends the chain. A field written with two sides
(``RF of 20x18``) where every window is square is wrong on any reading.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.pipeline import Reader

CONFIDENCE = 0.9
NEEDS = ("x",)
_MAP = r"(\d{1,4})\s*[x×X]\s*(\d{1,4})\s*[x×X]\s*(\d{1,5})"
_BANK = (r"(?:\(\s*(\d{1,2})\s*[x×X]\s*(\d{1,2})\s*[x×X]\s*(\d{1,5})\s*\)|(\d{1,2})\s*[x×X]\s*"
         r"(\d{1,2})\s*[x×X]\s*(\d{1,5}))\s*[x×X]\s*(\d{1,5})")
_ROW = re.compile(r"^[\s.…|>*-]*(?:" + _MAP + r"\s*\|\s*)?" + _BANK + r"\s*(?:\|\s*" + _MAP +
                  r")?\s*(?:\|?\s*(?:RF|receptive\s+field)\s*(?:of|=|:|is)?\s*(\d{1,4})\s*"
                  r"(?:[x×X]\s*(\d{1,4}))?)?\s*\|?\s*$", re.I)


class Row(NamedTuple):
    number: int
    k: int
    rf: int | None  # the field it states (None where not a chain's)
    jump: int | None


class WeightRows:
    def __init__(self) -> None:
        self.last: Row | None = None

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        m = _ROW.match(masked) if "|" in masked or re.search(r"RF|receptive", masked, re.I) \
            else None
        if m is None:
            if masked.strip():
                self.last = None  # "MaxPooling": a layer the rows do not write
            return []
        g = m.groups()
        src = tuple(int(x) for x in g[0:3]) if g[0] else None
        b = g[3:6] if g[3] else g[6:9]
        kh, kw, depth, count = int(b[0]), int(b[1]), int(b[2]), int(g[9])
        dst = tuple(int(x) for x in g[10:13]) if g[10] else None
        rf = (int(g[13]), int(g[14] or g[13])) if g[13] else None
        if kh != kw or (src is None and dst is None and rf is None):
            self.last = None
            return []
        out: list[Claim | Skip] = []
        stride1 = None
        if src and dst:
            got = self._shape(number, src, kh, depth, count, dst)
            out.append(got[0])
            stride1 = got[1]
        out += self._field(number, kh, rf, src, stride1)
        return out

    def _shape(self, number, src, k, depth, count, dst) -> tuple[Claim | Skip, bool | None]:
        text = (f"{src[0]}x{src[1]}x{src[2]} → ({k}x{k}x{depth})x{count} → "
                f"{dst[0]}x{dst[1]}x{dst[2]}")
        shown = f"{dst[0]}x{dst[1]}x{dst[2]}"
        if depth != src[2]:
            return Claim(number, text, "shape", shown, f"{k}x{k}x{src[2]} filters", "wrong",
                         f"a filter's depth is the channels of the map it reads: {src[2]}, "
                         f"not {depth}", confidence=CONFIDENCE), None
        if count != dst[2]:
            return Claim(number, text, "shape", shown, f"{dst[0]}x{dst[1]}x{count}", "wrong",
                         f"the map has one channel a filter: {count}, not {dst[2]}",
                         confidence=CONFIDENCE), None
        sides = [(a, b) for a, b in zip(src[:2], dst[:2])]
        valid = all(b == a - k + 1 for a, b in sides)
        if valid or all(b == a for a, b in sides):
            how = "unpadded: n - k + 1" if valid else "'same' padding keeps n"
            return Claim(number, text, "shape", shown, shown, "right", f"layer algebra, "
                         f"stride 1, {how}; {count} filters", confidence=CONFIDENCE), valid
        return Skip(number, text, "unsure: the side is no stride-1 output; the stride or "
                                  "padding is not written"), False

    def _field(self, number, k, rf, src, stride1) -> list[Claim | Skip]:
        last, self.last = self.last, None
        if rf is None:
            return []
        text = f"({k}x{k}) RF {rf[0]}x{rf[1]}"
        if rf[0] != rf[1]:
            return [Claim(number, text, "receptive field", f"{rf[0]}x{rf[1]}", "a square field",
                          "wrong", "every window is square: the field has one side twice",
                          confidence=CONFIDENCE)]
        r = rf[0]
        if src is not None and last is None and stride1:
            want = k  # the first row on the image: a field of its window
        elif last is not None and last.number >= number - 2 and last.rf and last.jump and \
                stride1:
            from cnnstat.analysis import grow
            want = grow((last.rf,) * 2, (last.jump,) * 2, ((k, k), (1, 1)))[0][0]
        else:
            return []
        self.last = Row(number, k, r, 1)
        how = "the first layer's window" if want == k and last is None else \
            f"r + (k - 1)·j = {last.rf} + ({k} - 1)·1"
        return [Claim(number, text, "receptive field", f"{r}x{r}", want,
                      "right" if r == want else "wrong", f"{how} = {want}",
                      confidence=CONFIDENCE)]


READERS = [
    Reader("maps and weight shapes in rows", "every",  # "64x64x3 | (3x3x3)x16 | 62x62x16"
           lambda at: at.state.weight_rows.check_line(at.line.number, at.line.masked),
           confidence=CONFIDENCE, needs=NEEDS),
]
