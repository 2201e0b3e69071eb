"""The prefilters decided together: one scan of a line for every word a reader ``needs``
or a gated pattern stands behind, then the readers that may find something on it.

A reader's ``needs`` (``pipeline.Reader``) and a ``signs.Gated`` pattern are each a tuple
of words one of which the case-folded text must contain. Deciding each tuple in turn costs
a substring test a word and a Python step a tuple, on every line, for some 80 readers and
as many gated patterns. Instead each distinct tuple (a *slot*, ``slot``) gets a bit, and
one compiled pattern finds every word of every slot in a text (``Words.scan``: the slots
the text satisfies, as a bitmask). The pipeline scans each line once (``Stages.mask``) and
keeps, for each stage and bitmask met, the readers to call (``Stages.readers``); a gated
pattern asked about the line's raw or masked text reads its bit from the same scan
(``LINE``, ``bits``). The answers are those of deciding each tuple alone (``Words``);
``tests/test_check_prefilter.py`` compares the findings with and without the prefilters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

KEPT = 4096  # stage and bitmask pairs remembered (a note meets a few hundred)
# a scan decides every slot at once (about 90); a stage whose readers declare at most this
# many has each tested alone, a substring test a word, which costs less than the scan
# ("every" declares more, and its lines are scanned for "prose" and "claims" anyway)
FEW = 12  # "code" declares 12 (rule readers, darknet, a digit, a zoo constructor, a listing, ...)


@lru_cache(maxsize=16)  # the readers ask of a few texts per line
def folded(text: str) -> str:
    """``text`` case-folded, remembered for the last few texts."""
    # re.I also matches the dotless ı to i, which case-folding keeps apart, and the dotted
    # İ, which it folds to i and a combining dot
    return text.casefold().replace("ı", "i").replace("i\u0307", "i")


def _raw_only(word: str) -> bool:
    """Whether ``word`` is in a line's raw text whenever it is in its masked text: it
    holds no space and no ``¦`` (masking only blanks characters, to a space or, a ``$``,
    to ``¦``)."""
    return not any(ch.isspace() or ch == "¦" for ch in word)


def _trie(words: list[str]) -> str:
    """A pattern of ``words`` (none empty) that takes, where it is tried, the longest of
    them that starts there: a tree of their letters (``pa(?:ram|d)``), each branch a
    distinct letter, so that a place is turned away after a test a letter."""
    after: dict[str, list[str]] = {}
    for w in words:
        after.setdefault(w[0], []).append(w[1:])
    alts = []
    for ch in sorted(after):
        rest = [r for r in after[ch] if r]
        if not rest:
            alts.append(re.escape(ch))
        else:  # a word that ends here is the shortest: tried last
            alts.append(re.escape(ch) + "(?:" + _trie(rest) + ")" +
                        ("?" if "" in after[ch] else ""))
    return "|".join(alts)


class Words:
    """Every word of ``slots`` (tuples of case-folded words), found in a text in one scan.

    A word of one character is looked up in the set of the text's characters. The longer
    ones: the pattern (``_trie``) takes, at each place it tries, the longest word that
    starts there, and it tries every place that is not inside a word it took. So a word
    that occurs either starts where a taken word starts (then it is a prefix of it), or
    lies inside a taken word, or starts inside one and runs past its end: each taken word
    brings every word inside it (``inside``), and the words that may start inside it and
    run on (``across``: a proper end of it begins them) are looked for one by one.
    """

    def __init__(self, slots: list[tuple[str, ...]], spaced: bool = True) -> None:
        self.count = len(slots)
        self.bits: dict[str, int] = {}  # a word -> the slots (bits) that hold it
        for k, words in enumerate(slots):
            for w in words:
                self.bits[w] = self.bits.get(w, 0) | 1 << k
        self.chars = {w: b for w, b in self.bits.items() if len(w) == 1}
        self.charset = frozenset(self.chars)
        vocab = sorted((w for w in self.bits if len(w) > 1), key=lambda w: (-len(w), w))
        self.rx = re.compile(_trie(vocab)) if vocab else None
        self.inside: dict[str, int] = {}
        self.across: dict[str, tuple[tuple[str, int], ...]] = {}
        starting: dict[str, list[str]] = {}  # a beginning -> the words that begin with it
        for w in vocab:
            for i in range(1, len(w) + 1):
                starting.setdefault(w[:i], []).append(w)
        for m in vocab:
            self.inside[m] = sum_bits(self.bits.get(m[i:j], 0) for i in range(len(m))
                                      for j in range(i + 2, len(m) + 1))
            runs_on = {w for i in range(1, len(m)) for w in starting.get(m[i:], ()) if w not in m}
            self.across[m] = tuple((w, self.bits[w]) for w in vocab if w in runs_on)
        self.runs_on = {m: sum_bits(b for _, b in a) for m, a in self.across.items()}
        # the words a masked text may hold that its raw text lacks (``_raw_only``)
        self.spaced = Words([tuple(w for w in s if not _raw_only(w)) for s in slots], False) \
            if spaced and any(not _raw_only(w) for w in self.bits) else None

    def scan(self, text: str) -> int:
        """The bits of the slots one of whose words ``text`` (case-folded) contains."""
        got = 0
        chars = self.chars
        for ch in self.charset.intersection(text):
            got |= chars[ch]
        if self.rx is None:
            return got
        inside = self.inside
        taken = set(self.rx.findall(text))
        for m in taken:
            got |= inside[m]
        runs_on = self.runs_on
        for m in taken:
            if runs_on[m] & ~got:  # a slot still open that a word across ``m`` may fill
                for w, bits in self.across[m]:
                    if bits & ~got and w in text:
                        got |= bits
        return got


def sum_bits(bits: Iterable[int]) -> int:
    got = 0
    for b in bits:
        got |= b
    return got


# the texts of the line being read -> their bits (None: not scanned yet); what a gated
# pattern asked about one of them reads
LINE: dict[str, int | None] = {}


# ----------------------------------------------------------------- the slots of a process
_SLOTS: list[tuple[str, ...]] = []  # every tuple of words declared, its index its bit
_INDEX: dict[tuple[str, ...], int] = {}
_WORDS: list[Words] = []  # the scanner of the slots so far (rebuilt when one is added)


def slot(words: tuple[str, ...]) -> int:
    """The bit of a tuple of case-folded words (the same tuple, the same bit)."""
    k = _INDEX.get(words)
    if k is None:
        k = _INDEX[words] = len(_SLOTS)
        _SLOTS.append(words)
        LINE.clear()  # bits found before lack the new slot's
    return 1 << k


def words() -> Words:
    """The scanner of every slot declared so far."""
    if not _WORDS or _WORDS[0].count != len(_SLOTS):
        _WORDS[:] = [Words(list(_SLOTS))]
    return _WORDS[0]


def bits(text: str) -> int | None:
    """The slots ``text`` satisfies when it is a text of the line now read; None when it
    is another text."""
    if text not in LINE:
        return None
    got = LINE[text]
    if got is None:
        got = LINE[text] = words().scan(folded(text))
    return got


def _entry(reader: Any, needs: Any) -> tuple[Any, int, Any]:
    """A reader with its slot's bit (0: every line) and the pattern still to be matched
    on a line that has the bit (None: none): words alone, a pattern alone, or a gated
    pattern (``signs.Gated``: its words' slot, then its pattern)."""
    if isinstance(needs, tuple):
        return reader, slot(needs), None
    if hasattr(needs, "words") and hasattr(needs, "rx"):
        return reader, slot(needs.words), needs.rx
    return reader, 0, needs  # none (every line) or a pattern


class Stages:
    """For each stage, its readers with their prefilters: ``readers(stage, mask)`` gives
    those a line with the slots ``mask`` may go to, each with the pattern still to be
    matched on the line (None: none)."""

    def __init__(self, stages: dict[str, list[tuple[Any, Any]]]) -> None:
        self.stages = {stage: [_entry(reader, needs) for reader, needs in pairs]
                       for stage, pairs in stages.items()}
        # the bits each stage's readers read (a line's other bits do not change its readers)
        self.used = {stage: sum_bits(bit for _, bit, _ in entries)
                     for stage, entries in self.stages.items()}
        self.kept: dict[tuple[str, int], list[tuple[Any, Any]]] = {}
        # the stages whose readers declare at most FEW slots, with each slot's bit and
        # words: their lines are not scanned, each slot tested alone (``tested``)
        self.few = {stage: [(1 << k, _SLOTS[k]) for k in range(len(_SLOTS))
                            if used >> k & 1]
                    for stage, used in self.used.items() if bin(used).count("1") <= FEW}

    def tested(self, stages: tuple[str, ...], has: Any) -> int | None:
        """The slots of ``stages`` a line satisfies, each decided by ``has(words)`` (the
        line is not scanned: ``LINE`` cleared, so a gated pattern tests its own words);
        None when one of the stages declares more than ``FEW`` slots (scan the line)."""
        if not all(stage in self.few for stage in stages):
            return None
        LINE.clear()
        got = 0
        for stage in stages:
            for bit, needs in self.few[stage]:
                if not got & bit and has(needs):
                    got |= bit
        return got

    def mask(self, rows: Iterable[Any]) -> int:
        """The slots the lines ``rows`` (one line, or a table's rows) satisfy, raw or
        masked (a word without a space in the masked text is in the raw text)."""
        scanner = words()
        spaced = scanner.spaced
        got = 0
        LINE.clear()
        for r in rows:
            raw, masked = r.raw, r.masked
            mine = LINE[raw] = scanner.scan(folded(raw))  # the raw text's own scan
            got |= mine
            if masked is not raw and masked != raw:
                # the masked text's words without a space are in the raw text (masking only
                # blanks characters): its bits are at most the raw text's and its spaced
                # words', enough for a gated pattern (which opens where a word may be)
                extra = spaced.scan(folded(masked)) if spaced is not None else 0
                got |= extra
                if masked not in LINE:
                    LINE[masked] = mine | extra
        return got

    def readers(self, stage: str, mask: int) -> list[tuple[Any, Any]]:
        key = (stage, mask & self.used[stage])
        got = self.kept.get(key)
        if got is None:
            if len(self.kept) >= KEPT:
                self.kept.clear()
            got = self.kept[key] = [(reader, pattern)
                                    for reader, bit, pattern in self.stages[stage]
                                    if not bit or bit & mask]
        return got
