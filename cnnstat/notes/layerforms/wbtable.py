"""A table of layers with their weights, their biases and their parameters, a column each:

    | Layer | Tensor Size | Weights | Biases | Parameters |
    | Conv-1 | 55x55x96 | 34,848 | 96 | 34,944 |
    | FC-1 | 4096×1 | 37,748,736 | 4,096 | 37,752,832 |

Each row is held to itself and to the row before: its parameters are its weights and its
biases (arithmetic); a layer has one bias an output channel or unit (the last side of its
shape, the units of a ``4096×1``); and its weights are the layer algebra's
(``cnnstat.layers``) for the input the row above gives: a dense layer's the inputs (the map
above, flattened) times its units; a conv's, whose kernel the table does not show, must be
a square kernel's ``k·k·C_in·C_out`` for some whole ``k`` (read from the weights), else
unsure (a grouped conv, a kernel not square). The columns are found by their headers, in
English or Korean (``Weights``/``가중치``, ``Biases``/``편향``, ``Parameters``/``파라미터``).
"""

from __future__ import annotations

import math
import re

from cnnstat.notes.claims import Claim, Skip

_WEIGHTS = re.compile(r"^\W*(?:weights?|가중치)(?:\s*\(.*\))?\W*$", re.I)
_BIASES = re.compile(r"^\W*(?:bias(?:es)?|편향)(?:\s*\(.*\))?\W*$", re.I)
_PARAMS = re.compile(r"^\W*(?:param(?:eter)?s?|#\s*params?|total|파라미터(?:\s*수)?|합계?)\W*$", re.I)
_SHAPE_HEAD = re.compile(r"size|shape|output|출력|크기|tensor", re.I)
_NUM = re.compile(r"^\W*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\W*$")
_SHAPE = re.compile(r"^\W*(\d+)\s*[x×*]\s*(\d+)(?:\s*[x×*]\s*(\d+))?\W*$")
NEEDS = ("bias", "편향")


def _num(cell: str) -> int | None:
    m = _NUM.match(cell)
    return int(m.group(1).replace(",", "")) if m else None


def _shape(cell: str) -> tuple[int, ...] | None:
    m = _SHAPE.match(cell)
    if not m:
        return None
    sides = tuple(int(x) for x in m.groups() if x is not None)
    return sides[:1] if len(sides) == 2 and sides[1] == 1 else sides  # "4096×1": a vector


def _channels(shape: tuple[int, ...]) -> list[int]:
    if len(shape) != 3:
        return [shape[-1]]
    if shape[0] == shape[1] != shape[2]:
        return [shape[2]]
    if shape[1] == shape[2] != shape[0]:
        return [shape[0]]
    return [shape[-1], shape[0]]


def check(rows: list[tuple[int, list[str]]]) -> list[Claim | Skip]:
    """``rows``: (line number, cells), the header first."""
    if len(rows) < 3:
        return []
    head = rows[0][1]
    cols = [next((i for i, c in enumerate(head) if rx.match(c)), None)
            for rx in (_WEIGHTS, _BIASES, _PARAMS)]
    if None in cols:
        return []
    wi, bi, pi = cols
    si = next((i for i, c in enumerate(head) if _SHAPE_HEAD.search(c) and i not in cols), None)
    out: list[Claim | Skip] = []
    before: tuple[int, ...] | None = None
    for number, cells in rows[1:]:
        if len(cells) <= max(cols) or all(re.fullmatch(r":?-+:?", c) for c in cells if c):
            continue
        w, b, p = (_num(cells[i]) for i in cols)
        shape = _shape(cells[si]) if si is not None and si < len(cells) else None
        text = " | ".join(cells)[:120]
        if w is not None and b is not None and p is not None and (w or b or p):
            ok = w + b == p
            out.append(Claim(number, text, "arithmetic", f"{p:,}", w + b, "right" if ok else
                             "wrong", f"weights + biases: {w:,} + {b:,} = {w + b:,}",
                             confidence=1.0 if ok else 0.9))
        if shape and w and b is not None:
            out += _layer(number, text, w, b, shape, before)
        if shape:
            before = shape
    return out


def _layer(number: int, text: str, w: int, b: int, shape: tuple[int, ...],
           before: tuple[int, ...] | None) -> list[Claim | Skip]:
    from cnnstat.layers import KINDS

    # a map's channels are its last side (HxWxC) or its first (CxHxW): the one of the two
    # the biases count, else the side apart from a square pair
    sides = _channels(shape)
    units = b if b in sides else sides[0]
    out: list[Claim | Skip] = []
    if b:
        out.append(Claim(number, text, "params", f"{b:,} biases", units,
                         "right" if b == units else "wrong",
                         f"one bias an output channel: {units:,}", confidence=0.9))
    if before is None:
        return out
    if len(shape) == 1:  # a dense layer: the map above, flattened, times its units
        inputs = math.prod(before)
        want = KINDS["linear"].make({"out": units, "bias": False}).apply((inputs,)).params
        out.append(Claim(number, text, "params", f"{w:,} weights", want,
                         "right" if w == want else "wrong",
                         f"{inputs:,} inputs x {units:,} units = {want:,}", confidence=0.8))
        return out
    if len(before) != 3 or len(shape) != 3:
        return out
    fits = [(c, math.isqrt(w // (c * units))) for c in _channels(before)
            if w % (c * units) == 0 and math.isqrt(w // (c * units)) ** 2 == w // (c * units)]
    if not fits:
        out.append(Skip(number, text, "unsure: weights of no square kernel over all the "
                                      "input channels (a grouped conv?)"))
        return out
    c_in, k = fits[0]
    want = KINDS["conv"].make({"out": units, "kernel": k, "bias": False}).apply(
        (c_in, max(before) + k, max(before) + k)).params
    out.append(Claim(number, text, "params", f"{w:,} weights", want, "right" if w == want
                     else "wrong", f"a {k}x{k} kernel on {c_in} channels, {units} filters: "
                                   f"{want:,}"))
    return out


__all__ = ["check", "NEEDS"]
