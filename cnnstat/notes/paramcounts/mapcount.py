"""A conv's parameters counted as the values of a map the note gave as a layer's output:

    The first conv makes a feature map of 26x26x20.
    So the number of parameters is 26x26x20 + 24x24x40.      wrong: 26x26x20 is a map

A conv's parameters are its filters' weights and biases, ``(k·k·C_in + 1)·C_out`` (the
layer algebra, ``cnnstat.layers``): they do not depend on the sides of its maps. A product
``H x W x C`` (a term of the count, or the whole of it) that is exactly a map an earlier
line called an output or a feature map (written after the word: ``creates a feature map
of size 26x26x20``, ``output: 26x26x20``, ``출력 26x26x20``), sides of 12 or more (no
kernel's), counts that map's values (its activations), not
parameters. Judged only in a sentence that calls the figure a number of parameters, of no
dense layer (a dense layer's weights over a flattened map are ``H·W·C`` times its units,
and one of a single unit would be the map's size) and not of activations, values, memory
or costs.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.normalise import plain_latex

NEEDS = r"\d\s*(?:[x×*·]|\\times|\\cdot)\s*\d"  # a product of two numbers at least
CONFIDENCE = 0.8
KEPT_MAPS = 16
MIN_SIDE = 12  # a map's side no kernel has (a 5x5x16 map is also a LeNet C5 filter's volume)

_MAP = re.compile(r"(?<![\d.,x×*])(\d{1,4})\s*[x×*·]\s*(\d{1,4})\s*[x×*·]\s*(\d{1,5})"
                  r"(?![\d.,]\d|\d|\s*[x×*·]\s*\d)")
_OUTPUT = re.compile(r"output|feature\s*map|activation\s*map|출력|특성\s*맵|피처\s*맵", re.I)
_PARAMS = re.compile(r"(?:number\s+of|total|#|count\s+of)\s*(?:trainable\s+|learnable\s+)?"
                     r"param(?:eter)?s|param(?:eter)?s?\s*(?:count|=|:|is|are|becomes)|"
                     r"파라미터\s*(?:수|개수)", re.I)
_OTHER = re.compile(r"dense|fully\s*-?\s*connected|\bfc\b|linear|flatten|activation|values|"
                    r"memory|bytes|flop|\bmacs?\b|operations|neurons|units|연산|메모리|"
                    r"전결합|완전\s*연결", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _plain(masked: str) -> str:
    return plain_latex(masked).replace("\\times", "×").replace("\\cdot", "·")


class Maps:
    """The maps earlier lines called outputs: (H, W, C) -> the line."""

    def __init__(self) -> None:
        self.maps: dict[tuple[int, int, int], int] = {}

    def check_line(self, number: int, masked: str) -> list[Claim]:
        text = _plain(masked)
        out: list[Claim] = []
        for sentence in _SENTENCE.split(text):
            found = [m for m in _MAP.finditer(sentence) if m.group(1) == m.group(2)]
            if not found:
                continue
            if _PARAMS.search(sentence) and not _OTHER.search(sentence):
                out += self._judge(number, sentence, found)
            elif (said := _OUTPUT.search(sentence)) is not None:
                for m in found:
                    if m.start() < said.start() or int(m.group(1)) < MIN_SIDE:
                        continue  # before the output's word (a kernel, an input), or small
                    key = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
                    self.maps.setdefault(key, number)
                    if len(self.maps) > KEPT_MAPS:
                        del self.maps[next(iter(self.maps))]
        return out

    def _judge(self, number: int, sentence: str, found: list[re.Match]) -> list[Claim]:
        at = _PARAMS.search(sentence).end()
        for m in found:
            key = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            line = self.maps.get(key)
            if m.start() < at or line is None or line >= number:
                continue
            h, w, c = key
            return [Claim(number, " ".join(sentence.split())[:120], "params",
                          f"{h}x{w}x{c}", "(k*k*C_in + 1)*C_out", "wrong",
                          f"{h}x{w}x{c} is the map of line {line}: its {h * w * c:,} values "
                          "(activations), not parameters; a conv's parameters are its "
                          "filters' weights and biases, whatever the map's sides",
                          confidence=CONFIDENCE)]
        return []


__all__ = ["Maps", "NEEDS", "CONFIDENCE"]
