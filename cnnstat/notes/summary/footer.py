"""A summary's footer pasted without its table (torchsummary's, torchinfo's)::

    summary(model, input_size=(10240, 1024))
    ...
    Input size (MB): 41.94                      <- 10240*1024 floats, 4 bytes each, in MB
    Forward/backward pass size (MB): 83.89
    Params size (MB): 4.20                      <- a "Total params" above it, 4 bytes each
    Estimated Total Size (MB): 130.03           <- the three above added

The sizes are read with the summary reader's own labels (``totals.LINES``), in a run of
lines with at most one other between. The estimated total is the three sizes of its run
added, to their rounding: right, or wrong (``totals.summed``). The input's size, where a
``summary(...)`` call or an ``input_size=`` within ``NEAR`` lines above gives the input's
shape, and the params' size, where a ``Total params`` line of the run gives the count,
are right where they are that many float32 bytes in MB (10^6, torchinfo) or MiB (2^20,
torchsummary, labelled MB); else not judged (a batch or a buffer may count that the text
does not show).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.summary import totals

CONFIDENCE = 0.9
NEAR = 40  # lines above the footer that the summary call giving the input may be on
# a prefilter (words, case-folded): every line ``totals.LINES`` reads (the run's lines),
# and the call that gives the input
NEEDS = ("(mb)", " mb", "param", "mult-adds", "input_size", "summary(", "파라미터", "매개", "모수",
         "크기")
_CALL = re.compile(r"\bsummary\s*\(\s*\w+\s*,\s*(?:input_size\s*=\s*)?[(\[]\s*"
                   r"((?:\d{1,6}\s*,\s*){0,4}\d{1,6})\s*,?\s*[)\]]|"
                   r"\binput_size\s*=\s*[(\[]\s*((?:\d{1,6}\s*,\s*){0,4}\d{1,6})\s*,?\s*[)\]]")


class Footer:
    """The input last given to a summary call, and the footer's run in progress."""

    def __init__(self) -> None:
        self.input: tuple[int, int] | None = None  # (line, elements)
        self.sizes: dict[str, str] = {}
        self.count: int | None = None  # the run's "Total params"
        self.last = -10

    def line(self, number: int, raw: str) -> list[Claim]:
        call = _CALL.search(raw)
        if call is not None:
            dims = [int(d) for d in re.findall(r"\d+", call.group(1) or call.group(2))]
            self.input = (number, math.prod(dims))
            return []
        kind, m = next(((k, rx.match(raw)) for k, rx in totals.LINES if rx.match(raw)),
                       (None, None))
        if m is None:
            return []
        if number - self.last > 2:
            self.sizes, self.count = {}, None
        self.last = number
        if kind == "total":
            self.count = int(m.group(1).replace(",", "")) if m.group(1) else None
            return []
        if kind not in ("input", "pass", "size", "estimated"):
            return []
        self.sizes[kind] = m.group(1)
        if kind == "estimated":
            return totals.summed(number, kind, m, self.sizes, _claim)
        if kind == "input" and self.input is not None and number - self.input[0] <= NEAR:
            return _bytes(number, m, self.input[1], "the input's")
        if kind == "size" and self.count is not None:
            return _bytes(number, m, self.count, "the parameters'")
        return []


def _bytes(number: int, m: re.Match, elements: int, whose: str) -> list[Claim]:
    """A size in MB right where it is ``elements`` float32s in MB or MiB, to its places."""
    text = m.group(1)
    places = len(text.partition(".")[2])
    stated, half = Fraction(text), Fraction(1, 2 * 10 ** places)
    for unit, name in ((10 ** 6, "MB (10^6 bytes)"), (2 ** 20, "MiB")):
        got = Fraction(elements * 4, unit)
        if abs(stated - got) <= half:
            return [Claim(number, m.group(0).strip(), "memory", text, round(float(got), places),
                          "right", f"{whose} {elements:,} float32 values x 4 bytes in {name}",
                          confidence=CONFIDENCE)]
    return []


def _claim(number: int, text: str, said: str, actual: float, ok: bool, detail: str,
           span: tuple[int, int], shown: str) -> Claim:
    return Claim(number, text, "memory", said, actual, "right" if ok else "wrong", detail,
                 shown=shown, confidence=CONFIDENCE)


def read(at) -> list[Claim]:
    """The reader (``registry``): the note's footer is ``at.state.footer``."""
    return at.state.footer.line(at.line.number, at.line.raw)


__all__ = ["Footer", "read"]
