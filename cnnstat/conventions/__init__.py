"""Counting conventions: what fvcore, FlopCounterMode, ptflops, thop, torchinfo and
DeepSpeed's profiler report for a network, predicted exactly from its analysis.

Each tool's convention is *data*: one small module per tool under this package defines
``CONVENTION``, a table with one ``Rule`` for every layer kind of ``cnnstat.layers``
(and every merge), each written as a sum of ``TERMS`` with integer coefficients and
annotated with the file and function of the tool's source it comes from. One evaluator,
``predict``, applies any convention to any analysis; no tool and no model has a code path
of its own.

A rule with ``terms=None`` means the tool's figure for that kind could not be pinned
down; a prediction touching such a layer has no total (and the tests skip that pair).

**Functional calls.** ``rules`` describe each kind as a module (as ``cnnstat.torch.build``
makes it, and as most models call it). A layer that an imported model's code called as a
function instead (``F.relu(x)``, ``torch.flatten(x, 1)``: the spec's ``functional:``,
``Row.functional``) is counted by ``Convention.functional``: a tool that sees ops
(FlopCounterMode at dispatch, fvcore's JIT trace) counts it as it counts the module; a
tool that hooks modules sees no module there, and counts only the functions it wraps
(ptflops and DeepSpeed replace ``torch.nn.functional.relu`` and a few others by counting
wrappers; thop wraps none). Which function was called matters: ptflops wraps
``torch.nn.functional.relu`` but not ``torch.relu`` nor ``Tensor.relu``.
"""

from __future__ import annotations

import importlib
import math
from fractions import Fraction
from typing import Any, NamedTuple

from cnnstat.analysis import Analysis, Row
from cnnstat.layers import KINDS, MERGES, Kind, did_you_mean, numel

# The order of ``cnnstat conventions``' columns: cnnstat's own first, then by tool.
NAMES = ("macs", "torch", "fvcore", "ptflops", "thop", "torchinfo", "deepspeed")

# The vocabulary of rules. Every term is per layer, for the whole batch.
TERMS = {
    "macs": "multiply-accumulates of the layer (conv, linear, table_conv, rbf), as cnnstat "
            "counts them",
    "in": "elements of the layer's (first) input",
    "out": "elements of the layer's output",
    "bias": "output elements, when the layer has a learned bias (conv, table_conv, "
            "linear); else 0",
    "affine": "input elements, when batch norm or layer norm has a learned scale and "
              "shift; else 0",
    "params": "parameters of the layer x batch",
    "params_positions": "parameters of the layer x batch x output positions (H x W)",
    "window_out": "output elements x (H_in / H_out) x (W_in / W_out): the mean window of an "
                  "adaptive pool, once per output",
    "batch": "the batch size (one softmax per sample)",
    "lrn_padded": "batch x (C + size - 1) x H x W: the channel-padded squares that "
                  "local_response_norm averages with avg_pool3d",
    "out_sample": "elements of one sample's output (a hook that reads output[0])",
    "bilinear": "output elements, when upsample interpolates bilinearly; else 0",
    "out_by_scale": "output elements, when upsample goes by a scale factor; else 0",
    "size_area": "H x W of upsample's target size (given, or another layer's), once per "
                 "call, whatever the batch and channels; 0 when it goes by a scale factor",
    "deconv_out": "conv_transpose: output elements x input channels / groups x kh x kw "
                  "(what a conv with its output's size would cost); else 0",
}


class Rule(NamedTuple):
    """What one layer kind costs under one convention: ``terms`` (term -> coefficient; {}
    is zero; None is unknown) and ``source``, where the tool's code says so."""

    terms: dict[str, int] | None
    source: str


class Functional(NamedTuple):
    """How a tool counts a layer that the model's code called as a function, not a module
    (``Row.functional``: ``torch.nn.functional.relu``, ``torch.flatten``, ...)."""

    # a function call costs what the module form costs (the tool sees ops, not modules;
    # or, torchinfo, it counts neither form of a layer without weights); else zero
    as_module: bool
    # the functions that cost otherwise, named as ``Row.functional`` names them, each with
    # its rule: those a module-hooking tool wraps, or (fvcore) those that run another op
    # than the module form does
    calls: dict[str, Rule]
    source: str  # where the tool's code says so


class Convention(NamedTuple):
    name: str
    tool: str  # the package and the figure it reports
    unit: str  # "MAC" (one multiply-add = 1) or "FLOP" (multiply and add counted apart)
    reports: str  # the API whose number is predicted
    tested: str  # the version the tests run
    summary: str  # one sentence: what it counts beyond conv + linear MACs
    rules: dict[str, Rule]
    functional: Functional  # the same layers called as functions


def rule_of(conv: Convention, kind: str, functional: str | None) -> Rule:
    """The rule of a layer of ``kind``: a module's (``conv.rules``), or, for a layer the
    model's code called as the function ``functional``, what the tool counts for that
    call (``conv.functional``)."""
    if functional is None:
        return conv.rules[kind]
    seen = conv.functional
    if functional in seen.calls:
        return seen.calls[functional]
    if seen.as_module:
        return conv.rules[kind]
    return Rule({}, f"{seen.source}; {functional} is not wrapped, so zero")


class Prediction(NamedTuple):
    convention: Convention
    values: list[int | None]  # per analysis row (None: unknown, or an auxiliary head)
    total: int | None  # None when a row's rule is unknown
    by_kind: dict[str, int | None]  # layer kind -> sum over its rows (inference rows)
    unknown: list[tuple[str, str, str]]  # (row name, kind, why)


_CACHE: dict[str, Convention] = {}


def get(name: str) -> Convention:
    """A convention by name (``NAMES``)."""
    if name not in NAMES:
        from cnnstat.calc.text import CalcError

        raise CalcError(f"no counting convention '{name}'{did_you_mean(name, NAMES)} "
                        f"(conventions: {', '.join(NAMES)})")
    if name not in _CACHE:
        _CACHE[name] = importlib.import_module(f"cnnstat.conventions.{name}_rules").CONVENTION
    return _CACHE[name]


def all_conventions() -> list[Convention]:
    return [get(n) for n in NAMES]


def term_values(kind_name: str, kind: Kind | None, inputs: list[tuple[int, ...]],
                output: tuple[int, ...], macs: int, params: int, batch: int
                ) -> dict[str, Any]:
    """Every term of ``TERMS`` for one layer (``kind`` is None for a merge)."""
    inp = inputs[0]
    n_in, n_out = numel(inp) * batch, numel(output) * batch
    has_bias = bool(getattr(kind, "bias", False)) if kind_name in (
        "conv", "table_conv", "linear", "conv_transpose") else False
    affine = kind_name in ("bn", "layernorm") and bool(getattr(kind, "affine", False))
    spatial = numel(output[1:]) if len(output) == 3 else 1
    window = Fraction(0)
    if len(inp) == 3 and len(output) == 3:
        window = Fraction(inp[1], output[1]) * Fraction(inp[2], output[2]) * n_out
    padded = 0
    if kind_name == "lrn" and len(inp) == 3:
        padded = batch * (inp[0] + kind.size - 1) * inp[1] * inp[2]
    up = kind_name == "upsample"
    deconv = 0
    if kind_name == "conv_transpose":
        groups = kind.group_count(inp[0])
        deconv = n_out * (inp[0] // groups) * kind.kernel[0] * kind.kernel[1]
    return {"macs": macs, "in": n_in, "out": n_out, "bias": n_out if has_bias else 0,
            "affine": n_in if affine else 0, "params": params * batch,
            "params_positions": params * batch * spatial, "window_out": window,
            "batch": batch, "lrn_padded": padded, "out_sample": numel(output),
            "bilinear": n_out if up and kind.mode == "bilinear" else 0,
            "out_by_scale": n_out if up and kind.scale else 0,
            "size_area": numel(output[1:]) if up and not kind.scale else 0,
            "deconv_out": deconv}


def cost(rule: Rule, terms: dict[str, Any]) -> int | None:
    """A rule applied to one layer's terms, rounded down (the tools truncate)."""
    if rule.terms is None:
        return None
    return math.floor(sum(c * terms[t] for t, c in rule.terms.items()))


def kinds_of(a: Analysis) -> list[Kind | None]:
    """Each row's layer kind (None for merges)."""
    return [r.kind for r in a.rows]


def predict(a: Analysis, convention: Convention | str,
            kinds: list[Kind | None] | None = None) -> Prediction:
    """The figure ``convention``'s tool reports for the analysed network, per row and in
    total. Auxiliary heads (training only) are left out of the totals, as every tool runs
    the model in eval mode."""
    conv = get(convention) if isinstance(convention, str) else convention
    kinds = kinds if kinds is not None else kinds_of(a)
    values: list[int | None] = []
    by_kind: dict[str, int | None] = {}
    unknown = []
    total: int | None = 0
    for row, kind in zip(a.rows, kinds):
        rule = rule_of(conv, row.type, row.functional)
        value = cost(rule, term_values(row.type, kind, row.inputs, row.output, row.macs,
                                       row.params, a.batch))
        values.append(value)
        if row.train_only:
            continue
        if value is None:
            unknown.append((row.name, row.type, rule.source))
            total = None
            by_kind[row.type] = None
            continue
        if total is not None:
            total += value
        if by_kind.get(row.type, 0) is not None:
            by_kind[row.type] = by_kind.get(row.type, 0) + value
    return Prediction(conv, values, total, by_kind, unknown)


def row_value(conv: Convention, row: Row, kind: Kind | None, batch: int) -> int | None:
    return cost(rule_of(conv, row.type, row.functional),
                term_values(row.type, kind, row.inputs, row.output, row.macs, row.params,
                            batch))


def covered_kinds() -> set[str]:
    """Every name a rule table must cover: the layer kinds and the merges."""
    return set(KINDS) | set(MERGES)
