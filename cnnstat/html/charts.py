"""Horizontal bar charts as inline SVG: one bar per stage, the exact number beside it."""

from __future__ import annotations

from html import escape
from typing import Callable

BAR_H, GAP, LABEL_W, BAR_W, VALUE_W = 16, 5, 150, 230, 120


def bars(title: str, items: list[tuple[str, float]], show: Callable[[float], str],
         color: str) -> str:
    """``items``: (label, value) pairs, drawn in order; the longest bar is the largest."""
    top = max([v for _, v in items] + [0])
    w = LABEL_W + BAR_W + VALUE_W
    h = 24 + len(items) * (BAR_H + GAP)
    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{w}" '
           f'height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{escape(title)}">',
           f'<text x="0" y="14" class="ct">{escape(title)}</text>']
    for i, (label, value) in enumerate(items):
        y = 24 + i * (BAR_H + GAP)
        length = 0 if top <= 0 else max(1.0, BAR_W * value / top) if value else 0
        name = label if len(label) <= 22 else "…" + label[-21:]
        out.append(f'<g><title>{escape(label)}: {escape(show(value))}</title>'
                   f'<text x="{LABEL_W - 6}" y="{y + 12}" text-anchor="end">'
                   f"{escape(name)}</text>"
                   f'<rect x="{LABEL_W}" y="{y}" width="{length:.1f}" height="{BAR_H}" '
                   f'rx="2" fill="{color}"/>'
                   f'<text x="{LABEL_W + length + 5:.1f}" y="{y + 12}" class="cv">'
                   f"{escape(show(value))}</text></g>")
    out.append("</svg>")
    return "".join(out)
