"""A tensor's shape beside the count of its elements, a row of a parameter listing::

    (96, 3, 11, 11)     param: 34848          <- 96*3*11*11 = 34,848: right
    (96, )              param: 96
    fc.weight  torch.Size([1000, 512])  numel: 512000
    [3, 3, 64, 128] -> 73,728 weights
    Total parameter: 50844008                 <- the rows' counts added: right

A line holds one shape written as a tuple or list of whole numbers (``(96, 3, 11, 11)``,
``(96, )``, ``torch.Size([64, 3, 7, 7])``) and, right after it, a count that a count word
stands beside (``param: N``, ``N params``, ``numel N``, ``N elements``, ``N weights``,
``파라미터 N``). The tensor's elements are the product of its sides (a weight of shape
(out, in, kh, kw) holds out*in*kh*kw numbers, a bias (out,) holds out). Right where the
count is that product; where it is the product plus the first side (the layer's weights
and its biases, counted on the weight's row) not judged; else wrong. A shape that reads as
a map rather than a stored tensor is left alone, and so are a call's arguments
(``Linear(64, 10), 650 params``): a batch side (``-1``, ``None``, a leading
1 of a 3-D or 4-D shape), or a word before it that names an input, output or feature map.

Rows in a run (a blank or one line between them at most) are kept; a line under the run
with a total word, a count word and one whole count is judged against the rows' counts
added: right where it is their sum, wrong where it is not (within ``SPAN`` lines of the
last row, where the run has two rows or more, each of them judged right). An approximation after it
(``(~50M)``) is left to the readers of figures.
"""

from __future__ import annotations

import math
import re

from cnnstat.notes.claims import Claim

CONFIDENCE = 0.9  # the count is taken to be the elements of the shape it stands beside
SPAN = 3  # lines from the last row that a total is read in
NEEDS = ("param", "numel", "element", "weight", "파라미터", "total", "총")

_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![0-9.,]*[0-9])(?!\s*(?:[%xX×*/^]|[kKmMbBgG]\b))"
_SHAPE = re.compile(r"(?:(?:torch\.)?Size\(\s*|(?<![\w.]))(?P<open>[(\[])\s*(?P<dims>[0-9]+(?:\s*,\s*[0-9]+)*)"
                    r"\s*,?\s*[)\]]\)?")
_WORD = r"(?:param(?:eter)?s?|numel(?:\(\))?|elements?|weights?|파라미터|매개변수)"
_AFTER = re.compile(r"\s*(?:[:=|,]|->|→|=>)?\s*(?:" + _WORD + r"\s*(?:#|count|수)?\s*[:=]?\s*"
                    r"(?P<a>" + _NUM + r")|(?P<b>" + _NUM + r")\s*" + _WORD + r")\b", re.I)
_MAPWORD = re.compile(r"\b(?:input|output|out|in|feature|map|activation|image|batch|x|y|"
                      r"tensor|shape\s+of\s+(?:the\s+)?(?:input|output))\b\s*[:=]?\s*$|"
                      r"(?:입력|출력|특징\s*맵)\s*[:=]?\s*$", re.I)
_TOTAL = re.compile(r"\b(?:total|sum|all)\b|총|합계|전체", re.I)
_COUNTWORD = re.compile(_WORD, re.I)
_FIGURE = re.compile(r"(?<![\w.,])(" + _NUM + r")(?![\w])")


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def row(raw: str) -> tuple[tuple[int, ...], int, str, int] | None:
    """(the shape, the count stated, the count as written, where it starts) of a listing's
    row; None where the line is no such row."""
    shapes = list(_SHAPE.finditer(raw))
    if len(shapes) != 1:
        return None
    m = shapes[0]
    dims = tuple(int(d) for d in m.group("dims").split(","))
    if not all(dims) or (len(dims) >= 3 and dims[0] == 1) or len(dims) > 5:
        return None
    if _MAPWORD.search(raw[:m.start()]) or _TOTAL.search(raw):
        return None
    got = _AFTER.match(raw, m.end())
    if got is None:
        return None
    said = got.group("a") or got.group("b")
    start = got.start("a") if got.group("a") else got.start("b")
    if raw[got.end():].strip()[:1].isdigit():
        return None  # a second figure follows: a table's columns, not this count
    return dims, _int(said), said, start


class Listing:
    """The rows of the listing in progress: their lines and counts as written."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int, bool]] = []  # (line, count stated, right)
        self.last = -10

    def line(self, number: int, raw: str) -> list[Claim]:
        got = row(raw)
        if got is not None:
            if number - self.last > 2:
                self.rows = []
            out = _judge(number, *got)
            self.rows.append((number, got[1], bool(out) and out[0].verdict == "right"))
            self.last = number
            return out
        if self.rows and number - self.last <= SPAN and len(self.rows) >= 2:
            out = self._total(number, raw)
            if out:
                self.rows = []
                return out
        return []

    def _total(self, number: int, raw: str) -> list[Claim]:
        if not _TOTAL.search(raw) or not _COUNTWORD.search(raw):
            return []
        figures = [m for m in _FIGURE.finditer(raw)]
        if len(figures) != 1:
            return []
        said = figures[0].group(1)
        if not all(ok for _, _, ok in self.rows):
            return []  # a row judged wrong or left alone: the sum it should be is unsure
        stated, total = _int(said), sum(c for _, c, _ in self.rows)
        lines = f"the {len(self.rows)} rows of lines {self.rows[0][0]}-{self.rows[-1][0]}"
        verdict = "right" if stated == total else "wrong"
        return [Claim(number, said, "params", said, total, verdict,
                      f"{lines} added: {total:,}", confidence=CONFIDENCE)]


def _judge(number: int, dims: tuple[int, ...], stated: int, said: str, start: int
           ) -> list[Claim]:
    product = math.prod(dims)
    how = "x".join(map(str, dims)) + f" = {product:,} elements"
    if stated == product:
        return [Claim(number, said, "params", said, product, "right", how,
                      confidence=CONFIDENCE)]
    if len(dims) >= 2 and stated == product + dims[0]:
        return []  # the weights and the layer's biases on the weight's row: its way
    return [Claim(number, said, "params", said, product, "wrong", how, confidence=CONFIDENCE)]


def read(at) -> list[Claim]:
    """The reader (``registry``): the note's listing is ``at.state.tensor_rows``."""
    return at.state.tensor_rows.line(at.line.number, at.line.raw)


__all__ = ["Listing", "read", "row"]
