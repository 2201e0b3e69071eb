"""A named network's costs printed one layer a line, as a counter prints them::

    ## Counting the ops of VGG16
    layer: block1_conv1  MegaFLOPS: 176.61952
    layer: block1_conv2  MegaFLOPS: 3702.587392
    conv2_1: 1.85 GFLOPs
    ...

The rows of a run stand on consecutive lines, each a layer's name and one figure with
its kind (FLOPs, MACs, MAdds, ops) and scale (``Mega``, ``M``, ``G``...) before or after
it. The ``k``-th row is the ``k``-th conv or fully connected layer of the network the
section names (``layerlist``: its layers from the bundled spec through the layer algebra,
its conventions: MACs, twice them, twice them plus or less one add an output). A spec and
convention are the run's once its first ``LEAD`` rows all fit them; then every row of the
run is judged against them: right where its figure is the layer's to the digits written,
unsure where it is not (a counter may skip or merge a layer, so a row that does not fit is
never called wrong). A figure written to fewer digits than ``MAX_SLACK`` allows is not
read. Where the run lists every layer of the spec and every row fits, the total under it
is judged as ``layerlist`` judges a list's.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.numbers import plain

LEAD = 3
MAX_SLACK = Fraction(1, 200)  # half a last digit, at most this share of the figure
_UNIT = r"(?:flops|macs?|madds|mult-?adds|ops)"
_PRE = r"(?:kilo|mega|giga|tera|[KMGT])"
_ROW = re.compile(r"^\W*(?:layers?\s*[:=]\s*)?(?P<name>[A-Za-z_][\w./\-]{0,40})\s*[:=|,]?\s+"
                  r"(?:(?P<pre>" + _PRE + r")?\s?(?P<unit>" + _UNIT + r")\s*[:=]\s*)?"
                  r"(?P<num>[0-9]+(?:\.[0-9]+)?)"
                  r"(?:\s*(?P<pre2>" + _PRE + r")?\s?(?P<unit2>" + _UNIT + r"))?\s*$", re.I)
_NOT_A_LAYER = re.compile(r"^(?:total|sum|all|params?|parameters|flops|macs?|ops|model|net)$",
                          re.I)
_SCALE = {"k": 10 ** 3, "m": 10 ** 6, "g": 10 ** 9, "t": 10 ** 12}


def row(masked: str) -> tuple[str, Fraction, Fraction, str] | None:
    """(the layer's name, its figure, half its last digit, the figure as written) of a
    row, or None."""
    m = _ROW.match(masked)
    if m is None or bool(m.group("unit")) == bool(m.group("unit2")):
        return None
    name = m.group("name")
    if _NOT_A_LAYER.match(name) or re.fullmatch(_PRE + "?" + _UNIT, name, re.I):
        return None
    pre = (m.group("pre") or m.group("pre2") or "")[:1].lower()
    unit = _SCALE.get(pre, 1)
    written = m.group("num")
    value = Fraction(written) * unit
    half = Fraction(unit, 2 * 10 ** len(written.partition(".")[2]))
    if not value or half / value > MAX_SLACK:
        return None
    return name, value, half, written


class Rows:
    """The run of rows being read."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, str, Fraction, Fraction, str]] = []
        self.named: Mention | None = None
        self.fit: tuple | None = None  # (spec, way, f, layers) once the lead rows fit

    def check_line(self, number: int, masked: str, heading: Mention | None,
                   lists) -> list[Claim | Skip] | None:
        """The claims of a row (None where the line is none: ``lists`` reads it)."""
        from cnnstat.notes.costs.layerlist import _WAYS, Fitted, _layers

        got = row(masked)
        if got is None:
            return None
        named = mentions(masked) or ([heading] if heading is not None else [])
        if len({(n.family, n.key) for n in named}) != 1:
            self.rows, self.fit = [], None
            return []
        if not self.rows or self.rows[-1][0] != number - 1 or \
                (self.named.family, self.named.key) != (named[0].family, named[0].key):
            self.rows, self.fit, self.named = [], None, named[0]
        self.rows.append((number,) + got)
        out: list[Claim | Skip] = []
        if self.fit is None:
            if len(self.rows) < LEAD:
                return []
            self.fit = next(((spec, way, f, layers) for spec in resolve(self.named).specs
                             for layers in (_layers(spec),) if layers and len(layers) >= LEAD
                             for way, f in _WAYS
                             if all(_fits(r, f(*layers[k][1:])) for k, r in
                                    enumerate(self.rows[:LEAD]))), None)
            if self.fit is None:
                return []
            todo = self.rows
        else:
            todo = self.rows[-1:]
        spec, way, f, layers = self.fit
        for r in todo:
            k = self.rows.index(r)
            if k >= len(layers):
                continue
            out.append(_judge(r, k, layers[k], f(*layers[k][1:]), spec, way))
        if len(self.rows) == len(layers) and all(  # every layer listed, and right: its total
                _fits(r, f(*layers[k][1:])) for k, r in enumerate(self.rows)):
            listed = sum(r[2] for r in self.rows)
            lists.fitted = Fitted(number, spec, way, listed,
                                  sum(f(mac, o) for _, mac, o in layers))
        return out


def _fits(r: tuple, right: int) -> bool:
    return abs(r[2] - right) <= r[3]


def _judge(r: tuple, k: int, layer: tuple, right: int, spec: str, way: str) -> Claim | Skip:
    number, name, _, _, written = r
    text = f"{name}: {written} (row {k + 1}, {spec}'s {layer[0]})"
    how = (f"{spec}'s {layer[0]}: {plain(layer[1])} MACs, {plain(layer[2])} outputs; the "
           f"run's convention (from its first {LEAD} rows): {way} = {plain(right)}")
    if _fits(r, right):
        return Claim(number, text, "cost", written, right, "right", how, confidence=0.7)
    return Skip(number, text, f"unsure: {how} (a counter may skip or merge a layer)")
