"""A layer table, rebuilt row by row through the layer algebra.

Whatever the table's layout (``layercols`` names its columns and reads its cells; a table
on its side, a layer a column, is turned first), each row is a layer whose window
(kernel, stride, padding, dilation) comes from its columns or its own name, and the rows
chain: a row reads what the row above gave.

* **Output size** (``layersizes``): from the row's input cell or the row above's output,
  down to the first fully connected or flattening row or a stride not stated.
* **Parameters** (``layerparams``): every row, fully connected ones included.
* **Receptive field, jump and start**: the analysis's growth rule (``analysis.grow``),
  ``r_out = r_in + (k - 1)·d·j_in`` and ``j_out = j_in·s``, from a field of 1 and a jump
  of 1 at the first row, and the first window's centre ``start_out = start_in +
  ((k - 1)·d/2 - p)·j_in`` from 0.5, carried down the true chain (a slip is not carried
  on). A column may give each row's figure *after* its layer or *before* it (computed a
  row late): the column's own figures decide which, and so does the working a cell shows
  (``13+(3-1)*4``: the kernel of the row above is the row above's layer); a column that
  fits the chain nowhere is not judged.
* **A worked cell** (``9+(3-1)* 2 = 13``, ``2 * 2 = 4``): its own arithmetic, and its
  result against the chain.

A row that keeps the field (ReLU, LRN, batch norm) is judged only where its figure is
not the row above's (a figure carried is judged where it was made). A concatenation
with no window whose field and jump repeat the row above's passes the traced path on.
A row that names no window and is not a layer that keeps the size (ReLU, batch norm),
or that ends the spatial chain (a fully connected layer, an Inception module, a
concatenation, a row standing for repeated layers), ends the judging: the rows below
are not read.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes import layercols, layerparams, layersizes
from cnnstat.notes.claims import Claim, Skip




# the columns this reader judges
JUDGED = {"out", "rf", "j", "start", "params", "rf_in", "j_in", "start_in"}
_OUT_WORDS = re.compile(r"out|출력|size|크기", re.I)  # a column of sizes, whatever they hold

def bars(raw: str, outer: bool = True) -> list[tuple[str, int, int]]:
    """A row's cells as written (raw text, start, end), split at unescaped bars; with
    ``outer`` False the row has no pipes at its ends (``a | b | c``)."""
    cuts = [i for i, ch in enumerate(raw) if ch == "|" and (i == 0 or raw[i - 1] != "\\")]
    if not outer:
        cuts = [-1] + cuts + [len(raw)]
    elif cuts:  # a row of a table written without its outer pipes ("conv1 | 3 | 1")
        if raw[:cuts[0]].strip():
            cuts.insert(0, -1)
        if raw[cuts[-1] + 1:].strip():
            cuts.append(len(raw))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        text = raw[a + 1:b]
        lead = len(text) - len(text.lstrip())
        out.append((text.strip(), a + 1 + lead, a + 1 + lead + len(text.strip())))
    return out


def block_rows(block) -> list[tuple[int, list[tuple[str, int, int]]]]:
    """A markdown table's lines as (line number, cells), with or without its outer pipes
    (as its header is written)."""
    outer = bool(block) and block[0].raw.strip().startswith("|")
    return [(r.number, bars(r.raw.rstrip(), outer)) for r in block]


def _separator(cells: list[tuple[str, int, int]]) -> bool:
    return bool(cells) and all(re.fullmatch(r":?-{1,}:?|", c.strip()) for c, _, _ in cells)


def check(rows: list[tuple[int, list[tuple[str, int, int]]]], ceil: bool = False
          ) -> list[Claim | Skip]:
    """The claims of a table given as (line number, cells) rows, the header first; with
    ``ceil`` the note has said that its sizes round up (``ceil_mode``, ".5 counted as 1")."""
    if len(rows) < 2:
        return []
    head = [c for c, _, _ in rows[0][1]]
    if not JUDGED & {r for found in layercols.roles(head) for r in found}:
        rows = _turned(rows)  # a table on its side: a layer a column, a quantity a row
        if not rows:
            return []
        head = [c for c, _, _ in rows[0][1]]
    body = [row for row in rows[1:] if not _separator(row[1])]
    where = _columns(head, body)
    if where is None:
        return []
    layers = _layers(body, where, len(head))
    if not layers:
        return []
    out: list[Claim | Skip] = layerparams.params(layers, where) if "params" in where else []
    # the spatial chain: down to a fully connected or flattening row, or a stride not stated
    end = next((i for i, lay in enumerate(layers) if lay.kind in ("fc", "flat") or not lay.s),
               len(layers))
    layers = layers[:end]
    out += layersizes.sizes(layers, where, ceil)
    chains = _chain(layers)
    for role in ("rf", "j", "start"):
        if role in where:
            out += _column(layers, where[role][0], role, chains)
        if role + "_in" in where:  # r_in beside r_out: the figure before the row's layer
            out += _column(layers, where[role + "_in"][0], role, chains, force=0)
    return out


def _columns(head: list[str], body) -> dict[str, tuple[int, int, int]] | None:
    """Each role's column (and its part of a packed one), as the header words and the
    cells under them say; None for a table with nothing this reader judges."""
    where: dict[str, tuple[int, int, int]] = {}  # role -> (column, part, parts)
    for col, found in enumerate(layercols.roles(head)):
        for part, role in enumerate(found):
            if role in where:
                return None  # two columns of one role: not a table this reader knows
            where[role] = (col, part, len(found))
    if "c" in where and "k" not in where and sum(
            bool(re.fullmatch(r"\s*(\d{1,2})\s*[x×]\s*\1\s*", row[1][where["c"][0]][0]))
            for row in body if len(row[1]) == len(head)) >= 2:
        where["k"] = where.pop("c")  # "Filter | 3x3": a window, not a count of filters
    if "in" in where and "out" not in where and {"rf", "j", "start"} & set(where) and \
            layercols.clean(head[where["in"][0]]).lower() == "n":
        where["out"] = where.pop("in")  # receptive-field arithmetic: n features out
    if "out" in where and not _OUT_WORDS.search(head[where["out"][0]]) and \
            layercols.clean(head[where["out"][0]]).lower() != "n" and not any(
            re.search(r"\d\s*[x×]\s*\d", row[1][where["out"][0]][0]) for row in body
            if len(row[1]) == len(head)):
        del where["out"]  # "Feature maps | 6": a count of maps, not their size
    return where if JUDGED & set(where) else None


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
    if not (JUDGED & found and {"k", "s"} & found):
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


def _layers(rows, where, width: int) -> list[layercols.Layer]:
    """The rows as layers, down to the first that cannot be rebuilt."""
    window = {r for r in ("k", "s", "p", "d") if r in where}
    columns = {at[0] for at in where.values()}
    out: list[layercols.Layer] = []
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
        if "p" in where and got.get("p") is None:  # "same" / "valid" in the padding column
            p = layercols.layer("padding " + cells[where["p"][0]][0]).p or p
        d = got.get("d") or words.d or 1
        if words.kind in ("end", "layer") and k is None and s is None and out and \
                _carried(cells, out[-1].cells, where, words):
            words = words._replace(kind="pass")  # a concatenation on the traced path
        if words.kind == "end" or (out and out[-1].kind in ("fc", "flat") and
                                   words.kind not in ("fc", "flat", "pass", "")):
            break
        if words.kind in ("input", "fc", "flat") or (k is None and s is None and
                                                     words.kind in ("pass", "")):
            out.append(layercols.Layer(number, cells, 1, 1, 0, 1, words.kind or "", *lines))
            continue
        if k is None or not (1 <= k <= 64 and 0 <= (s or 0) <= 64 and d <= 64):
            break
        # a stride not stated (0) ends the spatial chain, not the parameter counts
        out.append(layercols.Layer(number, cells, k, s or 0, p, d, words.kind, *lines))
    return out


# a row that joins branches: on a table that traces one path through them, it passes
# the path's field on as the row above left it
_JOIN = re.compile(r"^\W*(?:(?:\d{1,3}|[a-z])[.):]\s*)?(?:depth|filter|channel)?[\s_-]*"
                   r"(?:concat\w*|merge|add|eltwise|element-?wise\s+add)\W*$",
                   re.I)  # "10.DepthConcat", "f. concat", a residual "add"


def _carried(cells, above, where, words) -> bool:
    """A concatenation row with no window whose receptive-field and jump cells repeat the
    row above's (the path's figures carried through the join): the traced path passes it."""
    name = cells[where.get("layer", (0,))[0]][0]
    if not _JOIN.match(layercols.clean(name)) or words.d:
        return False
    roles = [r for r in ("rf", "j", "rf_in", "j_in") if r in where]
    if not roles:
        return False
    for r in roles:
        col = where[r][0]
        here, there = layercols.value(cells[col][0]), layercols.value(above[col][0])
        if here is None or there is None or here.side != there.side:
            return False
    return True


def _chain(layers: list[layercols.Layer]) -> dict[str, list[tuple]]:
    """Each row's receptive field, jump and first window's centre (``start``, from the
    input's 0.5: ``start + ((k - 1)·d/2 - p)·jump``), before and after its layer; a
    centre after a padding not stated is None."""
    from cnnstat.analysis import grow
    rf, jump, start = (1, 1), (1, 1), Fraction(1, 2)
    chains: dict[str, list[tuple]] = {"rf": [], "j": [], "start": []}
    for lay in layers:
        before = (rf[0], jump[0], start)
        rf, jump = grow(rf, jump, ((lay.d * (lay.k - 1) + 1,) * 2, (lay.s, lay.s)))
        p = 0 if lay.p == "valid" else lay.p
        start = None if start is None or not isinstance(p, int) else \
            start + (Fraction(lay.d * (lay.k - 1), 2) - p) * before[1]
        for role, b, a in (("rf", before[0], rf[0]), ("j", before[1], jump[0]),
                           ("start", before[2], start)):
            chains[role].append((b, a))
    return chains


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
    if role == "start":
        return 0
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


_LABELS = {"rf": "RF", "j": "jump", "start": "start"}


def _column(layers, col: int, role: str, chains, force: int | None = None
            ) -> list[Claim | Skip]:
    """A receptive field, jump or start column against the chain, after each row's layer
    or before it, as its figures and working decide (``force``: as its header says)."""
    chain = chains[role]
    read = _decimal if role == "start" else layercols.value
    cells = [read(lay.cells[col][0]) for lay in layers]
    after = before = 0
    for i, v in enumerate(cells):
        if v is None or None in chain[i]:
            continue
        b, a = chain[i]
        after += v.side == a and a != b
        before += v.side == b and a != b
        vote = _vote(layers, i, role, v.expr)
        after += vote > 0
        before += vote < 0
    if force is not None and (after or before):
        after, before = (0, 1) if force == 0 else (1, 0)
    if not after and not before:
        return []  # the column fits the chain nowhere: another convention, not judged
    side = 1 if after > before else 0 if before > after else None
    out: list[Claim | Skip] = []
    for i, (lay, v) in enumerate(zip(layers, cells)):
        if v is None or None in chain[i] or (lay.kind == "input" and v.side in (1, 0.5)):
            continue
        if i and _passes(lay) and cells[i - 1] is not None and v.side == cells[i - 1].side:
            continue  # a ReLU, a norm, a join: its figure is the row above's, judged there
        b, a = chain[i]
        want = a if side == 1 else b if side == 0 else (v.side if v.side in (a, b) else None)
        if want is None:
            continue
        raw, start, _ = lay.cells[col]
        line, name = layercols.line_of(lay, col), layercols.row_name(lay)
        out += layercols.worked(line, raw, start, v)
        ok = v.side == want
        shown = _shown(want)
        out.append(Claim(line, f"{name + ': ' if name else ''}{_LABELS[role]} {v.text}",
                         "receptive field", v.text, int(want) if Fraction(want).denominator
                         == 1 else float(want), "right" if ok else "wrong",
                         _how(layers, chains, i, role, side, shown),
                         () if ok else layercols.edit(line, raw, start, v, shown),
                         "" if ok else shown, confidence=layercols.CONFIDENCE))
    return out


def _passes(lay: layercols.Layer) -> bool:
    """A row with no window of its own that keeps the field (ReLU, LRN, a join)."""
    return lay.kind in ("pass", "") and lay.k == 1 and lay.s == 1 and lay.d == 1


def _decimal(raw: str) -> layercols.Value | None:
    m = re.fullmatch(r"\s*(-?\d{1,6}(?:\.\d{1,3})?)\s*", layercols.clean(raw))
    if m is None:
        return None
    return layercols.Value(Fraction(m.group(1)), m.group(1), raw.find(m.group(1)),
                           raw.find(m.group(1)) + len(m.group(1)))


def _shown(x) -> str:
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}"


def _how(layers, chains, i: int, role: str, side: int | None, want: str) -> str:
    """How a field, jump or start was found: from the row's own layer (``side`` 1), or,
    for a column that gives the figure before the row's layer (0), from the row above's."""
    at = i if side != 0 else i - 1
    late = " (the column gives the figure before the row's layer)" if side == 0 else ""
    if at < 0:
        what = {"rf": "a field of 1 pixel", "j": "a jump of 1", "start": "a start of 0.5"}
        return f"the input: {what[role]}{late}"
    lay, j_in = layers[at], chains["j"][at][0]
    if role == "j":
        return f"jump = jump before x stride = {j_in} x {lay.s} = {want}{late}"
    if role == "start":
        return (f"start = start before + ((k - 1)·d/2 - p)·jump = {_shown(chains['start'][at][0])}"
                f" + (({lay.k} - 1)·{lay.d}/2 - {lay.p})·{j_in} = {want}{late}")
    want = int(want)
    grown = (lay.k - 1) * lay.d * j_in
    return (f"RF = RF before + (k - 1)·d·jump = {want - grown} + ({lay.k} - 1)·{lay.d}·{j_in}"
            f" = {want}{late}")


