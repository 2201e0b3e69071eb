"""`cnnstat memory` against torch.cuda.max_memory_allocated on a GPU: one command.

For each model: an inference forward (the model's own ``model(x)``, the input held by
the caller, ReLUs in place where the prediction puts them) and a training step
(forward, backward, optimizer step; measured on the second step, when the optimizer
state exists, with zero_grad(set_to_none=False) so gradients persist as the prediction
counts them), in fp32 and bf16 autocast. Prints the predicted bytes (cuda rules),
torch.cuda.max_memory_allocated, and the ratio measured / predicted. The goal is within
10%; the rest is the caching allocator's rounding (blocks of 512 bytes, 2 MiB segments),
cuDNN workspaces and backward's temporary buffers, which cnnstat does not count.
Without CUDA it says so and exits 0.

Usage: python benchmarks/memory_gpu.py [MODEL ...] [--batch 32] [--optimizer adam]
"""

from __future__ import annotations

import argparse
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", default=["resnet50-tv", "vgg16", "densenet121"])
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--optimizer", default="adam")
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        print("torch is not installed: nothing to measure")
        return 0
    if not torch.cuda.is_available():
        print("no CUDA device: nothing to measure (this compares with "
              "torch.cuda.max_memory_allocated)")
        return 0
    import cnnstat

    print(f"{torch.cuda.get_device_name()}, torch {torch.__version__}, batch {args.batch}; "
          "MiB = 2^20 bytes")
    print(f"{'model':14} {'step':22} {'predicted MiB':>14} {'measured MiB':>13} {'ratio':>6}")
    for name in args.models:
        spec = cnnstat.load(name)
        for label, pred, meas in runs(spec, args.batch, args.optimizer):
            print(f"{name:14} {label:22} {pred / 2**20:14,.1f} {meas / 2**20:13,.1f} "
                  f"{meas / pred:6.3f}", flush=True)
    return 0


def runs(spec, batch: int, optimizer: str):
    import torch

    import cnnstat
    from cnnstat.torch.memory import _input, _model, make_optimizer

    m = cnnstat.memory(spec, batch=batch)
    model, _ = _model(spec, m.prec, False)
    model = model.cuda()
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    with torch.no_grad():
        x = _input(spec, batch, m.prec).cuda()
        out = model(x)
        del out, x
    torch.cuda.synchronize()
    yield "inference fp32", m.total, torch.cuda.max_memory_allocated()
    del model
    torch.cuda.empty_cache()
    for dtype, amp in (("fp32", False), ("bf16", True)):
        m = cnnstat.memory(spec, batch=batch, train=True, dtype=dtype, amp=amp,
                           optimizer=optimizer)
        model, _ = _model(spec, m.prec, True)
        model = model.cuda()
        opt = make_optimizer(optimizer, model)
        x = _input(spec, batch, m.prec).cuda()
        for step in range(2):
            if step == 1:
                torch.cuda.synchronize()
                torch.cuda.reset_peak_memory_stats()
            opt.zero_grad(set_to_none=False)
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=amp):
                out = model(x)
            outs = out if isinstance(out, tuple) else (out,)
            sum(o.float().sum() for o in outs).backward()
            opt.step()
            del out, outs
        torch.cuda.synchronize()
        # the input lives through the step too; the prediction counts it only when kept
        yield (f"train {dtype}{' autocast' if amp else ''} {optimizer}", m.total,
               torch.cuda.max_memory_allocated())
        del model, opt, x
        torch.cuda.empty_cache()


if __name__ == "__main__":
    sys.exit(main())
