"""Torch modules and functional ops -> cnnstat layer kinds (the reverse of ``mapping``).

``MODULES`` maps an ``nn.Module`` class to a function of the module, its input shapes and
its output that returns the steps it is: a list of ``(kind, arguments)`` (a layer kind of
``cnnstat.layers``, or a merge: add, concat, mean), ``[]`` for an op that only passes its
input on (``contiguous``, a view that keeps the shape), or ``None``: no kind. ``FUNCTIONS``
does the same for functional ops (``F.relu``, ``torch.cat``, ``x.flatten(1)``,
``x.mean((2, 3))``, ``a + b``), keyed by the op's name. Shapes include the batch.
"""

from __future__ import annotations

from typing import Any, Callable

import torch
from torch import nn

from cnnstat.errors import SpecError
from cnnstat.torch import modules as M

Step = tuple[str, Any]
ModuleRule = Callable[[nn.Module, list[tuple[int, ...]], Any], "list[Step] | None"]
FunctionRule = Callable[["Args", Any], "list[Step] | None"]
MODULES: dict[type, ModuleRule] = {}
NAMED: dict[str, ModuleRule] = {}  # classes of optional packages, by module.qualname
FUNCTIONS: dict[str, FunctionRule] = {}
# functional forms of layers with weights: the parameters and buffers they read are a
# module's, and the op is named after that module
WEIGHTED: set[str] = set()


def module(*classes: type) -> Callable[[ModuleRule], ModuleRule]:
    def deco(fn: ModuleRule) -> ModuleRule:
        for cls in classes:
            MODULES[cls] = fn
        return fn
    return deco


def function(*names: str) -> Callable[[FunctionRule], FunctionRule]:
    def deco(fn: FunctionRule) -> FunctionRule:
        for name in names:
            FUNCTIONS[name] = fn
        return fn
    return deco


class Args:
    """A functional op's arguments, by position or by name; ``tensors`` are the inputs
    that are tensors (flattened from lists, as ``torch.cat``'s)."""

    def __init__(self, args: tuple, kwargs: dict, names: tuple[str, ...] = (), *,
                 nhwc: bool = False, buffers: frozenset[int] = frozenset()) -> None:
        self.args, self.kwargs, self.names = args, kwargs, names
        self.nhwc = nhwc  # the first input is a channels-last view of a map
        self.buffers = buffers  # ids of the model's buffers (a fixed filter is one)

    def get(self, i: int, name: str, default: Any = None) -> Any:
        if name in self.kwargs:
            return self.kwargs[name]
        return self.args[i] if i < len(self.args) else default

    @property
    def x(self) -> Any:
        return self.args[0] if self.args else self.kwargs.get("input")


def _pair(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return [int(x) for x in v] if len(v) == 2 else [int(v[0])] * 2
    return int(v)


def _shape(t: Any) -> tuple[int, ...]:
    return tuple(int(d) for d in t.shape)


def _no(why: str) -> None:
    raise SpecError(why)


# --------------------------------------------------------------------------- modules

@module(nn.Conv2d)
def _conv(m: nn.Conv2d, shapes, out) -> list[Step]:
    if m.padding_mode != "zeros":
        _no(f"a conv with padding_mode={m.padding_mode!r} (cnnstat's conv pads with zeros)")
    padding = m.padding if isinstance(m.padding, str) else _pair(m.padding)
    pads = [h.pad for h in m._forward_pre_hooks.values() if isinstance(h, M.PadInput)]
    if pads and padding in (0, [0, 0]):  # cnnstat's asymmetric padding: (l, r, t, b) first
        left, right, top, bottom = pads[0]
        padding = [top, bottom, left, right]
    return [("conv", {"out": m.out_channels, "kernel": _pair(m.kernel_size),
                      "stride": _pair(m.stride), "padding": padding,
                      "dilation": _pair(m.dilation),
                      "groups": "in" if m.groups == m.in_channels > 1 else m.groups,
                      "bias": m.bias is not None, "fixed": "weight" in m._buffers})]


@module(nn.Conv1d)
def _conv1d(m: nn.Conv1d, shapes, out) -> list[Step]:
    k = m.kernel_size[0]
    if (m.in_channels, m.out_channels, m.groups, m.stride, m.dilation) != (1, 1, 1, (1,), (1,)) \
            or m.padding != ((k - 1) // 2,) or k % 2 == 0 or m.bias is not None \
            or m.padding_mode != "zeros" or len(shapes[0]) != 3:
        _no("a Conv1d other than one across a pooled map's channels (cnnstat's channel_conv "
            "is ECA's: Conv1d(1, 1, k, padding=(k - 1) // 2, bias=False) on the pooled map "
            "viewed as (N, 1, C))")
    return [("channel_conv", {"kernel": k})]


MODULES[M.ChannelConv] = lambda m, shapes, out: [("channel_conv",
                                                  {"kernel": m.conv.kernel_size[0]})]


@module(nn.Linear)
def _linear(m: nn.Linear, shapes, out) -> list[Step] | None:
    if len(shapes[0]) != 2:
        _no(f"a Linear on a {len(shapes[0])}-D tensor (cnnstat's linear reads a flat vector "
            "per sample)")
    return [("linear", {"out": m.out_features, "bias": m.bias is not None})]


@module(nn.BatchNorm1d, nn.BatchNorm2d)
def _bn(m: nn.BatchNorm2d, shapes, out) -> list[Step] | None:
    if not m.track_running_stats:
        _no("a BatchNorm without running statistics (cnnstat's bn keeps them as buffers)")
    return [("bn", {"affine": m.affine, "eps": float(m.eps)})]


def _simple(kind: str) -> ModuleRule:
    return lambda m, shapes, out: [(kind, {})]


MODULES[nn.ReLU] = _simple("relu")
MODULES[nn.Sigmoid] = _simple("sigmoid")
MODULES[nn.Tanh] = _simple("tanh")
MODULES[nn.Flatten] = lambda m, shapes, out: _flatten_shapes(shapes[0], _shape(out))
MODULES[nn.Identity] = lambda m, shapes, out: [("identity", {})]


@module(nn.Softmax)
def _softmax_module(m: nn.Softmax, shapes, out) -> list[Step] | None:
    return _softmax(shapes[0], m.dim)


@module(nn.Dropout, nn.Dropout2d, nn.AlphaDropout)
def _dropout_module(m: nn.Dropout, shapes, out) -> list[Step]:
    return [("dropout", {"p": float(m.p)})]


def _pool(kind: str, kernel, stride, padding, ceil_mode, dilation=1) -> list[Step]:
    if _pair(dilation) not in (1, [1, 1]):
        _no(f"a {kind} with dilation {dilation} (cnnstat's pooling has none)")
    stride = kernel if stride is None or stride == [] or stride == () else stride
    return [(kind, {"kernel": _pair(kernel), "stride": _pair(stride),
                    "padding": _pair(padding), "ceil_mode": bool(ceil_mode)})]


@module(nn.MaxPool2d)
def _maxpool_module(m: nn.MaxPool2d, shapes, out) -> list[Step]:
    if m.return_indices:
        _no("a MaxPool2d that returns indices")
    return _pool("maxpool", m.kernel_size, m.stride, m.padding, m.ceil_mode, m.dilation)


@module(nn.AvgPool2d)
def _avgpool_module(m: nn.AvgPool2d, shapes, out) -> list[Step]:
    if m.divisor_override is not None:
        _no("an AvgPool2d with divisor_override")
    return _pool("avgpool", m.kernel_size, m.stride, m.padding, m.ceil_mode)


def _adaptive(out) -> list[Step]:
    size = _shape(out)[2:]
    if size == (1, 1):
        return [("global_avgpool", {})]
    return [("adaptive_avgpool", {"size": list(size)})]


MODULES[nn.AdaptiveAvgPool2d] = lambda m, shapes, out: _adaptive(out)


@module(nn.LocalResponseNorm)
def _lrn(m: nn.LocalResponseNorm, shapes, out) -> list[Step]:
    return [("lrn", {"size": m.size, "alpha": float(m.alpha), "beta": float(m.beta),
                     "k": float(m.k)})]


# cnnstat's own modules (what ``cnnstat.torch.build`` makes), so that built specs import
@module(M.TableConv)
def _table_conv(m: M.TableConv, shapes, out) -> list[Step]:
    return [("table_conv", {"table": [list(r) for r in m.table], "kernel": list(m.kernel),
                            "stride": list(m.stride), "padding": list(m.padding),
                            "bias": m.bias is not None})]


@module(M.Subsample)
def _subsample(m: M.Subsample, shapes, out) -> list[Step]:
    return [("subsample", {"kernel": list(m.kernel), "stride": list(m.stride),
                           "padding": list(m.padding), "ceil_mode": m.ceil_mode})]


MODULES[M.RBF] = lambda m, shapes, out: [("rbf", {"out": m.weight.shape[0]})]
MODULES[M.ZeroPad] = lambda m, shapes, out: [("zeropad", {"out": m.out,
                                                          "stride": list(m.stride)})]
MODULES[M.Concat] = lambda m, shapes, out: [("concat", None)]
MODULES[M.Add] = lambda m, shapes, out: [("add", None)]
MODULES[M.Mean] = lambda m, shapes, out: [("mean", None)]
MODULES[M.Mul] = lambda m, shapes, out: [("mul", None)]
MODULES[M.LayerScale] = lambda m, shapes, out: [("layer_scale", {})]
MODULES[M.Scale] = lambda m, shapes, out: [("scale", {"factor": m.factor, "shift": m.shift,
                                                      "learned": m.learned})]
MODULES[M.ChannelLayerNorm] = lambda m, shapes, out: [
    ("layernorm", {"eps": float(m.eps), "affine": m.weight is not None})]


def _stochastic_depth(m, shapes, out) -> list[Step]:
    return [("stochastic_depth", {"p": float(m.p), "mode": m.mode})]


MODULES[M.StochasticDepth] = _stochastic_depth
NAMED["torchvision.ops.stochastic_depth.StochasticDepth"] = _stochastic_depth


def layernorm(m: nn.LayerNorm, channels: int) -> list[Step]:
    """An nn.LayerNorm over the channels (of a vector, or of a channels-last map)."""
    if tuple(m.normalized_shape) != (channels,):
        _no(f"a LayerNorm over {tuple(m.normalized_shape)} (cnnstat's layernorm is over the "
            "channels)")
    affine = m.weight is not None
    if affine and (m.bias is None):
        _no("a LayerNorm with a weight but no bias")
    return [("layernorm", {"eps": float(m.eps), "affine": affine})]


MODULES[nn.LayerNorm] = lambda m, shapes, out: layernorm(
    m, shapes[0][1]) if len(shapes[0]) == 2 else _no("a LayerNorm on a feature map's last "
                                                     "dimensions")
# torchvision's LayerNorm2d: an nn.LayerNorm over the channels of an NCHW map
NAMED["torchvision.models.convnext.LayerNorm2d"] = lambda m, shapes, out: layernorm(
    m, shapes[0][1])
MODULES[M.ChannelShuffle] = lambda m, shapes, out: [("shuffle", {"groups": m.groups})]
MODULES[nn.ChannelShuffle] = lambda m, shapes, out: [("shuffle", {"groups": m.groups})]


MODULES[M.ChannelSlice] = lambda m, shapes, out: [("slice", {"start": m.start,
                                                             "stop": m.stop})]


@module(M.ChannelSplit)
def _channel_split(m: M.ChannelSplit, shapes, out) -> list[Step]:
    return [("split", {"part": m.part, "parts": m.parts})]


# activations of modern networks
MODULES[nn.ReLU6] = _simple("relu6")
MODULES[nn.Hardsigmoid] = _simple("hardsigmoid")
MODULES[nn.SiLU] = _simple("silu")
MODULES[nn.Hardswish] = _simple("hardswish")
MODULES[nn.LeakyReLU] = lambda m, shapes, out: [("leaky_relu", {"slope": float(m.negative_slope)})]
MODULES[nn.GELU] = lambda m, shapes, out: [("gelu", {"approximate": m.approximate})]


@module(nn.Hardtanh)
def _hardtanh(m: nn.Hardtanh, shapes, out) -> list[Step] | None:
    if (m.min_val, m.max_val) != (0.0, 6.0):
        _no(f"a Hardtanh clamping to [{m.min_val}, {m.max_val}] (cnnstat has relu6: [0, 6])")
    return [("relu6", {})]


# dense prediction (issue 20's kinds; module rules only: F.interpolate is the tracer's)
@module(nn.ConvTranspose2d)
def _conv_transpose(m: nn.ConvTranspose2d, shapes, out) -> list[Step]:
    if m.padding_mode != "zeros":
        _no(f"a ConvTranspose2d with padding_mode={m.padding_mode!r}")
    return [("conv_transpose", {
        "out": m.out_channels, "kernel": _pair(m.kernel_size), "stride": _pair(m.stride),
        "padding": _pair(m.padding), "output_padding": _pair(m.output_padding),
        "dilation": _pair(m.dilation),
        "groups": "in" if m.groups == m.in_channels > 1 else m.groups,
        "bias": m.bias is not None})]


def upsample(mode: str, size: Any, scale: Any, align_corners: Any,
             dims: int) -> list[Step]:
    """``nn.Upsample`` and ``F.interpolate``: cnnstat's upsample, by an integer scale or
    to a size."""
    if mode not in ("nearest", "bilinear") or dims != 4:
        _no(f"an upsample with mode {mode!r} on a {dims}-D tensor (cnnstat's upsample is "
            "nearest or bilinear on a map)")
    args: dict[str, Any] = {"mode": mode}
    if mode == "bilinear":
        args["align_corners"] = bool(align_corners)
    if size is not None:
        args["size"] = _pair(size)
        return [("upsample", args)]
    scale = scale if isinstance(scale, (tuple, list)) else [scale] * 2
    if any(float(f) != int(f) or f < 1 for f in scale):
        _no(f"an upsample by {scale} (cnnstat's upsample scale is an integer; give a size)")
    args["scale"] = [int(f) for f in scale]
    return [("upsample", args)]


@module(nn.Upsample, nn.UpsamplingNearest2d, nn.UpsamplingBilinear2d)
def _upsample(m: nn.Upsample, shapes, out) -> list[Step]:
    return upsample(m.mode, m.size, m.scale_factor, m.align_corners, len(shapes[0]))


def pad_steps(pads: Any, mode: str, value: Any, dims: int) -> list[Step]:
    """``F.pad`` and the padding modules: cnnstat's pad, of a map's height and width."""
    modes = {"constant": "zeros", "reflect": "reflect", "replicate": "replicate",
             "circular": "circular"}
    pads = [int(p) for p in pads]
    if dims != 4 or len(pads) not in (2, 4) or any(p < 0 for p in pads) \
            or mode not in modes or mode == "constant" and value not in (None, 0, 0.0):
        _no(f"a pad with mode={mode!r}, value={value!r}, pad={tuple(pads)} on a {dims}-D "
            "tensor (cnnstat's pad pads a map's height and width, with zeros or by "
            "reflecting, replicating or wrapping)")
    left, right, top, bottom = pads + [0, 0] * (len(pads) == 2)
    sides = [top, bottom, left, right] if (top, left) != (bottom, right) else [top, left]
    return [("pad", {"padding": sides, "mode": modes[mode]})]


@module(nn.ZeroPad2d, nn.ConstantPad2d, nn.ReflectionPad2d, nn.ReplicationPad2d,
        nn.CircularPad2d)
def _pad_module(m: nn.Module, shapes, out) -> list[Step]:
    mode = {nn.ReflectionPad2d: "reflect", nn.ReplicationPad2d: "replicate",
            nn.CircularPad2d: "circular"}.get(type(m), "constant")
    return pad_steps(m.padding, mode, getattr(m, "value", 0), len(shapes[0]))


MODULES[nn.PixelShuffle] = lambda m, shapes, out: [("pixel_shuffle",
                                                    {"factor": m.upscale_factor})]
MODULES[nn.PixelUnshuffle] = lambda m, shapes, out: [("pixel_unshuffle",
                                                      {"factor": m.downscale_factor})]
MODULES[M.SpaceToDepth] = lambda m, shapes, out: [("pixel_unshuffle",
                                                   {"factor": m.factor, "order": "blocks"})]
MODULES[M.CenterCrop] = lambda m, shapes, out: [("crop", {"size": list(m.size)})]


# --------------------------------------------------------------------------- functions

def canonical(func: Any) -> str:
    """A functional op's name without namespace or in-place marks: ``F.relu_``,
    ``torch.relu``, ``Tensor.relu`` -> ``relu``; ``operator.iadd``, ``Tensor.__add__`` ->
    ``add``. A reflected op that is not commutative keeps its mark: ``Tensor.__rsub__``
    (``3 - x``) is ``rsub``."""
    name = func if isinstance(func, str) else getattr(func, "__name__", "") or ""
    if name == "fn":  # torch.nn.functional's boolean_dispatch wrappers (max_pool2d)
        name = _DISPATCHED.get(id(func), name)
    name = name.strip("_")
    if name[:1] == "i" and name[1:] in ("add", "mul", "sub", "truediv"):
        name = name[1:]
    elif name[:1] == "r" and name[1:] in ("add", "mul"):  # the same either way round
        name = name[1:]
    return name


def _dispatched() -> dict[int, str]:
    import torch.nn.functional as F

    return {id(getattr(F, n)): n for n in ("max_pool2d", "max_pool1d", "max_pool3d",
                                           "adaptive_max_pool2d", "fractional_max_pool2d")}


_DISPATCHED = _dispatched()


def _act(kind: str) -> FunctionRule:
    return lambda a, out: [(kind, {})]


for _kind in ("relu", "sigmoid", "tanh", "relu6", "hardsigmoid", "silu", "hardswish"):
    FUNCTIONS[_kind] = _act(_kind)


@function("hardtanh")
def _hardtanh_fn(a: Args, out) -> list[Step] | None:
    if (a.get(1, "min_val", -1.0), a.get(2, "max_val", 1.0)) != (0.0, 6.0):
        return None
    return [("relu6", {})]


FUNCTIONS["leaky_relu"] = lambda a, out: [("leaky_relu",
                                           {"slope": float(a.get(1, "negative_slope", 0.01))})]
FUNCTIONS["gelu"] = lambda a, out: [("gelu", {"approximate": a.get(1, "approximate", "none")})]


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _scalar(op: str, a: Args) -> list[Step] | None:
    """A tensor and a Python number: ``x + c``, ``x - c``, ``c - x``, ``x * c``, ``x / c``
    are cnnstat's ``scale`` (x * factor + shift); ``x + 0`` and ``x * 1`` pass ``x`` on.
    None: not a tensor and a number."""
    x, y = a.args[0], a.args[1] if len(a.args) > 1 else a.kwargs.get("other")
    if isinstance(x, torch.Tensor) and _number(y):
        c, first = float(y), True
    elif _number(x) and isinstance(y, torch.Tensor):
        c, first = float(x), False
    else:
        return None
    alpha = a.get(2, "alpha", 1) if op in ("add", "sub", "rsub") else 1
    if not _number(alpha) or a.kwargs.get("rounding_mode") is not None:
        _no(f"a {op} with alpha={alpha!r} or a rounding mode")
    if op == "add":
        factor, shift = 1.0, c * alpha
    elif op == "sub" and first:  # x - c
        factor, shift = 1.0, -c * alpha
    elif op in ("sub", "rsub"):  # c - x (operator.sub(c, x), Tensor.__rsub__, torch.rsub)
        factor, shift = -float(alpha), c
    elif op == "mul":
        factor, shift = c, 0.0
    elif first and c != 0:  # x / c
        factor, shift = 1.0 / c, 0.0
    else:
        _no(f"a division {'by zero' if first else 'of a number by a tensor'} (cnnstat's "
            "scale multiplies by a number and adds one: x * factor + shift)")
    if factor == 1 and shift == 0:
        return []
    return [("scale", {"factor": factor, "shift": shift})]


def _scalar_rule(op: str) -> FunctionRule:
    return lambda a, out: _scalar(op, a)


for _op in ("sub", "rsub", "div", "truediv"):
    FUNCTIONS[_op] = _scalar_rule(_op)


@function("mul")
def _mul(a: Args, out) -> list[Step] | None:
    steps = _scalar("mul", a)
    if steps is not None:
        return steps
    x, y = a.args[0], a.args[1] if len(a.args) > 1 else a.kwargs.get("other")
    if not (isinstance(x, torch.Tensor) and isinstance(y, torch.Tensor)):
        _no(f"a multiplication by {y if isinstance(x, torch.Tensor) else x!r} (cnnstat's "
            "scale multiplies by a number, x * factor + shift)")
    shapes = sorted((_shape(x), _shape(y)), key=len)
    if x.dim() != 4 or y.dim() != 4 or not (
            shapes[0] == shapes[1] or (_shape(x)[:2] == _shape(y)[:2] and
                                       (_shape(x)[2:] == (1, 1) or _shape(y)[2:] == (1, 1)))):
        _no("a multiplication of tensors that is not a map times a per-channel gate")
    return [("mul", None)]


def _softmax(shape: tuple[int, ...], dim: Any) -> list[Step] | None:
    if len(shape) != 2 or dim not in (1, -1):
        _no(f"a softmax over dim {dim} of a {len(shape)}-D tensor (cnnstat's softmax is over "
            "a vector of class scores)")
    return [("softmax", {})]


@function("softmax")
def _softmax_fn(a: Args, out) -> list[Step] | None:
    return _softmax(_shape(a.x), a.get(1, "dim"))


@function("dropout", "dropout2d", "feature_dropout", "alpha_dropout")
def _dropout_fn(a: Args, out) -> list[Step]:
    return [("dropout", {"p": float(a.get(1, "p", 0.5))})]


@function("max_pool2d")
def _max_pool_fn(a: Args, out) -> list[Step]:
    if a.get(6, "return_indices", False):
        _no("max_pool2d returning indices")
    return _pool("maxpool", a.get(1, "kernel_size"), a.get(2, "stride"), a.get(3, "padding", 0),
                 a.get(5, "ceil_mode", False), a.get(4, "dilation", 1))


@function("avg_pool2d")
def _avg_pool_fn(a: Args, out) -> list[Step]:
    if a.get(6, "divisor_override") is not None:
        _no("avg_pool2d with divisor_override")
    return _pool("avgpool", a.get(1, "kernel_size"), a.get(2, "stride"), a.get(3, "padding", 0),
                 a.get(4, "ceil_mode", False))


FUNCTIONS["adaptive_avg_pool2d"] = lambda a, out: _adaptive(out)
FUNCTIONS["stochastic_depth"] = lambda a, out: [
    ("stochastic_depth", {"p": float(a.get(1, "p")), "mode": a.get(2, "mode", "row")})]


def _flatten_shapes(before: tuple[int, ...], after: tuple[int, ...]) -> list[Step] | None:
    if after == before:
        return []
    if len(after) == 2 and after[0] == before[0] and len(before) == 4:
        return [("flatten", {})]
    return None


@function("flatten", "view", "reshape")
def _flatten_fn(a: Args, out) -> list[Step] | None:
    return _flatten_shapes(_shape(a.x), _shape(out))


@function("contiguous", "clone", "detach", "float", "to", "type_as")
def _alias(a: Args, out) -> list[Step] | None:
    return [] if _shape(a.x) == _shape(out) else None


@function("mean")
def _mean(a: Args, out) -> list[Step] | None:
    x = a.x
    dims = a.get(1, "dim")
    dims = [dims] if isinstance(dims, int) else list(dims or [])
    if x.dim() != 4 or sorted(d % 4 for d in dims) != [2, 3]:
        return None
    steps: list[Step] = [("global_avgpool", {})]
    if not a.get(2, "keepdim", False):
        steps.append(("flatten", {}))
    return steps


@function("cat", "concat", "concatenate")
def _cat(a: Args, out) -> list[Step] | None:
    dim = a.get(1, "dim", 0)
    first = list(a.args[0] if a.args else a.kwargs.get("tensors"))[0]
    if first.dim() != 4 or dim % 4 != 1:
        _no(f"a cat along dim {dim} of {first.dim()}-D tensors (cnnstat's concat joins "
            "feature maps along channels)")
    return [("concat", None)]


@function("add")
def _add(a: Args, out) -> list[Step] | None:
    steps = _scalar("add", a)
    if steps is not None:
        return steps
    x, y = a.args[0], a.args[1] if len(a.args) > 1 else a.kwargs.get("other")
    if not (isinstance(x, torch.Tensor) and isinstance(y, torch.Tensor)):
        _no(f"an add of {x!r} and {y!r} (cnnstat adds maps, or a number to a map: scale)")
    if a.get(2, "alpha", 1) != 1 or _shape(x) != _shape(y):
        _no("an add of tensors of different shapes (broadcasting) or with alpha")
    return [("add", None)]


# the functional forms of layers with weights register themselves here
from cnnstat.torch import functional as _functional  # noqa: E402,F401
