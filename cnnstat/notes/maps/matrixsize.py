"""A matrix's size stated right before the matrix itself, written out::

    1. 입력: 6x6 Matrix                  (the size, the last figure on its line)
    ```
    Input:                               (a fence, a short label: nothing else between)
    [ [9, 4, 1, 6, 5],
      ...
      [1, 4, 2, 5, 6] ]                   (5 rows of 5: "6x6" is wrong)
    Kernel (3x3): [[1, 0, -1], [1, 0, -1], [1, 0, -1]]     (on the line itself: right)
    a 4x4 input:                          (numpy's print, no commas; or rows of numbers
    [[1 2 3 4]                             without brackets, a row a line)
     [5 6 7 8] ...]

The size is one product of two sides (``6x6``, ``3X3``, ``4 × 4``) with nothing but words
after it on its line, on a line that names what a matrix is (input, kernel, filter, patch,
matrix, image and their Korean words). The matrix starts on that line or within ``GAP``
lines, with only blank lines, a fence or a short label without figures between, and is
read whole: its rows counted and each row's numbers (every row as long, a bracket opened
closed, no ``...`` eliding a part). Its rows by its columns are the size: right where they
are the stated sides, wrong where they are not, unsure where they are the sides the other
way round (the note may count columns first). A line between with a figure, another size
stated, a label naming what the matrix is none of it the size's line named (``Input: 6x6
image`` / ``Kernel:`` / ``[[1, 0], [0, 1]]``: the kernel's), or a matrix that is not read
whole, leaves the size unjudged.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip

GAP = 3  # lines from the size to the matrix's first row
MAX_ROWS = 64
UNSURE = 0.4
_WORD = re.compile(r"matri|input|kernel|filter|patch|image|window|행렬|입력|커널|필터|조각|"
                   r"이미지|영역|배열|array", re.I)
_SIZE = re.compile(r"(?<![\w.×*])(\d{1,2})\s*[xX×*]\s*(\d{1,2})(?![\w.]|\s*[xX×*]\s*\d)")
_NUM = r"-?\d+(?:\.\d+)?"
_ROW = re.compile(r"^\s*(?:" + _NUM + r")(?:\s*,?\s+" + _NUM + r"|\s*,\s*" + _NUM + r"){1,63}\s*,?\s*$")
_LITERAL = re.compile(r"^[\s\[\],\-.0-9]*$")
# a part of the matrix written, not all of it: "the first rows of a 6x6 image", "일부만"
_PART = re.compile(r"\brows?\b|\bcolumns?\b|\bpart\b|\bsome\b|excerpt|일부|부분|\.\.\.|…", re.I)
# what a matrix is, by role: a label between naming another role heads another matrix
# ("Input: 6x6" / "Kernel:" / "[[1, 0], [0, 1]]": the kernel's)
_ROLES = (("input", re.compile(r"input|image|입력|이미지", re.I)),
          ("kernel", re.compile(r"kernel|filter|weight|커널|필터|가중치", re.I)),
          ("patch", re.compile(r"patch|window|region|조각|영역", re.I)),
          ("output", re.compile(r"output|result|feature\s*map|출력|결과|특징\s*맵", re.I)))
_LABEL = re.compile(r"^\s*(?:```\w*|[^\d\[\]]{0,24}:?)\s*$")


def _rows(text: str) -> list[int] | None:
    """Each row's length of a matrix written with brackets (``[[1, 2], [3, 4]]``, numpy's
    ``[[1 2]\\n [3 4]]``); None where it is not a matrix of numbers read whole."""
    depth, rows, row, deepest = 0, [], None, 0
    for tok in re.findall(_NUM + r"|\[|\]|[^\s,]", text):
        if tok == "[":
            depth += 1
            deepest = max(deepest, depth)
            if depth == 2:
                row = 0
        elif tok == "]":
            if depth == 2:
                rows.append(row)
                row = None
            depth -= 1
            if depth < 0:
                return None
        elif re.fullmatch(_NUM, tok):
            if depth != 2:
                return None  # a number outside a row: a vector, or a tensor of 3 dims
            row += 1
        else:
            return None
    return rows if depth == 0 and deepest == 2 and rows else None


def _roles(text: str) -> set[str]:
    return {role for role, rx in _ROLES if rx.search(text)}


class Matrices:
    """The size stated last, waiting for its matrix."""

    def __init__(self) -> None:
        self.size: tuple[int, int, int, str] | None = None  # rows, columns, line, text
        self.roles: set[str] = set()  # what the size's line says the matrix is
        self.text: list[str] | None = None  # the matrix in brackets so far
        self.plain: list[int] = []  # rows of a matrix without brackets: their lengths

    def check_line(self, number: int, masked: str, raw: str) -> tuple[list[Claim], list[Skip]]:
        """``raw``: the line as written (masking blanks brackets as it does links)."""
        if self.text is not None:
            return self._bracketed(raw)
        if self.size is not None and self.plain:
            if _ROW.match(raw) and len(self.plain) < MAX_ROWS:
                self.plain.append(len(re.findall(_NUM, raw)))
                return [], []
            return self._judge(self.plain), []
        if self.size is not None and "[" in raw and _LITERAL.match(raw):
            self.text = []
            return self._bracketed(raw)
        if self.size is not None and _ROW.match(raw):
            self.plain = [len(re.findall(_NUM, raw))]
            return [], []
        stated = list(_SIZE.finditer(masked))
        if len(stated) == 1 and _WORD.search(masked) and not _PART.search(masked) and \
                len(raw) == len(masked) and \
                not re.search(r"\d", raw[stated[0].end():].split("[", 1)[0]):
            m = stated[0]
            self.size, self.plain = (int(m.group(1)), int(m.group(2)), number, m.group(0)), []
            self.roles = _roles(masked)
            rest = raw[m.end():]
            if "[" in rest:  # "Kernel (3x3): [[1, 0], [0, 1]]"
                k = rest.index("[")
                if _LITERAL.match(rest[k:]):
                    self.text = []
                    return self._bracketed(rest[k:])
                self.size = None
            return [], []
        if self.size is not None and (number - self.size[2] > GAP or not _LABEL.match(masked)
                                      or self._other(masked)):
            self.size = None  # something else between: the size is not the matrix's
        return [], []

    def _other(self, masked: str) -> bool:
        """A label that names what a matrix is, none of it what the size's line named."""
        roles = _roles(masked)
        return bool(roles) and not roles & self.roles

    def _bracketed(self, masked: str) -> tuple[list[Claim], list[Skip]]:
        if not _LITERAL.match(masked) or len(self.text) >= MAX_ROWS:
            self.text, self.size = None, None
            return [], []
        self.text.append(masked)
        joined = " ".join(self.text)
        if joined.count("[") > joined.count("]"):
            return [], []
        self.text = None
        rows = _rows(joined)
        if rows is None:
            self.size = None
            return [], []
        return self._judge(rows), []

    def _judge(self, rows: list[int]) -> list[Claim]:
        size, self.size, self.plain = self.size, None, []
        if size is None or len(set(rows)) != 1 or len(rows) < 2:
            return []
        r, c, line, text = size
        got = (len(rows), rows[0])
        shown = f"{got[0]}x{got[1]}"
        how = f"the matrix written under it: {got[0]} rows of {got[1]}"
        if got == (r, c):
            return [Claim(line, text, "shape", text, shown, "right", how)]
        return [Claim(line, text, "shape", text, shown, "wrong", how,
                      confidence=UNSURE if got == (c, r) else 1.0)]
