"""A network's pooling as a note states it, window and stride together, where no one layer
is named: ``AlexNet pools over 3x3 windows with stride 2``, under an AlexNet heading
``stride는 3, 필터의 크기는 2로 정하며 pooling이 겹치게``, ``VGG max-pooling: 2x2, stride 2``.

Judged against the pooling layers (max, average, LeNet's subsampling; not the adaptive or
global ones) of every bundled spec the name means, through the layer algebra: right when
some pooling layer has that window and stride, wrong only when none of any spec does (a
pair written the other way round, stride 3 over a 2-wide window, is said to be swapped).
A window written as a product (``2x2 max pooling, stride 2``) on a line that names no network
is a worked case's layer, not the section's network's. Skipped where the line names a layer,
changes the network or speaks of an implementation
of its own, asks, or gives more than one window or stride."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.kernelsize import _LAYER, _OWN, square_settings
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import POOL_WORD, STRIDE

_N = r"([1-9][0-9]?)"
# "filter size 3", "필터의 크기는 2", "window of 3x3", "3x3 windows", "z = 3", "pool size 2"
_WINDOW = re.compile(r"(?:filter|kernel|window|pool(?:ing)?|필터|커널|윈도우|풀링)s?\s*(?:의\s*)?"
                     r"(?:size|크기|사이즈)?\s*(?:은|는|이|가|를|of|is|=|:)?\s*" + _N +
                     r"(?:\s*[x×X*]\s*(\d+))?(?![0-9]|[.,][0-9])|"
                     + _N + r"\s*[x×X*]\s*(\d+)\s*(?:크기의?\s*)?(?:max[\s-]?)?"
                     r"(?:windows?|kernels?|filters?|pool|필터|커널|윈도우)|\bz\s*=\s*" + _N, re.I)
_POOLS = ("MaxPool", "AvgPool", "Subsample")
_NAMED = re.compile(r"\b(?:max_?)?pool(?:ing)?_?\d+\b", re.I)  # a layer's name, no window
_CLASS = re.compile(r"(?:Max|Avg|Average)?Pool(?:ing)?[123][dD]", re.I)
_OWN_HERE = re.compile(r"conv|합성곱|컨볼루션|global|adaptive|\bor\b|또는|혹은", re.I)


def pools(name: str) -> frozenset[tuple[int, int]] | None:
    """The (window, stride) of a bundled spec's square pooling layers (a stride unset is
    the window); None if it does not load."""
    return square_settings(name, _POOLS, ("kernel", "stride"), ((), "kernel"))


def check_line(number: int, masked: str, heading: Mention | None,
               lead: Mention | None = None) -> list[Claim]:
    """``lead``: the network a list's lead names ("VGGNet's features are as follows:"): the
    list's items are its, a window written as a product among them."""
    masked = _NAMED.sub(lambda m: " " * len(m.group(0)), masked)  # "pool1": a name
    # "nn.MaxPool2d(kernel_size=3, ...)": the class's 2d is no window
    masked = _CLASS.sub(lambda m: " " * len(m.group(0)), masked)
    if not POOL_WORD.search(masked) or asks(masked) or _OWN.search(
            STRIDE.sub(" ", masked).replace("stride", " ").replace("스트라이드", " ")) or \
            _LAYER.search(masked) or _OWN_HERE.search(masked):
        return []
    strides = [next(g for g in m.groups() if g) for m in STRIDE.finditer(masked)]
    windows = list(_WINDOW.finditer(STRIDE.sub(" ", masked)))
    if len(strides) != 1 or len(windows) != 1:
        return []
    w = [g for g in windows[0].groups() if g]
    if len(w) == 2 and w[0] != w[1] or len(w) == 2 and not mentions(masked) and lead is None:
        return []  # "a 2x2 pooling with stride 2" alone: a worked case's layer
    if lead is not None and not mentions(masked) and heading is None and "=" in masked:
        return []  # "pool1 (2x2, stride 2): RF = 10": a worked stack's layer, not the lead's
    heading = lead or heading
    window, stride = int(w[0]), int(strides[0])
    named = mentions(masked)
    if len({(m.family, m.key) for m in named}) > 1 or (not named and heading is None):
        return []
    mention = named[0] if named else heading
    found = {s: pools(s) for s in resolve(mention).specs}
    if not found or any(not p for p in found.values()):
        return []
    text = f"{mention.text}: pooling {window}x{window}, stride {stride}"
    said = f"{window}x{window}/{stride}"
    listing = "; ".join(f"{s} " + ", ".join(f"{k}x{k}/{t}" for k, t in sorted(p))
                        for s, p in found.items())
    if any((window, stride) in p for p in found.values()):
        return [Claim(number, text, "model", said, said, "right",
                      f"a pooling layer's window and stride: {listing}", confidence=0.9)]
    first = sorted(next(iter(found.values())))[0]
    swapped = any((stride, window) in p for p in found.values())
    return [Claim(number, text, "model", said, f"{first[0]}x{first[0]}/{first[1]}", "wrong",
                  f"no pooling layer of {mention.text} has a {window}x{window} window with "
                  f"stride {stride}{' (window and stride swapped)' if swapped else ''}: "
                  f"{listing}", confidence=0.9)]
