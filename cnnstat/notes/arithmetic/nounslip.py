"""A result said again in prose a few lines on, one digit slipped, with the same noun::

    Its input is 256 * 256 * 3 = 196,608 features in all.
    With 196,908 features, one neuron needs 196,908 + 1 weights.   <- 196,608 slipped
    So 196,908 features leave us with ...                          <- the same slip again

A calculation judged right whose result is followed by a noun (``features``, ``inputs``,
``weights``; a Korean count word ``개`` may stand between) is learned. A later figure of
``MIN_DIGITS`` digits or more, within ``SPAN`` lines, followed by the same noun, written
nowhere before in the note, that is the result with one digit changed (not the first) or
two neighbours swapped (``slips.slipped``), is that result copied with a slip: wrong. The
same slipped figure with the same noun said again later is the same slip. A figure that
is itself a result (after ``=``) is another calculation's, not judged here; a figure that
another quantity could be (a different noun, a bare number) is not judged.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.arithmetic.slips import slipped
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.kept import keep

MIN_DIGITS = 5
SPAN = 6  # lines between the result (or the slip's last saying) and the figure
KEPT = 256
CONFIDENCE = 0.8
NEEDS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
# a plain figure (digit groups or none) and the noun after it
_FIGURE = re.compile(r"(?<![\w.,])(?P<fig>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{%d,})(?![\w.,]?[0-9])"
                     r"(?P<gap>\s*(?:개의?\s*)?)(?P<noun>[A-Za-z]{3,20}|[가-힣]{2,10})?"
                     % MIN_DIGITS)
_RESULT_BEFORE = re.compile(r"(?:=|≈|~|→|->)\s*$")
_NOT_NOUNS = {"and", "the", "for", "are", "was", "were", "with", "from", "into", "that",
              "this", "which", "total", "all", "each", "per", "times", "plus", "minus",
              "million", "billion", "thousand", "more", "less", "than", "over", "about"}


# a Korean particle glued to the noun ("픽셀이고", "픽셀마다"): the noun is what is before it
_JOSA = ("입니다", "으로", "이고", "마다", "에서", "이다", "이며", "이", "가", "을", "를",
         "은", "는", "의", "에", "로", "와", "과", "도", "만")


def _noun(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w in _NOT_NOUNS:
        return None
    if "가" <= w[0] <= "힣":
        return next((w[:-len(j)] for j in _JOSA if w.endswith(j) and len(w) > len(j)), w)
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _figures(masked: str):
    for m in _FIGURE.finditer(masked):
        digits = m.group("fig").replace(",", "")
        if len(digits) >= MIN_DIGITS and digits[0] != "0":
            yield m, int(digits), _noun(m.group("noun"))


class Slips:
    """The results learned, the figures written, the slips found, line by line."""

    def __init__(self) -> None:
        self.results: dict[tuple[int, str], int] = {}  # (result, noun) -> its line
        self.seen: dict[int, int] = {}  # every long figure written -> its last line
        self.slips: dict[tuple[int, str], tuple[int, int]] = {}  # (slip, noun) -> (meant, line)
        self.fresh: tuple[int, set[int]] = (0, set())  # a line's figures written first there

    def check_line(self, number: int, masked: str) -> list[Claim]:
        """A line of prose, before its calculations are judged: its figures against the
        results above."""
        out = []
        found = list(_figures(masked))
        for m, fig, noun in found:
            if noun is None or _RESULT_BEFORE.search(masked, 0, m.start()):
                continue
            meant = self._meant(number, fig, noun)
            if meant is not None:
                out.append(self._slip(number, m, fig, noun, meant))
        self.fresh = (number, {fig for _, fig, _ in found if fig not in self.seen})
        for _, fig, _ in found:
            keep(self.seen, fig, number, KEPT)
        return out

    def _slip(self, number: int, m: re.Match, fig: int, noun: str, meant: int) -> Claim:
        keep(self.slips, (fig, noun), (meant, number), KEPT)
        text = f"{m.group('fig')} {m.group('noun')}"
        shown = f"{meant:,}" if "," in m.group("fig") else str(meant)
        return Claim(number, text, "arithmetic", m.group("fig"), meant, "wrong",
                     f"the {m.group('noun')} worked out above are {shown}; "
                     f"{m.group('fig')} is that figure with a digit slipped",
                     (Edit(number, m.start("fig"), m.end("fig"), shown),), shown, CONFIDENCE)

    def _meant(self, number: int, fig: int, noun: str) -> int | None:
        again = self.slips.get((fig, noun))
        if again is not None and 0 < number - again[1] <= SPAN:
            return again[0]
        if fig in self.seen:
            return None
        near = {r for (r, n), line in self.results.items()
                if n == noun and 0 < number - line <= SPAN and slipped(Fraction(fig), Fraction(r))}
        return near.pop() if len(near) == 1 else None

    def learn(self, number: int, masked: str, arithmetic: list[Claim]) -> list[Claim]:
        """The line's calculations judged right: their results, with the noun after; a
        figure later on the same line, written nowhere before, that is one of them
        slipped (``= 150,528개의 픽셀 ... 150,582개의 픽셀``)."""
        right = {c.claimed.replace(",", "") for c in arithmetic
                 if c.verdict == "right" and c.claimed}
        if not right or any(line == number for _, line in self.slips.values()):
            return []  # a calculation on a slipped figure: its result is no truth
        found = list(_figures(masked))
        learned: list[tuple[int, int, str]] = []
        for m, fig, noun in found:
            if noun is not None and str(fig) in right and \
                    _RESULT_BEFORE.search(masked, 0, m.start()):
                keep(self.results, (fig, noun), number, KEPT)
                learned.append((m.end(), fig, noun))
        fresh = self.fresh[1] if self.fresh[0] == number else set()
        out = []
        for m, fig, noun in found:
            near = {r for end, r, n in learned if end <= m.start() and n == noun and
                    slipped(Fraction(fig), Fraction(r))}
            if len(near) == 1 and fig in fresh and \
                    not _RESULT_BEFORE.search(masked, 0, m.start()):
                out.append(self._slip(number, m, fig, noun, near.pop()))
        return out
