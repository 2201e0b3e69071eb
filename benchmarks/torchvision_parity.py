"""Every bundled twin against the torchvision builder its ``matches:`` names.

Runs where torchvision is installed (not in CI: torchvision 0.29 needs torch 2.14, CI pins
the CPU torch 2.13), e.g. ``/work/tvvenv/bin/python benchmarks/torchvision_parity.py``.
For every spec with a ``matches:``, the builder is called with ``weights=None`` (and the
keyword arguments ``matches:`` gives, if any) on the meta device, in eval mode, and each
column compares cnnstat's figure with torchvision's at the spec's input size and at two
other sizes:

* ``params``: ``sum(p.numel() for p in model.parameters())``;
* ``buffers``: ``sum(b.numel() for b in model.buffers())``;
* ``macs``: ``FlopCounterMode`` around one forward, divided by 2.

Parameters and buffers do not depend on the input size; they are compared once per size
anyway, as every row is a self-contained check. A size at which the spec cannot run (a
fully connected layer fixes it) is reported as such, not as a mismatch.

A column is a function ``(Case) -> (cnnstat's value, torchvision's value)`` in
``COLUMNS``; adding one (say, an import of the torchvision module into a spec) is adding
a function there.

Usage: python benchmarks/torchvision_parity.py [NAME ...] [--sizes 160,256]
Exit status 1 if any figure differs.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cnnstat.analysis import Analysis, analyze  # noqa: E402
from cnnstat.errors import SpecError  # noqa: E402
from cnnstat.spec.graph import Spec  # noqa: E402
from cnnstat.models.zoo import bundled_names, load, matches_of  # noqa: E402


# --------------------------------------------------------------------------- matches:

def builder_of(spec: Spec) -> tuple[str, dict[str, Any]] | None:
    """The torchvision builder a spec's ``matches:`` names (``resnet50``), with its keyword
    arguments, or None when it names none. ``matches:`` is read by ``zoo.matches_of``."""
    match = matches_of(spec)
    prefix = "torchvision.models."
    if match is None or not match[0].startswith(prefix):
        return None
    return match[0][len(prefix):], match[1]


# --------------------------------------------------------------------------- one case

@dataclass
class Case:
    """One spec at one input size, with torchvision's model for it."""

    spec: Spec
    builder: str
    kwargs: dict[str, Any]
    input: tuple[int, ...]
    analysis: Analysis | None  # None: the spec cannot run at this size
    model: Any
    cache: dict[str, Any] = field(default_factory=dict)


def _numel(tensors) -> int:
    return sum(t.numel() for t in tensors)


def params_column(case: Case) -> tuple[int, int]:
    return case.analysis.totals.params, _numel(case.model.parameters())


def buffers_column(case: Case) -> tuple[int, int]:
    return case.analysis.totals.buffers, _numel(case.model.buffers())


def macs_column(case: Case) -> tuple[int, int]:
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    x = torch.empty((1, *case.input), device="meta")
    counter = FlopCounterMode(display=False)
    with torch.no_grad(), counter:
        case.model(x)
    return case.analysis.totals.macs, counter.get_total_flops() // 2


COLUMNS: dict[str, Callable[[Case], tuple[int, int]]] = {
    "params": params_column,
    "buffers": buffers_column,
    "macs": macs_column,
}

_IMPORTED: dict[str, Spec] = {}


def _imported(case: Case) -> Analysis:
    """``cnnstat import`` of the same builder (issue 13), analysed at this case's input."""
    from cnnstat.torch.importer import import_target

    short = case.builder.rsplit(".", 1)[-1]
    key = case.spec.name
    if key not in _IMPORTED:  # the spec's own input, its builder's keyword arguments
        _IMPORTED[key] = import_target(f"torchvision:{short}", input=case.spec.input,
                                       kwargs=case.kwargs)
    return analyze(_IMPORTED[key], input=case.input)


def imported_params_column(case: Case) -> tuple[int, int]:
    return _imported(case).totals.params, _numel(case.model.parameters())


def imported_macs_column(case: Case) -> tuple[int, int]:
    if "macs" not in case.cache:
        case.cache["macs"] = macs_column(case)[1]
    return _imported(case).totals.macs, case.cache["macs"]


IMPORT_COLUMNS = {"import params": imported_params_column, "import macs": imported_macs_column}


def torchvision_model(builder: str, kwargs: dict[str, Any]):
    """The builder's model on the meta device. A builder that computes its widths with
    tensors (RegNet) cannot run under the meta device; it is built on CPU without
    initialising any weight (torch.nn.init made a no-op meanwhile), then moved."""
    import torch
    import torchvision

    fn = torchvision.models  # builder may be dotted: segmentation.fcn_resnet50
    for part in builder.split("."):
        fn = getattr(fn, part)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with torch.device("meta"):
                model = fn(weights=None, **kwargs)
        except NotImplementedError:
            with _no_init():
                model = fn(weights=None, **kwargs)
            model = model.to("meta")
    return model.eval()


class _no_init:
    """Within: every in-place initialiser of torch.nn.init returns its tensor untouched."""

    def __enter__(self):
        import torch.nn.init as init

        self.saved = {n: getattr(init, n) for n in dir(init)
                      if n.endswith("_") and not n.startswith("_")}
        for name in self.saved:
            setattr(init, name, lambda tensor, *args, **kwargs: tensor)

    def __exit__(self, *exc):
        import torch.nn.init as init

        for name, fn in self.saved.items():
            setattr(init, name, fn)


def other_sizes(size: int, wanted: list[int]) -> list[int]:
    return [s for s in wanted if s != size][:2] or [size + 32, size + 64]


# --------------------------------------------------------------------------- the table

def run(names: list[str], sizes: list[int]) -> int:
    rows: list[tuple[str, str, dict[str, str]]] = []
    bad = 0
    exact_models = 0
    twins = 0
    start = time.perf_counter()
    for name in names:
        spec = load(name)
        target = builder_of(spec)
        if target is None:
            continue
        twins += 1
        builder, kwargs = target
        model = torchvision_model(builder, kwargs)
        c, h, w = spec.input
        model_ok = True
        for size in [h] + other_sizes(h, sizes):
            shape = (c, size, size * w // h)
            try:
                a = analyze(spec, input=shape)
            except SpecError:
                rows.append((name, f"{size}", {k: "fixed size" for k in COLUMNS}))
                continue
            case = Case(spec, builder, kwargs, shape, a, model)
            cells = {}
            for col, fn in COLUMNS.items():
                mine, theirs = fn(case)
                ok = mine == theirs
                if not ok:
                    bad += 1
                    model_ok = False
                cells[col] = f"{mine:,}" if ok else f"{mine:,} != {theirs:,}"
            rows.append((name, f"{size}", cells))
        exact_models += model_ok
    _print(rows)
    print(f"\n{exact_models}/{twins} twins exact (params, buffers and MACs at every size); "
          f"{bad} differing figures; {time.perf_counter() - start:.1f} s")
    return 1 if bad else 0


def _print(rows: list[tuple[str, str, dict[str, str]]]) -> None:
    cols = list(COLUMNS)
    head = ["model", "input"] + cols
    table = [head] + [[n, s] + [cells[c] for c in cols] for n, s, cells in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for i, r in enumerate(table):
        print("  ".join(v.ljust(widths[j]) if j < 2 else v.rjust(widths[j])
                        for j, v in enumerate(r)))
        if i == 0:
            print("  ".join("-" * wd for wd in widths))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="bundled specs (default: every one with matches:)")
    ap.add_argument("--sizes", default="160,256",
                    help="the two other input sizes (height; width scales with it)")
    ap.add_argument("--import", dest="imported", action="store_true",
                    help="also import each builder with `cnnstat import` and compare the "
                         "imported spec's params and MACs (benchmarks/import_parity.py "
                         "has the line counts and timings)")
    args = ap.parse_args()
    if args.imported:
        COLUMNS.update(IMPORT_COLUMNS)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    sys.exit(run(args.names or bundled_names(), sizes))


if __name__ == "__main__":
    main()
