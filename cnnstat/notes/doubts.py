"""Second readings: a "wrong" stands only where the stated figure is wrong under every
reading a note may mean by it (issue 19: at most one false alarm per ~300 claims on notes
nobody tuned on).

A reader judges a figure under one reading, the usual one. Real notes write figures under
others, unstated, and at first contact on each held-back set those were most of the false
alarms. ``second_reading`` re-derives a "wrong" figure under the readings that need no
reader's knowledge, only the figure as written and the value the reader worked out, and
gives the reason it may be right under one of them (``precedence.settle`` then says unsure
with that reason, never a mistake):

- **A scale not read with the figure.** A bare figure of at most three significant digits
  that is the value at a scale (thousand, million, billion; 2^10, 2^20, 2^30):
  ``4,096 × 2,048 = 8+ million``, ``3,136 × 1,024 = 3.21 (백만 개)``, a table whose column
  says "(M)".
  A figure written with its scale is judged at that scale, and a figure of more digits is
  no rounded one: both stay wrong.
- **More than the figure.** A stated "figure" of several numbers whose first two are the
  value (``= 28 * 28``, ``= 8 - 8x8``, ``= 12x12x256``): a map or a gloss written with the
  result, where the reader took the whole as one figure. (``= 3860 + 20`` for 3,860 is a
  term too many, and stays wrong.)
- **A copy glued on.** KaTeX's source, its rendering and its drawing pasted together run a
  figure into the next copy (``3×3×8=723\\times3\\times8 = 72``): the stated expression
  starts with the value's digits and runs on.

- **Rounded sides.** A map ``a x a`` stated for a product of two equal sides that are no
  whole number (``51/2 x 51/2 = 26 x 26``): each side rounded, as a layer rounds it.
- **1e6 or 2^20.** A size in bytes written with a decimal unit that the binary unit, read
  within half a percent, gives (``25.6M * 4 bytes = ~97.5 MB``: 97.66 MiB).

(A whole rounded from a quotient is the arithmetic reader's: ``arith``.)

Readings that need a reader's knowledge (another network's spec, a layer repeated, an
unqualified count of layers) live in those readers (``factjudge``, ``shapes``).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Number, Refused, read_number
from cnnstat.notes.signs import Gated

# the scales a figure may be written at without its unit (the unit in the heading, the
# next word, a column's label): decimal and binary
SCALES = ((10**3, "thousand"), (10**6, "million"), (10**9, "billion"),
          (2**10, "2^10"), (2**20, "2^20"), (2**30, "2^30"))
# a size in bytes written with a decimal unit may be binary (MB for MiB), and rounded
_BINARY = {10**3: Fraction(2**10, 10**3), 10**6: Fraction(2**20, 10**6),
           10**9: Fraction(2**30, 10**9)}
_BINARY_POWER = {10**3: 10, 10**6: 20, 10**9: 30}
NEAR = Fraction(1, 200)  # within half a percent: a rounded figure
ROUNDED_DIGITS = 3  # a bare figure of at most this many significant digits is a rounded one
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
# two shapes in brackets joined by '*' (or a convolution sign): "(6x6x3) * (3x3x3)x5"
_CONVOLVED = re.compile(r"\(\s*\d+\s*[x×]\s*\d+(?:\s*[x×]\s*\d+)?\s*\)\s*[*∗⊛]\s*"
                        r"\(\s*\d+\s*[x×]\s*\d+(?:\s*[x×]\s*\d+)?\s*\)")


def second_reading(claim: Claim) -> str | None:
    """Why the "wrong" ``claim`` may be right under another reading, or None."""
    if claim.verdict != "wrong" or not claim.claimed:
        return None
    actual = _value(claim.actual)
    if actual is None:
        return None
    if claim.kind == "arithmetic" and _CONVOLVED.search(claim.text):
        return ("'*' between two shapes in brackets may be the one convolved with the other "
                "((6x6x3) * (3x3x3): a map and its filter), not their product")
    stated = claim.claimed.strip()
    numbers = [_plain(m.group(0)) for m in _NUMBER.finditer(stated)]
    if len(numbers) > 1 and numbers[0] == numbers[1] == actual:
        return (f"{stated} holds {plain(actual)} with other numbers: a size or a gloss "
                "written with the result")
    glued = _glued(numbers, actual)
    if glued:
        return glued
    sides = _rounded_sides(numbers, actual)
    if sides:
        return sides
    if stated.endswith("m") and (bare := _whole(stated[:-1])) is not None and \
            agrees(actual, bare):
        return (f"the m of {stated} may be a unit (minutes, metres), not a million: "
                f"{bare.text} is the result")
    num = _whole(stated)
    if num is None:
        return None
    if num.style == "bytes" and num.unit in _BINARY:
        binary = num.value * _BINARY[num.unit]
        if abs(binary - actual) <= NEAR * actual:
            return (f"{num.text} read as 2^{_BINARY_POWER[num.unit]} bytes a unit is "
                    f"{plain(binary)}, within {float(NEAR):.1%} of {plain(actual)}: MB "
                    "written for MiB, rounded")
    if num.unit == 1 and num.style in ("plain", "grouped") and abs(actual) >= 1000 and \
            _significant(num.text) <= ROUNDED_DIGITS:
        for scale, name in SCALES:
            at = num._replace(value=num.value * scale, precision=num.precision * scale)
            if agrees(actual, at):
                return (f"{num.text} {name} is {plain(actual)} to the digits shown: a "
                        "scale written apart from the figure, or left out")
    return None


def _rounded_sides(numbers: list[Fraction], actual: Fraction) -> str | None:
    """A map ``a x a`` stated for a product of two equal sides that are no whole number
    (``51/2 x 51/2 = 26 x 26``): each side rounded, as a layer rounds it (floor or ceil)."""
    if len(numbers) not in (2, 3) or numbers[0] != numbers[1] or actual <= 0 or \
            actual.denominator == 1:
        return None
    root = [math.isqrt(x) for x in (actual.numerator, actual.denominator)]
    if root[0] ** 2 != actual.numerator or root[1] ** 2 != actual.denominator:
        return None
    side = Fraction(root[0], root[1])
    if numbers[0] in (math.floor(side), math.ceil(side)):
        return f"each side, {plain(side)}, rounded to a whole is {plain(numbers[0])}"
    return None


def _glued(numbers: list[Fraction], actual: Fraction) -> str | None:
    """A figure run into a copy of the text next to it (KaTeX's source, its rendering and
    its drawing pasted together: ``3×3×8=723\\times3\\times8 = 72``): the stated
    expression starts with the value's digits and runs on (``723`` for 72)."""
    if actual.denominator != 1 or actual <= 0 or len(numbers) < 2:
        return None
    want, first = str(actual), numbers[0]
    if first.denominator == 1 and len(want) >= 2 and str(first) != want and \
            str(first).startswith(want):
        return (f"the stated {first} runs {plain(actual)} into the text after it "
                "(a copy glued on)")
    return None


def _value(actual: Any) -> Fraction | None:
    if isinstance(actual, bool):
        return None
    if isinstance(actual, (int, Fraction)):
        return Fraction(actual)
    if isinstance(actual, float) and math.isfinite(actual):
        return Fraction(actual).limit_denominator(10**6)
    return None


def _plain(text: str) -> Fraction:
    return Fraction(text.replace(",", ""))


def _whole(stated: str) -> Number | None:
    """The stated figure when it is one number (with its scale), else None."""
    try:
        got = read_number(stated, 0)
    except Refused:
        return None
    if got is None or stated[got[1]:].strip():
        return None
    return got[0]


def _significant(text: str) -> int:
    digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")
    return len(digits)


# a figure the line itself says is someone's slip, then corrects: "A student wrote ... =
# 56, but the answer is 55", "Wrong: 5*5*3 = 65. Right: ... = 75", "... = 27이라고 썼지만,
# 정답은 28이다", "claimed VGG16 has 16 conv layers; it has 13": a word that quotes or
# calls it wrong before it (or 라고 after it), a word that corrects between it and the value
_QUOTED = Gated(("wrote", "writes", "claim", "say", "said", "think", "thought", "got", "had",
                 "answered", "mistake", "wrong", "incorrect", "typo", "error", "erratum",
                 "instead", "틀린", "틀렸", "잘못", "실수", "오답", "오타"),  # one of them
                r"\b(?:wrote|writes|claim\w*|say|said|says|thinks?|thought|got|had|"
                     r"answered|mistake\w*|wrong|incorrect|typo|error|erratum|instead\s+of)\b|"
                     r"틀린|틀렸|잘못|실수|오답|오타", re.I, scanned=False)  # of wrong claims
_QUOTED_AFTER = re.compile(r"^\W{0,3}(?:이)?라고|^\W{0,3}(?:이)?라\s*(?:고|는)")
_CORRECTS = re.compile(r"\b(?:but|however|actually|instead|answer|correct\w*|right|should|"
                       r"it\s+(?:has|is)|(?:it|that)[’']s|in\s+fact|(?:count|figure|value|number|total)\s+is)\b|"
                       r"정답|맞|실제|올바른|아니라", re.I)
_NUMBER_AT = re.compile(r"(?<![\w.,])[0-9][0-9,]*(?:\.[0-9]+)?")


def corrected_on_line(masked: str, claim: Claim) -> str | None:
    """Why a "wrong" ``claim`` may be a slip the line quotes and corrects itself: a word
    quotes it or calls it wrong, and the correct value is written after it, past a word
    that corrects (``but the answer is``, ``정답은``); None otherwise."""
    if claim.verdict != "wrong" or not claim.claimed:
        return None
    actual = _value(claim.actual)
    if actual is None:
        m = _NUMBER_AT.match(str(claim.actual))  # a map "27x27": its first side
        actual = _plain(m.group(0)) if m else None
    at = claim.edits[0].start if claim.edits else masked.find(claim.claimed)
    if actual is None or at < 0:
        return None
    end = at + len(claim.claimed.split("x")[0])
    if not (_QUOTED.search(masked) or _QUOTED_AFTER.search(masked[end:end + 8])):
        return None
    for m in _NUMBER_AT.finditer(masked, end):
        # the value written as the note writes it ("25.6M" for 25,557,032), and a word
        # that corrects before it or just after it ("26이 맞다", "is right")
        if _written(m, masked, actual) and _CORRECTS.search(masked, end, m.end() + 12):
            return (f"the line quotes it and writes {m.group(0)} after it, the value worked "
                    "out: a slip it corrects?")
    return None


def _written(m: re.Match, masked: str, actual: Fraction) -> bool:
    """Whether the number at ``m`` (with a scale after it) is ``actual`` to its digits."""
    try:
        got = read_number(masked, m.start())
    except Refused:
        got = None
    if got is None:
        return _plain(m.group(0)) == actual
    return agrees(actual, got[0])


# a figure the line denies: "does not have 50,000 parameters", "is not 56", "not 16 but
# 13", "has no 60M parameters", "16개가 아니라 13개", "56이 아니다"
_NOT_BEFORE = re.compile(r"(?:\b(?:not|never|neither|nor)\b|(?<=[A-Za-z0-9]\s)[A-Za-z]+n't\b)"
                         r"[^.;:,!?0-9]{0,30}$|\bno\s+$", re.I)
# ("no padding ... is 31" is no denial, nor a question opened by "Isn't the total ...")
_NOT_AFTER = re.compile(r"^[^.;:,!?0-9\s]{0,4}\s*(?:개|층|번)?\s*(?:가|이|은|는)?\s*"
                        r"(?:아니|않|없)")


_ASKS = re.compile(r"[^.!]{0,120}\?")


def denied_on_line(masked: str, claim: Claim) -> str | None:
    """Why a "wrong" ``claim`` may be a figure the line says it is not: a negation right
    before it (or before its calculation), or 아니다 right after it; None otherwise."""
    if claim.verdict != "wrong" or not claim.claimed:
        return None
    at = claim.edits[0].start if claim.edits else masked.find(claim.claimed)
    if at < 0:
        return None
    head = claim.text.split("=")[0].strip()[:12] if "=" in claim.text else ""
    starts = [at] + ([masked.find(head, 0, at)] if head and masked.find(head, 0, at) >= 0
                     else [])
    end = at + len(claim.claimed)
    if _ASKS.match(masked, end):
        return None  # "Isn't the total 7 * 30 * 55 + 55 ...?": a question asserts it
    if any(_NOT_BEFORE.search(masked, max(0, s - 40), s) for s in starts) or \
            _NOT_AFTER.match(masked[end:end + 16]):
        return "the line says the figure is not so: a denial, not a claim"
    return None


# a supposition that something is left out: "flatten이 없을 경우 (N, 3, 3, 32)", "if there
# were no pooling, 28x28", "without the Flatten this would give ...": the figure is what
# would happen otherwise, a case the checker's reading of the model does not hold
_SUPPOSED = Gated(("없", "않", "안", "if", "without"),  # every match holds one of them
                  r"(?:없|않|안\s*하)(?:을\s*(?:경우|때)|으면|다면|는\s*경우)"
                       r"|\bif\s+(?:there\s+(?:is|are|were|was)\s+)?no\b"
                       r"|\bif\s+(?:we|you)\s+(?:didn'?t|did\s+not|don'?t|do\s+not|drop|remove"
                       r"|omit|skip|leave\s+out)\b|\bwithout\b[^.;]{0,40}\bwould\b", re.I,
                  scanned=False)  # asked of wrong claims alone


def supposed_on_line(masked: str, claim: Claim) -> str | None:
    """Why a "wrong" ``claim`` may be a figure for a case the line supposes (a layer left
    out): a supposition before the figure on its line; None otherwise."""
    if claim.verdict != "wrong" or not claim.claimed:
        return None
    at = claim.edits[0].start if claim.edits else masked.find(claim.claimed)
    if at > 0 and _SUPPOSED.search(masked, 0, at):
        return "the line supposes a case (a layer left out): the figure is that case's"
    return None


# a line that lists a layer's parts, each with its figure, then a total after the last
# part's sum: "dw 9*32 = 288, pw 32*64 = 2048, BNs 64 + 128 -> 2,528": the figure after
# the last run is the total of every part listed on the line, not that run's own sum
_PART_SEP = re.compile(r"[,;](?=\s)")
_ENDS_IN_NUMBER = re.compile(r"(?<![\w.,])([0-9][0-9,]*(?:\.[0-9]+)?)\s*\)?\s*$")


def summed_on_line(masked: str, claim: Claim) -> str | None:
    """Why a "wrong" arithmetic ``claim`` may be the total of the parts its line lists
    before it: each earlier part (between commas or semicolons) ends in its figure, and
    the stated figure is the run's value plus all of them; None otherwise."""
    if claim.verdict != "wrong" or claim.kind != "arithmetic" or not claim.claimed:
        return None
    actual = _value(claim.actual)
    num = _whole(claim.claimed.strip())
    at = claim.edits[0].start if claim.edits else masked.find(claim.claimed)
    start = _run_start(masked, claim.text, at)
    if actual is None or num is None or start < 0:
        return None
    *parts, label = _PART_SEP.split(masked[:start])
    figures = [_ENDS_IN_NUMBER.search(p) for p in parts]
    if not parts or not all(figures) or any(ch.isdigit() for ch in label):
        return None  # each earlier part ends in its figure; the last part's label has none
    total = actual + sum(_plain(m.group(1)) for m in figures)
    if agrees(total, num):
        return (f"{claim.claimed} is the total of the {len(parts) + 1} parts the line lists "
                f"({plain(total)}), not the last part's own sum")
    return None


def _run_start(masked: str, text: str, at: int) -> int:
    """Where the run ``text`` whose stated figure is at ``at`` starts on the line (-1: not
    found): its first word, taken as often back as the run holds it before the figure."""
    whole = masked.rfind(text, 0, at + len(text))
    if whole >= 0:
        return whole
    words = text.split()
    if not words:
        return -1
    start = at
    for _ in range(max(1, text[:max(0, text.rfind(words[-1]))].count(words[0]))):
        start = masked.rfind(words[0], 0, start)
        if start < 0:
            return -1
    return start
