"""Reports of the counting conventions: ``cnnstat conventions`` and the
``--convention`` views of ``params`` and ``compare``."""

from __future__ import annotations

from typing import Any

from cnnstat.analysis import Analysis, Row
from cnnstat.conventions import (NAMES, TERMS, Convention, Prediction, all_conventions, get,
                                 kinds_of, predict, rule_of)
from cnnstat.layers import fmt_shape
from cnnstat.render.report import Column, Report, Section, human, si


def formula(conv: Convention, kind: str, functional: str | None = None) -> str:
    """A rule as text: ``2·macs + bias``, ``0``, or ``?`` when unknown; ``functional``:
    of that kind called as that function (``rule_of``)."""
    terms = rule_of(conv, kind, functional).terms
    if terms is None:
        return "?"
    parts = []
    for term, c in terms.items():
        text = term if abs(c) == 1 else f"{abs(c)}·{term}"
        parts.append(("- " if c < 0 else "+ ") + text)
    if not parts:
        return "0"
    out = " ".join(parts)
    return out[2:] if out.startswith("+ ") else "-" + out[2:]


def _kinds(a: Analysis) -> list[str]:
    seen: list[str] = []
    for r in a.rows:
        if not r.train_only and r.type not in seen:
            seen.append(r.type)
    return seen


def _calls(a: Analysis) -> list[tuple[str, str]]:
    """(kind, function) of the layers the model's code called as functions."""
    seen: list[tuple[str, str]] = []
    for r in a.rows:
        if not r.train_only and r.functional and (r.type, r.functional) not in seen:
            seen.append((r.type, r.functional))
    return seen


def _total(p: Prediction) -> str:
    return "?" if p.total is None else f"{p.total:,}"


def gaps(base: Prediction, p: Prediction) -> list[tuple[str, int | None]]:
    """(kind, this convention's count minus the MACs convention's) where they differ."""
    out = []
    for kind, value in p.by_kind.items():
        ref = base.by_kind.get(kind, 0)
        if value is None:
            out.append((kind, None))
        elif value != ref:
            out.append((kind, value - ref))
    return out


def _gap_text(a: Analysis, base: Prediction, p: Prediction) -> str:
    if p.convention.name == "macs":
        return "the reference"
    parts = []
    for kind, delta in gaps(base, p):
        if delta is None:
            parts.append(f"{kind} unknown")
        else:
            parts.append(f"{kind} {'+' if delta >= 0 else '-'}{si(abs(delta))}")
    return ", ".join(parts) if parts else "the same"


def conventions_report(a: Analysis, sources: bool = False) -> Report:
    """One column per convention, one row per layer kind in the model, totals last."""
    kinds = kinds_of(a)
    preds = [predict(a, c, kinds) for c in all_conventions()]
    base = preds[0]
    present = _kinds(a)
    counts = {k: sum(1 for r in a.rows if r.type == k and not r.train_only) for k in present}
    records: list[dict[str, Any]] = []
    for kind in present:
        rec: dict[str, Any] = {"kind": f"{kind} ({counts[kind]:,})"}
        for p in preds:
            rec[p.convention.name] = p.by_kind.get(kind)
        records.append(rec)
    records.append({"kind": "total", **{p.convention.name: p.total for p in preds}})
    records.append({"kind": "unit", **{p.convention.name: p.convention.unit for p in preds}})
    records.append({"kind": "x MACs", **{p.convention.name: (
        None if p.total is None or not base.total else f"{p.total / base.total:.4f}")
        for p in preds}})
    columns = [Column("kind", "layer kind (rows)")] + [
        Column(p.convention.name, p.convention.name, numeric=True) for p in preds]
    lines = [(p.convention.name, si(p.total) if p.total is not None else "?",
              f"{p.convention.unit}s; {_gap_text(a, base, p)}") for p in preds]
    tools = [(p.convention.name, p.convention.tested, p.convention.reports) for p in preds]
    sections = [Section("What makes each total (against MACs)", lines),
                Section("Each tool's figure (version tested)", tools)]
    calls = _calls(a)
    if sources:
        sections.append(Section("Rules used and where each tool's source says so", [
            (f"{p.convention.name} {kind}", formula(p.convention, kind),
             p.convention.rules[kind].source) for p in preds for kind in present] + [
            (f"{p.convention.name} {kind} as {fn}", formula(p.convention, kind, fn),
             rule_of(p.convention, kind, fn).source) for p in preds for kind, fn in calls]))
    if calls:
        sections.append(Section("Layers called as functions, not modules (module hooks "
                                "miss them)", [
            (fn, f"{sum(1 for r in a.rows if (r.type, r.functional) == (kind, fn)):,} "
                 f"{kind}", "") for kind, fn in calls]))
    batch = f", batch {a.batch}" if a.batch != 1 else ""
    data = {
        "model": a.spec.name, "input": list(a.input), "batch": a.batch,
        "conventions": [{
            "name": p.convention.name, "tool": p.convention.tool, "unit": p.convention.unit,
            "reports": p.convention.reports, "tested": p.convention.tested,
            "summary": p.convention.summary, "total": p.total, "by_kind": p.by_kind,
            "gaps_vs_macs": dict(gaps(base, p)),
            "rules": {k: {"formula": formula(p.convention, k),
                          "source": p.convention.rules[k].source} for k in present},
            "functional_rules": [{"kind": k, "function": fn,
                                  "formula": formula(p.convention, k, fn),
                                  "source": rule_of(p.convention, k, fn).source}
                                 for k, fn in calls],
            "unknown": [{"layer": n, "kind": k, "why": w} for n, k, w in p.unknown],
        } for p in preds],
        "terms": TERMS,
    }
    return Report(
        title=f"{a.spec.name}: what each counter reports — input {fmt_shape(a.input)}{batch}",
        columns=columns, records=records, sections=sections, data=data,
        footnote="Exact predictions of each tool's total for the model built from this spec "
                 "(cnnstat.torch.build), eval mode; a layer marked `functional` as the "
                 "model's code called it. MAC: one multiply-add = 1; FLOP: 2 per "
                 "multiply-add. `cnnstat conventions NAME --sources` cites each rule.")


def fold_values(rows: list[Row], values: list[int | None], depth: int | None
                ) -> dict[str, int | None]:
    """Values keyed by the (folded) row name, summed as ``analysis.fold`` sums MACs."""
    out: dict[str, int | None] = {}
    for r, v in zip(rows, values):
        key = ".".join(r.name.split(".")[:depth]) if depth else r.name
        if key in out and out[key] is None:
            continue
        out[key] = None if v is None else out.get(key, 0) + v  # type: ignore[operator]
    return out


def params_report(a: Analysis, rows: list[Row], name: str, depth: int | None) -> Report:
    """``cnnstat params NAME --convention C``: per-layer counts beside MACs, and totals."""
    conv = get(name)
    p = predict(a, conv)
    values = fold_values(a.rows, p.values, depth)
    records = [{"name": r.name, "type": r.type, "args": r.args, "output": r.output,
                "params": r.params, "macs": r.macs, "count": values.get(r.name),
                "train_only": r.train_only} for r in rows]
    unit = conv.unit
    columns = [Column("name", "layer"), Column("type", "type"), Column("args", "args"),
               Column("output", "output", fmt=fmt_shape),
               Column("params", "params", numeric=True),
               Column("macs", "MACs", numeric=True),
               Column("count", f"{conv.name} ({unit}s)", numeric=True)]
    t = a.totals
    lines = [("MACs", human(t.macs), si(t.macs) + " multiply-accumulates (cnnstat)"),
             (f"{conv.name}", _total(p), (si(p.total) + f" {unit}s") if p.total is not None
              else "unknown: " + "; ".join(f"{n} ({k})" for n, k, _ in p.unknown)),
             ("reported by", conv.tested, conv.reports)]
    if p.total is not None and t.macs:
        lines.append((f"{conv.name} / MACs", f"{p.total / t.macs:.4f}",
                      "`cnnstat conventions` explains the gap by layer kind"))
    batch = f", batch {a.batch}" if a.batch != 1 else ""
    data = {"model": a.spec.name, "input": list(a.input), "batch": a.batch,
            "convention": conv.name, "unit": unit, "reports": conv.reports,
            "total": p.total, "macs": t.macs,
            "layers": [{"name": r["name"], "type": r["type"], "macs": r["macs"],
                        "count": r["count"], "train_only": r["train_only"]}
                       for r in records]}
    return Report(
        title=f"{a.spec.name}: {a.spec.title} — {conv.tool} convention — input "
              f"{fmt_shape(a.input)}{batch}",
        columns=columns, records=records, sections=[Section("Totals", lines)], data=data,
        footnote=f"{conv.name}: {conv.summary}. Auxiliary heads (training only) are shown "
                 "but not in the totals.")


def with_convention(report: Report, analyses: list[Analysis], name: str) -> Report:
    """``compare --convention C``: the comparison with C's total per model added."""
    conv = get(name)
    preds = [predict(a, conv) for a in analyses]
    base = preds[0].total
    records = []
    for rec, p in zip(report.records, preds):
        records.append({**rec, "conv_total": p.total,
                        "conv_x": None if p.total is None or not base else p.total / base})
    columns = list(report.columns) + [
        Column("conv_total", f"{conv.name} ({conv.unit}s)", numeric=True,
               fmt=lambda v: "?" if v is None else si(v)),
        Column("conv_x", f"x {conv.name}", numeric=True,
               fmt=lambda v: "-" if v is None else f"{v:.2f}x")]
    data = dict(report.data)
    data["convention"] = {"name": conv.name, "unit": conv.unit, "reports": conv.reports}
    data["models"] = [{**m, "convention_total": p.total}
                      for m, p in zip(report.data["models"], preds)]
    footnote = report.footnote + f"\n{conv.name}: {conv.summary} ({conv.reports})."
    return report._replace(columns=columns, records=records, data=data, footnote=footnote)


__all__ = ["NAMES", "conventions_report", "formula", "params_report", "with_convention"]
