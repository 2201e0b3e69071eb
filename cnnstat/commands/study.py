"""Study commands (no torch): `compare`, `explain` and `calc`."""

from __future__ import annotations

from typing import List, Optional

import typer

from cnnstat.cli import (
    MODEL_HELP, MODELS_HELP, ColumnsOpt, FormatOpt, WideOpt, app, check_format, fail,
)
from cnnstat.commands.outputs import FORCE_HELP
from cnnstat.commands.timing_opts import (ChannelsLastOpt, CompileOpt, DtypeOpt, MaxSecondsOpt,
                                          MinRunsOpt, ThreadsOpt)


@app.command("compare")
def compare_cmd(
    models: List[str] = typer.Argument(..., help="Two or more models; ratios are "
                                                 "against the first. " + MODELS_HELP),
    params: bool = typer.Option(False, "--params", help="Show the parameter columns "
                                                        "(total, conv, fully connected)."),
    flops: bool = typer.Option(False, "--flops", help="Show MACs and FLOPs (= 2 x MACs)."),
    memory: bool = typer.Option(False, "--memory", help="Show activation memory and model "
                                                        "size."),
    depth: bool = typer.Option(False, "--depth", help="Show depth (conv + fc layers)."),
    plot: Optional[str] = typer.Option(None, "--plot", help="Also draw top-1 vs GMACs "
                                       "(bubble area ~ params) and params by layer kind to "
                                       "FILE.png or FILE.svg (needs matplotlib)."),
    html: Optional[str] = typer.Option(None, "--html", help="Also write a side-by-side "
                                       "HTML page of the models (totals, ratios, drawings, "
                                       "charts per stage) to this file."),
    force: bool = typer.Option(False, "--force", help="With --plot or --html: "
                               + FORCE_HELP),
    convention: str = typer.Option("macs", "--convention", "-c",
                                   help="Also show each model's total as a tool counts it: "
                                        "torch, fvcore, ptflops, thop, torchinfo or deepspeed."),
    measured: bool = typer.Option(False, "--measured", help="Also time each model with "
                                  "`cnnstat profile` (needs torch): latency, images/s, "
                                  "achieved FLOP/s."),
    device: str = typer.Option("cpu", "--device", help="With --measured: cpu or cuda."),
    batch: int = typer.Option(1, "--batch", "-b", help="With --measured: batch size."),
    dtype: str = DtypeOpt,
    channels_last: bool = ChannelsLastOpt,
    compile: bool = CompileOpt,
    threads: Optional[int] = ThreadsOpt,
    max_seconds: float = MaxSecondsOpt,
    min_runs: int = MinRunsOpt,
    fmt: str = FormatOpt,
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """Side-by-side totals of several models, with ratios against the first."""
    from cnnstat.analysis import analyze
    from cnnstat.reports.compare import PlotUnavailable, compare_report, entries
    from cnnstat.reports.compare import plot as draw
    from cnnstat.errors import SpecError
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick
    from cnnstat.models.zoo import load

    groups = tuple(g for g, on in (("params", params), ("flops", flops), ("memory", memory),
                                   ("depth", depth)) if on)
    try:
        check_format(fmt)
        if len(models) < 2:
            raise SpecError("compare needs at least two models, e.g. "
                            "`cnnstat compare alexnet vgg16 googlenet`")
        from cnnstat.commands.outputs import check_outputs, inputs_of, write_output

        check_outputs([(plot, "--plot"), (html, "--html")], force, models)
        specs = [load(m) for m in models]
        analyses = [analyze(s) for s in specs]
        es = entries(analyses, list(models))
        counted = _counted_as(analyses, convention)
        timed = _measure(specs, [e.name for e in es], dict(device=device, batch=batch, dtype=dtype,
                                     channels_last=channels_last, compile=compile,
                                     max_seconds=max_seconds, min_runs=min_runs),
                         threads) if measured else None
        if plot:
            draw(es, plot, replace=force, inputs=inputs_of(models, specs))
        if html:
            from cnnstat.html.compare import compare_page

            write_output(html, compare_page(analyses), force=force, models=models,
                         specs=specs, what="--html")
        report = pick(counted(compare_report(es, groups, measured=timed)), columns)
    except PlotUnavailable as err:
        fail(err)
    except SpecError as err:
        fail(err)
    emit(report, fmt, wide=wide)
    if timed:
        from cnnstat.commands.timing_opts import warn

        warn(list(timed.values()))
    if plot:
        from cnnstat.errors import printable

        typer.echo(printable(f"chart written to {plot}"), err=True)
    if html:
        from cnnstat.errors import printable

        typer.echo(printable(f"page written to {html}"), err=True)


def _measure(specs, shown: list[str], options: dict, threads) -> dict:
    """`cnnstat profile` figures for each spec (torch needed), with profile's options, by
    the name the comparison shows (``shown``)."""
    from cnnstat.commands.torch_cmds import need_torch

    need_torch("compare --measured")
    from cnnstat.analysis import analyze
    from cnnstat.commands.timing_opts import set_threads
    from cnnstat.errors import SpecError
    from cnnstat.torch import fit, roofline
    from cnnstat.torch.profile import profile, resolve_device

    batch = options["batch"]
    if batch < 1:
        raise SpecError(f"--batch must be at least 1, not {batch}")
    if options["dtype"] not in roofline.DTYPES:
        raise SpecError(f"--dtype must be one of {', '.join(roofline.DTYPES)}, not "
                        f"{options['dtype']!r}")
    set_threads(threads)
    dev = resolve_device(options["device"])
    for s in specs:  # refuse a model that cannot fit before timing any
        fit.require(analyze(s, batch=batch, input=options.get("input")), dev,
                    f"profiling {s.name} at batch {batch}", options["dtype"])
    return {label: profile(s, **options) for label, s in zip(shown, specs)}


def _counted_as(analyses: list, convention: str):
    """compare --convention: adds that tool's total for each model to the report."""
    if convention == "macs":
        return lambda report: report
    from cnnstat.conventions import get
    from cnnstat.conventions.report import with_convention

    get(convention)  # an unknown name is a SpecError here, inside the command's try
    return lambda report: with_convention(report, analyses, convention)


@app.command("explain", context_settings={"allow_extra_args": True,
                                          "ignore_unknown_options": True})
def explain_cmd(
    ctx: typer.Context,
    topic: Optional[str] = typer.Argument(None, help="A topic (run without one for the "
                                                     "list). Change a card's inputs with "
                                                     "--name value, e.g. --channels 256."),
    lang: str = typer.Option("en", "--lang", "-l", help="Language: en or ko (한국어)."),
    fmt: str = FormatOpt,
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """An idea from the notes: formula, the numbers substituted, the result (computed by
    the layer algebra), and where to see it in a spec."""
    import sys

    from cnnstat.errors import SpecError
    from cnnstat import explain as ex
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick

    try:
        check_format(fmt)
        ex.check_lang(lang)
        if topic is None:
            if ctx.args:
                raise SpecError(f"inputs like {ctx.args[0]} need a topic first")
            emit(pick(ex.topics_report(lang), columns), fmt, wide=wide)
            return
        card = ex.get(topic)
        values = ex.parse_overrides(card, list(ctx.args))
        try:
            shown = ex.show(card, values, lang)
        except (OverflowError, ZeroDivisionError) as err:
            raise SpecError(f"explain {topic}: these inputs take the numbers out of range "
                            f"({err}); try smaller values") from None
        steps = pick(ex.steps_report(shown), columns) if fmt in ("json", "csv") else None
    except SpecError as err:
        fail(err)
    if fmt == "table":
        sys.stdout.write(ex.render_text(shown))
    elif fmt == "markdown":
        sys.stdout.write(ex.render_markdown(shown))
    else:
        emit(steps, fmt, wide=wide)


@app.command("calc")
def calc_cmd(
    what: str = typer.Argument(..., help='A layer kind (conv, maxpool, avgpool, fc, ...) '
                                         'with options, or a chain in quotes: '
                                         '"3x227x227 | conv 96 k11 s4 | maxpool k3 s2".'),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Input shape, CxHxW as everywhere in cnnstat "
                                             "(3x227x227), or HxWxC with a suffix "
                                             "(227x227x3:hwc), or one number for fc."),
    out: Optional[int] = typer.Option(None, "--out", "-o", help="Output channels or "
                                                                "features."),
    kernel: Optional[int] = typer.Option(None, "--kernel", "-k", help="Kernel size."),
    stride: Optional[int] = typer.Option(None, "--stride", "-s", help="Stride."),
    padding: Optional[str] = typer.Option(None, "--padding", "-p",
                                          help='Padding per side, or "same".'),
    groups: Optional[int] = typer.Option(None, "--groups", "-g", help="Conv groups."),
    dilation: Optional[int] = typer.Option(None, "--dilation", help="Conv dilation."),
    no_bias: bool = typer.Option(False, "--no-bias", help="Conv or fc without bias."),
    ceil: bool = typer.Option(False, "--ceil", help="Pooling rounds the size up "
                                                    "(ceil mode)."),
    order: str = typer.Option("chw", "--order", help="Shape order of the input and the "
                                                     "output: chw (3x227x227, the default, "
                                                     "as `cnnstat params`) or hwc "
                                                     "(227x227x3, as many notes)."),
    fmt: str = FormatOpt,
    wide: bool = WideOpt,
    columns: Optional[str] = ColumnsOpt,
) -> None:
    """One layer (or a chain) with every formula written out: output size, params, MACs."""
    from cnnstat.calc.chain import parse_chain, run_chain, single
    from cnnstat.calc.report import calc_report
    from cnnstat.calc.text import CalcError, is_count
    from cnnstat.errors import SpecError
    from cnnstat.render.formats import emit
    from cnnstat.render.report import pick
    from cnnstat.spec.order import split_order

    try:
        check_format(fmt)
        if "|" in what:
            given = [n for n, v in (("--input", input), ("--out", out), ("--kernel", kernel),
                                    ("--stride", stride), ("--padding", padding),
                                    ("--groups", groups), ("--dilation", dilation))
                     if v is not None] + (["--no-bias"] if no_bias else []) + \
                (["--ceil"] if ceil else [])
            if given:
                raise CalcError(f"a chain carries its own options; drop {given[0]} "
                                "(write e.g. \"conv 96 k11 s4\" inside the chain)")
            order = split_order(what.split("|")[0].strip(), order)[1]
            chain = run_chain(*parse_chain(what, order), order=order)
            report = calc_report(chain, detailed=len(chain.layers) <= 2)
        else:
            if input is None:
                raise CalcError(f"calc {what} needs --input, e.g. --input 3x227x227 "
                                "(channels x height x width)")
            order = split_order(input.strip(), order)[1]
            pad = padding
            if pad is not None and pad not in ("same", "valid"):
                if not is_count(pad):  # '²'.isdigit() is True
                    raise CalcError(f'--padding must be a number or "same", not {pad!r}')
                pad = int(pad)
            chain = single(what.lower(), input, order, out=out, kernel=kernel,
                           stride=stride, padding=pad, groups=groups, dilation=dilation,
                           bias=False if no_bias else None,
                           ceil_mode=True if ceil else None)
            report = calc_report(chain, detailed=True)
        report = pick(report, columns)
    except SpecError as err:
        fail(err)
    emit(report, fmt, wide=wide)
