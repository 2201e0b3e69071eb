"""The receptive field of a named network's layer, stated in prose::

    fc7 of VGG-16 has a 404 × 404 pixels receptive field, but I get only 314*314 pixels
    The value of the receptive field in layer4 is 483 (ResNet-50)
    I computed resnet50 layer4 receptive field is 427, and layer3 is 267
    layer3.5.conv3 RF: 267 STR: 16 PAD: 133
    after fc6 is made a 7x7 convolution, the receptive field is 314x314

A figure is a field where it follows the field's words (``receptive field`` or ``RF``,
then ``is``, ``=``, ``:`` or ``of``, a layer's label between them allowed), where it
precedes them (``404 × 404 pixels receptive field``), where it continues such a figure
for another layer (``, and layer3 is 267``), or where it is a square of pixels the writer
says they got (``I get only 314*314 pixels``) on a line that speaks of a field. Its layer
is the label nearest before it on the line, resolved as a breakdown resolves a label
(a row's name or scope; VGG's ``conv4_3``, ``pool5`` and ``fc7`` as
``breakdown.Breakdown._rows`` reads them), or the one row whose name ends in it. The network is named on the line, else it
is the one the note's breakdown follows (``breakdown.net``).

The field at the layer is the analysis's (``specrows.walk``: the receptive field of the
layer's last row, grown by ``r + (k - 1)·j``; a fully connected layer after a flatten of
a 7x7 map counts as the 7x7 convolution it is when made convolutional). Right where any
spec the name means gives it; wrong only where every spec has the layer and none gives
it, and the network is named by its variant (``ResNet-50``, not ``ResNet``) or the note's
breakdown has agreed with these specs before (``agreed``). Nothing is said on a line that
speaks of dilation, of a kernel other than the layer's own, or of a layer no spec has.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts import specrows
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.pipeline import Reader

NEEDS = ("receptive", "rf")
_FIELD = re.compile(r"receptive\s+field|(?<![A-Za-z])RF(?![A-Za-z])", re.I)
_LABEL = re.compile(r"(?<![\w.])((?:conv|pool|fc|layer|stage|block|mixed|inception)"
                    r"[\w.]*?[0-9][\w.]*?)(?=[^\w.]|\.(?:\s|$)|$)", re.I)
_FIG = r"(?P<h>[0-9]{1,4})(?:\s*[x×*]\s*(?P<w>[0-9]{1,4}))?(?![0-9]|\s*[x×*]\s*[0-9])"
_ABOUT = r"(?:about\s+|around\s+|only\s+|just\s+|~\s*|≈\s*)?"
_AFTER = re.compile(r"(?:receptive\s+field|(?<![A-Za-z])RF(?![A-Za-z]))(?:\s+size)?"
                    r"[^.;0-9]{0,40}?(?:\bis\b|\bwas\b|\bbe\b|=|:|\bof\b)\s*" + _ABOUT + _FIG,
                    re.I)
_BEFORE = re.compile(r"(?<![0-9x×*.])" + _FIG + r"\s*(?:pixels?|px)?\s+receptive\s+field", re.I)
_GOT = re.compile(r"\b(?:get|got|obtain(?:ed)?|calculated?|computed?)\s+" + _ABOUT + _FIG +
                  r"\s*(?:pixels?|px)\b", re.I)
_MORE = re.compile(r"\s*,?\s*(?:and\s+)?(?P<lab>L+)\s*(?:\bis\b|=|:)\s*" + _ABOUT + _FIG, re.I)
_REFUSE = re.compile(r"dilat|atrous|hole|deformable", re.I)
# a kernel the line gives a layer: "kernel 3x3", "7x7 conv", or a window in brackets after
# its label ("pool1 (2x2, stride 2): RF = 4": a layer of the writer's, not the spec's)
_KERNEL = re.compile(r"(?:kernel|window|filter)(?:\s+size)?\s*(?:is|of|=|:)?\s*([0-9]{1,2})"
                     r"\s*[x×*]\s*\1|([0-9]{1,2})\s*[x×*]\s*\2\s+(?:kernel|conv|window|filter)|"
                     r"\(\s*([0-9]{1,2})\s*[x×*]\s*\3(?![0-9])", re.I)


_STAGED = re.compile(r"conv\d[_-]\d$", re.I)
_NTH = re.compile(r"(?:max)?pool\d$|fc\d$", re.I)  # pool5, fc7: the n-th of the kind


def _rows(breakdown, spec: str, label: str) -> list:
    """The spec's rows the label names: by a row's name or scope, VGG's ``conv4_3``, or
    the one row whose name ends in it (never the n-th layer of a kind: ``conv2`` is a
    stage's name in one network and the second conv in another)."""
    key = re.sub(r"[-_ ]", "", label.lower())
    rows = specrows.named(spec, key, label.lower() + ".")
    if rows:
        return rows
    if _STAGED.match(label) or _NTH.match(label):
        rows = breakdown._rows(spec, label, False)
        if rows:
            return rows
    tail = "." + label.lower()
    ends = [r for r in specrows.walk(spec) or [] if r.name.lower().endswith(tail)]
    return ends if len(ends) == 1 else []


def _kernel_fits(spec: str, row, kernels: list[int]) -> bool:
    """A kernel the line states fits a fully connected layer only as the size of the map
    it flattens (VGG's fc6: 7x7); a conv's own stated kernel must be its own."""
    if not kernels:
        return True
    rows = specrows.walk(spec) or []
    if row.type == "linear":
        flat = [r for r in rows if r.type == "flatten"]
        return bool(flat) and all(len(flat[0].input) == 3 and k == flat[0].input[-1]
                                  for k in kernels)
    return False  # a kernel written beside a conv's field: another network's, maybe


def check_line(number: int, masked: str, breakdown) -> list[Claim]:
    if not _FIELD.search(masked) or _REFUSE.search(masked):
        return []
    found = mentions(masked)
    if found:
        if len({m.key for m in found}) != 1:
            return []
        res = resolve(found[0])
        specs, generic = tuple(res.specs), res.generic
    elif breakdown.net is not None:
        specs, generic = breakdown.net.specs, breakdown.net.generic
    else:
        return []
    if not specs:
        return []
    labels = [m for m in _LABEL.finditer(masked)]
    if not labels:
        return []
    blank = list(masked)
    for m in labels:
        blank[m.start():m.end()] = "L" * (m.end() - m.start())
    for m in found:  # "of layer2 in ResNet-50 is 99": the name's digits are no figure
        blank[m.start:m.end] = "M" * (m.end - m.start)
    blank = "".join(blank)
    figures: list[re.Match] = []
    for rx in (_AFTER, _BEFORE, _GOT):
        for m in rx.finditer(blank):
            figures.append(m)
            at = m.end()
            while (more := _MORE.match(blank, at)) is not None:
                figures.append(more)
                at = more.end()
    kernels = [int(a or b or c) for a, b, c in _KERNEL.findall(masked)]
    read = []
    for fig in sorted(figures, key=lambda m: m.start("h")):
        got = _judged(fig, masked, labels, specs, kernels, breakdown)
        if got is not None and got[0] not in [r[0] for r in read]:
            read.append(got)
    # a figure of the line that agreed with a spec pins the network for the others
    pinned = [s for r in read for s in r[3]]
    trusted = not generic or breakdown.agreed >= 2 or bool(pinned)
    out = []
    for start, label, cell, ok, fields, square in read:
        if not ok and not trusted:
            continue
        spec = ok[0] if ok else pinned[0] if pinned else specs[0]
        rf = fields[spec]
        shown = f"{rf[0]}x{rf[1]}" if square else str(rf[0])
        out.append(Claim(number, f"{label}: receptive field {cell}", "receptive field", cell,
                         cell if ok else shown, "right" if ok else "wrong",
                         f"{spec}: {label}'s receptive field is {shown} (layer algebra: "
                         "r + (k - 1)·j)"))
    return out


def _judged(fig: re.Match, masked: str, labels: list, specs: tuple, kernels: list,
            breakdown) -> tuple | None:
    """The figure's start, its layer's label, the figure as written, the specs it agrees
    with, each spec's field at the layer and whether the figure is a square; None where
    the figure is no square, has no layer before it, or a spec lacks the layer."""
    h = int(fig.group("h"))
    w = int(fig.group("w")) if fig.group("w") else h
    before = [m for m in labels if m.end() <= fig.start("h")]
    if h != w or not before:
        return None
    label = before[-1].group(1).rstrip(".")
    groups = {s: _rows(breakdown, s, label) for s in specs}
    if not all(groups.values()) or \
            not all(_kernel_fits(s, g[-1], kernels) for s, g in groups.items()):
        return None
    fields = {s: tuple(g[-1].rf) for s, g in groups.items()}
    ok = [s for s, rf in fields.items() if rf == (h, w)]
    cell = masked[fig.start("h"):fig.end("w") if fig.group("w") else fig.end("h")]
    return fig.start("h"), label, cell, ok, fields, fig.group("w") is not None


# the reader of this module (``registry.READERS`` takes it in this place)
READERS = [
    Reader("receptive field of a named layer", "claims",  # "fc7 of VGG-16 has a 404 × 404 ..."
           lambda at: check_line(at.line.number, at.line.masked, at.state.breakdown),
           needs=NEEDS),
]
