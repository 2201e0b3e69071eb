"""`cnnstat import` against torchvision: parity, folding and speed.

Needs torchvision (which does not import with the CI's torch 2.13; run it in a venv with
torch and torchvision, e.g. /work/tvvenv, with this checkout on PYTHONPATH):

    PYTHONPATH=. /work/tvvenv/bin/python benchmarks/import_parity.py [--only NAME ...]

Prints three tables:

* **parity**: every CNN builder of ``torchvision.models`` (all but ``vit_*``, ``swin_*``
  and ``maxvit_t``), built with ``weights=None`` on the meta device at its evaluation crop,
  imported with ``cnnstat.torch.importer.import_target``; the imported spec's params,
  buffers and MACs against the builder's own: ``sum(numel)`` of its parameters and
  buffers, and ``torch.utils.flop_counter.FlopCounterMode`` FLOPs / 2 over one forward
  (torch's count, not cnnstat's). Also the imported spec's line count and import time.
* **folding**: line counts of imported specs beside the bundled hand-written twin.
* **speed**: wall time of a fresh process that imports resnet50 and efficientnet_b0,
  including ``import torch`` (median of 3; goal under 3 s).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = ("vit_", "swin_", "maxvit_t")
TWINS = {"resnet50": "resnet50-tv", "densenet121": "densenet121",
         "mobilenet_v2": "mobilenet_v2", "efficientnet_b0": "efficientnet_b0"}


def builders() -> list[str]:
    import torchvision.models as models

    return [n for n in models.list_models(module=models) if not n.startswith(SKIP)]


def torch_counts(name: str, crop: int) -> tuple[int, int, int]:
    import torch
    import torchvision.models as models
    from torch.utils.flop_counter import FlopCounterMode

    from cnnstat.torch.targets import build_target

    model = build_target(f"torchvision:{name}", {}).module.eval()
    params = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for b in model.buffers())
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model(torch.empty(1, 3, crop, crop, device="meta"))
    del models
    return params, buffers, counter.get_total_flops() // 2


def parity(names: list[str]) -> list[dict]:
    from cnnstat.analysis import analyze
    from cnnstat.errors import SpecError
    from cnnstat.torch.importer import import_target

    rows = []
    for name in names:
        start = time.perf_counter()
        try:
            spec = import_target(f"torchvision:{name}")
        except SpecError as err:
            rows.append({"name": name, "error": str(err)[:160]})
            print(f"{name:24} error: {str(err)[:150]}", flush=True)
            continue
        seconds = time.perf_counter() - start
        a = analyze(spec)
        crop = spec.input[1]
        p, b, m = torch_counts(name, crop)
        row = {"name": name, "crop": crop, "lines": len(spec.to_yaml().splitlines()),
               "seconds": seconds, "params": (a.totals.params, p),
               "buffers": (a.totals.buffers, b), "macs": (a.totals.macs, m)}
        row["exact"] = all(x == y for x, y in (row["params"], row["buffers"], row["macs"]))
        rows.append(row)
        print(f"{name:24} {'exact' if row['exact'] else 'DIFFERS':7} crop {crop:3} "
              f"lines {row['lines']:4} {seconds:5.2f} s  params {p:,}  MACs {m:,}"
              + ("" if row["exact"] else f"  (cnnstat {a.totals.params:,} / "
                 f"{a.totals.buffers:,} / {a.totals.macs:,}; torch buffers {b:,})"),
              flush=True)
    return rows


def folding() -> None:
    from cnnstat.errors import SpecError
    from cnnstat.torch.importer import import_target
    from cnnstat.models.zoo import specs_dir

    print("\nfolding: imported spec vs bundled hand-written twin (lines)")
    print(f"{'builder':18} {'imported':>8} {'twin':>16} {'twin lines':>10}")
    for name, twin in TWINS.items():
        path = specs_dir() / f"{twin}.yaml"
        twin_lines = len(path.read_text().splitlines()) if path.exists() else None
        try:
            lines = len(import_target(f"torchvision:{name}").to_yaml().splitlines())
        except SpecError as err:
            lines = f"error: {err}"[:40]
        print(f"{name:18} {lines:>8} {twin if twin_lines else '(no twin yet)':>16} "
              f"{twin_lines if twin_lines else '-':>10}")


_TIMED = """
import time
t0 = time.perf_counter()
import torch, torchvision
t1 = time.perf_counter()
from cnnstat.torch.importer import import_target
import_target("torchvision:{name}").to_yaml()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def speed(runs: int = 3) -> None:
    """A fresh process per run: the time to import torch and torchvision, then the time
    to import the model (cnnstat's own modules included); the total is the user's wait."""
    print(f"\nspeed: fresh process per run, median of {runs}")
    print(f"{'builder':18} {'total':>8} {'import torch+tv':>16} {'cnnstat import':>15}")
    for name in ("resnet50", "efficientnet_b0"):
        parts = []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", _TIMED.format(name=name)], check=True,
                                 cwd=ROOT, capture_output=True, text=True).stdout.split()
            parts.append(tuple(float(x) for x in out[-2:]))
        t_torch = statistics.median(p[0] for p in parts)
        t_import = statistics.median(p[1] for p in parts)
        total = statistics.median(p[0] + p[1] for p in parts)
        print(f"{name:18} {total:7.2f}s {t_torch:15.2f}s {t_import:14.2f}s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="builders to check (default: all CNNs)")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()
    names = args.only or builders()
    rows = parity(names)
    exact = sum(1 for r in rows if r.get("exact"))
    print(f"\n{exact}/{len(rows)} builders imported exactly (params, buffers and MACs equal "
          f"torch's); median {statistics.median([r['lines'] for r in rows if 'lines' in r] or [0])}"
          " lines")
    folding()
    if not args.skip_speed:
        speed()


if __name__ == "__main__":
    main()
