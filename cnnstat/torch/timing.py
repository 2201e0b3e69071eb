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
