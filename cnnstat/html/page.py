"""``cnnstat report``: one self-contained HTML page of a model (no network requests).

First the totals with the published figures beside the computed ones, then the drawing
(zoomable, each box linked to its table row), bar charts per stage, the memory of a
training and an inference step at the batch, and the per-layer table (sorts, filters,
folds by stage). Every number comes from the same ``Analysis`` that ``params`` prints,
and from ``cnnstat.mem`` for memory.
"""

from __future__ import annotations

from html import escape
from os.path import basename

from cnnstat.analysis import Analysis, fold
from cnnstat.draw.stages import level as stage_level
from cnnstat.html.assets import asset
from cnnstat.html.charts import bars
from cnnstat.html.table import layer_table
from cnnstat.html.words import words
from cnnstat.layers import fmt_shape

MIB = 2**20


def mib(n: float) -> str:
    return f"{n / MIB:,.2f} MiB"


def document(title: str, body: list[str], lang: str) -> str:
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>", f"<style>{asset('page.css')}</style></head>",
        "<body><main>", *body, "</main>", f"<script>{asset('page.js')}</script>",
        "</body></html>"]) + "\n"


def card(label: str, value: str, note: str = "") -> str:
    small = f"<small>{escape(note)}</small>" if note else ""
    return f'<div class="card"><span>{escape(label)}</span><b>{escape(value)}</b>{small}</div>'


def totals(a: Analysis, w: dict[str, str]) -> str:
    t = a.totals
    each = "" if a.batch == 1 else w["per_image"].format(n=f"{t.macs // a.batch:,}")
    fp32 = f"× 4 {w['bytes']} (fp32)"
    return '<div class="cards">' + "".join([
        card(w["params"], f"{t.params:,}"),
        card(w["macs"], f"{t.macs:,}", each),
        card(w["flops"], f"{t.flops:,}"),
        card(w["act_mem"], mib(t.activation_bytes), f"{t.activations:,} {fp32}"),
        card(w["model_size"], mib(t.model_bytes), f"{t.params:,} {fp32}"),
        card(w["layers"], f"{t.layers:,}"),
        card(w["depth"], f"{t.depth:,}", w["depth_note"]),
    ]) + "</div>"


def published(a: Analysis, w: dict[str, str]) -> str:
    if not a.checks:
        return ""
    rows = []
    for c in a.checks:
        ok = {True: ("ok", w["yes"]), False: ("bad", w["no"]), None: ("na", w["na"])}[c.ok]
        computed = "-" if c.computed is None else f"{c.computed:,}"
        rows.append(f"<tr><td>{escape(c.key)}</td><td class=\"n\">{escape(c.published)}</td>"
                    f'<td class="n">{computed}</td><td class="{ok[0]}">{escape(ok[1])}</td>'
                    f'<td class="src">{escape(c.source)}</td></tr>')
    return (f'<h2>{escape(w["published"])}</h2><div class="wrap"><table class="pub"><thead><tr>'
            + "".join(f"<th>{escape(w[k])}</th>" for k in
                      ("key", "published_v", "computed", "match", "source"))
            + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


def drawing(a: Analysis, depth: int | None, w: dict[str, str], note: str = "drawing_note"
            ) -> str:
    from cnnstat.draw import to_svg

    svg = to_svg(a, depth, header=a.spec.title)
    return ('<div class="pane-tools"><button data-zoom="out">−</button>'
            f'<button data-zoom="fit">{escape(w["fit"])}</button>'
            '<button data-zoom="in">+</button>'
            f'<span class="note">{escape(w[note])}</span></div>'
            f'<div class="pane">{svg}</div>')


def charts(a: Analysis, w: dict[str, str]) -> str:
    stages = fold(a.rows, stage_level([r.name for r in a.rows]))
    per = [(r.name, r) for r in stages]
    return '<div class="charts">' + "".join([
        bars(w["params"], [(n, r.params) for n, r in per], lambda v: f"{v:,}", "#3b6ea8"),
        bars(w["macs"], [(n, r.macs) for n, r in per], lambda v: f"{v:,}", "#f59e0b"),
        bars(w["mem_chart"], [(n, r.activations * 4) for n, r in per],
             lambda v: f"{v / MIB:,.2f}", "#10b981"),
    ]) + "</div>"


def memory(a: Analysis, w: dict[str, str]) -> str:
    from cnnstat.mem import memory as predict

    shape = a.input if a.input != a.spec.input else None
    infer = predict(a.spec, batch=a.batch, input=shape)
    train = predict(a.spec, batch=a.batch, train=True, input=shape)

    def table(title: str, lines: list[tuple[str, int]], total: int) -> str:
        top = max(total, 1)
        rows = "".join(
            f'<tr><td>{escape(k)}</td><td class="n">{v:,}</td><td class="n">{mib(v)}</td>'
            f'<td><div class="bar" style="width:{100 * v / top:.1f}%"></div></td></tr>'
            for k, v in lines)
        return (f'<div class="mem"><h3>{escape(title)}</h3><table><thead><tr><th></th>'
                f'<th>{escape(w["bytes"])}</th><th>MiB</th><th></th></tr></thead>'
                f"<tbody>{rows}<tr class=\"tot\"><td>{escape(w['total'])}</td>"
                f'<td class="n">{total:,}</td><td class="n">{mib(total)}</td><td></td></tr>'
                "</tbody></table></div>")

    peak = w["act_peak"].format(layer=infer.peak_layer)
    return (f'<h2>{escape(w["memory"].format(batch=a.batch))}</h2><div class="mems">'
            + table(w["training"].format(opt=train.optimizer), [
                (w["weights"], train.weights), (w["buffers"], train.buffers),
                (w["gradients"], train.gradients), (w["opt_state"], train.optimizer_state),
                (w["saved"], train.saved), (w["outputs"], train.outputs)], train.total)
            + table(w["inference"], [(w["weights"], infer.weights),
                                     (w["buffers"], infer.buffers),
                                     (peak, infer.activation_peak)], infer.total)
            + f'</div><p class="note">{escape(w["mem_note"])}</p>')


def model_page(a: Analysis, *, depth: int | None = None, lang: str = "en") -> str:
    """The whole page for one analysed model."""
    w = words(lang)
    rows = fold(a.rows, depth) if depth is not None else a.rows
    s = a.spec
    sub = " · ".join(x for x in (f"{w['input']} {fmt_shape(a.input)}",
                                 f"{w['batch']} {a.batch}", s.paper or "") if x)
    body = [f"<header><h1>{escape(s.name)}</h1><p class=\"title\">{escape(s.title)}</p>"
            f'<p class="sub">{escape(sub)}</p></header>',
            totals(a, w), published(a, w),
            f'<h2>{escape(w["drawing"])}</h2>', drawing(a, depth, w),
            f'<h2>{escape(w["charts"])}</h2>', charts(a, w),
            memory(a, w),
            f'<h2>{escape(w["table"])}</h2><div class="tools"><input id="filter" '
            f'type="search" placeholder="{escape(w["filter"])}"> '
            f'<button id="fold-all">{escape(w["fold_all"])}</button> '
            f'<button id="unfold-all">{escape(w["unfold_all"])}</button> '
            f'<span id="shown" data-label="{escape(w["rows_shown"])}"></span></div>',
            layer_table(rows, w, stage_level([r.name for r in a.rows])),
            f'<footer><p>{escape(w["units"])}</p>'
            f'<p>{escape(w["generated"].format(file=basename(s.file)))}</p></footer>']
    return document(f"{s.name} · {w['report']}", body, lang)
