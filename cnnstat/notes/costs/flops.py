"""What a note says FLOPs are in MACs: ``FLOPs = 2 * MACs`` (right), ``MACs = 2 * FLOPs``
(wrong), ``1 MAC = 2 FLOPs``, ``MACs ≈ 0.5 x FLOPs``.

One multiply-add (a MAC) is a multiply and an add: 2 floating-point operations. A
statement of the form ``X = b·Y`` (X, Y each MACs or FLOPs) relates the counts, one of
the form ``a X = b Y`` (a number before the first unit) the units; either fixes FLOPs
per MAC, and it is right when that is 2. Papers and torchvision also
call a multiply-add a "FLOP", so ``FLOPs = MACs`` is left unsure rather than judged.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.normalise import plain_latex

_UNIT = r"(?P<{0}>(?:G|M|K)?(?:MACs?|FLOPs?|multiply[- ]adds?|mult-adds?))"
_COEF = r"(?:(?P<{0}>[0-9]+(?:\.[0-9]+)?|½)\s*(?:[x×*·]\s*)?)?"
_AFTER = r"(?:\s*(?:[x×*·]\s*(?P<{0}>[0-9]+(?:\.[0-9]+)?)|\s*/\s*(?P<{1}>[0-9]+)))?"
_REL = re.compile(
    r"(?<![A-Za-z])" + _COEF.format("a") + _UNIT.format("x") + _AFTER.format("a2", "ad")
    + r"\s*(?:=|≈|~|is|are|equals?|means?|은|는|이|가)\s*(?:about\s+|roughly\s+|approximately\s+|약\s*)?"
    + _COEF.format("b") + _UNIT.format("y") + _AFTER.format("b2", "bd") + r"(?![A-Za-z]|\s*의)",
    re.I)


# in words: "FLOPs are roughly twice the MACs", "MACs are half the FLOPs", "FLOPs는
# MACs의 약 2배", "MAC은 FLOPs의 두 배"
_BARE = r"(?P<{0}>(?:MACs?|FLOPs?|multiply[- ]adds?|mult-adds?))"
_TWICE = r"(?P<w>twice|double|half|two\s+times|2\s*(?:x|×|times))"
_WORDS_EN = re.compile(r"(?<![A-Za-z])" + _BARE.format("x") + r"\s+(?:are|is|=|≈|count\s+as)\s+"
                       r"(?:roughly\s+|about\s+|approximately\s+|~\s*)?" + _TWICE +
                       r"\s+(?:(?:the|of|as\s+many\s+as|number\s+of)\s+)*" + _BARE.format("y")
                       + r"(?![A-Za-z])", re.I)
_WORDS_KO = re.compile(r"(?<![A-Za-z])" + _BARE.format("x") + r"\s*(?:은|는|이|가)\s*" +
                       _BARE.format("y") + r"\s*(?:의)?\s*(?:약\s*)?"
                       r"(?P<w>두\s*배|2\s*배|절반|반|1\s*/\s*2)", re.I)
_HALF = re.compile(r"half|절반|반|1\s*/\s*2", re.I)


def words(number: int, masked: str) -> list[Claim]:
    """The rule in words (``FLOPs are twice the MACs``), with or without a number."""
    if not re.search(r"flop", masked, re.I) or not re.search(r"mac|mult", masked, re.I):
        return []
    out = []
    for rx in (_WORDS_EN, _WORDS_KO):
        for m in rx.finditer(masked):
            x, y = _kind(m.group("x")), _kind(m.group("y"))
            if x == y:
                continue
            ratio = Fraction(1, 2) if _HALF.fullmatch(m.group("w")) else Fraction(2)
            per = ratio if x == "flops" else 1 / ratio  # FLOPs per MAC
            out.append(_rule(number, " ".join(m.group(0).split()), per))
    return out


def _rule(number: int, text: str, per: Fraction) -> Claim:
    """A statement that fixes FLOPs per MAC: right when it is 2."""
    ok = per == 2
    return Claim(number, text, "cost", text, "FLOPs = 2 x MACs", "right" if ok else "wrong",
                 "one multiply-add (MAC) is 2 floating-point operations"
                 + ("" if ok else f"; this says {float(per):g} FLOPs per MAC"))


_SCALE = {"G": 10**9, "M": 10**6, "K": 10**3}
# a number (and its scale) right before a unit: the unit is that figure's
_FIGURE_BEFORE = re.compile(r"[0-9]\s*(?:[KMGTB]|thousand|million|billion|만|억)?\s*$", re.I)


def _within(m: re.Match, a: Fraction, b: Fraction, per: Fraction) -> Fraction:
    """2 or 1 where the FLOPs figure, as written, is the MACs figure's twice or once
    (each side rounded to the digits it writes)."""
    def tol(written: str, unit: str) -> Fraction:
        decimals = len(written.split(".")[1]) if "." in written else 0
        return Fraction(1, 2 * 10**decimals) * _scale(unit)

    ta, tb = tol(m.group("a"), m.group("x")), tol(m.group("b"), m.group("y"))
    (f, tf), (mac, tm) = ((a, ta), (b, tb)) if _kind(m.group("x")) == "flops" else \
        ((b, tb), (a, ta))
    for ratio in (Fraction(2), Fraction(1)):
        if abs(mac * ratio - f) <= tf + ratio * tm:
            return ratio
    return per


def _scale(unit: str) -> int:
    """The scale a unit's prefix gives (``GMACs``: 10^9; ``MACs``: 1)."""
    head, rest = unit[:1].upper(), unit[1:].lower()
    return _SCALE[head] if head in _SCALE and rest.startswith(("mac", "flop")) else 1


def _kind(unit: str) -> str:
    return "flops" if "flop" in unit.lower() else "macs"


def _coef(m: re.Match, lead: str, mul: str, div: str) -> Fraction:
    c = Fraction(1)
    if m.group(lead):
        c *= Fraction(1, 2) if m.group(lead) == "½" else Fraction(m.group(lead))
    if m.group(mul):
        c *= Fraction(m.group(mul))
    if m.group(div):
        c /= Fraction(m.group(div)) if int(m.group(div)) else 1
    return c


def check_line(number: int, masked: str) -> tuple[list[Claim], list[Skip]]:
    masked = plain_latex(masked)  # "\\text{FLOPs} = 2 \\times \\text{MACs}"
    if not re.search(r"flop", masked, re.I) or not re.search(r"mac|mult", masked, re.I):
        return [], []
    claims: list[Claim] = words(number, masked)
    said = {c.text for c in claims}
    skips: list[Skip] = []
    for m in _REL.finditer(masked):
        if " ".join(m.group(0).split()) in said:
            continue  # "FLOPs = 2 x MACs": read once, as the rule in words
        x, y = _kind(m.group("x")), _kind(m.group("y"))
        if x == y:
            continue
        if m.group("a") is None and _FIGURE_BEFORE.search(masked, 0, m.start()):
            continue  # "300M MACs ≈ 600 MFLOPs": a figure's unit, its number apart
        a, b = _coef(m, "a", "a2", "ad"), _coef(m, "b", "b2", "bd")
        # "4.1 GMACs ≈ 8200 MFLOPs": each side at its own scale
        a, b = a * _scale(m.group("x")), b * _scale(m.group("y"))
        if not a or not b:
            continue  # "0 FLOPs = 2 MACs": no rule a zero states
        # "FLOPs = 2 * MACs" counts: the FLOPs are twice the MACs. "1 MAC = 2 FLOPs"
        # (a number before the first unit) measures: one MAC is worth two FLOPs.
        counts = m.group("a") is None
        per = (b / a) if (x == "flops") == counts else (a / b)
        if not counts and m.group("b") and not any(m.group(g) for g in ("a2", "ad", "b2", "bd")) \
                and "½" not in m.group(0) and "." in m.group("a") + m.group("b"):
            # "4.09 GMACs ≈ 8.2 GFLOPs": two figures, each rounded to its digits; a ratio
            # of 2 or 1 within the digits written is that ratio
            per = _within(m, a, b, per)
        text = " ".join(m.group(0).split())
        stated = [c for c in claims if c.verdict == "right" and c.text != text]
        if per == 1 and stated:
            # "FLOPs are twice the MACs, so 4.1 GMACs is 4.1 GFLOPs": its own rule says 2
            claims.append(Claim(number, text, "cost", text, "FLOPs = 2 x MACs", "wrong",
                                f"the line states the rule ({stated[0].text}); this says 1 "
                                "FLOP per MAC"))
            continue
        if per == 1:
            skips.append(Skip(number, text, "FLOPs used for multiply-adds, as papers and "
                                            "torchvision do: a naming, not judged"))
            continue
        claims.append(_rule(number, text, per))
    return claims, skips


# what one multiply-accumulate is: "1 MAC = 1 multiplication + 1 addition", "MACC =
# Multiply-Accumulate Operation = 1 multiplication + 1 addition", "a MAC is a multiply and
# an add", "MAC은 곱셈 1번과 덧셈 1번", "1 MACC = 1 multiply + 1 add (= 2 (FL)OPs)"
_MAC_WORD = r"(?:MACCs?|MACs?|multiply[- ]accumulates?(?:\s+operations?)?|multiply[- ]adds?)"
_MUL = r"(?:multiplications?|multiplies|multiply|mults?|곱셈|곱하기)"
_ADD = r"(?:additions?|adds?|덧셈|더하기)"
_COUNT = r"(?:(?P<{0}>[0-9]+|one|an?)\s+)?"
_MAC_DEF = re.compile(r"(?<![A-Za-z])(?:(?:1|one|an?)\s+)?" + _MAC_WORD + r"(?![A-Za-z])", re.I)
_PARTS = re.compile(r"^[^=]{0,40}?(?:=|\bis\b|\bmeans\b|은|는|:)\s*" + _COUNT.format("a") + _MUL +
                    r"(?:\s*(?P<a2>[0-9]+)\s*번)?\s*(?:\+|\band\b|\bplus\b|과|와|,)\s*" +
                    _COUNT.format("b") + _ADD + r"(?:\s*(?P<b2>[0-9]+)\s*번)?", re.I)
_AS_OPS = re.compile(r"^[^=]{0,80}?=\s*(?P<k>[0-9]+)\s*(?:\(FL\)OPs?|FLOPs?|operations|ops)"
                     r"(?![A-Za-z])", re.I)


def _many(word: str | None) -> int:
    return 1 if word is None or word.lower() in ("one", "a", "an") else int(word)


def definition(number: int, masked: str) -> list[Claim]:
    """What one MAC is: one multiplication and one addition, 2 floating-point operations."""
    out: list[Claim] = []
    for m in _MAC_DEF.finditer(masked):
        rest = masked[m.end():m.end() + 120]
        p = _PARTS.match(rest)
        if p is not None:
            a, b = _many(p.group("a2") or p.group("a")), _many(p.group("b2") or p.group("b"))
            text = " ".join((m.group(0) + rest[:p.end()]).split())
            out.append(Claim(number, text, "cost", text, "1 multiplication + 1 addition",
                             "right" if a == b == 1 else "wrong",
                             "a multiply-accumulate multiplies once and adds once"))
            rest = rest[p.end():]
        o = _AS_OPS.match(rest) if not _REL.search(masked) else None  # "1 MAC = 2 FLOPs": _REL's
        if o is not None and re.match(r"(?:1|one|an?)\s", m.group(0), re.I) and \
                int(o.group("k")) != 1:
            text = " ".join(o.group(0).split()[-2:])
            out.append(_rule(number, f"1 MAC = {text}", Fraction(int(o.group("k")))))
        if p is not None or o is not None:
            break
    return out
