"""A count of a kind of layer set out as a label and its figure under a network's heading,
as a model card lists them::

    ## AlexNet
    convolution layer : 5개
    fully-connected layer : 3개
    총 layer : 8개
    - Conv layers: 13

The label is a kind of layer the specs count (conv, fully connected, all weight layers);
the line names no network of its own and nothing but the label and the figure. The count
is judged as a count in prose (``factjudge.judge``: the network's own counts, a block's
count under half of it unsure). Pooling and normalisation layers are no weight layers: not
read."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import judge
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.numerals import read_number

NEEDS = (":", "=")
_KINDS = (
    ("conv", r"conv(?:olution(?:al)?)?\s*(?:layers?|층|레이어)|합성곱\s*(?:층|레이어)|"
             r"컨볼루션\s*(?:층|레이어)"),
    ("fc", r"(?:fully[-\s]?connected|fc|dense)\s*(?:layers?|층|레이어)|완전\s*연결\s*(?:층|레이어)|"
           r"전결합\s*(?:층|레이어)"),
    ("depth", r"(?:총|전체|total)\s*(?:weight(?:ed)?\s*)?(?:layers?|층|레이어)(?:\s*수)?|"
              r"(?:weight(?:ed)?\s*)layers?|깊이|depth"),
)
_LINE = re.compile(r"^[\s>*+-]*(?:" + "|".join(f"(?P<{k}>{rx})" for k, rx in _KINDS) +
                   r")\s*(?:수|개수)?\s*[:=]\s*(?P<n>[0-9]{1,3})\s*(?:개|layers?|층)?\s*[.]?\s*$",
                   re.I)


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim | Skip]:
    if heading is None or len(masked) > 80:
        return []
    m = _LINE.match(masked)
    if m is None or mentions(masked):
        return []
    kind = next(k for k, _ in _KINDS if m.group(k))
    got = read_number(masked, m.start("n"))
    resolved = resolve(heading)
    if got is None or not resolved.specs:
        return []
    return [judge(kind, got[0], heading, resolved, number,
                  f"{heading.text}: {' '.join(masked.split())}", m.start("n"), m.end("n"),
                  masked)]
