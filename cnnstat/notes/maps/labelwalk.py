"""A walkthrough a labelled line a layer, the map carried from line to line::

    Input: 96 x 96.
    Conv1: F = 7 x 7, S = 2 -> output 45 x 45        (from the input above)
    Pool1: 3 x 3, stride 2 -> output 22 x 22         (from Conv1's output)

    Conv2: F = 3 x 3, S = 1 -> W = 20 x 20           (a blank line between: still carried)
    S2 layer : 6장의 28 * 28 map에 2*2 필터(stride:2)로 ... 14 * 14 size 6장  (its own input)

Each line starts with a layer's label (``Conv1:``, ``Pool-2 (3x3 ...)``, ``C3 layer :``,
``C1 층은``, ``conv2 — ...``, LeNet's
``S2``/``C5``, ``P1``), its kind from the label (``S``/``P`` a pooling, ``C`` a conv) and
the line's words agreeing. Its window is the product a kernel word names (``F = 5 x 5``,
``5 * 5 filter``, ``2*2 필터``, a small product right after its label, smaller than the
map carried), its stride and
padding where written (the label blanked first: ``S2`` is no stride). Its input is a map
the line states before the window (``on 28 * 28``, ``28 * 28 ... 에 대해``), else the map
carried: the ``Input:`` line's or the last step's output, up to ``WINDOW`` lines above
(blank lines and lines without a size between). Its output is the first map after the
window (the result of working written after it, ``51/2 x 51/2 = 25 x 25``, where worked
out), and may be a map that is not square (each side through the same layer), or carry
its channels: a conv's are its filters where the line counts them (``32 filters of 3x3``),
a pooling's its input's. The size
goes through the layer algebra (``shapes.judge``): a stride or padding not written is not
guessed (right where the defaults give it, unsure where another would), and a size a
2x2 pooling not listed would explain from a carried map is unsure. A line with a
size that is no step ends the walk; so does a step judged wrong (what follows may copy the
slip) and a question.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.settings import CONV_WORD, stated
from cnnstat.notes.maps.walkthrough import _FILTERS, Layer, Map, judge_layer
from cnnstat.notes.reading.questions import asks

WINDOW = 6
NEEDS = ("x", "×", "*")
# a layer's label at the start of the line: "Conv1:", "- pool-2 :", "2) S2 layer :", "C5:"
_LABEL = re.compile(r"^\W*(?:\d{1,2}[.)]\s*)?(?P<name>(?P<kind>conv\w*?|"
                    r"(?:max|avg)?[\s_-]?pool\w*?|[csp])[\s_-]?(?P<n>\d{1,2}))"
                    r"\s*(?:layer|층|레이어)?\s*(?:[:：]|[—–]|-\s|(?=\()|(?:은|는|에서는?)(?=\s)"
                    # "conv2 3x3, pad 1, stride 2: ...", "conv2, 64 filters 3x3: ...": the
                    # label, then its window or a comma before the settings
                    r"|,\s|\s(?=\s*\d{1,2}\s*[x×*]\s*\d{1,2}(?!\s*[x×*]\s*\d)\s*(?:[,(]|"
                    r"(?:pad|padding|stride|[sp]\s*=)\b)))",
                    re.I)
_INPUT = re.compile(r"^\W*(?:input|입력)(?:\s*(?:image|size|layer|shape|이미지|크기|층))?"
                    r"\s*(?:[:：=(]|is\b|은|는)", re.I)
# a size (not a factor of a longer product: "(3*3)*256*384 + 384" is a count's working)
_PROD = re.compile(r"(?<![0-9.,/*x×)])(?<![*x×)] )([0-9]{1,4})(?:\s*/\s*[0-9])?\s*[x×*]\s*"
                   r"([0-9]{1,4})(?:\s*/\s*[0-9])?(?:\s*[x×*]\s*([0-9]{1,5}))?"
                   r"(?![0-9]|[.,][0-9]|\s*[x×*(]\s*[0-9(])")
# a product that is the window: a kernel word after it, or one before it
_K_AFTER = re.compile(r"\s*\)?\s*(?:filters?|kernels?|window|pool\w*|필터|커널|윈도우|"
                      r"크기의\s*필터)", re.I)
_K_BEFORE = re.compile(r"(?:\bf|\bk|kernel(?:\s*size)?|filter(?:\s*size)?|window|필터|커널|"
                       r"(?:filters?|kernels?)\s+of(?:\s+size)?)\s*[=:]?\s*\(?\s*$", re.I)
# what follows a window written right after the label: "Pool1: 2 x 2 -> ...", "conv1 (7x7, ..."
_AFTER_WINDOW = re.compile(r"\s*(?:->|→|,|\)|\(|with\b|stride|s\s*=|pad(?:ding)?\b|p\s*=)", re.I)
_CONV_WORD = CONV_WORD
_POOL_WORD = re.compile(r"pool|풀링|subsampl|서브\s*샘플링", re.I)
_AVG = re.compile(r"avg|average|평균", re.I)
# what makes a line's sizes no one layer's: several layers, a layer read apart
_APART = re.compile(r"dilat|atrous|transpos|deconv|upsampl|group|resiz|concat|global|adaptive|"
                    r"flatten|fully|dense|\bfc\b|\btwo\b|\bthree\b|repeat|반복|전치|팽창|param|"
                    r"weight|bias|파라미터|가중치|편향|flop|mac|twice|thrice|\btimes\b|번\s*(?:반복|적용)",
                    re.I)
_EQUALS = re.compile(r"\s*=\s*$")
_ARROW = re.compile(r"\s*(?:->|→|=>|⇒|\bto\b|에서)\s*")


def _products(masked: str) -> list[re.Match]:
    return list(_PROD.finditer(masked))


class LabelWalk:
    def __init__(self) -> None:
        self.carried: tuple[Map, int] | None = None

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        found = _products(masked)
        if not found:
            return []  # no size, no window: nothing here changes the walk
        if asks(masked):
            self.carried = None
            return []
        if _INPUT.match(masked):
            sq = [m for m in found if m.group(1) == m.group(2)]
            self.carried = (self._map(sq[0]), number) if len(found) == 1 and sq else None
            return []
        label = _LABEL.match(masked)
        if label is None:
            self.carried = None  # a size the walk does not follow
            return []
        return self._step(number, masked, label, found)

    @staticmethod
    def _map(m: re.Match) -> Map:
        return Map(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), m.start(), m.end(),
                   (m.span(1), m.span(2)))

    def _step(self, number: int, masked: str, label: re.Match, found: list[re.Match]
              ) -> list[Claim | Skip]:
        carried = self.carried if self.carried is not None and \
            number - self.carried[1] <= WINDOW else None
        self.carried = None
        kind = label.group("kind").lower()
        rest = " " * label.end() + masked[label.end():]  # the label blanked: "S2" no stride
        pool = "pool" in kind or kind in ("s", "p")
        words_conv, words_pool = bool(_CONV_WORD.search(rest)), bool(_POOL_WORD.search(rest))
        if words_conv and words_pool or (pool and words_conv) or (not pool and words_pool) or \
                _APART.search(rest):
            return []
        found = [m for m in found if m.start() >= label.end()]
        kernels = [m for m in found if m.group(1) == m.group(2) and not m.group(3) and (
            _K_AFTER.match(masked, m.end()) or _K_BEFORE.search(masked, 0, m.start()))]
        first = found[0] if found else None
        if not kernels and first is not None and first.group(1) == first.group(2) and \
                not first.group(3) and "/" not in first.group(0) and int(first.group(1)) <= 11 \
                and (carried is None or int(first.group(1)) < carried[0].h) and \
                _AFTER_WINDOW.match(masked, first.end()):
            kernels = [first]  # "Pool1: 2 x 2 -> output ...": the window after the label
        if len({int(m.group(1)) for m in kernels}) != 1:
            return []
        kern = kernels[0]
        before = [m for m in found if m.end() <= kern.start()]
        after = [m for m in found if m.start() >= kern.end()]
        if len(before) > 1 or not after:
            return []
        out = after[0]
        if not before and len(after) > 1 and _ARROW.fullmatch(masked[out.end():after[1].start()]):
            # "pool1 (3x3, stride 2): 55x55x96 → 27x27x96": the window first, then the
            # layer's input and its output
            before, out = [out], after[1]
        if "/" in out.group(0):  # "51/2 x 51/2 = 25 x 25": the result of the working
            nxt = after[1] if len(after) > 1 else None
            if nxt is None or not _EQUALS.match(masked[out.end():nxt.start()]):
                return []
            out = nxt
        src = self._map(before[0]) if before else carried[0] if carried else None
        dst = self._map(out)
        if src is None or "/" in (before[0].group(0) if before else ""):
            self.carried = (dst, number)
            return []
        got = stated(rest)
        if got is None:
            return []
        stride, padding = got
        counts = {next(g for g in m.groups() if g) for m in _FILTERS.finditer(rest)}
        lay = Layer(pool, bool(_AVG.search(rest)), int(kern.group(1)),
                    stride, padding,
                    int(counts.pop()) if len(counts) == 1 and not pool else None)
        got = judge_layer(number, lay, src, dst)
        wrong = isinstance(got, Claim) and got.verdict == "wrong"
        if wrong and not before and src.h == src.w:
            # a map carried from a line above: a 2x2 pooling the walk does not list may
            # come between ("Conv1 ... 32x32" / "Conv2 ... 16x16")
            half = src._replace(h=src.h // 2, w=src.w // 2)
            again = judge_layer(number, lay, half, dst)
            if not (isinstance(again, Claim) and again.verdict == "wrong"):
                got = Skip(number, got.text, "unsure: a pooling not listed may come between")
                wrong = False
        self.carried = None if wrong else (dst, number)
        return [got]
