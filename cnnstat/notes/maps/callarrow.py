"""A layer call written between the map it takes and the map it gives, on one line of
prose: ``16x16x128 → ConvT(128, 64, 4, 2, 1) → 32x32x64``, ``32x32x3 -> nn.Conv2d(3, 16,
3, 1, 1) -> 32x32x16``, ``28x28x6 → MaxPool2d(2, 2) → 14x14x6``.

The call is read as PyTorch reads it (``torchcode.layer``: positional arguments in
``nn.<name>``'s order; ``ConvT``/``Deconv2d`` short for ``ConvTranspose2d``), applied by
the layer algebra to the map before it (height x width x channels as the note writes
it, or channels first where the sides say so), and the map after it is judged. A call
whose ``in_channels`` is not the map's, or a conv with no padding written (a note's
pseudo-call may mean 'same'), is unsure where the sizes disagree."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms import torchcode
from cnnstat.notes.maps.mapread import maps

NEEDS = ("(",)
CONFIDENCE = 1.0
UNSURE = 0.4
_CALL = re.compile(r"(?<![\w.])(?:nn\.)?(Conv2d|ConvTranspose2d|ConvT|Deconv2d|MaxPool2d|"
                   r"AvgPool2d)\s*\(([^()]{1,120})\)")
_NAMES = {"ConvT": "ConvTranspose2d", "Deconv2d": "ConvTranspose2d"}
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|⟶)\s*")


def check_line(number: int, masked: str) -> list[Claim]:
    calls = list(_CALL.finditer(masked))
    if not calls:
        return []
    found = maps(masked)
    out = []
    for call in calls:
        before = [m for m in found if m.end <= call.start() and
                  _ARROW.fullmatch(masked, m.end, call.start())]
        after = [m for m in found if m.start >= call.end() and
                 _ARROW.fullmatch(masked, call.end(), m.start)]
        if len(before) != 1 or len(after) != 1:
            continue
        name = _NAMES.get(call.group(1), call.group(1))
        lay = torchcode.layer(f"nn.{name}({call.group(2)})")
        if lay is None or lay.kind == "linear":
            continue
        src, dst = before[0], after[0]
        got = torchcode.apply([lay._replace(in_channels=None)], (1, src.c, src.h, src.w))
        if got is None:
            continue
        c, h, w = got[1:]
        text = masked[src.start:dst.end]
        said = (dst.h, dst.w, dst.c)
        ok = said == (h, w, c)
        shown = f"{h}x{w}x{c}"
        doubt = lay.in_channels not in (None, src.c) or \
            (lay.kind == "conv" and "padding" not in lay.args)
        out.append(Claim(number, text, "shape", masked[dst.start:dst.end], shown,
                         "right" if ok else "wrong",
                         f"{call.group(0)} on {src.h}x{src.w}x{src.c} gives {shown} "
                         f"(the layer algebra)",
                         confidence=CONFIDENCE if ok or not doubt else UNSURE))
    return out
