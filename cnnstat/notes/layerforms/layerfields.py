"""A layer table's receptive field, jump and start columns (``layertable`` reads the table).

The analysis's growth rule (``analysis.grow``), ``r_out = r_in + (k - 1)·d·j_in`` and
``j_out = j_in·s``, from a field of 1 and a jump of 1 at the first row, and the first
window's centre ``start_out = start_in + ((k - 1)·d/2 - p)·j_in`` from 0.5, carried down
the true chain. A column may give each row's figure after its layer or before it (a row
late): its own figures and the working its cells show decide; a column that fits the
chain nowhere is not judged.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.layerforms import layercols
from cnnstat.notes.claims import Claim, Skip


def chain(layers: list[layercols.Layer]) -> dict[str, list[tuple]]:
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


def resolve_dilation(rows: list[layercols.Layer], where) -> list[layercols.Layer]:
    """A row whose kernel column adds a dilation in words (``5,2,1 (Dil=2)``) may give the
    kernel or the window it spans (``d·(k - 1) + 1``): the one the row's stated receptive
    field fits (after its layer, or before the next) is taken; where neither or both fit,
    the row is not rebuilt (a gap)."""
    out = list(rows)
    for i, lay in enumerate(out):
        if "d" not in lay.guessed:
            continue
        below = out[:i]
        stated = {v.side for j in (i, i + 1) if j < len(out) for role in ("rf", "rf_in")
                  if role in where for v in [layercols.value(out[j].cells[where[role][0]][0])]
                  if v is not None}
        fits = []
        if not any(b.kind in ("gap", "fc", "flat", "up") or not b.s or b.guessed.strip("c")
                   for b in below):
            fits = [opt for opt in (lay, lay._replace(d=1))
                    if chain(below + [opt])["rf"][-1][1] in stated]
        out[i] = fits[0]._replace(guessed=lay.guessed.replace("d", "")) if len(fits) == 1 \
            else lay._replace(k=1, s=1, p=0, d=1, kind="gap")
    return out


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


def _local(layers, i: int, role: str, peers: dict, chains):
    """A row's figure from the row above's stated field and jump (after its layer) and
    the row's own window: a table that leaves a layer out goes on from its own figures."""
    if i == 0 or role not in ("rf", "j") or "rf" not in peers and role == "rf":
        return None
    above, lay = layers[i - 1], layers[i]
    jump = layercols.value(above.cells[peers["j"]][0]) if "j" in peers else None
    j = jump.side if jump is not None else chains["j"][i][0]
    if role == "j":
        return j * lay.s if jump is not None else None
    rf = layercols.value(above.cells[peers["rf"]][0])
    return None if rf is None else rf.side + (lay.k - 1) * lay.d * j


def _left_out(layers, i: int, peers: dict, chains) -> bool:
    """Whether the row above states a jump the true chain does not reach there: a layer
    with a stride left out of the table (a slip of the field alone is carried, not this)."""
    if not i or "j" not in peers:
        return False
    jump = layercols.value(layers[i - 1].cells[peers["j"]][0])
    return jump is not None and jump.side != chains["j"][i - 1][1]


def column(layers, col: int, role: str, chains, force: int | None = None,
           jumps: int | None = None, since: int | None = None,
           peers: dict | None = None) -> list[Claim | Skip]:
    """A receptive field, jump or start column against the chain, after each row's layer
    or before it, as its figures and working decide (``force``: as its header says).
    From row ``since`` on (where both the field's and the jump's columns have left the
    true chain, ``both_slipped``), a row that misses the true chain is judged from the row
    above as written (``_written``; ``jumps``: the jump column, for a field's step): right
    where it follows from it, wrong where it does not, unsure where that cannot be read.
    A slip in one column alone is carried: the rows under it are judged against the
    true chain."""
    chain = chains[role]
    cells = _cells(layers, col, role)
    side, header = _side(layers, cells, role, chain, force)
    if side == -1:
        return []  # the column fits the chain nowhere: another convention, not judged
    out: list[Claim | Skip] = []
    for i, (lay, v) in enumerate(zip(layers, cells)):
        if v is None or None in chain[i] or (lay.kind == "input" and v.side in (1, 0.5)):
            continue
        kept = i and _passes(lay) and cells[i - 1] is not None and v.side == cells[i - 1].side
        if kept and lay.kind != "pass":
            continue  # a row of words it cannot name: its figure is the row above's
        b, a = chain[i]
        want = a if side == 1 else b if side == 0 else (v.side if v.side in (a, b) else None)
        if want is None:
            continue
        raw, start, _ = lay.cells[col]
        line, name = layercols.line_of(lay, col), layercols.row_name(lay)
        out += layercols.worked(line, raw, start, v)
        how = _how(layers, chains, i, role, side, _shown(want))
        if since is not None and i >= since and v.side != want:  # a slip above: the row from the row above as written
            want = _written(layers, i, role, cells, jumps) if side == 1 else None
            if want is None:
                out.append(Skip(line, f"{_LABELS[role]} {v.text}", "unsure: a row under a slip"))
                continue
            how = f"from the row above as written (a slip above it): {_shown(want)}"
        ok = v.side == want
        if not ok and header is not None and v.side == chain[i][header]:
            continue  # right as the header reads it, wrong as the figures do: not judged
        local = _local(layers, i, role, peers or {}, chains) if not ok and side == 1 else None
        if local is not None and v.side == local and _left_out(layers, i, peers or {}, chains):
            # the row above's jump is not the true chain's (a strided layer the table left
            # out): this row goes on right from the row above's figures
            name = layercols.row_name(lay)
            out.append(Claim(layercols.line_of(lay, col),
                             f"{name + ': ' if name else ''}{_LABELS[role]} {v.text}",
                             "receptive field", v.text, v.side, "right",
                             f"from the row above's stated figures: {_shown(local)}",
                             confidence=layercols.CONFIDENCE))
            continue
        shown = _shown(want)
        out.append(Claim(line, f"{name + ': ' if name else ''}{_LABELS[role]} {v.text}",
                         "receptive field", v.text, int(want) if Fraction(want).denominator
                         == 1 else float(want), "right" if ok else "wrong",
                         how + (" (a row that keeps the field passes on the one above it)"
                                if kept else ""),
                         () if ok else layercols.edit(line, raw, start, v, shown),
                         "" if ok else shown, confidence=layercols.CONFIDENCE))
    return out


def _cells(layers, col: int, role: str) -> list:
    read = _decimal if role == "start" else layercols.value
    return [read(lay.cells[col][0]) for lay in layers]


def _side(layers, cells, role: str, chain, force: int | None
          ) -> tuple[int | None, int | None]:
    """Whether a column gives each row's figure after its layer (1) or before it (0),
    None where it cannot tell, -1 where it fits the chain nowhere; and the side its
    header names where the figures fit the other side better (else None)."""
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
    if not after and not before:
        return -1, None
    side = 1 if after > before else 0 if before > after else None
    # the header's word (r_in, J(out)) breaks a tie; where the figures fit the other side
    # better ("r_in" over each row's own output), they decide, and a cell is wrong only
    # where it fits neither side
    if force is None or side in (None, force):
        return (side if force is None else force), None
    return side, force


def both_slipped(layers, where: dict, chains, force: dict) -> int | None:
    """The row from which the field's and the jump's columns have both left the true
    chain (each giving its figures after the row's layer), None where either keeps to it."""
    firsts = []
    for role in ("rf", "j"):
        if role not in where:
            return None
        cells = _cells(layers, where[role][0], role)
        if _side(layers, cells, role, chains[role], force.get(role))[0] != 1:
            return None
        first = next((i for i, v in enumerate(cells) if v is not None and
                      None not in chains[role][i] and v.side != chains[role][i][1]), None)
        if first is None:
            return None
        firsts.append(first)
    return max(firsts)


def _written(layers, i: int, role: str, cells, jumps: int | None) -> int | None:
    """Row ``i``'s field or jump from the row above's figures as written (the jump column's
    for a field's step): ``r + (k - 1)·d·j``, ``j·s``; None where one is not written."""
    above = cells[i - 1] if i else None
    if above is None or role not in ("rf", "j"):
        return None
    lay = layers[i]
    if role == "j":
        return above.side * lay.s
    j = layercols.value(layers[i - 1].cells[jumps][0]) if jumps is not None else None
    return None if j is None else above.side + (lay.k - 1) * lay.d * j.side


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


