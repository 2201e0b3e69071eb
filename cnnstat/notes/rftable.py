"""A receptive-field table of a uniform stack: ``Layer 2: RF = 5`` rows under a stack
stated once (``Conv(k=3, s=1) -> Conv(k=3, s=1)``, ``(stride=1, kernel=3)``).

The stack is the note's: the kernels and strides written as ``k=3``/``kernel=3`` and
``s=1``/``stride=1`` on the row or on the nearest line above it that names them (within
``WINDOW`` lines). A row is judged only when that line names exactly one kernel and one
stride (a uniform stack); the field after
``n`` such layers is the analysis's growth rule (``cnnstat.analysis.grow``, ``r + (k -
1)·j``), the rule ``cnnstat rf`` uses. Rows whose figure is followed by more working
(``RF at layer 2 = 3 + 2 = 5``) are left to the arithmetic.
"""

from __future__ import annotations

import re
from collections import deque

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.signs import Gated

_K = Gated(("=", ":"), r"(?<![A-Za-z])(?:k|kernel(?:[_ ]size)?)\s*[=:]\s*(\d{1,2})(?![\d.x×])", re.I)
_S = Gated(("=", ":"), r"(?<![A-Za-z])(?:s|stride)\s*[=:]\s*(\d{1,2})(?![\d.x×])", re.I)
_FIELD = r"(?:RF|receptive\s+field|수용\s*영역)"
_END = r"\s*[.,;)]?\s*$"
_ROWS = (Gated(("layer", "레이어"), rf"(?:layer|레이어)\s*(?P<n>\d{{1,2}})\s*[:：]?\s*{_FIELD}\s*(?:=|:|is)\s*"
                    rf"(?P<r>\d{{1,4}})(?P<end>{_END})", re.I),
         Gated(("layer", "레이어"), rf"{_FIELD}\s*(?:at|of|after)\s*(?:layer|레이어)\s*(?P<n>\d{{1,2}})\s*"
                    rf"(?:=|:|is)\s*(?P<r>\d{{1,4}})(?P<end>{_END})", re.I))
WINDOW = 12  # lines above a row that may state its stack
MAX_LAYERS = 50
CONFIDENCE = 0.8  # the stack is read from the lines around the row, not from the row


class Table:
    def __init__(self) -> None:
        self.recent: deque[tuple[set[int], set[int]]] = deque(maxlen=WINDOW)

    def check_line(self, number: int, masked: str) -> list[Claim]:
        kernels = {int(k) for k in _K.findall(masked)}
        strides = {int(s) for s in _S.findall(masked)}
        self.recent.append((kernels, strides))
        row = next((m for rx in _ROWS for m in [rx.search(masked)] if m), None)
        if row is None:
            return []
        # the stack stated last: the nearest line above (or the row) naming a kernel,
        # and the nearest naming a stride
        ks = next((k for k, _ in reversed(self.recent) if k), set())
        ss = next((s for _, s in reversed(self.recent) if s), set())
        n = int(row.group("n"))
        if len(ks) != 1 or len(ss) != 1 or not 1 <= n <= MAX_LAYERS:
            return []
        k, s = next(iter(ks)), next(iter(ss))
        if k < 1 or s < 1:
            return []
        from cnnstat.analysis import grow
        rf, jump = (1, 1), (1, 1)
        for _ in range(n):
            rf, jump = grow(rf, jump, ((k, k), (s, s)))
        claimed = int(row.group("r"))
        text = " ".join(row.group(0).split())
        ok = claimed == rf[0]
        edits = () if ok else (Edit(number, row.start("r"), row.end("r"), str(rf[0])),)
        return [Claim(number, text, "receptive field", row.group("r"), rf[0],
                      "right" if ok else "wrong",
                      f"{n} layers of kernel {k}, stride {s}: r + (k - 1)·j gives {rf[0]}",
                      edits, "" if ok else str(rf[0]), confidence=CONFIDENCE)]


# ---------------------------------------------------------------- a table with columns
# ``| layer | k | s | d | RF |``: a row a layer, its kernel, stride and (optionally)
# dilation in columns; each row's field is rebuilt from the row above with the same rule,
# the dilated kernel ``d·(k - 1) + 1`` in place of ``k``: RF_l = RF_{l-1} + (k - 1)·d·j.
_SUB = r"(?:[ _](?:l|out|i))?"  # k_l, j_out, r_out
_COLUMNS = (("k", re.compile(rf"^(?:k{_SUB}|kernel(?:[ _]size)?|커널(?:\s*크기)?|filter(?: size)?)$",
                             re.I)),
            ("s", re.compile(rf"^(?:s{_SUB}|stride|스트라이드)$", re.I)),
            ("d", re.compile(rf"^(?:d{_SUB}|dil(?:ation)?(?:[ _]rate)?|rate|팽창(?:률)?|확장(?:률)?)$",
                             re.I)),
            ("j", re.compile(rf"^(?:j{_SUB}|jump|누적\s*stride)(?:\s*\(.*\))?$", re.I)),
            ("rf", re.compile(rf"^(?:rf{_SUB}|r{_SUB}|receptive[ _]field|수용\s*영역|수용\s*장)"
                              r"(?:\s*\(.*\))?(?:\s*(?:size|크기))?$", re.I)))
_SIDE = re.compile(r"^(\d{1,2})(?:\s*[x×]\s*(\d{1,2}))?$")


def _role(cell: str) -> str | None:
    name = " ".join(cell.replace("*", "").split())
    return next((role for role, rx in _COLUMNS if rx.match(name)), None)


def _side(cell: str) -> int | None:
    m = _SIDE.match(cell.replace("*", "").strip())
    if not m or (m.group(2) and m.group(2) != m.group(1)):
        return None
    return int(m.group(1))


def check_table(block, cells_of) -> list[Claim]:
    """The rows of a markdown table whose header names a kernel, a stride and a
    receptive field (and perhaps a dilation and a jump)."""
    from cnnstat.analysis import grow
    if len(block) < 3:
        return []
    head = [c for c, _, _ in cells_of(block[0])]
    roles = [_role(c) for c in head]
    where = {r: i for i, r in enumerate(roles) if r is not None}
    if not {"k", "s", "rf"} <= set(where) or len(where) != sum(r is not None for r in roles):
        return []
    out: list[Claim] = []
    rf, jump, first = (1, 1), (1, 1), True
    for row in block[1:]:
        cells = cells_of(row)
        if len(cells) != len(head) or all(re.fullmatch(r":?-+:?", c) for c, _, _ in cells):
            continue
        k, s = _side(cells[where["k"]][0]), _side(cells[where["s"]][0])
        d = _side(cells[where["d"]][0]) if "d" in where else 1
        text, a, b = cells[where["rf"]]
        stated = _side(text)
        if k is None or s is None or d is None or stated is None:
            if first and stated == 1:  # the input's row: a field of one pixel
                continue
            return out  # a row that cannot be rebuilt: the rows below are not judged
        first = False
        before = jump[0]
        rf, jump = grow(rf, jump, ((d * (k - 1) + 1,) * 2, (s, s)))
        ok = stated == rf[0]
        name = cells[0][0] if where.get("k") != 0 else ""
        how = (f"{rf[0] - (k - 1) * d * before} + ({k} - 1)·{d}·{before}" if d > 1 else
               f"{rf[0] - (k - 1) * before} + ({k} - 1)·{before}")
        out.append(Claim(row.number, f"{name}: RF {text}".strip(": "), "receptive field",
                         text, rf[0], "right" if ok else "wrong",
                         f"RF = RF before + (k - 1)·d·jump = {how} = {rf[0]}",
                         () if ok else (Edit(row.number, a, b, str(rf[0])),),
                         "" if ok else str(rf[0])))
        if "j" in where:
            jt, ja, jb = cells[where["j"]]
            js = _side(jt)
            if js is not None and js in (jump[0], before) and js != jump[0]:
                continue  # a jump column may give the jump into the layer or out of it
            if js is not None:
                ok = js == jump[0]
                out.append(Claim(row.number, f"{name}: jump {jt}".strip(": "),
                                 "receptive field", jt, jump[0], "right" if ok else "wrong",
                                 f"jump = jump before x stride = {before} x {s}",
                                 () if ok else (Edit(row.number, ja, jb, str(jump[0])),),
                                 "" if ok else str(jump[0])))
    return out
