"""The flattened size a comment restates in words beside a Keras model: after its
``Flatten()`` (``# so 120 becomes the columns (features)``, ``# 120 nodes``), or before it,
with a word for flattening (``# flatten the 4x4x10 maps into 160 nodes``, ``# 160개의 노드로
펴준다``). The size is the model's shape as ``kerascode`` carries it: after a flatten, its
one dimension; before one, the product of the map's. A comment with no unit word for a
count of values (nodes, features, columns, 노드, 특성, 열) after its number, or with more
than one such number, is not read; a feature *map* is no flattened size, and a number a
layer's name stands before (``# Dense layer - 128 nodes``, ``# hidden layer: 64 nodes``),
with no word for flattening, is that layer's units.

``told``: a line of prose below the model that names its ``Flatten`` layer and a count
of values (``Flatten 레이어를 거치면 ... 3,136개의 노드가 된다``, ``after Flatten we get
3136 features``), where the model holds exactly one ``Flatten`` whose input is known and
the line names no dense layer (whose units such a count may be).
"""

from __future__ import annotations

import re
from math import prod

from cnnstat.notes.claims import Claim

CONFIDENCE = 0.8  # before the flatten: the comment may speak of a map to come
NEAR = 3  # lines from the last layer read
_SIZE = re.compile(r"(?<![\w.,*x×])(\d{1,3}(?:,\d{3})+|\d{1,7})\s*(?:개의?\s*|[은는]\s*|"
                   r"(?:is|are)\s+)?(?:노드|nodes?\b|features?\b(?!\s*maps?)|특성(?!\s*맵)|열"
                   r"|columns?\b)", re.I)
_LAYER = re.compile(r"\bdense\b|fully[\s-]*connected|\blinear\b|\bfc\d*\b|\blayer\b|완전\s*연결|"
                    r"전결합|층|레이어", re.I)
_FLATTEN = re.compile(r"펴|flatten|평탄|1차원|일렬", re.I)
_FLATTEN_LAYER = re.compile(r"flatten|평탄화", re.I)  # the layer named in prose
_DENSE = re.compile(r"\bdense\b|fully[\s-]*connected|\blinear\b|\bfc\d*\b|완전\s*연결|전결합|"
                    r"은닉|hidden|\bunits?\b|출력층", re.I)
GAP = 20  # lines below the model's last layer that its prose may tell its flat size


def said(model, number: int, raw: str) -> list[Claim]:
    """A comment line alone near the model's last layer that restates its flat size."""
    code, hash_, comment = raw.partition("#")
    shape, before = model.shape, model.before
    if not hash_ or code.strip() or shape is None or not 0 < number - model.last <= NEAR:
        return []
    found = list(_SIZE.finditer(comment))
    if len(found) != 1:
        return []
    if len(shape) == 1 and before is not None and len(before) == 3 and prod(before) == shape[0]:
        want, sure = shape[0], 1.0  # the flatten just read
    elif len(shape) == 3 and _FLATTEN.search(comment):
        want, sure = prod(shape), CONFIDENCE
    else:
        return []
    m = found[0]
    if _LAYER.search(comment, 0, m.start()) and not _FLATTEN.search(comment):
        return []  # "# Dense layer 1 - ... with 128 nodes": the layer below's units
    stated = int(m.group(1).replace(",", ""))
    flat = shape if len(shape) == 3 else before
    shown = ", ".join(map(str, flat[1:] + flat[:1]))
    how = f"the model's map ({shown}) flattened: {want:,} values"
    return [Claim(number, " ".join(comment.split())[:80], "shape", m.group(1), f"{want:,}",
                  "right" if stated == want else "wrong", how, (), f"{want:,}",
                  sure if stated != want else 1.0)]


def told(model, number: int, raw: str) -> list[Claim]:
    """A line of prose below the model that tells its one ``Flatten``'s size."""
    if "#" in raw or not _FLATTEN_LAYER.search(raw) or _DENSE.search(raw) or \
            not 0 < number - model.last <= GAP or len(model.flats) != 1:
        return []
    line, flat = model.flats[0]
    found = list(_SIZE.finditer(raw))
    if flat is None or line >= number or len(found) != 1:
        return []
    m, want = found[0], prod(flat)
    stated = int(m.group(1).replace(",", ""))
    shown = ", ".join(map(str, flat[1:] + flat[:1]))
    how = f"the Flatten on line {line} takes the model's map ({shown}): {want:,} values"
    return [Claim(number, " ".join(raw.split())[:80], "shape", m.group(1), f"{want:,}",
                  "right" if stated == want else "wrong", how, (), f"{want:,}",
                  CONFIDENCE if stated != want else 1.0)]
