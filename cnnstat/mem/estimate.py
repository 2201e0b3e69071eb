"""Memory of one inference or training step, from the dataflow program and each layer
kind's rules (``Kind.saved``, ``Kind.transient``, ``Kind.param_tensors``).

Inference: the weights, and the peak of live activations by a liveness walk of eager
PyTorch. Before the first step only the input is alive, and it stays alive (the caller
holds it); a step allocates its output (and any scratch it holds for a moment,
``transient``) while everything alive stays alive; after it, every storage whose last
reference it was is freed: its last reader, or the step until which a running call holds
it (``Program.held``: a block's input stays alive until the block returns). The network's
outputs are never freed. Views and in-place steps allocate nothing. The peak is the
largest such sum; the step where it happens is the *peak layer*. ``ideal_peak`` is the
same walk with every tensor freed at its last use, the input too: what an executor
that drops references early (``torch.compile``, a graph runtime) could reach.

Training: the peak of a whole step from the second on (``cnnstat.mem.backward``): the
largest of the start of backward (weights + gradients + optimizer state + the tensors
saved for backward + the network's outputs and input), each moment of backward (saved
tensors released as their earliest keeper has run, gradients of activations and
parameters' gradient temporaries allocated), and the optimizer's step with its own
temporaries. Gradients are counted whole (they persist with
``zero_grad(set_to_none=False)``). A tensor saved by two layers (a conv's input that is
the previous ReLU's output) is counted once, for the first layer (in execution order)
that keeps it.
"""

from __future__ import annotations

from typing import NamedTuple

from cnnstat.errors import SpecError
from cnnstat.layers import DTYPE_BYTES, FLOATS, Precision, Shape, numel
from cnnstat.mem.dataflow import Program, nbytes, program
from cnnstat.mem.backward import optimizer_temporaries, step_peak
from cnnstat.mem.liveness import Alive, liveness
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
    activation_peak: int  # inference: peak of live activations (eager PyTorch)
    peak_layer: str  # inference: where the peak happens; training: when
    alive_at_peak: list[Alive]  # inference
    fixed: int  # bytes that do not grow with the batch
    per_sample: int  # bytes per sample (the total is fixed + batch x per_sample)
    ideal_peak: int = 0  # inference: the peak if every tensor were freed at its last use

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
        kept, keys, saved_fixed, saved_per, outputs = _saved(prog, steps, prec, batch)
        live = {s.index: 0 for s in steps}
        alive, ideal = [], 0
        sizes = [s.effect.params - s.effect.frozen for s in steps
                 if not s.is_merge and s.trainable]
        top = step_peak(prog, steps, prec, batch, keys, fixed, outputs // batch,
                        optimizer_temporaries(optimizer, prec, sizes))
        fixed, per_sample, peak, peak_layer = top.fixed, top.per_sample, 0, top.where
        saved_total = saved_fixed + saved_per * batch
    else:
        kept = {s.index: [] for s in steps}
        live, peak, peak_layer, alive = liveness(prog, steps, batch, prec, eager=True)
        ideal = liveness(prog, steps, batch, prec, eager=False)[1]
        per_sample, saved_total, outputs = peak // batch, 0, 0
    layers = [LayerMemory(s.name, s.type, s.effect.output, s.dtype, allocated[s.index],
                          s.index in prog.in_place, kept[s.index], live[s.index])
              for s in steps]
    return Memory(name, batch, prec, train, optimizer, layers, params, trainable, weights,
                  buffers, gradients, state, saved_total, outputs, peak, peak_layer, alive,
                  fixed, per_sample, ideal)


def _saved(prog: Program, steps, prec: Precision, batch: int):
    """Per step, the tensors it keeps first; the unbatched and per-sample bytes; and the
    bytes of the network's outputs that are not kept anyway."""
    storage = prog.storage
    grad = {0: False}  # tensor id -> requires grad
    seen: dict = {}  # kept storage -> (first keeper, unbatched bytes, bytes per sample)
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
            # a kept tensor holds its whole storage (a channel slice keeps both halves)
            one = buf.nbytes(1) if t is None else nbytes(prog.tensors[storage[t]], 1)
            seen[key] = (s.index, 0, one) if buf.batched else (s.index, one, 0)
            kept[s.index].append(Kept(buf.what, buf.dtype, one * batch if buf.batched else one))
            if buf.batched:
                per_sample += one
            else:
                fixed += one
    outputs = sum(nbytes(prog.tensors[o], batch) for o in prog.outputs
                  if storage[o] not in seen)
    return kept, seen, fixed, per_sample, outputs
