"""The channels of a named network's layer table, row by row, against its specs::

    ### AlexNet                                           (the section's network)
    | Layer     | Filters / Stride   | Input Volume | Output Volume |
    | C1 (Conv) | 96 filters, 11x11  | 227x227x3    | 55x55x96      |
    | P1 (Pool) | 3x3, stride 2      | 55x55x96     | 27x27x96      |
    | C2 (Conv) | 5x5, same          | 27x27x96     | 27x27x276     |  <- conv2 has 256 filters
    | P2 (Pool) | max pooling        | 27x27x276    | 13x13x276     |  <- its channels: 256
    | C3 (Conv) | 384 filters, same  | 13x13x276    | 13x13x384     |  <- conv3 takes 256

Only networks whose convs are numbered plainly along one chain (``nthconv.FAMILIES``:
AlexNet, ZFNet), named by the section's heading, and a table with an input or output
column (``input``, ``output``, ``입력``, ``출력``) whose rows are labelled with a conv's or a
pooling's number (``C2``, ``conv2``, ``P1``, ``pool1``; a pooling is the last conv's). A
map's channels are its side that is not the square's (``27x27x96``, ``96x27x27``). The
k-th conv gives its filters and takes the (k-1)-th's (or the image's 3; a grouped conv's
half too); a pooling keeps the channels of the conv before it. A figure is right where
one bundled spec the name means agrees (AlexNet's paper: 96, 256, 384, 384, 256;
torchvision's: 64, 192, 384, 256, 256), wrong where none does, and only once a row of
the table has given a layer's output channels as a spec does (the table is the network's,
not one of the note's own: an image's three channels prove nothing). A conv's label
written again (``CONV3`` on two rows, the fifth's name copied) names no one conv: its
figures are right where a spec agrees, never wrong.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.factjudge import CHANGED, SMALL_IMAGES
from cnnstat.notes.modelfacts.models import resolve
from cnnstat.notes.modelfacts.nthconv import FAMILIES, _OURS, convs

CONFIDENCE = 0.9
NEEDS = ("conv", "c1", "c2", "pool")
_INPUT = re.compile(r"input|입력", re.I)
_OUTPUT = re.compile(r"output|출력", re.I)
_CONV = re.compile(r"^\W*(?:C|conv(?:olution)?[-_ ]?)([1-9])(?![0-9])", re.I)
_POOL = re.compile(r"^\W*(?:P|(?:max[-_ ]?)?pool(?:ing)?[-_ ]?)([1-9])(?![0-9])", re.I)
_MAP = re.compile(r"(?<![\d.])(\d{1,4})\s*[x×X*]\s*(\d{1,4})\s*[x×X*]\s*(\d{1,4})(?![\d.])")


def _channels(cell: str) -> tuple[int, str] | None:
    found = list(_MAP.finditer(cell))
    if len(found) != 1:
        return None
    a, b, c = (int(x) for x in found[0].groups())
    if a == b and c != a:
        return c, found[0].group(0)
    if b == c and a != b:
        return a, found[0].group(0)
    return None


def check(rows, heading) -> list[Claim]:
    """``rows``: the table's (line number, cells) rows, its header first; ``heading``: the
    section's network."""
    if heading is None or heading.family not in FAMILIES or len(rows) < 3:
        return []
    text = " ".join(c for _, cells in rows for c, _, _ in cells)
    if SMALL_IMAGES.search(text) or CHANGED.search(text) or _OURS.search(text):
        return []
    head = [c for c, _, _ in rows[0][1]]
    cols = [(k, role) for k, c in enumerate(head) for role, rx in (("input", _INPUT),
                                                                   ("output", _OUTPUT))
            if rx.search(c) and not (role == "input" and _OUTPUT.search(c))]
    if not cols:
        return []
    specs = [c for c in (convs(s) for s in resolve(heading).specs) if c]
    if not specs:
        return []
    out: list[Claim] = []
    agreed, last, seen = False, None, set()
    for number, cells in rows[1:]:
        label = cells[0][0] if cells else ""
        conv, pool = _CONV.match(label), _POOL.match(label)
        again = conv is not None and int(conv.group(1)) in seen  # "CONV3" written twice
        if conv:
            last = int(conv.group(1))
            seen.add(last)
        elif not pool or last is None:
            continue
        k, row = last, []
        for col, role in cols:
            got = _channels(cells[col][0]) if col < len(cells) else None
            if got is None:
                continue
            truth = _truth(specs, k, role, conv is not None)
            if not truth:
                continue
            value, shown = got
            ok = value in truth
            if (ok or agreed) and (ok or not again):  # a label again: which conv, unsure
                what = f"conv{k}" if conv else f"the pooling after conv{k}"
                row.append(Claim(number, f"{heading.text} {label} {role} {shown}", "model",
                                 str(value), value if ok else min(truth), "right" if ok
                                 else "wrong", f"{what}'s {role} channels: " +
                                 ", ".join(str(t) for t in sorted(truth)), (), "",
                                 CONFIDENCE))
            agreed = agreed or (ok and role == "output")  # an image's 3 channels prove nothing
        out += [c for c in row if agreed]
    return out


def _truth(specs, k: int, role: str, conv: bool) -> set[int]:
    """The channels the specs give the k-th conv's input or output (a pooling after it:
    its output, either way)."""
    got: set[int] = set()
    for layers in specs:
        if len(layers) < k:
            continue
        if conv and role == "input":
            got |= set(layers[k - 1].depth)
        else:
            got.add(layers[k - 1].filters)
    return {x for x in got if x}
