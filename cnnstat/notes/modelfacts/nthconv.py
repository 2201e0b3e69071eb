"""A named network's k-th conv layer set out in prose, against its specs: the filters and
kernel a line gives a conv the same line or the label just above names (``4) **3
Conv2D**:`` then ``- 384개의 3x3x256 커널을 사용``; ``conv3: 384 kernels of size 3x3x256,
stride 1, pad 1``; ``The third convolutional layer has 384 filters of 3x3``).

Only networks whose convs are numbered plainly along one chain are read (AlexNet, ZFNet;
VGG's ``conv3`` is a block, LeNet's ``C3`` its third layer, a branch has no k-th conv). The
network is the one the line names, else its section's. A figure is right when a spec the
name means agrees (AlexNet's paper: 96, 256, 384, 384, 256 filters, its kernels' depth
split across two GPUs, 48 and 192; torchvision's: 64, 192, 384, 256, 256), wrong when none
does, and a kernel depth that is the layer's input channels or their half (one GPU's)
is right either way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import CHANGED, SMALL_IMAGES
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import PAD, STRIDE

FAMILIES = ("alexnet", "zfnet")
# a net of its own: a small input, a layer the note changes
_OURS = re.compile(r"\b(?:28|32)\s*[x×]\s*(?:28|32)\b|\bwe\s+use|instead|chang|replac|대신|바꾸|"
                   r"바꿔|\bour\b|\bmy\b", re.I)
# the words a line or its label must hold (a reader's prefilter)
NEEDS = ("kernel", "filter", "커널", "필터")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
             "첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5}
_CONV = r"(?:conv(?:olution(?:al)?)?(?:2d)?|합성곱|컨볼루션)"
# "conv3", "conv-3", "3rd conv", "third convolutional layer", "세 번째 합성곱층", "3번째 conv"
_NAMED = re.compile(r"\bconv[-_ ]?([1-9])(?![0-9a-z_])|"
                    r"(?<![0-9.])([1-9])\s*(?:st|nd|rd|th|번째)\s*" + _CONV + r"|"
                    r"\b(first|second|third|fourth|fifth)\s+" + _CONV + r"|"
                    r"(첫|두|세|네|다섯)\s*(?:번째|째)\s*" + _CONV, re.I)
# a label line and nothing more: "4) **3 Conv2D**:", "Conv 3:", "- 3rd conv layer:"
_LABEL = re.compile(r"^\W*(?:\d+[.)]\s*)?\W*([1-9])\s*(?:st|nd|rd|th|번째)?\s*" + _CONV +
                    r"(?:\s*(?:layer|층|레이어))?\W*$|^\W*(?:\d+[.)]\s*)?\W*" + _CONV +
                    r"\s*(?:layer|층|레이어)?\s*([1-9])\W*$", re.I)
# "384 kernels", "384 filters of size", "384개의 3x3x256 커널", "필터 384개"
_SIZE = r"(?:\d{1,2}\s*[x×X*]\s*\d{1,2}(?:\s*[x×X*]\s*\d{1,4})?\s*(?:크기의|사이즈의|size\s+)?\s*)"
# (the count whole: "11x11 kernels" holds no count of 1 before a kernel "1x11")
_FILTERS = re.compile(r"(?<![0-9x×X*.,])(?<![x×X*]\s)(\d{1,4})(?!\d|\s*[x×X*]\s*\d)\s*(?:개의?\s*"
                      + _SIZE + r"?(?:필터|커널|filters|kernels)|" + _SIZE +
                      r"?(?:filters|kernels)\b)|(?:필터|커널)\s*(\d{1,4})\s*개", re.I)
_KERNEL = re.compile(r"(?<![0-9.,])(\d{1,2})\s*[x×X*]\s*(\d{1,2})(?:\s*[x×X*]\s*(\d{1,4}))?"
                     r"(?![0-9.,]?[0-9])")
# a line that goes on to another layer or to the map the conv gives
_OTHER = re.compile(r"pool|풀링|\bfc\b|fully|dense|linear|완전|전결합|output|출력|결과|→|->",
                    re.I)


class Conv(NamedTuple):
    kernel: int | None
    stride: int | None
    padding: int | None
    filters: int
    depth: tuple[int, ...]  # the kernel's depth as it may be written: input channels, per group


@lru_cache(maxsize=None)
def convs(name: str) -> tuple[Conv, ...] | None:
    """A bundled spec's convs in order, where they lie on one chain; None otherwise."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        rows = analyze(load_bundled(name)).rows
    except Exception:  # noqa: BLE001 - a broken spec is simply not used
        return None
    if not all(r.kind is not None and len(r.inputs) <= 1 for r in rows):
        return None
    out = []
    for r in rows:
        if r.type != "conv":
            continue
        v = getattr(r.kind, "values", {})

        def square(key: str) -> int | None:
            got = v.get(key)
            return got[0] if isinstance(got, tuple) and len(set(got)) == 1 else None

        c_in = r.inputs[0][0] if r.inputs and r.inputs[0] else None
        groups = v.get("groups", 1) or 1
        depth = tuple(sorted({c_in, c_in // groups})) if c_in else ()
        out.append(Conv(square("kernel"), square("stride"), square("padding"), v.get("out"),
                        depth))
    return tuple(out)


def _which(masked: str) -> int | None:
    found = set()
    for m in _NAMED.finditer(masked):
        g = next(x for x in m.groups() if x)
        found.add(int(g) if g.isdecimal() else _ORDINALS[g.lower()])
    return found.pop() if len(found) == 1 else None


def check_line(number: int, masked: str, heading: Mention | None, above: str
               ) -> tuple[list[Claim], list[Skip]]:
    low = masked.lower()
    if not any(w in low for w in NEEDS):
        return [], []
    named = mentions(masked)
    if len({(m.family, m.key) for m in named}) > 1:
        return [], []
    network = named[0] if named else heading
    if network is None or network.family not in FAMILIES:
        return [], []  # most lines: no AlexNet or ZFNet (the costly tests below after it)
    if asks(masked) or SMALL_IMAGES.search(masked) or CHANGED.search(masked) or \
            _OURS.search(masked):
        return [], []
    k = _which(masked)
    if k is None and not _NAMED.search(masked):
        label = _LABEL.match(above.strip()) if above else None
        k = int(next(g for g in label.groups() if g)) if label else None
    if k is None or _OTHER.search(masked):
        return [], []
    stated = _stated(masked)
    if not stated:
        return [], []
    layers = [c for c in (convs(s) for s in resolve(network).specs) if c]
    layers = [c[k - 1] for c in layers if len(c) >= k]
    if not layers:
        return [], []
    claims, skips = [], []
    for key, value, shown in stated:
        truth = {getattr(c, key) for c in layers} if key != "depth" else \
            {d for c in layers for d in c.depth}
        text = f"{network.text} conv{k} {key} {shown}"
        listing = f"conv{k} {key}: " + ", ".join(str(t) for t in sorted(t for t in truth if t))
        if None in truth or not truth:
            skips.append(Skip(number, text, "the bundled specs do not say"))
        elif value in truth:
            claims.append(Claim(number, text, "model", shown, value, "right", listing))
        else:
            best = min(truth, key=lambda t: abs(t - value))
            claims.append(Claim(number, text, "model", shown, best, "wrong", listing))
    return claims, skips


def _stated(masked: str) -> list[tuple[str, int, str]]:
    """The settings a line states once each: filters, the kernel's side and depth, stride,
    padding (two different figures of one setting: none of it)."""
    out = []
    filters = {int(next(g for g in m.groups() if g)) for m in _FILTERS.finditer(masked)}
    if len(filters) == 1:
        f = filters.pop()
        out.append(("filters", f, str(f)))
    kernels = {(int(m.group(1)), m.group(3)) for m in _KERNEL.finditer(masked)
               if m.group(1) == m.group(2) and int(m.group(1)) <= 15}
    if len(kernels) == 1:
        side, depth = kernels.pop()
        out.append(("kernel", side, f"{side}x{side}"))
        if depth is not None:
            out.append(("depth", int(depth), depth))
    for key, rx in (("stride", STRIDE), ("padding", PAD)):
        found = {int(next(g for g in m.groups() if g)) for m in rx.finditer(masked)}
        if len(found) == 1:
            v = found.pop()
            out.append((key, v, str(v)))
    return out
