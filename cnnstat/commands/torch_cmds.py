"""Commands that need PyTorch: `build` and `verify` (the ``torch`` extra)."""

from __future__ import annotations

import os
import sys
from typing import Iterator, List, Optional

import typer

from cnnstat.cli import MODEL_HELP, MODELS_HELP, app, fail

VERIFY_FORMATS = ("table", "json")
MAX_DIFF_ROWS = 12


def need_torch(what: str, fvcore: bool = False) -> None:
    """Exit 2, telling how to install it, when torch (or fvcore) is missing."""
    import importlib.util

    for module in ("torch", "fvcore") if fvcore else ("torch",):
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # e.g. sys.modules[module] = None
            found = False
        if not found:
            from cnnstat.runtime.install import install_hint

            name = "PyTorch" if module == "torch" else "fvcore"
            fail(RuntimeError(f"`cnnstat {what}` needs {name}, which is not installed; "
                              f"install it with: {install_hint('torch')}"))


def torch_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("torch")
    except PackageNotFoundError:  # pragma: no cover
        return "?"


@app.command("build")
def build_cmd(
    model: str = typer.Argument(..., help=MODEL_HELP),
    input: Optional[str] = typer.Option(None, "--input", "-i",
                                        help="Override the input shape, CxHxW."),
    wide: bool = typer.Option(False, "--wide", "-w",
                              help="Print torch's module repr as it is, however wide (it "
                                   "is otherwise folded to the terminal, or COLUMNS, or "
                                   "80 columns)."),
) -> None:
    """Build the spec as a PyTorch module (on the meta device) and print it."""
    from cnnstat.errors import SpecError
    from cnnstat.spec.order import parse_input
    from cnnstat.models.zoo import load

    need_torch("build")
    import cnnstat.torch as ct

    try:
        spec = load(model)
        shape = parse_input(input) if input is not None else None
        from cnnstat.analysis import analyze

        analyze(spec, input=shape)  # a bad spec is a located SpecError, not a torch error
        module = ct.build(spec, device="meta", input=shape)
    except SpecError as err:
        fail(err)
    except ct.TorchError as err:
        fail(RuntimeError(f"torch cannot build {model}: {err}"), code=1)
    from cnnstat.render.text import fold_calls, table_width

    typer.echo(fold_calls(str(module), table_width(wide=wide)))


@app.command("verify")
def verify_cmd(
    models: Optional[List[str]] = typer.Argument(
        None, help=MODELS_HELP),
    all_: bool = typer.Option(False, "--all", help="Verify every bundled spec."),
    fvcore: bool = typer.Option(True, "--fvcore/--no-fvcore",
                                help="Also count conv and linear MACs with fvcore "
                                     "(one CPU forward at batch 1)."),
    fmt: str = typer.Option("table", "--format", "-f", help="Output format: table or json."),
    jobs: int = typer.Option(0, "--jobs", "-j",
                             help="Worker processes (0: one per CPU core when verifying four "
                                  "or more specs, else none)."),
    memory: bool = typer.Option(False, "--memory",
                                help="Also check `cnnstat memory` exactly on CPU: saved "
                                     "tensors per layer, the inference peak, weights, "
                                     "gradients and Adam's state, in fp32, bf16 and bf16 "
                                     "autocast (real forward passes: seconds per spec)."),
    memory_batch: int = typer.Option(2, "--memory-batch", help="Batch size of --memory."),
) -> None:
    """Check specs against PyTorch: build each on the meta device, run a forward pass with
    hooks, and compare every layer's output shape, parameters and MACs (FlopCounterMode and
    fvcore), then the totals and the published figures. Exit status: 0 all match, 1 a
    mismatch, 2 bad input."""
    import time

    from cnnstat.errors import SpecError, printable
    from cnnstat.render.report import json_text
    from cnnstat.models.zoo import bundled_names, load

    if fmt not in VERIFY_FORMATS:
        fail(SpecError(f"--format must be one of {', '.join(VERIFY_FORMATS)}, not {fmt!r}"))
    names = list(dict.fromkeys([*(bundled_names() if all_ else []), *(models or [])]))
    if not names:
        fail(SpecError("give spec names or paths to verify, or --all for every bundled spec"))
    if jobs < 0:
        fail(SpecError(f"--jobs must be 0 (automatic) or more, not {jobs}"))
    need_torch("verify", fvcore=fvcore)
    if jobs == 0:
        jobs = min(os.cpu_count() or 1, len(names)) if len(names) >= 4 else 1

    results: list = []  # Result, or (name, error message)
    start = time.perf_counter()
    with _progress(len(names)) as bar:
        for name, res in _verify_all(names, fvcore, jobs, bar.advance):
            results.append(res)
            if fmt != "table":
                continue
            if isinstance(res, tuple):
                bar.echo(_wrapped(printable(f"! {name}: error: {res[1]}", newlines=False)))
            else:
                bar.echo(_wrapped(printable(_line(res), newlines=False)))
                if res.diffs:
                    bar.echo(_diff_table(res).rstrip("\n"))
    mem_docs, mem_failed = {}, 0
    if memory:
        mem_docs, mem_failed = _memory_checks(
            [n for n, r in zip(names, results) if not isinstance(r, tuple)], memory_batch, fmt)
    elapsed = time.perf_counter() - start
    bad = sum(1 for r in results if isinstance(r, tuple))
    failed = sum(1 for r in results if not isinstance(r, tuple) and not r.ok) + mem_failed
    matched = len(results) - bad - failed
    if fmt == "json":
        doc = {"ok": not bad and not failed,
               "specs": [{"name": r[0], "ok": False, "error": r[1]} if isinstance(r, tuple)
                         else r.to_json() for r in results],
               "summary": {"specs": len(results), "match": matched, "mismatch": failed,
                           "errors": bad, "seconds": round(elapsed, 2)}}
        if memory:
            doc["memory"] = mem_docs
        typer.echo(json_text(doc))
    else:
        parts = [f"{matched} match"] + ([f"{failed} mismatch"] if failed else []) \
            + ([f"{bad} bad input"] if bad else [])
        typer.echo(f"{len(results)} spec{'s' if len(results) != 1 else ''} verified against "
                   f"torch {torch_version()}: {', '.join(parts)} ({elapsed:.1f} s)")
    if bad:
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(1)


def _memory_checks(names: list[str], batch: int, fmt: str) -> tuple[dict, int]:
    """``verify --memory``: predicted against measured bytes for each spec; the JSON
    documents and how many specs had a mismatch."""
    from cnnstat.torch.memory import check_all
    from cnnstat.models.zoo import load

    docs, failed = {}, 0
    for name in names:
        comps, notes = check_all(load(name), batch)
        ok = all(c.ok for c in comps)
        failed += not ok
        docs[name] = {"ok": ok, "notes": notes,
                      "checks": [{**c._asdict(), "ok": c.ok} for c in comps]}
        if fmt != "table":
            continue
        typer.echo(f"{'ok' if ok else 'X '} {name}: memory, {len(comps)} exact comparisons, "
                   f"{sum(c.ok for c in comps)} equal")
        for c in comps:
            if not c.ok:
                typer.echo(f"     {c.what}: predicted {c.predicted:,}, measured "
                           f"{c.measured:,} {c.detail}")
        for note in notes:
            typer.echo(f"     skipped {note}")
    return docs, failed


def verify_one(name: str, fvcore: bool):
    """``verify`` one spec by name or path: a ``Result``, or ``(name, message)`` when the
    spec itself is bad. Module level, so worker processes can run it."""
    from cnnstat.errors import SpecError
    from cnnstat.torch.verify import verify
    from cnnstat.models.zoo import load

    try:
        return verify(load(name), fvcore=fvcore)
    except SpecError as err:
        return (name, str(err))


def _verify_all(names: list[str], fvcore: bool, jobs: int, advance) -> Iterator[tuple]:
    """``(name, result)`` in the order given; with ``jobs`` > 1 in worker processes
    (spawned: forking a process that has imported torch is not safe)."""
    if jobs <= 1:
        for name in names:
            advance(name)
            yield name, verify_one(name, fvcore)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from cnnstat.torch.timing import use_threads

    threads = max(1, (os.cpu_count() or 1) // jobs)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=use_threads, initargs=(threads,)) as pool:
        # the biggest specs (ResNet-1202: 4,208 layers) first, so none starts last alone
        futures = {name: pool.submit(verify_one, name, fvcore)
                   for name in sorted(names, key=_size, reverse=True)}
        for name, future in ((name, futures[name]) for name in names):
            advance(name)
            try:
                yield name, future.result()
            except BrokenProcessPool:  # a worker was killed (out of memory, a signal)
                yield name, (name, "a verify worker process died before this spec was "
                                   "done (killed: out of memory?); run `cnnstat verify "
                                   f"{name} --jobs 1` to check it alone")




def _size(name: str) -> int:
    """How big a spec is, roughly: the analysis's row count (0 if it does not load)."""
    from cnnstat.analysis import analyze
    from cnnstat.errors import SpecError
    from cnnstat.models.zoo import load

    try:
        return len(analyze(load(name)).rows)
    except SpecError:
        return 0


class _progress:
    """A rich progress bar on the terminal (none when stderr is not one); ``echo`` prints a
    result above the bar, never glued onto it, and the bar is cleared at the end."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None
        self.through_bar = False

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            # results and bar on one terminal: draw the bar on stdout and print the results
            # through it, so rich moves the bar below each result line
            self.through_bar = sys.stdout.isatty()
            out = sys.stdout if self.through_bar else sys.stderr
            self.bar = Progress(TextColumn("verifying {task.description:<16}"), BarColumn(),
                                MofNCompleteColumn(), console=Console(file=out),
                                transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task("", total=self.total)
            self.started = False
        return self

    def echo(self, text: str) -> None:
        if self.bar is not None and self.through_bar:
            self.bar.console.print(text, markup=False, highlight=False, emoji=False,
                                   soft_wrap=True)
        else:
            typer.echo(text)

    def advance(self, name: str) -> None:
        if self.bar is None:
            return
        if self.started:
            self.bar.advance(self.task)
        self.started = True
        self.bar.update(self.task, description=name)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _n(value) -> str:
    from cnnstat.render.report import human

    return human(value)


def _wrapped(text: str) -> str:
    """A result line wrapped to the terminal (or COLUMNS, or 80) under a hanging indent."""
    from cnnstat.render.text import table_width, wrap

    width = table_width() or 80
    first, *rest = wrap(text, width)
    if not rest:
        return first
    return "\n".join([first] + ["  " + s for s in wrap(" ".join(rest), width - 2)])


def _published(text: str) -> str:
    """A published figure as the tables print it: ``60965224`` -> ``60,965,224``."""
    from cnnstat.render.report import human

    return human(int(text)) if text.isascii() and text.isdigit() else text


def _line(res) -> str:
    mark = "✓" if res.ok else "✗"
    t = res.torch or res.analytic
    fv = "" if res.fvcore_macs is None else " (fvcore agrees)" if \
        res.fvcore_macs == t.get("macs") else f" (fvcore {_n(res.fvcore_macs)})"
    line = (f"{mark} {res.name}: {res.layers} layers, params {_n(t['params'])}, "
            f"MACs {_n(t['macs'])}{fv}")
    if res.fvcore_skipped:
        line += f" ({res.fvcore_skipped})"
    if res.fields_skipped:
        line += f" ({res.fields_skipped})"
    if res.diffs:
        layers = {d.layer for d in res.diffs if d.layer != "total"}
        line += f"; {len(res.diffs)} difference{'s' if len(res.diffs) != 1 else ''}" \
                f" in {len(layers)} layer{'s' if len(layers) != 1 else ''}"
    pubs = []
    for p in res.published:
        if p.ok is None:
            continue
        if p.ok:
            pubs.append(f"{p.key} {_published(p.published)} ✓")
        else:
            pubs.append(f"{p.key} {_published(p.published)} ✗ ({p.basis} {_n(p.value)})")
    if pubs:
        line += "; published: " + ", ".join(pubs)
    return line


def _diff_table(res) -> str:
    from cnnstat.render.report import Column, Report
    from cnnstat.render.text import table_width, to_text

    rows = [{"layer": d.layer, "quantity": d.quantity, "analytic": d.analytic,
             "torch": d.torch, "source": d.source} for d in res.diffs[:MAX_DIFF_ROWS]]
    more = len(res.diffs) - len(rows)
    report = Report(
        title="", columns=[Column("layer", "layer"), Column("quantity", "differs in"),
                           Column("analytic", "analytic", numeric=True),
                           Column("torch", "torch", numeric=True),
                           Column("source", "torch by", wrap=True)],
        records=rows, footnote=f"... and {more} more" if more > 0 else "")
    return to_text(report, table_width())
