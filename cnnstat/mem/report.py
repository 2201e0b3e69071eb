"""``cnnstat memory`` as a ``render.Report``: a per-layer table, totals, what is alive at
the peak, and the budget answer. Bytes are shown in binary units only (MiB, GiB)."""

from __future__ import annotations

from typing import Any

from cnnstat.layers import DTYPE_BYTES
from cnnstat.mem.budget import Fit
from cnnstat.mem.estimate import OPTIMIZERS, Memory
from cnnstat.render.report import Column, Report, Section, human

TRAIN_RULE = ("peak = the most bytes alive at once in a training step from the second on: "
              "weights + gradients + optimizer state, with the tensors saved for backward, "
              "the input and outputs, backward's gradients and the optimizer's temporaries "
              "as they come and go")
INFER_RULE = ("peak = weights + the most bytes alive at once in an eager forward pass: a "
              "tensor dies when its last reference goes (the caller holds the input, a "
              "running block its own input)")
NOT_COUNTED = ("Not counted: the allocator's rounding and caching, cuDNN workspaces, "
               "the CUDA context.")
MAX_ALIVE = 8


def size(n: int) -> str:
    """Bytes in MiB below 1 GiB, else GiB; never decimal units."""
    if n >= 2**30:
        return f"{n / 2**30:,.2f} GiB"
    return f"{n / 2**20:,.2f} MiB"


def _mib(n: int) -> str:
    return f"{n / 2**20:,.2f}"


def describe(m: Memory) -> str:
    p = m.prec
    how = f"{p.dtype} autocast, fp32 master weights" if p.amp else p.dtype
    what = f"training with {m.optimizer}" if m.train else "inference"
    return f"{m.model}: {what}, batch {m.batch}, {how}, {p.device} rules"


def memory_report(m: Memory, fit: Fit | None = None) -> Report:
    """Columns (MiB): training, what each layer keeps first ("kept"); inference, the bytes
    a layer allocates ("new") and those alive while it runs ("live")."""
    if m.train:
        columns = [Column("name", "layer"), Column("type", "type", rank=2),
                   Column("output", "output", rank=1),
                   Column("saved_bytes", "kept", numeric=True, fmt=_mib)]
    else:
        columns = [Column("name", "layer"), Column("type", "type", rank=2),
                   Column("output", "output", rank=1),
                   Column("allocated", "new", numeric=True, fmt=_mib),
                   Column("live", "live", numeric=True, fmt=_mib)]
    records = []
    for layer in m.layers:
        rec = layer._asdict()
        rec["saved_bytes"] = layer.saved_bytes
        if layer.in_place:
            rec["type"] = f"{layer.type} (in place)"
        records.append(rec)
    sections = [_totals(m)]
    if not m.train:
        sections.append(_alive(m))
    if fit is not None:
        sections.append(_budget(m, fit))
    return Report(describe(m) + "; MiB", columns, records, sections,
                  footnote=(TRAIN_RULE if m.train else INFER_RULE) + ". " + NOT_COUNTED,
                  data=to_json(m, fit))


def _totals(m: Memory) -> Section:
    wb = DTYPE_BYTES[m.prec.weights]
    lines = [("weights", size(m.weights), f"{human(m.params)} params x {wb} B"
              + (" (fp32 master)" if m.prec.amp else "")),
             ("buffers", size(m.buffers), "BN running statistics")]
    if m.train:
        copies = OPTIMIZERS[m.optimizer][0]
        lines += [("gradients", size(m.gradients), f"{human(m.trainable)} trainable x {wb} B"),
                  ("optimizer state", size(m.optimizer_state),
                   f"{m.optimizer}: {copies} x params" + (" + steps" if m.optimizer in
                                                          ("adam", "adamw") else "")),
                  ("saved for backward", size(m.saved), "each tensor once"),
                  ("outputs", size(m.outputs), "unless kept anyway"),
                  ("peak", size(m.total),
                   f"at the {m.peak_layer}; {m.total / max(m.weights, 1):.1f} x the weights")]
    else:
        lines += [("activation peak", size(m.activation_peak), f"at {m.peak_layer}"),
                  ("if freed at last use", size(m.ideal_peak),
                   "activation peak of an executor that frees early"),
                  ("peak", size(m.total), "weights + buffers + activation peak")]
    return Section("totals", lines)


def _alive(m: Memory) -> Section:
    alive = sorted(m.alive_at_peak, key=lambda a: -a.bytes)
    lines = [(a.name, size(a.bytes), "x".join(map(str, a.shape)) if a.name != m.peak_layer
              else "being computed (output and scratch)") for a in alive[:MAX_ALIVE]]
    if len(alive) > MAX_ALIVE:
        rest = sum(a.bytes for a in alive[MAX_ALIVE:])
        lines.append((f"{len(alive) - MAX_ALIVE} more", size(rest), ""))
    return Section(f"alive at the peak ({m.peak_layer})", lines)


def _budget(m: Memory, fit: Fit) -> Section:
    shown = size(fit.budget)
    if fit.batch == 0:
        return Section("budget", [("budget", shown, ""),
                                  ("largest batch", "none", f"batch 1 needs {size(fit.total)}")])
    return Section("budget", [
        ("budget", shown, f"{fit.budget:,} B (GB = 10^9 B, GiB = 2^30 B)"),
        ("largest batch", f"{fit.batch:,}", f"needs {size(fit.total)}"),
        (f"batch {fit.batch + 1:,}", size(fit.next_total), _excess(fit))
        if fit.batch < fit.limit else
        ("batch limit", f"{fit.limit:,}", "cnnstat computes no larger batch"),
        ("fixed", size(fit.fixed), "weights, grads, optimizer (+ temporaries)" if m.train
         else "weights and buffers"),
        ("per sample", size(fit.per_sample),
         "activations and gradients at the peak" if m.train else "activation peak")])


def _excess(fit: Fit) -> str:
    """By how much the next batch is over the budget; in bytes below 1 MiB, where the
    rounded sizes would read as equal ("24.00 GiB" over a 24 GiB budget)."""
    over = fit.next_total - fit.budget
    if over >= 2**20:
        return f"too much: {size(over)} over"
    return f"too much: {over:,} B over"


def to_json(m: Memory, fit: Fit | None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "model": m.model, "batch": m.batch, "train": m.train, "dtype": m.prec.dtype,
        "amp": m.prec.amp, "device_rules": m.prec.device, "optimizer": m.optimizer,
        "params": m.params, "trainable_params": m.trainable,
        "bytes": {"weights": m.weights, "buffers": m.buffers, "gradients": m.gradients,
                  "optimizer_state": m.optimizer_state, "saved": m.saved,
                  "outputs": m.outputs, "activation_peak": m.activation_peak,
                  "ideal_activation_peak": m.ideal_peak,
                  "total": m.total, "fixed": m.fixed, "per_sample": m.per_sample},
        "rule": TRAIN_RULE if m.train else INFER_RULE,
        "layers": [{"name": l.name, "type": l.type, "output": list(l.output), "dtype": l.dtype,
                    "allocated_bytes": l.allocated, "in_place": l.in_place,
                    **({"saved": [k._asdict() for k in l.saved],
                        "saved_bytes": l.saved_bytes} if m.train else
                       {"live_bytes": l.live})} for l in m.layers],
    }
    if m.train:
        doc["peak_when"] = m.peak_layer
    else:
        doc["peak_layer"] = m.peak_layer
        doc["alive_at_peak"] = [{"name": a.name, "shape": list(a.shape), "bytes": a.bytes}
                                for a in m.alive_at_peak]
    if fit is not None:
        doc["budget"] = fit._asdict()
    return doc
