"""Measured speed of a spec's model next to its analytic FLOPs.

``profile`` builds the model with real random weights in eval mode, times the forward
pass (``timing.measure``: CUDA events on GPU, ``perf_counter`` on CPU, repeated until
stable), and reports latency, throughput, achieved FLOP/s (analytic FLOPs = 2 x MACs,
divided by the measured time) and peak memory. ``per_layer`` times each layer with
hooks and places it on the roofline (``roofline.py``).
"""

from __future__ import annotations

import math
import resource
import statistics
import sys
import time
from typing import Any, Callable

import torch

from cnnstat.analysis import analyze
from cnnstat.errors import SpecError
from cnnstat.spec.graph import Spec
from cnnstat.torch import fit as fits
from cnnstat.torch.build import build
from cnnstat.torch.roofline import DTYPES, Peaks, attainable, bound, device_name
from cnnstat.torch.timing import Timing, available_cores, measure, percentile, synchronize


def resolve_device(name: str) -> torch.device:
    if name not in ("cpu", "cuda") and not name.startswith("cuda:"):
        raise SpecError(f"--device must be cpu or cuda, not {name!r}")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise SpecError("--device cuda: CUDA is not available here (no GPU, or a CPU-only "
                        f"build of PyTorch {torch.__version__}); use --device cpu")
    return torch.device(name)


def prepare(spec: Spec, device: torch.device, dtype: str, *, channels_last: bool = False,
            compile: bool = False, input: tuple[int, ...] | None = None):
    """The model on ``device`` in ``dtype`` with random weights, eval mode."""
    if dtype not in DTYPES:
        raise SpecError(f"--dtype must be one of {', '.join(DTYPES)}, not {dtype!r}")
    torch.manual_seed(0)
    model = build(spec, device=device, input=input).to(DTYPES[dtype]).eval()
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    run = torch.compile(model) if compile else model
    return model, run


def make_input(shape: tuple[int, ...], batch: int, device: torch.device, dtype: str,
               channels_last: bool) -> torch.Tensor:
    x = torch.randn((batch, *shape), device=device).to(DTYPES[dtype])
    if channels_last and x.dim() == 4:
        x = x.contiguous(memory_format=torch.channels_last)
    return x


def _forward(run, x) -> Callable[[], object]:
    def fn():
        with torch.inference_mode():
            return run(x)
    return fn


def _first_forward(fn, name: str, device: torch.device, dtype: str) -> None:
    try:
        fn()
    except (RuntimeError, NotImplementedError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise SpecError(f"{name} does not run on {device.type} in {dtype}: {first}") from None


def peak_memory(device: torch.device) -> tuple[int, str]:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device), "torch.cuda.max_memory_allocated"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return rss * scale, "process peak resident set size"


PROBE_SHARE = 0.05  # a probe forward this share of --max-seconds is long enough to scale


def _check_time(what: str, run, shape, batch: int, dev: torch.device, dtype: str,
                channels_last: bool, max_seconds: float, option: str = "--batch") -> None:
    """Time forwards at batch 1, 4, 16 … (below ``batch``) until one takes a noticeable
    share of ``max_seconds`` (or the next would reach ``batch``), scale the last linearly
    to ``batch``, and refuse before the
    full batch is allocated when one forward would take longer than ``max_seconds``
    (``--batch 100000`` of LeNet-5 took minutes and 7.5 GB before)."""
    b, took = 1, 0.0
    while b < batch:
        fn = _forward(run, make_input(shape, b, dev, dtype, channels_last))
        fn()  # the first call of a shape warms caches and kernels
        synchronize(dev)
        started = time.perf_counter()
        fn()
        synchronize(dev)
        took = time.perf_counter() - started
        estimate = took * batch / b
        if took < PROBE_SHARE * max_seconds and b * 4 < batch:
            b *= 4  # too short to scale from: per-call overhead would dominate
            continue
        if estimate > max_seconds:
            raise SpecError(
                f"{what}: one forward pass is estimated at {estimate:,.1f} s (batch {b} "
                f"took {took * 1000:,.1f} ms; scaled by {batch:,} / {b:,}), more than "
                f"--max-seconds {max_seconds:g}; use a smaller {option}, or a larger "
                "--max-seconds") from None
        return


def profile(spec: Spec, *, device: str = "cpu", batch: int = 1, dtype: str = "fp32",
            channels_last: bool = False, compile: bool = False, per_layer: bool = False,
            input: tuple[int, ...] | None = None, peaks: Peaks | None = None,
            max_seconds: float = 20.0, min_runs: int = 10,
            on_run: Callable[[int], None] | None = None,
            option: str = "--batch") -> dict[str, Any]:
    """Time one configuration; returns the JSON document ``cnnstat profile`` prints.
    ``option`` names the option that chose ``batch``, for the too-slow refusal."""
    dev = resolve_device(device)
    if batch < 1:
        raise SpecError(f"--batch must be at least 1, not {batch}")
    if not math.isfinite(max_seconds) or max_seconds <= 0:
        raise SpecError(f"--max-seconds must be a positive number, not {max_seconds}")
    analysis = analyze(spec, input=input, batch=batch)
    if dtype not in DTYPES:
        raise SpecError(f"--dtype must be one of {', '.join(DTYPES)}, not {dtype!r}")
    fits.require(analysis, dev, f"profiling {spec.name} at batch {batch}", dtype)
    with fits.torch_errors(f"profiling {spec.name} at batch {batch}"):
        model, run = prepare(spec, dev, dtype, channels_last=channels_last, compile=compile,
                             input=input)
        if batch > 1 and not compile:  # (compiling per probe shape would cost more)
            _check_time(f"profiling {spec.name} at batch {batch}", run, analysis.input,
                        batch, dev, dtype, channels_last, max_seconds, option)
        x = make_input(analysis.input, batch, dev, dtype, channels_last)
        fn = _forward(run, x)
        if dev.type == "cuda":
            torch.cuda.reset_peak_memory_stats(dev)
        started = time.perf_counter()
        _first_forward(fn, spec.name, dev, dtype)
        synchronize(dev)
        first = time.perf_counter() - started
        if first >= max_seconds:  # one run already took the whole budget: report it
            t = Timing(first, first, first, 1, False)
        else:
            t = measure(fn, dev, max_seconds=max_seconds - first, min_runs=min_runs,
                        on_run=on_run)
    memory, memory_source = peak_memory(dev)
    flops = analysis.totals.flops
    doc: dict[str, Any] = {
        "model": spec.name, "device": device_name(dev), "device_type": dev.type,
        "dtype": dtype, "batch": batch, "input": list(analysis.input),
        "channels_last": channels_last, "compile": compile,
        "torch": torch.__version__, "threads": torch.get_num_threads(),
        "cores": available_cores(),
        "latency_ms": t.as_ms(), "runs": t.runs, "stable": t.stable,
        "throughput": batch / t.median_s,
        "macs": analysis.totals.macs, "flops": flops,
        "achieved_flops": flops / t.median_s,
        "peak_memory_bytes": memory, "peak_memory_source": memory_source,
    }
    if peaks is not None:
        doc["peak_flops"] = peaks.flops
        doc["peak_bandwidth"] = peaks.bandwidth
        doc["fraction_of_peak"] = doc["achieved_flops"] / peaks.flops
    if per_layer:
        doc["layers"] = per_layer_times(model, x, analysis, dev, dtype, peaks,
                                        runs=min(max(t.runs, 5), 50))
    return doc


def per_layer_times(model, x, analysis, device: torch.device, dtype: str,
                    peaks: Peaks | None, *, runs: int) -> list[dict[str, Any]]:
    """Median time of every layer (forward hooks), with MACs, bytes moved, intensity and
    the roofline verdict when ``peaks`` are known."""
    rows = {r.name: r for r in analysis.rows}
    # every module named after a row (a special layer may have children of its own)
    leaves = [(name, m) for name, m in model.named_modules() if name in rows]
    samples: dict[str, list[float]] = {name: [] for name, _ in leaves}
    cuda = device.type == "cuda"
    pending: list[tuple[str, Any, Any]] = []
    starts: dict[str, Any] = {}

    def pre(name):
        def hook(module, args):
            if cuda:
                ev = torch.cuda.Event(enable_timing=True)
                ev.record()
                starts[name] = ev
            else:
                starts[name] = time.perf_counter()
        return hook

    def post(name):
        def hook(module, args, out):
            if cuda:
                ev = torch.cuda.Event(enable_timing=True)
                ev.record()
                pending.append((name, starts[name], ev))
            else:
                samples[name].append(time.perf_counter() - starts[name])
        return hook

    handles = []
    for name, m in leaves:
        handles.append(m.register_forward_pre_hook(pre(name)))
        handles.append(m.register_forward_hook(post(name)))
    try:
        with torch.inference_mode():
            for _ in range(runs):
                model(x)
                if cuda:
                    synchronize(device)
                    for name, a, b in pending:
                        samples[name].append(a.elapsed_time(b) / 1e3)
                    pending.clear()
    finally:
        for h in handles:
            h.remove()
    size = torch.empty((), dtype=DTYPES[dtype]).element_size()
    out = []
    for name, _ in leaves:
        r = rows[name]
        secs = statistics.median(samples[name]) if samples[name] else 0.0
        moved = (sum(_numel(s) for s in r.inputs) + _numel(r.output)) * analysis.batch * size \
            + r.params * size
        flops = 2 * r.macs
        intensity = flops / moved if moved else 0.0
        entry: dict[str, Any] = {
            "name": name, "type": r.type, "time_ms": secs * 1e3,
            "p90_ms": percentile(samples[name], 90) * 1e3 if samples[name] else 0.0,
            "macs": r.macs, "bytes": moved, "intensity": intensity,
            "achieved_flops": flops / secs if secs and flops else 0.0,
        }
        if peaks is not None and flops:
            entry["bound"] = bound(intensity, peaks)
            roof = attainable(intensity, peaks)
            entry["fraction_of_roof"] = entry["achieved_flops"] / roof if roof else 0.0
        out.append(entry)
    return out


def _numel(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n
