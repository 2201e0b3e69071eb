"""Timing a callable with the right clock, until the figure is stable.

On CUDA each run is bracketed by CUDA events (the GPU's own clock, after a synchronise);
on CPU by ``time.perf_counter``. Runs continue in rounds until the median moves by less
than ``rel_tol`` between rounds (at least ``min_runs``), or until ``max_runs`` or
``max_seconds`` is reached; the result says which.
"""

from __future__ import annotations

import statistics
import time
from typing import Callable, NamedTuple

import torch


class Timing(NamedTuple):
    median_s: float
    p10_s: float
    p90_s: float
    runs: int
    stable: bool  # False: stopped by max_runs / max_seconds before the median settled

    def as_ms(self) -> dict:
        return {"median": self.median_s * 1e3, "p10": self.p10_s * 1e3,
                "p90": self.p90_s * 1e3}


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _one_run(fn: Callable[[], object], device: torch.device) -> float:
    if device.type == "cuda":
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        end.synchronize()
        return start.elapsed_time(end) / 1e3
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile, q in [0, 100]."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def measure(fn: Callable[[], object], device: torch.device, *, warmup: int = 3,
            min_runs: int = 10, max_runs: int = 500, max_seconds: float = 20.0,
            rel_tol: float = 0.02, round_size: int = 5,
            on_run: Callable[[int], None] | None = None) -> Timing:
    """Warm up, then time ``fn`` until its median is stable. ``max_seconds`` bounds the
    whole call, warm-up included (one timed run is always made)."""
    deadline = time.perf_counter() + max_seconds
    for _ in range(warmup):
        if time.perf_counter() > deadline:
            break
        fn()
    synchronize(device)
    times: list[float] = []
    previous = None
    stable = False
    while len(times) < max_runs:
        for _ in range(round_size):
            times.append(_one_run(fn, device))
            if on_run:
                on_run(len(times))
            if time.perf_counter() > deadline:
                break
        median = statistics.median(times)
        if len(times) >= min_runs and previous is not None \
                and abs(median - previous) <= rel_tol * previous:
            stable = True
            break
        previous = median
        if time.perf_counter() > deadline:
            break
    return Timing(statistics.median(times), percentile(times, 10), percentile(times, 90),
                  len(times), stable)


# --------------------------------------------------------------------------- threads

MAX_THREADS = 32  # beyond this a forward pass of these models gains nothing measurable


def available_cores() -> int:
    """CPU cores this process may actually run on: its affinity mask (``taskset``,
    ``docker --cpuset-cpus``), capped by a cgroup v2 CPU quota (``docker --cpus``)."""
    import math
    import os

    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows
        n = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as fh:
            quota, period = fh.read().split()[:2]
        if quota != "max" and int(period) > 0:
            n = min(n, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, n)


def idle_cores() -> int:
    """The available cores less the share that other work keeps busy (the one-minute load
    average over the machine's cores), at least 1."""
    import os

    cores = available_cores()
    try:
        busy = min(1.0, os.getloadavg()[0] / (os.cpu_count() or cores))
    except (AttributeError, OSError):  # no load average (Windows)
        return cores
    return max(1, int(cores * (1.0 - busy)))


def default_threads() -> int:
    """Threads for timing when the user gives none: the idle cores available to this
    process, no more than torch's own default (physical cores, or ``OMP_NUM_THREADS``) and
    ``MAX_THREADS``. Torch's default counts every core of the machine, busy or not; on a
    shared or containerised one its threads wait on each other and a 4 ms forward pass
    takes 600 ms."""
    return max(1, min(idle_cores(), torch.get_num_threads(), MAX_THREADS))


def use_threads(threads: int) -> None:
    """Give torch ``threads`` CPU threads in this process (a timing run's ``--threads``, or
    a verify worker's share of the cores, so that workers do not fight over them)."""
    torch.set_num_threads(threads)


def timing_warnings(doc: dict) -> list[str]:
    """What makes a ``profile`` figure doubtful: runs that did not settle, a wide spread,
    or more threads than cores."""
    out = []
    lat = doc["latency_ms"]
    if not doc["stable"]:
        out.append(f"{doc['model']}: the median did not settle within the time budget "
                   f"({doc['runs']} runs); other work may be competing for the "
                   "processor: try --max-seconds 60, or fewer --threads")
    elif lat["p10"] > 0 and lat["p90"] / lat["p10"] > 1.5:
        out.append(f"{doc['model']}: run times vary widely (p10 {lat['p10']:.3f} ms, p90 "
                   f"{lat['p90']:.3f} ms); the machine may be busy")
    cores = doc.get("cores")
    if doc["device_type"] == "cpu" and cores and doc["threads"] > cores:
        out.append(f"{doc['model']}: {doc['threads']} threads on {cores} available cores "
                   "oversubscribes the processor; timings are inflated (try --threads "
                   f"{cores})")
    return out
