"""Check a note: every arithmetic, shape and model-fact claim it makes, line by line.

The pipeline (``docs/check.md``): each line is masked (``text``) and normalised into one
expression form (``normalise``, read by one grammar, ``grammar``); then every reader in
``READERS`` whose stage fits the line is called the same way, ``read(at)``, and emits
claims (each with a confidence) and skips; ``precedence.settle`` decides what stands
where they meet. Lines stream through: the state kept is the note's (``NoteState``), a
table in progress (at most ``MAX_TABLE_ROWS`` rows) and a window of recent lines.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Union

from cnnstat.notes import (arith, breakdown, code, comparisons, continuity, echoes, facts,
                           flops, general, intent, labelled, named, padding, positions,
                           printed, receptive, reduction, separable, shapes, stacking,
                           summary, symbolic, tablecalc, torchcode, trace, walkthrough)
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.memo import LineMemo
from cnnstat.notes.models import Mention, mentions
from cnnstat.notes.normalise import SUPERSCRIPTS, Token
from cnnstat.notes.precedence import Found, Supersede, settle
from cnnstat.notes.source import (MAX_NOTE_BYTES, NoteError, iter_note_lines,  # noqa: F401
                                  read_note, split_lines)
from cnnstat.notes.text import Line, iter_lines, table_cells

_RESET = re.compile(r"^\s*(?:<br\s*/?>|-{3,}|\*{3,}|_{3,})\s*$", re.I)


class Result(NamedTuple):
    claims: list[Claim]
    skipped: list[Skip]

    @property
    def wrong(self) -> list[Claim]:
        return [c for c in self.claims if c.verdict == "wrong"]


def _heading_model(masked: str) -> Mention | None:
    found = mentions(masked)
    keys = {(m.family, m.key) for m in found}
    return found[0] if len(keys) == 1 else None


def _pseudo_heading(line: Line) -> Mention | None:
    """A short line that is just a model name: ``AlexNet``, ``VGGNet(…)``, ``LeNet-5: …``."""
    raw = line.raw.strip()
    if not raw or len(raw) > 80 or raw[0] in "-*+>|" or re.match(r"\d+[.)]", raw):
        return None
    text = line.masked.strip()
    found = mentions(text)
    if not found or found[0].start != 0 or len(text) > 60:
        return None
    rest = text[found[0].end:].strip()
    if rest and not (rest.startswith("(") and rest.endswith(")")) and not rest.startswith(":"):
        return None
    return found[0]


MAX_TABLE_ROWS = 500  # rows of one markdown table read; the rest are refused
MAX_LINE_NUMBERS = 80  # a line with more numbers is refused at once (not a note's line)
WINDOW = 64  # lines a late finding may still reach (a summary row read on, a table)
_NUMBER_RUN = re.compile(r"[0-9]+")
# a line can hold a claim only with one of these: an operator or comparison, a product
# of numbers, a scaled figure, a word a model figure, a ratio or a layer is written with,
# or a model's name
_MAY_CLAIM = re.compile(
    r"[=≈<>→⇒+^²³⁰¹⁴⁵⁶⁷⁸⁹÷]|[0-9]\s*(?:[xX×*·/\-]|by)\s*[0-9(]|[0-9]\s?[KMBGkT]|[0-9]\s?(?:만|억)|"
    r"layer|층|레이어|conv|합성곱|컨볼루션|fc|fully|완전|전결합|param|weight|파라미터|매개|가중치|"
    r"mac|madd|mult|flop|depth|깊이|배|than|compared|stride|pad|패딩|스트라이드|pool|풀링|"
    r"filter|필터|kernel|커널|input|입력|output|출력|net|vgg|nin|wrn|incep|byte|바이트|\$",
    re.I)
_SUPERSCRIPT = re.compile("[" + "".join(SUPERSCRIPTS) + "]")


class NoteState:
    """What earlier lines leave for later ones: the model the section is about, the shape
    chain in progress, the feature-map shapes seen, the symbolic costs stated."""

    def __init__(self) -> None:
        self.heading: Mention | None = None
        self.scenario: shapes.Scenario | None = None
        self.walk = continuity.Walk()
        self.algebra = symbolic.Memory()
        self.summary = summary.Summary()
        self.code = code.Block()
        self.dilated = receptive.Stack()
        self.mobile = separable.Reader()
        self.torch = torchcode.Session()
        self.layers = intent.Layers()
        self.formulas = general.Formulas()
        self.walkthrough = walkthrough.Walkthrough()
        self.trace = trace.Trace()
        self.breakdown = breakdown.Breakdown()
        self.printed = printed.Printed()
        self.outline: list[tuple[int, Mention | None]] = []  # headings above, by level
        self.bare: Claim | None = None  # a calculation left without its result
        self.memo = LineMemo()

    def new_section(self, heading: Mention | None) -> None:
        self.heading = heading
        self.scenario = None
        self.walk = continuity.Walk()
        self.algebra = symbolic.Memory()


class At:
    """What a reader is given: the line (or, for a table, its rows), the note's state,
    the section's model unless this line names its own, and what the arithmetic reader
    found on it (its claims, which ``intent`` re-reads, and the spans ``used``, which
    ``facts`` leaves alone)."""

    def __init__(self, line: Line, state: NoteState, heading: Mention | None = None,
                 block: list[Line] | None = None) -> None:
        self.line, self.state, self.heading, self.block = line, state, heading, block
        self.arithmetic: list[Claim] = []  # the arithmetic reader's claims
        self.used: list[tuple[int, int]] = []

    @property
    def tokens(self) -> list[Token]:
        return self.state.memo.tokens(self.line)[0]


Items = Iterable[Union[Claim, Skip]]


class Reader(NamedTuple):
    """One reader: its name, the lines it reads (``stage``), how it reads one, the
    confidence its claims carry at most, and what of its rivals it replaces."""

    name: str
    stage: str  # "code" | "every" | "prose" | "claims" | "table"
    read: Callable[[At], Items]
    confidence: float = 1.0
    supersedes: tuple[Supersede, ...] = ()


def _both(got: tuple) -> list:
    return list(got[0]) + list(got[1])


# ----------------------------------------------------------------------- the readers
def _code_arithmetic(at: At) -> Items:
    printed = code.literals(at.line.raw)
    if printed is None:
        return []
    c, s, _ = at.state.memo.arithmetic(Line(at.line.number, at.line.raw, printed, "text"))
    return c + s  # print("H_out = (4-1)*2 + 1 = 7"): worked out


def _layers_code(at: At) -> Items:
    at.state.layers.code_line(at.line.number, at.line.raw)
    return []


def _arithmetic(at: At) -> Items:
    state, line = at.state, at.line
    c, s, at.used = state.memo.arithmetic(line)
    above = state.bare if state.bare is not None and state.bare.line == line.number - 1 \
        else None
    joined = arith.continued(line.number, at.tokens, above) if above is not None else None
    if joined is not None:
        c = [joined] + c
    at.arithmetic = c
    bare = [x for x in c if x.kind == "arithmetic"]
    state.bare = bare[0] if len(bare) == 1 and bare[0].verdict == "info" else None
    return c + s


def _shapes(at: At) -> Items:
    state, line = at.state, at.line
    prev = state.scenario if state.scenario is not None and \
        state.scenario.line == line.number - 1 else None
    sc, ss, state.scenario = shapes.check_line(line.number, line.raw, line.masked, prev)
    return sc + ss


def _algebra(at: At) -> Items:
    algebra = at.state.memo.algebra(at.line, at.tokens)
    if algebra is None:
        return []
    return _both(at.state.algebra.check_line(at.line.number, at.line.raw, algebra))


def _table_arithmetic(at: At) -> Items:
    cells = tablecalc.check(at.block or [], table_cells)  # "| (7-3)/2+1 | 3 |"
    done = {(c.line, c.text.split(" = ")[0]) for c in cells}
    out: list[Claim | Skip] = list(cells)
    for row in at.block or ():
        if len(_NUMBER_RUN.findall(row.masked)) <= MAX_LINE_NUMBERS:
            c, s, _ = at.state.memo.arithmetic(row)
            out += [x for x in c if x.verdict != "info" or (x.line, x.text) not in done]
            out += s
    return out


# The readers, in the order their findings are listed on a line. A new reader is one
# entry here: a name, the stage of lines it reads, and ``read(at)``.
READERS: list[Reader] = [
    # lines of code in a fence with a language
    Reader("layers in code", "code", _layers_code),
    Reader("rules in code", "code",
           lambda at: at.state.formulas.check_line(at.line.number, at.line.raw)),
    Reader("code", "code", lambda at: _both(at.state.code.check_line(at.line.number,
                                                                     at.line.raw))),
    Reader("torch code", "code",
           lambda at: at.state.torch.code_line(at.line.number, at.line.raw),
           supersedes=(Supersede("code", reason=""),)),
    Reader("printed arithmetic", "code", _code_arithmetic),
    Reader("printed values in code", "code",
           lambda at: at.state.printed.check_line(at.line.number, at.line.raw)),
    Reader("named net in code", "code",  # 'conv1 shape: torch.Size([...])'
           lambda at: at.state.trace.check_line(at.line.number, at.line.raw)[0],
           supersedes=(Supersede("code", reason=""),)),
    # every line of prose
    Reader("torch in prose", "every",
           lambda at: at.state.torch.prose_line(at.line.number, at.line.raw)),
    Reader("printed values", "every",  # print(f"{total:,}")  # 25,557,032
           lambda at: at.state.printed.check_line(at.line.number, at.line.raw)),
    Reader("layers in prose", "every", _layers_code),  # code in a fence without a language
    Reader("rules in words", "every",
           lambda at: at.state.formulas.check_line(at.line.number, at.line.raw)),
    # a named network's figures layer by layer: 'conv3-64 x 2 : 38,720', 'Layer1 | 215,808'
    Reader("breakdown", "every", lambda at: at.state.breakdown.check_line(
        at.line.number, at.line.raw, at.line.masked)),
    # every line of prose with at most MAX_LINE_NUMBERS numbers
    Reader("comparisons", "prose", lambda at: _both(comparisons.check_line(
        at.line.number, at.line.masked, at.heading))),  # no number needed
    Reader("mobilenet symbols", "prose",
           lambda at: at.state.mobile.check_line(at.line.number, at.line.raw)),
    # a map may stand alone: "(14, 14, 32)"
    Reader("walkthrough", "prose", lambda at: _both(at.state.walkthrough.check_line(
        at.line.number, at.line.masked))),
    # a named network's maps, a layer a line: 'Conv3x3(64) + ReLU (batch, 64, 224, 224)'
    Reader("named net", "prose", lambda at: at.state.trace.check_line(
        at.line.number, at.line.raw, at.line.masked)[0]),
    # lines with a number that may hold a claim
    Reader("arithmetic", "claims", _arithmetic),
    Reader("labelled chain", "claims",  # "2. conv2d_1 (Conv2D) = 64 * (288 + 1) = 18496"
           lambda at: [] if at.arithmetic else labelled.check_line(at.line.number,
                                                                   at.line.masked)),
    Reader("intent", "claims", lambda at: at.state.layers.check(
        at.line.number, at.line.masked, at.arithmetic)),
    Reader("shapes", "claims", _shapes,
           supersedes=(Supersede("walkthrough", kind="shape"),)),
    Reader("costs of a map", "claims",
           lambda at: continuity.cost_line(at.state.walk, at.line.number, at.line.masked)),
    Reader("continuity", "claims", lambda at: _both(at.state.walk.check_line(
        at.line.number, at.line.raw, at.line.masked))),
    Reader("formula", "claims", lambda at: at.state.memo.formula(at.line, at.tokens)),
    Reader("algebra", "claims", _algebra,
           supersedes=(Supersede("arithmetic", reason="symbol"),)),
    Reader("ratios", "claims",
           lambda at: _both(at.state.memo.ratios(at.line, at.heading))),
    Reader("padding alone", "claims",  # "padding 1: 4x4 → 6x6"
           lambda at: padding.check_line(at.line.number, at.line.masked)),
    Reader("reduction", "claims",  # "358M, against 854M before: about 58% less"
           lambda at: reduction.check_line(at.line.number, at.line.masked, at.tokens),
           confidence=0.8),
    Reader("receptive field", "claims",
           lambda at: at.state.dilated.check_line(at.line.number, at.line.masked)),
    Reader("stacked layers", "claims",
           lambda at: stacking.check_line(at.line.number, at.line.masked) +
           stacking.check_stack(at.line.number, at.line.masked)),
    Reader("output positions", "claims", lambda at: positions.check_line(
        at.line.number, at.line.masked, getattr(at.state.summary, "rows", []))),
    Reader("flops and macs", "claims",
           lambda at: _both(flops.check_line(at.line.number, at.line.masked))),
    Reader("model facts", "claims", lambda at: _both(at.state.memo.facts(
        at.line, at.tokens, at.used, at.heading))),
    Reader("depths of the section's network", "claims", lambda at: facts.depth_words(
        at.line.number, at.line.masked, at.heading)),
    # a figure beside a name: "AlexNet(6800만)", "ResNet-34: 21,797,672"; the owner and
    # the quantity are read from where the figure stands: a guess, below the rules'
    Reader("named figures", "claims", lambda at: _both(named.check_line(
        at.line.number, at.line.masked, at.tokens, at.state.memo.facts(
            at.line, at.tokens, at.used, at.heading)[0])), confidence=0.8),
    # a markdown table, its rows together
    Reader("table facts", "table", lambda at: _both(at.state.memo.table(at.block))),
    Reader("table arithmetic", "table", _table_arithmetic),
    Reader("breakdown table", "table",
           lambda at: at.state.breakdown.table(at.block or [], table_cells)),
]
_RULES = {r.name: r.supersedes for r in READERS if r.supersedes}
_CONFIDENCE = {r.name: r.confidence for r in READERS}
_STAGES = {stage: [r for r in READERS if r.stage == stage]
           for stage in ("code", "every", "prose", "claims", "table")}


def _run(at: At, stages: tuple[str, ...], found: list[Found]) -> None:
    """Call every reader of ``stages`` on ``at`` in turn, adding what each finds."""
    for stage in stages:
        for reader in _STAGES[stage]:
            cap = reader.confidence
            for item in reader.read(at):
                if isinstance(item, Claim):
                    if item.confidence > cap:
                        item = item._replace(confidence=cap)
                found.append(Found(reader.name, item))


def _short(raw: str, width: int) -> str:
    return " ".join(raw.split())[:width]


class Checker:
    """A note read line by line: ``feed`` each line, then ``finish``. Each returns the
    claims and skips settled so far; a line's own findings come with it, a few late ones
    (a summary row read on over the next line, a table at its end, a figure echoed)
    within ``WINDOW`` lines or at the end."""

    def __init__(self) -> None:
        self.state = NoteState()
        self.table: list[Line] = []
        self.table_rows = 0
        self.pending: deque[int] = deque()  # lines with a number not yet accounted for
        self.accounted: set[int] = set()
        self.texts: dict[int, str] = {}
        self.echo_lines: deque[tuple[int, str]] = deque(maxlen=echoes.KEPT_LINES)
        self.wrong: deque[Claim] = deque(maxlen=echoes.KEPT_CLAIMS)
        self.out: tuple[list[Claim], list[Skip]] = ([], [])

    # ------------------------------------------------------------------ output
    def _emit(self, claims: list[Claim], skips: list[Skip]) -> None:
        self.out[0].extend(claims)
        self.out[1].extend(skips)
        self.accounted.update(c.line for c in claims)
        self.accounted.update(s.line for s in skips)
        self.wrong.extend(c for c in claims if c.verdict == "wrong")

    def _settle(self, found: list[Found]) -> None:
        if found:
            self._emit(*settle(found, _RULES))

    def _take(self) -> tuple[list[Claim], list[Skip]]:
        out, self.out = self.out, ([], [])
        return out

    def _close(self, before: int) -> None:
        """Every line with a number before ``before`` gets a claim or a reason
        (``--verbose`` lists the reasons)."""
        while self.pending and self.pending[0] < before:
            n = self.pending.popleft()
            text = self.texts.pop(n)
            if n not in self.accounted:
                self._emit([], [Skip(n, text, "no claim recognised: a number in prose, not "
                                              "a calculation, shape or model figure that "
                                              "was read")])
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
        wrong = list(self.wrong)
        self._emit(echoes.check(list(self.echo_lines), wrong), [])
        self._close(10**12)
        return self._take()

    def _end_table(self) -> None:
        block, rows = self.table, self.table_rows
        self.table, self.table_rows = [], 0
        found: list[Found] = []
        _run(At(block[0], self.state, block=block), ("table",), found)
        if rows > MAX_TABLE_ROWS:
            found.append(Found("table", Skip(block[0].number + MAX_TABLE_ROWS, "…",
                                             f"a table of {rows:,} rows: rows after the "
                                             f"first {MAX_TABLE_ROWS} are not read")))
        self._settle(found)

    def _line(self, line: Line) -> None:
        state = self.state
        if line.reason not in ("front matter", "merge-conflict marker") and \
                not line.reason.startswith("a line of") and not self.table:
            got, why, in_summary = state.summary.check_line(line.number, line.raw)
            if in_summary:  # a pasted summary takes its lines whole (a named network's
                # breakdown is read on from them: 'Conv-1 | 55x55x96 | 34,944')
                self._emit(got + state.breakdown.check_line(line.number, line.raw,
                                                            line.masked), why)
                return
        if line.kind == "skip":
            if line.reason == "code fence":
                state.code.reset()
            elif line.reason == "code":
                found: list[Found] = []
                _run(At(line, state), ("code",), found)
                self._settle(found)
            elif line.reason.startswith("a line of"):
                self._emit([], [Skip(line.number, line.raw[:60] + "…", line.reason)])
            return
        if line.kind == "heading":
            state.trace.check_line(line.number, line.raw, line.masked)
            state.breakdown.check_line(line.number, line.raw, line.masked)
            # a heading without a network's name goes on with its parent's network
            level = len(line.raw) - len(line.raw.lstrip("#"))
            state.outline = [(n, m) for n, m in state.outline if n < level]
            model = _heading_model(line.masked)
            parent = next((m for _, m in reversed(state.outline) if m is not None), None)
            state.outline.append((level, model))
            state.new_section(model or parent)
            state.mobile.heading(line.raw)
            return
        if _RESET.match(line.raw):
            state.heading = None
            return
        if not line.raw.strip():
            state.scenario = None
            return
        if self.table:  # a row of the table in progress
            self._add_row(line)
            return
        found = []
        at = At(line, state)
        _run(at, ("every",), found)
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
        pseudo = _pseudo_heading(line)
        if pseudo is not None:
            state.new_section(pseudo)
        at.heading = state.heading if pseudo is None else None
        _run(at, ("prose",), found)
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
                _run(at, ("claims",), found)
        self._settle(found)

    def _add_row(self, line: Line) -> None:
        self.table_rows += 1
        if self.table_rows <= MAX_TABLE_ROWS:
            self.table.append(line)

    def _numbered(self, line: Line) -> None:
        self.pending.append(line.number)
        self.texts[line.number] = _short(line.raw, 100)
        if echoes.may_echo(line.masked):
            self.echo_lines.append((line.number, line.masked))


def iter_check(raw_lines: Iterable[str]) -> Iterator[tuple[list[Claim], list[Skip]]]:
    """The claims and skips of a note given line by line, as they are settled: memory
    stays flat however long the note (``check_file`` streams a file through it)."""
    checker = Checker()
    for line in iter_lines(raw_lines):
        got = checker.feed(line)
        if got[0] or got[1]:
            yield got
    yield checker.finish()


def collect(parts: Iterable[tuple[list[Claim], list[Skip]]]) -> Result:
    """Every claim and skip of a note, in line order; a line with a claim drops the
    "no claim recognised" note an early close gave it."""
    claims: list[Claim] = []
    skipped: list[Skip] = []
    for c, s in parts:
        claims += c
        skipped += s
    claimed = {c.line for c in claims}
    skipped = [s for s in skipped if not (s.line in claimed and
                                          s.reason.startswith("no claim recognised"))]
    claims.sort(key=lambda c: c.line)
    skipped.sort(key=lambda s: s.line)
    return Result(claims, _dedupe(skipped))


def check_text(text: str) -> Result:
    """The pipeline over a whole text: lines (markup masked) -> one expression form ->
    the readers' claims, settled, each judged against the layer algebra and the bundled
    specs, with the note's state carried line to line."""
    return collect(iter_check(split_lines(text)))


def _dedupe(skips: list[Skip]) -> list[Skip]:
    seen, out = set(), []
    for s in skips:
        key = (s.line, s.text, s.reason)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def check_file(path: str | Path) -> Result:
    return collect(iter_check(iter_note_lines(path)))
