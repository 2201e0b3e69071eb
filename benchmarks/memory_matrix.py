"""`cnnstat memory` against torch on CPU: the full matrix the tests only sample.

For each model, batch 1 and 8, fp32, bf16 and bf16 autocast: the bytes kept for backward
(per layer and in total, one training forward under saved_tensors_hooks), the network's
outputs, and (not under autocast) the inference peak (a dispatch mode tracking live
storages); at batch 1 fp32 also weights, gradients and Adam's state after one step.
Prints one line per cell: equal or not, predicted bytes, seconds.

Usage: python benchmarks/memory_matrix.py [MODEL ...] [--batches 1,8]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ["alexnet", "vgg16", "resnet50-tv", "densenet121", "googlenet-tv", "squeezenet1_1",
          str(ROOT / "tests" / "fixtures" / "memory" / "branchy.yaml"),
          # beyond the list: custom modules, aux heads, the newer kinds
          "lenet5", "googlenet-aux", "inception_v3", "resnext50_32x4d",
          str(ROOT / "tests" / "fixtures" / "modern_kinds.yaml")]
CELLS = [("fp32", False), ("bf16", False), ("bf16", True)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", default=MODELS)
    ap.add_argument("--batches", default="1,8")
    args = ap.parse_args()
    import cnnstat
    from cnnstat.torch.memory import check

    bad = 0
    print(f"{'model':16} {'batch':>5} {'type':9} {'result':8} {'kept (predicted)':>18} "
          f"{'infer peak':>14} {'s':>6}")
    for name in args.models:
        spec = cnnstat.load(name)
        for batch in (int(b) for b in args.batches.split(",")):
            for dtype, amp in CELLS:
                start = time.perf_counter()
                label = f"{dtype}{' amp' if amp else ''}"
                try:
                    comps = check(spec, batch, dtype, amp,
                                  "adam" if (batch == 1 and dtype == "fp32") else None)
                except NotImplementedError as err:
                    print(f"{Path(name).stem:16} {batch:5} {label:9} skipped  "
                          f"(torch cannot: {str(err).splitlines()[0]})")
                    continue
                ok = all(c.ok for c in comps)
                bad += not ok
                kept = next(c.predicted for c in comps if c.what.endswith("saved for backward"))
                peak = next((c.predicted for c in comps if c.what.endswith("inference peak")),
                            None)
                shown = f"{peak:,}" if peak is not None else "-"
                print(f"{Path(name).stem:16} {batch:5} {label:9} {'equal' if ok else 'DIFFER':8} "
                      f"{kept:18,} {shown:>14} "
                      f"{time.perf_counter() - start:6.1f}", flush=True)
                for c in comps:
                    if not c.ok:
                        print(f"    {c.what}: predicted {c.predicted:,} measured {c.measured:,}")
    print("all equal" if not bad else f"{bad} cells differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
