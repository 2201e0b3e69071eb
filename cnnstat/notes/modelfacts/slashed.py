"""Networks and their figures joined by slashes, paired in order::

    still lower than VGG-16/19 (15.3/19.6 billion FLOPs)
    ResNet-50/101/152 have 25.6M/44.5M/60.2M parameters
    VGG16/VGG19: 138M/144M params

The names are one family's members: a name with its depth, then other depths after
slashes (``VGG-16/19``), or whole names joined by slashes (``VGG16/VGG19``). The figures
follow them (a bracket, a colon or a verb such as ``have`` between), as many as there are
names, joined by slashes, then the word of what they count (``parameters``, ``FLOPs``,
``layers``); a scale written on the last alone (``15.3/19.6 billion``) is every one's.
Each figure is judged against its own network; anything else (a count of figures that is
not the count of names, no word of the quantity) is not read.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts import factjudge
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.numerals import Number

_MORE = re.compile(r"\s*/\s*(\d{2,3})(?![\d.]|\s*(?:layers?|층|[KMGB]\b|million|billion))", re.I)
_NAMES_GAP = re.compile(r"\s*/\s*$")
_GAP = re.compile(r"\s*(?:\(|:|=|(?:has|have|had|with|need|needs|are|is|cost|costs|at)\s+)?\s*"
                  r"(?:about\s+|around\s+|~|≈)?", re.I)
_FIG = r"(\d+(?:\.\d+)?)\s*([KMGB]|million|billion)?"
_FIGS = re.compile(_FIG + r"(?:\s*/\s*" + _FIG + r")+")
_ONE = re.compile(_FIG)
_KIND = re.compile(r"\s*(?:(?P<params>param(?:eter)?s|weights)|(?P<flops>[KMGT]?FLOPs?)|"
                   r"(?P<macs>[KMGT]?(?:MACs|MAdds|mult-adds))|(?P<depth>layers))(?![A-Za-z])",
                   re.I)
_SCALES = {"k": 10**3, "m": 10**6, "million": 10**6, "g": 10**9, "b": 10**9,
           "billion": 10**9}
NEEDS = ("/",)


def _members(masked: str, named: list[Mention]) -> tuple[list[Mention], int] | None:
    """The slash-joined members from the first numbered name, and where they end."""
    for i, m in enumerate(named):
        if not m.number or not m.number.isdecimal():
            continue
        out, end = [m], m.end
        for more in iter(lambda: _MORE.match(masked, end), None):
            num = more.group(1)
            out.append(Mention(m.family, num, more.start(1), more.end(1),
                               m.text[:len(m.text) - len(m.number)] + num))
            end = more.end()
        for other in named[i + 1:]:
            if other.family != m.family or not _NAMES_GAP.fullmatch(masked[end:other.start]):
                break
            out.append(other)
            end = other.end
        if len(out) > 1:
            return out, end
    return None


def check_line(number: int, masked: str) -> tuple[list[Claim], list[Skip]]:
    got = _members(masked, mentions(masked))
    if got is None:
        return [], []
    names, end = got
    gap = _GAP.match(masked, end)
    figs = _FIGS.match(masked, gap.end())
    if figs is None:
        return [], []
    kind = _KIND.match(masked, figs.end())
    parts = list(_ONE.finditer(masked, figs.start(), figs.end()))
    if kind is None or len(parts) != len(names):
        return [], []
    what = kind.lastgroup
    word = kind.group(what)
    shared = parts[-1].group(2) or (word[0] if what in ("flops", "macs") and
                                    word[0].upper() in "KMGT" and
                                    not word.upper().startswith("MAC") else None)
    claims: list[Claim] = []
    skips: list[Skip] = []
    for m, p in zip(names, parts):
        unit = p.group(2) or shared
        scale = _SCALES.get(unit.lower(), 1) if unit else 1
        if what == "depth" and scale != 1:
            return [], []
        digits = p.group(1)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        num = Number(Fraction(digits) * scale, Fraction(1, 10**decimals) * scale,
                     p.group(0), "suffix" if unit else "plain", scale,
                     unit or "", decimals)
        res = resolve(m)
        if not res.specs:
            continue
        out = factjudge.judge(what, num, m, res, number, f"{m.text}: {p.group(0).strip()}",
                              p.start(), p.end(), masked)
        (claims if isinstance(out, Claim) else skips).append(out)
    return claims, skips
