"""One layer built and validated by the layer algebra, and the formula lines of its
output size, parameters and MACs, registered once per layer kind."""

from __future__ import annotations

from typing import Any, Callable

from cnnstat.calc.text import DOT, CalcError, Line, prod, shape_text, size_text
from cnnstat.errors import SpecError
from cnnstat.layers import KINDS, Effect, Kind, Shape, ceil_drops_last, did_you_mean

# Short names a student types in a chain, mapped to layer kinds.
ALIASES = {"fc": "linear", "pool": "maxpool", "max": "maxpool", "avg": "avgpool",
           "gap": "global_avgpool", "norm": "lrn", "batchnorm": "bn", "drop": "dropout"}


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

