"""The shape of a normalisation layer's learned scale and shift in symbols, under the
input's shape stated just above it (a batch, layer, instance or group norm set out as
``x : N × D``, ``μ, σ : 1 × D``, ``γ, β : 1 × D``).

The statistics ``μ, σ`` may be per sample (layer and instance norm: ``N × 1``, ``N × C × 1
× 1``); the scale and shift ``γ, β`` are learned parameters, one per feature or channel,
shared by every sample: the batch size is never one of their dimensions. So a ``γ, β``
shape that keeps the input's batch dimension (``N`` or ``B``, first) is wrong; one with 1
there and, elsewhere, 1 or the input's own letter in its place (``1 × D``, ``1 × C × 1 ×
1``, ``1 × C × H × W``) is right. Nothing else is judged.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.pipeline import Reader

NEAR = 6  # lines below the input's shape that a scale's shape is read against it
_DIM = r"(?:[A-Za-z](?:_\{?\w{1,3}\}?)?|1)"
_DIMS = _DIM + r"(?:\s*(?:\\times|×|\*|(?<=\s)x(?=\s))\s*" + _DIM + r"){1,4}"
_INPUT = re.compile(r"(?<![\w\\])x\s*(?::|∈|\\in|=)\s*(?:\\mathbb\{R\}\^\{|R\^\{?)?(?P<d>" + _DIMS + r")")
_SCALE = re.compile(r"(?:\\gamma|γ|gamma)\s*,\s*(?:\\beta|β|beta)\s*(?::|∈|\\in|=)\s*"
                    r"(?:\\mathbb\{R\}\^\{|R\^\{?)?(?P<d>" + _DIMS + r")", re.I)
_SPLIT = re.compile(r"\s*(?:\\times|×|\*|x)\s*")
NEEDS = ("gamma", "γ", "x")


def _dims(text: str) -> tuple[str, ...]:
    return tuple(re.sub(r"[_{}]", "", d) for d in _SPLIT.split(text.strip()))


class Shapes:
    """The input's shape last stated (its line and dimensions)."""

    def __init__(self) -> None:
        self.input: tuple[int, tuple[str, ...]] | None = None

    def check_line(self, number: int, masked: str) -> list[Claim]:
        m = _INPUT.search(masked)
        if m is not None:
            self.input = (number, _dims(m.group("d")))
            return []
        m = _SCALE.search(masked) if "gamma" in masked.lower() or "γ" in masked else None
        if m is None or self.input is None or number - self.input[0] > NEAR:
            return []
        given, dims = self.input[1], _dims(m.group("d"))
        if len(dims) != len(given) or given[0] not in ("N", "B"):
            return []
        shown = " x ".join(dims)
        if dims[0] == given[0]:
            return [Claim(number, m.group(0), "shape", shown, "no batch dimension", "wrong",
                          f"gamma and beta are learned, one per feature or channel and shared "
                          f"by every sample: {given[0]} (the batch, first of the input's "
                          f"{' x '.join(given)} on line {self.input[0]}) is none of their "
                          "dimensions")]
        if dims[0] == "1" and all(d in ("1", g) for d, g in zip(dims[1:], given[1:])) and \
                any(d != "1" for d in dims[1:]):
            return [Claim(number, m.group(0), "shape", shown, shown, "right",
                          "one scale and shift per feature or channel, shared by the batch "
                          f"(the input {' x '.join(given)} on line {self.input[0]})")]
        return []


READERS = [
    Reader("norm scale shapes", "prose",  # "x : N x D" then "γ, β : 1 x D"
           lambda at: at.state.norm_shapes.check_line(at.line.number, at.line.masked),
           needs=NEEDS),
]
