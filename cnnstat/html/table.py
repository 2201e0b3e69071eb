"""The per-layer table of the report: one row per layer (or folded block) with plain
numbers; stage rows above each stage fold it; the script sorts and filters."""

from __future__ import annotations

from html import escape

from cnnstat.analysis import Row
from cnnstat.draw.stages import key
from cnnstat.layers import fmt_shape
from cnnstat.render.report import fmt_rf


def _num(v: int) -> str:
    return f'<td class="n" data-v="{v}">{v:,}</td>'


def _rf(rf: tuple) -> tuple[float, str]:
    """The sort key (area, in input pixels) and the text ``params`` shows."""
    return float(rf[0] * rf[1]), fmt_rf(rf)


def layer_table(rows: list[Row], w: dict[str, str], level: int) -> str:
    """``level``: the name parts that tell the stages apart (``draw.stages.level``)."""
    heads = [("#", "n", w["order"]), ("layer", "s", w["layer"]), ("type", "s", w["type"]),
             ("output", "s", w["output"]), ("params", "n", w["params"]),
             ("macs", "n", w["macs"]), ("rf", "n", w["rf"]), ("acts", "n", w["acts"])]
    out = ['<table id="layers"><thead><tr>']
    out += [f'<th data-k="{k}" data-col="{c}" title="sort">{escape(t)}</th>'
            for c, k, t in heads]
    out.append("</tr></thead><tbody>")
    counts: dict[str, list[Row]] = {}
    for r in rows:
        counts.setdefault(key(r.name, level), []).append(r)
    previous = None
    for i, r in enumerate(rows, 1):
        stage = key(r.name, level)
        group = counts[stage]
        if stage != previous and len(group) > 1:
            params = sum(x.params for x in group)
            macs = sum(x.macs for x in group if not x.train_only)
            out.append(f'<tr class="st" data-stage="{escape(stage)}"><td colspan="8">'
                       f'<span class="tw">▾</span> <b>{escape(stage)}</b> · {len(group)} · '
                       f"{w['params']} {params:,} · MACs {macs:,}</td></tr>")
        previous = stage
        area, rf = _rf(r.rf)
        text = f"{r.name} {r.type}".lower()
        out.append(f'<tr class="l" data-row="{escape(r.name)}" data-stage="{escape(stage)}" '
                   f'data-text="{escape(text)}"><td class="n" data-v="{i}">{i}</td>'
                   f'<td class="nm" title="{escape(r.args)}">{escape(r.name)}</td>'
                   f"<td>{escape(r.type)}</td><td>{escape(fmt_shape(r.output))}</td>"
                   f"{_num(r.params)}{_num(r.macs)}"
                   f'<td class="n" data-v="{area}">{rf}</td>{_num(r.activations)}</tr>')
    out.append("</tbody></table>")
    return "".join(out)
