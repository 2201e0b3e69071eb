"""A ratio between figures worked out just above it::

    ⇒ total params = (96X128X3X3) + (96X192X1X1) = 129,024개
    ⇒ total params = 128X192X3X3 = 221,184개
    ⇒ result: 약 2배 차이 (1.71배)                  <- 221,184 / 129,024 = 1.714: right
    -> 672 / 2160 = 0.31
    MobileNet is 3.2× more efficient               <- 1 / 0.311 = 3.21: right
    Depthwise separable conv uses 11.3% of the cost  (under "= 0.113": right)
    ... (2 orders of magnitude)                    <- 1,180,160 / 70,016 = 16.9: one order

A line that states a ratio (``3.2×``, ``1.71배``, ``9 times``, ``11.3%``, ``2 orders of
magnitude``) and no calculation of its own, within ``WINDOW`` lines under calculations
(their results, as the arithmetic reader computed them, a line's last two; a result more than ``GAP`` lines
under the one before starts a new group), is judged against those results:
one result (a fraction, ``0.31``: its value as a percent, its inverse as a factor) or two
(their quotient either way). A line with any other figure compares its own figures; one
that names its other side (``than AlexNet``, ``보다``) is ``ratios``'s. A ratio one of them gives, to the precision written (an
``about``/``약``/``~`` one within 15%; an order of magnitude within half an order) is
right. It is wrong only where exactly two results stand in the window, the line compares
(``more``, ``less``, ``fewer``, ``efficient``, ``차이``, ``of the cost``, ``orders of
magnitude``) and the ratio is off their quotient by more than 40% (or an order of
magnitude and more): the two figures the ratio is of are then not in doubt.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from cnnstat.notes.claims import Claim

WINDOW = 8  # lines a result stays a candidate
GAP = 4  # lines between two results of one group
KEPT = 4  # results kept
NEEDS = ("%", "×", "x", "times", "배", "order")
CONFIDENCE = 0.8  # the figures are guessed from where they stand
_FACTOR = re.compile(r"(?P<about>약\s*|about\s+|around\s+|roughly\s+|~\s*|≈\s*)?(?<![0-9.])"
                     r"(?P<k>[0-9]{1,4}(?:\.[0-9]{1,3})?)\s*(?:×|x(?![0-9a-z])|times\b|배)", re.I)
_PERCENT = re.compile(r"(?P<about>약\s*|about\s+|~\s*|≈\s*)?(?<![0-9.])"
                      r"(?P<k>[0-9]{1,3}(?:\.[0-9]{1,3})?)\s*%")
_ORDERS = re.compile(r"(?P<k>[0-9]|one|two|three|four|five)\s+orders?\s+of\s+magnitude", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_COMPARES = re.compile(r"more|less|fewer|efficien|cheaper|faster|smaller|larger|bigger|"
                       r"reduc|saving|of\s+the\s+(?:cost|param|comput|operation)|차이|절감|감소|"
                       r"줄|많|적|orders?\s+of\s+magnitude", re.I)
_OWN = re.compile(r"[0-9]")
# "3x fewer parameters than AlexNet": a comparison that names its other side (``ratios``)
_THAN = re.compile(r"\bthan\b|보다|compared\s+(?:to|with)|대비|에\s*비해", re.I)
_CALC = re.compile(r"[0-9]\s*[=≈]|[=≈]\s*[0-9(]|[0-9]\s*[+*/×÷-]\s*[0-9(]")
# a clause of the line: the comparing word must be in the ratio's own ("90% in the dense
# layers; conv layers are efficient" compares nothing in its first clause)
_CLAUSE = re.compile(r"[;!?]|\.(?:\s|$)|\bbut\b|하지만|그러나")
# a figure of a line's own, not a ratio's (``~300k params``, ``120,000``, ``1.2M``)
_FIGURE = re.compile(r"(?<![0-9.,x×*])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{3,}|[0-9]+(?:\.[0-9]+)?\s*"
                     r"(?:[kKMB](?![A-Za-z])|만|억))(?![0-9]|\s*[x×*]\s*[0-9])")
# which way a percent goes: "45% fewer" (the cut, 1 - a/b), "81% more" (b/a - 1)
_WAY = {way: re.compile(words, re.I) for way, words in (
    ("up", r"more|많|increas|늘|larger|bigger|higher|extra"),
    ("down", r"less|fewer|smaller|lower|reduc|saving|save|cut|감소|줄|절감|적"))}
# "= 27C²", "= 49C^2": a result stated in one symbol (its coefficients make a ratio)
_MONOMIAL = re.compile(r"=\s*([0-9]{1,6})\s*\*?\s*([A-Za-z](?:\s*\^\s*\{?[0-9]\}?|[²³])?)"
                       r"(?![A-Za-z0-9_^²³(])")
_RESULT = re.compile(r"\s*[0-9][0-9,.]*\s*(?:[A-Za-z](?:\s*\^\s*\{?[0-9]\}?|[²³])?(?![A-Za-z]))?")
_PRODUCT = re.compile(r"[0-9]+(?:\s*[x×*]\s*[0-9]+)+")
SMALL = 20  # a number this small in a ratio's clause names a kernel or a count, no figure


ABOUT = Fraction(15, 100)  # "about", "around", "~", "약": this close to the value


def stated_near(value: Fraction, written: str, about: bool) -> bool:
    """Whether a factor or percent ``written`` (``8``, ``2.5``) is ``value`` to the digits
    it writes, or within ``ABOUT`` of it after a word of approximation."""
    digits = written.split(".")
    half = Fraction(1, 2 * 10 ** (len(digits[1]) if len(digits) > 1 else 0))
    k = Fraction(written)
    return abs(value - k) <= half or bool(about and abs(value - k) <= value * ABOUT)


UNREAD = 64  # lines without a result kept undecided, at most


# a figure written as a result on the line (not a symbol's coefficient: "= 49C²")
_EQUATED = re.compile(r"[=≈]\s*[~≈]?\s*[0-9][0-9.,]*(?![0-9.,])\s*(?:[KMGTB](?![A-Za-z²³^])|"
                      r"(?![A-Za-z²³^]))")


class Results:
    def __init__(self) -> None:
        self.seen: list[tuple[int, Fraction]] = []
        self.stated = 0  # the last line with a figure of its own, no result worked out
        # the lines without a result since ``stated`` was last decided, to be tested for a
        # figure only where a ratio below asks (``_stated``): most lines are never asked
        self.unread: list[tuple[int, str]] = []
        self.symbolic: list[tuple[int, Fraction, str]] = []  # "= 27C²": 27, "C²"
        # a line's result that its next calculation takes as an operand (``10x10x50 =
        # 5,000 inputs, so 5000·500 + 500 = 2,500,500 params``): a chain, no two figures
        # compared, so a ratio under it (``about 6.2x more``) may be of a figure elsewhere
        self.chained: set[tuple[int, Fraction]] = set()
        self.read = (0, 0)  # the last line with results, and how many were read on it

    def _symbols(self, number: int, masked: str) -> None:
        found = [(number, Fraction(m.group(1)), re.sub(r"[\s{}]", "", m.group(2))
                  .replace("^2", "²").replace("^3", "³")) for m in _MONOMIAL.finditer(masked)]
        if found:
            if self.symbolic and number - self.symbolic[-1][0] > GAP:
                self.symbolic = []
            self.symbolic = (self.symbolic + found[-1:])[-KEPT:]

    def _group(self, number: int, own: bool = False) -> list[Fraction] | None:
        """The figures a ratio here is of: the results above, or the coefficients of one
        symbol's results (``27C²``, ``49C²``); None where both or neither stand. A line
        whose own result is in a symbol (``own``) compares that symbol's results."""
        plain = [v for n, v in self.seen if number - n <= WINDOW]
        syms: dict[str, list[Fraction]] = {}
        for n, v, sym in self.symbolic:
            if number - n <= WINDOW:
                syms.setdefault(sym, []).append(v)
        if own and self.symbolic and self.symbolic[-1][0] == number:
            return syms.get(self.symbolic[-1][2])
        groups = [g for g in [plain, *syms.values()] if g]
        return groups[0] if len(groups) == 1 else None

    def check_tail(self, number: int, masked: str) -> list[Claim]:
        """A ratio stated after the line's own last calculation (``(3x3x3)+(3x64) = 219.
        That is around 8 times smaller``, ``= 49C² 이다. 즉 ... 45% 줄일 수 있다``): of the
        results above and this one."""
        self._symbols(number, masked)
        eqs = list(re.finditer(r"[=≈]", masked))
        if not eqs:
            return []
        result = _RESULT.match(masked, eqs[-1].end())
        if result is None:
            return []
        tail = _PRODUCT.sub(" ", masked[result.end():])  # "(8 x 8)", "3 * 3 필터": no ratio
        rest = _ORDERS.sub(" ", _PERCENT.sub(" ", _FACTOR.sub(" ", tail)))
        if _THAN.search(tail) or not _COMPARES.search(tail) or \
                any(int(d) >= SMALL for d in re.findall(r"[0-9]+", rest)):
            return []  # "= 8 (8 x 8)": a shape, no ratio; a ratio says what it compares
        recent = _from_to(masked[:eqs[-1].start()], [v for n, v in self.seen if n == number]) \
            or self._group(number, own=True)
        if not recent or not (_FACTOR.search(tail) or _PERCENT.search(tail)):
            return []
        got = self._unchained(number, [c for c in self._factor(number, tail, recent) +
                                       self._percent(number, tail, recent) if c is not None])
        if len(_EQUATED.findall(masked)) > (self.read[1] if self.read[0] == number else 0):
            # "600 epochs × 1.28M images ≈ 768M ..., vs 90 × 1.28M ≈ 115M: ~6.7x": a
            # result of the line went unread, and the ratio may be of it
            got = [c for c in got if c.verdict != "wrong"]
        return got

    def results(self, number: int, arithmetic: list[Claim], masked: str = "") -> list[Claim]:
        """A line's calculations: its last result is a candidate; one more than ``GAP``
        lines under the one before starts a new group of them. A line with a figure and
        no result (``the whole CNN has ~300k params``) may be what a ratio under it is of."""
        found = [(number, Fraction(c.actual)) for c in arithmetic
                 if c.kind == "arithmetic" and c.verdict in ("right", "wrong", "info")
                 and isinstance(c.actual, (int, float)) and c.actual]
        if not found:
            self.unread.append((number, masked))
            if len(self.unread) > UNREAD:
                self._stated()
        if found:
            self.read = (number, len(found))
            if self.seen and number - self.seen[-1][0] > GAP:
                self.seen = []
            # a line's last result; a line of several calculations (``= 69,632 weights, at
            # 56x56 that is ... = 218,365,952 MACs``) keeps each, so a ratio below has more
            # than two figures it may be of (none of them wrong by it alone)
            kept = list(dict.fromkeys(v for _, v in found))
            self.seen = (self.seen + [(number, v) for v in kept[-2:]])[-KEPT:]
            self.chained |= _chained(number, arithmetic)
        return []

    def check_line(self, number: int, masked: str) -> list[Claim]:
        if _CALC.search(masked) or _THAN.search(masked) or _OWN.search(
                _ORDERS.sub(" ", _PERCENT.sub(" ", _FACTOR.sub(" ", masked)))):
            return []  # a line with figures of its own compares those
        recent = self._group(number)
        if not recent:
            return []
        got = [c for c in self._factor(number, masked, recent) +
               self._percent(number, masked, recent) +
               [self._orders(number, masked, recent)] if c is not None]
        last = max([n for n, _ in self.seen] + [n for n, _, _ in self.symbolic], default=0)
        if last < self._stated() < number:  # a figure stated between: the ratio
            got = [c for c in got if c.verdict != "wrong"]  # may be of it, not theirs
        return self._unchained(number, got)

    def _unchained(self, number: int, got: list[Claim]) -> list[Claim]:
        """``got`` without its wrong verdicts where a result in the window is one step of
        a chain on its line: the two figures the ratio is of are then in doubt."""
        if any(number - n <= WINDOW for n, _ in self.chained & set(self.seen)):
            return [c for c in got if c.verdict != "wrong"]
        return got

    def _stated(self) -> int:
        """The last line with a figure of its own and no result worked out (``results``
        keeps the lines without a result; the newest with a figure decides)."""
        for number, masked in reversed(self.unread):
            if _FIGURE.search(_ORDERS.sub(" ", _PERCENT.sub(" ", _FACTOR.sub(" ", masked)))):
                self.stated = number
                break
        self.unread = []
        return self.stated

    @staticmethod
    def _pairs(recent: list[Fraction]) -> list[Fraction]:
        out = []
        for i, a in enumerate(recent):
            for b in recent[i + 1:]:
                if a and b and a != b:
                    out += [a / b, b / a]
        return out

    def _factor(self, number: int, masked: str, recent: list[Fraction]) -> list[Claim | None]:
        """Each factor of the line (``약 2배 차이 (1.71배)``: both)."""
        ones = [1 / v for v in recent if 0 < v < 1] + [v for v in recent if v > 1]
        pairs = [p for p in self._pairs(recent) if p > 1]  # a factor is written above 1
        return [self._judge(number, masked, m, Fraction(m.group("k")),
                            ones + pairs, recent, bool(m.group("about")), "x")
                for m in list(_FACTOR.finditer(masked))[:3] if Fraction(m.group("k")) > 1]

    def _percent(self, number: int, masked: str, recent: list[Fraction]) -> list[Claim | None]:
        ones = [v * 100 for v in recent if 0 < v <= 1]
        pairs = [p * 100 for p in self._pairs(recent) if p <= 1]
        up, down = _WAY["up"].search(masked), _WAY["down"].search(masked)
        if down or not up:  # the cut: 27 against 49 is 45% fewer
            pairs += [(1 - p) * 100 for p in self._pairs(recent) if p < 1]
        if up or not down:  # the excess: 49 against 27 is 81% more
            pairs += [(p - 1) * 100 for p in self._pairs(recent) if p > 1]
        return [self._judge(number, masked, m, Fraction(m.group("k")), ones + pairs, recent,
                            bool(m.group("about")), "%")
                for m in list(_PERCENT.finditer(masked))[:3]]

    def _orders(self, number: int, masked: str, recent: list[Fraction]) -> Claim | None:
        m = _ORDERS.search(masked)
        if m is None:
            return None
        k = _WORDS.get(m.group("k").lower()) or int(m.group("k"))
        logs = [abs(math.log10(p)) for p in self._pairs(recent) if p > 1]
        if not logs:
            return None
        text = m.group(0)
        if any(abs(x - k) <= 0.5 for x in logs):
            return Claim(number, text, "ratio", m.group("k"), round(logs[0], 2), "right",
                         "the figures above, one over the other", confidence=CONFIDENCE)
        if len(recent) == 2 and len(logs) == 1 and abs(logs[0] - k) >= 0.75:
            ratio = max(recent) / min(recent)
            return Claim(number, text, "ratio", m.group("k"), round(logs[0], 2), "wrong",
                         f"{float(max(recent)):,.0f} / {float(min(recent)):,.0f} = "
                         f"{float(ratio):.1f}: {round(logs[0])} order(s) of magnitude, "
                         f"not {k}", confidence=CONFIDENCE)
        return None

    @staticmethod
    def _judge(number: int, masked: str, m: re.Match, k: Fraction, candidates: list[Fraction],
               recent: list[Fraction], about: bool, unit: str) -> Claim | None:
        if not candidates:
            return None
        text = masked[m.start():m.end()].strip()
        near = [c for c in candidates if stated_near(c, m.group("k"), about)]
        if near:
            return Claim(number, text, "ratio", m.group("k"), round(float(near[0]), 3), "right",
                         "the figures above, one over the other", confidence=CONFIDENCE)
        ends = [c.end() for c in _CLAUSE.finditer(masked, 0, m.start())]
        clause = masked[ends[-1] if ends else 0:]
        later = _CLAUSE.search(clause, m.end() - (ends[-1] if ends else 0))
        if len(recent) != 2 or not _COMPARES.search(clause[:later.start()] if later else clause):
            return None
        best = min(candidates, key=lambda c: abs(c - k))
        if abs(best - k) <= best * Fraction(40, 100):
            return None  # near enough to be a loose rounding
        return Claim(number, text, "ratio", m.group("k"), round(float(best), 3), "wrong",
                     f"the two figures above give {float(best):.3g}{unit}, not "
                     f"{m.group('k')}{unit}", confidence=CONFIDENCE)


# "from 9 to 3+3 = 6, about 33% fewer", "49개에서 9+9+9=27로 약 45%": the line names the
# figure it starts from, and its ratio compares that one with its own result
_FROM = re.compile(r"\bfrom\s+(?P<a>[0-9][0-9,]*(?:\.[0-9]+)?)(?![0-9.,]*\s*[x×*/+^-])(?=\s*\w*\s+to\b)|"
                   r"(?<![0-9.,x×*/+^-])(?P<b>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?:개|개의\s*\w+)?\s*에서",
                   re.I)


def _from_to(head: str, own: list[Fraction]) -> list[Fraction] | None:
    """The figure a line starts from, and the line's own last result: the two its ratio is
    of; None where the line names no such figure, or several."""
    found = list(_FROM.finditer(head))
    if len(found) != 1 or not own:
        return None
    start = Fraction((found[0].group("a") or found[0].group("b")).replace(",", ""))
    return [start, own[-1]] if start and start != own[-1] else None


def _chained(number: int, arithmetic: list[Claim]) -> set[tuple[int, Fraction]]:
    """The results of a line that its next calculation takes as an operand."""
    calcs = [c for c in arithmetic if c.kind == "arithmetic" and
             isinstance(c.actual, (int, float)) and c.actual]
    out = set()
    for a, b in zip(calcs, calcs[1:]):
        left = b.text.split("=")[0]
        operands = {Fraction(x.replace(",", "")) for x in re.findall(r"[0-9][0-9,]*(?:\.[0-9]+)?", left)}
        if Fraction(a.actual) in operands and Fraction(a.actual) != Fraction(b.actual):
            out.add((number, Fraction(a.actual)))
    return out
