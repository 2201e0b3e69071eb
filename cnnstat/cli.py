"""The ``cnnstat`` command: each command loads, calls the library, and formats.

Errors in user input (``SpecError``) are printed as one paragraph and exit with status 2.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

app = typer.Typer(
    name="cnnstat",
    help="Exact, explained statistics of CNN architectures: shapes, parameters, MACs, "
         "receptive fields and memory, layer by layer.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FormatOpt = typer.Option("table", "--format", "-f",
                         help="Output format: table, json, csv or markdown.")


def _fail(err: Exception) -> None:
    typer.echo(f"error: {err}", err=True)
    raise typer.Exit(2)


def _check_format(fmt: str) -> None:
    from cnnstat.render import FORMATS

    if fmt not in FORMATS:
        from cnnstat.errors import SpecError

        raise SpecError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")


@app.command("params")
def params_cmd(
    model: str = typer.Argument(..., help="A bundled spec name (see `cnnstat list`) or a path "
                                          "to a spec .yaml file."),
    depth: Optional[int] = typer.Option(None, "--depth", "-d",
                                        help="Fold rows to this many levels of the layer "
                                             "names (1: stages and modules)."),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Override the input shape, CxHxW, e.g. 3x160x160."),
    batch: int = typer.Option(1, "--batch", "-b", help="Batch size (scales MACs and "
                                                        "activations)."),
    fmt: str = FormatOpt,
) -> None:
    """Per-layer table of shapes, parameters, MACs and receptive field, with totals."""
    from cnnstat.analysis import analyze, fold
    from cnnstat.errors import SpecError
    from cnnstat.render import emit
    from cnnstat.reports import params_report
    from cnnstat.spec.parse import parse_shape
    from cnnstat.zoo import load

    try:
        _check_format(fmt)
        spec = load(model)
        shape = parse_shape(input, what="--input") if input else None
        a = analyze(spec, input=shape, batch=batch)
        rows = fold(a.rows, depth) if depth else a.rows
    except SpecError as err:
        _fail(err)
    emit(params_report(a, rows), fmt)


@app.command("list")
def list_cmd(fmt: str = FormatOpt) -> None:
    """The bundled specs, with params, MACs, depth and the torchvision builder they match."""
    from cnnstat.analysis import analyze
    from cnnstat.errors import SpecError
    from cnnstat.render import emit
    from cnnstat.reports import list_report
    from cnnstat.zoo import bundled_names, load

    try:
        _check_format(fmt)
        entries = []
        for name in bundled_names():
            try:
                entries.append((name, analyze(load(name))))
            except SpecError as err:
                entries.append((name, f"error: {err}"))
    except SpecError as err:
        _fail(err)
    emit(list_report(entries), fmt)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)


if __name__ == "__main__":
    main()
