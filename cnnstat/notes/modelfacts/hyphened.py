"""A network's size as a compound adjective before its name (``an 11-million-parameter
ResNet-18 and a 60-million-parameter ResNet-50``, ``the 138M-parameter VGG16``, ``a
3.5M-param MobileNetV2``; unhyphenated, ``a 25.6 million parameter ResNet-50``, is
``factlines``'): the count belongs to the name right after it (a word such as ``pretrained`` may stand between), so a line
may name several networks, each with its own count. Judged by ``factjudge.judge`` against
the bundled specs, as a count said with ``has ... parameters`` is."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import judge
from cnnstat.notes.modelfacts.several import ADJECTIVE_WORD
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.reading.numerals import read_number

_SCALE = r"(?P<scale>million|billion|thousand|[MBK])"
_FORM = re.compile(r"(?<![\w.,])(?P<n>\d{1,4}(?:\.\d{1,3})?)(?:\s*-\s*|\s*)" + _SCALE +
                   r"\s*[-‑]\s*(?:parameters?|params?)(?![\w-])\s+", re.I)
NEEDS = ("-param", "‑param")
# the count of a part ("a 23.5M-parameter ResNet-50 backbone", "... without its head") or a
# network changed: not the network's own
_PARTS = "backbone encoder feature trunk body stem head block module stage layer conv part base"
_PART = re.compile(r"^[-\s'’s]*(?:" + "|".join(_PARTS.split()) + r"|branch|based)|without|"
                   r"exclud|except|minus|\bdrop|remov|strip|\bhead(?:less)?\b", re.I)


def check_line(number: int, masked: str) -> list[Claim | Skip]:
    found = mentions(masked)
    out: list[Claim | Skip] = []
    for m in _FORM.finditer(masked):
        gap = re.match(r"(?:" + ADJECTIVE_WORD + r"\s+)?", masked[m.end():]).end()
        named = next((x for x in found if x.start in (m.end(), m.end() + gap)), None)
        if named is None:
            continue
        scale = m.group("scale")
        words = {"m": "M", "b": "B", "k": "K"}.get(scale.lower(), f" {scale.lower()}")
        num = read_number(m.group("n") + words, 0)
        if num is None or num[1] != len(m.group("n") + words):
            continue
        value = num[0]._replace(text=masked[m.start("n"):m.end("scale")])
        if value.unit == 1:  # "B" read as bytes: a billion here
            value = value._replace(value=value.value * 10**9, precision=value.precision *
                                   10**9, unit=10**9, style="suffix")
        text = masked[m.start():named.end].strip()
        if _PART.search(masked[named.end:]):
            out.append(Skip(number, text, f"unsure: a part of {named.text}, or it changed"))
            continue
        got = judge("params", value, named, resolve(named), number, text,
                    m.start("n"), m.end("scale"), masked)
        out.append(got)
    return out
