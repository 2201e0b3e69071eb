"""A range of a family's depths or conv-layer counts in prose: ``the VGG paper's six
configurations of 11 to 19 layers``, ``VGG (16-19 layers)``, ``11개 ~ 19개의 계층``,
``컨볼루션층 8~16개``. Each end must be a count some member of the family has, read from
the bundled specs (the depth counted in layers with weights, or the conv layers, with or
without the projection shortcuts) or from the depths the papers define
(``models.NOMINAL``): VGG's configurations run from 11 to 19 weight layers, so "11 to 25"
names a VGG that does not exist."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.facts import _compared
from cnnstat.notes.modelfacts.models import BUILT, NOMINAL, Mention, figures, mentions, resolve

# depths of CIFAR networks no bundled spec holds: DenseNet (Huang et al. 2017, Table 2):
# 40 and 100 (k = 12, 24), DenseNet-BC 100, 190 and 250
_CIFAR_DEPTHS = {"densenet": {40, 100, 190, 250}}

_TO = r"\s*(?:개\s*)?(?:~|∼|〜|-|–|—|to|부터|에서)\s*"
_CONV = r"(?:conv(?:olution(?:al)?)?s?|합성곱|컨볼루션)"
_LAYERS = r"(?:layers?|층|계층|레이어)(?![A-Za-z])"
# "11 to 19 layers", "11개 ~ 25개의 계층", "8-16 conv layers", "between 11 and 19 layers"
_AFTER = re.compile(r"(?<![\d.x×*/,])(?:(?<=between )(?P<lo2>)|)(?P<lo>\d{1,4})(?:" + _TO +
                    r"|(?(lo2)\s+and\s+|(?!)))(?P<hi>\d{1,4})(?![\d.x×*/])\s*(?:개\s*)?(?:까지\s*)?(?:의\s*)?"
                    r"(?:(?:weight(?:ed)?|learned|가중치)\s+)?"
                    r"(?P<conv>" + _CONV + r"\s*)?" + r"(?(conv)(?:" + _LAYERS + r")?|" +
                    _LAYERS + ")", re.I)
# "컨볼루션층 8~16개", "conv layers: 8 to 16": the kind first
_BEFORE = re.compile(r"(?P<conv>" + _CONV + r")\s*(?:" + _LAYERS + r")?\s*(?:은|는|이|가|:)?\s*"
                     r"(?P<lo>\d{1,4})" + _TO + r"(?P<hi>\d{1,4})(?![\d.x×*/])\s*개", re.I)
# a label after the range ("6~8층 - Fully-Connected", "Layers 1-5: conv"), each block's or
# a part's layers, a bound ("18 to 1000+ layers")
_LABEL_AFTER = re.compile(r"\s*(?:[:\-–—]|\+|이상|이하)")
_PART = re.compile(r"\beach\b|\bper\b|\bblocks?\b|\bstages?\b|\bmodules?\b|블록|모듈|스테이지|마다|"
                   r"각\s", re.I)


def _values(family: str, conv: bool) -> set[int]:
    """The counts the family's members have: conv layers (on the longest path, or every
    one), or depths in layers with weights."""
    specs = resolve(Mention(family, None, 0, 0, "")).specs
    out: set[int] = set()
    for s in specs:
        f = figures(s)
        if f is not None:
            out |= {f.conv, f.depth - f.fc} if conv else {f.depth}
    if not conv:
        out |= NOMINAL.get(family, set()) | _CIFAR_DEPTHS.get(family, set())
    return out


def _member(family: str, conv: bool, value: int, values: set[int]) -> bool:
    """Whether some member has ``value``: a count of the specs or the papers, or a depth
    a family's papers build by rule (ResNet's 6n+2 and 9n+2 on CIFAR)."""
    return value in values or (not conv and family in BUILT and BUILT[family](value))


def layer_range(number: int, masked: str, heading: Mention | None
                ) -> tuple[list[Claim], list[tuple[int, int]]]:
    """Ranges of the line's family's depths or conv counts (the family named in the line,
    else its section's), each end a count one of its members has."""
    if heading is None and not mentions(masked):
        return [], []  # no family named, none of its section's (most lines): no range
    if not any(ch.isdigit() for ch in masked):
        return [], []
    found = [m for rx in (_AFTER, _BEFORE) for m in rx.finditer(masked)]
    if not found:
        return [], []
    named = [m for m in mentions(masked) if not _compared(masked, m)]
    families = {m.family for m in named}
    if len(families) > 1 or (not families and heading is None):
        return [], []
    family = next(iter(families)) if families else heading.family
    out: list[Claim] = []
    spans: list[tuple[int, int]] = []
    for m in found:
        lo, hi, conv = int(m.group("lo")), int(m.group("hi")), bool(m.group("conv"))
        if lo >= hi or _LABEL_AFTER.match(masked, m.end()) or \
                _PART.search(masked, max(0, m.start() - 30), m.end() + 20):
            continue  # "each stage holds 2-3 blocks"; not a part named further on
        values = _values(family, conv)
        if len(values) < 2 or not (_member(family, conv, lo, values) or
                                   _member(family, conv, hi, values)) or 2 * lo < min(values):
            continue  # no range of this family's counts: layers by place (1~5층), channels
        kind = "conv layers" if conv else "layers with weights"
        listing = ", ".join(str(v) for v in sorted(values))
        spans.append((m.start(), m.end()))
        text = f"{family}: {' '.join(masked[m.start():m.end()].split())}"
        bad = [v for v in (lo, hi) if not _member(family, conv, v, values)]
        if not bad:
            out.append(Claim(number, text, "model", f"{lo}-{hi}", f"{lo}-{hi}", "right",
                             f"{family} members have {lo} and {hi} {kind} ({listing})"))
            continue
        near = min(values, key=lambda k: (abs(k - bad[0]), k))
        out.append(Claim(number, text, "model", f"{lo}-{hi}",
                         f"{lo if lo in values else near}-{hi if hi in values else near}",
                         "wrong", f"no {family} has {bad[0]} {kind}; its members have "
                                  f"{listing}"))
    return out, spans
