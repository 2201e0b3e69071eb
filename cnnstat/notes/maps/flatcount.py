"""A flatten step's length, after the map it flattens: a layer list's ``Flatten → 400`` under
``Pool2 (2×2) → 5×5×16``, a bullet ``* Flatten: 9216`` under ``...: 6x6x256``, a table's
``| Flatten | 25088 | 0 |`` under ``| MaxPool2D | 7×7×512 | ...``, a row that writes both
(``| Flatten | 4 × 4 × 16 | ... | 1 × 256 |``), a comment ``x = x.view(x.size(0), -1)  #
Flatten to 256`` under ``# 256×1×1``, ``평탄화하면 7x7x64 → 3136``.

A line that names a flatten (outside code: in code, only its comment) states its length:
the first count after the word (``400``, ``25,088``, ``1 × 256``, ``(None, 3136)``,
``(256,)``, ``720개``); a zero or a unit after it (parameters, bytes, %) is no length. The map it
flattens is a map of three sides on its own line (``4 × 4 × 16``, ``(7, 7, 64)``), else
the last one on the line just above that holds one (up to ``GAP`` lines on; blank lines
and arrows between). The length is that map through the layer algebra's flatten
(``cnnstat.layers.tensor.Flatten``: H*W*C, whichever way round the sides are written).
A length that is not: wrong where the line itself gives the map and names no other layer;
unsure where the map is the line above's (a pooling or a reshape the note leaves out may
come between) or where the line names another layer.
"""

from __future__ import annotations

import re

from cnnstat.notes.text import CODE_GUESSED
from cnnstat.layers.tensor import Flatten
from cnnstat.notes.claims import Claim

GAP = 3  # lines from the map to its flatten
UNSURE = 0.4
_WORD = re.compile(r"flatten(?:ed|s|ing)?\b|평탄화|플래튼", re.I)
_BATCH = r"(?:None|batch(?:_size)?|bs|[NnBb]|-1|\?)"
_N = r"\d{1,3}(?:,\d{3})+(?![\d])|\d{1,7}"
_MAP = re.compile(r"(?<![\w.*×])(\d{1,5})\s*[x×*]\s*(\d{1,5})\s*[x×*]\s*(\d{1,5})"
                  r"(?!\w|\.\d|\s*[x×*]\s*\d)|[(\[]\s*(?:" + _BATCH + r"\s*,\s*)?(\d{1,5})\s*,"
                  r"\s*(\d{1,5})\s*,\s*(\d{1,5})\s*[)\]]")
# a length: "1 × 256", "(None, 256)", "(256,)", "[256]", "256"
_COUNT = re.compile(r"(?<![\w.,])(?:1\s*[x×*]\s*)?(" + _N +
                    r")(?!(?!개)[\w%]|\.\d|,\d|\s*[x×*]\s*\d)"
                    r"|[(\[]\s*(?:" + _BATCH + r"\s*,\s*)?(" + _N + r")\s*,?\s*[)\]]")
# what after a count makes it no length: parameters, bytes, classes, a scale, a percent,
# a map's channels ("before flattening is a 64 channel 12x12 map": 64 is its depth)
_UNITS = ("param", "weight", "byte", "class", "categor", "label", "neuron", "unit", "hidden",
          "epoch", "million", "thousand", "billion", "channel", "filter", "kernel", r"feature\s*maps?",
          "map", "채널", "필터", "커널", r"(?:[KMG]B?|B)\b", "flop", "mac", "%")
_UNIT = re.compile(r"\s*(?:" + "|".join(_UNITS) + ")", re.I)
# another layer named beside the flatten: its map may not be the one flattened
_OTHER = re.compile(r"pool|gap\b|global|average|mean|dense|linear|\bfc\d?\b|fully|conv|"
                    r"풀링|합성곱", re.I)


def _clean(text: str) -> str:
    """LaTeX's ``\\times`` as ``×``; its math brackets, backticks and bold as spaces."""
    text = re.sub(r"\\times|\\cdot", "×", text)
    return re.sub(r"\\[()\[\]]|`|\*\*", " ", text)


def _maps(text: str) -> list[re.Match]:
    return list(_MAP.finditer(text))


def _sides(m: re.Match) -> tuple[int, int, int]:
    got = [g for g in m.groups() if g is not None]
    return int(got[0]), int(got[1]), int(got[2])


class Flat:
    """The last map of three sides a line stated, and its line."""

    def __init__(self) -> None:
        self.map: tuple[int, int, int] | None = None
        self.line = 0

    def check_line(self, number: int, raw: str, code: bool = False,
                   row: bool = False) -> list[Claim]:
        """``code``: a line of code (its comment read; none beside a layer's code);
        ``row``: a table's row (only where it writes the map itself: a layer table's
        readers follow the rows)."""
        if not any(map(str.isdigit, raw)):
            return []  # a line with no number ("↓") leaves the map above as it is
        statement, _, text = raw.partition("#") if code else ("", "", raw)
        text = _clean(text)
        maps = _maps(text)
        above, self.map = (self.map if number - self.line <= GAP else None), None
        if maps:
            self.map, self.line = _sides(maps[-1]), number
        word = _WORD.search(text)
        if word is None or _OTHER.search(statement):
            return []
        rest = text[word.end():]
        worked = _worked_other(number, text, word, maps)
        if worked is not None:
            return [worked]
        spans = [m.span() for m in _maps(rest)]
        count = next((c for c in _COUNT.finditer(rest)
                      if not any(a <= c.start() < b for a, b in spans)), None)
        pair = _PAIR.search(rest)
        if count is not None and pair is not None and pair.start() <= count.start() < pair.end():
            return _kept_axis(number, pair, maps, above)  # "flatten to (196, 768)"
        if count is None or _UNIT.match(rest, count.end()) or \
                rest[:count.start()].rstrip().endswith("="):  # a working's: arithmetic's
            return []
        n = int((count.group(1) or count.group(2)).replace(",", ""))
        if n < 2:
            return []
        own = bool(maps)  # several maps on the line: the same map twice ("(7, 7, 64) ... 7*7*64")
        src = _sides(maps[0]) if own else above
        if src is None or (row and not own) or len({tuple(sorted(_sides(m))) for m in maps}) > 1:
            return []
        want = Flatten.make({}).effect((src[2], src[0], src[1])).output[0]
        part, total = _part(n, src, want), None
        if part:  # one map's or one row's values: a step of the working, the total after it
            total = next((c for c in _COUNT.finditer(rest, count.end())
                          if not any(a <= c.start() < b for a, b in spans) and
                          int((c.group(1) or c.group(2)).replace(",", "")) >= 2 * n and
                          not _UNIT.match(rest, c.end())), None)
            if total is not None:
                n = int((total.group(1) or total.group(2)).replace(",", ""))
        ok = n == want
        sure = own and not _OTHER.search(text.replace(word.group(0), "")) and \
            not (part and total is None)
        shown = "x".join(map(str, src))
        return [Claim(number, f"flatten {shown} → {n}", "shape", str(n), want,
                      "right" if ok else "wrong",
                      f"a flatten of {shown} gives {shown.replace('x', '*')} = {want} values"
                      + ("" if own else " (the map of the line above)"),
                      (), str(want),
                      1.0 if ok or sure else UNSURE)]


def _part(n: int, src: tuple[int, int, int], want: int) -> bool:
    """Whether ``n`` is the product of two of the map's three sides and not its length: the
    values of one map (``(20, 20, 6)``: 400 on each of the 6 sheets), a step a line works
    through on its way to the length it states after it."""
    a, b, c = src
    return n != want and n in (a * b, a * c, b * c)


# a flatten that keeps an axis apart: "(768, 14, 14) → flatten to (196, 768)" (a
# ``flatten(2)`` and a transpose), "(N, 196, 768)": two sizes, a batch before them or not
_PAIR = re.compile(r"[(\[]\s*(?:" + _BATCH + r"\s*,\s*)?(" + _N + r")\s*,\s*(" + _N + r")\s*[)\]]")


def _kept_axis(number: int, pair: re.Match, maps: list[re.Match],
               above: tuple[int, int, int] | None) -> list[Claim]:
    """A flatten to two sizes keeps one axis (the channels, a sequence's tokens): right
    where the two hold as many values as the map flattened (on the line), else not judged
    (which axes it joins is the code's to say)."""
    src = _sides(maps[0]) if maps else None
    if src is None or len({tuple(sorted(_sides(m))) for m in maps}) > 1:
        return []
    a, b = (int(g.replace(",", "")) for g in pair.groups()[-2:])
    want = Flatten.make({}).effect((src[2], src[0], src[1])).output[0]
    if a * b != want or min(a, b) < 2:
        return []
    shown = "x".join(map(str, src))
    return [Claim(number, f"flatten {shown} → ({a}, {b})", "shape", f"({a}, {b})", want,
                  "right", f"a flatten that keeps one axis: {a} x {b} = {want}, the "
                           f"values of {shown}", (), f"({a}, {b})")]


# a flatten's length worked out from a map: "flatten -> 7*7*64 = 3136", "flatten: 7x7x64 = "
_WORKED = re.compile(r"\s*(?:->|→|=>|:|gives|to)?\s*(?:a\s+)?$|\s*(?:->|→|=>|:|gives|to)?\s*$",
                     re.I)
_BETWEEN = re.compile(r"^[\s,;]*(?:(?:and|then)\s+)?(?:->|→|=>)?\s*(?:(?:and|then)\s+)?$", re.I)


def _worked_other(number: int, text: str, word: re.Match, maps: list[re.Match]) -> Claim | None:
    """A flatten worked out from a map other than the one the line's chain reached just
    before it (``pool 2x2 -> 14x14x32, flatten -> 7*7*32 = 1568``: the map flattened is
    14x14x32, 6272 values): wrong, by the layer algebra's flatten. Only where the map
    before the word is the chain's last step (nothing but a comma, an arrow or ``then``
    between) and the worked map follows the word at once, then ``=``."""
    before = [m for m in maps if m.end() <= word.start()]
    after = [m for m in maps if m.start() >= word.end()]
    if not before or not after or not _BETWEEN.match(text[before[-1].end():word.start()]) or \
            not _WORKED.match(text[word.end():after[0].start()]) or \
            not re.match(r"\s*=\s*[0-9]", text[after[0].end():]):
        return None
    src, got = _sides(before[-1]), _sides(after[0])
    if sorted(src) == sorted(got):
        return None
    want = Flatten.make({}).effect((src[2], src[0], src[1])).output[0]
    shown = "x".join(map(str, src))
    worked = after[0].group(0)
    return Claim(number, f"flatten {shown} → {worked}", "shape", worked, want, "wrong",
                 f"the map flattened is {shown}, just before the flatten: "
                 f"{shown.replace('x', '*')} = {want} values, not {worked}", (), str(want))


NEEDS = tuple("0123456789")


def read(at) -> list[Claim]:
    """The reader (``registry``): a line of prose or code, or a table's rows (its first
    row was read as a line: the rest, a row that writes its own map)."""
    if at.block is None:
        return at.state.flat.check_line(at.line.number, at.line.raw,
                                        at.line.reason in ("code", CODE_GUESSED))
    rows, got = Flat(), []
    for row in at.block[1:]:
        got += rows.check_line(row.number, row.raw, row=True)
    return got
