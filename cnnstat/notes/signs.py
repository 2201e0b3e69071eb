"""Cheap signs that a line may hold a form, tested before a costly pattern is searched.

Python's ``re`` tries every alternative of a case-insensitive pattern at every position of
a line (``param|weight|파라미터|...``, ``(?<![A-Za-z])(?:first|second|...)``): on a line
without any of its words that costs tens of microseconds, for each pattern, on every
line. A ``Gated`` pattern is a compiled pattern behind the words every match of it holds:
the line is searched only when its case-folded text contains one of them (a substring
test, once per line and word list), so a line that cannot match costs a few substring
tests. The words must be necessary: every match of the pattern contains one of them
(case-folded). ``tests/test_check_prefilter.py`` checks that on the fixture notes.

The same words serve the readers' prefilters (``pipeline.Reader.needs``).
"""

from __future__ import annotations

import re
from typing import Iterator

from cnnstat.notes.prefilter import LINE, bits, folded, slot


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text``, case-folded, contains one of ``words`` (given case-folded)."""
    return any(map(folded(text).__contains__, words))


GATED: list["Gated"] = []  # every gated pattern, for the test of their words


class Gated:
    """A compiled pattern searched only in texts that hold one of ``words``: the same
    answers as the pattern (``search``, ``match``, ``fullmatch``, ``finditer``,
    ``findall``), given that every match of it contains one of the words."""

    __slots__ = ("rx", "words", "pattern", "flags", "bit")

    def __init__(self, words: tuple[str, ...], pattern: str, flags: int = 0,
                 scanned: bool = True) -> None:
        """``scanned``: the words join the one scan of every line (``prefilter``), for a
        pattern asked of the line's own texts; False for one asked of other texts (a
        part of a line, a claim's) or seldom: its words are tested when it is asked."""
        if not words or not all(isinstance(w, str) and w for w in words):
            raise ValueError("a gated pattern needs words")
        self.rx = re.compile(pattern, flags)
        self.words = tuple(w.casefold() for w in words)
        self.pattern, self.flags = self.rx.pattern, self.rx.flags
        # decided with every other on the line read (prefilter); 0: by its own words
        self.bit = slot(self.words) if scanned else 0
        GATED.append(self)

    def open(self, text: str) -> bool:
        if not self.bit:
            return has_any(text, self.words)
        got = LINE.get(text, -1)  # the line's texts' bits (prefilter.bits), inline
        if got is None:
            got = bits(text)
        elif got == -1:
            return has_any(text, self.words)
        return got & self.bit != 0

    def search(self, text: str, *args) -> re.Match | None:
        # ``open`` inline (58,000 calls on the 250 KB note): a text of the line read takes
        # its bit from the line's scan, any other text its own words
        bit = self.bit
        if bit:
            got = LINE.get(text, -1)
            if got is None:
                got = bits(text)
            if got != -1:
                return self.rx.search(text, *args) if got & bit else None
        return self.rx.search(text, *args) if has_any(text, self.words) else None

    def match(self, text: str, *args) -> re.Match | None:
        return self.rx.match(text, *args) if self.open(text) else None

    def fullmatch(self, text: str, *args) -> re.Match | None:
        return self.rx.fullmatch(text, *args) if self.open(text) else None

    def finditer(self, text: str, *args) -> Iterator[re.Match]:
        return self.rx.finditer(text, *args) if self.open(text) else iter(())

    def findall(self, text: str, *args) -> list:
        return self.rx.findall(text, *args) if self.open(text) else []
