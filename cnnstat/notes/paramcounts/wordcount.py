"""A conv's parameter count said in words, a few lines under the maps it runs between.

A lecture transcript or its notes set a conv out by its maps, then count it in words::

    Say you have a 32 by 32 by 3 image and use six 5 by 5 filters: a 28 by 28 by 6 output.
    ...
    Each filter is 5 by 5, so 25 parameters, plus a bias: 26 per filter; six filters,
    156 parameters in all.                  <- wrong: each filter is 5x5x3; (75 + 1)*6 = 456

The map pair (``A x A x C`` then ``B x B x N`` on one line, two maps and no more) gives
the conv's input channels ``C`` and filters ``N``; the count's line gives the kernel ``k``
(``5x5``, ``5 by 5``, ``five by five``, or ``5x5x3``), which must be the pair's (``A - B +
1``, stride 1 and no padding, or the kernel the pair's line names; a count's line that
names none takes the one the pair's line names), and the filters it
names, if any, must be ``N``. The count is the last number the line calls parameters
(``156 parameters``, ``156개``; not ``26 per filter``), or ``k x k + 1 x N parameters``
(no brackets: the per-filter count and its bias, times the filters). Right where it is
the layer algebra's ``(k·k·C + 1)·N``; wrong where ``C > 1`` and it is ``(k·k + 1)·N`` or
``k·k·N``, the input channels left out (a grayscale input, ``C = 1``, makes those right);
anything else, the weights alone included, is not judged. A line that speaks of depthwise
or per-channel filters is not read, nor a pair with as many channels out as in (a
depthwise conv's, or a pooling's).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

CONFIDENCE = 0.8  # the pair above is taken to be the layer the count is of
WINDOW = 12  # lines from the pair to its count
NEEDS = ("x", "×", " by ", "param", "weight", "파라미터", "가중치")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "sixteen": 16,
          "twenty": 20, "thirty-two": 32, "sixty-four": 64}
_NUM = r"(\d{1,4}|" + "|".join(_WORDS) + r")"
_BY = r"\s*(?:[x×*]|\bby\b)\s*"
_MAP = re.compile(r"(?<![A-Za-z0-9_.])" + _NUM + _BY + _NUM + _BY + _NUM + r"(?![A-Za-z0-9_]|\.\d|" + _BY + r"\d)",
                  re.I)
_KERNEL = re.compile(r"(?<![A-Za-z0-9_.])" + _NUM + _BY + _NUM + r"(?:" + _BY + _NUM + r")?(?![A-Za-z0-9_]|\.\d|"
                     + _BY + r"\d)", re.I)
_FILTERS = re.compile(_NUM + r"\s+(?:different\s+)?(?:filters|kernels)\b|필터\s*" + _NUM + r"\s*개",
                      re.I)
# a count called parameters: "156 parameters", "156 params", "파라미터 ... 156개"
_COUNT = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,7})\s*(?:parameters|params|개)"
                    r"(?!\s*(?:per|for\s+each|each|a\s+filter|/|당|씩))", re.I)
# "5x5 +1 x6 parameters": a filter's weights and its bias, times the filters, unbracketed
_BARE = re.compile(r"(?<![\w.])(\d{1,2})\s*[x×*]\s*(\d{1,2})\s*\+\s*1\s*\)?\s*[x×*]\s*(\d{1,4})\s*"
                   r"(?:parameters|params)", re.I)
_PARAMS = re.compile(r"param|파라미터|매개\s*변수", re.I)  # the line speaks of parameters
# a conv whose count is another than (k·k·C + 1)·N, or an input of one channel
_OTHER = re.compile(r"depth[\s-]?wise|per[\s-]channel|channel[\s-]?wise|separable|grouped|"
                    r"gray\s*scale|grey\s*scale|흑백", re.I)
# what joins the pair's two maps: the second is what the first becomes
_ARROW = re.compile(r"->|→|=>|\bto\b|\bgives?\b|\bbecom\w*|\boutput|\bresult|\binto\b|출력", re.I)


def _n(text: str) -> int:
    return int(text) if text.isdigit() else _WORDS[text.lower()]


class Pairs:
    """The last line that gave a conv's input and output maps (and what it said)."""

    def __init__(self) -> None:
        self.pair: tuple[int, int, int, int, int, frozenset[int]] | None = None
        # (line, A, C, B, N, kernels the line names)

    def check_line(self, number: int, masked: str, worked: bool = False) -> list[Claim]:
        """``worked``: the line works a calculation out (its count is the readers' of
        calculations): the pair is kept, the count not judged here."""
        maps = [tuple(_n(g) for g in m.groups()) for m in _MAP.finditer(masked)]
        if len(maps) == 2 and maps[0][0] == maps[0][1] and maps[1][0] == maps[1][1] and \
                maps[0][0] >= maps[1][0] and _ARROW.search(masked):
            named = {_n(m.group(1)) for m in _KERNEL.finditer(masked)
                     if m.group(1).lower() == m.group(2).lower() and not m.group(3)}
            (a, _, c), (b, _, n) = maps
            self.pair = (number, a, c, b, n, frozenset(named))
            return []
        if self.pair is None or number - self.pair[0] > WINDOW or \
                any(m[2] != self.pair[2] or m[0] > 11 for m in maps):
            return []  # another map than a kernel of the pair's depth (5x5x3)
        if worked or not _PARAMS.search(masked) or _OTHER.search(masked):
            return []
        return self._judge(number, masked)

    def _judge(self, number: int, masked: str) -> list[Claim]:
        line, a, c, b, n, named = self.pair
        bare = _BARE.search(masked)
        kernels = {(_n(m.group(1)), _n(m.group(3)) if m.group(3) else None)
                   for m in _KERNEL.finditer(masked) if m.group(1).lower() == m.group(2).lower()}
        if not kernels and len(named) == 1:  # "ten 3x3 filters" above: "each filter has 9"
            kernels = {(next(iter(named)), None)}
        if len(kernels) != 1:
            return []
        (k, depth), = kernels
        if depth not in (None, c) or not (a - b + 1 == k or k in named) or n == c:
            return []  # (as many channels out as in: a depthwise conv's count may be it)
        said = {_n(m.group(1) or m.group(2)) for m in _FILTERS.finditer(masked)}
        if said - {n}:
            return []
        counts = [int(m.group(1).replace(",", "")) for m in _COUNT.finditer(masked)]
        total = (int(bare.group(1)) * int(bare.group(2)) + 1) * int(bare.group(3)) \
            if bare and bare.group(1) == bare.group(2) else counts[-1] if counts else None
        if total is None:
            return []
        from cnnstat.layers import KINDS

        right = KINDS["conv"].make({"out": n, "kernel": k}).apply((c, a, a)).params
        text = bare.group(0) if bare else f"{total:,} parameters"
        how = (f"conv {k}x{k}, {c} -> {n} channels ({a}x{a}x{c} to {b}x{b}x{n}, line {line}): "
               f"({k}*{k}*{c} + 1)*{n} = {right:,}")
        if total == right:
            return [Claim(number, text, "params", str(total), right, "right", how,
                          confidence=CONFIDENCE)]
        if c > 1 and total in ((k * k + 1) * n, k * k * n):
            return [Claim(number, text, "params", str(total), right, "wrong",
                          how + f"; left out: the {c} input channels (each filter is "
                                f"{k}x{k}x{c})", confidence=CONFIDENCE)]
        return []



def read(at) -> list[Claim]:
    """The reader (``counts``): a worked calculation's count is left to ``intent`` and the
    other readers of calculations (the pair's conv is not told to them: a count there
    may leave the biases out by the words of another line, "bias는 빼고")."""
    return at.state.word_counts.check_line(
        at.line.number, at.line.masked,
        worked=any(c.verdict in ("right", "wrong") for c in at.arithmetic))
