"""The summary being read, line by line (``Summary.check_line``, called for every raw line,
fences too). A Keras row is judged when the next line shows its cells did not go on."""

from __future__ import annotations

import math
import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.signs import Gated
from cnnstat.notes.summary import aside, context, named, rows as grammar, totals
from cnnstat.notes.summary.held import Held
from cnnstat.notes.summary.rebuild import LOOK_BACK, corrected, elided, judge
from cnnstat.notes.summary.rows import Columns, Row

_RULE = re.compile(r"^[\s│|┃=_\-─━┏┓┗┛┡┩┣┫╇╈┳┻╋└┘┌┐├┤┬┴┼+]*$")
_FENCE = ("```", "~~~")
MAX_LINE = 400
MAX_ROWS = 50_000  # rows of one summary read (the biggest networks print a few thousand)
# what a line needs to open a summary while none is open (``Summary.check_line`` asks
# nothing more of a line without it): a header has no digit and cells (``rows.header``);
# a row opens one only as torchsummary writes it (``[-1, 64, 112, 112]``) or Keras
# (``(None, 112, 112, 64)``). A new style that opens a summary adds its sign here.
_OPENS_ROW = Gated(("[", "("), r"\w-[0-9]{1,5} +\[-?[0-9]|"
                        r"\((?:None|[0-9]{1,9})(?:, ?(?:None|[0-9]{1,9})){0,6},?\)\]? +[0-9]|"
                        r"\w\([A-Za-z_]\w{0,40}\)[ -]{2,}[0-9]")  # MXNet's 'fc1(FullyConnected)  10'
_DIGIT, _CELLS = re.compile(r"[0-9]"), ("  ", "\t", "|", "│", "┃", "║")


# a summary pasted as comments or quoted, every line behind the same marker ("# conv2d
# (Conv2D) ...", "// Total params: 8,856", R's "#> ", a quote's "> "; a '#' may touch the
# name, "#conv2d_1 (Conv2D) ...", "#Total params: 35", "#=====" ): the marker is
# blanked, so the columns stay where they were printed and every span still points into
# the line as written
_COMMENT = re.compile(r"^[ \t]*(?:(?:#+>?|//|--|%|>(?:[ \t]?>)*|[-*+•]|[0-9]{1,3}[.)])(?=[ \t]|$)"
                      r"|#+(?=[A-Za-z_=]))")


def uncomment(raw: str) -> str:
    """The line with its comment, quote or list mark blanked (a list's rows: ``1. conv2d
    (Conv2D)  (None, 26, 26, 32)  320``, ``- Total params: 320``)."""
    if not raw or raw.lstrip()[:1] not in "#/-%>*+•0123456789":
        return raw
    m = _COMMENT.match(raw)
    return raw if m is None else " " * m.end() + raw[m.end():]


def may_open(raw: str) -> bool:
    """Could ``raw`` open a summary? False only where ``Summary._line`` would read
    nothing in it with no summary open."""
    if _DIGIT.search(raw):
        return _OPENS_ROW.search(raw) is not None
    inner = raw.strip()
    return any(c in inner for c in _CELLS)


def claim(line: int, text: str, claimed: str, actual, ok: bool, how: str,
          span: tuple[int, int], shown: str) -> Claim:
    """A summary claim; a wrong one carries the edit that corrects it."""
    edits = () if ok or span == (0, 0) else (Edit(line, span[0], span[1], shown),)
    return Claim(line, text, "summary", claimed, actual, "right" if ok else "wrong", how,
                 edits, shown)


class Summary:
    """The rows of the summary being read, and whether any line in it was not read."""

    def __init__(self) -> None:
        self.active = False
        self.broken = False  # the last summary ended at a line that was not read
        self.context = context.Context()  # the network named above, for totals alone
        self.held = Held()  # comment totals heading a paragraph of code
        self.start(None)

    def start(self, cols: Columns | None, style: str = "", gap: bool = False) -> None:
        self.active = cols is not None
        self.cols, self.style = cols, style
        self.rows: list[Row] = []
        self.leaves: list[Row] = []  # rows a later row may read (torchinfo: no blocks)
        self.names: dict[str, Row] = {}
        self.pending: Row | None = None
        self.gap = gap
        self.total = self.summed = None  # the total stated, the rows' sum (int or None)
        self.trainable: int | None = None
        self.sizes: dict[str, str] = {}  # the MB figures printed under the table
        self.over = 0  # rows past MAX_ROWS, not read
        self.headless = False
        self.aside: tuple | None = None  # the summary a line without figures broke off

    # ------------------------------------------------------------------ lines
    def check_line(self, number: int, raw: str) -> tuple[list[Claim], list[Skip], bool]:
        """Claims of one raw line; the flag says the line belonged to a summary."""
        if len(raw) > MAX_LINE:
            return [], [], False
        bare = uncomment(raw)
        # totals held over their paragraph come out on the line that ends it (``held``)
        out, why = self.held.release(self) if self.held.ends(raw, bare) else ([], [])
        self.context.fence(raw)
        raw, comment = bare, raw
        if not self.active or self.style == "totals":
            self.context.line(raw)
        held = self.held.holds(self, comment, raw)
        self.held.note(comment, held)
        if held:
            self.held.hold(self, number, raw)
            return out, why, True
        if not self.active and self.pending is None and not may_open(raw) and \
                not (self.context.model is not None and totals.opens(raw)):
            return out, why, False
        done: tuple[list[Claim], list[Skip]] = ([], [])
        if self.pending is not None:
            more = grammar.continuation(self.pending, raw)
            if more is not None:
                self.pending = more
                return out, why, True
            done = self._finish()
        got, skips, mine = self._line(number, raw)
        return out + done[0] + got, why + done[1] + skips, mine or bool(done[0] or done[1])

    def _line(self, number: int, raw: str) -> tuple[list[Claim], list[Skip], bool]:
        if self.style == "totals" and self.active and \
                (not raw.strip() or context.input_line(raw) is not None):
            return [], [], False  # totals alone go on after a blank line or the input
        cols = grammar.header(raw)
        if cols is not None:
            low = raw.lower()
            style = ("torchinfo" if "depth-idx" in low else "dl4j" if "nin,nout" in low
                     else "fastai" if re.search(r"\btrainable\s*$", low) else "plain")
            self.start(cols, style)
            self.broken = False
            return [], [], True
        row = grammar.torchsummary(number, raw) or grammar.keras(number, raw) or \
            grammar.mxnet(number, raw)
        if row is None and self.active and self.cols is not None:
            row = grammar.columns(number, raw, self.cols, self.style)
        if row is not None:
            # rows without a header; after an unread line, a part (``aside``: or the rows
            if not self.active and not aside.resume(self, number, row):  # going on)
                self.start(Columns(("layer", "output", "params"), False), row.style,
                           gap=self.broken)
                # rows without their header may be the bottom of a longer summary
                self.headless = row.family != "input" and not row.name.endswith("-1")
            if row.name.lower() == "total":
                return self._sum_row(row), [], True
            if (row.style == "keras" and (not row.closed or "inputs" in self.cols.roles)) \
                    or row.style == "mxnet":
                self.pending = row  # its cells may go on below
                return [], [], True
            got, why = self._judge(row)
            return got, why, True
        if not self.active:
            if self.context.model is None or not totals.opens(raw):
                return [], [], False
            # totals alone under a network's name: judged against its specs
            self.start(Columns(("layer", "output", "params"), False), "totals")
        for what, rx in totals.LINES:
            m = rx.match(raw)
            if m and (self.style != "totals" or totals.whole(m)):
                return (*self._named(number, what, m, self._totals(number, what, m)), True)
        figs = totals.figures(raw) if self.style == "totals" else []
        if figs:
            got, why = [], []
            for kind, value, step, span in figs:
                c, w = self._judged(number, raw, kind, value, step, span, [])
                got, why = got + c, why + w
            return got, why, True
        if _RULE.match(raw) or totals.OTHER.match(raw) or aside.dots(self, raw):
            return [], [], True
        if raw.lstrip().startswith(_FENCE) or (self.total is not None and not raw.strip()):
            self.active = self.broken = False  # the summary ends with its fence, or
            return [], [], False  # after its totals
        if raw.strip():
            # a line that is not a row ends the summary and goes to the other readers;
            # rows after it are a part of a table, whose total is not known, unless they
            # go on just below a line without a figure (a note written into the table)
            aside.keep(self, number, raw)
            self.active, self.broken = False, self.total is None
            return [], [], False
        return [], [], True

    # ------------------------------------------------------------------ rows
    def end(self) -> tuple[list[Claim], list[Skip]]:
        """The note ends: a row still waiting for its next line is judged as it is, and
        totals held over their paragraph are released."""
        got, why = self.held.release(self) if self.held.lines else ([], [])
        more, also = self._finish()
        return got + more, why + also

    def totals_alone(self, number: int, bare: str) -> tuple[list[Claim], list[Skip], bool]:
        """A line of totals read as a block of totals alone would read it (``held``)."""
        return self._line(number, bare)

    def _finish(self) -> tuple[list[Claim], list[Skip]]:
        row, self.pending = self.pending, None
        return self._judge(row) if row is not None else ([], [])

    def _inputs(self, row: Row) -> tuple[list[Row], bool]:
        """The rows ``row`` reads, and whether that is certain."""
        if row.inputs and (self.style == "dl4j" or row.style in ("keras", "mxnet")):
            found = [self.names[n] for n in row.inputs if n in self.names]
            return found, len(found) == len(row.inputs)
        if row.style == "torchinfo" or self.style == "torchinfo":
            while self.leaves and self.leaves[-1].depth < row.depth and \
                    self.leaves[-1] is self.rows[-1]:
                self.leaves.pop()  # the row before holds this one: a block, not a layer
        prev = self.leaves[-1:] if self.leaves else []
        chain = row.style == "keras" and "inputs" not in (self.cols.roles if self.cols else ())
        return prev, chain or (self.style == "dl4j" and "inputs" not in self.cols.roles)

    def _judge(self, row: Row) -> tuple[list[Claim], list[Skip]]:
        if len(self.rows) >= MAX_ROWS:  # memory stays flat: the rest is not read, and
            self.over += 1  # the totals are no longer the sum of the rows read
            self.gap = True
            return [], [Skip(row.line, f"{row.type or row.name}: {row.params}",
                             f"a summary of more than {MAX_ROWS:,} rows: the rows after "
                             "them and its totals are not read")] if self.over == 1 else []
        inputs, sure = self._inputs(row)
        if row.family == "input" or (row.family == "container" and not self.rows):
            got: list[Claim] = []
        elif elided(row, inputs):
            got, self.gap = [], True  # rows cut out above: its input and the sums unknown
        elif row.macs is not None and row.shape is None:
            got = self._macs(row)
        else:
            got = judge(row, inputs, self.leaves[:-1] if inputs else self.leaves, sure, claim)
        if row.weights and row.params is not None:
            got += self._weights(row)
        fixed = corrected(row, got)
        self.rows.append(fixed)
        self.leaves.append(fixed)
        if len(self.leaves) > 4 * LOOK_BACK:  # a row reads the last LOOK_BACK (rebuild)
            del self.leaves[:-2 * LOOK_BACK]
        if row.name:
            self.names[row.name] = fixed
        if got or row.family in ("input", "container"):
            return got, []
        return [], [Skip(row.line, f"{row.type or row.name}: {row.params}",
                         "a summary row not rebuilt: the first row, or a layer whose count "
                         "depends on settings the table does not show")]

    def _weights(self, row: Row) -> list[Claim]:
        """DL4J prints each weight's shape: the count is the sum of their sizes."""
        want = sum(math.prod(w) for w in row.weights)
        return [claim(row.line, f"{row.name}: {row.params:,} parameters", f"{row.params:,}",
                      want, row.params == want,
                      " + ".join("x".join(map(str, w)) for w in row.weights) + " (ParamsShape)",
                      row.span, f"{want:,}")]

    def _macs(self, row: Row) -> list[Claim]:
        """A name / params / MACs table: each weight is used once per output position,
        so MACs / params is the output's height x width (a square)."""
        if not row.params:
            return []
        q, rest = divmod(row.macs, row.params)
        side = math.isqrt(q)
        if rest == 0 and side * side == q:
            return [claim(row.line, f"{row.name}: {row.macs:,} MACs", f"{row.macs:,}", row.macs,
                          True, f"{row.params:,} weights x {side}x{side} output positions",
                          row.macs_span, f"{row.macs:,}")]
        return []

    # ------------------------------------------------------------------ totals
    def _sum_row(self, row: Row) -> list[Claim]:
        """``Total: params  macs`` under a name / params / MACs table."""
        if self.gap or not self.rows:
            return []
        out: list[Claim] = []
        for got, span, what in ((row.params, row.span, "params"),
                                (row.macs, row.macs_span, "macs")):
            if got is None:
                continue
            parts = [getattr(r, what) for r in self.rows]
            if any(p is None for p in parts):
                continue
            want = sum(parts)
            if self.headless and got > want:
                continue  # a total of rows above the first shown, too
            out.append(claim(row.line, f"total {what}: {got:,}", f"{got:,}", want, got == want,
                             f"the sum of the {len(parts)} rows above", span, f"{want:,}"))
        return out

    def _totals(self, number: int, what: str, m: re.Match) -> list[Claim]:
        text = m.group(0).strip()
        self.sizes[what] = m.group(1)  # a size a sum below may add (``totals.SUMS``)
        if what in ("size", "pass", "input", "estimated", "overhead", "ram"):
            if what in ("input", "overhead"):
                return []
            if what in totals.SUMS:
                return totals.summed(number, what, m, self.sizes, claim)
            return self._size(number, what, m)
        if what == "macs":
            return self._mult_adds(number, m)
        if what == "model size":
            mib = Fraction(self.total * 4, 2**20) if self.total is not None else None
            return [] if mib is None or not totals.rounds_to(mib, m.group(1)) else [claim(
                number, text, m.group(1), float(m.group(1)), True,
                f"{self.total:,} x 4 bytes / 2^20 (MiB): no buffers", m.span(1), m.group(1))]
        value = int(m.group(1).replace(",", ""))
        out = self._keras_bytes(number, value, m)
        a, b = m.span(1)
        if what == "total":
            self.total = value
            if self.rows and not self.gap and all(r.params is not None or r.depth
                                                  for r in self.rows):
                want = self.summed = sum(r.params or 0 for r in self.rows)
                if self.headless and value > want:
                    self.summed = None  # a total of rows above the first shown, too
                    return out
                how, sure = totals.bias_gap(self.rows, value, want)
                if sure < 1:  # a row's count or the total slipped: the totals are unsure
                    self.summed, self.gap = None, True
                out.append(claim(number, text, m.group(1), want, value == want,
                                 f"the sum of the {len(self.rows)} rows above{how}", (a, b),
                                 f"{want:,}")._replace(confidence=sure))
        elif what == "trainable":
            self.trainable = value
            keras = bool(self.rows) and self.rows[-1].style == "keras"
            stats = sum(2 * r.shape[0] for r in self.rows
                        if keras and r.family == "bn" and r.shape)
            whole = self.summed if self.summed is not None else self.total  # rows' sum first
            if whole is not None and not any(r.frozen for r in self.rows) and \
                    value in (whole - stats, self.total - stats):  # the stated total's slip too
                out.append(claim(number, text, m.group(1), whole - stats, value == whole - stats,
                                 "the total less the batch-norm moving statistics "
                                 f"(2 x C: {stats:,})" if stats else "every parameter",
                                 (a, b), f"{whole - stats:,}"))
        elif self.total is not None and self.trainable is not None:
            want = self.total - self.trainable
            out.append(claim(number, text, m.group(1), want, value == want,
                             "total - trainable", (a, b), f"{want:,}"))
        return out

    def _named(self, number: int, what: str, m: re.Match,
               internal: list[Claim]) -> tuple[list[Claim], list[Skip]]:
        """A total under a network's name, judged against the network's specs too
        (under rows that gave it, only another network's figure is news)."""
        if self.context.model is None or what in ("estimated", "model size"):
            return internal, []
        group = 2 if what == "macs" else 1
        text = m.group(group).replace(",", "")
        scale = totals._SCALE[m.group(1)] if what == "macs" else 1
        places = len(text.split(".")[1]) if "." in text else 0
        return self._judged(number, m.string, what, Fraction(text) * scale,
                            Fraction(scale, 10**places), m.span(group), internal)

    def _judged(self, number: int, raw: str, kind: str, value: Fraction, step: Fraction,
                span: tuple[int, int], internal: list[Claim]) -> tuple[list[Claim], list[Skip]]:
        return named.claims(number, raw, kind, value, step, span, internal, self.context,
                            claim, bool(self.rows) and not self.gap)

    def _keras_bytes(self, number: int, value: int, m: re.Match) -> list[Claim]:
        if not m.group(2):
            return []
        shown, unit = totals.keras_size(value * 4)
        stated = m.group(3).replace("Byte", "B")
        ok = any(totals.rounds_to(Fraction(value * w, 1024 ** totals._UNITS.index(stated)),
                                  m.group(2)) for w in (4, 2, 8))  # in the unit printed
        a, b = m.span(2)
        return [claim(number, f"{value:,} parameters: {m.group(2)} {m.group(3)}", m.group(2),
                      f"{shown} {unit}", ok, f"{value:,} x 4 bytes, in units of 1024", (a, b),
                      shown if unit == stated else f"{shown} {unit}")]

    def _size(self, number: int, what: str, m: re.Match) -> list[Claim]:
        text, a, b = m.group(1), m.start(1), m.end(1)
        if what == "size":
            if self.total is None:
                return []
            mb = Fraction(self.total * 4, 10**6)
            if self.style == "torchinfo" or (self.style == "totals" and  # either tool's
                                             totals.rounds_to(mb, text)):
                want, how = mb, "x 4 bytes / 10^6 (MB)"
            else:
                want, how = Fraction(self.total * 4, 2**20), \
                    "x 4 bytes / 2^20 (MiB, which torchsummary labels MB)"
            how = f"{self.total:,} {how}"
        else:
            if self.gap or not self.rows or self.style == "torchinfo" or \
                    any(r.shape is None for r in self.rows):
                return []
            elements = sum(r.batch * math.prod(r.shape) for r in self.rows)
            want = Fraction(2 * elements * 4, 2**20)
            how = f"2 x {elements:,} output elements x 4 bytes / 2^20 (MiB)"
        places = len(text.split(".")[1]) if "." in text else 0
        shown = f"{float(want):.{max(places, 2)}f}"
        return [claim(number, m.group(0).strip(), text, float(shown),
                      totals.rounds_to(want, text), how, (a, b), shown)]

    def _mult_adds(self, number: int, m: re.Match) -> list[Claim]:
        if self.style != "torchinfo" or self.gap:
            return []
        macs = totals.torchinfo_macs(self.rows)
        if macs is None:
            return []
        unit = totals._SCALE[m.group(1)]
        text = m.group(2).replace(",", "")
        want = Fraction(macs, unit)
        places = len(text.split(".")[1]) if "." in text else 0
        shown = f"{float(want):,.{places}f}"
        return [claim(number, m.group(0).strip(), m.group(2), shown,
                      totals.rounds_to(want, text), f"{macs:,} as torchinfo counts them "
                      "(weights and biases x output positions x batch)", m.span(2), shown)]
