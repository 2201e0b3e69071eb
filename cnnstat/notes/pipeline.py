"""The checker's pipeline: a note's lines, one at a time, through the readers.

``Checker`` takes each line (``text.Line``: raw and masked), keeps the section's model
and the note's state, gathers a markdown table's rows, gives a pasted summary its lines
whole, and calls every reader whose stage fits the line, each the same way
(``read(at)``); ``precedence.settle`` decides what stands where they meet. The readers
and the state they keep are registered in ``check`` (``READERS``, ``NoteState``).

Stages: ``summary`` (a line a pasted summary took), ``heading`` (a heading line), ``code`` (a line in a fence with a language),
``every`` (every line of prose), ``prose`` (prose with at most ``MAX_LINE_NUMBERS``
numbers), ``claims`` (a line with a number and a sign of a claim, ``_MAY_CLAIM``),
``table`` (a markdown table's rows, together).
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any, Callable, Iterable, NamedTuple, Union

from cnnstat.notes import failed
from cnnstat.notes.arithmetic import echoes
from cnnstat.notes.modelfacts.above import carried_title, kept_past_blank, pseudo_heading
from cnnstat.notes.modelfacts.above import titled as title_mention
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention, mentions
from cnnstat.notes.modelfacts.papertitles import titled
from cnnstat.notes.reading.normalise import SUPERSCRIPTS, Token
from cnnstat.notes.precedence import Found, Supersede, settle
from cnnstat.notes.prefilter import Stages
from cnnstat.notes.signs import Gated, folded
from cnnstat.notes.text import CODE_GUESSED, GRID_RULE, Line

STAGES = ("summary", "heading", "code", "every", "prose", "claims", "table")
_RESET = re.compile(r"^\s*(?:<br\s*/?>|-{3,}|\*{3,}|_{3,})\s*$", re.I)


def _heading_model(masked: str) -> Mention | None:
    found = mentions(masked)
    keys = {(m.family, m.key) for m in found}
    return found[0] if len(keys) == 1 else None if found else titled(masked)  # its paper's title


MAX_TABLE_ROWS = 500  # rows of one markdown table read; the rest are refused
MAX_LINE_NUMBERS = 80  # a line with more numbers is refused at once (not a note's line)
WINDOW = 64  # lines a late finding may still reach (a summary row read on, a table)
_NUMBER_RUN = re.compile(r"[0-9]+")
# a line can hold a claim only with one of these: an operator or comparison, a product
# of numbers, a scaled figure, a word a model figure, a ratio or a layer is written with,
# a count per unit (``뉴런마다 129개씩``, ``per``, ``each``), or a model's name
_MAY_CLAIM = re.compile(
    r"[=≈<>→⇒+^²³⁰¹⁴⁵⁶⁷⁸⁹÷]|[0-9]\s*(?:[xX×*·/\-]|by)\s*[0-9(]|[0-9]\s?[KMBGkT]|[0-9]\s?(?:만|억)|"
    r"layer|층|레이어|conv|합성곱|컨볼루션|fc|fully|완전|전결합|param|weight|파라미터|매개|가중치|"
    r"mac|madd|mult|flop|depth|깊이|배|than|compared|stride|pad|패딩|스트라이드|pool|풀링|"
    r"filter|필터|kernel|커널|input|입력|output|출력|net|vgg|nin|wrn|incep|byte|바이트|\$|"
    r"[가-힣](?:당|마다)(?![가-힣])|하나[에당]|\bper\b|\beach\b", re.I)
_SUPERSCRIPT = re.compile("[" + "".join(SUPERSCRIPTS) + "]")


class At:
    """What a reader is given: the line (or, for a table, its rows), the note's state,
    the section's model unless this line names its own, and what the arithmetic reader
    found on it (its claims, which ``intent`` re-reads, and the spans ``used``, which
    ``facts`` leaves alone)."""

    def __init__(self, line: Line, state: Any, heading: Mention | None = None,
                 block: list[Line] | None = None) -> None:
        self.line, self.state, self.heading, self.block = line, state, heading, block
        self.arithmetic: list[Claim] = []  # the arithmetic reader's claims
        self.used: list[tuple[int, int]] = []
        self._signs: dict[Any, bool] = {}
        self._folded: str | None = None
        self.mask: int | None = None  # the prefilters' slots the line satisfies

    def has(self, needs: Any) -> bool:
        """Whether the line (a table: any of its rows), masked or raw, holds what a reader
        ``needs``: one of a tuple of words (matched in the case-folded text) or a match of
        a compiled pattern. Decided once per line for each distinct ``needs``, whichever
        readers declare it."""
        got = self._signs.get(needs)
        if got is None:
            got = self._signs[needs] = self._holds(needs)
        return got

    def _holds(self, needs: Any) -> bool:
        """``has`` undecided."""
        rows = self.block if self.block is not None else (self.line,)
        if isinstance(needs, tuple):
            # every text of the line case-folded, once, joined by a newline (no word
            # holds one, ``_needs``): one substring test a word
            text = self._folded
            if text is None:
                text = self._folded = "\n".join(
                    folded(r.masked) if r.raw is r.masked or r.raw == r.masked
                    else folded(r.masked) + "\n" + folded(r.raw) for r in rows)
            return any(map(text.__contains__, needs))
        for r in rows:  # a pattern: each text searched once (the raw text when masking
            masked = r.masked  # changed it)
            if needs.search(masked) is not None or \
                    (r.raw is not masked and needs.search(r.raw) is not None):
                return True
        return False

    @property
    def tokens(self) -> list[Token]:
        return self.state.memo.tokens(self.line)[0]


Items = Iterable[Union[Claim, Skip]]


class Reader(NamedTuple):
    """One reader: its name, the lines it reads (``stage``), how it reads one, the
    confidence its claims carry at most, what of its rivals it replaces, and what a line
    must hold for it to be read at all (``needs``)."""

    name: str
    stage: str  # "code" | "every" | "prose" | "claims" | "table"; several joined by "+"
    read: Callable[[At], Items]
    confidence: float = 1.0
    supersedes: tuple[Supersede, ...] = ()
    # the prefilter: what a line (masked or raw; a table, one of its rows) must hold for
    # the reader to find anything on it *or change its state*: a tuple of words, one of
    # which the case-folded line contains (lower case: "param", "=", "패딩"), or a regular
    # expression (a str) it matches. A line without it is not given to the reader; None:
    # every line of its stage is; a ``signs.Gated``: its words in the line's scan, then its
    # pattern. ``tests/test_check_prefilter.py`` checks the findings with and without.
    needs: tuple[str, ...] | str | Gated | None = None


PREFILTERS = True  # False: every reader reads every line of its stage (tests compare)


def _needs(reader: Reader) -> Any:
    """A reader's prefilter as ``At.has`` takes it: words case-folded, a pattern compiled."""
    if reader.needs is None or isinstance(reader.needs, Gated):
        return reader.needs  # a gated pattern: its words a slot, then its pattern
    if isinstance(reader.needs, str):
        return re.compile(reader.needs)
    if not reader.needs or not all(isinstance(w, str) and w and "\n" not in w
                                   for w in reader.needs):
        raise ValueError(f"reader {reader.name!r}: needs is a tuple of words")
    return tuple(w.casefold() for w in reader.needs)


GUESSED = 0.45  # below precedence.WRONG_NEEDS: a code line whose language was guessed
DIGITS = tuple("0123456789")  # a prefilter: a line with a digit
SHAPES_KEPT = 256  # the last lines with a shape's claim, for a reader of a whole fence


def _short(raw: str, width: int) -> str:
    return " ".join(raw.split())[:width]


class Checker:
    """A note read line by line: ``feed`` each line, then ``finish``. Each returns the
    claims and skips settled so far; a line's own findings come with it, a few late ones
    (a summary row read on over the next line, a table at its end, a figure echoed)
    within ``WINDOW`` lines or at the end. ``readers`` are called in their order;
    ``new_state`` makes the note's state (``notestate.NoteState``)."""

    def __init__(self, readers: list[Reader], new_state: Callable[[], Any]) -> None:
        # a reader of several stages names them joined by "+" ("claims+heading")
        unknown = {s for r in readers for s in r.stage.split("+")} - set(STAGES)
        if unknown:
            raise ValueError(f"readers of unknown stages: {sorted(unknown)}")
        # each reader with its prefilter: readers that declare the same words share a slot,
        # and one scan of a line decides every slot (``prefilter``)
        self.stages = Stages({stage: [(r, _needs(r) if PREFILTERS else None)
                                      for r in readers if stage in r.stage.split("+")]
                              for stage in STAGES})
        self.rules = {r.name: r.supersedes for r in readers if r.supersedes}
        self.state = new_state()
        self.table: list[Line] = []
        self.table_rows = 0
        self.pending: deque[int] = deque()  # lines with a number not yet accounted for
        self.accounted: set[int] = set()
        self.texts: dict[int, str] = {}  # the raw text of each line pending
        self.echo_lines: deque[tuple[int, str]] = deque(maxlen=echoes.KEPT_LINES)
        self.wrong: deque[Claim] = deque(maxlen=echoes.KEPT_CLAIMS)
        self.judged: deque[int] = deque(maxlen=echoes.KEPT_LINES)  # lines with a verdict
        self.shape_lines: deque[int] = deque(maxlen=SHAPES_KEPT)  # lines with a shape's claim
        self.out: tuple[list[Claim], list[Skip]] = ([], [])
        # the state told each line's settled claims (a figure corrected on one line is
        # carried into the totals of later ones)
        self.on_settled = getattr(self.state, "settled", None)

    def _run(self, at: At, stages: tuple[str, ...], found: list[Found]) -> None:
        """Call every reader of ``stages`` on ``at`` in turn, adding what each finds
        (a claim's confidence at most its reader's)."""
        mask = at.mask
        if mask is None:
            # stages whose readers declare few words (headings, code, a summary's lines)
            # test those alone; the others' are decided by one scan of the line, kept
            mask = self.stages.tested(stages, at.has)
            if mask is None:
                mask = at.mask = self.stages.mask(
                    at.block if at.block is not None else (at.line,))
        for stage in stages:
            for reader, pattern in self.stages.readers(stage, mask):
                if pattern is not None and not at.has(pattern):
                    continue  # the line lacks what the reader's every form is written with
                try:
                    items = reader.read(at)
                except Exception as err:  # a reader's bug: this line unread, the note goes on
                    items = [failed.skip(at.line.number, at.line.raw, reader.name, err)]
                if not items:
                    continue  # most readers find nothing on most lines
                cap, name = reader.confidence, reader.name
                for item in items:
                    if cap < 1.0 and isinstance(item, Claim) and item.confidence > cap:
                        item = item._replace(confidence=cap)
                    found.append(Found(name, item))

    # ------------------------------------------------------------------ output
    def _emit(self, claims: list[Claim], skips: list[Skip]) -> None:
        self.out[0].extend(claims)
        self.out[1].extend(skips)
        self.accounted.update(c.line for c in claims)
        self.accounted.update(s.line for s in skips)
        self.wrong.extend(c for c in claims if c.verdict == "wrong")
        self.judged.extend(c.line for c in claims if c.verdict in ("right", "wrong"))
        self.shape_lines.extend(c.line for c in claims if c.kind == "shape")
        if claims and self.on_settled is not None:
            self.on_settled(claims)

    def _settle(self, found: list[Found], masked: str | None = None) -> None:
        if found:
            self._emit(*settle(found, self.rules, masked, self.state.options.lines))

    def _shapes_from(self, first: int | None) -> set[int]:
        """The lines from ``first`` on that already hold a shape's claim."""
        return set() if first is None else {n for n in self.shape_lines if n >= first}

    def _take(self) -> tuple[list[Claim], list[Skip]]:
        out, self.out = self.out, ([], [])
        return out

    def _close(self, before: int) -> None:
        """Every line with a number before ``before`` gets a claim or a reason
        (``--verbose`` lists the reasons)."""
        while self.pending and self.pending[0] < before:
            n = self.pending.popleft()
            raw = self.texts.pop(n)
            if n not in self.accounted:  # its text shortened only where it is shown
                self._emit([], [Skip(n, _short(raw, 100),
                                     "no claim recognised: a number in prose, not a "
                                     "calculation, shape or model figure that was read")])
        floor = before - WINDOW
        if len(self.accounted) > 4 * WINDOW:
            self.accounted = {n for n in self.accounted if n >= floor}

    # ------------------------------------------------------------------ lines
    def feed(self, line: Line) -> tuple[list[Claim], list[Skip]]:
        if self.table and line.kind != "table":
            self._end_table()
        self._line(line)
        self._close(line.number - WINDOW)
        return self._take()

    def finish(self) -> tuple[list[Claim], list[Skip]]:
        if self.table:
            self._end_table()
        got, why = self.state.summary.end()  # a summary row the note ends on
        self._settle([Found("summary", x) for x in got + why])
        # a shape a Keras comment held for a layer below that never came
        self._settle([Found("keras shapes", x) for x in self.state.keras.place.expire(10**12)])
        self._settle([Found("field list", x) for x in self.state.rf_names.item(10**12, "")])
        wrong = list(self.wrong)
        self._emit(echoes.check(list(self.echo_lines), wrong, set(self.judged)), [])
        self._close(10**12)
        return self._take()

    def _end_table(self) -> None:
        block, rows = self.table, self.table_rows
        self.table, self.table_rows = [], 0
        found: list[Found] = []
        self._run(At(block[0], self.state, block=block), ("table",), found)
        if rows > MAX_TABLE_ROWS:
            found.append(Found("table", Skip(block[0].number + MAX_TABLE_ROWS, "…",
                                             f"a table of {rows:,} rows: rows after the "
                                             f"first {MAX_TABLE_ROWS} are not read")))
        by_line: dict[int, list[Found]] = {}  # precedence reads one line's findings
        for f in found:
            by_line.setdefault(f.item.line, []).append(f)
        for part in by_line.values():
            self._settle(part)

    def _line(self, line: Line) -> None:
        state = self.state
        if line.reason not in ("front matter", "merge-conflict marker") and \
                not line.reason.startswith("a line of") and not self.table:
            got, why, in_summary = state.summary.check_line(line.number, line.raw)
            found = [Found("summary", x) for x in got + why]  # (totals held over their
            if in_summary:  # paragraph may come out on a line that is no summary's)
                self._run(At(line, state), ("summary",), found)  # a pasted summary takes
                return self._settle(found)  # its lines whole; its lines' readers read them
            self._settle(found)
        if line.kind == "skip":
            if line.reason == "code fence":
                state.code.reset()  # a statement the fence cut short, read closed:
                state.init_walk.__init__()
                self._settle([Found("shapes in code comments", c)
                              for c in state.code_comments.module.fence()])
                self._settle([Found("tensorflow code", c)
                              for c in state.tf.fence(self._shapes_from(state.tf.first()))])
                self._settle([Found("receptive field in code", c)
                              for c in state.rf_code.fence()])
            elif line.reason in ("code", CODE_GUESSED):
                found: list[Found] = []
                self._run(At(line, state), ("code",), found)
                if line.reason == CODE_GUESSED:  # Python by a guess: no "wrong" is sure
                    found = [Found(f.reader, f.item._replace(confidence=min(
                        f.item.confidence, GUESSED)) if isinstance(f.item, Claim) else f.item)
                        for f in found]
                own = all(f.item.line == line.number for f in found)
                self._settle(found, line.raw if own else None)  # a comment's own words
            elif line.reason.startswith("a line of"):
                self._emit([], [Skip(line.number, line.raw[:60] + "…", line.reason)])
            return
        if line.kind == "heading":
            # a heading without a network's name goes on with its parent's network
            level = len(line.raw) - len(line.raw.lstrip("#"))
            state.outline = [(n, m) for n, m in state.outline if n < level]
            model = _heading_model(line.masked)
            parent = next((m for _, m in reversed(state.outline) if m is not None), None)
            state.outline.append((level, model))
            state.new_section(model or parent)
            state.above = state.line_text = state.titled = ""
            found = []
            tokens, why = state.memo.tokens(line)  # a heading's readers read its tokens
            if tokens is None:  # too many of them: refused as a prose line's are
                self._settle([Found("tokens", Skip(line.number, _short(line.raw, 100),
                                                   f"not read: {why}"))])
                return
            self._run(At(line, state), ("heading",), found)
            self._settle(found)
            return
        if _RESET.match(line.raw):
            state.heading = None
            return
        if not line.raw.strip():
            state.scenario = None
            state.above = state.line_text = ""  # a new paragraph (a list's lead goes on)
            state.titled = kept_past_blank(state.titled, state.title_item)
            return
        if self.table:  # a row of the table in progress
            self._add_row(line)
            return
        found = []
        at = At(line, state)
        # the paragraph's line above this one (``above``: "It has about 60M parameters"
        # after a line that names the network)
        state.above, state.line_text = state.line_text, line.masked
        state.titled, state.title_item = carried_title(state.titled, state.title_item,
                                                       line.masked, line.raw, state.above)
        self._run(at, ("every",), found)
        numbers = len(_NUMBER_RUN.findall(line.masked))
        if numbers > MAX_LINE_NUMBERS:
            found.append(Found("limit", Skip(line.number, _short(line.raw, 60) + "…",
                                             f"{numbers} numbers in one line: more than "
                                             f"{MAX_LINE_NUMBERS} are not read")))
            self._settle(found)
            return
        if line.kind == "table":
            self._settle(found)
            self._add_row(line)
            return
        pseudo = pseudo_heading(line.raw, line.masked)
        if pseudo is not None:
            state.new_section(pseudo)
        at.heading = (title_mention(state.titled) or state.heading) if pseudo is None else None
        self._run(at, ("prose",), found)
        if not numbers and not _SUPERSCRIPT.search(line.masked):
            self._settle([f for f in found if f.reader != "walkthrough"])
            return
        self._numbered(line)
        if _MAY_CLAIM.search(line.masked):  # else numbers with nothing a claim is
            tokens, why = state.memo.tokens(line)  # written with: listed in --verbose
            if tokens is None:
                found.append(Found("tokens", Skip(line.number, _short(line.raw, 100),
                                                  f"not read: {why}")))
            else:
                self._run(at, ("claims",), found)
        self._settle(found, line.masked)

    def _add_row(self, line: Line) -> None:
        if line.raw.lstrip().startswith("+") and GRID_RULE.match(line.raw):
            return  # a grid table's rule: the table goes on, the rule is no row
        self.table_rows += 1
        if self.table_rows <= MAX_TABLE_ROWS:
            self.table.append(line)

    def _numbered(self, line: Line) -> None:
        self.pending.append(line.number)
        self.texts[line.number] = line.raw
        if echoes.may_echo(line.masked):
            self.echo_lines.append((line.number, line.masked))


