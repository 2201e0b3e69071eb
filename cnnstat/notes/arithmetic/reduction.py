"""How much one figure cuts another, stated in the same sentence.

Notes compare two costs or counts and say by how much the second is smaller::

    변환 이후의 연산량은 358M으로, 변환 이전 854M과 비교했을 때 약 58% 감소
    the cost drops from 854M to 358M, more than 2x fewer operations
    파라미터의 수는 854M에서 358M으로 2배 이상 감소

A percentage may be the cut or the share that is left (``30% 수준으로 줄였다``): it is
right when either reading gives it. The two figures are the sentence's only scaled numbers (``M``, ``G``, ``K``, ``만``,
``억``); the cut is a percentage (``1 - small / big``) or a factor (``big / small``),
with a word that says the figure went down (감소, 줄, less, fewer, smaller, drop, reduc,
cut, 차이). It is judged to the digits written (``약``, ``about``, ``~`` allow the
rounding) or as a bound (``이상``, ``more than``, ``over``).
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.normalise import Token

DOWN = re.compile(r"감소|줄|less|fewer|smaller|drop|reduc|cut|차이|saving|lower", re.I)
_PERCENT = re.compile(r"(?P<about>약|about|around|approximately|~|≈)?\s*(?P<n>[0-9]{1,3}(?:\.[0-9]+)?)"
                      r"\s*%")
_FACTOR = re.compile(r"(?P<about>약|about|around|approximately|~|≈)?\s*"
                     r"(?:(?:more\s+than|over|at\s+least)\s+)?(?P<n>[0-9]{1,3}(?:\.[0-9]+)?)\s*"
                     r"(?:배|x|×|times)(?P<bound>\s*이상|\s*넘게)?(?![0-9A-Za-z])", re.I)
_LEVEL = re.compile(r"\s*(?:수준|정도|가량|level)")
_MORE_THAN = re.compile(r"(?:more\s+than|over|at\s+least)\s+$", re.I)
_SENTENCE = re.compile(r"[.!?](?:\s|$)|다\.|요\.")


def check_line(number: int, masked: str, tokens: list[Token]) -> list[Claim]:
    if "%" not in masked and not re.search(r"배|x|×|times", masked):
        return []
    if not DOWN.search(masked):
        return []
    scaled = [t for t in tokens if t.kind == "NUM" and t.num.unit > 1]
    if len(scaled) != 2:
        return []
    a, b = (t.num.value for t in scaled)
    if a <= 0 or b <= 0 or a == b:
        return []
    if _SENTENCE.search(masked[scaled[0].end:scaled[1].start]):
        return []  # the two figures in different sentences
    big, small = max(a, b), min(a, b)
    # each figure as rounded to its digits: the share small/big anywhere in their spread
    # ("120.4M 대비 12.4M ... 120,422,400 / 12,443,648 ≈ 9.68배": 9.67 to 9.75)
    pb, ps = ((t.num.precision / 2 for t in scaled) if a > b else
              (t.num.precision / 2 for t in reversed(scaled)))
    if small <= ps:
        return []
    share = (small / big, (small - ps) / (big + pb), (small + ps) / (big - pb))
    after = masked[min(t.start for t in scaled):]
    out: list[Claim] = []
    p = _PERCENT.search(after)
    if p is not None:  # "58% less" is the cut; "30% 수준으로 줄" the share that is left:
        stated = Fraction(p.group("n"))  # right when either reading gives the figure
        cut, left = tuple(100 - 100 * v for v in share), tuple(100 * v for v in share)
        about = bool(p.group("about")) or bool(_LEVEL.match(after, p.end()))
        got = _claim(number, p, stated, cut, "%", about, False,
                     f"1 - {_show(small)} / {_show(big)}")
        if got.verdict == "wrong":
            other = _claim(number, p, stated, left, "%", about, False,
                           f"{_show(small)} / {_show(big)}")
            got = other if other.verdict == "right" else got
        out.append(got)
    f = _FACTOR.search(after)
    if f is not None and p is None:
        stated = Fraction(f.group("n"))
        bound = bool(f.group("bound")) or bool(_MORE_THAN.search(after[:f.start("n")]))
        out.append(_claim(number, f, stated, tuple(1 / v for v in share), "x",
                          bool(f.group("about")), bound,
                          f"{_show(big)} / {_show(small)}"))
    if _other_quantity(masked, scaled, out):
        return []  # "1.25M and 1.24M parameters; ... 2.4x less computation": not their cut
    if len(_PERCENT.findall(masked)) + len(_FACTOR.findall(masked)) > 1:
        # "32x smaller (4.2M vs 138M) with about 27x fewer mult-adds": several cuts on the
        # line, each maybe of another quantity; one that disagrees is not judged
        out = [c for c in out if c.verdict == "right"]
    return out


# what a figure or a cut counts, by the word after it: parameters, or operations
_QUANTITY = (("params", re.compile(r"param|weight|파라미터|매개\s*변수|가중치", re.I)),
             ("ops", re.compile(r"flop|\bmacs?\b|mult|operation|\bops\b|comput|연산|곱셈", re.I)))
_AFTER_CUT = re.compile(r"\s*(?:less|fewer|smaller|lower|reduction\s+in|cut\s+in)\s+(\S+(?:\s+\S+)?)",
                        re.I)


def _quantity(text: str) -> str | None:
    found = {name for name, rx in _QUANTITY if rx.search(text)}
    return found.pop() if len(found) == 1 else None


def _other_quantity(masked: str, scaled: list[Token], cuts: list[Claim]) -> bool:
    """Whether the cut names a quantity (``2.4x less computation``) other than the one its
    two figures count (``1.25M and 1.24M parameters``)."""
    if not cuts:
        return False
    figures = _quantity(masked[scaled[1].end:scaled[1].end + 16])
    at = masked.find(cuts[0].text, scaled[0].start)
    if figures is None or at < 0:
        return False
    rest = masked[at + len(cuts[0].text):]
    if re.fullmatch(r"\s*(?:less|fewer|smaller|lower)\s*", rest, re.I):
        return True  # "... 2.4x less" and the line ends: what it counts is on the next
    after = _AFTER_CUT.match(rest)
    cut = _quantity(after.group(1)) if after else None
    return cut is not None and figures != cut


def _claim(number: int, m: re.Match, stated: Fraction, spread: tuple, unit: str,
           about: bool, bound: bool, how: str) -> Claim:
    """``spread``: the value from the figures as written, then the two ends the figures'
    rounding allows."""
    actual, lo, hi = spread[0], min(spread[1:]), max(spread[1:])
    digits = m.group("n")
    decimals = len(digits.partition(".")[2])
    step = Fraction(1, 10 ** decimals)
    if about and not decimals and digits.endswith("0"):
        step = Fraction(10)  # "약 30%": one digit written, the zero a placeholder
    if bound:
        ok = hi >= stated
    else:  # the digits written: 58% is 57.5 to 58.5; "약 2배" is 1.5 to 2.5
        room = step if about else step / 2
        ok = lo - room <= stated <= hi + room
    shown = f"{float(actual):.{max(decimals, 1)}f}{unit}"
    return Claim(number, m.group(0).strip(), "ratio", m.group(0).strip(), shown,
                 "right" if ok else "wrong", f"{how} = {shown}", confidence=0.8)


def _show(v: Fraction) -> str:
    return f"{float(v):,.0f}"
