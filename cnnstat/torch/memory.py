"""Measure what ``cnnstat.memory`` predicts, on real tensors (CPU is enough).

* **Saved tensors**: one training forward under ``torch.autograd.graph.saved_tensors_hooks``;
  every tensor autograd keeps is counted once per storage (parameters and buffers are
  weights, not activations), for the layer whose forward was running when it was first
  kept.
* **Inference peak**: one forward under a ``TorchDispatchMode`` that adds the bytes of
  every new storage an op returns and, through a ``weakref.finalize`` on the storage,
  subtracts them when it is freed. The forward is the built model's own ``model(x)``,
  run as a user runs it, with the input made under the mode and held by the caller: what
  is freed when is Python's and torch's business (reference counts), not a rule of
  cnnstat's, so the measurement cannot share the liveness walk it checks. (ReLUs are in
  place where the prediction says so: that is how the model is configured, as
  torchvision configures ``inplace=True``, not when anything is freed.)
* **Optimizer state** (and weights, gradients): bytes of the real optimizer's state
  tensors after one ``step()``.
"""

from __future__ import annotations

import copy
import weakref
from typing import Any, NamedTuple

import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten

from cnnstat.layers import Precision
from cnnstat.mem.dataflow import program
from cnnstat.spec.graph import Spec
from cnnstat.torch.build import build

DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


class Measured(NamedTuple):
    saved: dict[str, int]  # layer -> bytes it keeps first
    saved_total: int
    outputs: int  # the network's outputs not already kept
    weights: int
    buffers: int
    gradients: int
    optimizer_state: int


def _storage_key(t: torch.Tensor) -> tuple[int, int]:
    st = t.untyped_storage()
    return st.data_ptr(), st.nbytes()


_BUILT: list = []  # [(spec, model)]: the last spec built


def _built(spec: Spec) -> nn.Module:
    if not _BUILT or _BUILT[0][0] is not spec:
        torch.manual_seed(0)
        _BUILT[:] = [(spec, build(spec, device="cpu"))]
    return _BUILT[0][1]


def _model(spec: Spec, prec: Precision, training: bool) -> tuple[nn.Module, Any]:
    """The spec on CPU with real weights, ReLUs in place where the prediction puts them
    (a copy of one build per spec: building runs torch's meta kernels, slow to load)."""
    model = copy.deepcopy(_built(spec))
    if not prec.amp:
        model.to(DTYPES[prec.dtype])
    prog = program(spec, prec, training)
    for i in prog.in_place:
        model.get_submodule(prog.steps[i].name).inplace = True
    model.train(training)
    return model, prog


def _input(spec: Spec, batch: int, prec: Precision) -> torch.Tensor:
    dtype = torch.float32 if prec.amp else DTYPES[prec.dtype]
    return torch.randn(batch, *spec.input, dtype=dtype)


def _autocast(prec: Precision):
    return torch.autocast("cpu", dtype=DTYPES[prec.dtype], enabled=prec.amp)


def measure_training(spec: Spec, batch: int, prec: Precision, optimizer: str | None = None,
                     ) -> Measured:
    """One training forward (saved tensors), then, with ``optimizer``, backward and one
    ``step()`` (gradients and optimizer state)."""
    model, prog = _model(spec, prec, True)
    names = {s.name for s in prog.steps}
    current = ["input"]
    handles = []
    for name, module in model.named_modules():
        if name in names:
            handles.append(module.register_forward_pre_hook(
                lambda _m, _a, name=name: current.__setitem__(0, name)))
    weights = {_storage_key(p) for p in model.parameters()} | \
              {_storage_key(b) for b in model.buffers()}
    seen: dict[tuple[int, int], torch.Tensor] = {}
    saved: dict[str, int] = {s.name: 0 for s in prog.steps}

    def pack(t: torch.Tensor) -> torch.Tensor:
        key = _storage_key(t)
        if key not in weights and key not in seen and key[1] > 0:
            seen[key] = t  # kept alive by autograd anyway; held so its address stays unique
            saved[current[0]] = saved.get(current[0], 0) + key[1]
        return t

    x = _input(spec, batch, prec)
    with _autocast(prec), torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = model(x)
    for h in handles:
        h.remove()
    outs = out if isinstance(out, tuple) else (out,)
    out_bytes = sum(k[1] for k in {_storage_key(o) for o in outs} if k not in seen)
    grads = state = 0
    if optimizer is not None:
        opt = make_optimizer(optimizer, model)
        sum(o.float().sum() for o in outs).backward()
        opt.step()
        grads = sum(_storage_key(p.grad)[1] for p in model.parameters() if p.grad is not None)
        state = sum(k[1] for k in {_storage_key(v) for s in opt.state.values()
                                   for v in s.values() if isinstance(v, torch.Tensor)})
    return Measured(saved, sum(saved.values()), out_bytes,
                    sum(p.untyped_storage().nbytes() for p in model.parameters()),
                    sum(b.untyped_storage().nbytes() for b in model.buffers()), grads, state)


def make_optimizer(name: str, model: nn.Module) -> torch.optim.Optimizer:
    params = [p for p in model.parameters() if p.requires_grad]
    if name == "sgd":
        return torch.optim.SGD(params, lr=0.01)
    if name == "momentum":
        return torch.optim.SGD(params, lr=0.01, momentum=0.9)
    if name == "adam":
        return torch.optim.Adam(params)
    if name == "adamw":
        return torch.optim.AdamW(params)
    raise ValueError(f"unknown optimizer {name!r}")


class LiveBytes(TorchDispatchMode):
    """Bytes of the storages that ops created under this mode and that are still alive."""

    def __init__(self, ignore: set[int]) -> None:
        super().__init__()
        self.ignore = ignore  # data pointers of storages made elsewhere (weights)
        self.tracked: set[int] = set()
        self.live = 0
        self.peak = 0

    def _free(self, ptr: int, n: int) -> None:
        self.tracked.discard(ptr)
        self.live -= n

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for t in tree_flatten(out)[0]:
            if not isinstance(t, torch.Tensor):
                continue
            st = t.untyped_storage()
            ptr, n = st.data_ptr(), st.nbytes()
            if n == 0 or ptr in self.tracked or ptr in self.ignore:
                continue
            self.tracked.add(ptr)
            self.live += n
            weakref.finalize(st, self._free, ptr, n)
        self.peak = max(self.peak, self.live)
        return out


def measure_inference_peak(spec: Spec, batch: int, prec: Precision) -> int:
    """The peak of live activation bytes of one ordinary inference forward, ``model(x)``,
    the caller's input included."""
    model, _ = _model(spec, prec, False)
    return live_peak(model, lambda: _input(spec, batch, prec))


def live_peak(model: nn.Module, make_input) -> int:
    """The peak of live bytes while ``model(x)`` runs under ``torch.no_grad()``, ``x`` made
    by ``make_input()`` under the mode and held by this frame (parameters and buffers are
    not counted). Works for any module, torchvision's as well as cnnstat's."""
    ignore = {p.untyped_storage().data_ptr() for p in model.parameters()} | \
             {b.untyped_storage().data_ptr() for b in model.buffers()}
    mode = LiveBytes(ignore)
    with torch.no_grad(), mode:
        x = make_input()
        out = model(x)
        peak = mode.peak
        del out, x
    return peak


class Comparison(NamedTuple):
    what: str  # e.g. "fp32 batch 2: saved for backward"
    predicted: int
    measured: int
    detail: str = ""  # the first layers that differ, when they do

    @property
    def ok(self) -> bool:
        return self.predicted == self.measured


def check(spec: Spec, batch: int, dtype: str, amp: bool = False,
          optimizer: str | None = None, inference: bool = True) -> list[Comparison]:
    """Predicted against measured, exactly: saved bytes (per layer and in total), the
    outputs, and with ``optimizer`` weights, gradients and optimizer state after one step;
    with ``inference`` (not under amp) the inference peak."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # the hooks and modes run op by op; extra threads only spin
    try:
        return _check(spec, batch, dtype, amp, optimizer, inference)
    finally:
        torch.set_num_threads(threads)


def _check(spec: Spec, batch: int, dtype: str, amp: bool, optimizer: str | None,
           inference: bool) -> list[Comparison]:
    from cnnstat.mem import memory

    tag = f"{dtype}{' amp' if amp else ''} batch {batch}"
    m = memory(spec, batch=batch, train=True, dtype=dtype, amp=amp, device="cpu",
               optimizer=optimizer)
    got = measure_training(spec, batch, m.prec, optimizer)
    wrong = [f"{l.name} {l.saved_bytes:,} vs {got.saved.get(l.name, 0):,}"
             for l in m.layers if l.saved_bytes != got.saved.get(l.name, 0)]
    out = [Comparison(f"{tag}: saved for backward", m.saved, got.saved_total,
                      "; ".join(wrong[:3])),
           Comparison(f"{tag}: layers whose saved bytes differ", 0, len(wrong)),
           Comparison(f"{tag}: outputs", m.outputs, got.outputs)]
    if optimizer is not None:
        out += [Comparison(f"{tag}: weights + buffers", m.weights + m.buffers,
                           got.weights + got.buffers),
                Comparison(f"{tag}: gradients", m.gradients, got.gradients),
                Comparison(f"{tag}: {optimizer} state after one step", m.optimizer_state,
                           got.optimizer_state)]
    if inference and not amp:
        mi = memory(spec, batch=batch, dtype=dtype, device="cpu")
        out.append(Comparison(f"{dtype} batch {batch}: inference peak",
                              mi.activation_peak, measure_inference_peak(spec, batch, mi.prec)))
    return out


def check_all(spec: Spec, batch: int = 2) -> tuple[list[Comparison], list[str]]:
    """``verify --memory``: fp32 (with Adam's state), bf16, and bf16 under autocast, each
    training and (not under autocast) inference. Returns the comparisons and notes on
    what torch cannot run on this machine (e.g. LRN in bf16 on CPU)."""
    out: list[Comparison] = []
    notes: list[str] = []
    for dtype, amp, opt in (("fp32", False, "adam"), ("bf16", False, None),
                            ("bf16", True, None)):
        try:
            out += check(spec, batch, dtype, amp, opt)
        except (NotImplementedError, RuntimeError) as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            notes.append(f"{dtype}{' amp' if amp else ''}: torch {torch.__version__} cannot run "
                         f"it on CPU ({first})")
    return out, notes
