"""A step of a walkthrough in prose: one layer named on a line, and the size it takes a
map from and to, written without the map's depth::

    * 1st max pooling: 28x28 -> 14x14             (a label, then its two sizes)
    The image shrinks from 32 * 32 to 28 * 28 with kernel size 5
    It becomes 14 * 14 after pooling.             (one size: from the line above's last)
    3x3 풀링(stride 2)으로 16x16에서 8x8로 줄어든다

The sizes are square products with no depth (``shapes.items``: a product a kernel word
names is the kernel). Two sizes are a step where an arrow, ``to``, ``into`` or ``에서``
joins them; one size on a line that says it changes (``becomes``, ``turns into``, ``되``)
is the output of the size the line just above ended on. The layer is the one kind the
line names (a conv or a pooling, never both), its window a kernel product or words
(``kernel size 5``, ``k=3``, ``커널 크기 3``), its stride and padding where stated; the
size goes through the layer algebra (``shapes.judge``): right when the usual defaults
give it, unsure when only another stride or padding would, wrong when none can. A conv
whose kernel is not stated is not judged; a pooling whose window is not stated is taken
as the usual 2x2, and a size that does not give is not judged (another window may). A
question's sizes are givens; dilated, transposed, grouped or resized layers are not read,
nor a step under a heading or nested under a list item that names one (``apartsection``).
``shapes`` reads the same line where it can and then stands (``registry``).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import NO_PAD, PAD, SAME_PAD, STRIDE
from cnnstat.notes.maps.shapeitems import items
from cnnstat.notes.maps.shapes import Kernel, judge
from cnnstat.notes.signs import Gated
from cnnstat.notes.maps.walkthrough import _CONV, _POOL
from cnnstat.notes.maps.shapewords import repeats
from cnnstat.notes.maps.apartsection import Section

_TWICE = re.compile(r"\btwice\b|\b(?:two|three|[23])\s+times\b|(두|세)\s*번", re.I)


def _twice(masked: str) -> int | None:
    m = _TWICE.search(masked)
    if m is None:
        return None
    word = m.group(0).lower()
    return 3 if word.startswith(("three", "3", "세")) else 2

# a window in words: "kernel size 5", "k=3", "커널 크기 3"
_K_WORDS = Gated(("kernel", "filter", "window", "k", "커널", "필터", "윈도우"),
                 r"(?:kernel|filter|window|커널|필터|윈도우)[\s_]*(?:size|크기|사이즈)?\s*"
                 r"(?:of|is|=|:|는|가|은|이)?\s*(\d{1,2})(?![\d.]|\s*[x×X*]\s*\d)|"
                 r"(?<![A-Za-z])k\s*=\s*(\d{1,2})(?![\d.])", re.I)
# layers whose sizes this reader does not follow
_APART = re.compile(r"dilat|atrous|팽창|transpos|deconv|upsampl|group|resiz|interpol|crop|"
                    r"concat|global|adaptive|ceil|flatten", re.I)
NEEDS = ("x", "×", "*")  # a size is written as a product
# what joins a step's two sizes: "A -> B", "A to B", "from A into B", "A에서 B로"
_JOIN = re.compile(r"^\s*(?:→|->|-->|=>|⇒|to|into|에서|(?:(?:map|image|input|volume)\s+)?"
                   r"(?:now\s+)?(?:becomes|turns\s+into|"
                   r"shrinks\s+to|goes\s+(?:down\s+)?to|is\s+reduced\s+to))\s*(?:a\s+)?$", re.I)
# a line that says its one size is what the map above became
_BECOMES = re.compile(r"becomes?|became|turns?\s+into|shrinks?\s+to|reduced\s+to|"
                      r"results?\s+in|gives?|되|줄어", re.I)
_INPUT = re.compile(r"input|입력", re.I)


def _one(pattern: re.Pattern | Gated, masked: str) -> int | None | bool:
    """The one value the pattern gives on the line; None if none, False if two differ."""
    found = {int(next(g for g in m.groups() if g)) for m in pattern.finditer(masked)}
    return False if len(found) > 1 else (found.pop() if found else None)


def _layer(masked: str, kernels: list) -> tuple[Kernel, bool] | None:
    """The one layer the line names, and whether its window is stated; None where it is
    not one layer, a conv's kernel is not stated or a setting is written twice."""
    pool, conv = bool(_POOL.search(masked)), bool(_CONV.search(masked))
    sides = {it.n for it in kernels}
    if pool and conv or len(sides) > 1 or any(it.depth for it in kernels):
        return None
    k: int | None | bool = sides.pop() if sides else _one(_K_WORDS, masked)
    if not pool and not conv and k is None:
        return None
    stride, pad = _one(STRIDE, masked), _one(PAD, masked)
    if k is False or stride is False or pad is False:
        return None
    padding: int | str | None = pad
    if NO_PAD.search(masked):
        padding = 0 if pad in (None, 0) else False
    elif SAME_PAD.search(masked):
        padding = "same" if pad is None else False
    if padding is False:
        return None
    if k is None:
        return (Kernel(2, True, stride, padding), False) if pool else None
    return Kernel(int(k), pool, stride, padding), True


class Steps:
    def __init__(self) -> None:
        self.last: tuple[int, int] | None = None  # the size a line ended on, and its line
        self.section = Section()  # a heading or list item naming a transposed conv, ...

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        found = items(masked)
        sizes = [it for it in found if it.kind == "size"]
        prev = self.last if self.last is not None and self.last[1] == number - 1 else None
        self.last = (sizes[-1].n, number) if sizes and sizes[-1].depth is None else None
        if not sizes or asks(masked) or _APART.search(masked) or self.section.holds(masked):
            return []
        # two sizes without depth joined ("So 28 x 28 now becomes 14 x 14"); a map with its
        # depth elsewhere on the line ("so 14 x 14 x 6") is left to the shape readers
        pairs = [(a.n, b) for a, b in zip(sizes, sizes[1:])
                 if _JOIN.match(masked[a.end:b.start]) and a.depth is None and b.depth is None]
        if not pairs and any(it.depth is not None for it in sizes):
            return []
        if not pairs and len(sizes) == 1 and prev is not None and \
                _BECOMES.search(masked) and not _INPUT.search(masked, 0, sizes[0].start):
            pairs = [(prev[0], sizes[0])]  # "It becomes 14 * 14 after pooling."
        if not pairs:
            return []
        layer = _layer(masked, [it for it in found if it.kind == "kernel"])
        if layer is None:
            return []
        kern, stated = layer
        out: list[Claim | Skip] = []
        kits = [it for it in found if it.kind == "kernel"]
        # a count of the layer ("two 3x3 convs take ...", "3 stages of 2x2 pooling", "두
        # 번"): a size the layer gives that many times over is right; one neither gives
        # is unsure (the count may be of something else)
        rep = repeats(masked, kits[0].start, kits[0].end) if len(kits) == 1 else None
        rep = rep or _twice(masked)
        for src, dst in pairs:
            verdict, got, note = judge(src, [kern], dst.n)
            text = f"{src}x{src} → {kern.describe()} → {dst.n}x{dst.n}"
            if rep and verdict != "right":
                again = judge(src, [kern] * rep, dst.n)
                if again[0] == "right":
                    verdict, got, note = again
                    text = f"{src}x{src} → ({kern.describe()}) ×{rep} → {dst.n}x{dst.n}"
                elif verdict == "wrong":
                    out.append(Skip(number, text, f"unsure: the count {rep} on the line may "
                                                  "be of this layer"))
                    continue
            if not stated and verdict != "right":
                continue  # no window stated: another than 2x2 may give it
            if verdict == "skip":
                out.append(Skip(number, text, note))
                continue
            actual = f"{got}x{got}" if got is not None else "impossible"
            edits = tuple(Edit(number, a, b, str(got)) for a, b in dst.spans) \
                if verdict == "wrong" and got is not None else ()
            why = "layer algebra: floor((n + 2p - k) / s) + 1" + \
                ("" if stated else ", the usual 2x2 window (none stated)")
            out.append(Claim(number, text, "shape", f"{dst.n}x{dst.n}", actual, verdict, why,
                             edits, str(got) if got is not None else ""))
        if any(isinstance(c, Claim) and c.verdict == "wrong" for c in out):
            self.last = None  # what follows cannot be told apart from a copy of the slip
        return out
