"""A calculator for one layer or a short chain, with every formula written out.

The numbers come from the layer algebra (``cnnstat.layers``) and, for the receptive
field, from the analysis walker; this module only *writes out* the formula and the
substitution beside each number, so a student can check the arithmetic by hand. The
same helpers write the formulas of the ``explain`` cards.

Shapes: the notes write feature maps as height x width x channels (``227x227x3``), so
the calculator reads and prints **HxWxC** by default; ``order="chw"`` switches to the
channels-first order that ``cnnstat params`` prints. Internally shapes are channels
first, as everywhere in cnnstat.
"""

from __future__ import annotations

import math
import re
import shlex
from typing import Any, Callable, NamedTuple

from cnnstat.errors import SpecError, shorten
from cnnstat.layers import KINDS, Effect, Kind, Shape, ceil_drops_last, did_you_mean
from cnnstat.render import fmt_rf

DOT = "·"
ORDERS = ("hwc", "chw")

# Short names a student types in a chain, mapped to layer kinds.
ALIASES = {"fc": "linear", "pool": "maxpool", "max": "maxpool", "avg": "avgpool",
           "gap": "global_avgpool", "norm": "lrn", "batchnorm": "bn", "drop": "dropout"}
# Single-letter options in a chain: k11 s4 p2 g2 d2.
SHORT = {"k": "kernel", "s": "stride", "p": "padding", "g": "groups", "d": "dilation"}


# ASCII digits, at most 9: '²'.isdigit() is True but int('²') fails, and int() refuses
# more than 4,300 digits; no layer size needs more than 9.
_INT = re.compile(r"[0-9]{1,9}")

def is_count(text: str) -> bool:
    """Is ``text`` a plain count cnnstat reads (ASCII digits, at most 9)?"""
    return bool(_INT.fullmatch(text))


class CalcError(SpecError):
    """Bad calculator input: printed without a file or line."""

    def __str__(self) -> str:
        return self.message


class Line(NamedTuple):
    """One computed quantity: what it is, the formula, the numbers put in, the result."""

    what: str
    formula: str
    substituted: str  # evaluates to ``value`` (· is multiplication, ⌊x⌋ floor, ⌈x⌉ ceil)
    value: Any


class LayerCalc(NamedTuple):
    name: str
    kind: Kind
    input: Shape
    effect: Effect
    lines: list[Line]
    rf: tuple[int, int] = (1, 1)
    note: str = ""


class Chain(NamedTuple):
    input: Shape
    layers: list[LayerCalc]
    order: str

    @property
    def output(self) -> Shape:
        return self.layers[-1].effect.output if self.layers else self.input

    @property
    def params(self) -> int:
        return sum(c.effect.params for c in self.layers)

    @property
    def macs(self) -> int:
        return sum(c.effect.macs for c in self.layers)


# --------------------------------------------------------------------------- numbers as text

def num(v: Any) -> str:
    """Integers with thousands separators; floats to four significant digits."""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v == int(v) and abs(v) < 1e15:
            return f"{int(v):,}"
        return f"{v:.4g}"
    return str(v)


def quotient(a: int, b: int) -> str:
    """``a / b`` for display, truncated (not rounded) to 4 decimals, so that the floor and
    ceiling of the shown number are those of the exact quotient: 53.25, 27.5, 0.3333."""
    q, r = divmod(a, b)
    digits = str(r * 10**4 // b).rjust(4, "0").rstrip("0")
    return f"{q}.{digits}" if digits else str(q)


def prod(*factors: Any) -> str:
    return DOT.join(str(f) for f in factors)


def size_text(n: int, k: int, s: int, p: int, d: int = 1, ceil: bool = False,
              result: int | None = None) -> tuple[str, str]:
    """(formula, substitution) of the output-size rule for one spatial dimension.

    ``result`` is the size the layer algebra computed; it is only used to mark a ceil-mode
    window that PyTorch drops (the substitution then says so).
    """
    if d == 1:
        formula = "(n - k + 2p)/s + 1"
        inner = f"{n} - {k} + 2{DOT}{p}"
        span = n - k + 2 * p
    else:
        formula = "(n + 2p - d(k - 1) - 1)/s + 1"
        inner = f"{n} + 2{DOT}{p} - {d}{DOT}({k} - 1) - 1"
        span = n + 2 * p - d * (k - 1) - 1
    if span % s == 0:
        return formula, f"({inner})/{s} + 1"
    lo, hi = ("⌈", "⌉") if ceil else ("⌊", "⌋")
    formula = f"{lo}{formula.replace(' + 1', '')}{hi} + 1"
    return formula, f"{lo}({inner})/{s}{hi} + 1 = {lo}{quotient(span, s)}{hi} + 1"


def shape_text(shape: Shape, order: str = "chw") -> str:
    if len(shape) == 3 and order == "hwc":
        c, h, w = shape
        return f"{h}x{w}x{c}"
    return "x".join(str(d) for d in shape)


def parse_shape_text(text: str, order: str = "chw", what: str = "input") -> Shape:
    """``3x227x227`` (C x H x W, as everywhere in cnnstat), ``227x227x3`` with
    ``order="hwc"`` or written ``227x227x3:hwc``; ``9216`` for a vector. A shape that reads
    better in the other order is an error saying how to write it (``spec.order``)."""
    from cnnstat.spec.order import check_plausible, split_order

    if order not in ORDERS:
        raise CalcError(f"--order must be hwc or chw, not {order!r}")
    full = str(text).strip()
    text, order, explicit = split_order(full, order)
    parts = re.split(r"\s*[x×*,]\s*", str(text).strip())
    if not all(_INT.fullmatch(p) for p in parts) or len(parts) not in (1, 3):
        example = "227x227x3 (height x width x channels)" if order == "hwc" else \
            "3x227x227 (channels x height x width)"
        raise CalcError(f"{what} {text!r} must look like {example}, or one number for a "
                        "flat vector")
    dims = [int(p) for p in parts]
    if any(d < 1 for d in dims):
        raise CalcError(f"{what} {text!r}: every size must be at least 1")
    if not explicit:
        check_plausible(tuple(dims), full, what, order)
    if len(dims) == 3 and order == "hwc":
        h, w, c = dims
        return (c, h, w)
    return tuple(dims)


# --------------------------------------------------------------------------- one layer

def make(kind: str, **args: Any) -> Kind:
    """A layer of ``kind`` built and validated by the layer algebra."""
    name = ALIASES.get(kind, kind)
    if name not in KINDS:
        raise CalcError(f"unknown layer kind '{kind}'{did_you_mean(kind, list(KINDS) + list(ALIASES))}"
                        f" (kinds: {', '.join(sorted(KINDS))}; short names: "
                        f"{', '.join(f'{a}={b}' for a, b in ALIASES.items())})")
    try:
        return KINDS[name].make({k: v for k, v in args.items() if v is not None})
    except SpecError as err:
        raise CalcError(err.message) from None


def effect(kind: str, shape: Shape, **args: Any) -> Effect:
    """Apply one layer to ``shape``: the algebra's Effect (output, params, MACs, ...)."""
    layer = make(kind, **args)
    try:
        return layer.apply(tuple(shape))
    except SpecError as err:
        raise CalcError(err.message) from None


# Formula text per layer kind, registered once per kind (the numbers themselves always
# come from the layer algebra's Effect; the text shows how they arise). A kind without an
# entry gets the generic lines: its output and its parameter count.
Formula = Callable[[Kind, Shape, Effect, str], list[Line]]
FORMULAS: dict[str, Formula] = {}


def formula(*kinds: str) -> Callable[[Formula], Formula]:
    def register(fn: Formula) -> Formula:
        for kind in kinds:
            FORMULAS[kind] = fn
        return fn
    return register


def explain_layer(layer: Kind, shape: Shape, eff: Effect, order: str = "chw") -> list[Line]:
    """Formula, substitution and value of a layer's output size, params and MACs."""
    return FORMULAS.get(layer.name, _generic)(layer, shape, eff, order)


def _output(shape: Shape, eff: Effect, order: str) -> Line:
    out = eff.output
    layout = ("H x W x C" if order == "hwc" else "C x H x W") if len(out) == 3 else "shape"
    return Line("output", layout, shape_text(out, order), shape_text(out, order))


def _learned_nothing(eff: Effect) -> list[Line]:
    lines = [Line("params", "0 (nothing is learned)" if not eff.params else "params",
                  str(eff.params), eff.params)]
    if eff.macs:
        lines.append(Line("MACs", "MACs", str(eff.macs), eff.macs))
    return lines


def _generic(layer: Kind, shape: Shape, eff: Effect, order: str) -> list[Line]:
    return [_output(shape, eff, order)] + _learned_nothing(eff)


def _window_sizes(layer: Kind, shape: Shape, eff: Effect) -> list[Line]:
    """The output-size lines of a sliding window (conv, pooling, subsampling)."""
    _, h, w = shape
    out = eff.output
    k = layer.kernel
    s = layer.stride or k
    if layer.name == "conv" and layer.padding == "same":
        lines = [Line("output size", 'padding "same", stride 1: n_out = n', f"{h}", out[1])]
        if w != h or out[2] != out[1]:
            lines.append(Line("output width", "n_out = n", f"{w}", out[2]))
        return lines
    if layer.name == "conv" and layer.asymmetric():
        top, bottom, left, right = layer.padding
        lines = []
        for what, i, n, before, after in (("output height", 0, h, top, bottom),
                                          ("output width", 1, w, left, right)):
            d = layer.dilation[i]
            lines.append(Line(what, "n_out = floor((n + p_before + p_after - d(k-1) - 1)/s) + 1",
                              f"floor(({n} + {before} + {after} - {d}{DOT}{k[i] - 1} - 1)/{s[i]}) + 1",
                              out[1 + i]))
        return lines
    p = layer.padding_pair() if layer.name == "conv" else layer.padding
    d = layer.dilation if layer.name == "conv" else (1, 1)
    ceil = bool(getattr(layer, "ceil_mode", False))
    if (h, k[0], s[0], p[0], d[0]) == (w, k[1], s[1], p[1], d[1]):
        dims = [("output size", 0, h)]
    else:
        dims = [("output height", 0, h), ("output width", 1, w)]
    lines = []
    for what, i, n in dims:
        text, sub = size_text(n, k[i], s[i], p[i], d[i], ceil, out[1 + i])
        note = ""
        if ceil and ceil_drops_last(n, k[i], s[i], p[i], d[i]):
            note = " - 1"  # PyTorch drops a last window that starts in the padding
        lines.append(Line(what, text, sub + note, out[1 + i]))
    return lines


@formula("conv")
def _conv(layer: Kind, shape: Shape, eff: Effect, order: str) -> list[Line]:
    lines = _window_sizes(layer, shape, eff) + [_output(shape, eff, order)]
    c = shape[0]
    kh, kw = layer.kernel
    g = layer.group_count(c)
    cin = c // g
    cin_sym = "C_in/g" if g > 1 else "C_in"
    if layer.bias:
        lines.append(Line("params", f"(kh{DOT}kw{DOT}{cin_sym} + 1){DOT}C_out",
                          f"({prod(kh, kw, cin)} + 1){DOT}{layer.out}", eff.params))
    else:
        lines.append(Line("params", f"kh{DOT}kw{DOT}{cin_sym}{DOT}C_out (no bias)",
                          prod(kh, kw, cin, layer.out), eff.params))
    _, oh, ow = eff.output
    lines.append(Line("MACs", f"H_out{DOT}W_out{DOT}C_out{DOT}kh{DOT}kw{DOT}{cin_sym}",
                      prod(oh, ow, layer.out, kh, kw, cin), eff.macs))
    return lines


@formula("maxpool", "avgpool")
def _pool(layer: Kind, shape: Shape, eff: Effect, order: str) -> list[Line]:
    lines = _window_sizes(layer, shape, eff) + [_output(shape, eff, order)]
    lines += _learned_nothing(eff)
    if eff.ops:
        k = layer.kernel
        maxpool = layer.name == "maxpool"
        per = k[0] * k[1] - 1 if maxpool else k[0] * k[1]
        what = "comparisons" if maxpool else "adds and divide"
        sym = "(kh·kw - 1)" if maxpool else "kh·kw"
        c, oh, ow = eff.output
        lines.append(Line(f"ops ({what})", f"H_out{DOT}W_out{DOT}C{DOT}{sym}",
                          prod(oh, ow, c, per), eff.ops))
    return lines


@formula("subsample")
def _subsample(layer: Kind, shape: Shape, eff: Effect, order: str) -> list[Line]:
    return _window_sizes(layer, shape, eff) + _generic(layer, shape, eff, order)


@formula("flatten")
def _flatten(layer: Kind, shape: Shape, eff: Effect, order: str) -> list[Line]:
    lines = []
    if len(shape) == 3:
        c, h, w = shape
        lines.append(Line("flattened size", f"H{DOT}W{DOT}C", prod(h, w, c), eff.output[0]))
    return lines + _generic(layer, shape, eff, order)


@formula("linear")
def _linear(layer: Kind, shape: Shape, eff: Effect, order: str) -> list[Line]:
    n = shape[0]
    lines = [_output(shape, eff, order)]
    if layer.bias:
        lines.append(Line("params", f"(n_in + 1){DOT}n_out", f"({n} + 1){DOT}{layer.out}",
                          eff.params))
    else:
        lines.append(Line("params", f"n_in{DOT}n_out (no bias)", prod(n, layer.out),
                          eff.params))
    lines.append(Line("MACs", f"n_in{DOT}n_out", prod(n, layer.out), eff.macs))
    return lines


@formula("bn")
def _bn(layer: Kind, shape: Shape, eff: Effect, order: str) -> list[Line]:
    return [_output(shape, eff, order),
            Line("params", f"2{DOT}C (scale and shift)" if layer.affine else "0",
                 f"2{DOT}{shape[0]}" if layer.affine else "0", eff.params)]


# --------------------------------------------------------------------------- chains

def parse_stage(text: str) -> tuple[str, dict[str, Any]]:
    """``conv 96 k11 s4`` -> ("conv", {"out": 96, "kernel": 11, "stride": 4})."""
    try:
        words = shlex.split(text)
    except ValueError as err:
        raise CalcError(f"cannot read layer {text!r}: {err}") from None
    if not words:
        raise CalcError("empty layer in the chain (two '|' in a row?)")
    kind = ALIASES.get(words[0].lower(), words[0].lower())
    if kind not in KINDS:
        make(words[0])  # raises with did-you-mean
    args: dict[str, Any] = {}
    for word in words[1:]:
        key, value = _stage_arg(kind, word, text)
        if key in args:
            raise CalcError(f"layer {text!r} sets '{key}' twice")
        args[key] = value
    return kind, args


def _stage_arg(kind: str, word: str, text: str) -> tuple[str, Any]:
    if "=" in word:
        key, raw = word.split("=", 1)
        return key, _value(raw, key, text)
    if _INT.fullmatch(word):
        if "out" in KINDS[kind].args:
            return "out", int(word)
        if "size" in KINDS[kind].args:
            return "size", int(word)
        raise CalcError(f"{kind} takes no plain number ({word!r} in {text!r})")
    if word in ("nobias", "no-bias"):
        return "bias", False
    if word in ("ceil", "ceil_mode"):
        return "ceil_mode", True
    m = re.fullmatch(r"([a-z])(.+)", word)
    if m and m.group(1) in SHORT:
        return SHORT[m.group(1)], _value(m.group(2), SHORT[m.group(1)], text)
    raise CalcError(f"cannot read {word!r} in layer {text!r}: write options as k11 (kernel), "
                    "s4 (stride), p2 or psame (padding), g2 (groups), d2 (dilation), nobias, "
                    "ceil, a plain number for the output channels, or key=value")


def _value(raw: str, key: str, text: str) -> Any:
    if raw in ("same", "valid"):
        return raw
    if raw in ("true", "false"):
        return raw == "true"
    m = re.fullmatch(r"([0-9]{1,9})x([0-9]{1,9})", raw)
    if m:
        return [int(m.group(1)), int(m.group(2))]
    if _INT.fullmatch(raw.removeprefix("-")):  # k-3: the layer says what -3 may not be
        return int(raw)
    try:
        value = float(raw) if len(raw) <= 40 else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise CalcError(f"cannot read {key}={shorten(raw, 40)!r} in layer {text!r}: give a "
                        "finite number") from None
    return value


def parse_chain(text: str, order: str = "chw") -> tuple[Shape, list[tuple[str, dict]]]:
    """``"227x227x3 | conv 96 k11 s4 | maxpool k3 s2"`` -> input shape and stages."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 2:
        raise CalcError(f"a chain is an input shape then layers separated by '|', e.g. "
                        f"\"227x227x3 | conv 96 k11 s4 | maxpool k3 s2\"; got {text!r}")
    shape = parse_shape_text(parts[0], order)
    return shape, [parse_stage(p) for p in parts[1:]]


def run_chain(shape: Shape, stages: list[tuple[str, dict]], order: str = "chw") -> Chain:
    """Apply the stages in turn; a fully connected layer on a feature map gets an explicit
    flatten first. Receptive fields come from the analysis walker."""
    from cnnstat.analysis import analyze
    from cnnstat.spec.graph import LayerNode, SeqNode, Spec

    layers: list[tuple[str, Kind]] = []
    current = tuple(shape)
    counts: dict[str, int] = {}
    for kind, args in stages:
        if kind == "linear" and len(current) == 3:
            stages_flat = make("flatten")
            counts["flatten"] = counts.get("flatten", 0) + 1
            layers.append((f"flatten{counts['flatten']}", stages_flat))
            current = stages_flat.apply(current).output
        layer = make(kind, **args)
        counts[layer.prefix] = counts.get(layer.prefix, 0) + 1
        name = f"{layer.prefix}{counts[layer.prefix]}"
        try:
            current = layer.apply(current)[0]
        except SpecError as err:
            raise CalcError(f"{name} ({kind}) on {shape_text(current, order)}: {err.message}") \
                from None
        layers.append((name, layer))
    spec = Spec(name="calc", title="calc", file="<calc>", input=tuple(shape),
                root=SeqNode([LayerNode(n, k, 0) for n, k in layers]))
    rows = analyze(spec).rows
    out: list[LayerCalc] = []
    current = tuple(shape)
    for (name, layer), row in zip(layers, rows):
        eff = layer.apply(current)
        out.append(LayerCalc(name, layer, current, eff, explain_layer(layer, current, eff, order),
                             rf=row.rf))
        current = eff.output
    return Chain(tuple(shape), out, order)


def single(kind: str, input: str, order: str = "chw", **args: Any) -> Chain:
    """One layer from command-line options: ``single("conv", "227x227x3", out=96, ...)``."""
    shape = parse_shape_text(input, order, what="--input")
    name = ALIASES.get(kind, kind)
    if name not in KINDS:
        make(kind)  # raises, with did-you-mean
    known = KINDS[name].args
    given = {k: v for k, v in args.items() if v is not None}
    unknown = [k for k in given if k not in known]
    if unknown:
        flag = {"ceil_mode": "ceil", "bias": "no-bias"}
        opts = ", ".join(f"--{flag.get(k, k)}" for k in known) or "none"
        raise CalcError(f"{name} takes no --{flag.get(unknown[0], unknown[0])} "
                        f"(its options: {opts})")
    return run_chain(shape, [(name, given)], order)


# --------------------------------------------------------------------------- reports

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
    from cnnstat.render import Column, Report, Section, human, rf_plain, si

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


