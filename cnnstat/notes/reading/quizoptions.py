"""A quiz's options: statements listed under a question that asks which of them is
wrong, or right, or true (``다음 중 옳지 않은 것은?``, ``틀린 것을 모두 고르시오``, ``Which
of the following is NOT true?``, ``참/거짓``), each marked as an option (``①``, ``(가)``,
``나.``, ``(b)``, ``c)``, ``3)``). Such a list holds false statements on purpose: each is a
candidate the question weighs, not the note's claim, so a figure on it found wrong is
said as unsure (``precedence.settle``), never a mistake. The list runs on from the
question over option lines (blank lines apart) and ends at the answer (``정답``,
``Answer``, ``해설``) or at a line that is no option. A true-or-false item (``참/거짓:
"..."``, ``O/X``, ``True or false:``) is a candidate on its own line.
"""

from __future__ import annotations

import re

from cnnstat.notes.signs import Gated

# the words of a question that weighs statements: which is wrong, right, true
_WHICH = ("옳지\\s*않은", "틀린\\s*(?:것|설명|보기|문장)", "잘못된\\s*(?:것|설명)", "아닌\\s*것",
          "옳은\\s*것", "맞는\\s*것", "올바른\\s*것", "바른\\s*것", "고르(?:시오|세요|면|라)",
          "다음\\s*중", "which\\s+(?:of\\s+the\\s+following|one|statements?|options?|is|are)",
          "(?:select|choose)\\s+(?:all|the)", "(?:not|in)correct\\s+statements?")
# every match holds one of these (case-folded)
_ASKS_WHICH = Gated(("옳지", "틀린", "잘못된", "아닌", "옳은", "맞는", "올바른", "바른", "고르", "다음",
                     "which", "select", "choose", "correct"), "|".join(_WHICH), re.I)
# a true-or-false item: its statement is a candidate on its own line
_TRUE_FALSE = Gated(("/", "ox", "true"), "|".join((
    "참\\s*/\\s*거짓", "\\bO\\s*/\\s*X\\b", "\\bOX\\b", "true\\s+or\\s+false",
    "\\bT\\s*/\\s*F\\b")), re.I)
# an option's mark at the start of its line: ①, (가), 나., (b), c), 3)
_MARKS = ("[①-⑳]", "\\(\\s*[가나다라마바사아]\\s*\\)", "[가나다라마바사아]\\s*[.)]", "\\(\\s*[a-eA-E]\\s*\\)",
          "[a-eA-E]\\s*[.)]", "\\(\\s*[1-9]\\s*\\)", "[1-9]\\s*\\)")
_OPTION = re.compile("^[\\s>*|_-]*(?:" + "|".join(_MARKS) + ")\\s*\\S")
_ANSWER = re.compile("^[\\s>*|_#-]*(?:\\*\\*)?\\s*(?:정답|답\\s*[:：]|해설|풀이|answer|ans\\b|solution)",
                     re.I)
KEPT = 64  # option lines remembered for the settling of their findings


class Options:
    """The quiz options seen so far: ``lines`` holds the numbers of option lines."""

    def __init__(self) -> None:
        self.open = False
        self.lines: set[int] = set()

    def see(self, number: int, masked: str) -> None:
        """Reads a line of prose (blank lines are not given)."""
        if _TRUE_FALSE.search(masked):
            self._add(number)
        if _ASKS_WHICH.search(masked) and not _OPTION.match(masked):
            self.open = True
            return
        if self.open and _OPTION.match(masked) and not _ANSWER.match(masked):
            self._add(number)
            return
        self.open = False

    def _add(self, number: int) -> None:
        if len(self.lines) >= KEPT:
            self.lines = {n for n in self.lines if n > number - KEPT}
        self.lines.add(number)
