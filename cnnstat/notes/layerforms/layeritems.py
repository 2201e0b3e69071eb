"""A named network's layers listed in order, one a list item, under a heading or a line
that names the network::

    ## VGG16 layers                    ### AlexNet                 # LeNet-5 구조
    1. Convolution using 64 filters    - Conv: 96 kernels 11x11    1. 6개의 필터를 쓰는 합성곱층
    2. Convolution using 64 filters    - Max pooling 3x3 stride 2  2. 서브샘플링
       + Max pooling                   - Conv: 256 kernels 5x5     3. 16개의 필터를 쓰는 합성곱층
    ...                                ...                         ...
    14. Fully connected with 4096 nodes

Each item is one layer of a kind: a convolution with its filters (kernels, feature maps,
channels; ``필터``) and maybe its square kernel, a fully connected (dense, output) layer
with its nodes (units, neurons), or a pooling (subsampling), read only to keep its place.
The n-th convolution item is matched with the n-th convolution of the bundled spec (the
analysis's rows, ``specrows.walk``), the n-th fully connected item with its n-th linear
layer: right where any spec the name means agrees. A mismatch is wrong only after two items
of the list agreed and none disagreed (the list follows the spec), and only where the
network is named by its variant (``VGG16``, never ``VGG`` or ``VGG-like``); the list is
left at its first item that is neither kind, that skips a number, or that disagrees.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts import specrows
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.pipeline import Reader

# ("1.Convolution using 64 filters": a number's item glued to its first word, a letter)
_ITEM = re.compile(r"^\s*(?:(\d{1,2})[.)](?:\s+|(?=[^\W\d_]))|[-*•]\s+)(.*)$")
_CONV = re.compile(r"conv(?:olution(?:al)?)?\b|합성곱|컨볼루션", re.I)
_DENSE = re.compile(r"fully[\s-]*connected|\bFC\b|\bdense\b|output\s+layer|완전\s*연결|출력\s*층",
                    re.I)
_POOL = re.compile(r"pool|subsampl|풀링|서브\s*샘플링", re.I)
_FILTERS = re.compile(r"(?<![\d.,x×])(\d{1,4})\s*(?:개의\s*)?(?:\d{1,2}\s*[x×]\s*\d{1,2}\s*)?"
                      r"(?:filters?|kernels?|feature\s+maps?|channels?|필터|커널|채널)", re.I)
_NODES = re.compile(r"(?<![\d.,x×])(\d{1,5})\s*(?:개의\s*)?(?:nodes?|units?|neurons?|노드|뉴런|유닛)",
                    re.I)
_KERNEL = re.compile(r"(?<![\d.])(\d{1,2})\s*[x×]\s*(\d{1,2})(?![\d.]|\s*[x×])")
_OTHER = re.compile(r"stride|padding|dilat|group|depthwise|separable|(?<![\d.])1\s*[x×]\s*1(?![\d.])",
                    re.I)
# an item of several layers ("Two convolutions with 64 filters", "3 x conv 128 (x3)")
_SEVERAL = re.compile(r"convolutions\b|convs\b|layers\b|\b(?:two|three|four|[2-9])\s+(?:conv|합성곱|컨볼루션)|"
                      r"(?<!\d)(?<!\d\s)[x×]\s*[2-9]\s*(?:\)|$)|[2-9]\s*(?:개의|번의?)\s*(?:합성곱|컨볼루션)", re.I)
_CONVS, _DENSES = ("conv", "table_conv"), ("linear", "rbf")


class Items:
    """The list being read: its network's specs, the items read of each kind, how many
    agreed and whether one disagreed."""

    def __init__(self) -> None:
        self.lead: list[Mention] = []  # the networks the last line outside a list named
        self.specs: tuple[str, ...] = ()
        self.at = self.number = 0  # the last item's line and number
        self.convs = self.denses = self.agreed = 0
        self.broken = True

    def check_line(self, number: int, raw: str, masked: str, heading: Mention | None,
                   is_heading: bool) -> list[Claim]:
        """The line's item judged (its marker read on the raw line, which the masked one
        blanks), or, for a line that is no item, the networks it names kept."""
        m = None if is_heading else _ITEM.match(raw)
        if m is None:
            self.lead = [] if is_heading else mentions(masked)
            self.at = 0
            return []
        n = int(m.group(1)) if m.group(1) else None
        if not self._continues(number, n, heading):
            return []
        self.at, self.number = number, n or 0
        return self._item(number, masked[m.start(2):] if len(masked) == len(raw) else masked)

    def _continues(self, number: int, n: int | None, heading: Mention | None) -> bool:
        """Whether the item goes on the list being read, else starts one (item 1, or a
        bullet, under a network named by its variant)."""
        if self.at and number - self.at <= 2 and (n is None or n == self.number + 1):
            return not self.broken
        self.at = 0
        named = self.lead or ([heading] if heading is not None else [])
        if len({x.key for x in named}) != 1 or n not in (None, 1):
            self.broken = True
            return False
        res = resolve(named[0])
        self.specs = tuple(s for s in res.specs if specrows.walk(s))
        self.broken = res.generic or not self.specs
        self.convs = self.denses = self.agreed = 0
        return not self.broken

    def _item(self, number: int, text: str) -> list[Claim]:
        conv, dense, pool = _CONV.search(text), _DENSE.search(text), _POOL.search(text)
        if _SEVERAL.search(text):
            self.broken = True
            return []
        if conv and not dense:
            got = _FILTERS.search(text)
            if got is None or _OTHER.search(text):
                self.broken = True
                return []
            self.convs += 1
            kernels = [(int(a), int(b)) for a, b in _KERNEL.findall(text)]
            return self._judged(number, got, _CONVS, self.convs, kernels[:1] if len(kernels)
                                == 1 and kernels[0][0] == kernels[0][1] else [])
        if dense and not conv:
            got = _NODES.search(text)
            if got is None:
                self.broken = True
                return []
            self.denses += 1
            return self._judged(number, got, _DENSES, self.denses, [])
        if not pool:
            self.broken = True
        return []

    def _judged(self, number: int, got: re.Match, kinds: tuple, nth: int,
                kernels: list) -> list[Claim]:
        stated = int(got.group(1))
        found = {}
        for spec in self.specs:
            rows = [r for r in specrows.walk(spec) or [] if r.type in kinds]
            if len(rows) < nth:
                self.broken = True
                return []
            found[spec] = rows[nth - 1]
        ok = [s for s, r in found.items() if r.output[0] == stated and all(
            tuple(r.kind.values.get("kernel", ())) == k for k in kernels)]
        what = "filters" if kinds is _CONVS else "units"
        kernels = [tuple(found[next(iter(found))].kind.values.get("kernel", ()))] if kernels else []
        if ok:
            self.agreed += 1
            row = found[ok[0]]
            return [Claim(number, f"layer {nth} of its kind: {stated} {what}", "model",
                          got.group(1), stated, "right",
                          f"{ok[0]}: {row.name} gives {row.output[0]} (bundled spec)")]
        sure = self.agreed >= 2
        self.broken = True
        if not sure:
            return []
        spec, row = next(iter(found.items()))
        return [Claim(number, f"layer {nth} of its kind: {stated} {what}", "model",
                      got.group(1), row.output[0], "wrong",
                      f"{spec}: {row.name} gives {row.output[0]} {what}"
                      + (f", kernel {kernels[0]}" if kernels else "") + " (bundled spec)")]


# the reader of this module (``registry.READERS`` takes it in this place)
READERS = [
    Reader("a named network's layers listed in order", "every+heading",
           lambda at: at.state.layer_items.check_line(
               at.line.number, at.line.raw, at.line.masked, at.state.heading, at.line.kind == "heading")),
]
