"""A feature map's shape written in symbols whose sides are the kernel's: after a legend
that names a symbol the kernel's side (``DK : Kernel 크기``, ``where D_K is the kernel
size``, ``K = 필터 크기``), a map said to be ``D_K x D_K x M`` (``the output feature map is
D_K x D_K x N``, ``Dk x Dk x N 의 Feature map``) is wrong: a map's sides are the input's or
the output's (``D_F``), never the kernel's, which is the window a filter slides.

Read in a clause (a sentence part between ``.``, ``,`` or ``;``) that names a map (feature
map, output, 피처맵, 출력) and no kernel or filter: a product of three symbols whose first
two are one symbol (case aside) that the legend, within ``WINDOW`` lines above, made the
kernel's side. Only a "wrong" is said; a map of the input's sides is not judged (its
padding and stride are the note's).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.pipeline import Reader

_SYM = r"[A-Za-z](?:_?\{?[A-Za-z]{1,2}\}?)?"
_LEGEND = re.compile(r"(?<![A-Za-z_\\])(?P<sym>" + _SYM + r")\s*(?::|=|is\s+the|is|는|은)\s*"
                     r"(?P<phrase>[^,;()=:]{2,50})")
_KERNEL_SIDE = re.compile(r"(?:kernel|filter|커널|필터)\s*(?:의\s*)?(?:size|side|width|"
                          r"spatial\s+(?:size|dimension)|dimension|크기|사이즈|너비)|"
                          r"(?:size|side|width|dimension|spatial\s+dimension)\s+of\s+(?:the\s+)?"
                          r"(?:kernel|filter)", re.I)
_NOT_SIDE = re.compile(r"number|count|\bnum\b|개수|갯수|\b수\b|channel|채널|depth|깊이|필터\s*수",
                       re.I)
_MAP = re.compile(r"feature\s*maps?|output\s*(?:map|volume|tensor|shape|size)?|피[처쳐]\s*맵|"
                  r"특징\s*맵|출력|output", re.I)
_KERNELISH = re.compile(r"kernel|filter|커널|필터|weight|가중치", re.I)
_PRODUCT = re.compile(r"(?<![A-Za-z0-9_\\])(?P<a>" + _SYM + r")\s*(?:x|×|\\times|\*|·)\s*"
                      r"(?P<b>" + _SYM + r")\s*(?:x|×|\\times|\*|·)\s*(?P<c>" + _SYM + r")"
                      r"(?![A-Za-z0-9_{])")
NEEDS = ("x", "×", "times", "*", "·", ":", "=", "is", "는", "은")
WINDOW = 30  # lines a legend is remembered for
CONFIDENCE = 0.8  # the symbol's role is the note's legend's


def _key(sym: str) -> str:
    return re.sub(r"[_{}]", "", sym).lower()


class Shapes:
    def __init__(self) -> None:
        self.kernel: dict[str, int] = {}  # a symbol the legend made the kernel's side: line

    def check_line(self, number: int, masked: str) -> list[Claim]:
        text = masked.replace("\\times", "×")
        for m in _LEGEND.finditer(text):
            phrase = m.group("phrase")
            if _KERNEL_SIDE.search(phrase) and not _NOT_SIDE.search(phrase):
                self.kernel[_key(m.group("sym"))] = number
        self.kernel = {s: n for s, n in self.kernel.items() if number - n <= WINDOW}
        if not self.kernel:
            return []
        out = []
        for clause in re.split(r"[.,;](?!\d)", text):
            if not _MAP.search(clause) or _KERNELISH.search(clause):
                continue
            for m in _PRODUCT.finditer(clause):
                a, b, c = (_key(m.group(x)) for x in "abc")
                if a != b or a not in self.kernel or c == a or \
                        self.kernel[a] == number:
                    continue
                shown = " ".join(m.group(0).split())
                out.append(Claim(number, shown, "shape", shown, f"D_F x D_F x {m.group('c')}",
                                 "wrong", f"{m.group('a')} is the kernel's side (line "
                                 f"{self.kernel[a]}): a feature map's sides are the "
                                 f"input's or output's, not the window's",
                                 confidence=CONFIDENCE))
        return out


READERS = [
    Reader("map shape in symbols", "prose",
           lambda at: at.state.sym_shapes.check_line(at.line.number, at.line.masked),
           confidence=CONFIDENCE, needs=NEEDS),
]
