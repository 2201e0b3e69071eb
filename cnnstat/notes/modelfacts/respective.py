"""Counts given to networks in the order they were named: ``VGG-16 and VGG-19 have 13
and 16 conv layers respectively``, ``VGG-16과 VGG-19는 각각 13개와 16개의 합성곱 층``.
The n-th count is the n-th network's, judged against its bundled spec like any other
figure (``factjudge.judge``); read only where the line says so (respectively, 각각) and
names exactly as many networks as it lists counts."""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import judge
from cnnstat.notes.modelfacts.facts import AFTER, _compared
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.reading.numerals import Number

_SAYS = re.compile(r"respectively|각각", re.I)
# "13 and 16", "13, 16 and 19", "13개와 16개", "13개, 16개"
_LIST = re.compile(r"(?<![\w.,])(\d{1,4})((?:\s*(?:개\s*)?(?:,\s*and|,|and|과|와|및)\s*\d{1,4}){1,4})"
                   r"(?![\d.,])", re.I)


def check_line(number: int, masked: str) -> tuple[list[Claim | Skip], list[tuple[int, int]]]:
    """The counts of a list after the networks it follows, each the network's in turn."""
    if not _SAYS.search(masked):
        return [], []
    out: list[Claim | Skip] = []
    spans: list[tuple[int, int]] = []
    for m in _LIST.finditer(masked):
        kind = next((k for k in ("conv", "fc", "depth") if AFTER[k].match(masked[m.end():])),
                    None)
        if kind is None:
            continue
        named = [n for n in mentions(masked[:m.start()]) if not _compared(masked, n)]
        # each network once, in order; "VGG" beside VGG-16 and VGG-19 is their family
        members = {n.family for n in named if n.number}
        nets = list({n.key: n for n in named if n.number or n.family not in members}.values())
        if len(nets) != len(re.findall(r"\d+", m.group(0))):
            continue  # not one network a count
        spans.append((m.start(), m.end()))
        for net, d in zip(nets, re.finditer(r"\d+", m.group(0))):
            value = int(d.group(0))
            num = Number(Fraction(value), Fraction(1), d.group(0), "plain")
            out.append(judge(kind, num, net, resolve(net), number,
                             f"{net.text}: {value} ({kind}, respectively)",
                             m.start() + d.start(), m.start() + d.end(), masked))
    return out, spans
