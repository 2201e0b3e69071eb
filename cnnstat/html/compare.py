"""``cnnstat compare A B --html``: models side by side on one page: their totals with
ratios against the first, then for each its published figures, drawing (folded to
stages) and charts per stage."""

from __future__ import annotations

from html import escape

from cnnstat.analysis import Analysis
from cnnstat.html.page import charts, document, drawing, mib, published
from cnnstat.html.words import words

DRAW_DEPTH = 1  # stages and modules: two drawings fit side by side


def compare_page(analyses: list[Analysis], lang: str = "en") -> str:
    w = words(lang)
    first = analyses[0]
    names = [a.spec.name for a in analyses]
    facts = [(w["params"], lambda a: a.totals.params, lambda v: f"{v:,}"),
             (w["macs"], lambda a: a.totals.macs, lambda v: f"{v:,}"),
             (w["flops"], lambda a: a.totals.flops, lambda v: f"{v:,}"),
             (w["act_mem"], lambda a: a.totals.activation_bytes, mib),
             (w["model_size"], lambda a: a.totals.model_bytes, mib),
             (w["layers"], lambda a: a.totals.layers, lambda v: f"{v:,}"),
             (w["depth"], lambda a: a.totals.depth, lambda v: f"{v:,}")]
    head = "".join(f"<th>{escape(n)}</th>" for n in names) + "".join(
        f"<th>{escape(w['ratio'].format(a=names[0], b=n))}</th>" for n in names[1:])
    rows = []
    for label, get, show in facts:
        base = get(first)
        cells = "".join(f'<td class="n">{escape(show(get(a)))}</td>' for a in analyses)
        ratios = "".join(f'<td class="n">{get(a) / base:,.3f}</td>' if base else
                         '<td class="n">-</td>' for a in analyses[1:])
        rows.append(f"<tr><td>{escape(label)}</td>{cells}{ratios}</tr>")
    side = "".join(
        f'<section><h2>{escape(a.spec.name)}</h2><p class="title">{escape(a.spec.title)}</p>'
        f"{published(a, w)}<h3>{escape(w['drawing'])}</h3>"
        f"{drawing(a, DRAW_DEPTH, w, 'zoom_note')}<h3>{escape(w['charts'])}</h3>{charts(a, w)}</section>"
        for a in analyses)
    body = [f"<header><h1>{escape(w['compare'])}: {escape(' · '.join(names))}</h1></header>",
            f'<table class="cmp"><thead><tr><th></th>{head}</tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>",
            f'<div class="cols">{side}</div>',
            f'<footer><p>{escape(w["units"])}</p></footer>']
    return document(f"{w['compare']}: {' · '.join(names)}", body, lang)
