"""Differences between two named networks: "VGG19 has three more convolutional layers than
VGG16", "ResNet-50 has 16 more layers than ResNet-34", "VGG-19는 VGG-16보다 합성곱층이
3개 더 많다", "VGG19 adds 5.3M parameters over VGG16".

The difference is worked out from the bundled specs of both networks (each variant the
names mean: a paper's and torchvision's count may differ); a count of layers must be one
of the differences exactly, a count of parameters to the precision written. A family named
without its number (``ResNet``) is not one network: nothing is said.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import _lenient
from cnnstat.notes.modelfacts.models import Mention, figures, mentions, resolve
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Refused, read_number
from cnnstat.notes.modelfacts.ratios import pairs

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "한": 1, "두": 2,
          "세": 3, "네": 4}
_KIND = (r"(?:(?P<conv>conv(?:olution(?:al)?)?|합성곱|컨볼루션)|(?P<fc>fully[\s-]?connected|fc|"
         r"완전\s*연결)|weight|learned|가중치)?\s*")
_COUNT = r"(?P<n>\d[\d,.]*\s*(?:[KMB]|million|billion|만|억)?|" + "|".join(
    w for w in _WORDS if w.isascii()) + r")"
# "has three more convolutional layers than", "has 5.3M more parameters than"
_EN = re.compile(r"\b(?:has|have|had|with|adds?|uses?)\s+(?:only\s+|just\s+)?" + _COUNT +
                 r"\s+(?P<dir>more|fewer|less|extra|additional)\s+" + _KIND
                 + r"(?P<what>layers|parameters|params|weights)\s+(?:than|over|compared\s+"
                 r"(?:to|with))\s*$", re.I)
# "VGG-16보다 합성곱층이 3개 더 많다", "VGG-16보다 층이 세 개 많다"
_KO = re.compile(r"\s*(?:보다|에\s*비해)\s*" + _KIND + r"(?P<what>층|레이어|파라미터|매개\s*변수)"
                 r"\s*(?:이|가|수가)?\s*(?P<n>\d[\d,.]*\s*(?:만|억)?|한|두|세|네)\s*개?\s*"
                 r"(?:더\s*)?(?P<dir>많|적)", re.I)
NEEDS = ("than", "over", "compared", "보다", "비해")


def _value(m: Mention, what: str, kind: str | None) -> list[int]:
    out = []
    for s in resolve(m).specs[:3]:
        f = figures(s)
        if f is None:
            continue
        if what == "params":
            out.append(f.params)
        else:
            out.append(f.conv if kind == "conv" else f.fc if kind == "fc" else f.depth)
    return list(dict.fromkeys(out))


def check_line(number: int, masked: str) -> list[Claim | Skip]:
    named = mentions(masked)
    if len({m.key for m in named}) < 2:
        return []
    out: list[Claim | Skip] = []
    for m, subject, other in pairs(masked, named, _EN, _KO, key=lambda x: x.key):
        if subject is None:
            continue
        got = _judge(number, m, subject, other)
        if got is not None:
            out.append(got)
    return out


def _judge(number: int, m: re.Match, subject: Mention, other: Mention) -> Claim | Skip | None:
    if resolve(subject).generic or resolve(other).generic:
        return None
    what = "layers" if m.group("what").lower() in ("layers", "층", "레이어") else "params"
    kind = "conv" if m.group("conv") else "fc" if m.group("fc") else None
    n = m.group("n").strip()
    if n.lower() in _WORDS:
        claimed = Fraction(_WORDS[n.lower()])
        precision = Fraction(1)
        num = None
    else:
        try:
            got = read_number(n, 0)
        except Refused:
            return None
        if got is None:
            return None
        num = got[0]
        if what == "params":
            num = _lenient(num, "params")
        claimed, precision = num.value, num.precision
    less = m.group("dir").lower() in ("fewer", "less", "적")
    a, b = _value(subject, what, kind), _value(other, what, kind)
    if not a or not b:
        return Skip(number, f"{subject.text} vs {other.text}", "a network of the "
                                                                "difference is not bundled")
    diffs = sorted({(y - x) if less else (x - y) for x in a for y in b})
    label = f"{subject.text} - {other.text}: {n} {'fewer' if less else 'more'} " + \
        (f"{kind} " if kind else "") + ("layers" if what == "layers" else "parameters")
    how = (f"{kind or ('depth' if what == 'layers' else 'params')}: {subject.text} "
           f"{', '.join(plain(x) for x in a)}; {other.text} {', '.join(plain(y) for y in b)}")
    for d in diffs:
        ok = d == claimed if what == "layers" or num is None else agrees(Fraction(d), num)
        if ok:
            return Claim(number, label, "model", n, d, "right", how)
    if what == "params" and precision > 1:
        near = [d for d in diffs if abs(d - claimed) <= abs(d) * Fraction(1, 10)]
        if near:
            return Skip(number, label, f"unsure: within 10% of {how}")
    return Claim(number, label, "model", n, diffs[0], "wrong", how, (), plain(diffs[0]))
