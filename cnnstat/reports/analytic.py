"""Turn library results into ``render.Report``s: what each command shows, in one place."""

from __future__ import annotations

from typing import Any

from cnnstat.analysis import Analysis, Row
from cnnstat.layers import fmt_shape
from cnnstat.render.report import Column, Report, Section, fmt_rf, human, mib, rf_plain, si
from cnnstat.models.zoo import matches_of

CONVENTION = ("MACs = multiply-accumulates of conv and linear layers (one multiply-add = 1; "
              "torchvision's \"GFLOPS\"); FLOPs = 2 x MACs; ops = other elementwise operations "
              "(bias, BN, activations, pooling, adds); RF = receptive field (+g: the value also "
              "depends on the whole input through global context, e.g. an SE gate).")




def _rf_global(value: tuple[tuple, bool]) -> str:
    """The local receptive field, and "+g" when the value also depends on the whole input
    through global context (a squeeze-and-excitation gate, global pooling: ``Field``)."""
    rf, is_global = value
    return fmt_rf(rf) + ("+g" if is_global else "")


def _rf_global_plain(value: tuple[tuple, bool]) -> str:
    """``_rf_global`` for a CSV cell."""
    rf, is_global = value
    return rf_plain(rf) + ("+g" if is_global else "")


def row_json(r: Row) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "name": r.name, "type": r.type, "input": list(r.input), "output": list(r.output),
        "params": r.params, "trainable_params": r.trainable, "buffers": r.buffers,
        "macs": r.macs, "flops": 2 * r.macs, "ops": r.ops, "rf": list(r.rf),
        "jump": list(r.jump), "global": r.is_global, "activations": r.activations, "depth": r.depth, "args": r.args,
    }
    if len(r.inputs) > 1:
        doc["inputs"] = [list(s) for s in r.inputs]
    return doc


def totals_json(a: Analysis) -> dict[str, Any]:
    t = a.totals
    return {
        "params": t.params, "trainable_params": t.trainable_params, "buffers": t.buffers,
        "macs": t.macs, "flops": t.flops, "ops": t.ops, "depth": t.depth,
        "activations": t.activations, "activation_bytes": t.activation_bytes,
        "model_bytes": t.model_bytes, "layers": t.layers,
        **_expected(a),
    }


def _expected(a: Analysis) -> dict[str, Any]:
    """Expected training-time figures: only for specs with stochastic depth, drop-path or
    auxiliary heads."""
    t = a.totals
    if t.expected_train_macs is None:
        return {}
    return {"expected_train_macs": t.expected_train_macs,
            "expected_train_depth": t.expected_train_depth}


def _kwargs(a: Analysis) -> dict[str, Any]:
    """The keyword arguments the matched builder needs (``{}`` without a match)."""
    match = matches_of(a.spec)
    return match[1] if match else {}


def params_json(a: Analysis, rows: list[Row]) -> dict[str, Any]:
    return {
        "model": a.spec.name, "title": a.spec.title, "matches": a.spec.matches,
        "matches_kwargs": _kwargs(a),
        "input": list(a.input), "batch": a.batch, "output": list(a.output),
        "totals": totals_json(a),
        "published": [{"key": c.key, "published": c.published, "computed": c.computed,
                       "match": c.ok, "source": c.source} for c in a.checks],
        "layers": [row_json(r) for r in rows],
    }


ROW_COLUMNS = [  # rank: the order columns are kept in when the width is short
    Column("name", "layer", rank=0),
    Column("type", "type", rank=4),
    Column("args", "args", rank=8),
    Column("input", "input", fmt=lambda s: " + ".join(fmt_shape(x) for x in s), rank=7),
    Column("output", "output", fmt=fmt_shape, rank=1),
    Column("params", "params", numeric=True, rank=2),
    Column("macs", "MACs", numeric=True, rank=3),
    Column("rf", "RF", numeric=True, fmt=_rf_global, rank=5, plain=_rf_global_plain),
    Column("activations", "activations", numeric=True, rank=6),
]


def params_report(a: Analysis, rows: list[Row]) -> Report:
    t = a.totals
    records = [{"name": r.name, "type": r.type, "args": r.args, "input": r.inputs,
                "output": r.output, "params": r.params, "macs": r.macs, "rf": (r.rf, r.is_global),
                "activations": r.activations} for r in rows]
    batch = f", batch {a.batch}" if a.batch != 1 else ""
    totals = Section("Totals", [
        ("params", human(t.params), si(t.params)),
        ("trainable params", human(t.trainable_params), ""),
        ("buffers", human(t.buffers), "non-trained state (BN running statistics)"),
        ("MACs", human(t.macs), si(t.macs) + " multiply-accumulates"),
        ("FLOPs (2 x MACs)", human(t.flops), si(t.flops)),
        ("other ops", human(t.ops), "elementwise: bias, BN, activations, pooling, merges"),
        ("depth", human(t.depth), "conv + fully connected layers on the longest path"),
        ("activations", human(t.activations), mib(t.activation_bytes) + " at float32"),
        ("model size", mib(t.model_bytes), "parameters at float32"),
        ("output", fmt_shape(a.output), ""),
    ] + ([
        ("expected train MACs", human(t.expected_train_macs),
         si(t.expected_train_macs) + " per sample in training (dropped paths skipped, "
                                     "auxiliary heads run)"),
        ("expected train depth", f"{t.expected_train_depth:.2f}",
         "expected conv + fc layers on the longest path in training"),
    ] if t.expected_train_macs is not None else []))
    sections = [totals]
    if a.checks:
        lines = []
        for c in a.checks:
            mark = {True: "✓", False: "✗", None: "·"}[c.ok]
            computed = "-" if c.computed is None else human(c.computed)
            shown = human(int(c.published)) if c.published.isdigit() else c.published
            lines.append((f"{mark} {c.key}", f"{shown} vs {computed}", c.source))
        title = "Published figures (published vs computed)"
        if a.spec.overridden:
            title = ("Published figures (not compared: --set "
                     + ", ".join(a.spec.overridden) + " changed the network)")
        sections.append(Section(title, lines))
    return Report(
        title=f"{a.spec.name}: {a.spec.title} — input {fmt_shape(a.input)}{batch}",
        columns=ROW_COLUMNS, records=records, sections=sections, footnote=CONVENTION,
        data=params_json(a, rows))


def list_report(entries: list[tuple[str, Any]]) -> Report:
    """``entries``: (name, a ``cnnstat.models.listing`` summary or an error message)."""
    records, data = [], []
    for name, s in entries:
        if isinstance(s, str):
            records.append({"name": name, "title": s})
            data.append({"name": name, "title": None, "matches": None, "matches_kwargs": {},
                         "error": s})
            continue
        rec = {"name": name, "title": s["title"], "matches": s["matches"],
               "input": tuple(s["input"]), "params": s["params"], "macs": s["macs"],
               "depth": s["depth"]}
        records.append(rec)
        data.append({**rec, "matches": s["builder"], "matches_kwargs": s["matches_kwargs"],
                     "input": list(s["input"]), "paper": s["paper"]})
    columns = [Column("name", "name", rank=0), Column("title", "title", rank=5, wrap=True),
               Column("input", "input", rank=4),
               Column("params", "params", numeric=True, rank=1),
               Column("macs", "MACs", numeric=True, fmt=lambda v: si(v) if v else "-",
                      rank=2),
               Column("depth", "depth", numeric=True, rank=3),
               Column("matches", "matches", fmt=lambda v: v or "-", rank=6)]
    return Report(title="Bundled specs", columns=columns, records=records, data=data,
                  footnote="MACs: multiply-accumulates at the spec's input size.")


def explain_report(a: Analysis) -> Report:
    """Every layer's formulas with its own numbers substituted (``params --explain``).

    The text comes from ``calc.FORMULAS`` (registered per kind), the values from the layer
    algebra, per sample; shapes are C x H x W as in the params table."""
    from cnnstat.calc.formulas import explain_layer
    from cnnstat.calc.report import equation
    from cnnstat.calc.text import Line

    records: list[dict[str, Any]] = []
    layers = []
    for r in a.rows:
        if r.kind is not None:
            lines = explain_layer(r.kind, r.input, r.kind.apply(r.input), order="chw")
        else:  # a merge (concat / add / mean) or a folded block
            lines = [Line("output", f"{r.type} of {len(r.inputs)} inputs",
                          " + ".join(fmt_shape(s) for s in r.inputs), fmt_shape(r.output))]
        for i, line in enumerate(lines):
            records.append({"layer": r.name if i == 0 else "", "what": line.what,
                            "formula": line.formula, "result": equation(line)})
        layers.append({"name": r.name, "type": r.type, "lines": [
            {"what": ln.what, "formula": ln.formula, "substituted": ln.substituted,
             "value": ln.value} for ln in lines]})
    cols = [Column("layer", "layer", rank=0), Column("what", "quantity", rank=1),
            Column("formula", "formula", rank=3, wrap=True),
            Column("result", "substituted = result", rank=2, wrap=True)]
    totals = Section("Totals", [("params", human(a.totals.params), si(a.totals.params)),
                                ("MACs", human(a.totals.macs // a.batch),
                                 si(a.totals.macs // a.batch) + " per sample")])
    return Report(title=f"{a.spec.name}: every layer's formulas — input {fmt_shape(a.input)}",
                  columns=cols, records=records, sections=[totals],
                  footnote="· is multiplication; ⌊x⌋ rounds down (⌈x⌉ up, pooling's ceil "
                           "mode). Values per sample; shapes C x H x W. " + CONVENTION,
                  data={"model": a.spec.name, "input": list(a.input), "layers": layers})
