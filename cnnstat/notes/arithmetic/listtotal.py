"""A total written after the list of counts it adds up: ``456/2416/48120/10164/850,
total 62,006``; ``64 / 128 / 32 / 32 → 합계 256``; ``(sum: 1,792)`` after ``1,728 + 64``.

The list is three counts or more separated by ``/`` (or two or more by ``+``), read as
separate figures, never as a division; right after it (a comma, a colon, a bracket, an
arrow or a dash between) a total word (``total``, ``sum``, ``overall``, ``총``, ``합``,
``합계``, ``전체``), then the figure; or the figure, then ``in total``. The total is the
sum of the list:

- equal (to the figure's precision; with ``≈``/``약``/``about`` to its last non-zero
  digit): right;
- otherwise wrong, unless the figure is the list's product (then it is no sum) or a
  count of the list's items (``3/4/6/3, 4 stages in total``).
A number glued to a word (``conv3``) or any other token inside the list ends it.
"""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain

TOTAL_WORDS = ("total", "totals", "sum", "overall", "총", "합", "합계", "전체", "총합")
NEEDS = ("total", "sum", "overall", "총", "합", "전체")
_BETWEEN = {",", ":", ";", "(", "-", "—", "–"}  # between the list and the total word
_APPROX_WORDS = {"about", "approximately", "roughly", "around", "약", "대략"}
_FILLERS = {"of", "is", "are", "count", "parameters", "params", "개", "은", "는", "이"}
CONFIDENCE = 0.8  # the list's quantity is read from its form, not from a word


def _is_sep(t: Token, op: str) -> bool:
    return t.kind == "OP" and t.text == op


def check_line(number: int, toks: list[Token]) -> list[Claim]:
    out: list[Claim] = []
    k, n = 0, len(toks)
    while k < n:
        t = toks[k]
        if t.kind != "NUM" or (k and toks[k - 1].kind in ("WORD", "HANGUL", "OP")
                               and not toks[k].gap):
            k += 1
            continue
        # the list: NUM (op NUM)+ with one operator, / or +
        op = toks[k + 1].text if k + 1 < n and toks[k + 1].kind == "OP" and \
            toks[k + 1].text in ("/", "+") else None
        j = k
        items = [t]
        while op and j + 2 < n and _is_sep(toks[j + 1], op) and toks[j + 2].kind == "NUM":
            items.append(toks[j + 2])
            j += 2
        if op is None or len(items) < (3 if op == "/" else 2):
            k += 1
            continue
        claim = _total_after(number, toks, j + 1, items, op)
        if claim is not None:
            out.append(claim)
        k = j + 1
    return out


def _total_after(number: int, toks: list[Token], j: int, items: list[Token],
                 op: str) -> Claim | None:
    n = len(toks)
    if j < n and toks[j].kind in ("NUM", "OP", "EQ", "APPROX"):
        return None  # the list goes on as a calculation ("456/2 + 1", "= 62,006")
    k = j
    while k < n and k - j < 2 and (toks[k].kind in ("ARROW", "LP") or toks[k].text in _BETWEEN):
        k += 1
    if k < n and toks[k].kind == "NUM" and _total_follows(toks, k + 1):
        return _judge(number, toks, k, items, op, False)  # "..., 30,178 in total"
    if k >= n or toks[k].kind not in ("WORD", "HANGUL") or \
            toks[k].text.lower() not in TOTAL_WORDS:
        return None
    k += 1
    approx = False
    while k < n and k - j < 6 and toks[k].kind != "NUM":
        w = toks[k].text.lower()
        if toks[k].kind == "APPROX" or w in _APPROX_WORDS:
            approx = True
        elif not (toks[k].kind in ("EQ", "ARROW") or w in _FILLERS or w in (":", ",")):
            return None
        k += 1
    if k >= n or toks[k].kind != "NUM":
        return None
    return _judge(number, toks, k, items, op, approx)


def _total_follows(toks: list[Token], k: int) -> bool:
    """``in total``, ``in all``, ``total``, ``altogether`` right after a figure."""
    words = [t.text.lower() for t in toks[k:k + 2] if t.kind == "WORD"]
    return bool(words) and (words[0] in ("total", "altogether") or
                            words[:2] in (["in", "total"], ["in", "all"]))


def _judge(number: int, toks: list[Token], k: int, items: list[Token], op: str,
           approx: bool) -> Claim | None:
    n = len(toks)
    figure = toks[k].num
    if k + 1 < n and toks[k + 1].kind in ("OP", "LP") and not toks[k + 1].gap:
        return None  # "total 3x3": a size, not a figure
    values = [x.num.value for x in items]
    total = sum(values, Fraction(0))
    text = f" {op} ".join(x.text for x in items) + f", total {figure.text}"
    if agrees(total, figure, exact=not approx) or (approx and agrees(total, figure)):
        return Claim(number, text, "arithmetic", figure.text, _num(total), "right",
                     "a total after the counts it adds up", confidence=CONFIDENCE)
    product = Fraction(1)
    for v in values:
        product *= v
    if figure.value in (product, len(items)) or total <= 0:
        return None
    shown = plain(total, grouped=figure.style == "grouped")
    return Claim(number, text, "arithmetic", figure.text, _num(total), "wrong",
                 f"the counts listed add up to {plain(total)}, not {figure.text}",
                 (Edit(number, toks[k].start, toks[k].end, shown),), shown, CONFIDENCE)


def _num(v: Fraction):
    return int(v) if v.denominator == 1 else float(v)
