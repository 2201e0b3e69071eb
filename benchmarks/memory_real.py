"""`cnnstat memory` against the real torchvision modules, run eagerly on CPU.

For each model, at batch 4, in fp32 and in bf16 autocast:

* **inference peak**: the largest sum of live activation bytes during ``model(x)`` under
  ``torch.no_grad()``, the caller's input included. Measured by a ``TorchDispatchMode``
  that adds the bytes of every new storage an op returns and subtracts them when a
  ``weakref.finalize`` on that storage fires (``cnnstat.torch.memory.live_peak``).
* **training peak**: the largest sum of live bytes during a real second training step
  (``zero_grad(set_to_none=False)``, forward, ``sum(out).backward()``, ``opt.step()``):
  the weights, buffers, gradients and optimizer state that exist from the first step
  (their storages' bytes), plus every storage created during the second step while it
  is alive, the input included.

**Independence.** The module is torchvision's own, unmodified, and runs as a user runs
it: whatever it keeps alive (``nn.Sequential``'s loop variable, DenseNet's list of
features, in-place ReLUs, autograd's saved tensors, the optimizer's temporaries) is
decided by Python's reference counts and torch, and seen only through the storages'
finalizers. Nothing here reads cnnstat's liveness walk or its rules; the prediction
(``cnnstat.memory`` on the spec that ``matches:`` the torchvision builder) enters only in
the ratio.

Usage (needs torchvision): python benchmarks/memory_real.py [MODEL ...] [--batch 4]
    [--optimizer adam] [--no-train]
"""

from __future__ import annotations

import argparse
import sys
import time

MODELS = {  # torchvision builder -> bundled spec that matches it
    "resnet50": "resnet50-tv",
    "mobilenet_v2": "mobilenet_v2",
    "efficientnet_b0": "efficientnet_b0",
    "convnext_tiny": "convnext_tiny",
    "densenet121": "densenet121",
    "vgg11": "vgg11",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", default=list(MODELS))
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--optimizer", default="adam")
    ap.add_argument("--no-train", action="store_true")
    args = ap.parse_args()
    try:
        import torch
        import torchvision  # noqa: F401
    except ImportError:
        print("torch and torchvision are needed: nothing to measure")
        return 0
    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    print(f"torch {torch.__version__}, CPU, batch {args.batch}; MiB = 2^20 bytes; "
          "ratio = predicted / measured")
    print(f"{'model':16} {'step':26} {'predicted MiB':>13} {'measured MiB':>12} "
          f"{'ratio':>6} {'s':>5}")
    for name in args.models:
        for label, pred, meas, secs in runs(name, args.batch, args.optimizer,
                                            not args.no_train):
            print(f"{name:16} {label:26} {pred / 2**20:13,.1f} {meas / 2**20:12,.1f} "
                  f"{pred / meas:6.3f} {secs:5.1f}", flush=True)
    return 0


def _model(name: str):
    import torch
    import torchvision

    torch.manual_seed(0)
    return getattr(torchvision.models, name)(weights=None)


def runs(name: str, batch: int, optimizer: str, train: bool):
    import torch

    import cnnstat
    from cnnstat.torch.memory import live_peak

    spec = cnnstat.load(MODELS.get(name, name))
    shape = spec.input
    for dtype, amp in (("fp32", False), ("bf16", True)):
        tag = f"{dtype}{' autocast' if amp else ''}"
        start = time.perf_counter()
        m = cnnstat.memory(spec, batch=batch, device="cpu", dtype=dtype, amp=amp)
        model = _model(name).eval()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=amp):
            got = live_peak(model, lambda: torch.randn(batch, *shape))
        yield (f"inference {tag}", m.activation_peak, got, time.perf_counter() - start)
        yield ("  if freed at last use", m.ideal_peak, got, 0.0)
        if not train:
            continue
        start = time.perf_counter()
        m = cnnstat.memory(spec, batch=batch, train=True, device="cpu", dtype=dtype,
                           amp=amp, optimizer=optimizer)
        got = train_peak(_model(name).train(), torch.randn(batch, *shape), optimizer, amp)
        yield (f"train {tag} {optimizer}", m.total, got, time.perf_counter() - start)


def train_peak(model, x, optimizer: str, amp: bool) -> int:
    """Bytes alive at the peak of the second of two training steps (module docstring)."""
    import torch

    from cnnstat.torch.memory import LiveBytes, make_optimizer

    opt = make_optimizer(optimizer, model)
    shape = tuple(x.shape)

    def step(inp):
        opt.zero_grad(set_to_none=False)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=amp):
            out = model(inp)
        loss = out.float().sum()
        loss.backward()
        opt.step()

    step(x)
    del x
    existing = {}
    for t in [*model.parameters(), *model.buffers(),
              *(p.grad for p in model.parameters() if p.grad is not None),
              *(v for s in opt.state.values() for v in s.values()
                if isinstance(v, torch.Tensor))]:
        st = t.untyped_storage()
        existing[st.data_ptr()] = st.nbytes()
    mode = LiveBytes(set(existing))
    with mode:
        step(torch.randn(shape))
    return sum(existing.values()) + mode.peak


if __name__ == "__main__":
    sys.exit(main())
