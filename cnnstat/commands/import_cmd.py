"""`cnnstat import`: a readable spec from any PyTorch model (needs the torch extra)."""

from __future__ import annotations

from typing import Optional

import typer

from cnnstat.cli import app, fail
from cnnstat.commands.outputs import FORCE_HELP, check_outputs, wanted, write_output


MAX_KWARGS_CHARS = 1_000_000  # --kwargs is a few keyword arguments, not a data file
MAX_KWARGS_DEPTH = 20


@app.command("import")
def import_cmd(
    target: str = typer.Argument(..., help="torchvision:NAME, timm:NAME, "
                                           "package.module:factory_or_class or "
                                           "path/to/file.py:ClassName."),
    output: Optional[str] = typer.Option(None, "--output", "-o",
                                         help="Write the spec to this file instead of "
                                              "standard output (- is standard output). "
                                              "An existing file is replaced only with "
                                              "--force."),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Input shape CxHxW (default: the torchvision "
                                             "builder's evaluation crop, else 3x224x224)."),
    kwargs: Optional[str] = typer.Option(None, "--kwargs", "-k",
                                         help='Keyword arguments for the builder, as JSON, '
                                              'e.g. \'{"num_classes": 10}\'.'),
    timeout: Optional[float] = typer.Option(None, "--timeout",
                                            help="Seconds the model's code may run "
                                                 "(default 120, or CNNSTAT_TIMEOUT)."),
) -> None:
    """Write a spec for a PyTorch model: traced on the meta device (no weights), every
    module and functional op mapped to a layer kind, names from the module paths, and
    repeated structure folded into blocks and repeats. The model's code runs in a worker
    process with a time and a memory limit: if it exits, crashes or hangs, that is an
    error (exit 2), never a result."""
    from cnnstat.commands.torch_cmds import need_torch
    from cnnstat.errors import SpecError
    from cnnstat.spec.fields import parse_shape

    to_file = wanted(output)
    try:
        shape = parse_shape(input, what="--input") if input else None
        args = parse_kwargs(kwargs) if kwargs else {}
        if timeout is not None:
            from cnnstat.runtime.worker import check_timeout

            check_timeout(timeout)
        check_outputs([(output, "the spec")], force, [target])
    except SpecError as err:
        fail(err)
    need_torch("import")
    from cnnstat.models.zoo import import_spec

    try:
        spec = import_spec(target, input=shape, kwargs=args, timeout=timeout)
        text = spec.to_yaml()
        if to_file:  # never onto a file the model's code loaded (spec.read)
            write_output(output, text, force=force, models=[target], specs=[spec],
                         what="the spec")
    except SpecError as err:
        fail(err)
    if to_file:
        from cnnstat.errors import printable

        typer.echo(printable(f"wrote {output}: {len(text.splitlines())} lines"), err=True)
    else:
        typer.echo(text, nl=False)


def parse_kwargs(text: str) -> dict:
    """``--kwargs`` as a dict of keyword arguments: JSON, bounded in size, depth and the
    digits of its numbers (Python's JSON reader recurses and refuses 5,000-digit
    integers with a traceback)."""
    import json

    from cnnstat.errors import SpecError

    if len(text) > MAX_KWARGS_CHARS:
        raise SpecError(f"--kwargs is {len(text):,} characters; the limit is "
                        f"{MAX_KWARGS_CHARS:,}")
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:  # nesting counted before parsing: the parser recurses per level
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    if deepest > MAX_KWARGS_DEPTH:
        raise SpecError(f"--kwargs nests {deepest:,} levels deep; the limit is "
                        f"{MAX_KWARGS_DEPTH}")

    def number(kind):
        def read(raw: str):
            digits = sum(c.isdigit() for c in raw)
            if digits > 300:
                raise SpecError(f"--kwargs has a number of {digits:,} digits; the limit is 300")
            return kind(raw)
        return read

    try:
        args = json.loads(text, parse_int=number(int), parse_float=number(float))
    except json.JSONDecodeError as err:
        raise SpecError(f"--kwargs is not JSON: {err.msg} (column {err.colno})") from None
    except (ValueError, RecursionError) as err:
        raise SpecError(f"--kwargs cannot be read: {err}") from None
    if not isinstance(args, dict):
        raise SpecError("--kwargs must be a JSON object of keyword arguments")
    bad = [k for k in args if not k.isidentifier()]
    if bad:
        raise SpecError(f"--kwargs key {bad[0][:60]!r} is not a Python keyword argument name")
    return args
