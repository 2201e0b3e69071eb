"""Check a spec's analysis against the torch model built from it, layer by layer.

For every row of the analysis (every layer and merge) the model built on the meta device
is run once with forward hooks, and these must agree:

* output shape (torch's forward),
* parameters, trainable parameters and buffers (``numel`` of the module at that name),
* MACs: ``torch.utils.flop_counter.FlopCounterMode`` around the module, divided by 2,
* MACs of conv and linear again from fvcore's ``FlopCountAnalysis``. fvcore traces with
  ``torch.jit``, which cannot run on meta tensors, so it runs one batch-1 forward on CPU
  with uninitialised weights (VGG-16: 0.6 s); ``fvcore=False`` skips it.

then the totals (``model.parameters()`` and one FlopCounterMode around the whole forward,
independent of the per-layer hooks), then each ``published:`` figure against torch's
number (depth has no torch counterpart and is checked against the analysis).

Then the receptive field, jump and global-context flag of each stage's last layer,
against the gradient footprint of one output position on a CPU copy with positive
weights (``cnnstat.torch.fieldcheck``, whose docstring says how the measurement stays
independent of the analytic rule); ``fields=False`` skips it.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import asdict, dataclass, field
from typing import Any

import torch
from torch.utils.flop_counter import FlopCounterMode

from cnnstat.analysis import Analysis, analyze
from cnnstat.spec.graph import Spec
from cnnstat.torch import fit
from cnnstat.torch.build import TorchError, build
from cnnstat.torch.fieldcheck import check_fields

FVCORE_OPS = {"conv", "linear", "addmm", "matmul", "mm", "bmm", "einsum"}


@dataclass
class Diff:
    """One disagreement: ``layer`` (or "total"), what differs, both numbers, who says so."""

    layer: str
    quantity: str
    analytic: Any
    torch: Any
    source: str


@dataclass
class PublishedCheck:
    key: str
    published: str
    value: Any  # torch's figure (or the analysis's, for depth)
    basis: str  # "torch" | "analysis"
    source: str
    ok: bool | None  # None: not comparable (another input size, or no computed figure)


@dataclass
class Result:
    name: str
    file: str
    input: tuple[int, ...]
    layers: int
    analytic: dict[str, int]
    torch: dict[str, int] = field(default_factory=dict)
    fvcore_macs: int | None = None
    fvcore_skipped: str | None = None  # why fvcore's CPU pass was not run
    fields_skipped: str | None = None  # why the gradient-footprint check was not run
    diffs: list[Diff] = field(default_factory=list)
    published: list[PublishedCheck] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.diffs and all(p.ok is not False for p in self.published)

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["input"] = list(self.input)
        doc["ok"] = self.ok
        doc["seconds"] = round(self.seconds, 3)
        return doc


def _numel(tensors) -> int:
    return sum(t.numel() for t in tensors)


def _counts(module: torch.nn.Module) -> dict[str, int]:
    params = list(module.parameters())
    return {"params": _numel(params),
            "trainable": _numel(p for p in params if p.requires_grad),
            "buffers": _numel(module.buffers())}


def verify(spec: Spec, *, input: tuple[int, ...] | None = None, batch: int = 1,
           fvcore: bool = True, fields: bool = True) -> Result:
    """Compare ``analyze(spec)`` with torch. A ``SpecError`` (bad spec) propagates."""
    start = time.perf_counter()
    a = analyze(spec, input=input, batch=batch)
    res = Result(name=spec.name, file=spec.file, input=a.input, layers=len(a.rows),
                 analytic={"params": a.totals.params,
                           "trainable_params": a.totals.trainable_params,
                           "buffers": a.totals.buffers, "macs": a.totals.macs})
    try:
        with fit.torch_errors(f"verifying {spec.name}"):
            model = build(spec, device="meta", input=a.input)
            _compare_meta(a, model, res)  # raises TorchError if torch cannot run the model
            if fvcore:
                res.fvcore_skipped = _too_big_for_cpu(a)
                if res.fvcore_skipped is None:
                    _compare_fvcore(a, model, res)
            if fields:
                for d in _fields_or_skip(spec, res):
                    res.diffs.append(Diff(d.layer, d.quantity, d.analytic, d.measured,
                                          "gradient footprint"))
    except TorchError as err:
        res.diffs.append(Diff(err.layer, "torch", "accepted", err.message, "build/forward"))
    _published(spec, a, res)
    res.seconds = time.perf_counter() - start
    return res


def _fields_or_skip(spec: Spec, res: Result) -> list:
    """``check_fields``, or nothing when its CPU pass has no room: a memory limit says
    nothing about the spec, so that is a skipped check, not an error (issue 22)."""
    try:
        return check_fields(spec)
    except Exception as err:
        if not out_of_memory(err):
            raise
        res.fields_skipped = "gradient-footprint check could not run (out of memory)"
        return []


def _compare_meta(a: Analysis, model: torch.nn.Module, res: Result) -> None:
    """One forward on meta under one FlopCounterMode; each row's MACs are the growth of
    the mode's running total across that module's call (rows are leaf modules)."""
    seen: dict[str, dict[str, Any]] = {}
    starts: dict[str, int] = {}
    counter = FlopCounterMode(display=False)
    handles = []

    def pre(name):
        def hook(module, args):
            starts[name] = counter.get_total_flops()
        return hook

    def post(name):
        def hook(module, args, output):
            seen[name] = {"output": tuple(int(d) for d in output.shape[1:]),
                          "macs": (counter.get_total_flops() - starts[name]) // 2}
        return hook

    for row in a.rows:
        try:
            module = model.get_submodule(row.name)
        except AttributeError:
            res.diffs.append(Diff(row.name, "module", "exists", "missing", "build"))
            continue
        handles.append(module.register_forward_pre_hook(pre(row.name)))
        handles.append(module.register_forward_hook(post(row.name)))
    x = torch.empty((a.batch, *a.input), device="meta")
    aux = any(r.train_only for r in a.rows)
    model.run_aux = aux  # auxiliary heads too: their layers have rows
    try:
        with torch.no_grad(), counter:
            model(x)
    except Exception as err:
        raise TorchError(_culprit(a, seen), f"{type(err).__name__}: {_first(err)}") from err
    finally:
        model.run_aux = False
        for h in handles:
            h.remove()
    total_flops = counter.get_total_flops()
    if aux:  # the inference total: once more without the auxiliary heads
        counter = FlopCounterMode(display=False)
        with torch.no_grad(), counter:
            model(x)
        total_flops = counter.get_total_flops()

    per_module = {}
    for row in a.rows:
        got = seen.get(row.name)
        if got is None:
            res.diffs.append(Diff(row.name, "forward", "runs", "never called", "forward hook"))
            continue
        counts = _counts(model.get_submodule(row.name))
        per_module[row.name] = counts
        for quantity, mine, theirs, source in (
                ("output", row.output, got["output"], "forward"),
                ("params", row.params, counts["params"], "numel"),
                ("trainable", row.trainable, counts["trainable"], "numel"),
                ("buffers", row.buffers, counts["buffers"], "numel"),
                ("macs", row.macs, got["macs"], "FlopCounterMode")):
            if mine != theirs:
                res.diffs.append(Diff(row.name, quantity, mine, theirs, source))

    whole = _counts(model)
    res.torch = {"params": whole["params"], "trainable_params": whole["trainable"],
                 "buffers": whole["buffers"], "macs": total_flops // 2}
    for key, source in (("params", "numel"), ("trainable_params", "numel"),
                        ("buffers", "numel"), ("macs", "FlopCounterMode")):
        if res.analytic[key] != res.torch[key]:
            res.diffs.append(Diff("total", key, res.analytic[key], res.torch[key], source))


def _culprit(a: Analysis, seen: dict) -> str:
    """The first row whose hook did not complete: where the forward failed."""
    return next((r.name for r in a.rows if r.name not in seen), "forward")


def _too_big_for_cpu(a: Analysis) -> str | None:
    """Why fvcore's CPU copy of the model (weights, input, activations) is not made: it
    needs more than 80% of the machine's memory, so it could never run. None when it can
    (judged on the installed memory, not on what happens to be free, so that verify's
    result does not depend on what else runs at the moment)."""
    need = fit.estimate(a)
    total = fit.installed(torch.device("cpu"))
    if total is None or need.total <= total * 0.8:
        return None
    return (f"fvcore skipped: its CPU copy needs at least {fit.describe(need)}; this "
            f"machine has {fit.gib(total)}")


def out_of_memory(err: BaseException) -> bool:
    """Did ``err`` (or what caused it) come from an allocation that failed?"""
    while err is not None:
        if isinstance(err, MemoryError) or (isinstance(err, RuntimeError) and any(
                s in str(err) for s in ("can't allocate memory", "out of memory",
                                        "Cannot allocate memory", "not enough memory"))):
            return True
        err = err.__cause__ or err.__context__
    return False


def _compare_fvcore(a: Analysis, meta_model: torch.nn.Module, res: Result) -> None:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tracing runs op by op; extra threads only spin (5x slower)
    try:
        model = build_cpu(meta_model)
        model.run_aux = True
        x = torch.zeros((a.batch, *a.input))
        table = _fvcore_table(model, x)
    except Exception as err:
        if not out_of_memory(err):
            raise
        # the machine (or a memory limit) had no room for fvcore's CPU forward: that says
        # nothing about the spec, so it is a skipped check, not a mismatch
        res.fvcore_skipped = "fvcore could not run (out of memory)"
        return
    finally:
        model = x = None
        torch.set_num_threads(threads)

    def conv_linear(name: str) -> int:
        return sum(n for op, n in table.get(name, {}).items() if op in FVCORE_OPS)

    for row in a.rows:
        theirs = conv_linear(row.name)
        if row.macs != theirs:
            res.diffs.append(Diff(row.name, "macs", row.macs, theirs, "fvcore"))
    # inference total: the whole model less its auxiliary heads' layers
    res.fvcore_macs = conv_linear("") - sum(conv_linear(r.name) for r in a.rows if r.train_only)
    if res.fvcore_macs != a.totals.macs:
        res.diffs.append(Diff("total", "macs", a.totals.macs, res.fvcore_macs, "fvcore"))


def _fvcore_table(model: torch.nn.Module, x: torch.Tensor) -> dict:
    from fvcore.nn import FlopCountAnalysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        flops = FlopCountAnalysis(model, (x,))
        # fvcore knows aten::_convolution but not aten::_convolution_mode, the op behind
        # padding="same"/"valid"; it would count those convs as 0. Give it fvcore's own
        # conv formula for that op too.
        flops.set_op_handle("aten::_convolution_mode", _conv_mode_flops)
        flops.unsupported_ops_warnings(False)
        flops.uncalled_modules_warnings(False)
        flops.tracer_warnings("none")
        try:
            table = flops.by_module_and_operator()
        except Exception as err:
            raise TorchError("fvcore", f"FlopCountAnalysis failed: {type(err).__name__}: "
                                       f"{_first(err)}") from err
    return table


def _conv_mode_flops(inputs, outputs):
    from collections import Counter

    from fvcore.nn.jit_handles import conv_flop_count, get_shape

    return Counter({"conv": conv_flop_count(get_shape(inputs[0]), get_shape(inputs[1]),
                                            get_shape(outputs[0]))})


def build_cpu(meta_model: torch.nn.Module) -> torch.nn.Module:
    """The meta model moved to CPU with uninitialised (not zeroed) weights: fvcore only
    needs shapes, and skipping initialisation keeps VGG-16 cheap. (Not with
    ``torch.set_flush_denormal(True)``: that makes this forward ~100x slower.)"""
    return meta_model.to_empty(device="cpu")


def _first(err: BaseException) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else ""


def _published(spec: Spec, a: Analysis, res: Result) -> None:
    torch_figures = {"params": res.torch.get("params"),
                     "trainable_params": res.torch.get("trainable_params"),
                     "macs": (res.torch["macs"] // a.batch) if "macs" in res.torch else None}
    for key, pub in spec.published.items():
        if key in torch_figures:
            value, basis = torch_figures[key], "torch"
        elif key == "depth":
            value, basis = a.totals.depth, "analysis"
        else:
            value, basis = None, "-"
        comparable = value is not None and not (key == "macs" and a.input != spec.input)
        res.published.append(PublishedCheck(key, pub.text, value, basis, pub.source,
                                            pub.matches(value) if comparable else None))
