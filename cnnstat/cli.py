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
         "receptive fields and memory, layer by layer. Start with `cnnstat list` and "
         "`cnnstat params vgg16`; `cnnstat COMMAND -h` lists a command's options.",
    add_completion=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FormatOpt = typer.Option("table", "--format", "-f",
                         help="Output format: table, json, csv or markdown.")
SetOpt = typer.Option(None, "--set", "-s", metavar="NAME=VALUE",
                      help="Override a variable of the spec's `vars` (repeatable), e.g. "
                           "--set width_mult=0.75.")
WideOpt = typer.Option(False, "--wide", "-w",
                       help="Show every column, however wide (the table otherwise fits the "
                            "terminal, or COLUMNS, or 80 columns, leaving columns out).")
# Every command that takes a model says the same about what a model can be.
MODEL_HELP = ("A bundled spec name (`cnnstat list`), a spec .yaml file, or a PyTorch model "
              "as an import target: torchvision:NAME, timm:NAME, file.py:Class or "
              "pkg.mod:factory (needs torch).")
MODELS_HELP = ("Bundled spec names (`cnnstat list`), spec .yaml files, or PyTorch models as "
               "import targets: torchvision:NAME, timm:NAME, file.py:Class or "
               "pkg.mod:factory (need torch).")
ColumnsOpt = typer.Option(None, "--columns",
                          help="Show these columns, in this order, e.g. "
                               "--columns name,output,params,macs (any format).")


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("cnnstat")
    except PackageNotFoundError:  # run from a checkout without installing
        return "unknown (not installed)"


@app.callback()
def main_options(
    ctx: typer.Context,
    show_version: bool = typer.Option(False, "--version", "-V", is_eager=True,
                                      help="Print cnnstat's version and exit."),
) -> None:
    """Options of `cnnstat` itself; a bare `cnnstat` prints the help."""
    if show_version:
        typer.echo(f"cnnstat {version()}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:  # bare `cnnstat`: the help, and success
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def fail(err: Exception, code: int = 2) -> None:
    """Print a user error as one paragraph and exit (2: bad input)."""
    from cnnstat.errors import printable

    typer.echo(f"error: {printable(str(err))}", err=True)
    raise typer.Exit(code)


def check_format(fmt: str, extra: tuple[str, ...] = ()) -> None:
    """Refuse a --format that is neither a render format nor one of the command's own
    (``extra``)."""
    from cnnstat.render.report import FORMATS

    if fmt not in FORMATS and fmt not in extra:
        from cnnstat.errors import SpecError

        raise SpecError(f"--format must be one of {', '.join(FORMATS + extra)}, not {fmt!r}")


# Each command lives in its own module under cnnstat/commands and registers itself on
# `app`; importing them here is what makes them part of the CLI. They import the library
# (and rich, and torch where needed) inside the command function, to keep startup fast.
from cnnstat.commands import analytic  # noqa: E402,F401
from cnnstat.commands import check  # noqa: E402,F401
from cnnstat.commands import study  # noqa: E402,F401
from cnnstat.commands import torch_cmds  # noqa: E402,F401
from cnnstat.commands import profile_cmd  # noqa: E402,F401
from cnnstat.commands import conventions_cmd  # noqa: E402,F401
from cnnstat.commands import import_cmd  # noqa: E402,F401
from cnnstat.commands import draw_cmd  # noqa: E402,F401
from cnnstat.commands import memory_cmd  # noqa: E402,F401


def only_invoked(argv: list[str]) -> typer.Typer:
    """The app with just the command ``argv`` invokes, when its first word names one:
    typer builds every registered command's options from its signature before it runs
    any (a third of the start-up of `cnnstat params vgg16`), so the others are left
    out. Help, a misspelt command or options first keep the whole app."""
    import copy

    chosen = [c for c in app.registered_commands if argv and c.name == argv[0]]
    if not chosen:
        return app
    one = copy.copy(app)
    one.registered_commands = chosen
    return one


def main() -> None:
    try:
        only_invoked(sys.argv[1:])()
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
