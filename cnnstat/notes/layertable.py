"""A layer table, rebuilt row by row through the layer algebra.

Whatever the table's layout (``layercols`` names its columns and reads its cells), each
row is a layer whose window (kernel, stride, padding, dilation) comes from its columns or
its own name, and the rows chain: a row reads what the row above gave.

* **Output size**: ``floor((n + 2p - d(k - 1) - 1)/s) + 1`` (``layers.base``'s rule) from
  the row's input cell, or else the row above's output cell. A size that rounding up
  gives (pooling's ``ceil_mode``, a note's ".5 counted as 1") is unsure, never wrong; with
  the padding not stated, a size some padding up to ``k // 2`` gives is right, and one no
  padding could give (0 to ``k - 1``) wrong only at a lower confidence.
* **Receptive field and jump**: the analysis's growth rule (``analysis.grow``),
  ``r_out = r_in + (k - 1)·d·j_in`` and ``j_out = j_in·s``, from a field of 1 and a jump
  of 1 at the first row, carried down the true chain (a slip is not carried on). A
  column may give each row's field or jump *after* its layer or *before* it (computed a
  row late): the column's own figures decide which, and so does the working a cell shows
  (``13+(3-1)*4``: the kernel of the row above is the row above's layer); a column that
  neither fits anywhere is not judged.
* **A worked cell** (``9+(3-1)* 2 = 13``, ``2 * 2 = 4``): its own arithmetic, and its
  result against the chain.

A row that names no window and is not a layer that keeps the size (ReLU, batch norm),
or that ends the spatial chain (a fully connected layer, an Inception module, a
concatenation), ends the judging: the rows below are not read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes import layercols
from cnnstat.notes.claims import Claim, Edit, Skip

CONFIDENCE = 0.9  # the columns are read from their header words, the window from a name
GUESSED = 0.6  # a size judged with its padding or input guessed
_OUT_WORDS = re.compile(r"out|출력|size|크기", re.I)  # a column of sizes, whatever they hold
MAX_SIDE = 100_000


class Layer(NamedTuple):
    number: int
    cells: list[tuple[str, int, int]]  # raw text, start, end in the line
    k: int
    s: int
    p: int | str | None
    d: int
    kind: str  # "layer" | "pool" | "pass" | "input" | ""
    lines: tuple[int, ...] = ()  # each cell's line, where a table is written on its side


def _line(lay: Layer, col: int) -> int:
    return lay.lines[col] if lay.lines else lay.number


def bars(raw: str, outer: bool = True) -> list[tuple[str, int, int]]:
    """A row's cells as written (raw text, start, end), split at unescaped bars; with
    ``outer`` False the row has no pipes at its ends (``a | b | c``)."""
    cuts = [i for i, ch in enumerate(raw) if ch == "|" and (i == 0 or raw[i - 1] != "\\")]
    if not outer:
        cuts = [-1] + cuts + [len(raw)]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        text = raw[a + 1:b]
        lead = len(text) - len(text.lstrip())
        out.append((text.strip(), a + 1 + lead, a + 1 + lead + len(text.strip())))
    return out


def _separator(cells: list[tuple[str, int, int]]) -> bool:
    return bool(cells) and all(re.fullmatch(r":?-{1,}:?|", c.strip()) for c, _, _ in cells)


def check(rows: list[tuple[int, list[tuple[str, int, int]]]], ceil: bool = False
          ) -> list[Claim | Skip]:
    """The claims of a table given as (line number, cells) rows, the header first; with
    ``ceil`` the note has said that its sizes round up (``ceil_mode``, ".5 counted as 1")."""
    if len(rows) < 2:
        return []
    head = [c for c, _, _ in rows[0][1]]
    if not {"out", "rf", "j"} & {r for found in layercols.roles(head) for r in found}:
        rows = _turned(rows)  # a table on its side: a layer a column, a quantity a row
        if not rows:
            return []
        head = [c for c, _, _ in rows[0][1]]
    where: dict[str, tuple[int, int, int]] = {}  # role -> (column, part, parts)
    for col, found in enumerate(layercols.roles(head)):
        for part, role in enumerate(found):
            if role in where:
                return []  # two columns of one role: not a table this reader knows
            where[role] = (col, part, len(found))
    body = [row for row in rows[1:] if not _separator(row[1])]
    if "out" in where and not _OUT_WORDS.search(head[where["out"][0]]) and not any(
            re.search(r"\d\s*[x×]\s*\d", row[1][where["out"][0]][0]) for row in body
            if len(row[1]) == len(head)):
        del where["out"]  # "Feature maps | 6": a count of maps, not their size
    if not ({"out", "rf", "j"} & set(where)):
        return []
    layers = _layers(body, where, len(head))
    if not layers:
        return []
    out: list[Claim | Skip] = []
    out += _sizes(layers, where, ceil)
    fields, jumps = _chain(layers)
    for role, name in (("rf", "receptive field"), ("j", "jump")):
        if role in where:
            out += _column(layers, where[role][0], role, name, fields, jumps)
    return out


def _turned(rows) -> list:
    """A table written on its side (``| | conv1 | pool1 |`` over ``| k | 3 | 2 |``,
    ``| RF | 3 | 4 |``) as a layer a row: each row's first cell names a quantity, each
    column after it a layer; each cell keeps its own line."""
    body = [(n, c) for n, c in rows[1:] if not _separator(c)]
    width = len(rows[0][1])
    if len(body) < 2 or width < 2 or any(len(c) != width for _, c in body):
        return []
    names = [c[0][0] for _, c in body]
    found = {r for roles in layercols.roles(names) for r in roles}
    if not ({"out", "rf", "j"} & found and {"k", "s"} & found):
        return []
    first, head_line = rows[0][1], rows[0][0]
    turned = [(head_line, [first[0]] + [c[0] for _, c in body])]
    for j in range(1, width):
        cells = [first[j]] + [c[j] for _, c in body]
        turned.append((head_line, cells, (head_line,) + tuple(n for n, _ in body)))
    return turned


def _part(cells, at: tuple[int, int, int]) -> int | None:
    col, part, parts = at
    got = layercols.numbers(cells[col][0], parts)
    return None if got is None else got[part]


def _layers(rows, where, width: int) -> list[Layer]:
    """The rows as layers, down to the first that cannot be rebuilt."""
    window = {r for r in ("k", "s", "p", "d") if r in where}
    columns = {at[0] for at in where.values()}
    out: list[Layer] = []
    for number, cells, *lines in rows:
        if len(cells) != width:
            break
        words = layercols.layer(" ".join(c for i, (c, _, _) in enumerate(cells)
                                         if i not in columns or i == where.get("layer",
                                                                               (-1,))[0]))
        got = {r: _part(cells, where[r]) for r in window}
        k = got.get("k") or words.k
        s = got.get("s") or words.s
        p = got["p"] if got.get("p") is not None else words.p
        d = got.get("d") or words.d or 1
        if words.kind == "end":
            break
        if words.kind == "input" or (k is None and s is None and words.kind in ("pass", "")):
            out.append(Layer(number, cells, 1, 1, 0, 1, words.kind or "", *lines))
            continue
        if k is None or s is None or not (1 <= k <= 64 and 1 <= s <= 64 and d <= 64):
            break
        out.append(Layer(number, cells, k, s, p, d, words.kind, *lines))
    return out


def _chain(layers: list[Layer]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Each row's receptive field and jump, before and after its layer."""
    from cnnstat.analysis import grow
    rf, jump = (1, 1), (1, 1)
    fields, jumps = [], []
    for lay in layers:
        before = (rf[0], jump[0])
        rf, jump = grow(rf, jump, ((lay.d * (lay.k - 1) + 1,) * 2, (lay.s, lay.s)))
        fields.append((before[0], rf[0]))
        jumps.append((before[1], jump[0]))
    return fields, jumps


# ---------------------------------------------------------------- receptive field, jump
_RF_WORK = re.compile(r"^\(?(\d+)\)?\s*\+\s*\(\s*(\d+)\s*-\s*1\s*\)\s*\*\s*(?:(\d+)\s*\*\s*)?"
                      r"\(?(\d+)\)?$")
_JUMP_WORK = re.compile(r"^(\d+)\s*\*\s*(\d+)$")


def _vote(layers, i: int, role: str, expr: str) -> int:
    """+1 where a cell's working uses its own row's layer (the figure after it), -1 the
    row above's (a row late), 0 where it says neither."""
    if not expr or i == 0:
        return 0
    lay, above = layers[i], layers[i - 1]
    if role == "rf":
        m = _RF_WORK.match(expr.replace(" ", ""))
        if m is None:
            return 0
        k = int(m.group(2))
        return (k == lay.k) - (k == above.k)
    m = _JUMP_WORK.match(expr.replace(" ", ""))
    if m is None:
        return 0
    factors = {int(m.group(1)), int(m.group(2))}
    return (lay.s in factors) - (above.s in factors)


def _column(layers, col: int, role: str, name: str, fields, jumps) -> list[Claim | Skip]:
    chain = fields if role == "rf" else jumps
    cells = [layercols.value(lay.cells[col][0]) for lay in layers]
    after = before = 0
    for i, v in enumerate(cells):
        if v is None:
            continue
        b, a = chain[i]
        after += v.side == a and a != b
        before += v.side == b and a != b
        vote = _vote(layers, i, role, v.expr)
        after += vote > 0
        before += vote < 0
    if not after and not before:
        return []  # the column fits the chain nowhere: another convention, not judged
    side = 1 if after > before else 0 if before > after else None
    out: list[Claim | Skip] = []
    for i, (lay, v) in enumerate(zip(layers, cells)):
        if v is None or (lay.kind == "input" and v.side == 1):
            continue
        b, a = chain[i]
        want = a if side == 1 else b if side == 0 else (v.side if v.side in (a, b) else None)
        if want is None:
            continue
        raw, start, _ = lay.cells[col]
        label = (_name(lay) + ": " if _name(lay) else "") + f"{'RF' if role == 'rf' else 'jump'}"
        out += _worked(_line(lay, col), raw, start, v)
        ok = v.side == want
        how = _how(layers, jumps, i, role, side, want)
        out.append(Claim(_line(lay, col), f"{label} {v.text}", "receptive field", v.text, want,
                         "right" if ok else "wrong", how,
                         () if ok else _edit(_line(lay, col), raw, start, v, want),
                         "" if ok else str(want), confidence=CONFIDENCE))
    return out


def _how(layers, jumps, i: int, role: str, side: int | None, want: int) -> str:
    """How a field or jump was found: from the row's own layer (``side`` 1), or, for a
    column that gives the figure before the row's layer (0), from the row above's."""
    at = i if side != 0 else i - 1
    late = " (the column gives the figure before the row's layer)" if side == 0 else ""
    if at < 0:
        return f"the input: a field of 1 pixel, a jump of 1{late}"
    lay, j_in = layers[at], jumps[at][0]
    if role == "j":
        return f"jump = jump before x stride = {j_in} x {lay.s} = {want}{late}"
    grown = (lay.k - 1) * lay.d * j_in
    return (f"RF = RF before + (k - 1)·d·jump = {want - grown} + ({lay.k} - 1)·{lay.d}·{j_in}"
            f" = {want}{late}")


def _worked(number: int, raw: str, start: int, v: layercols.Value) -> list[Claim]:
    """A cell's own working, ``9+(3-1)* 2 = 13``: its arithmetic."""
    if not v.expr:
        return []
    from cnnstat.notes.grammar import evaluate
    from cnnstat.notes.numerals import Refused
    try:
        got = evaluate(v.expr)
    except (Refused, ValueError, ZeroDivisionError, OverflowError):
        return []
    ok = got == v.side
    shown = str(got.numerator) if got.denominator == 1 else str(float(got))
    return [Claim(number, f"{v.expr} = {v.text}", "arithmetic", v.text, shown,
                  "right" if ok else "wrong", "a table cell's working and its result",
                  () if ok or got.denominator != 1 else _edit(number, raw, start, v, got),
                  "" if ok else shown)]


def _edit(number: int, raw: str, start: int, v: layercols.Value, want) -> tuple[Edit, ...]:
    if not re.fullmatch(r"\d+", v.text):
        return ()
    return (Edit(number, start + v.start, start + v.end, str(want)),)


def _name(lay: Layer) -> str:
    return layercols.clean(lay.cells[0][0])[:40]


# ---------------------------------------------------------------- output sizes
def _outputs(n: int, lay: Layer, p: int) -> tuple[int, int] | None:
    span = n + 2 * p - lay.d * (lay.k - 1) - 1
    if span < 0:
        return None
    return span // lay.s + 1, -(-span // lay.s) + 1


def _sizes(layers: list[Layer], where, ceil: bool) -> list[Claim | Skip]:
    if "out" not in where:
        return []
    col_out = where["out"][0]
    col_in = where["in"][0] if "in" in where else None
    out: list[Claim | Skip] = []
    above: int | None = None  # the row above's stated output
    trusted = True  # and whether it was not judged wrong
    for lay in layers:
        got = layercols.value(lay.cells[col_out][0])
        own = layercols.value(lay.cells[col_in][0]) if col_in is not None else None
        if own is not None and above is not None and lay.kind != "input" and trusted:
            text = f"{_name(lay)}: input {own.text}".strip(": ")
            if own.side == above:
                out.append(Claim(_line(lay, col_in), text, "shape", own.text, above, "right",
                                 "a row reads the row above's output", confidence=CONFIDENCE))
            else:
                out.append(Skip(_line(lay, col_in), text, f"unsure: the row above gave {above}; "
                                                  f"a layer may be left out of the table"))
        n = own.side if own is not None else above
        above, trusted = (got.side if got is not None else None), True
        if got is None or n is None or lay.kind in ("input", "") or \
                not 0 < n <= MAX_SIDE:
            continue
        found = _output(lay, n, got, own is not None, col_out, ceil)
        trusted = not any(isinstance(x, Claim) and x.verdict == "wrong" for x in found)
        out += found
        if got.expr:
            out += _worked(_line(lay, col_out), lay.cells[col_out][0], lay.cells[col_out][1], got)
    return out


def _output(lay: Layer, n: int, got: layercols.Value, own: bool, col: int, ceil: bool = False
            ) -> list[Claim | Skip]:
    text = f"{_name(lay)}: {n} → {got.text}".strip(": ")
    if lay.kind == "pass":
        return [Claim(_line(lay, col), text, "shape", got.text, n, "right" if got.side == n
                      else "wrong", "a layer that keeps the size", confidence=GUESSED)]
    pads: list[int]
    if lay.p == "same":
        want = -(-n // lay.s)
        return [_size_claim(lay, text, got, want, "'same' padding: ceil(n / s)",
                            CONFIDENCE if own else GUESSED, col)]
    stated = lay.p is not None
    pads = [0 if lay.p == "valid" else lay.p] if stated else list(range(lay.k // 2 + 1))
    pairs = [(p, both) for p in pads for both in [_outputs(n, lay, p)] if both is not None]
    span = lay.d * (lay.k - 1) + 1
    guess = "" if stated else " (padding {}, not stated)"
    for p, (floor, up) in pairs:  # the framework's floor (or a division that is exact)
        if got.side == floor and (not ceil or floor == up):
            return [_size_claim(lay, text, got, floor, f"floor(({n} + 2·{p} - {span})/{lay.s})"
                                f" + 1 = {floor}" + guess.format(p),
                                CONFIDENCE if stated else GUESSED, col)]
    for p, (floor, up) in pairs:  # rounded up, where the note says its sizes round up
        if ceil and got.side == up != floor:
            return [_size_claim(lay, text, got, up, f"ceil(({n} + 2·{p} - {span})/{lay.s}) + 1"
                                f" = {up}: rounded up, as the note says" + guess.format(p),
                                GUESSED, col)]
    for p, (floor, up) in pairs:
        if got.side in (floor, up):
            why = (f"{got.text} is the size rounded up (ceil_mode, or .5 counted as 1); floor "
                   f"gives {floor}" if got.side == up else
                   f"the note rounds its sizes up, which gives {up}; floor gives {floor}")
            return [Skip(_line(lay, col), text, "unsure: " + why)]
    if not stated:
        lows = [_outputs(n, lay, p) for p in range(lay.k)]
        sizes = [x for pair in lows if pair for x in pair]
        if sizes and min(sizes) <= got.side <= max(sizes):
            return [Skip(_line(lay, col), text, "unsure: the padding is not stated")]
    first = _outputs(n, lay, pads[0])
    if first is None:
        return []
    rule = f"floor(({n} + 2·{pads[0]} - {lay.d * (lay.k - 1) + 1})/{lay.s}) + 1 = {first[0]}"
    return [_size_claim(lay, text, got, first[0], rule,
                        CONFIDENCE if own and stated else GUESSED, col)]


def _size_claim(lay: Layer, text: str, got: layercols.Value, want: int, how: str,
                confidence: float, col: int) -> Claim:
    ok = got.side == want
    raw, start, _ = lay.cells[col]
    return Claim(_line(lay, col), text, "shape", got.text, want, "right" if ok else "wrong", how,
                 () if ok else _edit(_line(lay, col), raw, start, got, want),
                 "" if ok else str(want), confidence=confidence)
