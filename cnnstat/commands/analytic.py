"""Analytic commands (no torch): `params` and `list`."""

from __future__ import annotations

from typing import Optional

import typer

from cnnstat.cli import (
    MODEL_HELP, ColumnsOpt, FormatOpt, SetOpt, WideOpt, app, check_format, fail,
)


@app.command("params")
def params_cmd(
    model: str = typer.Argument(..., help=MODEL_HELP),
    depth: Optional[int] = typer.Option(None, "--depth", "-d",
                                        help="Fold rows to this many levels of the layer "
                                             "names (1: stages and modules)."),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Override the input shape, CxHxW, e.g. 3x160x160."),
    batch: int = typer.Option(1, "--batch", "-b", help="Batch size (scales MACs and "
                                                        "activations)."),
    convention: str = typer.Option("macs", "--convention", "-c",
                                   help="Count as a tool does: macs (default), torch, fvcore, "
                                        "ptflops, thop, torchinfo or deepspeed (see `cnnstat "
                                        "conventions`)."),
    explain: bool = typer.Option(False, "--explain", "-e",
                                 help="Show every layer's formulas with the numbers "
                                      "substituted (output size, params, MACs) instead of "
                                      "the table."),
    overrides: Optional[list[str]] = SetOpt,
    fmt: str = FormatOpt,
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """Per-layer table of shapes, parameters, MACs and receptive field, with totals."""
    from cnnstat.analysis import analyze, fold
    from cnnstat.errors import SpecError
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick
    from cnnstat.reports.analytic import params_report
    from cnnstat.spec.order import parse_input
    from cnnstat.models.zoo import load

    try:
        check_format(fmt)
        shape = parse_input(input) if input is not None else None
        spec = load(model, overrides, input=shape)
        a = analyze(spec, input=shape, batch=batch)
        rows = fold(a.rows, depth) if depth is not None else a.rows
        if explain:
            if depth is not None or convention != "macs":
                raise SpecError("--explain shows every layer in cnnstat's own convention; "
                                "use it without --depth and --convention")
            from cnnstat.reports.analytic import explain_report

            report = explain_report(a)
        elif convention != "macs":
            from cnnstat.conventions.report import params_report as convention_report

            report = convention_report(a, rows, convention, depth)
        else:
            report = params_report(a, rows)
        report = pick(report, columns)
    except SpecError as err:
        fail(err)
    emit(report, fmt, wide=wide)


@app.command("list")
def list_cmd(fmt: str = FormatOpt, wide: bool = WideOpt,
             columns: Optional[str] = ColumnsOpt) -> None:
    """The bundled specs, with params, MACs, depth and the torchvision builder they match."""
    from cnnstat.errors import SpecError
    from cnnstat.models.listing import summaries
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick
    from cnnstat.reports.analytic import list_report

    try:
        check_format(fmt)
        report = pick(list_report(summaries()), columns)
    except SpecError as err:
        fail(err)
    emit(report, fmt, wide=wide)


@app.command("kinds")
def kinds_cmd(kind: Optional[str] = typer.Argument(None, help="One layer kind to show "
                                                             "argument by argument, e.g. conv."),
              fmt: str = FormatOpt, wide: bool = WideOpt,
              columns: Optional[str] = ColumnsOpt) -> None:
    """The layer kinds a spec can use, with their arguments and counting rules."""
    from cnnstat.errors import SpecError
    from cnnstat.layers.catalog import report
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick

    try:
        check_format(fmt)
        if fmt == "csv":
            raise SpecError("kinds prints a table, json or markdown, not csv")
        shown = pick(report(kind), columns)
    except SpecError as err:
        fail(err)
    emit(shown, fmt, wide=wide)
