"""A layer table's output sizes, row by row (``layertable`` reads the table).

``floor((n + 2p - d(k - 1) - 1)/s) + 1`` (``layers.window``'s rule) from the row's input
cell, or else from the row above's output cell (a table that leaves a layer out shows
as an unsure input, never a wrong one). A size that rounding up gives (pooling's
``ceil_mode``, a note's ".5 counted as 1") is unsure, or right where the note has said
that its sizes round up; with the padding not stated, a size some padding up to
``k // 2`` gives is right, and one that no padding from 0 to ``k - 1`` could give is
wrong at a lower confidence. A layer that keeps the size (ReLU, batch norm) keeps it.

A row's input cell is the row above's output: a smaller one may follow a layer the table
leaves out (unsure). A larger one that repeats the row above's own input (a stale copy) is
wrong where no layer left out can explain it (none makes a map larger): the row above's
output judged sure, the row's own output not what its layer makes of the stale input, and
no row in the table that makes a map larger or takes an earlier map (an upsampling, a
branch, a shortcut: ``_BRANCH``). An output of 0 from a map is wrong, whatever the layer.
"""

from __future__ import annotations

import re

from cnnstat.notes.layerforms import layercols
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.layerforms.layercols import (CONFIDENCE, GUESSED, Layer, Value, edit,
                                                line_of, row_name, worked)

MAX_SIDE = 100_000
# a row that takes a map other than the one above it, or makes it larger
_BRANCH = re.compile(r"branch|shortcut|skip|downsampl|project|proj\b|identity|residual|concat|"
                     r"merge|route|upsampl|deconv|transpos|unpool|\bup\b|분기|지름길|업샘플", re.I)
_BLANK = re.compile(r"[\s\-–—/]*")  # an output cell left blank or dashed


def _outputs(n: int, lay: Layer, p: int) -> tuple[int, int] | None:
    span = n + 2 * p - lay.d * (lay.k - 1) - 1
    if span < 0:
        return None
    return span // lay.s + 1, -(-span // lay.s) + 1


def sizes(layers: list[Layer], where, ceil: bool, cases: bool = False) -> list[Claim | Skip]:
    """Each row's output; with ``cases`` the rows are cases apart (``layertable._cases``),
    each from its own input cell, none read on from the row above."""
    if "out" not in where:
        return []
    col_out = where["out"][0]
    col_in = where["in"][0] if "in" in where else None
    out: list[Claim | Skip] = []
    above: int | None = None  # the row above's stated output
    trusted = True  # and whether it was not judged wrong
    sure = True  # nor unsure
    stale: int | None = None  # the row above's input cell
    # a row that takes another map than the one above it, or makes one larger
    apart = any(lay.kind == "up" or _BRANCH.search(row_name(lay)) for lay in layers)
    for lay in layers:
        got = layercols.value(lay.cells[col_out][0])
        own = layercols.value(lay.cells[col_in][0]) if col_in is not None else None
        cell_in = own.side if own is not None else None  # the next row's ``stale``
        if own is not None and above is not None and lay.kind != "input" and trusted and \
                not cases:
            text = f"{row_name(lay)}: input {own.text}".strip(": ")
            if own.side == above:
                out.append(Claim(line_of(lay, col_in), text, "shape", own.text, above, "right",
                                 "a row reads the row above's output", confidence=CONFIDENCE))
            elif own.side > above and not apart and sure and own.side == stale and \
                    not _follows(lay, own.side, got, col_out, ceil):
                out.append(Claim(line_of(lay, col_in), text, "shape", own.text, above, "wrong",
                                 "a row reads the row above's output; no layer left out of "
                                 "the table makes a map larger", confidence=CONFIDENCE))
                own = None  # the row's layer takes the map above, not the slip
            else:
                out.append(Skip(line_of(lay, col_in), text, f"unsure: the row above gave {above}; "
                                                  f"a layer may be left out of the table"))
        n = own.side if own is not None else above
        if got is None and own is None and lay.kind == "pass" and \
                _BLANK.fullmatch(lay.cells[col_out][0]):
            continue  # "| LRN | - | - |": a layer that keeps the size passes the map on
        above, trusted, sure = (got.side if got is not None else None), True, True
        stale = cell_in
        if got is not None and got.side == 0 and n and lay.kind not in ("input", "fc", "flat"):
            out.append(Claim(line_of(lay, col_out), f"{row_name(lay)}: {n} → {got.text}".strip(
                ": "), "shape", got.text, 1, "wrong", "no layer makes an empty map: a window "
                "that fits its input gives 1 at least (a global pooling 1), one that does "
                "not is an error", confidence=CONFIDENCE))
            trusted = False
            continue
        if got is None or n is None or lay.kind in ("input", "", "gap") or not lay.s or \
                "j" in lay.guessed or \
                not 0 < n <= MAX_SIDE:
            continue
        found = _up(lay, n, got, col_out) if lay.kind == "up" else \
            _output(lay, n, got, own is not None, col_out, ceil)
        if "s" in lay.guessed:  # the stride taken as usual: a size that disagrees is unsure
            found = [x if not isinstance(x, Claim) else
                     x._replace(confidence=min(x.confidence, GUESSED)) if x.verdict == "right"
                     else Skip(x.line, x.text, f"unsure: the stride is not stated; stride "
                                               f"{lay.s} gives {x.actual}")
                     for x in found]
        trusted = not any(isinstance(x, Claim) and x.verdict == "wrong" for x in found)
        sure = not any(isinstance(x, Skip) for x in found)
        out += found
        if got.expr:
            out += worked(line_of(lay, col_out), lay.cells[col_out][0], lay.cells[col_out][1],
                          got)
    return out


def _follows(lay: Layer, n: int, got: Value | None, col: int, ceil: bool) -> bool:
    """Whether the row's own layer takes its input ``n`` to its stated output (a layer of
    an unknown kind takes it nowhere that can be shown)."""
    if got is None or lay.kind in ("input", "", "gap") or not lay.s:
        return False
    found = _up(lay, n, got, col) if lay.kind == "up" else _output(lay, n, got, True, col, ceil)
    return any(isinstance(x, Claim) and x.verdict == "right" for x in found)


def _output(lay: Layer, n: int, got: Value, own: bool, col: int, ceil: bool = False
            ) -> list[Claim | Skip]:
    text = f"{row_name(lay)}: {n} → {got.text}".strip(": ")
    if lay.kind == "pass":
        return [Claim(line_of(lay, col), text, "shape", got.text, n, "right" if got.side == n
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
            return [Skip(line_of(lay, col), text, "unsure: " + why)]
    if not stated:
        lows = [_outputs(n, lay, p) for p in range(lay.k)]
        sizes = [x for pair in lows if pair for x in pair]
        if sizes and min(sizes) <= got.side <= max(sizes):
            return [Skip(line_of(lay, col), text, "unsure: the padding is not stated")]
    first = _outputs(n, lay, pads[0])
    if first is None:
        return []
    rule = f"floor(({n} + 2·{pads[0]} - {lay.d * (lay.k - 1) + 1})/{lay.s}) + 1 = {first[0]}"
    return [_size_claim(lay, text, got, first[0], rule,
                        CONFIDENCE if own and stated else GUESSED, col)]


def _up(lay: Layer, n: int, got: Value, col: int) -> list[Claim | Skip]:
    """A transposed convolution (an up-convolution): ``(n - 1)·s - 2p + d(k - 1) + 1``;
    with its padding not stated, any from 0 to ``k // 2`` (an output padding aside), and a
    size none gives unsure."""
    text = f"{row_name(lay)}: {n} → {got.text}".strip(": ")
    stated = isinstance(lay.p, int)
    pads = [lay.p] if stated else [0] if lay.p == "valid" else list(range(lay.k // 2 + 1))
    for p in pads:
        want = (n - 1) * lay.s - 2 * p + lay.d * (lay.k - 1) + 1
        if want == got.side:
            return [_size_claim(lay, text, got, want, f"transposed: ({n} - 1)·{lay.s} - 2·{p}"
                                f" + {lay.d * (lay.k - 1) + 1} = {want}",
                                CONFIDENCE if stated else GUESSED, col)]
    return [Skip(line_of(lay, col), text, "unsure: a transposed convolution's size depends "
                                          "on its padding and output padding")]


def _size_claim(lay: Layer, text: str, got: Value, want: int, how: str,
                confidence: float, col: int) -> Claim:
    ok = got.side == want
    raw, start, _ = lay.cells[col]
    return Claim(line_of(lay, col), text, "shape", got.text, want, "right" if ok else "wrong", how,
                 () if ok else edit(line_of(lay, col), raw, start, got, want),
                 "" if ok else str(want), confidence=confidence)
