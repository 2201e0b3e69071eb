"""A counter's figure printed for a network the code above built from a model zoo::

    model = torchvision.models.resnet50()
    flops = count_model_flops(model, 224)
    print(flops)
    ...
    + Number of FLOPs: 24.64G            <- judged as ResNet-50's FLOPs: wrong
    Total MACs: 4.11G                    <- right

The code names the network as ``built`` reads a constructor (``models.X(``,
``applications.X(``, ``create_model("X"``, with nothing but its weights as arguments);
the figure is a line that is nothing but a label and the figure (``Number of FLOPs:``,
``FLOPs =``, ``MACs:``, ``Params:``), printed within ``WINDOW`` lines of the constructor
and before any other network is built. It is judged as a figure in prose
(``factjudge.judge``: FLOPs against the multiply-adds and twice them, a count near
another implementation's unsure).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.built import _BUILT, _KEPT_ARG
from cnnstat.notes.modelfacts.factjudge import judge
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.reading.numerals import number_at

WINDOW = 40  # lines after the constructor a printed figure is still its network's
_PRINTED = re.compile(r"^[\s+*>-]*(?:total\s+)?(?:number\s+of\s+)?(?P<what>flops?|macs?|madds|"
                      r"mult-adds|params|parameters)\s*(?:\(\s*[KMGT]\s*\))?\s*[:=]\s*(?=[0-9])",
                      re.I)
_KINDS = {"flop": "flops", "flops": "flops", "mac": "macs", "macs": "macs", "madds": "macs",
          "mult-adds": "macs", "params": "params", "parameters": "params"}


class Built:
    """The network the code last built, and the line it was built on."""

    def __init__(self) -> None:
        self.net: tuple[Mention, int] | None = None

    def code(self, number: int, raw: str) -> list:
        m = _BUILT.search(raw) if len(raw) <= 300 else None
        if m is None:
            return []
        name, args = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        found = mentions(name)
        kept = not (args and args.strip()) or all(_KEPT_ARG.match(a) for a in args.split(",")
                                                   if a.strip())
        ok = kept and len(found) == 1 and found[0].text == name
        self.net = (found[0], number) if ok and not resolve(found[0]).generic else None
        return []

    def printed(self, number: int, raw: str) -> list[Claim | Skip]:
        if self.net is None or number - self.net[1] > WINDOW:
            return []
        m = _PRINTED.match(raw)
        if m is None:
            return []
        got = number_at(raw, m.end())
        if got is None or raw[got[1]:].strip(" .") not in ("", "FLOPs", "MACs", "GMac", "GMACs",
                                                           "GFLOPs", "params"):
            return []
        mention = self.net[0]
        kind = _KINDS[m.group("what").lower()]
        return [judge(kind, got[0], mention, resolve(mention), number,
                      f"{mention.text} built above: {m.group('what')} {got[0].text}",
                      m.end(), got[1], mention.text)]


READERS = [
    # "model = torchvision.models.resnet50()" ... "+ Number of FLOPs: 24.64G"
    Reader("network built in code", "code", lambda at: at.state.built.code(
        at.line.number, at.line.raw), needs=("models.", "applications.", "create_model")),
    Reader("figure printed for the network built", "every", lambda at: at.state.built.printed(
        at.line.number, at.line.raw), needs=("flop", "mac", "madd", "mult-add", "param")),
]
