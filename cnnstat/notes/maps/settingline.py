"""One transposed or dilated conv set out on a line with its settings, its input and the
size it gives, judged by the layer algebra (``shapejudge.judge``), whatever working the
line shows::

    ## Transposed convolution
    - k=3, s=2, p=1 on 8x8 (no output_padding): 8x8 -> 4x4        (the conv's rule: 15)
    - 3x3, dilation 2, no padding, on 32x32: 32 - 3 + 1 = 30       (dilation left out: 28)
    - a 4x4 deconv, stride 2, padding 1: 16x16 -> 32x32            (right)
    - 4x4x512 -> 8x8x256 -> 16x16x128, each a 4x4 transposed conv with stride 2 and padding 1

The map readers leave these layers alone (``apartsection``: their sizes are not a plain
conv's), so a slip in them went unread: the transposed conv's size worked with the conv's
rule, the dilation left out of the kernel's span. The layer is a transposed conv where the
line names one (``transposed``, ``deconv``, ``ConvTranspose``, ``up-conv``, ``전치``) or the
nearest heading does and the line names no other layer; it is dilated where the line
states a dilation (``dilation 2``, ``d=2``, ``rate 2``). Its window is one kernel the line
states (``k=3``, ``kernel 3``, ``kernel_size=3``, a square product a kernel word follows or
the first small square before the maps); its stride and padding where written (not
guessed: the judge says unsure where another would give the size), an ``output_padding``
where written (``no output_padding``: 0). Its input is the map ``on`` names, else the
first of two maps an arrow joins; its output the map the arrow gives, else the result the
working ends in (``= 30``). A chain of maps is judged pair by pair only where the line
says each step is that layer (``each``, ``every``). A pooling, two kernels, two strides or
paddings, or a line that supposes or asks, is not read. The words of a setting (kernel,
stride, padding, dilation, output padding) are ``reading.settings``'s.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.maps.shapejudge import Kernel, judge
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import DILATION, KERNEL_SIZE, NO_OUT_PAD, OUT_PAD, stated

# every line and heading: under a transposed conv's heading a line need not name it
NEEDS = None
_NAMES = re.compile(r"transpos|deconv|up-?conv|전치|역합성곱|dilat|atrous|팽창|\brate\b|"
                    r"\bd\s*=", re.I)
_DIGIT = re.compile(r"[0-9]")
_TRANSPOSED = re.compile(r"transpos|deconv|up-?conv|전치|역합성곱", re.I)
_OTHER = re.compile(r"pool|풀링|upsampl|bilinear|nearest|interpol|pixel\s*shuffle|"
                    r"group|depthwise|separable", re.I)
# a square map or window: 8x8, 16 x 16 x 128 (not a factor of a longer product)
_MAP = re.compile(r"(?<![0-9.,*x×])(\d{1,4})\s*[x×]\s*(\d{1,4})(?:\s*[x×]\s*(\d{1,5}))?"
                  r"(?![0-9]|[.,][0-9]|\s*[x×*]\s*[0-9])")
_KWORD_AFTER = re.compile(r"\s*(?:kernels?|filters?|windows?|(?:transposed?\s+|dilated\s+|"
                          r"atrous\s+)?(?:conv|deconv)\w*|transpos\w*)", re.I)
_ON = re.compile(r"(?:\bon|\binput(?:\s+of)?|\bfrom)\s*(?:(?:a|an|the)\s+)?[:(]?\s*$", re.I)
_ARROW = re.compile(r"\s*(?:->|→|=>|⟶|\bbecomes\b|\bgives\b|\bto\b)\s*(?:a\s+)?$", re.I)
_RESULT = re.compile(r"=\s*(\d{1,4})(?!\d|[.,]\d|\s*[x×*/+\-]\s*\d)")
_NET_STRIDE = re.compile(r"output[\s_-]*stride\s*(?:[=:]|of)?\s*\d+", re.I)
# a small square followed by its settings: "3x3, dilation 2", "3x3 with rate 12", "3x3 (d=2"
_SETTINGS_NEXT = re.compile(r"\s*(?:,|\(|with\b)")
_EACH = re.compile(r"\beach\b|\bevery\b|\ball\b|각각|매번", re.I)
_SUPPOSE = re.compile(r"\bif\b|\bwould\b|\binstead\b|\bwrong\b|\bmistak|만약|라면", re.I)


def _first(m: re.Match) -> int:
    return int(next(g for g in m.groups() if g))


class SettingLine:
    def __init__(self) -> None:
        self.heading_transposed = False

    def check_line(self, number: int, masked: str, heading: bool) -> list[Claim | Skip]:
        if heading:
            self.heading_transposed = bool(_TRANSPOSED.search(masked)) and \
                not _OTHER.search(masked)
            return []
        if not _DIGIT.search(masked) or \
                not (self.heading_transposed or _NAMES.search(masked)) or asks(masked) or \
                _SUPPOSE.search(masked) or _OTHER.search(masked):
            return []
        transposed = bool(_TRANSPOSED.search(masked)) or (
            self.heading_transposed and not re.search(r"conv|합성곱", masked, re.I))
        # a network's output stride is no layer's: "(output stride 16 for a 513 input)"
        masked = _NET_STRIDE.sub(lambda m: " " * len(m.group(0)), masked)
        dils = {_first(m) for m in DILATION.finditer(masked)}
        if len(dils) > 1 or not (transposed or dils):
            return []
        dilation = dils.pop() if dils else 1
        if dilation > 1 and transposed and not DILATION.search(masked):
            return []
        maps = list(_MAP.finditer(masked))
        ks = {_first(m) for m in KERNEL_SIZE.finditer(masked)}
        windows = [m for m in maps if m.group(1) == m.group(2) and not m.group(3) and
                   int(m.group(1)) <= 11 and (_KWORD_AFTER.match(masked, m.end()) or
                                              _SETTINGS_NEXT.match(masked, m.end()))]
        if not ks and windows:
            ks = {int(windows[0].group(1))}
            maps = [m for m in maps if m is not windows[0]]
        if len(ks) != 1:
            return []
        k = ks.pop()
        maps = [m for m in maps if m.group(1) == m.group(2)]
        got = stated(masked)
        if got is None:
            return []
        stride, padding = got
        extras = {_first(m) for m in OUT_PAD.finditer(masked)}
        extra = 0 if NO_OUT_PAD.search(masked) else extras.pop() if len(extras) == 1 else None
        if transposed and padding is not None and padding != "same" and extra is not None:
            padding = (padding, extra)
        kern = Kernel(k, False, stride, padding,
                      dilation=dilation, transposed=transposed)
        pairs = self._pairs(masked, maps)
        if pairs is None:
            return []
        out: list[Claim | Skip] = []
        for src, dst, text, spot in pairs:
            verdict, got, note = judge(src, [kern], dst)
            if verdict == "skip" or got is None:
                out.append(Skip(number, text, "unsure: " + (note or "the layer not read")))
                continue
            out.append(Claim(number, text, "shape", spot, f"{got}x{got}", verdict,
                             f"{kern.describe()} on {src}x{src}: {got}x{got} by the layer "
                             "algebra" + (" (a transposed conv: (n - 1)s - 2p + d(k - 1) + "
                                          "output_padding + 1)" if transposed else
                                          " (its span d(k - 1) + 1)")))
        return out

    @staticmethod
    def _pairs(masked: str, maps: list[re.Match]
               ) -> list[tuple[int, int, str, str]] | None:
        """(input, output, text, output as written) for each step the line states."""
        on = [m for m in maps if _ON.search(masked, 0, m.start())]
        chain: list[re.Match] = []
        for m in maps:
            if chain and _ARROW.fullmatch(masked[chain[-1].end():m.start()]):
                chain.append(m)
            elif len(chain) < 2:
                chain = [m]
        if len(chain) >= 2:
            if len(chain) > 2 and not _EACH.search(masked):
                return None
            if on and int(on[0].group(1)) != int(chain[0].group(1)):
                return None
            return [(int(a.group(1)), int(b.group(1)), f"{a.group(0)} -> {b.group(0)}",
                     f"{b.group(1)}x{b.group(2)}") for a, b in zip(chain, chain[1:])]
        if len(on) != 1:
            return None
        results = list(_RESULT.finditer(masked, on[0].end()))
        if not results:
            return None
        res = results[-1]
        n = int(on[0].group(1))
        return [(n, int(res.group(1)), f"{on[0].group(0)}: {res.group(0)}", res.group(1))]
