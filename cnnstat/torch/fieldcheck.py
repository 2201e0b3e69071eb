"""The receptive field, jump and global-context flag of a spec, measured on torch.

``verify`` calls ``check_fields``: the analysis says, for every layer, how many input
pixels one output position sees (``rf``), how far apart two neighbouring positions' fields
are (``jump``) and whether the value also depends on the whole input (``is_global``, see
``cnnstat.layers.Field``). This module measures the same three things on the torch model
cnnstat builds from the spec, by gradients:

* the model is built on CPU in float64 with **positive weights** (each weight from
  [0.5, 1.5] / fan-in: a pool of 65,536 uniform draws used in turn, biases zero, batch norm the identity up to its epsilon), so that no
  path's contribution can cancel another's, and every **max pool is replaced by an average
  pool with the same window** (a max pool routes the gradient to one input only, which
  would shrink the footprint);
* the input is a small positive constant (1e-3: saturating activations such as ReLU6 stay
  in their linear range) and the batch holds four copies of it (three without a
  product, below);
* for each checked layer, the gradient of one output position with respect to the input
  is taken, per sample: sample 0 at the centre position, sample 1 one position further
  along both axes, sample 2 at the centre again. The **footprint** of a sample is the span
  of input rows and columns with a non-zero gradient (float64 keeps the smallest
  products, about 1e-80 in EfficientNet-B7, far from underflow);
* in samples 0 and 1 every **broadcast factor** of a product (a C x 1 x 1 tensor
  multiplied into a larger map: a squeeze-and-excitation gate) is detached, so their
  footprints show the local field; sample 2 keeps it, so its footprint shows whether the
  value depends on the whole input. A model without a product runs no sample 2: it
  would compute what sample 0 does, so sample 0's footprint stands for it;
* the last sample's gradient is that of the whole output map (what the map reads).

Compared, per axis (not after upsampling, where the analysis gives fractions of a pixel,
averages over positions, which one position's footprint does not show): the footprint's extent with the analytic ``rf`` when the footprint
touches neither border of the input (else the field is clipped and the analytic ``rf``
must be at least the extent); the shift between samples 0 and 1 with ``jump`` where one
side of both footprints is unclipped; and for a global layer, sample 2 reaching every
border, for a local one, sample 2's footprint equal to sample 0's.

**Independence.** The measurement never reads the analysis: not its windows, its merge
rule or its global flag. The model is torch's (conv, pooling and merge modules compute the
footprint by running), the gates to detach are found at run time by their broadcast shape,
and the position to probe by the output's shape. The analytic figures enter only in the
final comparison.

Cost: the check runs the network once at ``field_input`` (tall enough that most fields fit
along the height, narrow to stay cheap; the classifier after the last checked layer is
skipped) and takes one input gradient per checked layer: the last layer of each spatial
size where the jump changes next (a stage's end; which layers are probed is the one thing
the analysis chooses, never what is measured there) and the first global-context layer.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import nn

from cnnstat.analysis import Row, walk_rows
from cnnstat.errors import SpecError
from cnnstat.spec.graph import Spec
from cnnstat.torch.build import build
from cnnstat.torch.merges import Mul

INPUT_VALUE = 1e-3
SEED = 0
BUDGET_MACS = 100_000_000  # per sample, at the size the check runs at
WIDTHS = (8, 16, 32, 64, 96)
SQUARES = (32, 64, 96, 128, 192)
MAX_HEIGHT = 512
MAX_PARAMS = 40_000_000  # weights materialised in float64: 320 MB at most
POOL = 1 << 16  # positive draws, reused in turn by every weight (drawing each costs more)


class FieldDiff(NamedTuple):
    """One disagreement between the analysis and the measured footprint."""

    layer: str
    quantity: str  # rf | jump | global
    analytic: object
    measured: object


class _Stop(Exception):
    """Raised by the last checked layer's hook: the rest of the network is not needed."""


def field_input(spec: Spec) -> tuple[int, ...]:
    """The input the check runs at: narrow and tall. Fields are measured exactly where
    they fit inside the input, and the height is where they fit: the width is the
    smallest of ``WIDTHS`` at which every spatial layer keeps a positive size, the height
    what ``BUDGET_MACS`` per sample allows at that width (at least the width, at most
    ``MAX_HEIGHT``), from the spec's MACs per input pixel. A CIFAR network at 32 x 32
    costs less than the budget and keeps its own size."""
    c, h, w = spec.input
    own = walk_rows(spec, spec.input)
    macs = sum(r.macs for r in own if not r.train_only)
    if macs <= BUDGET_MACS:
        return spec.input
    per_pixel = macs / (h * w)
    for width in WIDTHS:
        height = max(width, min(MAX_HEIGHT, int(BUDGET_MACS / per_pixel / width)))
        try:
            rows = walk_rows(spec, (c, height, width))
        except SpecError:
            continue
        if rows:
            return (c, height, width)
    for side in SQUARES:  # a network that needs a squarer input (a segmentation head)
        if side * side < h * w:
            try:
                if walk_rows(spec, (c, side, side)):
                    return (c, side, side)
            except SpecError:
                continue
    return spec.input


def check_fields(spec: Spec, input: tuple[int, ...] | None = None) -> list[FieldDiff]:
    """Measure and compare (module docstring). ``input`` defaults to ``field_input``."""
    shape = tuple(input) if input is not None else field_input(spec)
    rows = walk_rows(spec, shape)
    chosen = _affordable(rows, _chosen(rows))
    if not chosen:
        return []
    model = _positive(build(spec, device="meta", input=shape), chosen[-1].name)
    measured = _measure(model, shape, [r.name for r in chosen])
    uneven = _uneven_from(rows)
    diffs: list[FieldDiff] = []
    for row in chosen:
        skip = {axis for axis, at in uneven.items() if rows.index(row) >= at}
        diffs += _compare(row, measured[row.name], shape, skip)
    return diffs


def _uneven_from(rows: list[Row]) -> dict[int, int]:
    """Per axis, the index of the first adaptive pool whose output size does not divide its
    input's: its windows differ in size and step (8 -> 3 reads 3, 4, 3 pixels), so from
    there on a field is no single number and that axis is not compared."""
    found: dict[int, int] = {}
    for i, row in enumerate(rows):
        if not row.type.startswith("adaptive") or not row.inputs:
            continue
        src, out = row.inputs[0], row.output
        if len(src) != 3 or len(out) != 3:
            continue
        for axis in (0, 1):
            if src[axis + 1] % out[axis + 1]:
                found.setdefault(axis, i)
    return found


def _chosen(rows: list[Row]) -> list[Row]:
    """The last row of each spatial size larger than 1 x 1 (in execution order), and the
    first global-context row; but not a row whose next spatial row keeps its jump (an
    unpadded convolution shrinks the map, not the jump: U-Net's layers each have a size
    of their own, and the stage's last one, probed, sums them up)."""
    last: dict[tuple[int, ...], Row] = {}
    first_global = None
    for r in rows:
        if r.train_only or len(r.output) != 3:
            continue
        if r.is_global and first_global is None:
            first_global = r
        if r.output[1:] != (1, 1):
            last[r.output[1:]] = r
    spatial = [r for r in rows if not r.train_only and len(r.output) == 3
               and r.output[1:] != (1, 1)]
    after = {a.name: b for a, b in zip(spatial, spatial[1:])}
    ends = {r.name for r in last.values()
            if r.name not in after or after[r.name].jump != r.jump}
    names = ends | ({first_global.name} if first_global else set())
    return [r for r in rows if r.name in names]


def _affordable(rows: list[Row], chosen: list[Row]) -> list[Row]:
    """The chosen rows up to the last one whose float64 copy of the weights before it
    stays under ``MAX_PARAMS`` parameters (RegNetY-128GF's 644 million would take 5 GB:
    its later stages are not checked)."""
    total, upto = 0, {}
    for r in rows:
        total += r.params
        upto[r.name] = total
    return [r for r in chosen if upto[r.name] <= MAX_PARAMS]


def _positive(model: nn.Module, last: str) -> nn.Module:
    """The model on CPU in float64, up to the layer ``last`` (in the order the layers were
    built, which is the order they run; the rest stays on the meta device and never runs):
    positive weights, zero biases, identity batch-norm statistics, average pools for max
    pools."""
    for name, module in list(model.named_modules()):
        if isinstance(module, nn.MaxPool2d):
            avg = nn.AvgPool2d(module.kernel_size, module.stride, module.padding,
                               ceil_mode=module.ceil_mode)
            parent, _, leaf = name.rpartition(".")
            setattr(model.get_submodule(parent) if parent else model, leaf, avg)
            _replace_in_program(model, module, avg)
    live = []
    for name, module in model.named_modules():
        if not any(True for _ in module.children()):
            live.append(name)
        if name == last:
            break
    for name in live:  # float64 on meta first: the CPU copy is allocated once
        model.get_submodule(name).to(torch.float64).to_empty(device="cpu")
    gen = torch.Generator().manual_seed(SEED)
    pool = torch.rand(POOL, generator=gen, dtype=torch.float64) + 0.5
    with torch.no_grad():
        for pname, p in model.named_parameters():
            if p.is_meta:
                continue
            p.requires_grad_(False)
            if pname.endswith("bias"):
                p.zero_()
                continue
            n = p.numel()
            draw = pool[:n] if n <= POOL else pool.repeat(-(-n // POOL))[:n]
            p.copy_(draw.view(p.shape) / (p[0].numel() if p.dim() >= 2 else 1))
        for bname, b in model.named_buffers():
            if b.is_meta:
                continue
            if bname.endswith("running_var"):
                b.fill_(1.0)
            elif bname.endswith("running_mean"):
                b.zero_()
    return model.eval()


def _replace_in_program(model: nn.Module, old: nn.Module, new: nn.Module) -> None:
    """The model's forward walks a program of ``(tag, name, module)`` tuples; point it at
    the replacement module too."""

    def walk(op):
        if isinstance(op, tuple) and op and op[0] == "layer" and op[2] is old:
            return (op[0], op[1], new)
        if isinstance(op, tuple):
            return tuple(walk(o) for o in op)
        if isinstance(op, list):
            return [walk(o) for o in op]
        return op

    model._program = walk(model._program)


def _detach_gates(module: nn.Module, args: tuple) -> tuple:
    """Forward pre-hook on a product: a factor broadcast over a larger map (C x 1 x 1
    against H x W) is detached in samples 0, 1 and 3 (the local footprints)."""
    biggest = max(a.shape[2] * a.shape[3] for a in args if a.dim() == 4)
    out = []
    for a in args:
        if a.dim() == 4 and a.shape[2] * a.shape[3] == 1 < biggest:
            a = torch.cat([a[:2].detach(), a[2:3], a[3:].detach()])
        out.append(a)
    return tuple(out)


class _Footprint(NamedTuple):
    spans: list[tuple[tuple[int, int], tuple[int, int]]]  # per sample: (rows, cols)
    masks: list[torch.Tensor]
    positions: list[tuple[int, int]]


def _measure(model: nn.Module, shape: tuple[int, ...], names: list[str]
             ) -> dict[str, _Footprint]:
    outputs: dict[str, torch.Tensor] = {}
    handles = []
    last = names[-1]

    def keep(name):
        def hook(module, args, output):
            outputs[name] = output
            if name == last:
                raise _Stop
        return hook

    for name in names:
        handles.append(model.get_submodule(name).register_forward_hook(keep(name)))
    gated = False
    for module in model.modules():
        if isinstance(module, Mul):
            gated = True
            handles.append(module.register_forward_pre_hook(_detach_gates))
    n = 4 if gated else 3  # without a product, sample 2 would repeat sample 0 exactly
    x = torch.full((n, *shape), INPUT_VALUE, dtype=torch.float64, requires_grad=True)
    try:
        model(x)
    except _Stop:
        pass
    finally:
        for h in handles:
            h.remove()
    found = {}
    for name in names:
        y = outputs[name]
        h, w = y.shape[2:]
        ci, cj = h // 2, w // 2
        ni = ci + 1 if ci + 1 < h else ci - 1 if h > 1 else ci
        nj = cj + 1 if cj + 1 < w else cj - 1 if w > 1 else cj
        positions = [(ci, cj), (ni, nj), (ci, cj)][:n - 1]
        probe = sum(y[i, :, p, q].sum() for i, (p, q) in enumerate(positions)) + y[-1].sum()
        (grad,) = torch.autograd.grad(probe, x, retain_graph=name != last)
        masks = [grad[i].abs().sum(0) > 0 for i in range(n)]
        if not gated:
            masks.insert(2, masks[0])
            positions.append(positions[0])
        spans = [(_span(m.any(1)), _span(m.any(0))) for m in masks]
        found[name] = _Footprint(spans, masks, positions)
    return found


def _span(hit: torch.Tensor) -> tuple[int, int]:
    idx = hit.nonzero().flatten()
    if idx.numel() == 0:
        return (-1, -1)
    return int(idx.min()), int(idx.max())


def _compare(row: Row, fp: _Footprint, shape: tuple[int, ...],
             skip: set[int] = frozenset()) -> list[FieldDiff]:
    """Per axis, within the readable span (sample 3: what the whole map reads; a border
    row that no window reads, as after a 7 x 7 conv of stride 2 on an even size, is
    outside it): the extent where it is not clipped by that span, the shift where one side
    of both footprints is not; then the global flag."""
    diffs = []
    local, shifted, live, whole = fp.spans
    for axis, label in ((0, "height"), (1, "width")):
        if axis in skip:
            continue
        lo, hi = local[axis]
        first, end = whole[axis]
        if lo < 0:
            continue  # the centre's window lies wholly in the padding (a 1x1 stride-2
            # conv with padding 1 on a 1-pixel map): it reads no input, nothing to measure
        extent = hi - lo + 1
        clipped = lo == first or hi == end
        rf = row.rf[axis]
        if getattr(rf, "denominator", 1) != 1 or getattr(row.jump[axis], "denominator", 1) != 1:
            continue  # after upsampling: a fraction of a pixel, an average over positions
        if (not clipped and extent != rf) or (clipped and rf < extent):
            shown = f"{extent} (clipped by the input)" if clipped else extent
            diffs.append(FieldDiff(row.name, f"rf ({label})", rf, shown))
        step = fp.positions[1][axis] - fp.positions[0][axis]
        slo, shi = shifted[axis]
        if step and slo >= 0:
            shift = None
            if lo > first and slo > first:
                shift = slo - lo
            elif hi < end and shi < end:
                shift = shi - hi
            if shift is not None and shift != step * row.jump[axis]:
                diffs.append(FieldDiff(row.name, f"jump ({label})", row.jump[axis],
                                       shift // step if shift % step == 0 else shift))
    reach, centre, everything = fp.masks[2], fp.masks[0], fp.masks[3]
    if row.is_global and not bool((reach >= everything).all()):
        diffs.append(FieldDiff(row.name, "global", True,
                               "does not depend on all the map reads"))
    if not row.is_global and not torch.equal(reach, centre):
        diffs.append(FieldDiff(row.name, "global", False,
                               "depends on input beyond its local field"))
    return diffs
