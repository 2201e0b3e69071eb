"""`cnnstat import`: a readable spec from any PyTorch model (needs the torch extra)."""

from __future__ import annotations

from typing import Optional

import typer

from cnnstat.cli import app, fail


@app.command("import")
def import_cmd(
    target: str = typer.Argument(..., help="torchvision:NAME, timm:NAME, "
                                           "package.module:factory_or_class or "
                                           "path/to/file.py:ClassName."),
    output: Optional[str] = typer.Option(None, "--output", "-o",
                                         help="Write the spec to this file instead of "
                                              "standard output."),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Input shape CxHxW (default: the torchvision "
                                             "builder's evaluation crop, else 3x224x224)."),
    kwargs: Optional[str] = typer.Option(None, "--kwargs", "-k",
                                         help='Keyword arguments for the builder, as JSON, '
                                              'e.g. \'{"num_classes": 10}\'.'),
) -> None:
    """Write a spec for a PyTorch model: traced on the meta device (no weights), every
    module and functional op mapped to a layer kind, names from the module paths, and
    repeated structure folded into blocks and repeats."""
    import json
    from pathlib import Path

    from cnnstat.commands.torch_cmds import need_torch
    from cnnstat.errors import SpecError
    from cnnstat.spec.parse import parse_shape

    try:
        shape = parse_shape(input, what="--input") if input else None
        args = {}
        if kwargs:
            try:
                args = json.loads(kwargs)
            except json.JSONDecodeError as err:
                raise SpecError(f"--kwargs is not JSON: {err.msg} (column {err.colno})") from None
            if not isinstance(args, dict):
                raise SpecError("--kwargs must be a JSON object of keyword arguments")
    except SpecError as err:
        fail(err)
    need_torch("import")
    from cnnstat.torch.importer import import_target

    try:
        spec = import_target(target, input=shape, kwargs=args)
    except SpecError as err:
        fail(err)
    text = spec.to_yaml()
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as err:
            fail(SpecError(f"cannot write {output}: {err.strerror}"))
        typer.echo(f"wrote {output}: {len(text.splitlines())} lines", err=True)
    else:
        typer.echo(text, nl=False)
