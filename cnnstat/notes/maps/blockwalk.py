"""A walkthrough whose steps each set out a block of layers, then the map the step gives::

    Input: 227 x 227 x 3
    1. Conv(96, 11×11, stride=4) → ReLU → MaxPool(3×3, stride=2)
       Output: 55 × 55 × 96                  (the conv's map: the pooling is left to step 2)
    2. Conv(256, 5×5, pad=2) → ReLU → MaxPool(3×3, stride=2)
       Output: 27 × 27 × 256                 (the pooling took 55 to 27; the conv keeps 27)
    3. Conv(384, 3×3, pad=1) → ReLU
       Output: 27 × 27 × 384                 (pool2 took 27 to 13: 13 × 13 × 384)
    - 5x5 conv (16 filters) + ReLU + 2x2 max pool → 5x5x16
    3x3 합성곱(필터 32개) → ReLU → 2x2 맥스 풀링(stride 2)

A block is two layers or more a line joins by arrows or ``+`` (``→ ReLU →``, ``+ LRN``),
each a conv or a pooling (``walkthrough.describe``: its window, stride, padding; a conv's
filters from ``Conv(96, ...)`` or ``32개``) or a layer that keeps the map (ReLU, LRN, batch
norm, dropout); layer lines just under it add to it. The map the note states after it
(``Output: 55 × 55 × 96``, ``→ (54 x 54 x 96)``, on the block's own line after its last
layer) is judged from the walk's map (``Input: ...``, or the block before) by the layer
algebra (``shapes.judge``: a setting not stated is not guessed). A line of one conv or
pooling with its map after it (``conv 3x3 → ReLU → 28x28x8``) is the walkthrough's own form
(``walkthrough``): not read here.

A note may write a block's whole output or its first layer's (a conv's map, the pooling
after it left to the next step). The first block whose two readings differ decides which
reading the note keeps to: a map that fits one of them and not the other; the later
blocks are judged by that reading (a map that fits neither at the first is unsure, and
the walk stops). Either way the next block takes the whole block's output, the one the
layer algebra gives: a wrong map is not carried on. A fully connected layer, a question,
or a map that is not square ends the walk.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.maps.shapes import Kernel, judge
from cnnstat.notes.maps.walkthrough import Layer, Map, describe, maps
from cnnstat.notes.reading.normalise import plain_latex
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import CONV_WORD, POOL_WORD

CONFIDENCE = 0.8  # which map a block's line states (its own, its first layer's) is read
GAP = 4  # lines a block waits for its map (a math fence around the map takes two)
_JOIN = re.compile(r"\s*(?:→|->|=>|⟶|\+)\s*")
_JOINS = ("→", "->", "=>", "⟶", "+")  # what a match of _JOIN holds, one of them
_CONV = CONV_WORD
_POOL = POOL_WORD
_KEEPS = re.compile(r"^\W*(?:relu|leaky\s*relu|elu|gelu|tanh|sigmoid|lrn|local\s+response|"
                    r"batch\s*norm|bn\b|norm|dropout|activation|활성화|드롭아웃|정규화)", re.I)
_DENSE = re.compile(r"\b(?:fc|dense|linear|fully[\s-]+connected|flatten|softmax)\b|완전\s*연결",
                    re.I)
_FILTERS = re.compile(r"^\W*conv\w*\s*\(\s*([0-9]{1,4})\s*[,)]|([0-9]{1,4})\s*(?:개|filters|"
                      r"kernels|channels)", re.I)
_INPUT = re.compile(r"^\W*(?:input|입력)\b", re.I)


def _layer(part: str) -> Layer | str | None:
    """One part of a block: a window layer, "keep" for a layer that keeps the map, or None
    (anything else: the line is no block)."""
    if _KEEPS.match(part) and not _CONV.search(part) and not _POOL.search(part):
        return "keep"
    if not _CONV.search(part) and not _POOL.search(part):
        return None
    lay = describe(part, loose=True)
    if lay is None:
        return None
    if not lay.pool and lay.filters is None:
        f = _FILTERS.search(part)
        if f is not None:
            lay = lay._replace(filters=int(f.group(1) or f.group(2)))
    return lay


def _block(text: str) -> tuple[list[Layer], int] | None:
    """The window layers of a line that sets out layers joined by arrows or ``+`` (at
    least one of them a conv or a pooling), and where its last layer ends; None for any
    other line."""
    parts, pos = [], 0
    for m in _JOIN.finditer(text):
        parts.append((text[pos:m.start()], m.start()))
        pos = m.end()
    parts.append((text[pos:], len(text)))
    found: list[Layer] = []
    end = count = 0
    for i, (part, stop) in enumerate(parts):
        body = part.strip()
        tail = maps(body) if i == len(parts) - 1 and found else []
        if tail:  # the map after the last layer: "... → 5x5x16", "... 풀링(stride 2) : 14x14x16"
            body = body[:tail[0].start].rstrip(" :=,")
            if not body:
                break
            stop = stop - len(part) + part.index(body) + len(body) if body in part else stop
        got = _layer(body)
        if got is None:
            return None
        if isinstance(got, Layer):
            found.append(got)
        end, count = stop, count + 1
    return (found, end) if found and count > 1 else None


def _chain(windows: tuple[Layer, ...]) -> list[Kernel]:
    return [Kernel(w.k, w.pool, w.stride, w.padding) for w in windows]


def _channels(windows: tuple[Layer, ...], c: int) -> int | None:
    """The channels after ``windows`` from ``c`` (0: not known): a conv's filters, a
    pooling's input's; None where not known."""
    c_out: int | None = c or None
    for w in windows:
        if not w.pool:
            c_out = w.filters
    return c_out


class BlockWalk:
    def __init__(self) -> None:
        self.map: Map | None = None  # the walk's map: the last block's whole output
        self.windows: list[Layer] = []  # the block waiting for its map
        self.line = 0  # the block's last line
        self.reading: str | None = None  # "first" (a block's first layer's map) or "block"

    def _end(self) -> None:
        self.map, self.windows, self.reading = None, [], None

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        if "\\" in masked:
            masked = plain_latex(masked)
        joined = any(map(masked.__contains__, _JOINS))  # _JOIN.search, its \s* optional
        if not self.windows and not joined and not _INPUT.match(masked):
            # no block waiting for its map, none set out, no input: nothing here, but a
            # question or a dense layer ends a walk in progress (asked of those lines alone)
            if (self.map is not None or self.reading is not None) and \
                    (asks(masked) or _DENSE.search(masked)):
                self._end()
            return []
        if asks(masked) or _DENSE.search(masked):
            self._end()
            return []
        found = maps(masked)
        recent = bool(self.windows) and number - self.line <= 1
        block = _block(masked) if recent or joined else None
        if block is not None:
            layers, end = block
            if recent:
                self.windows += layers  # a layer line under the block: the same step
            else:
                self.windows = layers
            self.line = number
            after = [m for m in found if m.start >= end]
            if len(found) == 1 and after:
                if len(self.windows) < 2:  # "conv ... → ReLU → 55x55x96": one layer's map,
                    self._end()  # the walkthrough's own form
                    return []
                return self._judge(number, after[0])
            return []
        if recent and not found:
            lay = _layer(masked.strip())  # "MaxPool (3x3, stride 2)" alone under the block
            if isinstance(lay, Layer):
                self.windows.append(lay)
                self.line = number
                return []
        if len(found) != 1:
            return []
        if _INPUT.match(masked):
            self.map, self.windows, self.reading = found[0], [], None
            return []
        if not self.windows or number - self.line > GAP or _CONV.search(masked) or \
                _POOL.search(masked):
            return []
        return self._judge(number, found[0])

    def _judge(self, number: int, out: Map) -> list[Claim | Skip]:
        windows, self.windows = tuple(self.windows), []
        src = self.map
        if src is None or src.h != src.w or out.h != out.w:
            self._end()
            return []
        whole = _chain(windows)
        v_all, got_all, note_all = judge(src.h, whole, out.h)
        reading = self.reading
        if len(windows) > 1 and reading is None:
            v_first = judge(src.h, whole[:1], out.h)[0]
            if v_first == "right" and v_all != "right":
                reading = self.reading = "first"
            elif v_all == "right" and v_first != "right":
                reading = self.reading = "block"
            elif v_all != "right":
                self._end()
                return [Skip(number, f"{src.h}x{src.w} → block → {out.h}x{out.w}",
                             "unsure: neither the block's output nor its first layer's")]
        part = windows[:1] if reading == "first" else windows
        verdict, got, note = judge(src.h, _chain(part), out.h)
        c_want = _channels(part, src.c)
        c_all = _channels(windows, src.c)
        what = " → ".join(k.describe() for k in _chain(part))
        text = f"{src.h}x{src.w}x{src.c} → {what} → {out.h}x{out.w}x{out.c}"
        if verdict == "skip" or got_all is None or v_all == "skip" and verdict != "wrong":
            self._end()  # a setting not stated decides the size: the walk stops here
            return [Skip(number, text, note or note_all or "unsure")] if verdict == "skip" else []
        self.map = Map(got_all, got_all, c_all or 0, 0, 0, ())
        c_ok = c_want is None or not out.c or c_want == out.c
        ok = verdict == "right" and c_ok
        actual = f"{got}x{got}x{c_want if c_want is not None else out.c}"
        why = "layer algebra: floor((n + 2p - k) / s) + 1" + \
            (", the map before the block's pooling" if reading == "first" and len(windows) > 1
             else "") + ("" if c_ok else f"; the block gives {c_want} channels")
        return [Claim(number, text, "shape", f"{out.h}x{out.w}x{out.c}", actual,
                      "right" if ok else "wrong", why, confidence=CONFIDENCE)]
