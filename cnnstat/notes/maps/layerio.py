"""Numbered layers, each with the map it takes and the map it gives: a layer's input is the
output of the layer numbered just before it::

    - Layer 1: input 28x28x1, output 14x14x32
    - Layer 2: input 12x12x32, output 7x7x64          (layer 1 gave 14x14x32: wrong)
    Layer 3 - 7*7*64 to 1024
    2층: 입력 14x14x32, 출력 7x7x64

A line starts with a label, a word and a number (``Layer 2``, ``conv3``, ``block 4``,
``2층``), and gives its maps: ``input A ... output B``, ``A to B``, ``A -> B``, ``A에서 B로``
(an input and an output), or one map that is no input (the output). The next line of the
same label word with the next number (up to ``WINDOW`` lines on, no other label between)
that gives its input is judged against it: the same map is right; a larger one with the
same channels (no layer shrinks a map into a larger one; an upsampling or a decoder named
on the line aside), or the same sides with other channels, is wrong; a smaller one (a
pooling or a valid conv the list leaves out may come between) is unsure. Channels are
compared where both maps write them. A first map with no input word after the line's convs
(``block3: three convs at 56x56x256, pool -> 28x28x256``) is the map the convs work at,
their output: other channels than the output above are unsure there, not wrong.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit, Skip

WINDOW = 4
NEEDS = ("x", "×", "*")
_LABEL = re.compile(r"^\W*(?:(?P<word>layer|conv|pool|block|stage|레이어)[\s_-]?(?P<n>[0-9]{1,2})"
                    r"|(?P<n2>[0-9]{1,2})\s*(?:번째\s*)?(?P<word2>층|레이어))"
                    r"\s*(?:[:：(]|[—–]|-\s|은|는|\s(?=input|입력))", re.I)
_MAP = re.compile(r"(?<![0-9.,/*x×])([0-9]{1,4})\s*[x×*]\s*([0-9]{1,4})(?:\s*[x×*]\s*([0-9]{1,5}))?"
                  r"(?![0-9]|[.,][0-9]|\s*[x×*+/(]\s*[0-9(])")
_INPUT_WORD = re.compile(r"(?:input|입력|takes?|from)\W{0,3}(?:is|of|은|는|:|=)?\s*\W{0,2}$", re.I)
_OUTPUT_WORD = re.compile(r"output|출력|gives?|to\b|into|->|→|=>|에서", re.I)
# what makes a line's maps no one layer's input and output
_OTHER = re.compile(r"param|weight|bias|flop|mac|kernel|filter|window|stride|padding|필터|커널|"
                    r"파라미터|가중치|스트라이드|패딩|\b[fks]\s*=", re.I)


# convs named before a map with no input word: the map they work at ("three convs at 56x56x256")
_CONV_AT = re.compile(r"conv|합성곱|컨볼루션", re.I)
_UP = re.compile(r"up|transpos|deconv|업샘플|전치|decoder|디코더", re.I)


class Size(NamedTuple):
    h: int
    w: int
    c: int | None
    span: tuple[int, int]


def _sizes(masked: str) -> list[Size]:
    return [Size(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None,
                 m.span()) for m in _MAP.finditer(masked)]


class LayerIO:
    def __init__(self) -> None:
        self.last: tuple[str, int, Size, int] | None = None  # label word, number, output, line

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        label = _LABEL.match(masked)
        if label is None:
            if self.last is not None and _MAP.search(masked):
                self.last = None  # a map the list does not number: the chain is lost
            return []
        word = (label.group("word") or label.group("word2")).lower()
        n = int(label.group("n") or label.group("n2"))
        sizes = [s for s in _sizes(masked) if s.span[0] >= label.end()]
        prev, self.last = self.last, None
        if not sizes or len(sizes) > 2 or _OTHER.search(masked):
            return []
        if len(sizes) == 2:
            src, out = sizes
            between = masked[src.span[1]:out.span[0]]
            if not _OUTPUT_WORD.search(between):
                return []
            if not _INPUT_WORD.search(masked, 0, src.span[0]) and (
                    src.c is None and (src.h < 12 or src.h < out.h)):
                return []  # "3x3 -> 30x30": a window, not the map the layer takes
        else:
            src = sizes[0] if _INPUT_WORD.search(masked, 0, sizes[0].span[0]) else None
            out = None if src is not None else sizes[0]
        if out is not None:
            self.last = (word, n, out, number)
        if src is None or prev is None or prev[0] != word or prev[1] != n - 1 or \
                number - prev[3] > WINDOW:
            return []
        given = prev[2]
        text = f"{word} {n} input {_show(src)} after {word} {n - 1}'s output {_show(given)}"
        same_c = src.c is None or given.c is None or src.c == given.c
        if (src.h, src.w) == (given.h, given.w) and same_c:
            return [Claim(number, text, "shape", _show(src), _show(given), "right",
                          f"the output of line {prev[3]}")]
        grows = src.h > given.h and not _UP.search(masked)
        worked = not _INPUT_WORD.search(masked, 0, src.span[0]) and \
            _CONV_AT.search(masked, label.end(), src.span[0])
        if worked and not same_c:
            # "block3: three convs at 56x56x256, pool -> 28x28x256": the map the convs work
            # at is their output, its channels theirs; not the block's input
            return [Skip(number, text, "unsure: a map the line's convs work at, no input")]
        if not (grows and same_c) and not ((src.h, src.w) == (given.h, given.w) and not same_c):
            # smaller (a pooling or a valid conv the list does not name may come between),
            # or another size and other channels (more than one layer unnamed)
            return [Skip(number, text, "unsure: a layer the list does not name may come "
                                       "between")]
        edits = (Edit(number, src.span[0], src.span[1], _show(given)),) \
            if src.c is not None and given.c is not None else ()
        return [Claim(number, text, "shape", _show(src), _show(given), "wrong",
                      f"layer {n}'s input is layer {n - 1}'s output (line {prev[3]})", edits)]


def _show(s: Size) -> str:
    return f"{s.h}x{s.w}" + (f"x{s.c}" if s.c is not None else "")
