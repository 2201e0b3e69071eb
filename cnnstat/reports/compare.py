"""Side-by-side totals of several models, ratios against the first, and the classic chart.

Parameters are split by what holds them: conv layers (a layer that counts towards depth
and reads a feature map), fully connected layers (one that counts towards depth and reads
a vector) and the rest (batch norm, LeNet's trainable subsampling, ...). This is the
split that shows why GoogLeNet, without the big fully connected layers, is so small.
"""

from __future__ import annotations

import os

from typing import Any, NamedTuple

from cnnstat.analysis import Analysis
from cnnstat.layers import KINDS

GROUPS = ("params", "flops", "memory", "depth")


class Entry(NamedTuple):
    name: str
    title: str
    params: int
    conv_params: int
    fc_params: int
    other_params: int
    macs: int
    depth: int
    activation_bytes: int
    model_bytes: int
    top1: float | None
    top1_source: str | None
    spec: str = ""  # the spec's own name; ``name`` is how the comparison shows the model

    @property
    def flops(self) -> int:
        return 2 * self.macs


def split_params(a: Analysis) -> tuple[int, int, int]:
    """(conv, fully connected, other) parameters of an analysis."""
    conv = fc = other = 0
    for r in a.rows:
        kind = KINDS.get(r.type)
        if kind is not None and kind.counts_depth:
            if len(r.input) == 3:
                conv += r.params
            else:
                fc += r.params
        else:
            other += r.params
    return conv, fc, other


def entry(a: Analysis, label: str | None = None) -> Entry:
    t = a.totals
    conv, fc, other = split_params(a)
    top1 = a.spec.published.get("top1")
    return Entry(label or a.spec.name, a.spec.title, t.params, conv, fc, other,
                 t.macs // a.batch, t.depth, t.activation_bytes // a.batch, t.model_bytes,
                 float(top1.value) if top1 else None, top1.source if top1 else None,
                 a.spec.name)


def labels(names: list[str], given: list[str] | None = None) -> list[str]:
    """How each model is shown: its spec's name, unless another model has the same one
    (``torchvision:resnet50`` imports as ``resnet50``, ``./vgg16.yaml`` is named
    ``vgg16``); those are shown as the user gave them, and what still repeats (the same
    model given twice) gets ``#2``, ``#3``."""
    shown = [g if given and names.count(n) > 1 else n
             for n, g in zip(names, given or names)]
    out = []
    for i, label in enumerate(shown):
        seen = shown[:i].count(label)
        out.append(label if not seen else f"{label} #{seen + 1}")
    return out


def entries(analyses: list[Analysis], given: list[str] | None = None) -> list[Entry]:
    """One entry per analysis; ``given`` (the models as the user wrote them) tells apart
    models whose specs share a name."""
    shown = labels([a.spec.name for a in analyses], given)
    return [entry(a, label) for a, label in zip(analyses, shown)]


def _ratio(value: float, base: float) -> float | None:
    return value / base if base else None


def compare_json(es: list[Entry]) -> dict[str, Any]:
    base = es[0]
    return {
        "baseline": base.name,
        "models": [{
            "name": e.name, "spec": e.spec, "title": e.title, "params": e.params,
            "params_by_kind": {"conv": e.conv_params, "fc": e.fc_params,
                               "other": e.other_params},
            "macs": e.macs, "flops": e.flops, "depth": e.depth,
            "activation_bytes": e.activation_bytes, "model_bytes": e.model_bytes,
            "top1": e.top1, "top1_source": e.top1_source,
            "ratios": {"params": _ratio(e.params, base.params),
                       "macs": _ratio(e.macs, base.macs),
                       "activation_bytes": _ratio(e.activation_bytes, base.activation_bytes),
                       "depth": _ratio(e.depth, base.depth)},
        } for e in es],
    }


def _x(v: float | None) -> str:
    if v is None:
        return "-"
    return f"{v:.2f}x" if v >= 0.1 else f"{v:.3f}x"


def compare_report(es: list[Entry], groups: tuple[str, ...] = (),
                   measured: dict[str, dict] | None = None):
    """A ``render.Report`` with one row per model; ``groups`` picks column groups;
    ``measured`` (model name -> ``cnnstat profile`` JSON) adds measured columns."""
    from cnnstat.render.report import Column, Report, mib, si

    show = set(groups or GROUPS)
    base = es[0]
    records = []
    for e in es:
        records.append({
            "model": e.name, "params": e.params, "params_x": _ratio(e.params, base.params),
            "conv_params": e.conv_params, "fc_params": e.fc_params,
            "other_params": e.other_params, "fc_share": e.fc_params / e.params if e.params else None,
            "macs": e.macs, "flops": e.flops, "macs_x": _ratio(e.macs, base.macs),
            "activation_bytes": e.activation_bytes, "model_bytes": e.model_bytes,
            "activations_x": _ratio(e.activation_bytes, base.activation_bytes),
            "depth": e.depth, "top1": e.top1,
        })
    # rank: the order columns are kept in when the terminal is narrow
    cols = [Column("model", "model", rank=0)]
    if "params" in show:
        cols += [Column("params", "params", numeric=True, rank=1),
                 Column("params_x", "x params", numeric=True, fmt=_x, rank=6),
                 Column("conv_params", "conv params", numeric=True, rank=11),
                 Column("fc_params", "fc params", numeric=True, rank=12),
                 Column("other_params", "other params", numeric=True, rank=14),
                 Column("fc_share", "fc share", numeric=True, rank=13,
                        fmt=lambda v: "-" if v is None else f"{100 * v:.1f}%")]
    if "flops" in show:
        cols += [Column("macs", "MACs", numeric=True, fmt=si, rank=2),
                 Column("flops", "FLOPs (2xMACs)", numeric=True, fmt=si, rank=10),
                 Column("macs_x", "x MACs", numeric=True, fmt=_x, rank=7)]
    if "memory" in show:
        cols += [Column("activation_bytes", "activations", numeric=True, fmt=mib, rank=8),
                 Column("activations_x", "x act.", numeric=True, fmt=_x, rank=15),
                 Column("model_bytes", "model size", numeric=True, fmt=mib, rank=9)]
    if "depth" in show:
        cols.append(Column("depth", "depth", numeric=True, rank=5))
    if measured:
        for rec in records:
            doc = measured[rec["model"]]
            rec.update(latency=doc["latency_ms"]["median"], throughput=doc["throughput"],
                       achieved=doc["achieved_flops"])
        first = measured[es[0].name]
        cols += [Column("latency", f"latency ms ({first['device_type']}, batch "
                                   f"{first['batch']})", numeric=True, rank=3,
                        fmt=lambda v: f"{v:.2f}"),
                 Column("throughput", "images/s", numeric=True, fmt=lambda v: f"{v:,.1f}",
                        rank=4),
                 Column("achieved", "achieved", numeric=True, fmt=lambda v: si(v, "FLOP/s"),
                        rank=16)]
    if any(e.top1 is not None for e in es):
        cols.append(Column("top1", "top-1 %", numeric=True, rank=4,
                           fmt=lambda v: "-" if v is None else f"{v:g}"))
    # the footnote explains only the column groups shown
    notes = [" ".join([f"Ratios (x) against {base.name}."] + [
        text for group, text in (
            ("flops", "MACs = multiply-accumulates of conv and fully connected layers, per "
                      "image; FLOPs = 2 x MACs."),
            ("params", "conv / fc params: held by conv and fully connected layers; other: "
                       "batch norm and the like."),
            ("memory", "Memory at float32: activations of one forward pass (batch 1), model "
                       "size = params x 4 bytes."),
            ("depth", "Depth = conv + fc layers on the longest path.")) if group in show])]
    sources = [f"top-1 {e.name}: {e.top1_source}" for e in es if e.top1 is not None]
    notes += sources
    data = compare_json(es)
    if measured:
        notes.append(f"Measured on {first['device']} ({first['dtype']}): median latency of a "
                     "forward pass, as `cnnstat profile` reports it.")
        for m in data["models"]:
            m["measured"] = measured[m["name"]]
    return Report(title="Comparison: " + ", ".join(e.name for e in es), columns=cols,
                  records=records, footnote="\n".join(notes), data=data)


# --------------------------------------------------------------------------- chart

class PlotUnavailable(Exception):
    """matplotlib is not installed."""


FIGSIZE = (12.0, 5.0)  # inches
DPI = 100  # a PNG is 1200 x 500 pixels


def plot(es: list[Entry], path: str, *, replace: bool = False, inputs=()) -> str:
    """Write the chart to ``path`` (.png or .svg): top-1 accuracy against GMACs with bubble
    area proportional to params, beside a stacked bar chart of params by layer kind.
    Written by ``safeio.write_file``: an existing file is replaced only with ``replace``
    (the CLI's --force), never a symlink nor one of the run's ``inputs``."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix not in ("png", "svg"):
        from cnnstat.calc.text import CalcError

        raise CalcError(f"--plot needs a file name ending in .png or .svg, not {path!r}")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        from cnnstat.calc.text import CalcError

        raise CalcError(f"--plot {path}: the folder {folder} does not exist")
    from cnnstat.files.safeio import check_target

    check_target(path, replace=replace, inputs=inputs, what="--plot")  # before drawing
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from cnnstat.runtime.install import install_hint

        raise PlotUnavailable(f"plotting needs matplotlib: {install_hint('plot')}") from None

    fig, (left, right) = plt.subplots(1, 2, figsize=FIGSIZE, dpi=DPI)
    try:
        ranked = [e for e in es if e.top1 is not None]
        biggest = max(e.params for e in es) or 1
        for i, e in enumerate(ranked):
            area = 2000 * e.params / biggest + 20
            left.scatter(e.macs / 1e9, e.top1, s=area, alpha=0.5, color=f"C{i % 10}",
                         edgecolors="black", linewidths=0.5)
            left.annotate(f"{e.name}\n{e.params / 1e6:.1f} M params", (e.macs / 1e9, e.top1),
                          ha="center", va="center", fontsize=8)
        left.set_xlabel("GMACs per image (multiply-accumulates; FLOPs = 2 x MACs)")
        left.set_ylabel("published top-1 accuracy (%)")
        left.set_title("Top-1 accuracy vs compute (bubble area ~ params)", fontsize=10)
        left.grid(True, alpha=0.3)
        missing = [e.name for e in es if e.top1 is None]
        if missing:
            left.text(0.01, 0.01, "no published top-1: " + ", ".join(missing),
                      transform=left.transAxes, fontsize=7, va="bottom")
        if ranked:
            lo = min(e.top1 for e in ranked)
            hi = max(e.top1 for e in ranked)
            left.set_ylim(lo - 3, hi + 3)
            left.set_xlim(0, max(e.macs for e in ranked) / 1e9 * 1.2 + 0.1)
        names = [e.name for e in es]
        conv = [e.conv_params / 1e6 for e in es]
        fc = [e.fc_params / 1e6 for e in es]
        other = [e.other_params / 1e6 for e in es]
        right.bar(names, conv, label="conv", color="C0")
        right.bar(names, fc, bottom=conv, label="fully connected", color="C1")
        right.bar(names, other, bottom=[a + b for a, b in zip(conv, fc)],
                  label="other (BN, ...)", color="C2")
        right.set_ylabel("parameters (millions)")
        right.set_title("Parameters by layer kind", fontsize=10)
        right.legend(fontsize=8)
        right.tick_params(axis="x", labelrotation=30, labelsize=8)
        fig.tight_layout()
        from cnnstat.files.safeio import write_file

        write_file(path, lambda fh: fig.savefig(fh, format=suffix, dpi=DPI), replace=replace,
                   inputs=inputs, what="--plot")
    finally:
        plt.close(fig)
    return path
