"""One convolution or pooling set out a field a line, its output the last::

    Input:     5×5                Input: 32x32x3          입력: 7x7
    Filter:    3×3                Kernel: 5x5             커널: 3x3
    Output:    3×3 (valid)        Stride: 1               스트라이드: 2
                                  Padding: 0              출력: 3x3
                                  Output: 28x28x6

The lines run together (no blank line between), each a label (input, filter or kernel, a
pooling's window, stride, padding, output, and their Korean words), a ``:`` or ``=``, then
its value: a product of sides (``5×5``, ``32x32x3``), a number, or for the padding
``valid`` / ``same``. The output's sides are the layer algebra's (``window_out``) from the
input's, with the window, stride (a pooling's its window where not given) and padding
given; a third side is the channels and is not judged. A stride or padding not given is
taken as 1 and 0 (a valid convolution): where the output differs, it is unsure, not wrong
(the note may mean another). A block that speaks of a transposed, dilated or grouped
layer, or of upsampling, anywhere in it or in the ``ABOVE`` lines before it, is not read.
"""

from __future__ import annotations

import re
from collections import deque

from cnnstat.errors import SpecError
from cnnstat.layers.window import window_out
from cnnstat.notes.claims import Claim

NEEDS = ("output", "출력", "result", "결과")
UNSURE = 0.4  # below precedence.WRONG_NEEDS: a stride or padding not given, the note may take another
ABOVE = 4  # lines before the block whose words may make it another layer's
MAX_BLOCK = 10  # labelled lines one block may hold
_SIDES = r"(\d{1,5})\s*[x×*]\s*(\d{1,5})(?:\s*[x×*]\s*(\d{1,5}))?"
_LINE = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*)?([A-Za-z가-힣][\w가-힣 ]{0,24}?)(?:\*\*)?\s*[:=]"
                   r"(?:\*\*)?\s*(.{1,80})$")
_PRODUCT = re.compile(r"^\(?\s*" + _SIDES + r"\s*\)?(?![\d.])")
_NUMBER = re.compile(r"^(\d{1,3})(?![\d.x×*])")
_ROLES = (("input", r"input(?:\s*(?:size|image|shape))?|image(?:\s*size)?|입력(?:\s*(?:크기|이미지))?|이미지"),
          ("kernel", r"(?:filter|kernel)(?:\s*size)?|필터(?:\s*크기)?|커널(?:\s*크기)?"),
          ("pool", r"(?:max\s*|average\s*|avg\s*)?pool(?:ing)?(?:\s*size)?|풀링(?:\s*크기)?"),
          ("stride", r"strides?|스트라이드"),
          ("padding", r"padding|패딩"),
          ("output", r"output(?:\s*(?:size|shape))?|result|출력(?:\s*(?:크기|특성\s*맵))?|결과"))
_ROLE = [(name, re.compile(r"(?:" + words + r")$", re.I)) for name, words in _ROLES]
_OTHER = re.compile(r"transpos|deconv|upsampl|up-sampl|dilat|atrous|group|depthwise|전치|"
                    r"역합성곱|업샘플|팽창", re.I)


def _role(label: str) -> str | None:
    label = label.strip()
    return next((name for name, pat in _ROLE if pat.match(label)), None)


class LabelStack:
    """The fields of the block in progress, and the lines just before it."""

    def __init__(self) -> None:
        self.fields: dict[str, object] = {}
        self.last = -1  # the line read last: a line not next to it starts a new block
        self.count = 0
        self.spoiled = False
        self.before: deque[str] = deque(maxlen=ABOVE)

    def _reset(self) -> None:
        self.fields, self.count, self.spoiled = {}, 0, False

    def check_line(self, number: int, masked: str) -> list[Claim]:
        if number != self.last + 1 or not masked.strip():
            self._reset()  # a blank line or code between (neither reaches here)
        self.last = number
        if not masked.strip():
            return []
        m = _LINE.match(masked)
        role = _role(m.group(1)) if m else None
        if role is None:
            if self.count:  # a line of another kind ends the block
                self._reset()
            self.before.append(masked)
            return []
        if not self.count:
            self.spoiled = any(_OTHER.search(b) for b in self.before)
        self.before.append(masked)
        self.count += 1
        self.spoiled |= bool(_OTHER.search(masked)) or self.count > MAX_BLOCK or role in self.fields
        value = m.group(2).strip()
        if role in ("input", "kernel", "pool", "output"):
            sides = _PRODUCT.match(value)
            if sides is None:
                self.spoiled = True
                return []
            got = tuple(int(g) for g in sides.groups() if g)
            if role == "output":
                return self._judge(number, got, sides.group(0), value)
            self.fields[role] = got
        elif role == "padding" and value.lower().startswith(("valid", "same")):
            self.fields[role] = value.lower()[:5]
        else:
            n = _NUMBER.match(value)
            if n is None:
                self.spoiled = True
                return []
            self.fields[role] = int(n.group(1))
        return []

    def _judge(self, number: int, got: tuple, text: str, value: str) -> list[Claim]:
        f, self.fields = self.fields, {}
        spoiled, self.spoiled, self.count = self.spoiled, False, 0
        window = f.get("kernel") or f.get("pool")
        if spoiled or "input" not in f or window is None or ("kernel" in f and "pool" in f):
            return []
        pool = "pool" in f
        src = f["input"]
        k = (window[0], window[1]) if len(window) >= 2 else None
        if k is None or len(got) < 2 or len(src) < 2:
            return []
        stride = f.get("stride")
        padding = f.get("padding", "valid" if re.search(r"\bvalid\b", value, re.I) else None)
        if padding == "same":
            if stride not in (None, 1) or pool:
                return []
            want = src[:2]
        else:
            p = 0 if padding in (None, "valid") else padding
            s = stride if stride is not None else (None if pool else 1)
            try:
                want = tuple(window_out(n, kk, s or kk, p) for n, kk in zip(src[:2], k))
            except SpecError:
                return []
        ok = got[:2] == want
        guessed = stride is None and not pool or padding is None
        how = (f"{'pooling' if pool else 'convolution'} {k[0]}x{k[1]} on {src[0]}x{src[1]}"
               f", stride {stride or (k[0] if pool else 1)}, padding "
               f"{padding if padding is not None else '0 (not given)'}: "
               f"{want[0]}x{want[1]} (layer algebra, window_out)")
        return [Claim(number, f"output {text}", "shape", text, f"{want[0]}x{want[1]}",
                      "right" if ok else "wrong", how,
                      confidence=UNSURE if (guessed and not ok) else 1.0)]
