"""A named network's costs listed layer by layer, as a counter prints them::

    ## Counting the ops of resnet50
    FLOPS: [236830720, 25890816, 231411712, ...]
    Total FLOPS[GFLOPS]: 7.726534632

The network is the one the section's heading names (or the line itself); its convolutions
and fully connected layers, in order, come from the bundled spec through the layer
algebra (``cnnstat.analysis``), and the list must hold one figure for each. A counter's
convention is not said, so it is read from the list: the figure of each layer is its
MACs, twice them (FLOPs), twice them plus one add an output (the biases), or twice them
less one an output (n multiplies and n - 1 adds); the spec and convention that give most
of the figures (at least ``SHARE`` of them, and ``MIN_FIT``) are the list's, and a figure
that does not fit them is wrong, named by its layer. A total on a line just under the
list (``Total FLOPS[GFLOPS]: ...``, its scale in brackets or after it) is judged against
the layers' sum under the same convention.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.numbers import plain

NEEDS = ("flop", "mac", "madd", "ops", "total", "연산", "총")
MIN_ITEMS = 8
MIN_FIT = 5
SHARE = Fraction(3, 5)
CONFIDENCE = 0.7
SPAN = 6  # lines under the list its total may stand on
# (the brackets of a list may be masked to spaces, as markdown links' are)
_LIST = re.compile(r"(?:(?<![A-Za-z])(?:flops|macs?|madds|mult-?adds|ops)\b|연산량|연산\s*수)"
                   r"[^\[\]:=]{0,20}[:=]\s*"
                   r"\[?\s*([0-9]+(?:\s*,\s*[0-9]+){%d,})\s*,?\s*\]?\s*$" % (MIN_ITEMS - 1), re.I)
_TOTAL = re.compile(r"(?:total|총|합계)\s*(?:flops|macs?|madds|ops|연산량)?\s*[\[(]?\s*"
                    r"(?:(?P<pre>[KMGT])(?:flops|macs?|ops)?)?\s*[\])]?\s*[:=]\s*(?P<num>[0-9]+(?:\.[0-9]+)?)\s*(?P<post>[KMGT])?"
                    r"(?![A-Za-z0-9])", re.I)
_SCALE = {"K": 10 ** 3, "M": 10 ** 6, "G": 10 ** 9, "T": 10 ** 12}
_WAYS = (("MACs", lambda m, o: m), ("2 x MACs", lambda m, o: 2 * m),
         ("2 x MACs + one add an output (the biases)", lambda m, o: 2 * m + o),
         ("2 x MACs - one add an output (n - 1 adds)", lambda m, o: 2 * m - o))


class Fitted(NamedTuple):
    line: int
    spec: str
    way: str
    listed: int  # the list's sum as printed
    right: int  # the layers' sum under the list's convention


@lru_cache(maxsize=32)
def _layers(spec: str) -> tuple[tuple[str, int, int], ...] | None:
    """(name, MACs, outputs) of each conv and fully connected layer of a bundled spec."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        rows = analyze(load_bundled(spec)).rows
    except Exception:  # noqa: BLE001 - a spec that does not load is not used
        return None
    return tuple((r.name, r.macs, math.prod(r.output)) for r in rows
                 if not r.train_only and r.macs and ("conv" in r.type or r.type == "linear"))


class Lists:
    """The last list judged in a section, for the total under it."""

    def __init__(self) -> None:
        from cnnstat.notes.costs.layerrows import Rows

        self.fitted: Fitted | None = None
        self.rows = Rows()  # the figures printed one layer a line (``layerrows``)

    def check_line(self, number: int, masked: str, heading: Mention | None
                   ) -> list[Claim | Skip]:
        m = _LIST.search(masked)
        if m is None:
            got = self.rows.check_line(number, masked, heading, self)
            return self._total(number, masked) if got is None else got
        named = mentions(masked) or ([heading] if heading is not None else [])
        if len({(n.family, n.key) for n in named}) != 1:
            return []
        figures = [int(x) for x in re.findall(r"[0-9]+", m.group(1))]
        best = None
        for spec in resolve(named[0]).specs:
            layers = _layers(spec)
            if layers is None or len(layers) != len(figures):
                continue
            for way, f in _WAYS:
                fits = sum(f(mac, o) == x for (_, mac, o), x in zip(layers, figures))
                if best is None or fits > best[0]:
                    best = (fits, spec, way, f, layers)
        if best is None:
            return []
        fits, spec, way, f, layers = best
        text = " ".join(masked[m.start():m.start() + 60].split()) + "…"
        if fits < max(MIN_FIT, SHARE * len(figures)):
            return [Skip(number, text, f"unsure: no convention gives most of the figures "
                                       f"of {spec}'s {len(layers)} layers")]
        right = sum(f(mac, o) for _, mac, o in layers)
        self.fitted = Fitted(number, spec, way, sum(figures), right)
        how = f"{spec}, {len(layers)} conv and fully connected layers, each figure {way}"
        out: list[Claim | Skip] = []
        for k, ((name, mac, o), x) in enumerate(zip(layers, figures)):
            if f(mac, o) != x:
                out.append(Claim(number, f"{name} (figure {k + 1} of {len(figures)})", "cost",
                                 f"{x}", f(mac, o), "wrong", f"{how}: {name}: {plain(mac)} "
                                 f"MACs, {plain(o)} outputs", confidence=CONFIDENCE))
        if not out:
            out.append(Claim(number, text, "cost", f"{len(figures)} figures", len(figures),
                             "right", f"{how}: every figure fits", confidence=CONFIDENCE))
        return out

    def _total(self, number: int, masked: str) -> list[Claim | Skip]:
        fitted = self.fitted
        if fitted is None or number - fitted.line > SPAN:
            return []
        t = _TOTAL.search(masked)
        if t is None or (t.group("pre") and t.group("post")):
            return []
        self.fitted = None
        unit = _SCALE.get((t.group("pre") or t.group("post") or "").upper(), 1)
        written = t.group("num")
        value = Fraction(written) * unit
        half = Fraction(unit, 2 * 10 ** len(written.partition(".")[2]))
        text = " ".join(masked[t.start():t.end()].split())
        how = f"the {fitted.spec} layers' sum, each {fitted.way}: {plain(fitted.right)}"
        if abs(value - fitted.right) <= half:
            return [Claim(number, text, "cost", written, fitted.right, "right", how,
                          confidence=CONFIDENCE)]
        if fitted.listed != fitted.right and abs(value - fitted.listed) <= half:
            return [Claim(number, text, "cost", written, fitted.right, "wrong",
                          f"{how}; {written} adds up the list as printed, its wrong figures "
                          "with it", confidence=CONFIDENCE)]
        return [Skip(number, text, f"unsure: a total that is not the list's ({how})")]
