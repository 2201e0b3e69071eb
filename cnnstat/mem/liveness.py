"""The inference walk of ``cnnstat.mem.estimate``: which activations are alive at each step
of a forward pass, eager PyTorch's way (``eager``: references held by running calls and
the caller's input count) or freed at last use."""

from __future__ import annotations

from typing import NamedTuple

from cnnstat.layers import Precision, Shape
from cnnstat.mem.dataflow import Program, nbytes


class Alive(NamedTuple):
    name: str  # the step that produced it ("input" for the network input)
    shape: Shape
    bytes: int


def liveness(prog: Program, steps, batch: int, prec: Precision, eager: bool):
    """The walk (module docstring): with ``eager``, references held by running calls and
    the caller's input count; without, every tensor goes at its last use. Under autocast
    the low-type copies of weights that a layer keeps (``autocast_casts``) stay alive to
    the end of the forward: autocast's cast cache holds them."""
    storage = prog.storage
    last: dict[int, int] = {}
    for s in steps:
        for t in s.inputs:
            last[storage[t]] = max(last.get(storage[t], -1), s.index)
    if eager:
        for t, until in prog.held:
            last[storage[t]] = max(last.get(storage[t], -1), until)
        last[storage[0]] = len(prog.steps)  # the caller's input
    for o in prog.outputs[:1]:
        last[storage[o]] = len(prog.steps)  # never freed
    size = {t.id: nbytes(t, batch) for t in prog.tensors if storage[t.id] == t.id}
    held_until: dict[int, set[int]] = {}
    if eager:
        for t, until in prog.held:
            held_until.setdefault(until, set()).add(storage[t])
    alive = {0: size[0]}
    current = size[0]
    live: dict[int, int] = {}
    peak, peak_at, peak_alive = current, "input", [Alive("input", prog.tensors[0].shape,
                                                        size[0])]
    for s in steps:
        new = not (s.view or s.index in prog.in_place)
        scratch = s.transient() * batch if new else 0
        cast = autocast_casts(s, prec)
        if cast:
            alive[("cast cache", s.index)] = cast  # type: ignore[index]
            current += cast
        live[s.index] = current + scratch
        if live[s.index] > peak:
            peak, peak_at = live[s.index], s.name
            peak_alive = [Alive(_producer(prog, t), () if isinstance(t, tuple)
                                else prog.tensors[t].shape, b) for t, b in alive.items()]
            peak_alive.append(Alive(s.name, s.effect.output, scratch))
        if new:
            alive[s.output] = size[s.output]
            current += size[s.output]
        for t in {storage[t] for t in s.inputs} | held_until.get(s.index, set()):
            if last.get(t) == s.index and t in alive:
                current -= alive.pop(t)
    return live, peak, peak_at, peak_alive


def autocast_casts(step, prec: Precision) -> int:
    """Bytes of the low-type weight copies autocast makes for ``step`` (its
    ``cached_cast``: aten/src/ATen/autocast_mode.cpp). They are the kept tensors of the
    low type that do not grow with the batch (``Kind.saved``, e.g. conv's "weight as
    bf16"); the cache keeps them, at inference too, until the autocast region ends."""
    if not prec.amp or step.is_merge:
        return 0
    return sum(b.nbytes(1) for b in step.saved(prec)
               if not b.batched and b.ref == "new" and b.dtype == prec.dtype)


def _producer(prog: Program, t) -> str:
    if isinstance(t, tuple):
        return f"{prog.steps[t[1]].name} (autocast's weight copy)"
    p = prog.tensors[t].producer
    return "input" if p < 0 else prog.steps[p].name
