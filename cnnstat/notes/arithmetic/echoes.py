"""A figure judged wrong on one line, repeated on another as "X not Y" (or "X, instead of
Y"): the repeat asserts the same wrong figure against the right one, and is judged the same.
Read only after every other reader, from the wrong claims they found; "Y not X", the right
figure against the wrong one, is judged right. A count of multiplications or parameters
judged wrong and stated again on a line that names the same quantity ("the layers' count
of multiplications is 56,448") is wrong there too, unless that line also writes the right
figure (a correction).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.weightwords import WEIGHTS_ONLY
from cnnstat.notes.signs import Gated

_NUM = r"\d{1,3}(?:[,_]\d{3})+|\d+"
_NOT = Gated(("not", "instead", "rather"), rf"(?<![\w.,])(?P<x>{_NUM})(?![\w.,]\d)\s*[,.;]?\s*"
                  rf"(?:not|instead of|rather than)\s+(?P<y>{_NUM})(?![\w]|[.,]\d)", re.I)
# a parameter count judged wrong for its biases alone ("left out: the 96 biases"): stated
# again on a line that speaks of the weights alone, it is right there
_BIASES_ONLY = re.compile(r"left out: the \d+ biases$")
MIN_DIGITS = 3  # a pair of short figures (2 not 3) is too likely to be a coincidence
MIN_STATED = 1000  # a figure restated alone: only one this large is unlikely by chance
_QUANTITY = {"macs": Gated(("mult", "mac", "곱셈"), r"multiplication|mult-?adds?|\bMACs?\b|곱셈",
                           re.I),
             "params": Gated(("param", "weight", "파라미터", "가중치"), r"param|weight|파라미터|가중치",
                             re.I)}


# what is kept for the end of a note: the lines that may repeat a figure, and the wrong
# claims (memory stays flat however long the note)
KEPT_LINES = 5000
KEPT_CLAIMS = 5000
_BIG = re.compile(r"\d{1,3}(?:[,_]\d{3})+|\d{4,}")


# a map stated again as the output ("Therefore, the output volume is 2x2x3"), after a
# line whose output size was judged wrong
_OUT_WORDS = Gated(("output", "출력", "result", "결과"), r"\boutputs?\b|출력|\bresult|결과",
                   re.I)
_MAP = re.compile(r"(?<![\w.])(\d{1,4})\s*[x×*]\s*(\d{1,4})(?:\s*[x×*]\s*(\d{1,5}))?"
                  r"(?![\w]|\.\d|\s*[x×*])")
_CORRECTION = re.compile(r"\bnot\b|instead|should|wrong|correct|\bif\b|would|were|아니|틀|"
                         r"만약|라면", re.I)  # a correction, or another case supposed
MAP_ECHO_LINES = 20  # lines after the wrong output in which it may be stated again


def may_echo(text: str) -> bool:
    """Could ``check`` find anything on this line? (X not Y, a large figure on a line
    that names a quantity, or a map on a line that names an output.)"""
    return bool(_NOT.search(text)) or (bool(_BIG.search(text)) and
                                       any(q.search(text) for q in _QUANTITY.values())) or \
        (bool(_OUT_WORDS.search(text)) and bool(_MAP.search(text)))


def _map_echoes(lines: list[tuple[int, str]], claims: list[Claim],
                judged: set[int]) -> list[Claim]:
    """An output size judged wrong (``2x2``, of ``the output volume is 2x2x3``) stated
    again as the output a few lines on, alone on its line and with nothing said against
    it (``Therefore, the output volume of the layer is 2x2x3.``): wrong there too."""
    wrong: dict[tuple[int, int], Claim] = {}
    for c in claims:
        m = _MAP.fullmatch(str(c.claimed or "").strip()) if c.kind == "shape" and \
            c.verdict == "wrong" else None
        if m is not None and m.group(3) is None:
            wrong[int(m.group(1)), int(m.group(2))] = c
    if not wrong:
        return []
    judged = judged | {c.line for c in claims}
    out = []
    for number, text in lines:
        maps = list(_MAP.finditer(text))
        if number in judged or len(maps) != 1 or maps[0].group(3) is None or \
                not _OUT_WORDS.search(text) or _CORRECTION.search(text):
            continue
        m = maps[0]
        source = wrong.get((int(m.group(1)), int(m.group(2))))
        if source is None or not 0 < number - source.line <= MAP_ECHO_LINES:
            continue
        out.append(Claim(number, m.group(0), "shape", m.group(0), source.actual, "wrong",
                         f"line {source.line} works it out: {source.actual}"))
    return out


def _value(text: str) -> int:
    return int(text.replace(",", "").replace("_", ""))


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(_NUM, value.strip()):
        return _value(value.strip())
    return None


def check(lines: list[tuple[int, str]], claims: list[Claim],
          judged: set[int] | None = None) -> list[Claim]:
    """Claims for the lines (number, masked text) that repeat a wrong pair as X not Y,
    or a wrong figure or output size as stated."""
    return _pairs(lines, claims) + _map_echoes(lines, claims, judged or set())


def _pairs(lines: list[tuple[int, str]], claims: list[Claim]) -> list[Claim]:
    pairs: dict[tuple[int, int], Claim] = {}
    for c in claims:
        if c.verdict != "wrong":
            continue
        x, y = _as_int(c.claimed), _as_int(c.actual)
        if x is not None and y is not None and x != y and min(x, y) >= 10 ** (MIN_DIGITS - 1):
            pairs.setdefault((x, y), c)
    if not pairs:
        return []
    judged = {c.line for c in claims if c.verdict == "wrong"}
    by_claimed: dict[int, list[tuple[int, Claim]]] = {}
    for (x, y), source in pairs.items():
        by_claimed.setdefault(x, []).append((y, source))
    out: list[Claim] = []
    for number, text in lines:
        if number in judged:
            continue
        out += _stated(number, text, by_claimed)
        for m in _NOT.finditer(text):
            x, y = _value(m.group("x")), _value(m.group("y"))
            source = pairs.get((x, y)) or pairs.get((y, x))
            if source is None:
                continue
            right = (y, x) in pairs
            out.append(Claim(number, m.group(0), source.kind, m.group("x"), source.actual,
                             "right" if right else "wrong",
                             f"line {source.line} works it out: {source.actual:,}"
                             if isinstance(source.actual, int) else
                             f"line {source.line} works it out: {source.actual}"))
    return out


# a figure after "=" that ends a calculation of the line's own (``(3*3*64 + 1)*128 =
# 73,856`` for conv3, above conv4's same figure judged wrong): its own result, no echo
_WORKED = re.compile(r"[0-9)\]]\s*=$")


def _stated(number: int, text: str,
            by_claimed: dict[int, list[tuple[int, Claim]]]) -> list[Claim]:
    """``... is 56,448`` on a line that names the quantity a wrong claim counted."""
    if _NOT.search(text):
        return []
    said = {_value(m.group(1)): m for m in
            re.finditer(rf"(?:\bis|\bare|=|:)\s*(?:about\s+)?({_NUM})(?![\w]|[.,]\d)", text)
            if _value(m.group(1)) in by_claimed and not _WORKED.search(text, 0, m.start() + 1)}
    if not said:
        return []
    written = {_value(m.group(0)) for m in re.finditer(_NUM, text)}
    for x, m in said.items():
        for y, source in by_claimed[x]:
            quantity = _QUANTITY.get(source.kind)
            if _BIASES_ONLY.search(source.detail or "") and WEIGHTS_ONLY.search(text):
                continue  # its biases were all it left out: the weights alone are right
            if x >= MIN_STATED and y not in written and quantity is not None \
                    and quantity.search(text) and source.line != number:
                return [Claim(number, m.group(0), source.kind, m.group(1), source.actual,
                              "wrong", f"line {source.line} works it out: {source.actual:,}")]
    return []
