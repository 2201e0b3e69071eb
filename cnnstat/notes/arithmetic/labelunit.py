"""A figure whose unit a label before it gives in brackets: ``Forward/backward pass size
(MB): 83.89 = 10240*1024*4*2 = 83,886,080``, ``Params size (MB): 0.53``. The figure is
in the label's unit (a decimal or a binary one: torchsummary's MB are MiB), the
calculation in bytes: right where the calculation, in that unit, gives the figure to the
digits written. Only a label that ends just before the figure (``(MB):``, ``[GB] =``)."""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.numbers import agrees
from cnnstat.notes.reading.numerals import BYTE_UNITS, Number

_LABEL = re.compile(r"[(\[]\s*(KB|kB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*[)\]]\s*[:=]?\s*\**\s*$")


def relabel(got: Claim, raw: str, start: int, actual: Fraction, claimed: Number) -> Claim:
    """``got`` (a figure judged against the calculation) right where the label before
    the figure at ``start`` names a unit that makes the calculation the figure."""
    if got.verdict != "wrong" or claimed.unit != 1 or claimed.style == "bytes":
        return got
    m = _LABEL.search(raw, max(0, start - 40), start)
    if m is None:
        return got
    unit = m.group(1).lower()
    units = {BYTE_UNITS[unit], BYTE_UNITS[unit.replace("i", "")] if "i" in unit else
             BYTE_UNITS[unit[0] + "ib"]}
    for u in sorted(units):
        if agrees(actual / u, claimed):
            return got._replace(verdict="right", actual=float(actual / u), edits=(),
                                shown="", detail=f"in {m.group(1)}, as the label before "
                                                 f"it says: {float(actual / u):,.4g}")
    return got
