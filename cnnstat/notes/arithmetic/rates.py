"""A rate of one count per another, of two counts the line (or the line above) states:
``23.7M params vs 50K training images. That's only 2 images per parameter`` (50K / 23.7M
= 0.002: wrong), ``1.2M images for 60M weights, about 50 weights per image`` (right).

Each count is the one figure written right before its noun (``50K training images``,
``23.7M params``); the rate ``k A per B`` is judged against count(A) / count(B): right
within the digits written (15% after ``about``/``약``/``~``), wrong when off by more than
a factor of two, unsure in between. Read only where each noun has exactly one figure.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.arithmetic.ratioabove import stated_near
from cnnstat.notes.reading.numerals import read_number

_NOUNS = {"param": r"param(?:eter)?s?|weights?", "image": r"(?:training\s+)?images?",
          "sample": r"(?:training\s+)?samples?|examples?"}
_KIND = {k: re.compile(rf"^(?:{v})$", re.I) for k, v in _NOUNS.items()}
_ANY = "|".join(f"(?:{v})" for v in _NOUNS.values())
_RATE = re.compile(rf"(?P<about>about|around|roughly|~|≈|약)?\s*"
                   rf"(?<![0-9.,])(?P<k>[0-9]+(?:\.[0-9]+)?)"
                   rf"\s+(?P<a>{_ANY})\s+(?:per|for\s+each|for\s+every)\s+(?P<b>{_ANY})\b", re.I)
_COUNT = re.compile(rf"(?<![0-9.,])(?P<n>[0-9][0-9,.]*\s?[KMB]?)\s+(?P<w>{_ANY})\b")
NEEDS = ("per", "for each", "for every")
CONFIDENCE = 0.8


def _kind(word: str) -> str | None:
    return next((k for k, p in _KIND.items() if p.match(word.strip())), None)


def _counts(text: str) -> dict[str, list[Fraction]]:
    out: dict[str, list[Fraction]] = {}
    for m in _COUNT.finditer(_RATE.sub(" ", text)):
        got = read_number(m.group("n").strip(), 0)
        kind = _kind(m.group("w"))
        if got is not None and kind is not None and got[0].value > 0:
            out.setdefault(kind, []).append(got[0].value)
    return out


def check_line(number: int, masked: str, above: str) -> list[Claim]:
    out = []
    for m in _RATE.finditer(masked):
        a, b = _kind(m.group("a")), _kind(m.group("b"))
        if a is None or b is None or a == b:
            continue
        counts = _counts(masked)
        if a not in counts or b not in counts:
            counts = _counts(above + " " + masked)
        if len(counts.get(a, [])) != 1 or len(counts.get(b, [])) != 1:
            continue
        rate = counts[a][0] / counts[b][0]
        k = Fraction(m.group("k"))
        text = m.group(0).strip()
        if stated_near(rate, m.group("k"), bool(m.group("about"))):
            out.append(Claim(number, text, "arithmetic", m.group("k"), round(float(rate), 4),
                             "right", f"{m.group('a')} per {m.group('b')}: the two counts' "
                             "quotient", confidence=CONFIDENCE))
        elif k > 2 * rate or k < rate / 2:
            out.append(Claim(number, text, "arithmetic", m.group("k"), round(float(rate), 4),
                             "wrong", f"{float(counts[a][0]):,.0f} / {float(counts[b][0]):,.0f}"
                             f" = {float(rate):.3g} {m.group('a')} per {m.group('b')} "
                             f"({float(1 / rate):.3g} the other way), not {m.group('k')}",
                             confidence=CONFIDENCE))
    return out
