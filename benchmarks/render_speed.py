"""How fast the biggest outputs print: every command's time, whole process, output to a
pipe (as `cnnstat ... | less` or a test would read it). Both wall time and the CPU time
of the process (user + system) are printed: on a shared, loaded machine the wall time
mostly measures the queue for a core, the CPU time what cnnstat itself costs.

Prints, for the biggest bundled specs (ResNet-1202: 4,208 rows; Pre-activation
ResNet-1001; DenseNet-264; FractalNet), the median wall time of `params` as a table (80
columns and --wide), JSON, CSV and markdown, `params --explain`, `conventions`,
`diagram` and `compare`; then, with --all, every analytic command on every bundled spec
and the slowest of them. Target: every command on every bundled spec under 1 s.

Usage: python benchmarks/render_speed.py [--runs N] [--all]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIG = ("resnet1202", "preact-resnet1001", "densenet264", "fractalnet-cifar")
VARIANTS = (
    ("params (table, 80 columns)", ["params", "{m}"]),
    ("params --wide", ["params", "{m}", "--wide"]),
    ("params -f json", ["params", "{m}", "-f", "json"]),
    ("params -f csv", ["params", "{m}", "-f", "csv"]),
    ("params -f markdown", ["params", "{m}", "-f", "markdown"]),
    ("params --explain", ["params", "{m}", "--explain"]),
    ("conventions", ["conventions", "{m}"]),
    ("diagram", ["diagram", "{m}"]),
    ("compare with resnet18", ["compare", "{m}", "resnet18"]),
)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(args: list[str], runs: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of ``cnnstat ARGS``."""
    env = dict(os.environ, COLUMNS="80")
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        proc = subprocess.run([sys.executable, "-m", "cnnstat", *args], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"cnnstat {' '.join(args)} failed ({proc.returncode})")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--all", action="store_true",
                        help="also every command on every bundled spec (a few minutes)")
    opts = parser.parse_args()
    print(f"median of {opts.runs} runs, whole process, stdout piped, COLUMNS=80; load "
          f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'':30} {'wall':>9} {'CPU':>9}")
    worst = (0.0, 0.0, "")

    def show(label: str, args: list[str]) -> None:
        nonlocal worst
        w, c = measure(args, opts.runs)
        worst = max(worst, (c, w, " ".join(args)))
        print(f"{label:<30} {w * 1000:6.0f} ms {c * 1000:6.0f} ms")

    for model in BIG:
        print(f"{model}")
        for label, args in VARIANTS:
            show("  " + label, [a.format(m=model) for a in args])
    show("list", ["list"])
    show("explain (topics)", ["explain"])
    if opts.all:
        sys.path.insert(0, str(ROOT))
        from cnnstat.models.zoo import bundled_names

        names = bundled_names()
        for model in names:
            for _, args in VARIANTS:
                args = [a.format(m=model) for a in args]
                w, c = measure(args, 1)
                worst = max(worst, (c, w, " ".join(args)))
        print(f"every command above on all {len(names)} bundled specs: done")
    cpu, w, args = worst
    print(f"slowest in CPU time: cnnstat {args}: {cpu * 1000:.0f} ms CPU, {w * 1000:.0f} ms "
          f"wall ({'under' if cpu < 1 else 'OVER'} 1 s)")


if __name__ == "__main__":
    main()
