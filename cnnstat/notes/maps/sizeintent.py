"""An output-size formula worked out right with an operand that is not the layer's: the
mistake of intent (its arithmetic is right; the quantity is not)::

    `nn.MaxPool2d(4, 4)` on the 17x17 map: (17 - 4)/1 + 1 = 14     (its stride is 4: 4)
    A 3x3 conv, stride 1, padding 1, on 30x30: (30 + 1 - 3)/1 + 1 = 29   (2p, not p: 30)
    ... a filter size of 5, a stride of 2, and a padding of 2. For an input of 31 x 31 ...
    (35 - 5 + 2*2)/2 + 1 = 18                    (35 is 31 padded already: 2p twice: 16)

The layer is the last one a line of the note sets out (``walkthrough.describe``: its kind,
window, stride and padding in words; or a PyTorch or Keras call written in the prose,
``nn.MaxPool2d(4, 4)``, ``nn.Conv2d(3, 8, 3, padding=1)``, ``MaxPooling2D((2, 2))``,
``nn.SpatialConvolutionMM(8, 12, 7, 7, 1, 1, 3)`` in Lua Torch; whose defaults are the
library's), on the formula's line or up to ``WINDOW`` lines above
with no other layer between; the input, a square size an input word or ``on`` introduces
on a line that sets out the layer. The formula's operands are read as the standard
formula writes them, ``(n - k + 2p)/s + 1`` in any order of its terms (``+ p`` alone:
the padding counted once). Its window must be the layer's (it is that layer's formula),
and its input the layer's where the note gives one. Judged wrong only for the slips the
layer shows without doubt: a stride of 1 where the layer's is larger (a pooling's is its
window), the padding counted once, the padding left out of the layer's own input, or
added twice to an input already padded; the output is then the layer's, by the layer
algebra. A stride or padding the note does not state, a kernel that is not the layer's,
or a line that supposes (``if``, ``instead``, ``만약``) is not judged.
"""

from __future__ import annotations

import re

from cnnstat.layers.window import window_out
from cnnstat.notes.claims import Claim
from cnnstat.notes.maps.answers import WINDOW as ANSWER_WINDOW
from cnnstat.notes.maps.walkthrough import describe
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import CONV_WORD, PAD, POOL_WORD, STRIDE

WINDOW = 14
# a layer a question sets out ("For an input of 32 x 32, what is the output ...?") is the
# subject of the answer below it, however it is laid out: up to answers.WINDOW lines
ASKED_WINDOW = ANSWER_WINDOW
# what a line that sets out a layer holds (``describe``'s words, a call's name)
NEEDS = ("conv", "합성곱", "컨볼루션", "pool", "풀링", "폴링", "subsampl", "서브샘플링", "filter",
         "kernel", "필터", "커널", "output", "out_channels")
CONFIDENCE = 0.8  # the layer is read from the lines above: a guess
# (n - k + 2p)/s + 1, its terms in any order, maybe floored
_FORMULA = re.compile(r"(?:floor\s*)?[⌊\[(]?\s*\(\s*(?P<terms>[0-9][0-9\s+\-*x×·]*?)\s*\)\s*"
                      r"[⌋\]]?\s*/\s*(?P<s>[0-9]{1,2})\s*[⌋\])]?\s*\+\s*1(?![0-9.])")
_TERM = re.compile(r"\s*([+\-−])?\s*([0-9]{1,5})(?:\s*[*x×·]\s*([0-9]{1,5}))?\s*")
_SUPPOSE = re.compile(r"\bif\b|\bwere\b|\bwould\b|\binstead\b|\bshould\b|만약|라면|대신", re.I)
# a PyTorch or Keras layer called in the prose
_POOL_CALL = re.compile(r"(?:Max|Avg|Average)Pool(?:ing)?2[dD]\s*\(\s*(?:(?:kernel_size|"
                        r"pool_size)\s*=\s*)?\(?\s*([0-9]{1,2})(?:\s*,\s*[0-9]{1,2}\s*\))?"
                        r"(?:\s*,\s*(?:strides?\s*=\s*)?\(?\s*([0-9]{1,2}))?")
_CONV_CALL = re.compile(r"Conv2[dD]\s*\(\s*[0-9]{1,4}\s*,\s*[0-9]{1,4}\s*,\s*"
                        r"(?:kernel_size\s*=\s*)?([0-9]{1,2})"
                        r"(?:\s*,\s*(?:stride\s*=\s*)?([0-9]{1,2}))?"
                        r"(?:\s*,\s*(?:padding\s*=\s*)?([0-9]{1,2}))?([^()]*)\)")
# a Lua Torch layer: nn.SpatialConvolution(MM)(nIn, nOut, kW, kH, dW, dH, padW, padH),
# nn.SpatialMaxPooling(kW, kH, dW, dH, padW, padH) (dW defaults to 1 for a conv, kW for a
# pooling; padH to padW)
_T7_CALL = re.compile(r"Spatial(Convolution(?:MM)?|MaxPooling|AveragePooling)\s*\(\s*"
                      r"([0-9]{1,4}(?:\s*,\s*[0-9]{1,4}){1,7})\s*\)")
_DIGIT = re.compile(r"[0-9]")
_SIDED = re.compile(r"\btotal|each\s+side|per\s+side|both\s+sides|one\s+side|양쪽|한쪽", re.I)
_KW = re.compile(r"(stride|padding)\s*=\s*([0-9]{1,2})")
_SIDES = r"(?<![0-9])([0-9]{1,4})\s*[x×*]\s*([0-9]{1,4})(?![0-9]|\s*[x×*]\s*[0-9]{1,4}\s*[x×*])"
# the layer's input: "on a 30x30 map", "input of 31 x 31", "32x32 입력에", "a 28x28 input"
_INPUT = re.compile(r"(?:\binput|\bon(?:\s+(?:a|an|the))?|입력)\D{0,30}?" + _SIDES + "|" +
                    _SIDES + r"(?:\s*[x×*]\s*[0-9]{1,5})?\s*(?:크기의\s*|size\s*|sized\s*)?"
                    r"(?:입력|input|images?|maps?)", re.I)


def _call(masked: str) -> tuple[bool, int, int, int] | None:
    """(pool, kernel, stride, padding) of the one layer call on the line, the library's
    defaults where not written; None where none or several."""
    pools, convs = list(_POOL_CALL.finditer(masked)), list(_CONV_CALL.finditer(masked))
    torch7 = list(_T7_CALL.finditer(masked))
    if len(pools) + len(convs) + len(torch7) != 1:
        return None
    if torch7:
        return _lua(torch7[0])
    if pools:
        m = pools[0]
        return True, int(m.group(1)), int(m.group(2) or m.group(1)), 0
    m = convs[0]
    kw = dict(_KW.findall(m.group(4) or ""))
    if m.group(2) and "stride" in kw or m.group(3) and "padding" in kw:
        return None
    return (False, int(m.group(1)), int(m.group(2) or kw.get("stride", 1)),
            int(m.group(3) or kw.get("padding", 0)))


def _lua(m: re.Match) -> tuple[bool, int, int, int] | None:
    """(pool, kernel, stride, padding) of a Lua Torch layer, square only."""
    pool = "Pooling" in m.group(1)
    args = [int(x) for x in m.group(2).split(",")]
    if not pool:
        if len(args) < 4:
            return None
        args = args[2:]  # nIn, nOut go before the window
    kw, kh = args[0], args[1]
    dw, dh = (args[2], args[3]) if len(args) > 3 else (kw, kh) if pool else (1, 1)
    pw = args[4] if len(args) > 4 else 0
    ph = args[5] if len(args) > 5 else pw
    if (kw, dw, pw) != (kh, dh, ph) or len(args) == 3:
        return None
    return pool, kw, dw, pw


def _window_from_formula(masked: str) -> tuple[bool, int, int | None, int] | None:
    """A layer named with its padding but no window, its formula on the line (``conv2 with
    padding 2: (27 - 5 + 2)/1 + 1``): the formula's kernel is the layer's, the padding and
    stride the words'. None where the words name no one layer or no padding, or count it
    for a side or in total (``padding 2 in total``)."""
    m = _FORMULA.search(masked)
    got = _operands(m.group("terms")) if m else None
    pool, conv = bool(POOL_WORD.search(masked)), bool(CONV_WORD.search(masked))
    if got is None or pool == conv or _SIDED.search(masked):
        return None
    pads = {next(g for g in p.groups() if g) for p in PAD.finditer(masked[:m.start()])}
    strides = {next(g for g in p.groups() if g) for p in STRIDE.finditer(masked[:m.start()])}
    if len(pads) != 1 or len(strides) > 1:
        return None
    return pool, got[1], int(strides.pop()) if strides else None, int(pads.pop())


def _operands(terms: str) -> tuple[int, int, int | None, bool] | None:
    """(n, k, p, once) of the terms inside the brackets: the input first, one kernel
    subtracted, the padding added as 2p (or p alone: ``once``); None for any other form."""
    n = k = p = None
    once = False
    pos = 0
    first = True
    while pos < len(terms):
        m = _TERM.match(terms, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        sign, a, b = m.group(1), int(m.group(2)), m.group(3)
        if first:
            if sign or b:
                return None
            n, first = a, False
        elif sign in ("-", "−") and not b and k is None:
            k = a
        elif sign == "+" and p is None:
            if b is None:
                p, once = a, True
            elif a == 2 or int(b) == 2:
                p = int(b) if a == 2 else a
            else:
                return None
        else:
            return None
    if n is None or k is None:
        return None
    return n, k, p, once


class SizeIntent:
    def __init__(self) -> None:
        # the last layer set out: (pool, kernel, stride, padding, input side, line)
        self.layer: tuple[bool, int, int | None, int | str | None, int | None, int] | None = None
        self.reach = WINDOW  # lines below it the layer is still the formulas' (a question's: more)

    def learn(self, number: int, masked: str) -> None:
        """The layer a line sets out, and its input where the line gives one."""
        if _DIGIT.search(masked) is None:
            return  # no window, no stride: no layer set out here
        m = _INPUT.search(masked)
        a, b = (m.group(1), m.group(2)) if m and m.group(1) else (m.group(3), m.group(4)) \
            if m else (None, None)
        call = _call(masked) if "2d" in masked or "2D" in masked or "Spatial" in masked \
            else None
        if call is None:
            # "A 3x3 conv ... on a 30x30 input": the input blanked, the one square left
            lay = describe(masked if m is None else masked[:m.start()] + " " * (m.end() -
                           m.start()) + masked[m.end():])
            if lay is None:
                call = _window_from_formula(masked)
                if call is None:
                    return
            else:
                call = (lay.pool, lay.k, lay.stride, lay.padding)
        side = int(a) if a is not None and a == b and int(a) != call[1] else None
        self.layer = (*call, side, number)
        self.reach = ASKED_WINDOW if asks(masked) else WINDOW

    def check(self, number: int, masked: str, claims: list[Claim]) -> list[Claim]:
        if self.layer is None or number - self.layer[5] > self.reach or _SUPPOSE.search(masked):
            return []
        pool, k, s_ctx, p_ctx, n_ctx, _ = self.layer
        if p_ctx == "same":
            return []
        for c in claims:
            if c.kind != "arithmetic" or c.verdict != "right":
                continue
            m = _FORMULA.search(c.text)
            got = _operands(m.group("terms")) if m else None
            if got is None or not str(c.claimed).strip().isdecimal():
                continue
            n, k_f, p_f, once = got
            s_f = int(m.group("s"))
            if k_f != k or s_f == 0:
                continue
            claimed = int(str(c.claimed).strip())
            judged = _judge(n, p_f, once, s_f, k, s_ctx, p_ctx, n_ctx, claimed)
            if judged is None:
                continue
            right, why = judged
            if right is None or right == claimed:
                continue
            kind = "pooling" if pool else "conv"
            return [Claim(number, c.text, "shape", str(claimed), right, "wrong",
                          f"the {kind} set out above ({k}x{k}, stride {s_ctx}, padding "
                          f"{p_ctx if p_ctx is not None else 0}): {why}; floor((n + 2p - k)"
                          f"/s) + 1 = {right}", confidence=CONFIDENCE)]
        return []


def _judge(n: int, p_f: int | None, once: bool, s_f: int, k: int, s_ctx: int | None,
           p_ctx: int | str | None, n_ctx: int | None, claimed: int
           ) -> tuple[int | None, str] | None:
    """The layer's output and the slip the formula makes, or None where it makes none the
    layer shows without doubt."""
    pad = p_ctx if isinstance(p_ctx, int) else None
    if n_ctx is not None and n not in (n_ctx, n_ctx + 2 * (pad or 0)):
        return None  # another input than the layer's: another layer's formula
    slips = []
    if s_ctx is not None and s_f == 1 and s_ctx > 1:
        slips.append(f"stride {s_ctx}, not 1")
    elif s_ctx is not None and s_f != s_ctx:
        return None
    if pad is not None and pad > 0:
        if once and p_f == pad:
            slips.append(f"the padding counts on both sides, 2*{pad}, not {pad}")
        elif p_f is not None and not once and n_ctx is not None and n == n_ctx + 2 * pad:
            slips.append(f"{n} is the input already padded, and 2*{pad} is added again")
        elif p_f is None and n_ctx is not None and n == n_ctx:
            slips.append(f"the padding 2*{pad} is left out")
        elif p_f is not None and p_f != pad or once:
            return None
    elif p_f is not None:
        return None  # a padding the layer does not state: not judged
    if not slips:
        return None
    n_true = n_ctx if n_ctx is not None else n
    s_true = s_ctx if s_ctx is not None else s_f
    if n_true + 2 * (pad or 0) < k:
        return None
    if pad is None and any(window_out(n_true, k, s_true, p) == claimed for p in range(k)):
        return None  # a padding the layer does not state would give it
    return window_out(n_true, k, s_true, pad or 0), "; ".join(slips)
