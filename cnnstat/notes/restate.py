"""A labelled restatement of a size just worked out: ``(224 - 3)/1 + 1 = 222`` and, on the
next line, ``Output Size: 222x222x20`` (``출력 크기: 110x110x96``, ``Output shape = 55 x 55
x 96``).

The restated height and width must be the size the line above computed: the arithmetic
reader's one result there, when it judged that result right and it is an output size
(its formula floors: ``(W - K + 2P)/S + 1``). A restatement of a figure the line above got
wrong is the same slip, not judged again; a line above with several results, or none, is
not followed.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit

_LABEL = re.compile(r"^[\s>*#|_-]*(?:\d+[.)]\s*)?(?:the\s+)?(?:output|result|출력|결과)"
                    r"(?:\s*(?:size|shape|dimensions?|volume|map|크기|사이즈|형태|모양))?"
                    r"\s*(?:[:=]|is|은|는|:=)\s*\(?\s*"
                    r"([0-9]{1,5})\s*[x×X*]\s*([0-9]{1,5})(?:\s*[x×X*]\s*([0-9]{1,5}))?"
                    r"\s*\)?\s*(?:[.,;]|이다|입니다|$)", re.I)


class Size(NamedTuple):
    line: int
    value: int


class Restate:
    def __init__(self) -> None:
        self.last: Size | None = None

    def check_line(self, number: int, masked: str, arithmetic: list[Claim]) -> list[Claim]:
        out: list[Claim] = []
        prev = self.last if self.last is not None and self.last.line == number - 1 else None
        m = _LABEL.match(masked)
        if prev is not None and m and m.group(1) == m.group(2):
            h = int(m.group(1))
            text = " ".join(masked[m.start(1):m.end(3) if m.group(3) else m.end(2)].split())
            want = f"{prev.value}x{prev.value}" + (f"x{m.group(3)}" if m.group(3) else "")
            if h == prev.value:
                out.append(Claim(number, text, "shape", text, want,
                                 "right", f"the size worked out on line {prev.line}"))
            else:
                edits = tuple(Edit(number, a, b, str(prev.value))
                              for a, b in (m.span(1), m.span(2)))
                out.append(Claim(number, text, "shape", text, want, "wrong",
                                 f"line {prev.line} worked the size out as {prev.value}, "
                                 f"not {h}", edits, str(prev.value)))
        sizes = [c for c in arithmetic if c.kind == "arithmetic" and
                 c.detail.startswith("output size")]
        results = [c for c in arithmetic if c.kind == "arithmetic" and c.verdict != "info"]
        self.last = None
        if len(sizes) == 1 and len(results) == 1 and sizes[0].verdict == "right":
            v = sizes[0].actual
            if isinstance(v, (int, Fraction)) and Fraction(v).denominator == 1:
                self.last = Size(number, int(v))
        return out
