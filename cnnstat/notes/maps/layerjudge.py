"""Judging one layer a walkthrough read: the map it gives from its input (``judge_layer``,
the layer algebra of ``shapes.judge`` for each side, the channels a conv's filters or a
pooling's input's), and a bank's filters' depth against the channels they run over
(``depth``). The walkthrough (``walkthrough``), the layer blocks and the labelled walks
call them with the ``Layer`` and ``Map`` they read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.maps.shapes import Kernel, judge

if TYPE_CHECKING:
    from cnnstat.notes.maps.walkthrough import Layer, Map


def depth(number: int, lay: Layer, src: Map, also: Map | None = None,
          grouped: bool = False) -> list[Claim]:
    """A bank's filters' depth (``64개의 3×3×64 kernels``) against the channels of the map
    they run over: equal, or wrong where no grouping can make it (a depth that divides
    the channels may be one group's: AlexNet's 5x5x48 on 96 channels, not judged).
    ``also``: the input of the step that gave ``src`` ("input 6x6x3, output 4x4x5", then
    "5 3x3x3 filters": that step's layer told again, not the next one's); the depth may be
    either's. ``grouped``: a depthwise, separable or grouped passage, where a filter is one
    channel's (or a group's) and a depth that fits no map is not judged."""
    d = lay.depth
    seen = [m for m in (src, also) if m is not None and m.c]
    if d is None or not seen:
        return []
    fit = next((m for m in seen if m.c == d), None)
    if fit is None and (grouped or any(m.c % d == 0 for m in seen)):
        return []
    # none fits: the step told again where its count is that step's output's channels
    m = fit or (also if also is not None and also.c and lay.filters == src.c else src)
    text = f"{lay.k}x{lay.k}x{d} filters on {m.h}x{m.w}x{m.c}"
    return [Claim(number, text, "shape", f"{lay.k}x{lay.k}x{d}", f"{lay.k}x{lay.k}x{m.c}",
                  "right" if fit is not None else "wrong",
                  "a filter spans every channel of its input")]


def judge_layer(number: int, lay: Layer, src: Map, out: Map) -> Claim | Skip:
    """The map ``out`` that layer ``lay`` gives from ``src``: each side by the layer
    algebra (``shapes.judge``), the channels a conv's filters or a pooling's input's."""
    kern = Kernel(lay.k, lay.pool, lay.stride, lay.padding)
    verdict, got, note = judge(src.h, [kern], out.h)
    got_w = got
    if (src.w, out.w) != (src.h, out.h):  # the width goes through the same layer
        v_w, got_w, note_w = judge(src.w, [kern], out.w)
        if v_w == "wrong" or (v_w == "skip" and verdict == "right"):
            verdict, note = v_w, note_w
    what = f"{'avgpool' if lay.avg else 'maxpool' if lay.pool else 'conv'} {lay.k}x{lay.k}"
    # a channel count of 0: not written ("Output spatial size is 31×31")
    src_t, out_t = (f"{m.h}x{m.w}" + (f"x{m.c}" if m.c else "") for m in (src, out))
    text = f"{src_t} → {kern.describe()} → {out_t}"
    if verdict == "skip" or verdict == "wrong" and lay.glued:
        return Skip(number, text, note or "unsure: a setting read from KaTeX pasted twice over")
    c_want = (src.c or None) if lay.pool else lay.filters
    c_ok = c_want is None or not out.c or c_want == out.c
    size = f"{got}x{got_w}" if got is not None and got_w is not None else "impossible"
    actual = size + (f"x{c_want if c_want is not None else out.c}" if out.c else "")
    ok = verdict == "right" and c_ok
    why = ["layer algebra: floor((n + 2p - k) / s) + 1"]
    if not c_ok:
        why.append(f"a {'pooling layer keeps its input' if lay.pool else 'conv gives its filters'}"
                   f"'s {c_want} channels")
    edits = tuple(Edit(number, a, b, str(g)) for (a, b), g in zip(out.spans, (got, got_w))) \
        if verdict == "wrong" and got is not None and got_w is not None else ()
    return Claim(number, text, "shape", out_t, actual,
                 "right" if ok else "wrong", "; ".join(why) + f" ({what})", edits)


def unrelated(lay: Layer, src: Map, out: Map) -> bool:
    """Whether a map carried from above is plainly not the input of a layer whose output
    is stated (``At the end: avg pool 7x7 → 1x1x1024`` after ``112x112x32``): the size
    does not follow, and nor do the channels a pooling keeps or a bank's filters span.
    The walk jumped (to a network's head, another block); a slip is one of the two."""
    kern = Kernel(lay.k, lay.pool, lay.stride, lay.padding)
    size_off = judge(src.h, [kern], out.h)[0] == "wrong"
    want = src.c if lay.pool else lay.depth
    return size_off and bool(want) and bool(out.c if lay.pool else src.c) and \
        want != (out.c if lay.pool else src.c)
