"""Counts given to networks in the order they were named: ``VGG-16 and VGG-19 have 13
and 16 conv layers respectively``, ``VGG-16과 VGG-19는 각각 13개와 16개의 합성곱 층``.
The n-th count is the n-th network's, judged against its bundled spec like any other
figure (``factjudge.judge``); read only where the line says so (respectively, 각각) and
names exactly as many networks as it lists counts.

Figures to a scale (``ResNet-18, ResNet-34 and ResNet-50 have 11.7M, 21.8M and 25.6M
parameters``, ``VGG-16 / VGG-19: 138M / 144M params``, ``4.1 and 0.6 GFLOPs``) are read the
same way with or without "respectively": a list of as many figures as the networks named
before it, a parameter, MAC or FLOP word right after it, each figure the network's in turn;
a figure without a scale takes the last one's (``11.7, 21.8 and 25.6 million``)."""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import judge
from cnnstat.notes.modelfacts.facts import AFTER, _compared
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.reading.numerals import Number, Refused, read_number

_SAYS = re.compile(r"respectively|각각", re.I)
# "13 and 16", "13, 16 and 19", "13개와 16개", "13개, 16개"
_LIST = re.compile(r"(?<![\w.,])(\d{1,4})((?:\s*(?:개\s*)?(?:,\s*and|,|and|과|와|및)\s*\d{1,4}){1,4})"
                   r"(?![\d.,])", re.I)


_FIG = r"\d{1,4}(?:\.\d{1,3})?(?:\s?(?:[KMBG](?![A-Za-z])|million|billion))?"
_SCALED = re.compile(r"(?<![\w.,/])" + _FIG + r"(?:\s*(?:,\s*and|,|and|/|과|와|및)\s*" + _FIG +
                     r"){1,4}(?![\w.,]*\d)", re.I)
_SCALE_KINDS = ("params", "macs", "flops")
# every figure to a scale on a line ("0.27M", "1.2 million")
_SCALED_ANY = re.compile(r"(?<![\w.,])\d{1,4}(?:\.\d{1,3})?\s?(?:[KMBG](?![A-Za-z])|million|billion)", re.I)
_PREFIX = {"K": 10 ** 3, "M": 10 ** 6, "G": 10 ** 9, "T": 10 ** 12}


def check_line(number: int, masked: str) -> tuple[list[Claim | Skip], list[tuple[int, int]]]:
    """The counts of a list after the networks it follows, each the network's in turn."""
    out: list[Claim | Skip] = []
    spans: list[tuple[int, int]] = []
    if any(c.isdigit() for c in masked):
        _scaled(number, masked, out, spans)
        if not spans and " for " in masked:
            _each_for(number, masked, out, spans)
    if not _SAYS.search(masked):
        return out, spans
    for start, end, kind in _lists(masked):
        named = [n for n in mentions(masked[:start]) if not _compared(masked, n)]
        # each network once, in order; "VGG" beside VGG-16 and VGG-19 is their family
        members = {n.family for n in named if n.number}
        nets = list({n.key: n for n in named if n.number or n.family not in members}.values())
        counts = list(re.finditer(r"\d+", masked[start:end]))
        if len(nets) != len(counts):
            continue  # not one network a count
        spans.append((start, end))
        for net, d in zip(nets, counts):
            value = int(d.group(0))
            num = Number(Fraction(value), Fraction(1), d.group(0), "plain")
            out.append(judge(kind, num, net, resolve(net), number,
                             f"{net.text}: {value} ({kind}, respectively)",
                             start + d.start(), start + d.end(), masked))
    return out, spans


# one count of a list: "22", with its own layer word after it in ``_lists``' second form
_COUNT = re.compile(r"(?<![\w.,])\d{1,4}(?![\d.,])")
_BETWEEN = re.compile(r"\s*(?:,\s*and|,|and|과|와|및)\s*", re.I)


def _lists(masked: str):
    """(start, end, kind) of each list of counts of one kind: "13 and 16 conv layers" (the
    kind once, after the last) and "22 layers and 19 layers", "22개 층과 19개 층", "22층,
    19층" (the kind after each count, the same kind every time)."""
    for m in _LIST.finditer(masked):
        kind = next((k for k in ("conv", "fc", "depth") if AFTER[k].match(masked[m.end():])),
                    None)
        if kind is not None:
            yield m.start(), m.end(), kind
    at = 0
    while (first := _COUNT.search(masked, at)) is not None:
        kinds, ends, d = None, [], first
        while d is not None:
            said = {k: g.end() for k in ("conv", "fc", "depth")
                    if (g := AFTER[k].match(masked[d.end():]))}
            kinds = set(said) if kinds is None else kinds & said.keys()
            if not kinds:
                break
            ends.append(d.end() + said[next(iter(kinds))])
            sep = _BETWEEN.match(masked, ends[-1])
            d = _COUNT.match(masked, sep.end()) if sep else None
        if len(ends) >= 2 and len(kinds or ()) == 1:
            yield first.start(), ends[-1], next(iter(kinds))
        at = max([first.end()] + ends[-1:])


def _nets(masked: str, end: int) -> list:
    named = [n for n in mentions(masked[:end]) if not _compared(masked, n)]
    members = {n.family for n in named if n.number}
    return list({n.key: n for n in named if n.number or n.family not in members}.values())


def _scaled(number: int, masked: str, out: list, spans: list) -> None:
    """``11.7M, 21.8M and 25.6M parameters`` after as many networks: each one's figure."""
    for m in _SCALED.finditer(masked):
        after = masked[m.end():]
        kind, said = next(((k, g) for k in _SCALE_KINDS if (g := AFTER[k].match(after))),
                          (None, None))
        if kind is None:
            continue
        prefix = said.group(1) if kind != "params" and said.lastindex else None
        try:
            nums = [read_number(masked, m.start() + d.start())
                    for d in re.finditer(r"\d+(?:\.\d+)?", m.group(0))]
        except Refused:
            continue
        if any(n is None for n in nums):
            continue
        nets = _nets(masked, m.start())
        if len(nets) != len(nums) or len(nums) < 2 or any(n.end > m.start() for n in nets):
            continue
        last = nums[-1][0]
        units = {n.unit for n, _ in nums if n.unit != 1}
        if prefix:  # "1.8 and 4.1 GFLOPs": the scale is the unit's
            if units:
                continue
            scale = _PREFIX[prefix.upper()]
            nums = [(n._replace(value=n.value * scale, precision=n.precision * scale,
                                unit=scale, unit_text=prefix), e) for n, e in nums]
            last = nums[-1][0]
        elif len(units) > 1 or (kind == "params" and last.unit == 1):
            continue  # mixed scales, or bare counts: not this reading
        spans.append((m.start(), m.end()))
        for net, (num, end) in zip(nets, nums):
            if num.unit == 1:  # "11.7, 21.8 and 25.6 million": the last one's scale
                num = num._replace(value=num.value * last.unit, precision=num.precision *
                                   last.unit, unit=last.unit, unit_text=last.unit_text)
            start = end - len(num.text)
            text = masked[start:end].strip()
            out.append(judge(kind, num, net, resolve(net), number,
                             f"{net.text}: {text} ({kind}, in order)", start, end, masked))


_FOR = re.compile(r"(?<![\w.,])(" + _FIG + r")\s*(?:(?:trainable\s+)?(?:parameters|params)\s+)?for\s+"
                  r"(?:the\s+)?(?=[A-Za-z])", re.I)
_PARAM_WORD = re.compile(r"\bparam(?:eter)?s?\b", re.I)


def _each_for(number: int, masked: str, out: list, spans: list) -> None:
    """``0.27M parameters for ResNet-20, 0.46M for ResNet-32 and 0.85M for ResNet-56``: each
    scaled figure the count of the network named right after its "for", on a line that
    says parameters; every figure of the line so paired, or none is read."""
    if not _PARAM_WORD.search(masked):
        return
    named = mentions(masked)
    pairs = []
    for m in _FOR.finditer(masked):
        net = next((n for n in named if n.start == m.end()), None)
        if net is None or not net.number:
            return  # "for a small model", a family: not one network's figure
        try:
            got = read_number(masked, m.start(1))
        except Refused:
            return
        if got is None or got[0].unit == 1:
            return
        pairs.append((m, net, got))
    if len(pairs) < 2 or len(pairs) != len(_SCALED_ANY.findall(masked)):
        return
    for m, net, (num, end) in pairs:
        spans.append((m.start(1), end))
        text = masked[m.start(1):end].strip()
        out.append(judge("params", num, net, resolve(net), number,
                         f"{net.text}: {text} (params, each for its network)",
                         m.start(1), end, masked))
