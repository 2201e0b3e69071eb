"""A calculated chain as a ``render.Report`` (every formula, or one row per layer) and
as JSON."""

from __future__ import annotations

from typing import Any

from cnnstat.calc.chain import Chain, LayerCalc
from cnnstat.calc.text import Line, num, shape_text
from cnnstat.render.report import fmt_rf

def equation(line: Line) -> str:
    """``(227 - 11 + 2·0)/4 + 1 = 55``; a line whose value is its own text shows once."""
    value = num(line.value)
    if line.substituted == value or line.substituted == str(line.value):
        return value
    return f"{line.substituted} = {value}"


def _line_of(calc: LayerCalc, what: str) -> str:
    for line in calc.lines:
        if line.what == what or (what == "size" and line.what != "output" and (
                line.what.startswith("output ") or line.what == "flattened size")):
            return equation(line)
    return ""


def chain_json(chain: Chain) -> dict[str, Any]:
    return {
        "order": chain.order,
        "input": list(chain.input), "input_text": shape_text(chain.input, chain.order),
        "output": list(chain.output), "output_text": shape_text(chain.output, chain.order),
        "layers": [{
            "name": c.name, "type": c.kind.name, "args": c.kind.describe(),
            "input": list(c.input), "output": list(c.effect.output),
            "params": c.effect.params, "macs": c.effect.macs, "flops": 2 * c.effect.macs,
            "rf": list(c.rf),
            "lines": [{"what": l.what, "formula": l.formula, "substituted": l.substituted,
                       "value": l.value} for l in c.lines],
        } for c in chain.layers],
        "totals": {"params": chain.params, "macs": chain.macs, "flops": 2 * chain.macs},
    }


def calc_report(chain: Chain, *, detailed: bool):
    """A ``render.Report``: every formula of every layer (``detailed``), or one row per
    layer for a chain."""
    from cnnstat.render.report import Column, Report, Section, human, rf_plain, si

    order = "H x W x C" if chain.order == "hwc" else "C x H x W"
    totals = Section("Totals", [
        ("params", human(chain.params), si(chain.params)),
        ("MACs", human(chain.macs), si(chain.macs) + " multiply-accumulates"),
        ("FLOPs (2 x MACs)", human(2 * chain.macs), si(2 * chain.macs)),
        ("output", shape_text(chain.output, chain.order), order if len(chain.output) == 3
         else "features"),
    ])
    title = (f"{shape_text(chain.input, chain.order)} ({order}) -> "
             + " -> ".join(f"{c.kind.name} {c.kind.describe()}".strip() for c in chain.layers))
    foot = ("· is multiplication; ⌊x⌋ rounds down (⌈x⌉ up, pooling's ceil mode). "
            "MACs = multiply-accumulates; FLOPs = 2 x MACs. Shapes are " + order + ".")
    if detailed:
        records = []
        for c in chain.layers:
            for i, line in enumerate(c.lines):
                records.append({"layer": c.name if i == 0 else "", "what": line.what,
                                "formula": line.formula, "result": equation(line)})
            records.append({"layer": "", "what": "receptive field",
                            "formula": "r + (k - 1)·j", "result": fmt_rf(c.rf)})
        cols = [Column("layer", "layer", rank=0), Column("what", "quantity", rank=1),
            Column("formula", "formula", rank=3, wrap=True),
            Column("result", "substituted = result", rank=2, wrap=True)]
        return Report(title=title, columns=cols, records=records, sections=[totals],
                      footnote=foot, data=chain_json(chain))
    records = [{"layer": c.name, "type": c.kind.name, "args": c.kind.describe(),
                "output": shape_text(c.effect.output, chain.order),
                "size": _line_of(c, "size"), "params": _line_of(c, "params"),
                "macs": c.effect.macs, "rf": c.rf} for c in chain.layers]
    cols = [Column("layer", "layer", rank=0), Column("type", "type", rank=6),
            Column("args", "args", rank=7, wrap=True),
            Column("size", "output size", rank=1, wrap=True),
            Column("output", "output", rank=2), Column("params", "params", rank=4, wrap=True),
            Column("macs", "MACs", numeric=True, rank=3),
            Column("rf", "RF", numeric=True, rank=5, fmt=fmt_rf, plain=rf_plain)]
    return Report(title=title, columns=cols, records=records, sections=[totals],
                  footnote=foot, data=chain_json(chain))


