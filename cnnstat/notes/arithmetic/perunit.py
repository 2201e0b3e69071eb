"""A product said in words across one line: a figure per unit, a count of the units, and
the total, in that order (``76 parameters per filter, and 10 of these total, so 760``;
``= 76 weights per filter, times 10 filters is 760``; ``필터 하나에 76개, 10개 필터면
760개``). The total is the per-unit figure times the count:

- equal (to the figure's precision): right;
- off by one count (the bias of each unit, counted on one side only): not judged;
- otherwise wrong.

The per-unit figure is a number before ``per``/``each``/``for each`` and a unit
(``filter``, ``kernel``, ``neuron`` ...) or after ``each <unit> has``, or in Korean after
``<unit> 하나에``/``<unit>당``/``<unit>마다``; the count the next number, followed by the
unit again (``10 filters``, ``10개 필터``) or by ``of these``/``of them``, or after it
(``필터 10개``, ``이 필터가 총 10개``); the total the next number after a word that gives a
result (``so``, ``is``, ``gives``, ``total``, ``=``, ``→``, ``...면``, ``...니까``, ``전체``),
with no other number between, and not the first operand of a calculation (``since
there are 3 channels, the total is 3 × 144 = 432``: the product is arith's). The pipeline lets a line with a count per unit reach the
readers though it names nothing a network has (``뉴런마다 129개씩, 10개 뉴런이면 1290개``). A number glued to a word or to a size's ``x`` is none of them.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.signs import Gated

NEEDS = Gated(("per", "each", "하나에", "하나당", "당", "마다"), r"\bper\b|\beach\b|하나[에당]|당|마다", re.I)
CONFIDENCE = 0.75  # which number is which is read from the words around them
_QUANTITY = {"weights", "weight", "parameters", "parameter", "params", "param", "values",
             "multiplications", "macs", "flops", "connections", "numbers", "learnable",
             "trainable"}
_PER = {"per", "each"}
_RESULT = {"so", "is", "gives", "giving", "makes", "total", "equals", "thus", "hence",
           "are", "get", "altogether", "overall", "give", "make", "yield", "yields"}
_KO_PER = ("하나에", "하나당", "한개에", "한개당", "개당")
_KO_RESULT = (("총", "전체", "모두"), ("면", "니까", "므로"))  # a Korean total's cue: first, last
_KO_PARTICLES = ("", "가", "이", "는", "은", "도", "를", "을")
_HAS = {"has", "have", "holds", "takes", "needs", "uses", "gets"}  # each filter has 76 ...


def _unit(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _loose(toks: list[Token], k: int) -> bool:
    """A number that stands apart: not glued to a word before it, nor to an operator,
    bracket or word after it (``conv3``, ``3x3``, ``76%``)."""
    t = toks[k]
    if t.kind != "NUM":
        return False
    if k and not t.gap and toks[k - 1].kind in ("WORD", "OP"):
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is None or nxt.gap or nxt.kind in ("OTHER", "HANGUL") and nxt.text != "%"


def _per_unit(toks: list[Token], k: int) -> str | None:
    """The unit a number is given per, or None."""
    n = len(toks)
    j = k + 1
    while j < n and j - k <= 2 and toks[j].kind == "WORD" and toks[j].text.lower() in _QUANTITY:
        j += 1
    if j + 1 < n and toks[j].kind == "WORD" and toks[j].text.lower() in _PER | {"for"}:
        if toks[j].text.lower() == "for":
            j += 1
            if toks[j].text.lower() != "each" or j + 1 >= n:
                return None
        w = toks[j + 1]
        if w.kind == "WORD" and w.text.lower() in ("a", "one") and j + 2 < n:
            w = toks[j + 2]
        return _unit(w.text) if w.kind == "WORD" and w.text.lower() not in _QUANTITY else None
    if k >= 3 and toks[k - 1].text.lower() in _HAS and toks[k - 2].kind == "WORD" and \
            toks[k - 3].text.lower() == "each":  # "each neuron has 129 weights"
        return _unit(toks[k - 2].text)
    for b in range(k - 1, max(-1, k - 4), -1):  # 필터 하나에 76개, 필터당 파라미터 76개
        t = toks[b]
        if t.kind != "HANGUL":
            return None
        if t.text in _KO_PER and b and toks[b - 1].kind == "HANGUL":
            return toks[b - 1].text
        for end in ("당", "마다"):
            if t.text.endswith(end) and len(t.text) > len(end):
                return t.text[:-len(end)]
    return None


def _counts(toks: list[Token], k: int, unit: str) -> bool:
    """The number at k counts the units: ``10 filters``, ``10 of these``, ``10개 필터``,
    ``필터 10개``."""
    n = len(toks)
    words = [t for t in toks[k + 1:k + 4]]
    if words and words[0].kind == "WORD":
        first = words[0].text.lower()
        if _unit(first) == unit:
            return True
        return first == "of" and len(words) > 1 and words[1].text.lower() in (
            "these", "them", "those")
    if words and words[0].kind == "HANGUL":
        rest = words[1:] if words[0].text == "개" else words
        if rest and rest[0].kind == "HANGUL" and rest[0].text.startswith(unit):
            return True
    if k + 1 >= n or not toks[k + 1].text.startswith("개"):
        return False
    before = toks[max(0, k - 2):k]  # 필터 10개, 이 필터가 총 10개
    if before and before[-1].text in _KO_RESULT[0]:
        before = before[:-1]
    return bool(before) and before[-1].kind == "HANGUL" and \
        before[-1].text.startswith(unit) and before[-1].text[len(unit):] in _KO_PARTICLES


def check_line(number: int, toks: list[Token]) -> list[Claim]:
    out: list[Claim] = []
    nums = [k for k in range(len(toks)) if toks[k].kind == "NUM"]
    for a, i in enumerate(nums):
        if not _loose(toks, i):
            continue
        unit = _per_unit(toks, i)
        if not unit or a + 2 >= len(nums):
            continue
        c, t = nums[a + 1], nums[a + 2]
        if not (_loose(toks, c) and _loose(toks, t) and _counts(toks, c, unit)):
            continue
        if any(x.kind in ("EQ", "APPROX", "ARROW") for x in toks[i + 1:c]):
            continue  # the count is a calculation's operand, arith's to judge
        if not _gives(toks[c + 1:t]):
            continue
        if t + 1 < len(toks) and toks[t + 1].kind == "OP":
            continue  # "is 3 × 144 = 432": the figure opens the product, arith's to judge
        claim = _judge(number, toks, i, c, t, unit)
        if claim is not None:
            out.append(claim)
    return out


def _gives(between: list[Token]) -> bool:
    return any(x.kind in ("EQ", "ARROW") or x.text.lower() in _RESULT or
               x.kind == "HANGUL" and (x.text.endswith(_KO_RESULT[1]) or
                                       x.text.startswith(_KO_RESULT[0]))
               for x in between)


def _judge(number: int, toks: list[Token], i: int, c: int, t: int, unit: str) -> Claim | None:
    per, count, figure = toks[i].num.value, toks[c].num.value, toks[t].num
    if count.denominator != 1 or count < 2 or per <= 0:
        return None
    total = per * count
    text = f"{toks[i].text} per {unit} x {toks[c].text} = {figure.text}"
    if agrees(total, figure, exact=True):
        return Claim(number, text, "arithmetic", figure.text, _num(total), "right",
                     f"{toks[i].text} per {unit} times {toks[c].text}", confidence=CONFIDENCE)
    if figure.value in (total + count, total - count, per + count) or agrees(total, figure):
        return None  # one side counts each unit's bias; or a rounded figure
    shown = plain(total, grouped=figure.style == "grouped")
    return Claim(number, text, "arithmetic", figure.text, _num(total), "wrong",
                 f"{toks[i].text} per {unit} times {toks[c].text} is {plain(total)}, "
                 f"not {figure.text}",
                 (Edit(number, toks[t].start, toks[t].end, shown),), shown, CONFIDENCE)


def _num(v: Fraction):
    return int(v) if v.denominator == 1 else float(v)
