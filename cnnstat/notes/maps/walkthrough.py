"""A layer-by-layer walkthrough in prose: each layer's settings, then the map it gives.

Notes walk through a network a layer at a time, in forms such as::

    - Conv-5: 3*3 크기의 커널 256개, stride=1, padding=1      (a layer defined by name)
    - Conv-5는 크기를 13x13x256으로 변환함                     (later: what it gives)
    conv1, 32 filters, strides=1:                            (settings, then on the next
    (28, 28, 32)                                              line the map, as a tuple)
    -2.Convolution(output channels=64, filter size=7, stride=2, padding=3), output=112x112x64
    28×28×6 형상을 stride=2인 필터로 평균 풀링하여 14×14×6으로 바뀐다   (input에서 output으로)

A layer stated alone (``convolution : 64개의 3×3×3 kernels (stride = 1, padding = 1)``, ``2×2
max pooling (stride = 2)``) gives the map on the next line, or one up to ``GAP`` lines on
that says it is an output (``⇒ 64개의 224×224 feature maps``, after ``activate by ReLU``).
Maps may be counted before their size (``64개의 224×224 feature maps``, ``16 maps of size
29x29``, LeNet's ``6@28x28``) or written channels first (``64x224x224``); a bank of filters
with its depth (``64개의 3×3×64 kernels``) is judged against its input's channels. On KaTeX
pasted twice over (``stride = 11``: the rendered ``1``, then its source) a setting is its
half, and a size it does not give is unsure.

The input of a layer is the map stated on its line before the output ("A에서 B로",
"on A", "input A"), else the last map of the walkthrough (within ``WINDOW`` lines). The
height and width are judged by ``shapes.judge`` (the layer algebra; a stride or padding
the note does not state is not guessed: right if the usual default gives the size, unsure
if another setting would, wrong if none can). The channels: a conv gives its filters, a
pooling layer keeps its input's. The walkthrough goes on from the map the note states.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.maps.filters import VOLUME_COUNT, at_banks, filter_volume, \
    layer_volumes
from cnnstat.notes.reading.normalise import plain_latex
from cnnstat.notes.reading.questions import asks, posed, states_input
from cnnstat.notes.reading.settings import NO_PAD, PRODUCT, SAME_PAD, SIGNED_BEFORE, stride_words, \
    value_after
from cnnstat.notes.maps.layerjudge import depth, judge_layer, unrelated
from cnnstat.notes.maps.mapread import BANK, SHAPE, Map, maps
from cnnstat.notes.maps.letters import LETTER as _LETTER, f_letter as _f_letter
from cnnstat.notes.signs import Gated

# "CNN with 11x11, stride = 4": a layer a walkthrough calls a CNN is a conv
_CONV = Gated(("conv", "합성곱", "컨볼루션", "cnn"), r"conv|합성곱|컨볼루션|(?<![A-Za-z])CNN(?![A-Za-z])", re.I)
_POOL = Gated(("pool", "풀링", "폴링", "subsampl", "서브샘플링"), r"pool|풀링|폴링|subsampl|서브샘플링",
              re.I)
_AVG = Gated(("avg", "average", "평균"), r"avg|average|평균", re.I)
_K_WORD = Gated(("kernel", "filter", "pool_size", "ksize", "pooling size", "pool size"),
                r"(?:kernel_size|kernel\s*size|filter\s*size|pool_size|ksize|pool(?:ing)?\s+size)"
                r"\s*(?:of\s+)?[=:]?\s*"
                r"\(?\s*([0-9]{1,2})(?:\s*,\s*([0-9]{1,2}))?", re.I)
# not a map's sides, its depth a symbol ("6x6x#filters", "28x28xn_c")
_K_PRODUCT = re.compile(r"(?<![0-9.x×X*])(?<![x×X*] )([0-9]{1,2})\s*[x×*]\s*([0-9]{1,2})"
                        r"(?![0-9]|\s*[x×*]\s*(?:[0-9]|#|n_?[cC]))")
# a setting's value after its word (not a map's first side: "stride: 27x27x96"), or signed
# before it ("+2 pad +4 stride"); ``settings(rx, text)`` gives the values
_STRIDE = Gated(("stride", "스트라이드"),
                r"(?:strides?|스트라이드)\s*(?:of\s+)?[=:]?\s*(?:는|가)?\s*\(?\s*" + value_after(1) +
                r"|" + SIGNED_BEFORE + r"(?:strides?|스트라이드)\b", re.I)
_PAD = Gated(("pad", "패딩"), r"(?:padding|pad|패딩)\s*(?:of\s+)?[=:]?\s*(?:는|가|은|을|를)?\s*" +
             value_after(1) + r"|" + SIGNED_BEFORE + r"(?:padding|pad|패딩)", re.I)
_PAD_WORD = Gated(("padding",), r"padding\s*[=:]?\s*['\"]?(same|valid)", re.I)
_FILTERS = Gated(("filters", "kernels", "필터", "커널", "output", "out_channels"),
                 r"([0-9]{1,5})\s*(?:(?:same|valid)\s+)?(?:filters|kernels|개의?\s*(?:필터|커널))|"
                 r"(?:커널|필터)\s*([0-9]{1,5})\s*개|"
                 r"(?:output\s*channels?|out_channels|filters)\s*[=:]\s*([0-9]{1,5})", re.I)
_TAIL = re.compile(r"[x×X*]\s*$")  # "5x5 kernels": the kernel's side, not a count of 5
_ONE_FILTER = re.compile(r"filter|kernel|필터|커널", re.I)
_NAME = re.compile(r"^\W*([A-Za-z]{2,12}[-_ ]?[0-9]{1,2})\s*(?:[:,(]|은|는|의|$)")
_FROM = re.compile(r"^\s*(?:에서|으로부터|from)|^\s*(?:형상|크기|map|입력|이미지|영상|텐서)?\s*"
                   r"(?:을|를|에)\s", re.I)
# the first of a line's maps named as what goes in: "a 227x227x3 RGB image which passes
# through ...", "A 64x64x3 input goes through ..."
_SOURCE_AFTER = re.compile(r"\s*(?:(?:RGB|colou?r|gr[ae]yscale)\s+)?(?:input|images?|pictures?)\b", re.I)
ON = re.compile(r"(?:\bon|\bfrom|input|입력)(?:\s*(?:of|is|was|are|:|=|은|는|이|가|an?|the|to))*"
                 r"\s*\(?$|(?:\bon|\bto|\bfrom)\s+(?:an?|the)\s+$", re.I)
INPUT_AFTER = re.compile(r"\s*\)?\s*(?:의|인)?\s*(?:input|입력)", re.I)  # matched at a position: no "^"
_KEEP = re.compile(r"유지|keeps?\s+the\s+(?:size|shape)|same\s+size", re.I)
_THROUGH = re.compile(r"\s*(?:을|를)?\s*(?:거치|거쳐|통과)|\s+(?:then|again)\b", re.I)
_OUTPUT_WORD = re.compile(r"output|out\s+put|출력", re.I)
_DIGIT = re.compile("[0-9]")
# a depthwise, separable or grouped conv named: its filters are one channel's (or group's)
PER_CHANNEL = Gated(("depth", "separable", "group", "channel", "깊이", "채널", "분리", "그룹"),
                    r"depth\s*-?\s*wise|separable|group(?:ed|s)?\b|per[- ]channel|"
                    r"channel[- ]?wise|깊이\s*별|채널\s*(?:별|마다)|분리|그룹", re.I)
WINDOW = 8
# a line about a network's first layer: a walk may start again there
_FIRST = re.compile(r"(?i)\b(?:stem|first|initial)\b|(?<![A-Za-z])conv[-_ ]?1(?![0-9])|첫")
# a quiz's answer options (``C. 56x56x96``, ``(B) 10x10x16``, ``② 28x28x8``): candidates,
# not the map the walk goes on from
_OPTION = re.compile(r"^\s*(?:[-*]\s*)?(?:\(?[A-Ea-e][.)]|\([A-Ea-e]\)|[①②③④⑤]|"
                     r"(?:options?|choices?|보기)\s*:)\s")
# a size the line gives its map from, written where no map was read (``16 filters: 14x14x6
# -> 10x10x16``): the line's own input, not the walk's last map
_FROM_UNREAD = re.compile(r"(?<![0-9x×X*,])([0-9]{1,5})(?:\s*[x×X*,]\s*[0-9]{1,5}){1,2}\)?\s*"
                          r"(?:->|→|=>|⇒|-+>)\s*$")

# one size going to another (without the channels that make them maps here)
_MOVED = re.compile(r"[0-9]{1,4}\s*[x×]\s*[0-9]{1,4}\s*(?:->|→|=>|⇒|to|에서)\s*[0-9]{1,4}\s*[x×]"
                    r"\s*[0-9]{1,4}", re.I)


def _unread_from(masked: str, end: int, lay: Layer | None) -> bool:
    """A size before the arrow to the line's map that is not the layer's own filter
    (``each 5x5x3 → 28x28x6`` is; ``16 filters: 14x14x6 -> 10x10x16`` is the input)."""
    m = _FROM_UNREAD.search(masked, 0, end)
    return m is not None and (lay is None or int(m.group(1)) != lay.k)
GAP = 3  # lines a layer stated without its map waits for the map it gives
# a line that gives the output of a layer stated a few lines up: "⇒ 64개의 112×112 maps"
_OUT_CUE = re.compile(r"^\s*(?:⇒|=>|->|→|-->|∴)|output|출력|결과|result", re.I)
# a LaTeX command and its operand: KaTeX pasted with its source (a tail unglue left)
_PASTED = re.compile(r"\\[A-Za-z]+\s*\{?[0-9]*\}?")


class Layer(NamedTuple):
    pool: bool
    avg: bool
    k: int
    stride: int | None
    padding: int | str | None
    filters: int | None
    depth: int | None = None  # the filters' own depth, where written (3x3x64 kernels)
    glued: bool = False  # a setting read as half of a KaTeX pair: a guess


_SEPARATORS = re.compile(r"[-_ ]")
_LAYER_NAME = re.compile(r"[A-Za-z]{2,12}[-_ ]?[0-9]{1,2}")  # "conv1", "Conv-1", "pool 2"
_KIND = re.compile(r"(?<![A-Za-z])(?:conv|pool|fc|dense|layer)", re.I)  # a line's layer's kind


def _norm(name: str) -> str:
    return _SEPARATORS.sub("", name).lower()


@lru_cache(maxsize=32)  # several readers ask it of the same line (a Layer is immutable)
def describe(masked: str, pasted: bool = False, loose: bool = False) -> Layer | None:
    """The one layer a line sets out (kind, kernel, stride, padding, filters); None unless
    its kind and kernel are both stated. On KaTeX pasted with its source (``pasted``), a
    setting written twice (``stride = 11``: ``1`` and its source) is its half, a guess."""
    letters = _LETTER.findall(masked)
    f_letter = _f_letter(masked) if not pasted and any(c in "sSpP" for c, _ in letters) else set()
    if PRODUCT.search(masked) is None and _K_WORD.search(masked) is None and len(f_letter) != 1:
        return None  # each kernel below is a product, named by the kernel's words or its letter
    pool, conv = bool(_POOL.search(masked)), bool(_CONV.search(masked))
    found = [m for m in BANK.finditer(masked) if m.group(2) == m.group(3)]
    banks = {(m.group(1), m.group(2), m.group(4)) for m in found}  # count, side, depth
    inside = [m.span() for m in found]  # "64개의 3×3×64 kernels": 64 is no count there
    for m in VOLUME_COUNT.finditer(masked):  # "1x1x32 5 filters": the count after the volume
        if int(m.group(1)) <= 11:
            banks.add((m.group(3), m.group(1), m.group(2)))
            inside.append(m.span())
    for m in at_banks(masked):  # "96@ 11x11, s = 4": the count at the kernel
        if m.group(2) == m.group(3):
            banks.add((m.group(1), m.group(2), None))
            inside.append(m.span())
    # "each filter is 5x5x3", "we apply 64 filters of 3x3": filters make the line's layer a conv
    conv = conv or bool(banks) or any(filter_volume(masked, m.start(), m.end())
                                      for m in SHAPE.finditer(masked)) \
        or (not pool and _FILTERS.search(masked) is not None) \
        or (loose and not pool and _ONE_FILTER.search(masked) is not None)  # "a 3×3 filter"
    if pool == conv or len(banks) > 1:
        return None  # neither, or both (a line about two layers)
    k = _K_WORD.search(masked)
    bank = banks.pop() if banks else None
    if bank is not None:
        kernel = int(bank[1])
    elif k and (k.group(2) is None or k.group(2) == k.group(1)):
        kernel = int(k.group(1))
    else:
        square = [m for m in _K_PRODUCT.finditer(masked) if m.group(1) == m.group(2)]
        if square:  # "16 feature maps of size 10x10": a map's sides, never its kernel
            held = [(mp.start, mp.end) for mp in maps(masked)]
            square = [m for m in square if not any(a <= m.start() < b for a, b in held)]
        # "Filter: 3x3x3", "1x1x32 5 filters": the one filter volume the line writes
        volumes = layer_volumes(masked, SHAPE)
        if not square and len(volumes) == 1 and not pool:
            bank = (None, volumes[0].group(1), volumes[0].group(3))
        elif not square and not volumes and len(f_letter) == 1:
            bank = (None, f_letter.pop(), None)  # "f = 3, s = 1, p = 0": the letter's size
        elif len(square) != 1:
            return None
        kernel = int(bank[1]) if bank is not None else int(square[0].group(1))
    masked = stride_words(masked)  # "a stride of two": its value in words
    s = settings(_STRIDE, masked) + [v for c, v in letters if c in "sS"]
    p = settings(_PAD, masked) + [v for c, v in letters if c in "pP"]
    pw = _PAD_WORD.search(masked)
    f = [next(g for g in m.groups() if g) for m in _FILTERS.finditer(masked)
         if not any(a <= m.start() < b for a, b in inside)
         and not _TAIL.search(masked, max(0, m.start() - 3), m.start())] + \
        ([bank[0]] if bank is not None and bank[0] is not None else [])
    if len(set(s)) > 1 or len(set(p)) > 1 or len(set(f)) > 1:
        return None
    glued = pasted and any(_twice(v) for v in s + p)
    stride = _half(s[0]) if s and glued else int(s[0]) if s else None
    padding: int | str | None = (_half(p[0]) if glued else int(p[0])) if p else None
    if pw:
        padding = 0 if pw.group(1).lower() == "valid" else "same"
    elif padding is None and SAME_PAD.search(masked):  # "32 same filters of 5 x 5"
        padding = "same"
    padding = 0 if padding is None and NO_PAD.search(masked) else padding  # "패딩 없이"
    return Layer(pool, bool(_AVG.search(masked)), kernel, stride, padding,
                 int(f[0]) if f and not pool else None,
                 int(bank[2]) if bank is not None and bank[2] else None, glued)


def settings(rx: Gated, masked: str) -> list[str]:
    """The values ``_STRIDE`` or ``_PAD`` read on a line, after the word or before it."""
    return [a or b for a, b in rx.findall(masked)]


def _twice(v: str) -> bool:
    return len(v) % 2 == 0 and v[:len(v) // 2] == v[len(v) // 2:]


def _half(v: str) -> int:
    return int(v[:len(v) // 2]) if _twice(v) else int(v)


class Walkthrough:
    def __init__(self) -> None:
        self.named: dict[str, Layer] = {}
        self.last: tuple[Map, int] | None = None
        # a layer stated without its output, its line, and whether it ends in ":"
        self.pending: tuple[Layer, int, bool] | None = None
        self.step: tuple[int, int, Layer | None, int] | None = None  # the last judged: sides, layer, line
        self.kinds: dict[str, int] = {}  # a kind of layer (conv, pool), the line last judged
        self.origin: tuple[Map, int] | None = None  # the input of the step on ``last``'s line
        self.grouped_at = -WINDOW - 1  # the last line that named a depthwise or grouped conv
        self.grouped_section = False  # the section's heading names one
        self.input_at = -1  # the line of the last map stated as an input

    def heading(self, text: str) -> None:
        """A section's heading: whether its filters may be one channel's throughout."""
        self.grouped_section = PER_CHANNEL.search(text) is not None

    def passage(self, number: int, text: str) -> None:
        """Any line: whether it names a depthwise, separable or grouped conv."""
        if PER_CHANNEL.search(text) is not None:
            self.grouped_at = number

    def check_line(self, number: int, masked: str, raw: str = "") -> tuple[list[Claim], list[Skip]]:
        if not _DIGIT.search(masked):
            return [], []  # no map, no kernel: nothing here changes the walk
        if _OPTION.match(masked):
            self.last, self.pending = None, None  # a quiz's options: which one, unknown
            return [], []
        # pasted: a source the unglue blanked beside its rendering ("3×3×33\\times3\\times3");
        # "$3\\times3\\times3$" written alone is the math itself, read plainly
        pasted = "\\" in raw and len(_PASTED.findall(masked)) < len(_PASTED.findall(raw))
        if pasted:  # a KaTeX source's tail left beside its rendering: "3×3×3 \times3 kernels"
            masked = _PASTED.sub(lambda m: " " * len(m.group()), masked)
        masked = plain_latex(masked).replace("¦", " ")  # "64개의 $3\\times3\\times3$ kernels"
        if self.pending and not self.pending[2] and (
                number - self.pending[1] > GAP or
                self.pending[1] < number - 1 and not (_OUT_CUE.search(masked) and maps(masked))):
            self.last, self.pending = None, None  # its output never came: the walk is lost
        found: list[Map] = []
        for m in maps(masked):  # "(7, 7, 64) => 7*7*64 outputs": one map, written twice
            if not found or (found[-1].h, found[-1].w, found[-1].c) != (m.h, m.w, m.c):
                found.append(m)
        lay = describe(masked, pasted)
        name = _NAME.match(masked)
        if lay is not None and name and not found:
            self.named[_norm(name.group(1))] = lay
        if (found or lay is not None) and (asks(masked) or posed(masked)):
            # "Given a 32x32x3 input ..., what is the output?", "... 적용했다. 출력의
            # shape을 구하시오": a new problem
            self.last, self.pending = None, None
            return [], []
        stated = lay  # set out on this line, not named from an earlier one
        if lay is None:
            lay = self._named_in(masked)
        if not found:
            moved = _MOVED.search(masked)
            if moved and self._again(number, [int(x) for x in re.findall(r"\d+", moved.group())]):
                return [], []  # "572×572에서 570×570으로 변한 이유는": the step told again
            if moved:  # "x2 upsample: 14x14 → 28x28": a map changed
                self.last, self.pending = None, None  # by what the walk did not read
                return [], []
            if lay is not None and self._again(number, lay):
                return [], []  # "2×2 필터로 pooling을 진행했으니": the layer just applied
            if lay is not None and masked.rstrip().endswith(":"):
                self.pending = (lay, number, True)  # "maxpool1, kernel_size=2, strides=1:"
            elif lay is not None and _KEEP.search(masked) and self._recent(number):
                prev = self.last[0]
                c = lay.filters if lay.filters is not None else prev.c
                self.last = (prev._replace(c=c), number)
            elif stated is not None and (stated.filters is not None or stated.pool or
                                         stated.depth is not None) and \
                    self.last is not None and number - self.last[1] <= GAP and not self.pending:
                # "The input is 32x32x3." / "We apply 64 filters of 3x3.": the map on the
                # next line is this layer's output (unless the next line has its own); a
                # line or two between ("activate by ReLU") where the output says it is one
                # ("⇒ 64개의 224×224 feature maps")
                self.pending = (stated, number, False)
                # a bank's depth against the map it runs over, stated just above it
                near = self.last[1] == number - 1 or stated.filters is not None
                also = self.origin[0] if self.origin and self.origin[1] == self.last[1] else None
                grouped = self.grouped_section or number - self.grouped_at <= WINDOW
                if also is not None and stated.depth == also.c != self.last[0].c:
                    self.pending = None  # the step above told again: its output was given
                return depth(number, stated, self.last[0], also, grouped) if near else [], []
            elif lay is not None or (name and self._named_in(masked) is not None):
                self.last = None  # a layer whose output is not given: the walk is lost
            return [], []
        own = lay
        if lay is None and self.pending:
            lay = self.pending[0]  # the line above's, or a few lines up's with a cue (above)
        elif lay is not None and self.pending and not self.pending[2]:
            self.last = None  # a layer whose output was not given came between: lost
        self.pending = None
        if len(found) == 1 and self._is_input(masked, found[0]):
            # "The input is 32x32x3. We apply 64 filters of 3x3.": the walk starts from
            # it; the layer's output comes on the next line
            # ("input=7x7x832, ..., output=1024": the line's output, in other words, is
            # after it: the walk is lost)
            after = _OUTPUT_WORD.search(masked, found[0].end)
            self.last = None if after else (found[0], number)
            self.input_at = number
            if own is not None and not after:
                self.pending = (own, number, False)
            return [], []
        src = None
        out = found[-1]
        if len(found) >= 2 and (_FROM.match(masked[found[0].end:found[0].end + 8])
                                or ON.search(masked[max(0, found[0].start - 12):found[0].start])
                                or _SOURCE_AFTER.match(masked, found[0].end)):
            src = found[0]
            if own is None and lay is not None and (self.last is None or self.last[0][:3] != src[:3]):
                lay = None  # "Input 10x10x6, output 8x8x12": its own step, not the one above's
        elif len(found) == 1 and self._recent(number) and not \
                ON.search(masked[max(0, out.start - 16):out.start]) and not \
                _unread_from(masked, out.start, lay) and not \
                INPUT_AFTER.match(masked, out.end) and not self._first_again(number, masked):
            src = self.last[0]
        claims, skips = [], []
        restart = None
        if lay is not None and src is not None and out is not src:
            got = self._judge(number, lay, src, out)
            # a first layer takes the network's input: a map carried from above that was
            # not stated as one may be anything ("wider (512, 1024, 512)")
            first = _FIRST.search(masked) is not None and \
                (self.last is None or self.input_at != self.last[1])
            if src is not found[0] and isinstance(got, Claim) and got.verdict == "wrong" \
                    and (first or unrelated(lay, src, out)):
                got = Skip(number, got.text, "unsure: the map carried from above may not be "
                           "this layer's input (neither its size nor its channels follow)")
                restart = first  # a first layer's map starts the walk again; else lost
            (claims if isinstance(got, Claim) else skips).append(got)
            self.step = (src.h, out.h, lay, number)
            kind = _KIND.search(masked)
            if kind:
                self.kinds[kind.group(0).lower()] = number
        # the walk goes on from the map stated, unless it was judged wrong (what follows
        # it cannot be told apart from a copy of the slip) or the line's output comes
        # after it in other words ("input=7x7x832, ..., output=1024")
        wrong = any(c.verdict == "wrong" for c in claims) or restart is False
        after = _OUTPUT_WORD.search(masked, out.end)
        self.last = None if wrong or after else (out, number)
        self.origin = (src, number) if src is not None and src is not out else None
        return claims, skips

    def _again(self, number: int, what) -> bool:
        """Whether a line just under the last judged step tells it again: its sides
        (``[572, 572, 570, 570]``) or its layer (same kind and kernel, no other setting)."""
        st = self.step
        if st is None or number - st[3] > 2 or self.last is None or self.last[1] != st[3]:
            return False
        if isinstance(what, list):
            return len(what) == 4 and what == [st[0], st[0], st[1], st[1]]
        return st[2] is not None and (what.pool, what.k) == (st[2].pool, st[2].k) and \
            what.filters is None and what.stride is None and what.padding is None

    @staticmethod
    def _is_input(masked: str, m: Map) -> bool:
        return bool(ON.search(masked[max(0, m.start - 16):m.start])
                    or INPUT_AFTER.match(masked, m.end) or states_input(masked, m.start))

    def _first_again(self, number: int, masked: str) -> bool:
        """A first layer (``conv_1``, ``CONV1``) of a kind the walk judged in its last lines,
        under a layer's output: a new walk, its input unstated, not the next layer."""
        if self.step is None or self.step[3] != self.last[1]:
            return False  # (asked only while the walk goes on: ``last`` is set)
        first, kind = _LAYER_NAME.search(masked), _KIND.search(masked)
        return first is not None and kind is not None and first.group(0)[-1] == "1" and \
            not first.group(0)[-2:-1].isdigit() and \
            number - self.kinds.get(kind.group(0).lower(), -WINDOW - 1) <= WINDOW

    def _recent(self, number: int) -> bool:
        return self.last is not None and number - self.last[1] <= WINDOW

    def _named_in(self, masked: str) -> Layer | None:
        if not self.named:
            return None
        found = [(m, _norm(m.group(0))) for m in _LAYER_NAME.finditer(masked)]
        hits = {n for _, n in found if n in self.named}
        if len(hits) > 1:  # "Conv-1의 출력은 MaxPool-1을 거치며": the one it goes through
            hits = {n for m, n in found if n in hits and _THROUGH.match(masked, m.end())}
        return self.named[hits.pop()] if len(hits) == 1 else None

    @staticmethod
    def _judge(number: int, lay: Layer, src: Map, out: Map) -> Claim | Skip:
        return judge_layer(number, lay, src, out)
