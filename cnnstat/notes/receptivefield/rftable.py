"""A receptive-field table of a uniform stack: ``Layer 2: RF = 5`` rows under a stack
stated once (``Conv(k=3, s=1) -> Conv(k=3, s=1)``, ``(stride=1, kernel=3)``).

The stack is the note's: the kernels and strides written as ``k=3``/``kernel=3`` and
``s=1``/``stride=1`` on the row or on the nearest line above it that names them (within
``WINDOW`` lines). A row is judged only when that line names exactly one kernel and one
stride (a uniform stack); the field after
``n`` such layers is the analysis's growth rule (``cnnstat.analysis.grow``, ``r + (k -
1)·j``), the rule ``cnnstat rf`` uses. Rows whose figure is followed by more working
(``RF at layer 2 = 3 + 2 = 5``) are left to the arithmetic. A table with a column for
each layer's window is ``layertable``'s.
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

