"""Pictures (no torch): `diagram` (Mermaid, DOT or SVG) and `report` (one HTML page)."""

from __future__ import annotations

from typing import Optional

import typer

from cnnstat.cli import SetOpt, app, fail

DepthOpt = typer.Option(None, "--depth", "-d", help="Fold layers to this many levels of "
                        "their names (1: stages, modules); a folded box shows its totals.")


ForceOpt = typer.Option(False, "--force", help="Replace the output file if it exists.")


def write_output(path: str, text: str, force: bool, inputs: tuple = ()) -> None:
    """Write ``text`` to ``path`` atomically, never through a symlink, replacing an
    existing file only with --force (``safeio.write_file``)."""
    from cnnstat import safeio

    write = getattr(safeio, "write_file", None) or _interim_write
    write(path, text.encode("utf-8"), replace=force, inputs=inputs)


def _interim_write(path: str, data: bytes, *, replace: bool, inputs: tuple) -> None:
    """Until ``safeio.write_file`` (the safe writer's branch) is merged: the same rules,
    kept short. Remove once main has it."""
    import os
    import tempfile

    from cnnstat.errors import SpecError

    if os.path.islink(path):
        raise SpecError(f"cannot write {path}: it is a symbolic link, and cnnstat never "
                        "writes through one")
    if any(os.path.exists(i) and os.path.samefile(i, path) for i in inputs
           if os.path.exists(path)):
        raise SpecError(f"cannot write {path}: it is an input of this same run")
    if os.path.exists(path) and not replace:
        raise SpecError(f"{path} exists already; cnnstat replaces a file only with --force "
                        "(nothing was written)")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".cnnstat-", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        raise SpecError(f"cannot write {path}: {err.strerror}") from None


@app.command("diagram")
def diagram_cmd(
    model: str = typer.Argument(..., help="A bundled spec name, a spec file or an import "
                                          "target (torchvision:resnet50)."),
    fmt: str = typer.Option("mermaid", "--format", "-f", help="mermaid (pastes into "
                            "markdown), dot (Graphviz) or svg (drawn by cnnstat: open it "
                            "in a browser)."),
    depth: Optional[int] = DepthOpt,
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file "
                                         "instead of standard output."),
    force: bool = ForceOpt,
    overrides: Optional[list[str]] = SetOpt,
) -> None:
    """The network's graph: stages, branches, concats, residual shortcuts and gates."""
    import sys

    from cnnstat.analysis import analyze
    from cnnstat.draw import render
    from cnnstat.errors import SpecError
    from cnnstat.zoo import load

    try:
        text = render(analyze(load(model, overrides)), fmt, depth)
        if output is not None:
            write_output(output, text, force, _inputs(model))
    except SpecError as err:
        fail(err)
    if output is None:
        sys.stdout.write(text)
    else:
        typer.echo(f"diagram written to {output}", err=True)


def _inputs(*models: str) -> tuple[str, ...]:
    """The spec files a run reads (an output must not be one of them)."""
    import os

    return tuple(m for m in models if os.path.isfile(m))
