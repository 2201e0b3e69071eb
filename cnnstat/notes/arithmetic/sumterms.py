"""The tokens of a line as ``carried`` reads them: a written sum's terms and its figure, the
numbers that stand apart (not a name's ``LeNet-5``, a layer's ``conv3``), a result stated
after ``=``, a figure as a whole number."""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.reading.normalise import Token


def sum_terms(tokens: list[Token], claimed: str) -> tuple[list[Token], Token] | None:
    """The terms of ``a + b + ... = claimed`` on the line, and the figure's token: a pure
    sum of plain figures, nothing multiplied or taken away before it."""
    ends = [k for k, t in enumerate(tokens) if t.kind == "NUM" and t.text == claimed]
    for k in reversed(ends):
        if k < 4 or tokens[k - 1].kind not in ("EQ", "APPROX"):
            ahead = _terms_after(tokens, k)  # "61,706 = 156 + 2,416 + ...": the figure first
            if ahead is not None:
                return ahead, tokens[k]
            continue
        terms, j = [], k - 2
        while j >= 0 and tokens[j].kind == "NUM" and plain_figure(tokens[j]):
            terms.append(tokens[j])
            if j >= 2 and tokens[j - 1].kind == "OP" and tokens[j - 1].text == "+":
                j -= 2
                continue
            break
        if len(terms) < 2:
            continue
        before = tokens[j - 1] if j > 0 else None
        if before is not None and before.kind in ("OP", "LP", "RP", "NUM"):
            continue
        return terms[::-1], tokens[k]
    return None


def _terms_after(tokens: list[Token], k: int) -> list[Token] | None:
    """The terms of ``figure = a + b + ...`` (the figure at ``k``), the sum ending there."""
    n = len(tokens)
    if k + 4 >= n or tokens[k + 1].kind not in ("EQ", "APPROX") or \
            (k > 0 and tokens[k - 1].kind in ("OP", "LP", "NUM", "EQ", "APPROX")):
        return None
    terms, j = [], k + 2
    while j < n and tokens[j].kind == "NUM" and plain_figure(tokens[j]):
        terms.append(tokens[j])
        if j + 2 < n and tokens[j + 1].kind == "OP" and tokens[j + 1].text == "+":
            j += 2
            continue
        break
    after = tokens[j + 1] if j + 1 < n else None
    if len(terms) < 2 or (after is not None and
                          after.kind in ("OP", "LP", "RP", "NUM", "EQ", "APPROX")):
        return None
    return terms


def opens(tokens: list[Token], first: Token) -> bool:
    """The sum is the whole calculation (nothing worked out before it, ``= a + b = c``)."""
    k = next(k for k, t in enumerate(tokens) if t is first)
    return k == 0 or tokens[k - 1].kind not in ("EQ", "APPROX")


def plain_figure(t: Token) -> bool:
    return t.num is not None and t.num.unit == 1 and t.num.value.denominator == 1 and \
        t.num.style in ("plain", "grouped")


def free_numbers(tokens: list[Token]) -> list[Token]:
    """The numbers of a line that stand apart: not part of a name (``LeNet-5``,
    ``conv3``, ``F6``) or a size (``3x3``)."""
    out = []
    for k, t in enumerate(tokens):
        if t.kind != "NUM":
            continue
        prev = tokens[k - 1] if k else None
        if prev is not None and not t.gap and prev.kind in ("WORD", "HANGUL", "NUM"):
            continue
        if prev is not None and prev.kind == "OP" and not t.gap and k > 1 and \
                not prev.gap and tokens[k - 2].kind in ("WORD", "HANGUL"):
            continue  # LeNet-5
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and not nxt.gap and nxt.kind in ("WORD",) and \
                nxt.text.lower() not in ("k", "m"):
            continue  # 3D, 1st
        out.append(t)
    return out


def states_result(tokens: list[Token], free: list[Token]) -> bool:
    """An ``= N`` on the line: a result some calculation gave."""
    ids = {id(t) for t in free}
    return any(t.kind in ("EQ", "APPROX") and k + 1 < len(tokens) and
               id(tokens[k + 1]) in ids for k, t in enumerate(tokens))


def start_of(tokens: list[Token], tok: Token) -> int:
    first = next((t for t in tokens if t.kind in ("WORD", "HANGUL") or t.text in "Σ∑"), tok)
    return min(first.start, tok.start)


def whole_text(text: str | None) -> Fraction | None:
    if not text or not text.replace(",", "").isdecimal():  # "2²" is digits, no int
        return None
    return Fraction(int(text.replace(",", "")))


def whole(v: object) -> Fraction | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, Fraction)):
        f = Fraction(v)
    elif isinstance(v, float) and v.is_integer():
        f = Fraction(int(v))
    else:
        return None
    return f if f.denominator == 1 else None
