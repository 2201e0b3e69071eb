"""A conv layer's multiplications on a line that sets out its filter bank and its output::

    **pw_a** Kernel 1 X 1 X 24 X 48, pad/stride 0/1, Output 28 X 28 X 48, Mult_operations 903,168
    conv2: filter 5x5x6x16, output 10x10x16, MACs 240,000
    dw conv: kernel 3x3x1x64, output 56x56x64, mult-adds = 1,806,336

The bank is written ``K x K x C_in x C_out`` after a filter word (``filter``, ``kernel``,
``weights``), the output ``H x W x C`` after ``output``, and the count after a word for
multiplications (``Mult_operations``, ``mults``, ``MACs``, ``MAdds``, ``mult-adds``,
``multiply-adds``) or FLOPs; one of each on the line, the output's channels the bank's
``C_out``. The count is the layer algebra's: a ``K x K`` conv of ``C_in`` to ``C_out``
channels that gives the ``H x W`` map (``cnnstat.layers``' conv, its MACs: ``H·W·K²·C_in·C_out``;
a depthwise bank written ``K x K x 1 x C`` is the same product). A count of FLOPs is right
at the MACs or twice them, wrong at neither.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import number_at

_X = r"\s*[xX×*]\s*"
_BANK = re.compile(r"(?:filter|kernel|weight)s?\b[^0-9]{0,24}?(?<![0-9.])([0-9]{1,2})" + _X +
                   r"\1" + _X + r"([0-9]{1,5})" + _X + r"([0-9]{1,5})(?![0-9]|" + _X + r"[0-9])",
                   re.I)
_OUTPUT = re.compile(r"output(?:\s+(?:size|shape|map))?\s*[:=]?\s*\(?\s*([0-9]{1,4})" + _X +
                     r"([0-9]{1,4})" + _X + r"([0-9]{1,5})(?![0-9]|" + _X + r"[0-9])", re.I)
_COUNT = re.compile(r"(?P<word>mult(?:iplication)?[_ -]?(?:operations|ops|adds)?|"
                    r"multiply[- ]adds|madds|macs?|(?P<flops>flops?))\s*[:=]?\s*(?=[0-9])", re.I)
NEEDS = ("mult", "mac", "madd", "flop")


def _macs(k: int, c_in: int, c_out: int, h: int, w: int) -> int | None:
    """The layer algebra's MACs of a ``k x k`` conv (stride 1, 'same') that gives ``h x w``."""
    from cnnstat.errors import SpecError
    from cnnstat.layers import KINDS

    try:
        eff = KINDS["conv"].make({"out": c_out, "kernel": k, "stride": 1, "padding": "same",
                                  "bias": False}).apply((c_in, h, w))
    except (SpecError, ValueError, KeyError):
        return None
    return eff.macs if tuple(eff.output[1:]) == (h, w) else None


def check_line(number: int, masked: str) -> list[Claim]:
    banks, outs = _BANK.findall(masked), _OUTPUT.findall(masked)
    counts = list(_COUNT.finditer(masked))
    if len(banks) != 1 or len(outs) != 1 or len(counts) != 1:
        return []
    k, c_in, c_out = (int(x) for x in banks[0])
    h, w, c = (int(x) for x in outs[0])
    if c != c_out:
        return []
    got = number_at(masked, counts[0].end())
    if got is None:
        return []
    num = got[0]
    macs = _macs(k, c_in, c_out, h, w)
    if macs is None:
        return []
    flops = counts[0].group("flops") is not None
    readings = (macs, 2 * macs) if flops else (macs,)
    ok = any(agrees(Fraction(r), num) for r in readings)
    what = "FLOPs (MACs, or twice them)" if flops else "multiply-adds"
    text = f"{h}x{w}x{c_out} from {k}x{k}x{c_in}x{c_out}: {num.text}"
    return [Claim(number, text, "arithmetic", num.text, macs, "right" if ok else "wrong",
                  f"layer algebra: {h}·{w}·{k}·{k}·{c_in}·{c_out} = {plain(macs)} {what}",
                  shown=plain(macs))]


# the reader of this module (``registry.READERS`` takes it in this place)
READERS = [
    Reader("a conv row's multiplications", "claims",  # "1 X 1 X 32 X 16 ... Mult_operations 6,422,528"
           lambda at: check_line(at.line.number, at.line.masked), needs=NEEDS),
]
