"""A network set out as layer calls a line, each followed by an arrow and the map it
gives (an architecture listed in a docstring, a README, a plain fence)::

    Conv2d(3, 32, 8, stride=4)  -> ReLU  -> 19x19x32     (the first line: its input unsaid)
    Conv2d(32, 64, 4, stride=2) -> ReLU  -> 8x8x64       (from the 19x19 above: right)
    MaxPooling2D(2) → 4x4x64
    Flatten -> Linear(1024, 256)                          (4*4*64 = 1024: right)

A line holds one convolution or pooling call whose settings are whole numbers written in
it (``sidearrow.settings``: PyTorch's and Keras's names), then arrows through layers that
keep the map (an activation, a normalisation, a dropout), and ends with a map: a square
``HxWxC``, ``CxHxW`` or ``HxW``. Its input is the map of the list's line right above; the
first line, whose input the list does not say, only starts the walk. The side is the layer
algebra's (``layers.window.window_out``), a conv's channels its ``out_channels`` (Keras:
``filters``), a pooling's those it is given. A ``Flatten -> Linear(n, m)`` line (or
``Flatten -> n``) is judged on the map above flattened. Where a line was wrong, the walk
goes on from the map the layer algebra gives, not the one written: a size carried down
from a wrong line is wrong where the layers give another. Any other line ends the list.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms.sidearrow import _CALL, closing, settings

CONFIDENCE = 0.9
NEEDS = tuple("0123456789")  # every line of the list has a figure (the digits' slot)
_ARROW = r"\s*(?:->|→)\s*"
_KEEP = (r"(?:nn\.)?(?:ReLU\w*|LeakyReLU|GELU|SiLU|ELU|Tanh|Sigmoid|Mish|Hardswish|BN|"
         r"BatchNorm\w*|Batch\s?Norm|Dropout\w*)(?:\s*\([^()]{0,30}\))?")
_MAP = r"(?P<map>\d{1,4}(?:\s*[x×]\s*\d{1,5}){1,2})"
_TAIL = re.compile(r"^\s*\)" + r"(?:\s*,)?" + r"(?:" + _ARROW + _KEEP + r")*" + _ARROW + _MAP +
                   r"\s*(?:[,;.]\s*)?$", re.I)
_LEAD = re.compile(r"^\s*(?:[-*+>#|]\s*|//\s*|\d{1,2}[.)]\s*)*(?:[A-Za-z_]\w{0,20}\s*[:=]\s*)?$")
_FLAT = re.compile(r"^\s*(?:[-*+>#|]\s*|//\s*)*(?:nn\.)?Flatten(?:\s*\(\s*\))?" + r"(?:" + _ARROW +
                   _KEEP + r")*" + _ARROW +
                   r"(?:(?:nn\.)?Linear\s*\(\s*(?P<lin>\d{1,7})\s*,\s*\d{1,6}\s*\)|(?P<len>\d{1,7}))"
                   r"(?:" + _ARROW + r".{0,60})?\s*$", re.I)


def _map(text: str) -> tuple[int, int | None] | None:
    """(side, channels) of a square map written ``HxWxC``, ``CxHxW`` or ``HxW``."""
    nums = [int(n) for n in re.split(r"\s*[x×]\s*", text.strip())]
    if len(nums) == 2:
        return (nums[0], None) if nums[0] == nums[1] else None
    if nums[0] == nums[1] and nums[1] != nums[2]:
        return nums[0], nums[2]
    if nums[1] == nums[2] and nums[0] != nums[1]:
        return nums[1], nums[0]
    if nums[0] == nums[1] == nums[2]:
        return nums[0], nums[0]
    return None


def _channels(name: str, args: str) -> int | None:
    """A convolution's output channels written as the call's second (PyTorch) or first
    (Keras) argument or by keyword; None for a pooling or where not a number."""
    if "Pool" in name:
        return None
    key = "filters" if name == "Conv2D" else "out_channels"
    m = re.search(key + r"\s*=\s*(\d+)", args)
    if m:
        return int(m.group(1))
    parts = [p.strip() for p in re.split(r",(?![^()]*\))", args)]
    at = 0 if name == "Conv2D" else 1
    return int(parts[at]) if len(parts) > at and parts[at].isdecimal() else None


class ArrowCalls:
    """The last line of the list: its number and the map the walk goes on from."""

    def __init__(self) -> None:
        self.last: int | None = None
        self.side: int | None = None
        self.channels: int | None = None

    def _layer(self, number: int, raw: str) -> list[Claim] | None:
        calls = list(_CALL.finditer(raw))
        if len(calls) != 1 or not _LEAD.match(raw[:calls[0].start()]):
            return None
        call = calls[0]
        end = closing(raw, call.end())
        tail = _TAIL.match(raw[end:]) if end is not None else None
        if tail is None:
            return None
        said = _map(tail.group("map"))
        got = settings(call.group(1), raw[call.end():end])
        if said is None or got is None:
            return None
        name, args = call.group(1), raw[call.end():end]
        out_ch = _channels(name, args)
        if "Pool" not in name and out_ch is None:
            return None
        before, before_ch = self.side, self.channels
        chained = self.last == number - 1 and before is not None
        from cnnstat.layers.window import window_out

        kernel, stride, padding, dilation = got
        side = window_out(before, kernel, stride, padding, dilation) if chained else said[0]
        channels = (out_ch if out_ch is not None else before_ch) if chained else said[1]
        self.last, self.side, self.channels = number, side, channels
        if not chained or side < 1:
            if side < 1:
                self.last = None
            return []
        if said[1] is None or channels is None:
            ok = side == said[0]
        else:
            ok = (side, channels) == said
        how = (f"{name}: kernel {kernel}, stride {stride}, padding {padding}"
               + (f", dilation {dilation}" if dilation != 1 else "")
               + f" on the {before}x{before} map of the line above: "
                 f"floor(({before} + 2*{padding} - {dilation * (kernel - 1)} - 1)/{stride}) + 1"
                 f" = {side}" + (f", {channels} channels" if channels is not None else ""))
        want = f"{side}x{side}" + (f"x{channels}" if channels is not None else "")
        return [Claim(number, tail.group("map"), "shape", tail.group("map"), want,
                      "right" if ok else "wrong", how, confidence=CONFIDENCE)]

    def _flatten(self, number: int, raw: str) -> list[Claim] | None:
        m = _FLAT.match(raw)
        if m is None:
            return None
        chained = self.last == number - 1 and self.side is not None and \
            self.channels is not None
        self.last = None
        if not chained:
            return []
        said = int(m.group("lin") or m.group("len"))
        want = self.side * self.side * self.channels
        how = (f"the {self.side}x{self.side}x{self.channels} map of the line above "
               f"flattened: {self.side}*{self.side}*{self.channels} = {want}")
        return [Claim(number, m.group(0).strip(), "shape", str(said), want,
                      "right" if said == want else "wrong", how, confidence=CONFIDENCE)]

    def line(self, number: int, raw: str) -> list[Claim]:
        if len(raw) > 200:
            self.last = None
            return []
        got = self._layer(number, raw)
        if got is None:
            got = self._flatten(number, raw)
        if got is None:
            self.last = None
            return []
        return got


__all__ = ["ArrowCalls", "CONFIDENCE", "NEEDS"]
