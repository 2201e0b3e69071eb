"""The receptive field of a stack whose dilations double level by level (a TCN, WaveNet's
blocks): dilations ``1, 2, 4, ..., 2^(L-1)``, kernel ``k``, one or two dilated convs a level
(``c``, which the note seldom says), so the field is ``1 + c·(k - 1)·(2^L - 1)`` (the growth
rule, ``analysis.grow``, over the stack: stride 1, each conv adding ``(k - 1)·d``).

Read where a line up to ``WINDOW`` lines above (or the line) says the dilations double
(``dilation = 2 ** i``, ``dilations 1, 2, 4, 8``, ``dilation doubles``):

* a rule in the kernel's and the levels' names with a power of 2 in the levels
  (``Total receptive field = kernel_size * (2^num_levels - 1)``, ``RF = 1 + (k-1)(2^L - 1)``):
  evaluated at several k and L, right where it is the field for one or two convs a level,
  wrong where it is neither (nor the same with L counted from 0);
* a figure (``receptive field = 3 * (2^4 - 1) = 45``) where the kernel and the number of
  levels are each stated once on the line or above (``4 levels with kernel_size=3``): right
  where it is the field for one or two convs a level, wrong where neither (a line that names
  a level, ``Level 2 (dilation 2)``, ``after``, ``each``, or a lower level's field: not judged).
"""

from __future__ import annotations

import re
from collections import deque
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.rules.ruletree import _Parser, plain, tokens, value
from cnnstat.notes.signs import Gated

WINDOW = 10
_DOUBLING = Gated(("dilation", "dilated", "dilations"),
                  r"dilat\w*\s*(?:rates?\s*)?(?:=|:|of|is)?\s*2\s*(?:\*\*|\^)\s*\(?\s*[a-z]|"
                  r"dilat\w*[^.\n]{0,30}?\b1\s*,\s*2\s*,\s*4\b|"
                  r"dilat\w*[^.\n]{0,30}?doubl|doubl\w*[^.\n]{0,20}?dilat|"
                  r"dilat\w*[^.\n]{0,20}?(?:두\s*배|2배)", re.I)
NEEDS = ("dilat", "receptive", "수용", "rf", "kernel", "filter", "level", "레벨", "커널", "k=",
         "k =", "k:")
_FIELD = re.compile(r"(?:receptive[\s_]+field|(?<![A-Za-z])RF(?![A-Za-z])|수용\s*영역)"
                    r"(?:\s*size)?\s*(?:=|:|is)\s*", re.I)
_KERNEL_NAMES = r"kernel_size|kernel|filter_size|filter_length|k|K"
_LEVEL_NAMES = r"num_levels|n_levels|levels|L"
_POWER = re.compile(rf"2\s*(?:\^|\*\*)\s*\(?\s*(?:{_LEVEL_NAMES})(?![A-Za-z_])")
_TYPED = r"\s*(?::\s*int\s*)?"  # an argument's annotation: "kernel_size: int = 3"
# the kernel stated ("kernel_size=3", "kernel size 3", "k = 3", "3 kernel") and the number
# of levels ("4 levels", "num_levels: int = 4")
_K_SAID = re.compile("|".join((
    r"(?:kernel(?:[_ ]size)?|filter[_ ]size)" + _TYPED + r"(?:=|:|of|is)?\s*(\d{1,2})(?![\d.])",
    r"(?<![A-Za-z])k\s*(?:=|:)\s*(\d{1,2})(?![\d.])", r"(?<![\d.])(\d{1,2})\s*(?:x\s*1\s*)?kernels?\b")),
    re.I)
_L_SAID = re.compile("|".join((r"(?<![\d.])(\d{1,2})\s*(?:levels?|레벨)(?![A-Za-z])",
                               r"(?:num_levels|n_levels|levels)" + _TYPED + r"(?:=|:)\s*(\d{1,2})(?!\d)")),
                     re.I)
_FIGURE = re.compile(r"(?:=|:|\bis\b)\s*(\d{1,6})(?!\d|[.,]\d|\s*[-+*/^x×]\s*\d)[^=]*$")
_PART = re.compile(r"\b(?:level|layer|block|stage)\s*#?\d|\bdilation\s*(?:=|:|of|is)?\s*\d|"
                   r"\bafter\b|\beach\b|\bfirst\b", re.I)
_SAMPLES = [(k, n) for k in (2, 3, 5) for n in (1, 2, 3, 4)]


def field(k: int, levels: int, per_level: int) -> int:
    """The growth rule over ``levels`` levels of ``per_level`` convs, dilation ``2^i``."""
    from cnnstat.analysis import grow
    rf, jump = (1, 1), (1, 1)
    for i in range(levels):
        for _ in range(per_level):
            span = (k - 1) * 2 ** i + 1
            rf, jump = grow(rf, jump, ((span, span), (1, 1)))
    return rf[0]


class _Powers(_Parser):
    """The rules' grammar (``ruletree``), a power's exponent any operand (``2^L``)."""

    def _power(self):
        base = self._atom()
        if self._peek() == ("op", "^"):
            self.pos += 1
            return ("^", base, self._atom())
        return base


class Stack:
    def __init__(self) -> None:
        self.doubling = -WINDOW - 1  # the last line that said the dilations double
        self.recent: deque[tuple[int, set[int], set[int]]] = deque(maxlen=WINDOW)

    def check_line(self, number: int, raw: str) -> list[Claim]:
        if _DOUBLING.search(raw):
            self.doubling = number
        ks = {int(next(g for g in t if g)) for t in _K_SAID.findall(raw)}
        ls = {int(next(g for g in t if g)) for t in _L_SAID.findall(raw)}
        self.recent.append((number, ks, ls))
        m = _FIELD.search(raw)
        if m is None or number - self.doubling > WINDOW:
            return []
        rest = plain(raw[m.end():]).strip().rstrip(".")
        expr = re.split(r"\s*(?:=|,|;|\bfor\b|\bwith\b)\s*", rest)[0]
        if _POWER.search(expr):
            return self._rule(number, expr)
        return self._figure(number, raw, m.start())

    def _said(self, number: int, which: int) -> set[int]:
        """The kernels (1) or numbers of levels (2) stated within ``WINDOW`` lines."""
        return {x for entry in self.recent if number - entry[0] <= WINDOW for x in entry[which]}

    def _rule(self, number: int, expr: str) -> list[Claim]:
        toks = tokens(expr.replace("**", "^"))
        if not toks or "".join(t for _, t in toks).replace(" ", "") != \
                expr.replace("**", "^").replace(" ", ""):
            return []
        words = {t for kind, t in toks if kind == "word"}
        kname = [w for w in words if re.fullmatch(_KERNEL_NAMES, w)]
        lname = [w for w in words if re.fullmatch(_LEVEL_NAMES, w)]
        if len(kname) != 1 or len(lname) != 1 or len(words) != 2:
            return []
        try:
            node = _Powers(toks).parse()
            got = [value(node, {kname[0]: Fraction(k), lname[0]: Fraction(n)})
                   for k, n in _SAMPLES]
        except (ValueError, IndexError, KeyError, ZeroDivisionError, TypeError):
            return []
        fits = [c for c in (1, 2) if got == [field(k, n, c) for k, n in _SAMPLES]]
        shifted = any(got == [field(k, n + 1, c) for k, n in _SAMPLES] for c in (1, 2))
        if not fits and shifted:
            return []  # the levels counted from 0: another reading, not judged
        want = "1 + c·(k - 1)·(2^L - 1)"
        return [Claim(number, f"receptive field = {expr}", "receptive field", expr, want,
                      "right" if fits else "wrong",
                      "dilations doubling, c dilated convs a level (c = "
                      f"{' or '.join(map(str, fits)) or '1 or 2'}): 1 + c·(k - 1)·(2^L - 1)", (),
                      "" if fits else want)]

    def _figure(self, number: int, raw: str, start: int) -> list[Claim]:
        m = _FIGURE.search(raw, start)
        if m is None:
            return []
        ks, ls = self._said(number, 1), self._said(number, 2)
        if len(ks) != 1 or len(ls) != 1:
            return []
        k, n = ks.pop(), ls.pop()
        if not (2 <= k <= 15 and 1 <= n <= 12):
            return []
        said = int(m.group(1))
        fits = {field(k, n, c) for c in (1, 2)}
        ok = said in fits
        if not ok and (_PART.search(raw) or said in {field(k, i, c) for i in range(1, n)
                                                     for c in (1, 2)}):
            return []  # one level's field, or a level's named: not the stack's
        one, two = sorted(fits)
        return [Claim(number, f"receptive field, {n} levels of kernel {k}: {said}",
                      "receptive field", m.group(1), said if ok else one,
                      "right" if ok else "wrong",
                      f"dilations 1..{2 ** (n - 1)}, kernel {k}: {one} with one dilated conv "
                      f"a level, {two} with two", (), "" if ok else f"{one} or {two}")]
