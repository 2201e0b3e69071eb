"""What a drawn box says, and how wide that makes it.

Three lines: the name; the kind and output shape; params and MACs (compact, with the
exact figures in the box's tooltip). A folded block says how many layers it holds.
"""

from __future__ import annotations

from cnnstat.analysis import Row
from cnnstat.draw.tree import Box
from cnnstat.layers import fmt_shape
from cnnstat.render.report import si

BOX_H = 46
CHAR_W = 6.7  # advance of the 11px sans-serif text (DejaVu Sans, bold names), in px
MIN_W, MAX_W = 112, 250
MAX_CHARS = int((MAX_W - 14) / CHAR_W)


def cut(text: str, n: int = MAX_CHARS) -> str:
    """At most ``n`` characters; a long dotted name keeps its last parts."""
    return text if len(text) <= n else "…" + text[len(text) - n + 1:]


def compact(n: int) -> str:
    return si(n).replace(" ", "")


def shown_name(name: str, prefix: str = "") -> str:
    """The name without the column's stage ``prefix`` ("inception3a."), which the
    column's title shows once."""
    return name[len(prefix):] if prefix and name.startswith(prefix) else name


def lines(b: Box, prefix: str = "") -> list[str]:
    r = b.row
    if r.type == "input":
        return ["input", fmt_shape(r.output), "image"]
    kind = f"{b.members:,} layers" if b.folded else r.type
    cost = f"{compact(r.params)} params · {compact(r.macs)} MACs"
    return [cut(shown_name(r.name, prefix)), cut(f"{kind} → {fmt_shape(r.output)}"),
            cut(cost)]


def tooltip(b: Box) -> str:
    r = b.row
    if r.type == "input":
        return f"input {fmt_shape(r.output)}"
    kind = f"block of {b.members:,} layers" if b.folded else f"{r.type} {r.args}".strip()
    return (f"{r.name}\n{kind}\noutput {fmt_shape(r.output)}\nparams {r.params:,}\n"
            f"MACs {r.macs:,}\nactivations {r.activations:,}")


def box_width(b: Box, prefix: str = "") -> float:
    longest = max(len(s) for s in lines(b, prefix))
    return float(min(MAX_W, max(MIN_W, round(longest * CHAR_W + 14))))


def input_row(shape) -> Row:
    """The network's input, drawn as a box that is not a layer."""
    return Row(name="input", type="input", inputs=[], output=tuple(shape), params=0,
               trainable=0, buffers=0, macs=0, ops=0, rf=(1, 1), jump=(1, 1),
               activations=0, allocates=False, depth=0)
