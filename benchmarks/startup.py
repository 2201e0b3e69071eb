"""Startup and analysis speed of the analytic path.

Prints:
* the CPU time (user + system) of `cnnstat params vgg16` against the floor any typer +
  rich + PyYAML command line pays, `python -c "import typer, rich.table, yaml"`, and the
  ratio (target: at most 1.3; issue 23). The two are run in alternation, N times each,
  and the medians compared, so a busy machine slows both alike,
* whole-process wall time of `cnnstat params vgg16` (median of N runs, output discarded),
* whole-process wall time of `cnnstat list` (every bundled spec; target about 1 s),
* whole-process wall time of a bare `python -c "import torch"` in the same run, and the ratio
  (target: under 0.3 s, at most 0.15 x the torch import),
* in-process time to load and analyse every bundled spec (median of N rounds).

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return times


def cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) one run of ``cmd`` takes, children included."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise subprocess.CalledProcessError(status, cmd)
    return usage.ru_utime + usage.ru_stime


def cpu_ratio(ours: list[str], floor: list[str], runs: int) -> tuple[float, float]:
    """Median CPU seconds of ``ours`` and ``floor``, run in alternation."""
    cpu(ours), cpu(floor)  # warm the file cache
    mine, base = [], []
    for _ in range(runs):
        mine.append(cpu(ours))
        base.append(cpu(floor))
    return statistics.median(mine), statistics.median(base)


def describe(times: list[float]) -> str:
    q = statistics.quantiles(times, n=10) if len(times) >= 2 else times * 9
    return (f"median {statistics.median(times) * 1000:7.1f} ms   p10 {q[0] * 1000:7.1f}   "
            f"p90 {q[-1] * 1000:7.1f}   ({len(times)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    # `pip install` writes bytecode for the installed package; an editable checkout run
    # with PYTHONDONTWRITEBYTECODE=1 (set on some machines) never gets any and recompiles
    # every module on every start (~40 ms here). Measure the installed situation.
    import compileall
    import importlib.util

    package = Path(importlib.util.find_spec("cnnstat").origin).parent
    compileall.compile_dir(str(package), quiet=1)
    print(f"bytecode compiled for {package} (as pip install does)")

    exe = shutil.which("cnnstat")
    cnnstat_cmd = [exe] if exe else [sys.executable, "-m", "cnnstat"]
    cnnstat_cmd += ["params", "vgg16"]
    wall(cnnstat_cmd, 2)  # warm the file cache and bytecode
    if hasattr(os, "wait4"):
        floor_cmd = [sys.executable, "-c", "import typer, rich.table, yaml"]
        mine, base = cpu_ratio(cnnstat_cmd, floor_cmd, max(args.runs, 15))
        ratio = mine / base
        print(f"CPU time of cnnstat params vgg16    : {mine * 1000:7.1f} ms (median)")
        print(f"CPU time of the floor (python -c 'import typer, rich.table, yaml'): "
              f"{base * 1000:.1f} ms")
        print(f"ratio against the floor             : {ratio:.2f}  (target <= 1.3: "
              f"{'yes' if ratio <= 1.3 else 'NO'})")
    ours = wall(cnnstat_cmd, args.runs)
    print(f"cnnstat params vgg16 (whole process): {describe(ours)}")

    try:
        wall([sys.executable, "-c", "import torch"], 1)
        theirs = wall([sys.executable, "-c", "import torch"], max(5, args.runs // 3))
        print(f"python -c 'import torch'           : {describe(theirs)}")
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"ratio cnnstat / torch import        : {ratio:.3f}  (target <= 0.15)")
    except subprocess.CalledProcessError:
        print("python -c 'import torch'           : torch not installed, skipped")
    target = statistics.median(ours) < 0.3
    print(f"under 0.3 s whole-process           : {'yes' if target else 'NO'}")
    listing = cnnstat_cmd[:-2] + ["list"]  # every bundled spec loaded and analysed
    wall(listing, 1)
    print(f"cnnstat list (whole process)        : {describe(wall(listing, max(3, args.runs // 3)))}")

    sys.path.insert(0, str(ROOT))
    from cnnstat.analysis import analyze
    from cnnstat.spec.parse import load_spec_file
    from cnnstat.models.zoo import specs_dir

    paths = sorted(specs_dir().glob("*.yaml"))
    rounds = []
    layers = 0
    for _ in range(5):
        start = time.perf_counter()
        layers = sum(analyze(load_spec_file(p)).totals.layers for p in paths)
        rounds.append(time.perf_counter() - start)
    print(f"load + analyse all {len(paths)} bundled specs ({layers:,} layers), in process: "
          f"median {statistics.median(rounds) * 1000:.1f} ms "
          f"({statistics.median(rounds) / len(paths) * 1000:.2f} ms per spec)")


if __name__ == "__main__":
    main()
