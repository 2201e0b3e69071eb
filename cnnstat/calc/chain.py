"""A chain of layers as a student types it (``227x227x3 | conv 96 k11 s4 | maxpool k3
s2``) or as command-line options for one layer, run through the layer algebra."""

from __future__ import annotations

import math
import re
import shlex
from typing import Any, NamedTuple

from cnnstat.calc.formulas import ALIASES, explain_layer, make
from cnnstat.calc.text import INT, CalcError, Line, parse_shape_text, shape_text
from cnnstat.errors import SpecError, shorten
from cnnstat.layers import KINDS, Effect, Kind, Shape

# Single-letter options in a chain: k11 s4 p2 g2 d2.
SHORT = {"k": "kernel", "s": "stride", "p": "padding", "g": "groups", "d": "dilation"}


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
    if INT.fullmatch(word):
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
    if INT.fullmatch(raw.removeprefix("-")):  # k-3: the layer says what -3 may not be
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

