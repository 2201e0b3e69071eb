"""Hypothesis strategies: random specs for the parity tests and ``benchmarks/fuzz_parity.py``.

``valid_specs`` draws stacks and blocks that are *mostly* valid: it steers by its own
rough size estimate so that few draws die early, but nothing is filtered on what the
analytic rules say. The property checked on every draw is agreement: the analysis and
torch either both reject the spec, or both accept it with the same numbers at every
layer. ``invalid_specs`` draws specs with one deliberate defect.
"""

from __future__ import annotations

import copy

import yaml
from hypothesis import strategies as st

from cnnstat.spec.parse import parse_spec
from cnnstat.spec.yamlload import load_yaml


def to_spec(doc: dict, file: str = "<fuzz>"):
    """A spec document (plain dicts and lists) through YAML and the real parser."""
    text = yaml.safe_dump(doc, sort_keys=False)
    return parse_spec(load_yaml(text, file=file), file=file)


def _out(n: int, k: int, s: int, p: int, d: int = 1, ceil: bool = False) -> int:
    """Rough size estimate for steering only (torch is the reference, not this)."""
    span = n + 2 * p - d * (k - 1) - 1
    if span < 0:
        return 0
    return (-(-span // s) if ceil else span // s) + 1


def _pair(draw, lo: int, hi: int):
    """An int, or sometimes a [h, w] pair."""
    if draw(st.integers(0, 3)) == 0:
        return [draw(st.integers(lo, hi)), draw(st.integers(lo, hi))]
    return draw(st.integers(lo, hi))


def _hw(v):
    return (v[0], v[1]) if isinstance(v, list) else (v, v)


@st.composite
def conv(draw, c: int, h: int, w: int, keep_size: bool = False):
    """A conv layer that fits (c, h, w) most of the time; returns (layer, new shape)."""
    divisors = [g for g in range(1, c + 1) if c % g == 0]
    groups = draw(st.sampled_from(divisors)) if draw(st.booleans()) else 1
    out = groups * draw(st.integers(1, max(1, 12 // groups)))
    args: dict = {"out": out}
    if keep_size:
        k = draw(st.sampled_from([1, 3, 5]))
        d = draw(st.integers(1, 2))
        args["kernel"] = k
        if d > 1:
            args["dilation"] = d
        args["padding"] = draw(st.sampled_from(["same", d * (k - 1) // 2]))
        oh, ow = h, w
    else:
        kernel = _pair(draw, 1, max(1, min(5, h, w)))
        stride = _pair(draw, 1, 3)
        dil = _pair(draw, 1, 3) if draw(st.integers(0, 3)) == 0 else 1
        kh, kw = _hw(kernel)
        sh, sw = _hw(stride)
        dh, dw = _hw(dil)
        args["kernel"] = kernel
        if stride != 1:
            args["stride"] = stride
        if dil != 1:
            args["dilation"] = dil
        choice = draw(st.integers(0, 5))
        if choice == 0 and (sh, sw) == (1, 1):
            args["padding"] = "same"
            oh, ow = h, w
        elif choice == 1:
            args["padding"] = "valid"
            oh, ow = _out(h, kh, sh, 0, dh), _out(w, kw, sw, 0, dw)
        else:
            pad = _pair(draw, 0, 3)
            ph, pw = _hw(pad)
            args["padding"] = pad
            oh, ow = _out(h, kh, sh, ph, dh), _out(w, kw, sw, pw, dw)
    if groups > 1:
        args["groups"] = groups
    if draw(st.booleans()):
        args["bias"] = draw(st.booleans())
    return {"conv": args}, (out, oh, ow)


@st.composite
def table_conv(draw, c: int, h: int, w: int):
    """A connection-table conv: each output map reads a random subset of the inputs."""
    out = draw(st.integers(1, 8))
    table = [sorted(draw(st.sets(st.integers(0, c - 1), min_size=1, max_size=c)))
             for _ in range(out)]
    k = draw(st.integers(1, max(1, min(5, h, w))))
    args: dict = {"table": table, "kernel": k}
    if draw(st.booleans()):
        args["padding"] = draw(st.integers(0, 2))
    if draw(st.booleans()):
        args["stride"] = draw(st.integers(1, 2))
    if draw(st.booleans()):
        args["bias"] = False
    s, p = args.get("stride", 1), args.get("padding", 0)
    return {"table_conv": args}, (out, _out(h, k, s, p), _out(w, k, s, p))


@st.composite
def pool(draw, c: int, h: int, w: int):
    kind = draw(st.sampled_from(["maxpool", "avgpool", "subsample"]))
    kernel = _pair(draw, 1, max(1, min(4, h + 2, w + 2)))
    kh, kw = _hw(kernel)
    args: dict = {"kernel": kernel}
    if draw(st.booleans()):
        args["stride"] = _pair(draw, 1, 3)
    sh, sw = _hw(args.get("stride", kernel))
    if draw(st.booleans()):
        args["padding"] = [draw(st.integers(0, kh // 2)), draw(st.integers(0, kw // 2))]
    ph, pw = _hw(args.get("padding", 0))
    ceil = draw(st.booleans())
    if ceil:
        args["ceil_mode"] = True
    return {kind: args}, (c, _out(h, kh, sh, ph, 1, ceil), _out(w, kw, sw, pw, 1, ceil))


@st.composite
def elementwise(draw, shape):
    kind = draw(st.sampled_from(["relu", "sigmoid", "tanh", "bn", "identity", "dropout", "lrn"]))
    if kind == "lrn" and len(shape) == 3:
        return {"lrn": {"size": draw(st.integers(1, 5))}}, shape
    if kind == "bn" and draw(st.booleans()):
        return {"bn": {"affine": False}}, shape
    return (kind if kind != "lrn" else "relu"), shape


@st.composite
def feature_layer(draw, shape):
    c, h, w = shape
    pick = draw(st.integers(0, 10))
    if pick == 10:
        return draw(table_conv(c, h, w))
    if pick < 4:
        return draw(conv(c, h, w))
    if pick < 6:
        return draw(pool(c, h, w))
    return draw(elementwise(shape))


@st.composite
def branch(draw, shape, keep_size: bool, n: int):
    """A list of layers; ``keep_size`` keeps H and W (so concat/add can merge)."""
    layers = []
    for _ in range(n):
        c, h, w = shape
        if keep_size:
            if draw(st.integers(0, 3)) == 0:
                layers.append({"maxpool": {"kernel": 3, "stride": 1, "padding": 1}})
                continue
            layer, shape = draw(conv(c, h, w, keep_size=True))
        else:
            layer, shape = draw(feature_layer(shape))
        layers.append(layer)
    return layers, shape


@st.composite
def parallel(draw, shape):
    """Concat (any channels) or add (same channels); branches keep H and W, except that
    sometimes one branch is free, which torch and the analysis must both reject."""
    merge = draw(st.sampled_from(["concat", "add", "mean"]))
    n = draw(st.integers(2, 3))
    free = draw(st.integers(0, 9)) == 0
    branches, shapes = {}, []
    for i in range(n):
        layers, out = draw(branch(shape, keep_size=not (free and i == 0),
                                  n=draw(st.integers(1, 2))))
        if merge != "concat" and layers and "conv" in layers[-1] and shapes:
            layers[-1]["conv"]["out"] = shapes[0][0]
            if layers[-1]["conv"].get("groups", 1) > 1:
                del layers[-1]["conv"]["groups"]
            out = (shapes[0][0], *out[1:])
        branches[f"b{i + 1}"] = layers if layers else ["identity"]
        shapes.append(out)
    if merge == "concat":
        new = (sum(s[0] for s in shapes), *shapes[0][1:])
    else:
        new = shapes[0]
    args = {"merge": merge, "branches": branches}
    if draw(st.integers(0, 4)) == 0:
        args["drop_path"] = draw(st.sampled_from([0.0, 0.15, 0.5]))
    return {"parallel": args}, new


@st.composite
def residual(draw, shape):
    """A residual body of 1-3 layers; the auto shortcut projects when shapes differ."""
    layers = []
    body_shape = shape
    for _ in range(draw(st.integers(1, 3))):
        c, h, w = body_shape
        if draw(st.booleans()):
            layer, body_shape = draw(conv(c, h, w, keep_size=draw(st.booleans())))
        else:
            layer, body_shape = draw(elementwise(body_shape))
        layers.append(layer)
    args: dict = {"layers": layers}
    how = draw(st.integers(0, 9))
    if how == 0:
        args["shortcut"] = "identity"
    elif how in (1, 2):
        args["shortcut"] = "zeropad"  # option A: valid when the body only grows channels
    elif how == 3:
        args["merge"] = "concat"  # DenseNet: the input, then the body's maps
        body_shape = (shape[0] + body_shape[0], *body_shape[1:])
    if draw(st.integers(0, 4)) == 0:
        args["survival"] = draw(st.sampled_from([0.5, 0.8, 1.0]))
    return {"residual": args}, body_shape


@st.composite
def head(draw, shape):
    layers = []
    if len(shape) == 3:
        pick = draw(st.integers(0, 2))
        if pick == 0:
            layers.append("global_avgpool")
        elif pick == 1:
            layers.append({"adaptive_avgpool": {"size": _pair(draw, 1, 3)}})
        layers.append("flatten")
    for _ in range(draw(st.integers(1, 2))):
        if draw(st.booleans()):
            layers.append(draw(st.sampled_from(["relu", "dropout", "bn"])))
        if draw(st.integers(0, 5)) == 0:
            layers.append({"rbf": {"out": draw(st.integers(1, 12))}})
        else:
            layers.append({"linear": {"out": draw(st.integers(1, 20)),
                                      "bias": draw(st.booleans())}})
    if draw(st.booleans()):
        layers.append("softmax")
    return layers


@st.composite
def valid_specs(draw):
    """A random spec document (mostly valid) and a batch size."""
    c = draw(st.integers(1, 6))
    h = draw(st.integers(1, 40))
    w = draw(st.integers(1, 40))
    shape = (c, h, w)
    layers = []
    for _ in range(draw(st.integers(1, 5))):
        if min(shape[1:]) <= 0:
            break
        pick = draw(st.integers(0, 10))
        if pick == 10:  # an auxiliary head (training only) reading the current tensor
            aux = {"name": f"aux{len(layers)}", "layers": draw(head(shape))}
            layers.append({"aux": aux})
            continue
        if pick < 5:
            layer, shape = draw(feature_layer(shape))
        elif pick < 7:
            layer, shape = draw(parallel(shape))
            if any("parallel" in other for other in layers if isinstance(other, dict)):
                # branches of unnamed parallels share the scope: name all but the first
                layer["parallel"]["name"] = f"p{len(layers)}"
        else:
            layer, shape = draw(residual(shape))
        layers.append(layer)
    if draw(st.booleans()) and min(shape[1:]) > 0:
        layers += draw(head(shape))
    doc = {"name": "fuzz", "input": [c, h, w], "layers": layers}
    return doc, draw(st.integers(1, 3))


# --------------------------------------------------------------------------- invalid

def _corrupt_layer(draw, doc: dict) -> None:
    """Put a wrong layer first, where the input (C x 4..40 x 4..40) makes each of these
    certainly invalid; the rest of the spec is a random valid-looking stack."""
    bad = draw(st.sampled_from([
        {"convv": {"out": 4, "kernel": 3}},                       # unknown kind
        {"conv": {"out": 4, "kernal": 3}},                        # unknown argument
        {"conv": {"kernel": 3}},                                  # missing argument
        {"conv": {"out": 0, "kernel": 3}},                        # non-positive size
        {"conv": {"out": -2, "kernel": 3}},
        {"conv": {"out": 4, "kernel": 3, "stride": 0}},
        {"conv": {"out": 4, "kernel": 999}},                      # kernel > padded input
        {"conv": {"out": 4, "kernel": 3, "padding": "full"}},
        {"conv": {"out": 4, "kernel": [1, 2, 3]}},
        {"conv": {"out": 5, "kernel": 1, "groups": 7}},            # groups don't divide
        {"conv": {"out": 4, "kernel": 3, "stride": 2, "padding": "same"}},
        {"conv": {"out": "four", "kernel": 3}},
        {"conv": {"out": 4.5, "kernel": 3}},
        {"conv": {"out": 4, "kernel": 3, "bias": "yes"}},
        {"conv": {"out": 10**9, "kernel": 1}},                    # implausibly large
        {"maxpool": {"kernel": 2, "padding": 2}},                 # padding > kernel / 2
        {"maxpool": {"kernel": 500}},
        {"linear": {"out": 3}},                                   # linear on a feature map
        {"dropout": {"p": 1.5}},
        {"lrn": {"size": 0}},
        {"parallel": {"merge": "concat", "branches": {
            "a": [{"conv": {"out": 2, "kernel": 1}}],
            "b": [{"conv": {"out": 2, "kernel": 1, "stride": 2}}]}}},  # spatial mismatch
        {"parallel": {"merge": "add", "branches": {
            "a": [{"conv": {"out": 2, "kernel": 1}}],
            "b": [{"conv": {"out": 3, "kernel": 1}}]}}},             # channel mismatch
        {"parallel": {"merge": "multiply", "branches": {"a": ["relu"], "b": ["relu"]}}},
        {"residual": {"layers": [{"conv": {"out": 3, "kernel": 1, "padding": 2}}]}},  # grows
        {"residual": {"layers": ["relu"], "shortcut": "projection"}},
        {"repeat": {"times": 10**9, "layers": ["relu"]}},
        {"repeat": {"times": 0, "layers": ["relu"]}},
        {"unit": {}},                                              # unknown block
        "conv",
        ["relu"],
        None,
        7,
    ]))
    doc["layers"].insert(0, bad)


@st.composite
def invalid_specs(draw):
    """A valid-looking spec with one defect: a bad layer, input, or top-level key."""
    doc, _ = draw(valid_specs())
    doc = copy.deepcopy(doc)
    doc["input"] = [doc["input"][0], draw(st.integers(4, 40)), draw(st.integers(4, 40))]
    what = draw(st.integers(0, 9))
    if what < 7:
        _corrupt_layer(draw, doc)
    elif what == 7:
        doc["input"] = draw(st.sampled_from([[3, 0, 32], [3, 32], "three", [-1, 4, 4],
                                             None, [3, 10**7, 10**7]]))
    elif what == 8:
        doc[draw(st.sampled_from(["layerz", "inputs", "publishd"]))] = 1
    else:
        doc["published"] = draw(st.sampled_from([
            {"params": 5}, {"params": {"value": "lots", "source": "x"}},
            {"flops": {"value": 1, "source": "x"}}]))
    return doc


# --------------------------------------------------------------------------- the property

def disagreement(doc: dict, batch: int = 1) -> str | None:
    """None when the analysis and torch agree on ``doc``; otherwise what differs.

    Agreement: both reject the spec (a ``SpecError`` from the analysis, an error from
    building or running the torch model), or both accept it and ``verify`` finds no
    difference in any layer's output shape, parameters, buffers or MACs, nor in a total.
    """
    from cnnstat.analysis import analyze
    from cnnstat.errors import SpecError
    from cnnstat.torch import TorchError, build
    from cnnstat.torch.verify import verify

    try:
        spec = to_spec(doc)
    except SpecError as err:
        return f"the generated spec does not parse (a bug in the strategy): {err}"
    try:
        analyze(spec, batch=batch)
    except SpecError as err:
        try:
            build(spec)
        except (TorchError, SpecError):
            return None
        except Exception as other:  # noqa: BLE001
            return f"analysis rejects ({err}); torch build crashed: {other!r}"
        return f"analysis rejects ({err}); torch accepts"
    # fields=False: receptive fields are checked on every bundled spec (verify --all,
    # tests/test_receptive_field.py), not here. Random specs reach a documented limit of
    # the field rule (cnnstat.layers.Field, "Limit"): a residual whose shortcut samples
    # other positions than its body (a zeropad of stride 3 beside two stride-2 convs:
    # 5 -> 2 both ways) has windows that drift apart with the position, so no single
    # (rf, jump) describes it.
    res = verify(spec, batch=batch, fvcore=False, fields=False)
    if res.diffs:
        return "; ".join(f"{d.layer} {d.quantity}: analytic {d.analytic} torch {d.torch}"
                         for d in res.diffs[:4])
    return None
