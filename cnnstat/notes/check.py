"""Check a note: every arithmetic, shape and model-fact claim it makes, line by line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from cnnstat.errors import SpecError
from cnnstat.notes import (arith, code, comparisons, continuity, echoes, facts, flops,
                           formula, general, intent, named, positions, ratios, receptive,
                           separable, shapes, stacking, summary, symbolic, tablecalc,
                           torchcode, trace, walkthrough)
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.models import Mention, mentions
from cnnstat.notes.numbers import SUPERSCRIPTS, Refused, Token, scan
from cnnstat.notes.text import Line, read_lines, table_cells

_PSEUDO_HEADING = re.compile(r"^\s*(?P<name>[^\s(:]+(?:[\s-][^\s(:]+)?)\s*(?:\(.*\)|:.*)?\s*$")
_RESET = re.compile(r"^\s*(?:<br\s*/?>|-{3,}|\*{3,}|_{3,})\s*$", re.I)


class Result(NamedTuple):
    claims: list[Claim]
    skipped: list[Skip]

    @property
    def wrong(self) -> list[Claim]:
        return [c for c in self.claims if c.verdict == "wrong"]


from cnnstat.notes.source import MAX_NOTE_BYTES, NoteError, read_note  # noqa: E402,F401


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
        self.bare: Claim | None = None  # a calculation left without its result

    def new_section(self, heading: Mention | None) -> None:
        self.heading = heading
        self.scenario = None
        self.walk = continuity.Walk()
        self.algebra = symbolic.Memory()


def check_text(text: str) -> Result:
    """The pipeline: lines (markup masked) -> tokens -> claims, each judged against the
    layer algebra and the bundled specs, with the note's state carried line to line."""
    lines = read_lines(text)
    claims: list[Claim] = []
    skipped: list[Skip] = []
    state = NoteState()
    memo = _LineMemo()
    numbered: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.reason not in ("front matter", "merge-conflict marker") and \
                not line.reason.startswith("a line of"):
            got, why, in_summary = state.summary.check_line(line.number, line.raw)
            if in_summary:
                claims += got
                skipped += why
                i += 1
                continue
        if line.kind == "skip" and line.reason in ("code", "code fence"):
            if line.reason == "code fence":
                state.code.reset()
            else:
                state.layers.code_line(line.number, line.raw)
                claims += state.formulas.check_line(line.number, line.raw)
                shown = state.torch.code_line(line.number, line.raw)
                shown += state.trace.check_line(line.number, line.raw)[0]
                got, why = state.code.check_line(line.number, line.raw)
                claims += got + shown
                skipped += [] if shown else why
                printed = code.literals(line.raw)
                if printed is not None:  # print("H_out = (4-1)*2 + 1 = 7"): worked out
                    c, s, _ = memo.arithmetic(Line(line.number, line.raw, printed, "text"))
                    claims += c
                    skipped += s
            i += 1
            continue
        if line.kind == "skip":
            if line.reason.startswith("a line of"):
                skipped.append(Skip(line.number, line.raw[:60] + "…", line.reason))
            i += 1
            continue
        if line.kind == "heading":
            state.trace.check_line(line.number, line.raw, line.masked)
            state.new_section(_heading_model(line.masked))
            state.mobile.heading(line.raw)
            i += 1
            continue
        if _RESET.match(line.raw):
            state.heading = None
            i += 1
            continue
        if not line.raw.strip():
            state.scenario = None
            i += 1
            continue
        claims += state.torch.text_line(line.number, line.raw)
        state.layers.code_line(line.number, line.raw)  # code in a fence without a language
        claims += state.formulas.check_line(line.number, line.raw)  # rules in words
        numbers = len(_NUMBER_RUN.findall(line.masked))
        if numbers > MAX_LINE_NUMBERS:
            skipped.append(Skip(line.number, " ".join(line.raw.split())[:60] + "…",
                                f"{numbers} numbers in one line: more than "
                                f"{MAX_LINE_NUMBERS} are not read"))
            i += 1
            continue
        if line.kind == "table":
            j = i
            while j < len(lines) and lines[j].kind == "table":
                j += 1
            block = lines[i:j]
            if len(block) > MAX_TABLE_ROWS:
                skipped.append(Skip(block[MAX_TABLE_ROWS].number, "…",
                                    f"a table of {len(block):,} rows: rows after the first "
                                    f"{MAX_TABLE_ROWS} are not read"))
                block = block[:MAX_TABLE_ROWS]
            got, skips = memo.table(block)
            cells = tablecalc.check(block, table_cells)  # "| (7-3)/2+1 | 3 |"
            claims += got + cells
            skipped += skips
            done = {(c.line, c.text.split(" = ")[0]) for c in cells}
            for row in block:
                if len(_NUMBER_RUN.findall(row.masked)) > MAX_LINE_NUMBERS:
                    continue
                c, s, _ = memo.arithmetic(row)
                claims += [x for x in c if x.verdict != "info" or (x.line, x.text) not in done]
                skipped += s
            i = j
            continue
        pseudo = _pseudo_heading(line)
        if pseudo is not None:
            state.new_section(pseudo)
        # every line goes on with the walkthrough (a map may stand alone: "(14, 14, 32)")
        walked = state.walkthrough.check_line(line.number, line.masked)
        claims += state.trace.check_line(line.number, line.raw, line.masked)[0]  # a named net's maps
        # a comparison of two models needs no number ("VGG is deeper than AlexNet")
        mc, ms = comparisons.check_line(line.number, line.masked,
                                        state.heading if pseudo is None else None)
        claims += mc
        skipped += ms
        claims += state.mobile.check_line(line.number, line.raw)  # MobileNet's symbols
        if not numbers and not _SUPERSCRIPT.search(line.masked):
            i += 1
            continue
        numbered.append(line)
        if not _MAY_CLAIM.search(line.masked):
            claims += walked[0]
            skipped += walked[1]
            i += 1  # numbers with nothing any claim is written with: listed in --verbose
            continue
        tokens, why = memo.tokens(line)
        if tokens is None:
            skipped.append(Skip(line.number, " ".join(line.raw.split())[:100],
                                f"not read: {why}"))
            i += 1
            continue
        mark = len(skipped)
        c, s, used = memo.arithmetic(line)
        above = state.bare if state.bare is not None and state.bare.line == line.number - 1 \
            else None
        joined = arith.continued(line.number, tokens, above) if above is not None else None
        if joined is not None:
            c = [joined] + c
        c += state.layers.check(line.number, line.masked, c)
        bare = [x for x in c if x.kind == "arithmetic"]
        state.bare = bare[0] if len(bare) == 1 and bare[0].verdict == "info" else None
        claims += c
        skipped += s
        scenario = state.scenario
        prev = scenario if scenario is not None and scenario.line == line.number - 1 else None
        sc, ss, state.scenario = shapes.check_line(line.number, line.raw, line.masked, prev)
        claims += sc
        skipped += ss
        if any(c.kind == "shape" for c in sc):  # the one-line reader's, judged first
            walked = ([c for c in walked[0] if c.kind != "shape"], walked[1])
        claims += walked[0]
        skipped += walked[1]
        claims += continuity.cost_line(state.walk, line.number, line.masked)
        cc, cs = state.walk.check_line(line.number, line.raw, line.masked)
        claims += cc
        skipped += cs
        fc_ = memo.formula(line, tokens)
        claims += fc_
        algebra = memo.algebra(line, tokens)
        yc, ys = state.algebra.check_line(line.number, line.raw, algebra) \
            if algebra is not None else ([], [])
        claims += yc
        skipped += ys
        if yc:  # read as algebra: the arithmetic reader's "symbols" notes are moot
            skipped[mark:] = [x for x in skipped[mark:] if "symbol" not in x.reason]
        heading = state.heading if pseudo is None else None
        rc, rs = memo.ratios(line, heading)
        claims += rc
        skipped += rs
        claims += state.dilated.check_line(line.number, line.masked)
        claims += stacking.check_line(line.number, line.masked)
        claims += stacking.check_stack(line.number, line.masked)
        claims += positions.check_line(line.number, line.masked,
                                       getattr(state.summary, "rows", []))
        uc, us = flops.check_line(line.number, line.masked)
        claims += uc
        skipped += us
        fc, fs = memo.facts(line, tokens, used, heading)
        claims += fc
        skipped += fs
        nc, ns = named.check_line(line.number, line.masked, tokens, fc)  # "AlexNet(60M)"
        claims += nc
        skipped += ns
        i += 1
    claims += echoes.check([(x.number, x.masked) for x in numbered], claims)
    # every line with a number gets a claim or a reason (--verbose lists the reasons)
    accounted = {c.line for c in claims} | {s.line for s in skipped}
    for line in numbered:
        if line.number not in accounted:
            skipped.append(Skip(line.number, " ".join(line.raw.split())[:100],
                                "no claim recognised: a number in prose, not a calculation, "
                                "shape or model figure that was read"))
    claims.sort(key=lambda c: c.line)
    skipped.sort(key=lambda s: s.line)
    return Result(claims, _dedupe(skipped))


class _LineMemo:
    """The readers that carry no state between lines, remembered per distinct line text
    (notes repeat lines): a repeated line's claims and skips are the first one's, moved to
    its own line number. Keys hold everything such a reader reads (the raw and masked text,
    and the section's model where it is used)."""

    def __init__(self) -> None:
        self._seen: dict[tuple, tuple] = {}

    def _get(self, key: tuple, line: Line, read) -> tuple:
        hit = self._seen.get(key)
        if hit is None:
            got = read()
            hit = self._seen[key] = (line.number if any(
                part and isinstance(part[0], (Claim, Skip)) for part in got) else None, got)
        number, got = hit  # number None: nothing in it carries a line number
        return got if number is None or number == line.number else \
            _moved(got, line.number - number)

    def tokens(self, line: Line) -> tuple[list[Token] | None, str]:
        got = self._seen.get(("tokens", line.masked))
        if got is None:
            got = self._seen[("tokens", line.masked)] = _tokens(line)
        return got

    def arithmetic(self, line: Line) -> tuple[list[Claim], list[Skip], list[tuple[int, int]]]:
        c, s, used = self._get(("arith", line.raw, line.masked), line,
                               lambda: _arithmetic(line, self.tokens(line)[0]))
        return list(c), list(s), list(used)

    def formula(self, line: Line, tokens: list[Token]) -> list[Claim]:
        (got,) = self._get(("formula", line.raw, line.masked), line,
                           lambda: (formula.check_line(line.number, line.raw, tokens)[0],))
        return list(got)

    def algebra(self, line: Line, tokens: list[Token]) -> list[Token] | None:
        got = self._seen.get(("algebra", line.masked), ())
        if got == ():
            got = self._seen[("algebra", line.masked)] = symbolic.algebra_tokens(tokens)
        return got

    def table(self, block: list[Line]) -> tuple[list[Claim], list[Skip]]:
        """A table's model figures: a repeated table's are the first one's, moved down."""
        key = ("table",) + tuple((row.raw, row.masked) for row in block)
        c, s = self._get(key, block[0], lambda: facts.table(block, table_cells))
        return list(c), list(s)

    def ratios(self, line: Line, heading: Mention | None) -> tuple[list[Claim], list[Skip]]:
        c, s = self._get(("ratios", line.masked, heading), line,
                         lambda: ratios.check_line(line.number, line.masked, heading))
        return list(c), list(s)

    def facts(self, line: Line, tokens: list[Token], used: list[tuple[int, int]],
              heading: Mention | None) -> tuple[list[Claim], list[Skip]]:
        """A depth list's claims and the prose facts (figures not already read as a sum,
        a list or a shape)."""
        def read() -> tuple[list[Claim], list[Skip]]:
            listed, list_spans = facts.depth_list(line.number, line.masked)
            taken = used + list_spans + [(it.start, it.end) for it in shapes.items(line.masked)]
            fc, fs = facts.prose(line.number, line.raw, line.masked, tokens, taken, heading)
            return listed + fc, fs

        c, s = self._get(("facts", line.raw, line.masked, heading), line, read)
        return list(c), list(s)


def _moved(got: tuple, shift: int) -> tuple:
    """Each list of claims and skips in ``got`` moved ``shift`` lines down; other parts
    (spans) as they are."""
    out = []
    for part in got:
        if part and isinstance(part[0], (Claim, Skip)):
            part = [_restamp(x, shift) for x in part]
        out.append(part)
    return tuple(out)


def _restamp(item: Claim | Skip, shift: int) -> Claim | Skip:
    if isinstance(item, Claim) and item.edits:
        return item._replace(line=item.line + shift,
                             edits=tuple(e._replace(line=e.line + shift) for e in item.edits))
    return item._replace(line=item.line + shift)


def _tokens(line: Line) -> tuple[list[Token] | None, str]:
    try:
        return scan(line.masked), ""
    except Refused as err:
        return None, str(err)


def _arithmetic(line: Line, tokens: list[Token] | None
                ) -> tuple[list[Claim], list[Skip], list[tuple[int, int]]]:
    if tokens is None:
        return [], [Skip(line.number, line.raw.strip()[:80], "not read: a number too long "
                                                              "or an exponent too large")], []
    claims, skips, used = arith.check_line(line.number, line.raw,
                                           arith.drop_annotations(tokens))
    # an '=' next to a number that no claim used: a formula with variables or symbols
    for k, tok in enumerate(tokens):
        if tok.kind not in ("EQ", "APPROX") or any(a <= tok.start < b for a, b in used):
            continue
        left = tokens[max(0, k - 4):k]
        right = tokens[k + 1:k + 5]
        if any(t.kind == "NUM" for t in left) and any(t.kind == "NUM" for t in right) and \
                not any(s.line == line.number for s in skips):
            skips.append(Skip(line.number, " ".join(line.raw.split())[:100],
                              "not a numeric equation (variables or symbols)"))
    return claims, skips, used


def _dedupe(skips: list[Skip]) -> list[Skip]:
    seen, out = set(), []
    for s in skips:
        key = (s.line, s.text, s.reason)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def check_file(path: str | Path) -> Result:
    return check_text(read_note(path))
