"""Memory of one inference or training step, from the dataflow program and each layer
kind's rules (``Kind.saved``, ``Kind.transient``, ``Kind.param_tensors``).

Inference: the weights, and the peak of live activations by a liveness walk. Before the
first step only the input is alive; a step allocates its output (and any scratch it
holds for a moment, ``transient``) while everything alive stays alive; after it, every
storage whose last reader it was is freed (the network's outputs never are). Views and
in-place steps allocate nothing. The peak is the largest such sum; the step where it
happens is the *peak layer*.

Training: weights + gradients + optimizer state + the tensors saved for backward + the
network's outputs, all alive at **the start of backward**: that is the rule for the
peak. Every saved tensor is then alive (none has been freed yet); the optimizer state
exists from the first step on; gradients are counted whole (from the second step on
they persist when ``zero_grad(set_to_none=False)``, and otherwise fill up during
backward as saved tensors are freed, so the sum is the high-water mark of the usual
loop up to backward's own transient buffers). A tensor saved by two layers (a conv's
input that is the previous ReLU's output) is counted once, for the first layer (in
execution order) that keeps it.
"""

from __future__ import annotations

from typing import NamedTuple

from cnnstat.errors import SpecError
from cnnstat.layers import DTYPE_BYTES, FLOATS, Precision, Shape, numel
from cnnstat.mem.dataflow import Program, nbytes, program
from cnnstat.spec.graph import Spec

OPTIMIZERS = {  # name -> (state copies of each trainable parameter, doc)
    "sgd": (0, "plain SGD keeps no state"),
    "momentum": (1, "SGD with momentum keeps one buffer per parameter (momentum_buffer)"),
    "adam": (2, "Adam keeps two (exp_avg, exp_avg_sq) and a 4-byte step per tensor"),
    "adamw": (2, "AdamW keeps two (exp_avg, exp_avg_sq) and a 4-byte step per tensor"),
}
STEP_BYTES = 4  # Adam's per-tensor step counter: a float32 scalar tensor
MAX_BATCH = 1_000_000


class Kept(NamedTuple):
    """One tensor kept for backward, attributed to the first layer that keeps it."""

    what: str
    dtype: str
    bytes: int


class LayerMemory(NamedTuple):
    name: str
    type: str
    output: Shape
    dtype: str
    allocated: int  # bytes of the new output (0 for views and in-place steps)
    in_place: bool
    saved: list[Kept]  # training only
    live: int  # inference: bytes alive while this step runs (its output and scratch included)

    @property
    def saved_bytes(self) -> int:
        return sum(k.bytes for k in self.saved)


class Alive(NamedTuple):
    name: str  # the step that produced it ("input" for the network input)
    shape: Shape
    bytes: int


class Memory(NamedTuple):
    model: str
    batch: int
    prec: Precision
    train: bool
    optimizer: str | None
    layers: list[LayerMemory]
    params: int  # trainable + frozen parameter elements
    trainable: int
    weights: int  # bytes of parameters
    buffers: int  # bytes of buffers (batch-norm running statistics)
    gradients: int
    optimizer_state: int
    saved: int  # training: bytes kept for backward
    outputs: int  # training: the network's outputs (and aux heads') not already kept
    activation_peak: int  # inference: peak of live activations
    peak_layer: str  # inference: where the peak happens
    alive_at_peak: list[Alive]  # inference
    fixed: int  # bytes that do not grow with the batch
    per_sample: int  # bytes per sample (the total is fixed + batch x per_sample)

    @property
    def total(self) -> int:
        return self.fixed + self.batch * self.per_sample

    @property
    def activations(self) -> int:
        return self.saved + self.outputs if self.train else self.activation_peak


def precision(dtype: str = "fp32", amp: bool = False, device: str = "cuda") -> Precision:
    if dtype not in FLOATS:
        raise SpecError(f"--dtype must be one of {', '.join(FLOATS)}, not {dtype!r}")
    if device not in ("cuda", "cpu"):
        raise SpecError(f"--device must be cuda or cpu, not {device!r}")
    if amp and dtype == "fp32":
        raise SpecError("--amp runs conv and linear layers in a low-precision type with fp32 "
                        "master weights; give it --dtype fp16 or --dtype bf16")
    return Precision(dtype, amp, device)


def memory(spec: Spec, *, batch: int = 1, train: bool = False, dtype: str = "fp32",
           optimizer: str | None = None, amp: bool = False, device: str = "cuda",
           input: Shape | None = None) -> Memory:
    """Memory of one step of ``spec`` at ``batch``: inference (weights and the peak of live
    activations) or, with ``train``, training with ``optimizer`` (default adam)."""
    from cnnstat.analysis import analyze

    if not 1 <= batch <= MAX_BATCH:
        raise SpecError(f"batch must be from 1 to {MAX_BATCH:,}, not {batch}")
    prec = precision(dtype, amp, device)
    if amp and not train:
        raise SpecError("--amp is a training option (fp32 master weights, low-precision "
                        "compute); for inference give --dtype fp16 or bf16 alone")
    if optimizer is not None and not train:
        raise SpecError("--optimizer needs --train (inference keeps no optimizer state)")
    optimizer = (optimizer or "adam") if train else None
    if optimizer is not None and optimizer not in OPTIMIZERS:
        raise SpecError(f"--optimizer must be one of {', '.join(OPTIMIZERS)}, not {optimizer!r}")
    analyze(spec, input=input)  # located errors for a bad spec
    prog = program(spec, prec, train, input)
    return _estimate(spec.name, prog, batch, prec, train, optimizer)


def _estimate(name: str, prog: Program, batch: int, prec: Precision, train: bool,
              optimizer: str | None) -> Memory:
    steps = [s for s in prog.steps if train or not s.train_only]
    wb = DTYPE_BYTES[prec.weights]
    params = sum(s.effect.params for s in steps if not s.is_merge)
    trainable = sum(s.effect.params - s.effect.frozen for s in steps if not s.is_merge)
    weights = params * wb
    buffers = sum(s.op.buffer_bytes(s.effect, prec.weights) for s in steps if not s.is_merge)
    fixed = weights + buffers
    gradients = state = 0
    if train:
        gradients = trainable * wb
        copies = OPTIMIZERS[optimizer][0]
        state = copies * trainable * wb
        if optimizer in ("adam", "adamw"):
            state += STEP_BYTES * sum(s.op.param_tensors(s.effect) for s in steps
                                      if not s.is_merge and s.trainable)
        fixed += gradients + state
    allocated = {s.index: 0 if (s.view or s.index in prog.in_place)
                 else nbytes(prog.tensors[s.output], batch) for s in steps}
    if train:
        kept, saved_fixed, saved_per, outputs = _saved(prog, steps, prec, batch)
        live = {s.index: 0 for s in steps}
        peak, peak_layer, alive = 0, "", []
        fixed += saved_fixed
        per_sample = saved_per + outputs // batch
        saved_total = saved_fixed + saved_per * batch
    else:
        kept = {s.index: [] for s in steps}
        live, peak, peak_layer, alive = _liveness(prog, steps, batch)
        per_sample, saved_total, outputs = peak // batch, 0, 0
    layers = [LayerMemory(s.name, s.type, s.effect.output, s.dtype, allocated[s.index],
                          s.index in prog.in_place, kept[s.index], live[s.index])
              for s in steps]
    return Memory(name, batch, prec, train, optimizer, layers, params, trainable, weights,
                  buffers, gradients, state, saved_total, outputs, peak, peak_layer, alive,
                  fixed, per_sample)


def _saved(prog: Program, steps, prec: Precision, batch: int):
    """Per step, the tensors it keeps first; the unbatched and per-sample bytes; and the
    bytes of the network's outputs that are not kept anyway."""
    storage = prog.storage
    grad = {0: False}  # tensor id -> requires grad
    seen: set = set()
    kept: dict[int, list[Kept]] = {}
    fixed = per_sample = 0
    for s in steps:
        needs = any(grad.get(t, False) for t in s.inputs)
        grad[s.output] = needs or s.trainable
        kept[s.index] = []
        if not (needs or s.trainable):
            continue  # autograd records nothing
        for i, buf in enumerate(s.saved(prec)):
            t = s.ref(buf, s.index in prog.in_place)
            key = ("new", s.index, i) if t is None else storage[t]
            if key in seen:
                continue
            seen.add(key)
            # a kept tensor holds its whole storage (a channel slice keeps both halves)
            one = buf.nbytes(1) if t is None else nbytes(prog.tensors[storage[t]], 1)
            kept[s.index].append(Kept(buf.what, buf.dtype, one * batch if buf.batched else one))
            if buf.batched:
                per_sample += one
            else:
                fixed += one
    outputs = sum(nbytes(prog.tensors[o], batch) for o in prog.outputs
                  if storage[o] not in seen)
    return kept, fixed, per_sample, outputs


def _liveness(prog: Program, steps, batch: int):
    storage = prog.storage
    last: dict[int, int] = {}
    for s in steps:
        for t in s.inputs:
            last[storage[t]] = max(last.get(storage[t], -1), s.index)
    for o in prog.outputs[:1]:
        last[storage[o]] = len(prog.steps)  # never freed
    size = {t.id: nbytes(t, batch) for t in prog.tensors if storage[t.id] == t.id}
    alive = {0: size[0]}
    current = size[0]
    live: dict[int, int] = {}
    peak, peak_at, peak_alive = current, "input", [Alive("input", prog.tensors[0].shape,
                                                        size[0])]
    for s in steps:
        new = not (s.view or s.index in prog.in_place)
        scratch = s.transient() * batch if new else 0
        live[s.index] = current + scratch
        if live[s.index] > peak:
            peak, peak_at = live[s.index], s.name
            peak_alive = [Alive(_producer(prog, t), prog.tensors[t].shape, b)
                          for t, b in alive.items()]
            peak_alive.append(Alive(s.name, s.effect.output, scratch))
        if new:
            alive[s.output] = size[s.output]
            current += size[s.output]
        for t in {storage[t] for t in s.inputs}:
            if last.get(t) == s.index:
                current -= alive.pop(t)
    return live, peak, peak_at, peak_alive


def _producer(prog: Program, t: int) -> str:
    p = prog.tensors[t].producer
    return "input" if p < 0 else prog.steps[p].name
