"""A convolution or a pooling worked out on matrices drawn side by side::

    ┌───┬───┬───┐       ┌───┬───┐
    │ 1 │ 2 │ 0 │       │ 1 │ 0 │       ┌───┬───┐
    ├───┼───┼───┤   *   ├───┼───┤   =   │ 3 │ 2 │        <- the input * the kernel
    │ 0 │ 1 │ 2 │       │ 0 │ 1 │       ├───┼───┤           = the output
    ...

A drawing is a run of lines with box rows (``│ 1 │ 2 │``, or ``| 1 | 2 |`` outside a
table) and box rules. Its matrices are the rows that start in one column, as many
numbers each; they stand in the drawing left to right, and what is written between two of
them on any of its lines joins them: ``*`` (``⊛``) a convolution, ``=`` its result, an
arrow (``→``, ``->``) a pooling.

- ``A * K = O``: ``O`` is ``A`` cross-correlated with ``K`` (no padding, stride 1: ``O``
  has ``A``'s columns less ``K``'s plus one, and no more rows than that gives). A row of
  ``O`` is right where it is the row of the cross-correlation or of the convolution proper
  (the kernel flipped: either is a "convolution" in notes); wrong where it is neither.
- ``A → O`` under a pooling named in the lines just above the drawing (``MaxPool2d(2,
  2)``, ``2x2 max pooling``, ``average pooling``): each cell of ``O`` is the max (the mean)
  of its window of ``A``; the window and stride are those written (``MaxPool2d(k, s)``,
  ``stride s``), else the ratio of the sides (4x4 to 2x2: 2, stride 2). A pooling neither
  max nor average, or sides that fit no window, leave the drawing unjudged.

The same is read of LaTeX matrices (``\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} *
\\begin{bmatrix} ... \\end{bmatrix} = ...``, ``pmatrix``, ``vmatrix``, ``matrix``) on a line
or over the lines of one display: rows split at ``\\\\``, cells at ``&``; ``\\ast``,
``\\circledast`` convolve, ``\\to``, ``\\rightarrow`` are arrows.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim

CONFIDENCE = 0.8
MAX_LINES = 60  # a drawing longer than this is no worked example
CONTEXT = 6  # lines above the drawing that may name its pooling
_GLYPHS = re.compile(r"[│┃─━┌┐└┘├┤┬┴┼╭╮╯╰]")
_NUM = r"-?\d+(?:\.\d+)?"
_ROW = re.compile(r"[│┃|](?:\s*" + _NUM + r"\s*[│┃|])+")
_CELL = re.compile(_NUM)
_CONV = re.compile(r"[*⊛✱∗]|\bconv", re.I)
_EQUALS = re.compile(r"=(?!>)")
_ARROW = re.compile(r"→|->|=>|⟶|⇒")
_MAX = re.compile(r"max", re.I)
_MEAN = re.compile(r"av(?:era)?g|mean", re.I)
_CALL = re.compile(r"(?:Max|Avg)Pool(?:ing)?2[dD]\(\s*(?:kernel_size\s*=\s*)?(\d+)"
                   r"(?:\s*,\s*(?:stride\s*=\s*)?(\d+))?")
_WINDOW = re.compile(r"(?<![\d.])(\d)\s*[x×X]\s*\1(?![\d.])")
_STRIDE = re.compile(r"stride\s*(?:=|of|:)?\s*(\d+)", re.I)
_TEX_BEGIN = re.compile(r"\\begin\{[bpvBV]?matrix\}")
_TEX_GOES_ON = re.compile(r"\\end\{|&|\\\\|^\s*(?:\$\$|\\\]|[=*→]|\\ast\b|\\to\b|"
                          r"\\(?:long)?rightarrow|\\circledast|\\star\b|\\otimes)")
_TEX_MATRIX = re.compile(r"\\begin\{([bpvBV]?matrix)\}(.*?)\\end\{\1\}", re.S)
_TEX_OPS = re.compile(r"\\(?:circledast|ast|star|otimes|rightarrow|longrightarrow|to)\b")
_TEX_OPS_AS = {"\\circledast": "*", "\\ast": "*", "\\star": "*", "\\otimes": "*",
               "\\rightarrow": "→", "\\longrightarrow": "→", "\\to": "→"}
# the words between an input and kernel drawn and their output drawn below ("↓ 합성곱 연산 ↓")
_CONV_WORD = re.compile(r"[*⊛✱∗]|conv|합성곱|컨볼루션|콘볼루션", re.I)
HOLD = 3  # lines between the two drawings
NEEDS = ("│", "|", "┃")


class _Grid:
    def __init__(self, start: int, end: int, line: int, row: list[Fraction], text: str):
        self.start, self.end = start, end
        self.rows: list[tuple[int, list[Fraction], str]] = [(line, row, text)]

    @property
    def size(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0][1])

    def values(self) -> list[list[Fraction]]:
        return [r[1] for r in self.rows]


def _num(text: str) -> Fraction:
    return Fraction(text)


class Drawings:
    """The drawing in progress and the lines just above it."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []
        self.above: list[str] = []
        self.tex: list[tuple[int, str]] = []  # the lines of a display with matrices
        self.held: tuple | None = None  # an input and a kernel drawn, their output to come
        self.said: list[str] = []  # the lines since: what joins them to it

    def check_line(self, number: int, raw: str) -> list[Claim]:
        out: list[Claim] = []
        if self.tex and number - self.tex[-1][0] > 1:  # a blank line ends a display
            out, self.above = self._display(), []
        if _TEX_BEGIN.search(raw) or (self.tex and _TEX_GOES_ON.search(raw)):
            if len(self.tex) < MAX_LINES:
                self.tex.append((number, raw))
            return out
        if self.tex:
            out, self.above = self._display(), []  # it named this display, not the next
        if _GLYPHS.search(raw) or _ROW.search(raw):
            if len(self.lines) < MAX_LINES:
                self.lines.append((number, raw))
            return out
        if self.lines:  # what named the drawing before does not name the next one
            out += self._judge()
            self.lines, self.above = [], []
        if self.held is not None:
            self.said.append(raw)
            if len(self.said) > HOLD:
                self.held = None
        self.above = (self.above + [raw])[-CONTEXT:]
        return out

    def _display(self) -> list[Claim]:
        grids, text = _tex_grids(self.tex)
        self.tex = []
        return self._judged(grids, text)

    def _judge(self) -> list[Claim]:
        grids = _grids(self.lines)
        held, said, self.held, self.said = self.held, " ".join(self.said), None, []
        if len(grids) == 1 and held is not None and _CONV_WORD.search(said):
            return _convolved(held[0], held[1], grids[0])  # the output drawn under them
        if len(grids) < 2:
            return []
        joins = [_between(self.lines, a, b) for a, b in zip(grids, grids[1:])]
        if len(grids) == 2 and joins == [None] and not _between_text(self.lines, *grids):
            self.held = (grids[0], grids[1])  # side by side, nothing between: an input
            return []                         # and its kernel, the output below
        return self._joined(grids, joins)

    def _judged(self, grids, text: str) -> list[Claim]:
        """LaTeX matrices: joined by what is written between them."""
        if len(grids) < 2:
            return []
        joins = [_join(_TEX_OPS.sub(lambda m: _TEX_OPS_AS[m.group(0)], text[a.end:b.start]))
                 for a, b in zip(grids, grids[1:])]
        return self._joined(grids, joins)

    def _joined(self, grids, joins) -> list[Claim]:
        context = " ".join(self.above)
        for k in range(len(grids) - 2):
            if joins[k] == "conv" and joins[k + 1] == "equals":
                return _convolved(grids[k], grids[k + 1], grids[k + 2])
        for k, join in enumerate(joins):
            if join == "arrow":
                return _pooled(grids[k], grids[k + 1], context)
        return []


def _grids(lines: list[tuple[int, str]]) -> list[_Grid]:
    """The matrices of a drawing, left to right: rows of numbers that start in one column,
    as many numbers each, on lines close together."""
    open_: list[_Grid] = []
    for number, raw in lines:
        for m in _ROW.finditer(raw):
            row = [_num(x) for x in _CELL.findall(m.group(0))]
            grid = next((g for g in open_ if abs(g.start - m.start()) <= 1
                         and number - g.rows[-1][0] <= 3), None)
            if grid is None:
                open_.append(_Grid(m.start(), m.end(), number, row, m.group(0)))
            elif len(row) != len(grid.rows[0][1]):
                return []  # rows of different lengths: not a matrix read whole
            else:
                grid.rows.append((number, row, m.group(0)))
    grids = sorted(open_, key=lambda g: g.start)
    if any(a.end > b.start for a, b in zip(grids, grids[1:])):
        return []  # two matrices in one column span: not side by side
    return grids


def _between(lines: list[tuple[int, str]], a: _Grid, b: _Grid) -> str | None:
    """What joins two matrices: the text between them, on any line of the drawing."""
    said = " ".join(raw[a.end:b.start] for _, raw in lines)
    return _join(_GLYPHS.sub(" ", said))


def _between_text(lines: list[tuple[int, str]], a: _Grid, b: _Grid) -> str:
    return _GLYPHS.sub(" ", " ".join(raw[a.end:b.start] for _, raw in lines)).strip()


def _join(said: str) -> str | None:
    found = [name for name, rx in (("arrow", _ARROW), ("equals", _EQUALS), ("conv", _CONV))
             if rx.search(_ARROW.sub(" ", said) if name != "arrow" else said)]
    return found[0] if len(found) == 1 else None


def _tex_grids(lines: list[tuple[int, str]]) -> tuple[list[_Grid], str]:
    """The matrices of a display, left to right in its text (its lines joined), each row
    on the line it is written on; none where a matrix holds anything but numbers."""
    text, starts = "", []
    for number, raw in lines:
        starts.append((len(text), number))
        text += raw + "\n"
    grids = []
    for m in _TEX_MATRIX.finditer(text):
        body, at = m.group(2), m.start(2)
        grid = None
        offset = 0
        for part in body.split("\\\\"):
            start, offset = offset, offset + len(part) + 2
            cells = [c.strip().replace("−", "-") for c in part.split("&")]
            if not any(cells):
                continue
            if not all(re.fullmatch(_NUM, c) for c in cells):
                return [], text
            line = max(n for k, n in starts if k <= at + start + len(part) - len(part.lstrip()))
            row = [_num(c) for c in cells]
            if grid is None:
                grid = _Grid(m.start(), m.end(), line, row, " ".join(cells))
            elif len(row) != len(grid.rows[0][1]):
                return [], text
            else:
                grid.rows.append((line, row, " ".join(cells)))
        if grid is not None:
            grids.append(grid)
    return grids, text


def _correlate(a: list[list[Fraction]], k: list[list[Fraction]], rows: int, cols: int):
    kr, kc = len(k), len(k[0])
    return [[sum(a[i + p][j + q] * k[p][q] for p in range(kr) for q in range(kc))
             for j in range(cols)] for i in range(rows)]


def _agrees(text: str, row: list[Fraction], want: list[Fraction]) -> bool:
    """A row written against the values it should hold, each cell to the digits it is
    written with (a mean of 4.25 written 4.3 or 4 is rounded, 4.5 is not)."""
    cells = _CELL.findall(text)
    return len(cells) == len(want) and all(
        abs(v - w) <= Fraction(1, 2 * 10 ** len(c.split(".")[1] if "." in c else ""))
        for c, v, w in zip(cells, row, want))


def _show(row) -> str:
    return ", ".join(str(int(v)) if v.denominator == 1 else str(float(v)) for v in row)


def _convolved(a: _Grid, k: _Grid, o: _Grid) -> list[Claim]:
    (ar, ac), (kr, kc), (orows, ocols) = a.size, k.size, o.size
    if kr > ar or kc > ac or ocols != ac - kc + 1 or orows > ar - kr + 1 or orows < 1:
        return []
    flipped = [row[::-1] for row in k.values()[::-1]]
    xcorr = _correlate(a.values(), k.values(), orows, ocols)
    conv = _correlate(a.values(), flipped, orows, ocols)
    written = o.values()
    both = (xcorr, conv)
    best = max(both, key=lambda m: sum(r == w for r, w in zip(m, written)))
    out = []
    for i, (line, row, cells) in enumerate(o.rows):
        ok = _agrees(cells, row, xcorr[i]) or _agrees(cells, row, conv[i])
        want = best[i] if not ok else row
        out.append(_claim(line, f"row {i + 1} of {ar}x{ac} * {kr}x{kc}", row, want, ok,
                          f"the {ar}x{ac} input drawn, cross-correlated with the {kr}x{kc} "
                          f"kernel: {_show(xcorr[i])} (the kernel flipped: {_show(conv[i])})"))
    return out


def _claim(line: int, what: str, row, want, ok: bool, how: str) -> Claim:
    return Claim(line, f"{what}: {_show(row)}", "arithmetic", _show(row), _show(want),
                 "right" if ok else "wrong", how, (), _show(want), CONFIDENCE)


def _pooled(a: _Grid, o: _Grid, context: str) -> list[Claim]:
    kind = "max" if _MAX.search(context) else "mean" if _MEAN.search(context) else None
    if kind is None or (_MAX.search(context) and _MEAN.search(context)):
        return []
    (ar, ac), (orows, ocols) = a.size, o.size
    call = _CALL.search(context)
    window = stride = None
    if call:
        window = int(call.group(1))
        stride = int(call.group(2)) if call.group(2) else window
    else:  # a window written that fits the sides drawn, else their ratio
        s = _STRIDE.search(context)
        for w in _WINDOW.finditer(context):
            window, stride = int(w.group(1)), int(s.group(1)) if s else int(w.group(1))
            if (ar - window) // stride + 1 == orows and (ac - window) // stride + 1 == ocols:
                break
        else:
            window = stride = ar // orows if ar % orows == 0 and ac % ocols == 0 and \
                ar // orows == ac // ocols else None
    if not window or not stride or (ar - window) // stride + 1 != orows or \
            (ac - window) // stride + 1 != ocols:
        return []
    grid = a.values()
    out = []
    for i, (line, row, drawn) in enumerate(o.rows):
        want = []
        for j in range(ocols):
            cells = [grid[i * stride + p][j * stride + q] for p in range(window)
                     for q in range(window)]
            want.append(max(cells) if kind == "max" else sum(cells) / len(cells))
        out.append(_claim(line, f"row {i + 1} of {window}x{window} {kind} pooling of "
                                f"{ar}x{ac}", row, want, _agrees(drawn, row, want),
                          f"the {kind} of each {window}x{window} window, stride {stride}, "
                          f"of the {ar}x{ac} input drawn: {_show(want)}"))
    return out
