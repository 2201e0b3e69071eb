"""Timing options shared by `cnnstat profile` and `cnnstat compare --measured`, so both
time a model the same way: threads, dtype, memory format, compilation and the budget."""

from __future__ import annotations

from typing import Optional

import typer

ThreadsOpt = typer.Option(None, "--threads",
                          help="CPU threads for torch (default: the cores available to "
                               "this process, so that timings are not inflated by "
                               "oversubscription).")
DtypeOpt = typer.Option("fp32", "--dtype", help="fp32, fp16 or bf16.")
ChannelsLastOpt = typer.Option(False, "--channels-last",
                               help="Use the channels-last memory format.")
CompileOpt = typer.Option(False, "--compile", help="Run through torch.compile.")
MaxSecondsOpt = typer.Option(20.0, "--max-seconds", help="Time budget per measurement.")
MinRunsOpt = typer.Option(10, "--min-runs", help="Fewest timed runs per measurement.")


def set_threads(threads: Optional[int]) -> int:
    """Give torch ``threads`` CPU threads, or ``timing.default_threads()``; a SpecError
    for fewer than one."""
    from cnnstat.errors import SpecError
    from cnnstat.torch.timing import available_cores, default_threads, use_threads

    if threads is not None and not 1 <= threads <= available_cores():
        raise SpecError(f"--threads must be from 1 to {available_cores()} (the CPU cores "
                        f"this process may use), not {threads}")
    n = threads if threads is not None else default_threads()
    use_threads(n)
    return n


def warn(docs: list[dict]) -> None:
    """Each doubtful timing as a warning on stderr."""
    from cnnstat.torch.timing import timing_warnings

    for doc in docs:
        for text in timing_warnings(doc):
            typer.echo(f"warning: {text}", err=True)
