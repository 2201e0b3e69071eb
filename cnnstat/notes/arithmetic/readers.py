"""The arithmetic readers of prose figures that read a line alone (registered in
``registry.READERS`` through ``READERS``): one figure written twice in two notations."""

from __future__ import annotations

from cnnstat.notes.arithmetic import perunit, restated
from cnnstat.notes.pipeline import At, Reader

READERS = [
    # "3억 580만(358M)", "138M (1억 3800만 개)": the two writings of one figure agree
    Reader("one figure in two notations", "claims", lambda at: restated.check_line(
        at.line.number, at.line.masked, at.tokens), confidence=0.9, needs=restated.NEEDS),
    # "76 parameters per filter, 10 of these, so 760": per unit x count = total
    Reader("a product said in words", "claims", lambda at: perunit.check_line(
        at.line.number, at.tokens), confidence=perunit.CONFIDENCE, needs=perunit.NEEDS),
]
