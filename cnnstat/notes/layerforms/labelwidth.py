"""A conv's label that writes its filters (VGG's notation, ``CONV3-256``: a 3x3 conv with
256 filters; Simonyan & Zisserman 2015, Table 1) against the map its row states::

    | CONV3-128 | [112x112x128] | ... |     right: 128 filters give 128 channels
    | CONV3-64  | [56x56x256]   | ... |     wrong: a conv of 64 filters gives 64 channels

The label is read where its kernel is one of the usual odd sides and its width is a
count of filters (16 or more: ``conv3-2`` is a stage's second conv, not 2 filters). The
row's map is the first cell that is a map alone (``[56x56x256]``, ``56 x 56 x 256``), its
channels the side apart from the two equal ones (``conv`` layer algebra: a conv gives as
many channels as it has filters). A row whose label and map disagree cannot both hold.
"""

from __future__ import annotations

import re

from cnnstat.layers import KINDS
from cnnstat.notes.claims import Claim

NEEDS = ("conv",)
_LABEL = re.compile(r"^\W*conv\s*(1|3|5|7|9|11)\s*-\s*([0-9]{2,4})\W*$", re.I)
_MAP = re.compile(r"^\s*\[?\s*([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})\s*\]?\s*$")


def _channels(a: int, b: int, c: int) -> int | None:
    """The channels of ``a x b x c``: the side apart from two equal ones."""
    if a == b != c:
        return c
    if b == c != a:
        return a
    return None


def check(rows) -> list[Claim]:
    """``rows``: a table's (line number, cells) rows (``layertable.block_rows``)."""
    out: list[Claim] = []
    for number, cells in rows[1:]:
        label = _LABEL.match(cells[0][0]) if cells else None
        if label is None or int(label.group(2)) < 16:
            continue
        shown = next((m for m in (_MAP.match(c[0]) for c in cells[1:]) if m), None)
        if shown is None:
            continue
        got = _channels(*(int(g) for g in shown.groups()))
        if got is None:
            continue
        k, filters = int(label.group(1)), int(label.group(2))
        side = max(int(g) for g in shown.groups())  # the layer algebra's channels for it
        want = KINDS["conv"].make({"out": filters, "kernel": k, "padding": k // 2}).apply(
            (got, side, side)).output[0]
        text = f"{label.group(0).strip()} → {shown.group(0).strip()}"
        ok = got == want
        out.append(Claim(number, text, "shape", str(got), want, "right" if ok else "wrong",
                         f"a conv{k}-{filters} layer has {filters} filters: its output has "
                         f"{want} channels" + ("" if ok else f", not {got}")))
    return out
