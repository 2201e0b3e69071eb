"""Training ResNet-50 (resnet50-tv) at batch 32 with Adam on CPU: cnnstat's prediction
against torch's own tensors, in fp32 and under bf16 autocast, with torchinfo's
"Estimated Total Size" beside it.

Measured: the bytes autograd keeps for backward (one training forward under
saved_tensors_hooks, each storage once), the outputs, then after backward and one
Adam.step(): parameters + buffers, gradients and optimizer state (storage bytes).
torchinfo prints its estimate in MB (10^6 bytes); it is shown here in MiB like the rest.

Usage: python benchmarks/memory_resnet50.py [--batch 32] [--model resnet50-tv]
(one forward, backward and step per column: about a minute per column on one core)
"""

from __future__ import annotations

import argparse
import sys


def mib(n: float) -> str:
    return f"{n / 2**20:,.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--model", default="resnet50-tv")
    args = ap.parse_args()
    import torch

    import cnnstat
    from cnnstat.torch.memory import measure_training

    torch.set_num_threads(1)
    spec = cnnstat.load(args.model)
    rows = []
    for dtype, amp in (("fp32", False), ("bf16", True)):
        m = cnnstat.memory(spec, batch=args.batch, train=True, dtype=dtype, amp=amp,
                           optimizer="adam", device="cpu")
        got = measure_training(spec, args.batch, m.prec, "adam")
        rows.append((f"{dtype}{' autocast' if amp else ''}", m, got))
    info = torchinfo_total(spec, args.batch)
    print(f"{args.model}, training, batch {args.batch}, Adam, CPU (MiB = 2^20 bytes)")
    head = f"{'':28}" + "".join(f"{label:>24}" for label, _, _ in rows)
    print(head)
    print(f"{'':28}" + "".join(f"{'predicted':>12}{'measured':>12}" for _ in rows))
    parts = [("weights + buffers", lambda m: m.weights + m.buffers,
              lambda g: g.weights + g.buffers),
             ("gradients", lambda m: m.gradients, lambda g: g.gradients),
             ("Adam state", lambda m: m.optimizer_state, lambda g: g.optimizer_state),
             ("saved for backward", lambda m: m.saved, lambda g: g.saved_total),
             ("outputs", lambda m: m.outputs, lambda g: g.outputs)]
    for name, pred, meas in parts:
        print(f"{name:28}" + "".join(f"{mib(pred(m)):>12}{mib(meas(g)):>12}"
                                     for _, m, g in rows))
    print(f"{'total':28}" + "".join(
        f"{mib(m.total):>12}{mib(sum(meas(g) for _, _, meas in parts)):>12}"
        for _, m, g in rows))
    exact = all(pred(m) == meas(g) for _, m, g in rows for _, pred, meas in parts)
    print(f"every figure equal to the byte: {exact}")
    if info is not None:
        print(f"torchinfo 'Estimated Total Size' (fp32, batch {args.batch}): {mib(info)} MiB "
              f"({info / 1e6:,.2f} MB as torchinfo prints it)")
    return 0 if exact else 1


def torchinfo_total(spec, batch: int) -> int | None:
    """torchinfo's estimate in bytes: input + forward/backward pass size + params."""
    try:
        import torchinfo
    except ImportError:
        print("torchinfo is not installed (pip install -e '.[dev]'): no torchinfo column")
        return None
    from cnnstat.torch import build

    model = build(spec, device="cpu")
    s = torchinfo.summary(model, input_size=(batch, *spec.input), verbose=0, device="cpu")
    return int(s.total_input + s.total_output_bytes + s.total_param_bytes)


if __name__ == "__main__":
    sys.exit(main())
