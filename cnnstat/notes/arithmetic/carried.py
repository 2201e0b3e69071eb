"""Figures carried from line to line: per-layer counts worked out a line each, then added
into a total.

    F1: 44 * (1024 + 1) = 44,660          <- judged wrong: 45,100
    F2: 120 * (44 + 1) = 5,340            <- judged wrong: 5,400
    F3: 84 * (120 + 1) = 10,164
    44,660 + 5,340 + 10,164 = 60,164      <- right as written, wrong against the chain
    Total parameters: 60,164              <- the same total restated

A line whose calculation ends in one result is a *member* of the run in progress (its
figure is that result). Once the line is settled, ``settled`` learns what its readers made
of the figure: right, or wrong with the value it should have (a member judged two ways
is left out of every correction). A total of the run is then judged against the corrected
chain, and names the lines whose errors it inherits:

- written out, ``a + b + c = t``, where its terms are, in order, the figures of members
  of the run (the same numbers: the link is then unambiguous), and the sum is right as
  written: wrong when the corrected figures give another total;
- a total word and one figure (``Total = 68,650``, ``총 파라미터 수 : 61,014``), equal to
  the sum of the run's figures as written: right when nothing above was corrected, wrong
  with the corrected sum when something was; a figure equal to the corrected sum is right;
  any other figure is not judged (the run may not be what the total counts);
- a total restated just after (``Trainable params = 32,780``) is judged as the total was.

A member figure under ``MIN_FIGURE`` carries no correction (a small number repeats by
chance). A line whose result stays unread (an ``= N`` no reader took) leaves the run's
total unjudged. A run ends at a total, or ``SPAN`` lines after its last member.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.arithmetic.aheadsum import Ahead, _slip
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.arithmetic.copied import Copies
from cnnstat.notes.arithmetic.inherited import Wrongs
from cnnstat.notes.paramcounts.intent import lhs_tree
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain, write_like
from cnnstat.notes.paramcounts.paramchain import chain_layer
from cnnstat.notes.precedence import INHERITED
from cnnstat.notes.arithmetic.sumterms import (free_numbers, opens, plain_figure, start_of,
                                               states_result, sum_terms, whole, whole_text)

TOTAL_WORDS = ("total", "sum", "overall", "총", "합", "합계", "전체", "총합", "총파라미터",
               "altogether", "combined", "together", "adding", "더하면", "합치면", "모두",
               "σ", "∑")
NEEDS = ("=", "≈", "~", "≃", "≒", "～", "\\approx", "total", "sum", "overall", "총", "합",
         "전체", "param", "파라미터")
TOTAL_NEEDS = ("total", "sum", "overall", "총", "합", "전체", "param", "파라미터", "weights",
               "가중치", "altogether", "combined", "together", "adding", "더하면", "모두",
               "σ", "∑")
_RESTATED = ("param", "파라미터", "weights", "가중치", "total", "총")
MIN_FIGURE = 100  # a member's figure that may carry a correction
# a total of one part of the network ("conv params: a + b = t"), not of every layer above
_PART = re.compile(r"conv|fc|dense|linear|fully|mlp|feature|part|block|stage|합성곱|완전|"
                   r"특징|부분|블록", re.I)
SPAN = 40  # lines a run stays open without a new member
RESTATE = 4  # lines a judged total stays open for its restatements
RESTATED = 0.9  # a figure judged wrong, restated as a total (``_restated``)
CONFIDENCE = 0.9  # the link is by the same numbers in order; the correction is the
# verdict of another line's reader


class Member(NamedTuple):
    line: int
    value: Fraction
    text: str  # the figure as written
    layer: bool = False  # its calculation is one layer's count ((k·k·C + 1)·N, (n + 1)·m)


class Closed(NamedTuple):
    line: int
    stated: Fraction  # the total as written
    corrected: Fraction | None  # the total of the corrected chain (None: unknown)
    detail: str


class Ledger:
    def __init__(self) -> None:
        self.run: list[Member] = []
        self.fixed: dict[int, Fraction | None] = {}  # member line -> corrected figure
        self.broken = 0  # the last line whose result no reader read
        self.totaled = 0  # the last line read as a total
        self.closed: Closed | None = None
        self.wrongs = Wrongs()  # figures judged wrong, for the factors of later lines
        self.copies = Copies()  # results, for a later line's factor copied with a slip
        self.ahead = Ahead()  # a total stated before the members it adds up

    # ----------------------------------------------------------- what was settled
    def settled(self, claims: list[Claim]) -> None:
        """The settled claims of a line: a member's figure, right or corrected."""
        self.wrongs.learn(claims)
        self.copies.learn(claims)
        for c in claims:
            m = next((m for m in reversed(self.run) if m.line == c.line), None)
            if m is None or c.claimed != m.text or c.verdict not in ("right", "wrong"):
                continue
            if c.verdict == "right":
                self.fixed.setdefault(m.line, m.value)
                continue
            actual = whole(c.actual)
            before = self.fixed.get(m.line, actual)
            if actual is None or (before is not None and before != actual and
                                  before != m.value):
                self.fixed[m.line] = None  # judged two ways
            else:
                self.fixed[m.line] = actual

    def _corrected(self, m: Member) -> Fraction | None:
        return self.fixed.get(m.line, m.value)

    # ----------------------------------------------------------- a line
    def check_line(self, number: int, masked: str, tokens: list[Token],
                   arithmetic: list[Claim]) -> list[Claim]:
        if self.run and number - self.run[-1].line > SPAN:
            self._reset()
        if self.closed is not None and number - self.closed.line > RESTATE:
            self.closed = None
        out = self.wrongs.check(number, [c for c in arithmetic if c.kind == "arithmetic"])
        copies = self.copies.check(number, arithmetic)
        out += copies
        results = [c for c in arithmetic if c.kind == "arithmetic" and
                   c.verdict in ("right", "wrong") and whole_text(c.claimed)]
        if results:
            written = self._written_sum(number, tokens, results)
            if written is not None:  # "196,908 + 1 = 196,909": a copy's sum is one too
                return written + copies
            last = results[-1]
            figure = whole_text(last.claimed)
            if figure is not None:
                self.closed = None
                tree = lhs_tree(last.text, True)
                layer = tree is not None and chain_layer(number, tree, None) is not None
                self.run.append(Member(number, figure, last.claimed, layer))
                del self.run[:-64]
            return out
        if not arithmetic and self.totaled != number and \
                states_result(tokens, free_numbers(tokens)):
            self.broken = number  # a result no reader read: the run's total is unknown
        return out

    def total_line(self, number: int, masked: str, tokens: list[Token] | None) -> list[Claim]:
        """A line of prose that may be a total: a total word and one figure (read before
        the line's calculations: a total has none)."""
        free = free_numbers(tokens) if tokens else []
        if len(free) != 1 or free[0].num is None or free[0].num.value < 10:
            return []
        if self.run and number - self.run[-1].line > SPAN:
            self._reset()
        if self.closed is not None and number - self.closed.line > RESTATE:
            self.closed = None
        if not self.run:
            self.ahead.note(number, masked, free)
        got = self._bare_total(number, masked, tokens, free[0])
        if got is None:
            return []
        self.totaled = number
        return got

    def heading(self, masked: str, number: int, tokens: list[Token] | None) -> list[Claim]:
        """A heading that states a total (``#### 총 파라미터 개수: 61,520개``): pending until
        a sum below restates it."""
        if tokens:
            self.ahead.note(number, masked, free_numbers(tokens))
        return []

    def _reset(self) -> None:
        self.run = []
        self.fixed = {}

    def _written_sum(self, number: int, tokens: list[Token],
                     results: list[Claim]) -> list[Claim] | None:
        """``a + b + c = t`` whose terms are the run's figures, in order."""
        for c in results:
            got = sum_terms(tokens, c.claimed)
            if got is None:
                continue
            terms, figure = got
            bound = _bind(terms, self.run)
            if bound is None:
                if opens(tokens, terms[0]):  # a sum of its own: a total of figures
                    self._reset()             # the run does not hold
                    self.closed = None
                    return []
                continue
            stated = sum((t.num.value for t in terms), Fraction(0))
            inherited = [(m, self._corrected(m)) for m in bound
                         if self._corrected(m) != m.value and m.value >= MIN_FIGURE]
            span = self.run[self.run.index(bound[0]):self.run.index(bound[-1]) + 1]
            if not _PART.search(" ".join(t.text for t in tokens if t.kind in ("WORD",
                                                                             "HANGUL"))):
                span = self.run[self.run.index(bound[0]):]  # the layers after the last
                # term too: a total of every layer listed (not one part of the network)
            gap = [m for m in span if m not in bound]
            self._reset()
            if len(gap) == 1 and gap[0].value >= MIN_FIGURE and all(m.layer for m in span) \
                    and all(m.value != gap[0].value for m in bound) \
                    and c.verdict == "right" and not any(v is None for _, v in inherited):
                corrected = stated + gap[0].value + \
                    sum((v - m.value for m, v in inherited), Fraction(0))
                how = f"it leaves out line {gap[0].line}'s {gap[0].text}: the layers " \
                    f"of lines {span[0].line} to {span[-1].line} add up to {plain(corrected)}"
                return [_wrong(number, c.text, figure, corrected, how)] + \
                    self.ahead.resolve(span[0].line, stated, corrected, number, how)
            if c.verdict != "right" or stated != figure.num.value:
                self.closed = None
                return []  # wrong as written: the arithmetic says so
            if any(v is None for _, v in inherited):
                self.closed = None
                return []
            corrected = stated + sum((v - m.value for m, v in inherited), Fraction(0))
            detail = _inherits(inherited, corrected)
            self.closed = Closed(number, stated, corrected, detail)
            ahead = self.ahead.resolve(bound[0].line, stated, corrected, number, detail)
            if not inherited:
                return ahead  # right as written and as carried: the arithmetic says so
            return [_wrong(number, c.text, figure, corrected, detail, INHERITED)] + ahead
        return None

    def _bare_total(self, number: int, masked: str, tokens: list[Token],
                    tok: Token) -> list[Claim] | None:
        """A total word and one figure: None where the line is no total."""
        figure = tok.num
        named = [t for t in tokens if t.kind in ("WORD", "HANGUL") or t.text in "Σ∑"]
        words = [t.text.lower() for t in named]
        said = " ".join(t.text.lower() for t in named if t.end <= tok.start)
        total = any(w in TOTAL_WORDS or w.startswith(("total", "총")) for w in words)
        text = " ".join(masked[start_of(tokens, tok):tok.end].split())
        closed = self.closed
        if closed is not None and agrees(closed.stated, figure) and \
                any(w in said for w in _RESTATED):
            return _verdict(number, text, tok, closed.stated, closed.corrected,
                            f"restates line {closed.line}'s total" +
                            (f"; {closed.detail}" if closed.detail else ""))
        if not total:
            return None
        run, broken = self.run, self.broken >= (self.run[0].line if self.run else number)
        fixed = {m.line: self._corrected(m) for m in run}
        self._reset()
        if not run or broken or any(v is None for v in fixed.values()):
            return []
        for k in range(len(run) - 1):  # the whole run first, then shorter tails of it
            part = run[k:]
            stated = sum((m.value for m in part), Fraction(0))
            inherited = [(m, fixed[m.line]) for m in part
                         if fixed[m.line] != m.value and m.value >= MIN_FIGURE]
            corrected = stated + sum((v - m.value for m, v in inherited), Fraction(0))
            lines = ", ".join(str(m.line) for m in part)
            if agrees(stated, figure) and not (inherited and agrees(corrected, figure)):
                detail = _inherits(inherited, corrected)
                self.closed = Closed(number, stated, corrected, detail)
                how = f"the figures of lines {lines}, added" + (f"; {detail}" if detail
                                                                 else "")
                return _verdict(number, text, tok, stated, corrected, how) + \
                    self.ahead.resolve(part[0].line, stated, corrected, number, detail)
            if inherited and agrees(corrected, figure):
                self.closed = Closed(number, corrected, corrected, "")
                return [Claim(number, text, "arithmetic", tok.text, _num(corrected), "right",
                              f"the corrected figures of lines {lines}, added",
                              confidence=CONFIDENCE)]
        return _restated(number, text, tok, run[-1], fixed[run[-1].line]) or \
            _left_out(number, text, tok, run, fixed, words)


def _restated(number: int, text: str, tok: Token, m: Member,
              corrected: Fraction | None) -> list[Claim]:
    """A total that restates, a few lines under it, the figure of the run's last line
    where that figure was judged wrong (``... = 61720`` judged 41,640, then ``Total
    parameters: 61720``): it carries the error, whatever the total counts. A figure
    judged right is left to the other readers."""
    if number - m.line > RESTATE or m.value < MIN_FIGURE or tok.num.value != m.value or \
            corrected is None or corrected == m.value:
        return []
    return [_wrong(number, text, tok, corrected,
                   f"it restates line {m.line}'s {m.text}, which should be {plain(corrected)}",
                   RESTATED)]


def _left_out(number: int, text: str, tok: Token, run: list[Member],
              fixed: dict[int, Fraction | None], words: list[str]) -> list[Claim]:
    """A total of a run of layer counts, one of them left out or counted twice: judged
    only where every line of the run is a layer's count, one such count alone explains
    the difference, and the total's line says nothing of a part (``conv``, ``excluding``,
    ``trainable``). A total just under the run (two lines at most) that is its sum with
    one digit slipped or two neighbours swapped is wrong too (``totalahead``'s rule)."""
    if len(run) < 2 or not plain_figure(tok) or not all(m.layer for m in run) or \
            any(w.startswith(_PART_WORDS) for w in words):
        return []
    stated = sum((m.value for m in run), Fraction(0))
    figure = tok.num.value
    out = [m for m in run if m.value >= MIN_FIGURE and figure == stated - m.value]
    twice = [m for m in run if m.value >= MIN_FIGURE and figure == stated + m.value]
    if len(run) < 3:
        out = twice = []  # two layers: a difference of one of them is no sign of which
    if not out and not twice and number - run[-1].line <= 2 and _slip(stated, figure):
        corrected = stated + sum((v - x.value for x in run for v in (fixed[x.line],)
                                  if v is not None and v != x.value), Fraction(0))
        return [_wrong(number, text, tok, corrected,
                       f"the {len(run)} layers of lines {run[0].line} to {run[-1].line} "
                       f"add up to {plain(corrected)}: a digit of the sum slipped")]
    if len(out) + len(twice) != 1:
        return []
    m = (out + twice)[0]
    if sum(1 for x in run if x.value == m.value) > 1:
        return []  # a figure written twice (a line that checks another): not left out
    corrected = stated + sum((v - x.value for x in run for v in (fixed[x.line],)
                              if v is not None and v != x.value), Fraction(0))
    how = (f"it leaves out line {m.line}'s {m.text}" if out else
           f"it counts line {m.line}'s {m.text} twice") + \
        f": the {len(run)} layers of lines {run[0].line} to {run[-1].line} add up to " \
        f"{plain(corrected)}"
    return [_wrong(number, text, tok, corrected, how)]


# words that make a total a part's: the total of some layers only, by design
_PART_WORDS = ("conv", "fc", "dense", "linear", "exclud", "without", "except", "trainable",
               "frozen", "non", "only", "feature", "backbone", "head", "classifier", "제외",
               "빼", "합성곱", "완전", "학습", "conv")


def _verdict(number: int, text: str, tok: Token, stated: Fraction,
             corrected: Fraction | None, how: str) -> list[Claim]:
    if corrected is None:
        return []
    if corrected == stated or agrees(corrected, tok.num):
        return [Claim(number, text, "arithmetic", tok.text, _num(stated), "right", how,
                      confidence=CONFIDENCE)]
    return [_wrong(number, text, tok, corrected, how, INHERITED)]


def _wrong(number: int, text: str, tok: Token, corrected: Fraction, how: str,
           confidence: float = CONFIDENCE) -> Claim:
    shown = write_like(corrected, tok.num)
    return Claim(number, text, "arithmetic", tok.text, _num(corrected), "wrong", how,
                 (Edit(number, tok.start, tok.end, shown),), shown, confidence)


def _inherits(inherited: list[tuple[Member, Fraction | None]], corrected: Fraction) -> str:
    if not inherited:
        return ""
    parts = " and ".join(f"line {m.line}'s ({m.text}, which should be {plain(v)})"
                         for m, v in inherited if v is not None)
    return f"it inherits the error of {parts}: with the corrected figures, {plain(corrected)}"


def _bind(terms: list[Token], run: list[Member]) -> list[Member] | None:
    """The run's members whose figures are the terms: in order, or else each term the
    one member of its figure (None: a term is none, or a figure is two members')."""
    out, k = [], 0
    for t in terms:
        while k < len(run) and run[k].value != t.num.value:
            k += 1
        if k == len(run):
            break
        out.append(run[k])
        k += 1
    else:
        return out
    values = [m.value for m in run]
    if any(values.count(t.num.value) != 1 for t in terms) or \
            len({t.num.value for t in terms}) != len(terms):
        return None
    return sorted((run[values.index(t.num.value)] for t in terms), key=lambda m: m.line)


def _num(v: Fraction):
    return int(v) if v.denominator == 1 else float(v)
