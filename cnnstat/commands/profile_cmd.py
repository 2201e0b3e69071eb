"""`cnnstat profile`: measured speed on CPU or GPU next to the analytic FLOPs."""

from __future__ import annotations

from typing import Optional

import typer

from cnnstat.cli import MODEL_HELP, ColumnsOpt, WideOpt, app, fail
from cnnstat.commands.timing_opts import (ChannelsLastOpt, CompileOpt, DtypeOpt, MaxSecondsOpt,
                                          MinRunsOpt, ThreadsOpt, set_threads, warn)

PROFILE_FORMATS = ("table", "json", "markdown")


def _batches(text: str) -> list[int]:
    from cnnstat.errors import SpecError

    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        values = []
    if not values or any(v < 1 or v > 65536 for v in values):
        raise SpecError(f"--sweep-batch must be a comma-separated list of batch sizes from 1 "
                        f"to 65536, like 1,8,32,128; not {text!r}")
    return values


@app.command("profile")
def profile_cmd(
    model: Optional[str] = typer.Argument(None, help=MODEL_HELP[:-1] + " Not "
                                                      "needed with --calibrate alone."),
    device: str = typer.Option("cpu", "--device", help="cpu or cuda."),
    batch: int = typer.Option(1, "--batch", "-b", help="Batch size."),
    dtype: str = DtypeOpt,
    channels_last: bool = ChannelsLastOpt,
    compile: bool = CompileOpt,
    per_layer: bool = typer.Option(False, "--per-layer",
                                   help="Time every layer; MACs, bytes moved, arithmetic "
                                        "intensity and the roofline verdict."),
    calibrate: bool = typer.Option(False, "--calibrate",
                                   help="Measure this device's peak matmul FLOP/s and memory "
                                        "bandwidth and cache them."),
    sweep_batch: Optional[str] = typer.Option(None, "--sweep-batch",
                                              help="Latency and throughput for each batch "
                                                   "size, e.g. 1,8,32,128."),
    threads: Optional[int] = ThreadsOpt,
    input: Optional[str] = typer.Option(None, "--input", "-i", help="Override the input, CxHxW."),
    max_seconds: float = MaxSecondsOpt,
    min_runs: int = MinRunsOpt,
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or markdown."),
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """Measure latency, throughput, achieved FLOP/s and peak memory of a spec's model."""
    from cnnstat.commands.torch_cmds import need_torch
    from cnnstat.errors import SpecError

    need_torch("profile")

    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick
    from cnnstat.spec.order import parse_input
    from cnnstat.torch import profile as prof
    from cnnstat.torch import roofline
    from cnnstat.reports.measured import calibration_report, profile_report, sweep_report
    from cnnstat.models.zoo import load

    try:
        if fmt not in PROFILE_FORMATS:
            raise SpecError(f"--format must be one of {', '.join(PROFILE_FORMATS)}, not {fmt!r}")
        set_threads(threads)
        dev = prof.resolve_device(device)
        if dtype not in roofline.DTYPES:
            raise SpecError(f"--dtype must be one of {', '.join(roofline.DTYPES)}, not {dtype!r}")
        if batch < 1:
            raise SpecError(f"--batch must be at least 1, not {batch}")
        if model is None and not calibrate:
            raise SpecError("give a model to profile (or --calibrate alone)")
        peaks = roofline.load_peaks(dev, dtype)
        if calibrate or (per_layer and peaks is None):
            with _status(f"calibrating {roofline.device_name(dev)} in {dtype}"):
                peaks = roofline.calibrate(dev, dtype)
            path = roofline.save_peaks(dev, peaks)
            if model is None:
                emit(calibration_report(peaks, str(path)), fmt, wide=wide)
                return
        shape = parse_input(input) if input is not None else None
        spec = load(model, input=shape)
        if sweep_batch:
            docs = []
            for b in _batches(sweep_batch):
                with _progress(f"{spec.name} batch {b}") as tick:
                    docs.append(prof.profile(spec, device=device, batch=b, dtype=dtype,
                                             channels_last=channels_last, compile=compile,
                                             input=shape, peaks=peaks, max_seconds=max_seconds,
                                             min_runs=min_runs, on_run=tick,
                                             option="--sweep-batch size"))
            emit(pick(sweep_report(docs), columns), fmt, wide=wide)
            warn(docs)
            return
        with _progress(spec.name) as tick:
            doc = prof.profile(spec, device=device, batch=batch, dtype=dtype,
                               channels_last=channels_last, compile=compile,
                               per_layer=per_layer, input=shape, peaks=peaks,
                               max_seconds=max_seconds, min_runs=min_runs, on_run=tick)
        report = pick(profile_report(doc), columns)
    except SpecError as err:
        fail(err)
    emit(report, fmt, wide=wide)
    warn([doc])


class _status:
    """A spinner on stderr while something runs (silent when stderr is not a terminal)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ctx = None

    def __enter__(self):
        import sys

        if sys.stderr.isatty():
            from rich.console import Console

            self.ctx = Console(stderr=True).status(self.text)
            self.ctx.__enter__()
        return self

    def __exit__(self, *exc):
        if self.ctx is not None:
            self.ctx.__exit__(*exc)


class _progress:
    """A progress bar of timed runs on stderr; yields a tick(n_runs) callback."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.bar = None

    def __enter__(self):
        import sys

        if not sys.stderr.isatty():
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn

        self.bar = Progress(TextColumn("timing {task.description}"), BarColumn(),
                            TextColumn("{task.completed} runs"),
                            console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        task = self.bar.add_task(self.what, total=None)
        return lambda n: self.bar.update(task, completed=n)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
