"""A labelled restatement of a size just worked out: ``(224 - 3)/1 + 1 = 222`` and, on the
next line, ``Output Size: 222x222x20`` (``출력 크기: 110x110x96``, ``Output shape = 55 x 55
x 96``).

The restated height and width must be the size the line above computed: the arithmetic
reader's one result there, when it judged that result right and it is an output size
(its formula floors: ``(W - K + 2P)/S + 1``). A restatement of a figure the line above got
wrong is the same slip, not judged again; a line above with several results, or none, is
not followed.

A count is restated the same way (``(5*5*6 + 1)*1 = 151`` and then ``∴ params : 151``,
``→ 파라미터 수: 151개``): a parameter or weight label, then ``:`` (or ``=`` after ``∴``,
``→``, "so", "따라서"), then the count alone, against the line above's one result, judged
right there and whole. A count larger by a divisor of the one above (``5*5*3*6 = 450``,
then ``params: 456``: six biases added) may add what the line above left out: unsure.

The other side told the same (``Similarly, the height of the output volume is also 2``,
``높이도 마찬가지로 15``) under a line that works one side's output size out is judged
against what that line comes to, right or wrong there: the same layer on a square map.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit, Skip

_LABEL = re.compile(r"^[\s>*#|_-]*(?:\d+[.)]\s*)?(?:the\s+)?(?:output|result|출력|결과)"
                    r"(?:\s*(?:size|shape|dimensions?|volume|map|크기|사이즈|형태|모양))?"
                    r"\s*(?:[:=]|is|은|는|:=)\s*\(?\s*"
                    r"([0-9]{1,5})\s*[x×X*]\s*([0-9]{1,5})(?:\s*[x×X*]\s*([0-9]{1,5}))?"
                    r"\s*\)?\s*(?:[.,;]|이다|입니다|$)", re.I)


_THEREFORE = r"(?:∴|→|=>|⇒|so\b|thus\b|hence\b|therefore\b|따라서|그러므로|즉)"
_COUNT = re.compile(r"^[\s>*#|_-]*(?:(" + _THEREFORE + r")\s*,?\s*)?(?:the\s+)?(?:total\s+|총\s*)?"
                    r"(?:#\s*)?(?:param(?:eter)?s?|weights?|파라미터|매개\s*변수|가중치)"
                    r"(?:\s*(?:수|개수|갯수|count|number))?\s*(?:은|는)?\s*([:：]|=)\s*"
                    r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,12})(?![0-9.,]*[0-9])\s*"
                    r"(?:개|params|parameters|weights)?\s*[.;]?\s*$", re.I)


class Size(NamedTuple):
    line: int
    value: int


# the other side told the same ("Similarly, the height of the output volume is also 2",
# "The height works out the same: 15", "높이도 마찬가지로 15"): a side word, then its one size
_SIDE = re.compile(r"(?:\b(?:height|width)\b|높이|너비|세로|가로)[^0-9=]{0,40}?"
                   r"(?:\bis\b|\bwill\s+be\b|=|:|은|는|도|역시|also|same)\s*"
                   r"(?:also\s+|역시\s*|마찬가지로\s*|:\s*)?\*{0,2}([0-9]{1,4})\*{0,2}"
                   r"(?![0-9]|[.,][0-9]|\s*[x×X*]\s*[0-9])", re.I)
_SAME = re.compile(r"\b(?:also|similarly|likewise|same|too)\b|마찬가지|역시|동일|같", re.I)
_DIGITS = re.compile(r"[0-9]+")


class Restate:
    def __init__(self) -> None:
        self.last: Size | None = None
        self.count: Size | None = None  # the line above's one whole result
        self.run: list[Size] = []  # the counts of the lines just above, one a line
        # the line above's one output size, its verdict and what it came to
        self.side: tuple[int, int, str] | None = None

    def other_side(self, number: int, masked: str) -> list[Claim]:
        """"Similarly, the height is also 2" under a width worked out: the same layer on a
        square map gives the height the width's size, the one the line above comes to
        (wrong there, wrong here)."""
        prev = self.side if self.side is not None and self.side[0] == number - 1 else None
        m = _SIDE.search(masked) if prev is not None else None
        if m is None or not _SAME.search(masked) or len(_DIGITS.findall(masked)) != 1:
            return []
        stated, (line, value, verdict) = int(m.group(1)), prev
        text = " ".join(masked[m.start():m.end(1)].split())
        return [Claim(number, text, "shape", m.group(1), value,
                      "right" if stated == value else "wrong",
                      f"the other side through the same layer: line {line} comes to {value}"
                      + ("" if verdict == "right" else f" (written there as {stated})"
                         if stated != value else ""),
                      confidence=0.7)]

    def _count(self, number: int, masked: str) -> list[Claim | Skip]:
        prev = self.count if self.count is not None and self.count.line == number - 1 else None
        m = _COUNT.match(masked) if prev is not None else None
        if m is None or (m.group(2) == "=" and not m.group(1)):
            return []  # "params = 151" alone is the chain reader's
        stated = int(m.group(3).replace(",", ""))
        text = " ".join(masked[m.start():m.end(3)].split())
        if stated == prev.value:
            return [Claim(number, text, "arithmetic", m.group(3), prev.value, "right",
                          f"the count worked out on line {prev.line}")]
        run = self.run if self.run and self.run[-1].line == number - 1 else []
        total = re.search(r"total|\ball\b|sum|총|합계|전체|모두", m.group(0), re.I) is not None
        if len(run) > 1 and stated == sum(c.value for c in run):
            return [Claim(number, text, "arithmetic", m.group(3), stated, "right",
                          f"the sum of the counts worked out on lines {run[0].line} to "
                          f"{run[-1].line}")]
        if total or len(run) > 1:  # a total of the list above, not its last line's
            return [Skip(number, text, f"unsure: {stated} after a list of counts (lines "
                                       f"{run[0].line if run else prev.line} to {prev.line}): "
                                       "a total of what?")]
        extra = stated - prev.value
        weights = re.search(r"weight|가중치", m.group(0), re.I) is not None
        if extra and prev.value % abs(extra) == 0 and (extra > 0 or weights):
            return [Skip(number, text, f"unsure: {stated} against line {prev.line}'s "
                                       f"{prev.value}: biases added or left out?")]
        shown = f"{prev.value:,}" if "," in m.group(3) else str(prev.value)
        return [Claim(number, text, "arithmetic", m.group(3), prev.value, "wrong",
                      f"line {prev.line} worked the count out as {shown}, not {m.group(3)}",
                      (Edit(number, m.start(3), m.end(3), shown),), shown)]

    def check_line(self, number: int, masked: str,
                   arithmetic: list[Claim]) -> list[Claim | Skip]:
        out: list[Claim | Skip] = []
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
        out += self._count(number, masked)
        out += _told_after(number, masked, arithmetic)
        sizes = [c for c in arithmetic if c.kind == "arithmetic" and
                 c.detail.startswith("output size")]
        results = [c for c in arithmetic if c.kind == "arithmetic" and c.verdict != "info"]
        self.last = self.count = self.side = None
        if len(sizes) == 1 and len(results) == 1 and sizes[0].verdict in ("right", "wrong"):
            v = sizes[0].actual
            if isinstance(v, (int, Fraction)) and Fraction(v).denominator == 1 and v > 0:
                self.side = (number, int(v), sizes[0].verdict)
        if len(results) == 1 and results[0].verdict == "right" and not arithmetic[1:]:
            v = results[0].actual
            if isinstance(v, (int, Fraction)) and Fraction(v).denominator == 1 and v > 0:
                self.count = Size(number, int(v))
        if self.count is None:
            self.run = []
        else:  # the counts of consecutive lines
            kept = self.run if self.run and self.run[-1].line == number - 1 else []
            self.run = kept[-19:] + [self.count]
        if len(sizes) == 1 and len(results) == 1 and sizes[0].verdict == "right":
            v = sizes[0].actual
            if isinstance(v, (int, Fraction)) and Fraction(v).denominator == 1:
                self.last = Size(number, int(v))
        return out


# the size worked out, then the map it is told as on the same line: "= 28, i.e. a 27x27
# map", "= 112.5, so the output is 112.5 x 112.5", "= 55 → 55x55x96"
_TOLD = re.compile(r"=\s*([0-9]{1,4}(?:\.[0-9]{1,3})?)\s*[,;]?\s*(?:(?:i\.\s?e\.|that\s+is|so|"
                   r"giving|which\s+gives|→|->|=>|즉|따라서)\s*,?\s*(?:the\s+output\s+is\s+|"
                   r"an?\s+)?)(?P<h>[0-9]{1,4}(?:\.[0-9]{1,3})?)\s*[x×X*]\s*"
                   r"(?P<w>[0-9]{1,4}(?:\.[0-9]{1,3})?)(?![0-9]|\.[0-9])", re.I)


_EXPLAINS = re.compile(r"not\s+(?:an?\s+)?(?:integer|whole)|non-?integer|which\s+is\s+why|"
                       r"impossible|invalid|does\s*n[o']t\s+(?:work|fit)|can\s*n?[o']?t\b|"
                       r"\bwould\b|fraction|problem|정수가\s*아|안\s*맞|불가능|맞지\s*않", re.I)


def _told_after(number: int, masked: str, arithmetic: list[Claim]) -> list[Claim]:
    """A map told right after the one output size the line works out, against it: its
    sides must be that size, floored to a whole number (a map has whole sides: ``112.5 x
    112.5`` is a slip for 112). Only a wrong map is said; the line's one output size must
    be right as arithmetic, and the map follow its result with nothing but a word of
    consequence between."""
    sizes = [c for c in arithmetic if c.kind == "arithmetic" and c.verdict == "right" and
             (c.detail.startswith("output size") or "floors it to" in c.detail)]
    if len(sizes) != 1:
        return []
    v = sizes[0].actual
    if not isinstance(v, (int, float, Fraction)):
        return []
    whole = int(Fraction(v).numerator // Fraction(v).denominator)
    if Fraction(v) != whole and _EXPLAINS.search(masked):
        return []  # "54.25 x 54.25, which is why people pad": the fraction shown as the trouble
    out = []
    for m in _TOLD.finditer(masked):
        if Fraction(m.group(1)) != Fraction(v) or m.group("h") != m.group("w"):
            continue
        if Fraction(m.group("h")) == whole or whole < 1:
            continue
        text = " ".join(masked[m.start("h"):m.end("w")].split())
        out.append(Claim(number, text, "shape", text, f"{whole}x{whole}", "wrong",
                         f"the size worked out just before it is {m.group(1)}"
                         + (f", floored to {whole}: a map has whole sides"
                            if Fraction(v) != whole else ""),
                         tuple(Edit(number, a, b, str(whole))
                               for a, b in (m.span("h"), m.span("w"))), str(whole)))
    return out
