"""A receptive-field table by the names of layers a table above set out::

    | Layer   | type   | kernel | stride |        | Layer   | receptive field |
    | Layer_1 | Conv2D | (5,5)  | (1,1)  |        | Output  | (1,1)           |
    | Layer_2 | Pool   | (2,2)  | (2,2)  |   ...  | Layer_2 | (2,2)           |
                                                    | Layer_1 | (6,6)           |

The first table (a name column, a kernel column and a stride column, each window square)
gives the stack in order (not one with a dilation column); a later table with a receptive-field column whose rows name
those layers is judged. Rows in the stack's order, from its first layer, are the field
after each layer (bottom-up); rows in reverse order, from its last layer (an ``Output``
row of 1 above them allowed), are the field of one output unit in each layer (top-down,
``r = s·r' + (k - s)``). Either way the field is the analysis's growth rule
(``analysis.grow``) over the layers it spans: the first ``i`` layers bottom-up, the last
ones top-down. A column may count a row's own layer or not (a row late): the reading
its figures fit more often is taken, and none is judged where neither fits twice. A slip
is not carried on (a row is judged against the true stack). The same rows written as a list
(``- Layer_4: (9,9)``, ``1. c1: RF 3``), under a line that names the field or with items that
do, are judged when the list ends (``item``; the note's end ends it too).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.layerforms import layercols

_KERNEL = re.compile(r"kernel|filter|pool(?:ing)?\s*size|window|커널|필터|^\s*k\s*$", re.I)
_STRIDE = re.compile(r"stride|스트라이드|^\s*s\s*$", re.I)
_FIELD = re.compile(r"rec(?:ei|ie|e)p|^\s*rf\b|수용\s*(?:영역|장)", re.I)
_DILATED = re.compile(r"dilat|atrous|rate|팽창", re.I)
_OUTPUT = re.compile(r"^\s*(?:output|out|출력)\s*$", re.I)
_SQUARE = re.compile(r"^\s*[(\[]?\s*(\d{1,2})(?:\s*[x×,]\s*(\d{1,2}))?\s*[)\]]?\s*$")
MIN_FITS = 2
CONFIDENCE = 0.8


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-*`]", "", layercols.clean(name)).lower()


def _side(cell: str) -> int | None:
    m = _SQUARE.match(layercols.clean(cell))
    if m is None or (m.group(2) is not None and m.group(2) != m.group(1)):
        return None
    return int(m.group(1))


_ITEM = re.compile(r"^\s*(?:(?:[-*•]|\d{1,2}[.)])\s+)?(?P<name>[\w\-]{1,20})\s*[:：=]\s*"
                   r"(?:(?:RF|receptive\s+field|수용\s*영역)\s*(?:=|:|is|of)?\s*)?"
                   r"(?P<value>\(?\s*\d{1,4}\s*(?:[x×,]\s*\d{1,4}\s*)?\)?)\s*[.,;]?\s*$", re.I)
_SAID_FIELD = re.compile(r"recep|receipt|(?<![A-Za-z])RF(?![A-Za-z])|수용\s*(?:영역|장)", re.I)
LEAD = 3  # lines above a list that may name the field it gives


class Names:
    """The stack the last layer table set out, by its rows' names; a field list in progress."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int, int]] = []  # name, kernel, stride
        self.run: list[tuple[int, str, str]] = []  # a list's items: line, name, figure
        self.field_at = -LEAD - 1  # the last line that named the field

    def item(self, number: int, masked: str) -> list[Claim]:
        """A list item ``- Layer_4: (9,9)``, ``- conv2: RF 8`` naming a layer of the stack (or
        the output): kept for the list; any other line ends the list, which is then judged
        as a table's column is (under a line that names the field, or items that do)."""
        m = _ITEM.match(masked) if self.stack else None
        names = {n for n, _, _ in self.stack}
        if m is not None and (_norm(m.group("name")) in names or _OUTPUT.match(m.group("name"))):
            if not self.run and number - self.field_at > LEAD and not _SAID_FIELD.search(masked):
                return []  # no field named above the list's first item
            self.run.append((number, m.group("name"), m.group("value")))
            return []
        out = self._judge([(n, [a, b], None) for n, a, b in self.run], 1) \
            if len(self.run) >= 2 else []
        self.run = []
        if _SAID_FIELD.search(masked):
            self.field_at = number
        return out

    def check(self, rows: list[tuple[int, list[tuple[str, int, int]]]]) -> list[Claim]:
        if len(rows) < 3:
            return []
        head = [c for c, _, _ in rows[0][1]]
        body = [(n, [c for c, _, _ in cells], cells) for n, cells in rows[2:]
                if len(cells) == len(head)]
        kcol = next((i for i, h in enumerate(head) if i and _KERNEL.search(h)), None)
        scol = next((i for i, h in enumerate(head) if i and _STRIDE.search(h)), None)
        fcol = next((i for i, h in enumerate(head) if i and _FIELD.search(h)), None)
        if kcol is not None and scol is not None and _DILATED.search(" ".join(head)):
            self.stack = []  # a dilation column: a window this reader does not grow
            return []
        if kcol is not None and scol is not None:
            stack = [(_norm(c[0]), _side(c[kcol]), _side(c[scol])) for _, c, _ in body]
            ok = all(k and s for _, k, s in stack) and len({n for n, _, _ in stack}) == len(stack)
            self.stack = [(n, k, s) for n, k, s in stack] if ok else []
            return []
        if fcol is None or not self.stack:
            return []
        return self._judge(body, fcol)

    def _judge(self, body, fcol: int) -> list[Claim]:
        order = {n: i for i, (n, _, _) in enumerate(self.stack)}
        named = [(line, order[_norm(c[0])], c, cells) for line, c, cells in body
                 if _norm(c[0]) in order]
        idx = [i for _, i, _, _ in named]
        last = len(self.stack) - 1
        if len(named) < 2:
            return []
        if idx == list(range(len(idx))):
            down = False
        elif idx == list(range(last, last - len(idx), -1)):
            down = True
        else:
            return []  # the rows skip a layer or go in no order of the stack's
        readings = []
        for own in (True, False):  # a row's own layer counted, or not
            want = [self._field(i, down, own) for i in idx]
            got = [layercols.value(c[fcol]) for _, _, c, _ in named]
            fits = sum(g is not None and g.side == w for g, w in zip(got, want))
            readings.append((fits, own, want, got))
        readings.sort(key=lambda r: -r[0])
        if readings[0][0] < MIN_FITS or readings[0][0] == readings[1][0]:
            return []
        _, own, want, got = readings[0]
        out = []
        way = "top-down, s·r + (k - s) from the output" if down else "bottom-up, r + (k - 1)·j"
        for (line, i, c, cells), w, g in zip(named, want, got):
            if g is None:
                continue
            ok = g.side == w
            out.append(Claim(line, f"{c[0].strip()}: RF {g.text}", "receptive field", g.text,
                             w, "right" if ok else "wrong",
                             f"the layers set out above, {way}: {w}", (), "" if ok else str(w),
                             confidence=CONFIDENCE))
        seed = next(((line, c) for line, c, _ in body if _OUTPUT.match(layercols.clean(c[0]))),
                    None)
        if down and own and seed is not None:
            v = layercols.value(seed[1][fcol])
            if v is not None and v.side == 1:
                out.append(Claim(seed[0], f"{seed[1][0].strip()}: RF {v.text}", "receptive field",
                                 v.text, 1, "right", "an output unit sees itself: 1",
                                 confidence=CONFIDENCE))
        return out

    def _field(self, i: int, down: bool, own: bool) -> int:
        """The field at layer ``i``: after it (bottom-up), or of one output unit in its
        input (top-down); ``own`` False: without the row's own layer."""
        from cnnstat.analysis import grow
        layers = self.stack[i + (not own):] if down else self.stack[:i + own]
        rf, jump = (1, 1), (1, 1)
        for _, k, s in layers:
            rf, jump = grow(rf, jump, ((k, k), (s, s)))
        return rf[0]
