"""A table's calculation in one cell and its result in the next.

Notes set a worked example out as a table, the sum in one column and what it comes to in
the next, with no ``=`` between them::

    | n | f | s | working     | output |        | layer | shape       | size  |
    |---|---|---|-------------|--------|        |-------|-------------|-------|
    | 7 | 3 | 2 | (7-3)/2+1   | 3      |        | pool1 | (14,14,8)   | 1,568 |

A cell that is a calculation and the next cell a lone number (a gloss in brackets after
it is allowed: ``6 (same)``) are read as ``calculation = number`` by the arithmetic
reader, with its rules (output sizes floor, ``≈`` to the digits written). It is judged
either way when the calculation's column is headed as one (working, calc, formula, 계산,
식) or the cell holds more than a product (``+ - /``): a product alone (``5x5x3``) may be
a shape or a kernel beside a count, so it is only said right when it comes to the number.
A map followed by a number under a "size" (activation, elements) heading is its product.
"""

from __future__ import annotations

import re

from cnnstat.notes.arithmetic import arith
from cnnstat.notes.layerforms import layercols
from cnnstat.notes.reading import runs
from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.normalise import scan
from cnnstat.notes.reading.numerals import Refused

_CALC_HEAD = re.compile(r"work|calc|formula|expression|computation|계산|식|수식", re.I)
_SIZE_HEAD = re.compile(r"(?:activation|element|neuron|원소|뉴런)s?\s*(?:size|수|개수|count)?"
                        r"|\bsize\b.*(?:activation|element)", re.I)
_NUMBER = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|^[0-9]+(?:\.[0-9]+)?")
_GLOSS = re.compile(r"^\s*(?:\([^()]*\))?\s*$")
_OPERATOR = re.compile(r"[*×·+/\-]|\\times|\\cdot|\\frac")
_MORE = re.compile(r"[+/\-]|\\frac|\\over")  # more than a product
_MAP = re.compile(r"^\(?\s*([0-9]{1,5})\s*(?:,|[x×X*]|\\times)\s*([0-9]{1,5})"
                  r"(?:\s*(?:,|[x×X*]|\\times)\s*([0-9]{1,5}))?\s*\)?$")
_RANGE = re.compile(r"^\s*[0-9][0-9.,]*\s*[-–~]\s*[0-9][0-9.,]*\s*$")
_MARK = "¦"


def _plain(cell: str) -> str:
    return cell.replace(_MARK, " ").strip()


def _lone_number(cell: str) -> str | None:
    text = _plain(cell)
    m = _NUMBER.match(text)
    if m is None or not _GLOSS.match(text[m.end():]):
        return None
    return m.group(0)


def check(rows: list, cells_of) -> list[Claim]:
    """Claims for a table block's ``calculation | number`` and ``map | size`` cells."""
    from cnnstat.notes.text import is_separator_row

    body = [r for r in rows if not is_separator_row(r)]
    if len(body) < 2:
        return []
    header = [c[0] for c in cells_of(body[0])]
    windows = layercols.roles(header)
    claims: list[Claim] = []
    equated = _equated(body, cells_of)
    for row in body[1:]:
        cells = cells_of(row)
        claims += _label_settings(row.number, cells, windows)
        for i, cell in enumerate(cells):
            dropped = _DROPPED.fullmatch(_plain(cell[0])) if i in equated else None
            if dropped and len(_OPERATOR.findall(dropped.group(1))) >= 2:
                claims += _judge(row.number, dropped.group(1), dropped.group(2), True)
        for i in range(len(cells) - 1):
            value = _lone_number(cells[i + 1][0])
            if value is None:
                continue
            expr = _plain(cells[i][0])
            head = header[i] if i < len(header) else ""
            next_head = header[i + 1] if i + 1 < len(header) else ""
            size = _MAP.match(expr)
            if size is not None and _SIZE_HEAD.search(next_head):
                claims += _size(row.number, expr, size, value)
                continue
            if "=" in expr or not _OPERATOR.search(expr) or not any(ch.isdigit() for ch in expr):
                continue
            if set(windows[i] if i < len(windows) else ()) & {"k", "s", "p", "d"}:
                continue  # "3/1/1 | 64": a layer's kernel/stride/padding, no calculation
            if _LAYER_NAMED.search(expr) or _PATCH_STRIDE.search(expr):
                continue  # "convolution 7×7/2", "3x3/2 | 3": a layer's patch size and
                # stride, as the GoogLeNet paper's table writes them, no calculation
            if _RANGE.match(expr) or "%" in cells[i + 1][0]:
                continue  # "2-3 | 5": a range; "3/4 | 75%": a share, written another way
            sure = bool(_CALC_HEAD.search(head) or _MORE.search(expr))
            claims += _judge(row.number, expr, value, sure)
    return claims


# "(3* 3* 128)*256 295168" in a column whose other cells write "(3* 3* 64)*128 =73856":
# the '=' left out of one cell (a calculation of three operands or more, a value of three
# digits or more after a space), read as its siblings are
_DROPPED = re.compile(r"([(0-9][^=]*[0-9)])\s+([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{3,})")
_EQUATED = re.compile(r"[0-9)]\s*=\s*[0-9]")


def _equated(rows: list, cells_of) -> set[int]:
    """The columns where two cells or more write a calculation '=' its value."""
    seen: dict[int, int] = {}
    for row in rows:
        for i, cell in enumerate(cells_of(row)):
            if _EQUATED.search(_plain(cell[0])) and _OPERATOR.search(_plain(cell[0])):
                seen[i] = seen.get(i, 0) + 1
    return {i for i, n in seen.items() if n >= 2}


# a cell that names a layer describes it; a square patch over a stride is its notation
_LAYER_NAMED = re.compile(r"conv|pool|inception|layer|block|합성곱|풀링|레이어|층", re.I)
_PATCH_STRIDE = re.compile(r"(?<![\d.])(\d{1,2})\s*[x×*]\s*\1\s*/\s*(\d)(?![\d.])")


def _label_settings(number: int, cells: list, windows: list) -> list[Claim]:
    """A row whose name writes its patch over its stride (``avg pool 7×7/1``) beside a
    kernel column and a stride column that say otherwise: the columns are wrong (the
    name is the paper's). Only a disagreement is said; agreement judges nothing."""
    found = [m for c in cells[:1] for m in [_PATCH_STRIDE.search(_plain(c[0]))] if m]
    if not found:
        return []
    k, s = int(found[0].group(1)), int(found[0].group(2))
    cols = {}
    for i, roles in enumerate(windows[:len(cells)]):
        if tuple(roles) in (("k",), ("s",)):
            value = _lone_number(cells[i][0])
            if value is None or not value.isdecimal():
                return []
            cols.setdefault(roles[0], int(value))
    if len(cols) != 2 or (cols["k"], cols["s"]) == (k, s):
        return []
    which = "stride" if cols["k"] == k else "kernel" if cols["s"] == s else "kernel and stride"
    text = " ".join(_plain(cells[0][0]).split())
    return [Claim(number, f"{text}: kernel {cols['k']}, stride {cols['s']}", "shape",
                  f"{cols['k']}/{cols['s']}", f"{k}/{s}", "wrong",
                  f"the row's name writes its patch and stride as {k}x{k}/{s}; its "
                  f"{which} column says otherwise")]


def _judge(number: int, expr: str, value: str, sure: bool) -> list[Claim]:
    text = f"{expr} = {value}"
    try:
        tokens = scan(text)
    except Refused:
        return []
    got, _, _ = arith.check_line(number, text, runs.drop_annotations(tokens))
    got = [c._replace(edits=()) for c in got if c.kind == "arithmetic"
           and c.verdict in ("right", "wrong") and c.claimed is not None]
    if len(got) != 1 or (got[0].verdict == "wrong" and not sure):
        return []
    return [got[0]._replace(detail=(got[0].detail + "; " if got[0].detail else "")
                            + "a table's calculation and the result in the next cell")]


def _size(number: int, expr: str, m: re.Match, value: str) -> list[Claim]:
    dims = [int(g) for g in m.groups() if g is not None]
    product = 1
    for d in dims:
        product *= d
    stated = float(value.replace(",", ""))
    verdict = "right" if stated == product else "wrong"
    return [Claim(number, f"{expr} → {value}", "arithmetic", value, product, verdict,
                  "a map's size is the product of its dimensions ("
                  + " x ".join(str(d) for d in dims) + f" = {product:,})")]
