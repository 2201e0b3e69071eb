"""`cnnstat conventions`: every counter's figure for one model, and why they differ."""

from __future__ import annotations

from typing import Optional

import typer

from cnnstat.cli import (
    MODEL_HELP, ColumnsOpt, FormatOpt, SetOpt, WideOpt, app, check_format, fail,
)

@app.command("conventions")
def conventions_cmd(
    model: str = typer.Argument(..., help=MODEL_HELP),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Override the input shape, CxHxW."),
    batch: int = typer.Option(1, "--batch", "-b", help="Batch size."),
    sources: bool = typer.Option(False, "--sources", help="Also list each rule used and "
                                 "the file and function of the tool's source it comes from."),
    overrides: Optional[list[str]] = SetOpt,
    fmt: str = FormatOpt,
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """What fvcore, FlopCounterMode, ptflops, thop, torchinfo and DeepSpeed report for a
    model, exactly, and the layer kinds that make the gaps between them."""
    from cnnstat.analysis import analyze
    from cnnstat.conventions.report import conventions_report
    from cnnstat.errors import SpecError
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick
    from cnnstat.spec.order import parse_input
    from cnnstat.models.zoo import load

    try:
        check_format(fmt)
        shape = parse_input(input) if input is not None else None
        a = analyze(load(model, overrides, input=shape), input=shape, batch=batch)
        report = pick(conventions_report(a, sources=sources), columns)
    except SpecError as err:
        fail(err)
    emit(report, fmt, wide=wide)
