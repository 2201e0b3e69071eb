"""Pictures (no torch): `diagram` (Mermaid, DOT or SVG) and `report` (one HTML page)."""

from __future__ import annotations

from typing import Optional

import typer

from cnnstat.cli import MODEL_HELP, SetOpt, app, fail
from cnnstat.commands.outputs import FORCE_HELP, check_outputs, wanted, write_output

DepthOpt = typer.Option(None, "--depth", "-d", help="Fold layers to this many levels of "
                        "their names (1: stages, modules); a folded box shows its totals.")


ForceOpt = typer.Option(False, "--force", help=FORCE_HELP)


@app.command("diagram")
def diagram_cmd(
    model: str = typer.Argument(..., help=MODEL_HELP),
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
    from cnnstat.analysis import analyze
    from cnnstat.draw import render
    from cnnstat.errors import SpecError
    from cnnstat.models.zoo import load

    try:
        check_outputs([(output, "the diagram")], force, [model])
        spec = load(model, overrides)
        deliver(render(analyze(spec), fmt, depth), output, force, "diagram", model, spec)
    except SpecError as err:
        fail(err)


def deliver(text: str, output: str | None, force: bool, what: str, model: str,
            spec) -> None:
    """Standard output, or the file ``output`` written by ``cnnstat.commands.outputs``'
    rule (then a line saying so)."""
    import sys

    if not wanted(output):  # none, or -o -: standard output
        sys.stdout.write(text)
        return
    write_output(output, text, force=force, models=[model], specs=[spec], what=f"the {what}")
    from cnnstat.errors import printable

    typer.echo(printable(f"{what} written to {output}"), err=True)


@app.command("report")
def report_cmd(
    model: str = typer.Argument(..., help=MODEL_HELP),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="The HTML file to "
                                         "write (else standard output)."),
    depth: Optional[int] = DepthOpt,
    batch: int = typer.Option(1, "--batch", "-b", help="Batch size of the figures and of "
                              "the memory of a training and an inference step."),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Override the input shape, CxHxW."),
    lang: str = typer.Option("en", "--lang", "-l", help="The page's language: en or ko "
                             "(한국어)."),
    force: bool = ForceOpt,
    overrides: Optional[list[str]] = SetOpt,
) -> None:
    """One self-contained HTML page: totals beside the published figures, the drawing,
    charts per stage, memory at --batch, and the layer table (sorts, filters, folds)."""
    from cnnstat.analysis import analyze
    from cnnstat.errors import SpecError
    from cnnstat.html.page import model_page
    from cnnstat.html.words import words
    from cnnstat.spec.order import parse_input
    from cnnstat.models.zoo import load

    try:
        words(lang)
        if depth is not None and depth < 1:
            raise SpecError(f"--depth must be at least 1, not {depth}")
        shape = parse_input(input) if input is not None else None
        check_outputs([(output, "the report")], force, [model])
        spec = load(model, overrides)
        a = analyze(spec, input=shape, batch=batch)
        deliver(model_page(a, depth=depth, lang=lang), output, force, "report", model, spec)
    except SpecError as err:
        fail(err)
