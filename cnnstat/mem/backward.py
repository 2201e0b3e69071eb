"""The peak of a whole training step: forward, backward and the optimizer's step.

Walked as eager PyTorch runs a step from the second on (gradients and optimizer state
exist; ``zero_grad(set_to_none=False)`` keeps the gradients' storage):

* **Start of backward**: weights, buffers, gradients, optimizer state, every tensor
  saved for backward, the network's outputs and its input (both held by the caller).
* **Backward**, step by step in reverse order (autograd runs the nodes of a chain of
  layers last to first). While a layer's backward runs, alive are: the saved tensors
  not yet released, the gradients of the activations still waiting for their producer,
  the gradients it allocates for its inputs, and for a layer with trainable parameters
  a temporary of their size (autograd computes the parameter's gradient, then adds it
  into ``.grad`` in place: torch/csrc/autograd/functions/accumulate_grad.h,
  ``accumulateGrad``: ``variable_grad += new_grad`` when ``.grad`` exists; under
  autocast the gradient of the low-type weight copy comes first, then its cast to
  fp32). After it, its output's gradient is released, and each saved tensor whose
  earliest keeper it is (torch releases saved tensors when a node has run, without
  ``retain_graph``). Gradients of views pass through without a copy, as does ``add``'s
  (the same tensor to every input, derivatives.yaml ``add.Tensor``) and ``cat``'s
  (``narrow`` views of it); a second contribution to an activation's gradient is a
  temporary of its size. The loss ``sum()``'s gradient is an expanded scalar (no
  storage).
* **Optimizer step** (``OPTIMIZER_TEMPORARIES``): weights, buffers, gradients and state,
  the caller's input and outputs, and the step's own temporaries.

The largest of these is the step's peak.
"""

from __future__ import annotations

from typing import NamedTuple

from cnnstat.layers import DTYPE_BYTES, Precision
from cnnstat.mem.dataflow import Program, nbytes
from cnnstat.mem.liveness import autocast_casts


class Peak(NamedTuple):
    """A moment of the step: bytes that do not grow with the batch, bytes per sample."""

    fixed: int
    per_sample: int
    where: str

    def at(self, batch: int) -> int:
        return self.fixed + batch * self.per_sample


def optimizer_temporaries(optimizer: str, prec: Precision, sizes: list[int]) -> int:
    """Bytes the optimizer's ``step()`` allocates for a moment, from the second step on,
    given the element counts of the trainable parameter tensors. From torch's source
    (torch/optim/adam.py, sgd.py; AdamW is Adam with ``decoupled_weight_decay``), with
    the defaults (no weight decay, no amsgrad, no nesterov, not capturable):

    * Adam/AdamW, **single-tensor** (torch's default on CPU, ``_single_tensor_adam``):
      ``denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)``: the square
      root and the quotient of one parameter are alive together, so twice the largest
      parameter; ``lerp_``, ``mul_``, ``addcmul_``, ``addcdiv_`` work in place.
    * Adam/AdamW, **foreach** (torch's default on CUDA, ``_multi_tensor_adam``):
      ``exp_avg_sq_sqrt = torch._foreach_sqrt(device_exp_avg_sqs)``: one square root of
      every parameter at once (then ``_foreach_div_``, ``_foreach_add_`` in place).
    * SGD with momentum (either): ``buf.mul_(momentum).add_(grad)`` and
      ``param.add_(buf, alpha=-lr)`` in place; the buffer's ``clone`` happens on the
      first step only. Plain SGD: ``param.add_(grad, alpha=-lr)``. None.
    """
    if optimizer not in ("adam", "adamw") or not sizes:
        return 0
    wb = DTYPE_BYTES[prec.weights]
    if prec.device == "cuda":
        return sum(sizes) * wb
    return 2 * max(sizes) * wb


def step_peak(prog: Program, steps, prec: Precision, batch: int, kept: dict,
              base_fixed: int, outputs_per_sample: int, temporaries: int) -> Peak:
    """The largest of: the start of backward, each moment of backward, and the optimizer
    step (module docstring), compared at ``batch``. ``kept`` maps each kept storage to
    (its earliest keeper's step index, unbatched bytes, bytes per sample); ``base_fixed``
    is weights, buffers, gradients and state."""
    x = prog.tensors[0]
    held = 0 if prog.storage[0] in kept else nbytes(x, 1)  # the caller's input
    saved_f = sum(k[1] for k in kept.values())
    saved_p = sum(k[2] for k in kept.values())
    release: dict[int, tuple[int, int]] = {}
    for first, f, p in kept.values():
        rf, rp = release.get(first, (0, 0))
        release[first] = (rf + f, rp + p)
    start = Peak(base_fixed + saved_f, saved_p + outputs_per_sample + held,
                 "start of backward")
    grad = {0: False}
    for s in steps:
        grad[s.output] = any(grad.get(t, False) for t in s.inputs) or s.trainable
    buffers: dict[int, int] = {}  # tensor -> bytes per sample of its gradient
    best = start
    for s in reversed(steps):
        if not grad[s.output]:
            continue
        ins = [t for t in s.inputs if grad.get(t, False)]
        size = {t: nbytes(prog.tensors[t], 1) for t in ins}
        passes = s.view or (s.is_merge and s.op.name in ("add", "concat"))
        new = 0 if passes else sum(size.values())
        again = sum(size[t] for t in ins if t in buffers)  # a second contribution
        wtemp = 0
        if s.trainable:
            wtemp = (s.effect.params - s.effect.frozen) * DTYPE_BYTES[prec.weights] \
                + autocast_casts(s, prec)
        now = Peak(base_fixed + saved_f + wtemp,
                   saved_p + outputs_per_sample + held + sum(buffers.values()) + new + again,
                   f"backward of {s.name}")
        if now.at(batch) > best.at(batch):
            best = now
        buffers.pop(s.output, None)
        if passes and s.is_merge and s.op.name == "add":
            # one gradient tensor for every input: it lives as long as the input whose
            # producer comes first (its backward runs last)
            keeper = min(ins, key=lambda t: prog.tensors[t].producer, default=None)
            for t in ins:
                buffers.setdefault(t, size[t] if t == keeper else 0)
        else:
            for t in ins:
                buffers.setdefault(t, size[t])
        rf, rp = release.get(s.index, (0, 0))
        saved_f, saved_p = saved_f - rf, saved_p - rp
    step = Peak(base_fixed + temporaries, outputs_per_sample + nbytes(x, 1), "optimizer step")
    return max((start, best, step), key=lambda p: p.at(batch))
