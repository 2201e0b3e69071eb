"""A chain after a layer's name: ``2. conv2d_1 (Conv2D) = 64 * ((32 * 3 * 3)+1) = 18496``.

Notes label each line of a worked example with the layer it is about, written as code
names it: digits inside the name (``conv2d_1``), its type in brackets, a list number in
front. The label is no operand: what follows the first ``=`` is read by the arithmetic
reader as a chain of its own. Read only where the arithmetic reader found nothing on the
line (it reads most labels itself).
"""

from __future__ import annotations

import re

from cnnstat.notes.arithmetic import arith
from cnnstat.notes.reading import runs
from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.normalise import scan
from cnnstat.notes.reading.numerals import Refused

_LABELLED = re.compile(r"^\s*(?:[-*+]\s+|[0-9]{1,3}[.)]\s+)?"
                       r"[A-Za-z_][A-Za-z0-9_.\-]{0,40}\s*(?:\(\s*[A-Za-z][A-Za-z0-9_]{0,30}\s*\))?"
                       r"\s*[:=]\s*(?=[0-9(])")


def check_line(number: int, masked: str) -> list[Claim]:
    m = _LABELLED.match(masked)
    if m is None or masked.count("=") < 1:
        return []
    chain = masked[m.end():]
    if "=" not in chain:
        return []
    try:
        tokens = scan(chain)
    except Refused:
        return []
    claims, _, _ = arith.check_line(number, chain, runs.drop_annotations(tokens))
    shift = m.end()  # the chain's positions are the line's, less the label
    return [c._replace(edits=tuple(e._replace(start=e.start + shift, end=e.end + shift)
                                   for e in c.edits))
            for c in claims if c.verdict in ("right", "wrong")]
