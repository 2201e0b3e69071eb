"""The layout as SVG text: boxes shaded by their share of the network's MACs, edges with
arrowheads, stage titles with their totals. Standalone (``diagram --format svg``) or
inline in the HTML report, where ``data-row`` links each box to its table row."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from cnnstat.analysis import Analysis
from cnnstat.draw.label import BOX_H, compact, lines, tooltip
from cnnstat.draw.layout import Layout, Placed
from cnnstat.draw.paths import num
from cnnstat.layers import MERGES

HEADER = 30
FONT = "DejaVu Sans, Noto Sans, Noto Sans CJK KR, Arial, sans-serif"
STYLE = """
.e{fill:none;stroke:#8a8f98;stroke-width:1.2}
.e.bypass{stroke:#2a9d8f;stroke-width:1.6}
.e.gate{stroke:#e76f51;stroke-dasharray:5 3}
.e.side{stroke:#9c89b8;stroke-dasharray:3 3}
.e.stage{stroke:#c3c7ce;stroke-dasharray:2 4}
.e.named{stroke:#7c3aed;stroke-width:1.4}
.node rect.b{stroke:#6b7280;stroke-width:.8}
.node.folded rect.b{stroke:#b45309;stroke-width:1.4}
.node text{fill:#1f2937}
.node .n{font-weight:bold}
.node .c{fill:#4b5563}
.t{font-weight:bold;font-size:13px;fill:#111827}
.ts{font-size:10.5px;fill:#6b7280}
.h{font-size:13px;fill:#111827}
"""
STRIPE = {"weights": "#3b6ea8", "merge": "#374151", "block": "#d97706", "other": "#a3a3a3",
          "input": "#10b981"}


def shade(share: float) -> str:
    """White for nothing, deep amber for the largest share (square root: small shares
    stay visible)."""
    t = max(0.0, min(1.0, share)) ** 0.5
    r, g, b = (round(255 + (v - 255) * t) for v in (245, 158, 66))
    return f"#{r:02x}{g:02x}{b:02x}"


def _role(p: Placed) -> str:
    r = p.box.row
    if r.type in ("input", "block"):
        return r.type
    if r.type in MERGES:
        return "merge"
    return "weights" if r.kind is not None and r.kind.counts_depth else "other"


def _node(p: Placed, index: int, top: float) -> str:
    r = p.box.row
    role = _role(p)
    cls = "node folded" if role == "block" else "io" if role == "input" else "node"
    text = lines(p.box, p.prefix)
    fill = "#ecfdf5" if role == "input" else shade(top and r.macs / top)
    y0 = 14
    spans = "".join(
        f'<text x="9" y="{y0 + 14 * i}" class="{c}">{escape(t)}</text>'
        for i, (t, c) in enumerate(zip(text, ("n", "k", "c"))))
    data = "" if role == "input" else f" data-row={quoteattr(r.name)} data-i=\"{index}\""
    return (f'<g class="{cls}"{data} transform="translate({num(p.x)},{num(p.y)})">'
            f"<title>{escape(tooltip(p.box))}</title>"
            f'<rect class="b" width="{num(p.w)}" height="{BOX_H}" rx="5" fill="{fill}"/>'
            f'<rect width="4" height="{BOX_H}" rx="2" fill="{STRIPE[role]}"/>{spans}</g>')


def render(lay: Layout, a: Analysis, header: str = "") -> str:
    """The SVG document. ``header`` is a line above the drawing (default: the model, its
    totals and what the shading means)."""
    t = a.totals
    share_of = max(t.macs, 1)
    if not header:
        header = (f"{a.spec.name}: {t.params:,} params · {t.macs:,} MACs · box shade = "
                  "share of the network's MACs")
    w, h = max(lay.width, 32 + len(header) * 7.2), lay.height + HEADER
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="cnnstat-diagram" '
           f'viewBox="0 0 {num(w)} {num(h)}" width="{num(w)}" height="{num(h)}" '
           f'font-family={quoteattr(FONT)} font-size="11">',
           f"<title>{escape(a.spec.name)}: {escape(a.spec.title)}</title>",
           '<defs><marker id="cs-arrow" viewBox="0 0 8 8" refX="7" refY="4" '
           'markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L8,4L0,8z" '
           'fill="#8a8f98"/></marker></defs>',
           f"<style>{STYLE}</style>",
           f'<text class="h" x="16" y="20">{escape(header)}</text>',
           f'<g transform="translate(0,{HEADER})">', '<g class="edges">']
    for e in lay.edges:
        end = ' marker-end="url(#cs-arrow)"' if e.style in ("flow", "stage", "named") else ""
        out.append(f'<path class="e {e.style}" d="{e.d}"{end}/>')
    out.append('</g><g class="titles">')
    for c in lay.titles:
        params = sum(r.params for r in c.rows)
        macs = sum(r.macs for r in c.rows if not r.train_only)
        room = max(4, int(max(c.w, 150) / 7.8))  # bold 13px characters that fit
        text = c.text if len(c.text) <= room else c.text[:room - 1] + "…"
        out.append(f'<text class="t" x="{num(c.x)}" y="{num(c.y + 12)}">'
                   f"<title>{escape(c.text)}</title>{escape(text)}</text>"
                   f'<text class="ts" x="{num(c.x)}" y="{num(c.y + 26)}">'
                   f"{compact(params)} params · {compact(macs)} MACs</text>")
    out.append('</g><g class="nodes">')
    if lay.input is not None:
        out.append(_node(lay.input, -1, share_of))
    for i, p in enumerate(lay.boxes):
        out.append(_node(p, i, share_of))
    out.append("</g></g></svg>")
    return "\n".join(out) + "\n"
