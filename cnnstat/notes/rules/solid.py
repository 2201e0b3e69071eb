"""A parameter rule of a 3D convolution: its kernel's side written three times
(``Weights : C_out × C_in × K × K × K``, ``C_out·C_in·K³``, ``(K_D·K_H·K_W·C_in + 1)·C_out``).
Against a 2D conv's count it is wrong at every size tried; it is a 3D conv's count, right
where the line or the lines above speak of a 3D convolution (a heading ``3D Convolution``,
``Conv3d``, ``3차원``), unsure elsewhere (a 2D rule with the kernel written once too often
reads the same)."""

from __future__ import annotations

import itertools
import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.rules.rulecheck import params_fits

# a 3D conv's count of (k, c_in, c_out): the weights alone, or with one bias a filter
CUBE_COUNTS = (lambda k, ci, co: k ** 3 * ci * co, lambda k, ci, co: (k ** 3 * ci + 1) * co)
SOLID = re.compile(r"(?<![\w.])3\s*-?\s*D(?![A-Za-z])|3차원|삼차원|volumetric|conv3d|C3D",
                   re.I)
# the kernel written as a cube: a letter three times in a product, a cube's power, K_D
_CUBE = re.compile(r"\^\s*\{?\s*3\b|³|\bK_?D\b|(?<![\w])([A-Za-z])(?![\w])"
                   r"(?:\s*(?:[x×*·]|\\times|\\cdot)\s*\1(?![\w])){2}")


def solid(number: int, text: str, node, assign: dict[str, str], guessed,
          context: str) -> Claim | Skip | None:
    """A rule a 2D conv's count found wrong, read as a 3D conv's (``context``: the line
    and the lines above it); None where that count does not fit it either."""
    if not _CUBE.search(text):
        return None
    sure = {x: r for x, r in assign.items() if x not in guessed}
    free = [x for x in assign if x in guessed]
    tries = [{**sure, **dict(zip(free, roles))}
             for roles in itertools.permutations(("k", "ci", "co"), len(free))]
    if not any(params_fits(node, a, False, t) for a in tries for t in CUBE_COUNTS):
        return None
    if SOLID.search(context):
        return Claim(number, text, "formula", text, "k*k*k*C_in*C_out (+ C_out)", "right",
                     "a 3D conv's count, its kernel a cube, at every size tried")
    return Skip(number, text, "unsure: a 3D conv's count (the kernel's side three times), "
                              "and no 3D convolution named")
