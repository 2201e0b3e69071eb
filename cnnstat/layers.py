"""The layer algebra: one registered class per layer kind.

Each class owns every rule about its kind: the arguments it takes, its output shape,
its parameters (trainable, frozen) and buffers, its multiply-accumulates, its other
elementwise operations, whether its output is a new tensor, and its receptive-field
window. Adding a kind means adding one class here and decorating it with ``@register``.

Conventions, stated once:

* Shapes are per sample, channels first: ``(C, H, W)`` for feature maps, ``(F,)`` after
  ``flatten``. Batch size multiplies MACs, ops and activations, never parameters.
* **MACs** count the multiply-accumulates of conv and linear layers only (one
  multiply-add = 1). This is the unit of torchvision's published "GFLOPS" and of the
  ResNet and GoogLeNet papers. **FLOPs** are 2 x MACs and are always labelled so.
* **ops** count every other elementwise operation (bias adds, BN, activations, pooling,
  merges, LRN, softmax), by the per-kind rule written in each class's docstring.
* **activations** are output elements. Layers whose output is not a new tensor
  (in-place ReLU, dropout at inference, views such as flatten and identity) have
  ``allocates = False`` and do not add to activation memory.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple
from typing import Any, ClassVar

from cnnstat.errors import SpecError

Shape = tuple[int, ...]
REQUIRED = object()


class Arg(NamedTuple):
    """One named argument of a layer kind."""

    type: str  # int | pair | padding | bool | float | choice
    default: Any = REQUIRED
    doc: str = ""
    min: float = 1
    max: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def coerce(self, name: str, value: Any) -> Any:
        """Check ``value`` and return it normalised (pairs become 2-tuples)."""
        if self.type == "bool":
            if not isinstance(value, bool):
                raise SpecError(f"argument '{name}' must be true or false, not {value!r}")
            return value
        if self.type == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SpecError(f"argument '{name}' must be a number, not {value!r}")
            self._bounds(name, value)
            return float(value)
        if self.type == "choice":
            if value not in self.choices:
                raise SpecError(f"argument '{name}' must be one of {', '.join(self.choices)}, "
                                f"not {value!r}")
            return value
        if self.type == "table":
            return self._table(name, value)
        if self.type == "padding" and value in ("same", "valid"):
            return value
        if self.type in ("pair", "padding"):
            items = list(value) if isinstance(value, (list, tuple)) else [value, value]
            if len(items) != 2:
                raise SpecError(f"argument '{name}' must be one integer or a list of two "
                                f"[height, width], not {value!r}")
            return tuple(self._int(name, v) for v in items)
        return self._int(name, value)

    def _table(self, name: str, value: Any) -> tuple[tuple[int, ...], ...]:
        """A connection table: for each output map, the input maps it reads (0-based)."""
        if not isinstance(value, (list, tuple)) or not value:
            raise SpecError(f"argument '{name}' must be a list with, for each output map, "
                            f"the list of input maps it reads; not {value!r}")
        rows = []
        for i, row in enumerate(value):
            if not isinstance(row, (list, tuple)) or not row:
                raise SpecError(f"argument '{name}' row {i} must be a non-empty list of input "
                                f"map indices, not {row!r}")
            items = tuple(Arg("int", min=0).coerce(f"{name}[{i}]", v) for v in row)
            if len(set(items)) != len(items):
                raise SpecError(f"argument '{name}' row {i} lists an input map twice: {row!r}")
            rows.append(items)
        return tuple(rows)

    def _int(self, name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            extra = ' or "same"/"valid"' if self.type == "padding" else ""
            raise SpecError(f"argument '{name}' must be an integer{extra}, not {value!r}")
        self._bounds(name, value)
        return value

    def _bounds(self, name: str, value: float) -> None:
        if value < self.min:
            raise SpecError(f"argument '{name}' must be at least {self.min:g}, not {value!r}")
        if self.max is not None and value > self.max:
            raise SpecError(f"argument '{name}' must be at most {self.max:g}, not {value!r}")


class Effect(NamedTuple):
    """Everything one layer does to one sample, as computed by its kind."""

    output: Shape
    params: int = 0
    frozen: int = 0  # parameters that exist but are not trained (counted in params)
    buffers: int = 0  # non-parameter state, e.g. BN running statistics
    macs: int = 0
    ops: int = 0
    window: tuple[tuple[int, int], tuple[int, int]] = ((1, 1), (1, 1))  # (kernel, stride)


KINDS: dict[str, type["Kind"]] = {}


def register(cls: type["Kind"]) -> type["Kind"]:
    """Class decorator: make a kind available to specs under ``cls.name``."""
    if cls.name in KINDS:
        raise ValueError(f"layer kind {cls.name!r} registered twice")
    KINDS[cls.name] = cls
    return cls


MAX_DIM = 10**7
MAX_ELEMENTS = 10**12


def _spatial(shape: Shape, kind: str) -> tuple[int, int, int]:
    if len(shape) != 3:
        raise SpecError(f"{kind} needs a feature map (C, H, W) but its input is "
                        f"{fmt_shape(shape)}; a flattened vector has no spatial size")
    return shape  # type: ignore[return-value]


def numel(shape: Shape) -> int:
    return math.prod(shape)


def fmt_shape(shape: Shape) -> str:
    """``(96, 55, 55)`` -> ``96x55x55``; channels first, as the tables print them."""
    return "x".join(str(d) for d in shape)


class Kind:
    """Base of every layer kind. Subclasses set the class attributes and ``effect``."""

    name: ClassVar[str]
    prefix: ClassVar[str]  # default name stem in tables: conv1, conv2, ...
    doc: ClassVar[str]
    args: ClassVar[dict[str, Arg]] = {}
    counts_depth: ClassVar[bool] = False  # conv and fully connected layers set this
    allocates: ClassVar[bool] = True

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    @classmethod
    def make(cls, given: dict[str, Any]) -> "Kind":
        """Validate ``given`` arguments against ``cls.args`` and build the layer."""
        values: dict[str, Any] = {}
        for key, value in given.items():
            if key not in cls.args:
                known = ", ".join(cls.args) or "none"
                raise SpecError(f"{cls.name} has no argument '{key}'{did_you_mean(key, cls.args)}"
                                f" (its arguments: {known})", path=None)
            values[key] = cls.args[key].coerce(key, value)
        for key, arg in cls.args.items():
            if key not in values:
                if arg.required:
                    raise SpecError(f"{cls.name} needs argument '{key}' ({arg.doc})")
                values[key] = arg.coerce(key, arg.default) if arg.default is not None else None
        return cls(values)

    def __getattr__(self, key: str) -> Any:
        try:
            return self.__dict__["values"][key]
        except KeyError:
            raise AttributeError(key) from None

    def effect(self, shape: Shape) -> Effect:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply(self, shape: Shape) -> Effect:
        """``effect`` plus the checks every kind shares: positive, bounded sizes."""
        eff = self.effect(shape)
        if any(d <= 0 for d in eff.output):
            raise SpecError(f"{self.name} turns {fmt_shape(shape)} into "
                            f"{fmt_shape(eff.output)}: sizes must stay positive")
        if any(d > MAX_DIM for d in eff.output) or numel(eff.output) > MAX_ELEMENTS:
            raise SpecError(f"{self.name} output {fmt_shape(eff.output)} is implausibly large")
        return eff

    def describe(self) -> str:
        """Arguments as a short string for tables: ``k11 s4 p0``."""
        return " ".join(f"{k}={_fmt_val(v)}" for k, v in self.values.items()
                        if v is not None and v != _default(self.args[k]))


@lru_cache(maxsize=None)
def _default(arg: Arg) -> Any:
    """An argument's default, normalised as a given value would be (cached: every row
    of every table asks)."""
    if arg.required or arg.default is None:
        return None
    return arg.coerce("", arg.default)


def _fmt_val(v: Any) -> str:
    if isinstance(v, tuple) and v and isinstance(v[0], tuple):  # a connection table
        return f"{len(v)}maps/{sum(len(row) for row in v)}links"
    if isinstance(v, tuple):
        return str(v[0]) if v[0] == v[1] else f"{v[0]}x{v[1]}"
    if isinstance(v, bool):
        return str(v).lower()
    return str(v)


def did_you_mean(word: str, options) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def window_out(size: int, k: int, s: int, p: int, d: int = 1, ceil: bool = False) -> int:
    """The output-size rule of conv and pooling: floor((n + 2p - d(k-1) - 1)/s) + 1.

    With ``ceil`` (pooling's ceil_mode) the division rounds up, but a last window that
    would start entirely in the right padding is dropped, as PyTorch does. Rounding up
    also lets one window overhang a padded input smaller than the kernel when the stride
    is larger than the overhang (PyTorch: a 3x3 pool with stride 3 and ceil_mode turns
    2x2 into 1x1).
    """
    span = size + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil else span // s) + 1
    if ceil and ceil_drops_last(size, k, s, p, d):
        out -= 1
    if span < 0 and out < 1:
        raise SpecError(f"kernel {k} (dilation {d}) is larger than the padded input "
                        f"{size} + 2x{p} = {size + 2 * p}")
    return out


def ceil_drops_last(size: int, k: int, s: int, p: int, d: int = 1) -> bool:
    """ceil_mode only: does rounding up add a last window that starts in the right padding
    (which PyTorch then drops)?"""
    span = size + 2 * p - d * (k - 1) - 1
    return (-(-span // s)) * s >= size + p


# --------------------------------------------------------------------------- conv / fc

@register
class Conv(Kind):
    """2-D convolution. params = out x (in/groups) x kh x kw (+ out bias);
    MACs = output elements x (in/groups) x kh x kw; ops = one bias add per output element."""

    name = "conv"
    prefix = "conv"
    doc = "2-D convolution (nn.Conv2d)"
    counts_depth = True
    args = {
        "out": Arg("int", doc="output channels"),
        "kernel": Arg("pair", doc="kernel size, k or [kh, kw]"),
        "stride": Arg("pair", 1, "stride"),
        "padding": Arg("padding", 0, 'zero padding per side, or "same"/"valid"', min=0),
        "dilation": Arg("pair", 1, "dilation"),
        "groups": Arg("int", 1, "groups (AlexNet's two GPUs: 2; depthwise: in)"),
        "bias": Arg("bool", True, "add a learned bias per output channel"),
    }

    def padding_pair(self) -> tuple[int, int]:
        if self.padding == "valid":
            return (0, 0)
        if self.padding == "same":
            # total padding d(k-1); PyTorch splits it left=total//2, right=rest
            return tuple(d * (k - 1) // 2 for k, d in zip(self.kernel, self.dilation))  # type: ignore
        return self.padding

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, "conv")
        if c % self.groups or self.out % self.groups:
            raise SpecError(f"conv groups={self.groups} must divide both input channels "
                            f"({c}) and output channels ({self.out})")
        (kh, kw), (sh, sw), (dh, dw) = self.kernel, self.stride, self.dilation
        if self.padding == "same":
            if (sh, sw) != (1, 1):
                raise SpecError('padding "same" needs stride 1 (as in PyTorch)')
            oh, ow = h, w
        else:
            ph, pw = self.padding_pair()
            oh, ow = window_out(h, kh, sh, ph, dh), window_out(w, kw, sw, pw, dw)
        per_out = (c // self.groups) * kh * kw
        out_el = self.out * oh * ow
        return Effect(
            output=(self.out, oh, ow),
            params=self.out * per_out + (self.out if self.bias else 0),
            macs=out_el * per_out,
            ops=out_el if self.bias else 0,
            window=((dh * (kh - 1) + 1, dw * (kw - 1) + 1), (sh, sw)),
        )


@register
class Linear(Kind):
    """Fully connected layer on a flattened vector. params = in x out (+ out bias);
    MACs = in x out; ops = one bias add per output."""

    name = "linear"
    prefix = "fc"
    doc = "fully connected layer (nn.Linear)"
    counts_depth = True
    args = {
        "out": Arg("int", doc="output features"),
        "bias": Arg("bool", True, "add a learned bias per output"),
    }

    def effect(self, shape: Shape) -> Effect:
        if len(shape) != 1:
            raise SpecError(f"linear needs a flat vector but its input is {fmt_shape(shape)}; "
                            "put a 'flatten' (or a global pool and flatten) before it")
        (n,) = shape
        return Effect(output=(self.out,), params=n * self.out + (self.out if self.bias else 0),
                      macs=n * self.out, ops=self.out if self.bias else 0)


@register
class TableConv(Kind):
    """Convolution with a connection table (LeNet-5's C3): output map o reads only the
    input maps listed in ``table[o]``. params = sum over o of |table[o]| x kh x kw
    (+ out bias); MACs = output positions x that same sum of weights; ops = one bias add
    per output element. ``groups`` is the special case of a block-diagonal table."""

    name = "table_conv"
    prefix = "conv"
    doc = "convolution with a connection table: output map o reads the input maps table[o]"
    counts_depth = True
    args = {
        "table": Arg("table", doc="for each output map, the list of input maps it reads "
                                  "(0-based); the output has len(table) maps"),
        "kernel": Arg("pair", doc="kernel size, k or [kh, kw]"),
        "stride": Arg("pair", 1, "stride"),
        "padding": Arg("pair", 0, "zero padding per side", min=0),
        "bias": Arg("bool", True, "add a learned bias per output map"),
    }

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        bad = sorted({i for row in self.table for i in row if i >= c})
        if bad:
            raise SpecError(f"table_conv's table reads input map {bad[0]} but its input has "
                            f"only {c} maps (0 to {c - 1})")
        (kh, kw), (sh, sw), (ph, pw) = self.kernel, self.stride, self.padding
        oh, ow = window_out(h, kh, sh, ph), window_out(w, kw, sw, pw)
        out = len(self.table)
        weights = sum(len(row) for row in self.table) * kh * kw
        return Effect(output=(out, oh, ow), params=weights + (out if self.bias else 0),
                      macs=oh * ow * weights, ops=out * oh * ow if self.bias else 0,
                      window=((kh, kw), (sh, sw)))


@register
class RBF(Kind):
    """Euclidean radial basis function units (LeNet-5's output layer): output i is
    sum_j (x_j - w_ij)^2. params = in x out, all *frozen* (the paper sets them by hand
    and keeps them fixed); MACs = in x out (each squared difference is accumulated);
    ops = in x out subtractions."""

    name = "rbf"
    prefix = "rbf"
    doc = "Euclidean RBF units with fixed (untrained) centres, as LeNet-5's output layer"
    counts_depth = True
    args = {"out": Arg("int", doc="output units (one centre vector each)")}

    def effect(self, shape: Shape) -> Effect:
        if len(shape) != 1:
            raise SpecError(f"rbf needs a flat vector but its input is {fmt_shape(shape)}")
        (n,) = shape
        return Effect(output=(self.out,), params=n * self.out, frozen=n * self.out,
                      macs=n * self.out, ops=n * self.out)


# --------------------------------------------------------------------------- pooling

class _Pool(Kind):
    args = {
        "kernel": Arg("pair", doc="window size, k or [kh, kw]"),
        "stride": Arg("pair", None, "stride (default: the kernel size, as in PyTorch)"),
        "padding": Arg("pair", 0, "padding per side", min=0),
        "ceil_mode": Arg("bool", False, "round the output size up (Caffe/GoogLeNet style)"),
    }

    def _geometry(self, shape: Shape) -> tuple[int, int, int, tuple[int, int], tuple[int, int]]:
        c, h, w = _spatial(shape, self.name)
        k = self.kernel
        s = self.stride or k
        p = self.padding
        if p[0] > k[0] // 2 or p[1] > k[1] // 2:
            raise SpecError(f"{self.name} padding {_fmt_val(p)} must be at most half the kernel "
                            f"{_fmt_val(k)} (a PyTorch rule)")
        oh = window_out(h, k[0], s[0], p[0], ceil=self.ceil_mode)
        ow = window_out(w, k[1], s[1], p[1], ceil=self.ceil_mode)
        return c, oh, ow, k, s


@register
class MaxPool(_Pool):
    """Max pooling. ops = kh x kw - 1 comparisons per output element."""

    name = "maxpool"
    prefix = "pool"
    doc = "max pooling (nn.MaxPool2d); overlapping when stride < kernel"

    def effect(self, shape: Shape) -> Effect:
        c, oh, ow, k, s = self._geometry(shape)
        return Effect(output=(c, oh, ow), ops=c * oh * ow * (k[0] * k[1] - 1), window=(k, s))


@register
class AvgPool(_Pool):
    """Average pooling. ops = kh x kw (adds and one divide) per output element."""

    name = "avgpool"
    prefix = "avgpool"
    doc = "average pooling (nn.AvgPool2d)"

    def effect(self, shape: Shape) -> Effect:
        c, oh, ow, k, s = self._geometry(shape)
        return Effect(output=(c, oh, ow), ops=c * oh * ow * k[0] * k[1], window=(k, s))


@register
class AdaptiveAvgPool(Kind):
    """Adaptive average pooling to a fixed output size. ops = one add per input element
    (each input element lands in at least one bin; exact when the sizes divide)."""

    name = "adaptive_avgpool"
    prefix = "avgpool"
    doc = "adaptive average pooling to a fixed output size (nn.AdaptiveAvgPool2d)"
    args = {"size": Arg("pair", doc="output size, n or [h, w]")}

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        oh, ow = self.size
        kernel = (-(-h // oh), -(-w // ow))
        stride = (max(1, h // oh), max(1, w // ow))
        if (oh, ow) == (h, w):
            return Effect(output=(c, oh, ow), window=((1, 1), (1, 1)))
        return Effect(output=(c, oh, ow), ops=c * oh * ow * kernel[0] * kernel[1],
                      window=(kernel, stride))


@register
class GlobalAvgPool(Kind):
    """Global average pooling: C x H x W -> C x 1 x 1. ops = one add per input element."""

    name = "global_avgpool"
    prefix = "avgpool"
    doc = "global average pooling (nn.AdaptiveAvgPool2d(1)), as in NiN and GoogLeNet"

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        return Effect(output=(c, 1, 1), ops=c * h * w, window=((h, w), (h, w)))


@register
class Subsample(_Pool):
    """Trainable subsampling (LeNet-5's S2 and S4): the sum of each kh x kw window times
    one learned coefficient per map, plus one learned bias per map. params = 2C;
    MACs = 0 (not a conv or linear layer); ops = kh x kw + 1 per output element (the
    window's adds, one multiply, one bias add)."""

    name = "subsample"
    prefix = "subsample"
    doc = "trainable subsampling: window sum x a coefficient + a bias, per map (LeNet-5)"

    def effect(self, shape: Shape) -> Effect:
        c, oh, ow, k, s = self._geometry(shape)
        return Effect(output=(c, oh, ow), params=2 * c, ops=c * oh * ow * (k[0] * k[1] + 1),
                      window=(k, s))


@register
class ZeroPad(Kind):
    """Option-A residual shortcut of He et al. (CIFAR ResNets): keep every stride-th
    position and pad the channels with zero maps up to ``out``. No params, no MACs,
    ops = 0 (a strided copy)."""

    name = "zeropad"
    prefix = "zeropad"
    doc = "subsample by stride and pad channels with zeros (ResNet option-A shortcut)"
    args = {
        "out": Arg("int", doc="output channels (at least the input's)"),
        "stride": Arg("pair", 1, "keep every stride-th row and column"),
    }

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        if self.out < c:
            raise SpecError(f"zeropad cannot shrink {c} channels to {self.out}")
        sh, sw = self.stride
        return Effect(output=(self.out, -(-h // sh), -(-w // sw)), window=((1, 1), (sh, sw)))


# --------------------------------------------------------------------------- normalisation

@register
class LRN(Kind):
    """Local response normalisation across channels (AlexNet). ops = size + 3 per element
    (the windowed sum of squares, then scale-and-add k, power, divide)."""

    name = "lrn"
    prefix = "lrn"
    doc = "local response normalisation (nn.LocalResponseNorm)"
    args = {
        "size": Arg("int", 5, "channels in the window"),
        "alpha": Arg("float", 1e-4, "scale", min=0),
        "beta": Arg("float", 0.75, "exponent", min=0),
        "k": Arg("float", 2.0, "additive constant", min=0),
    }

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=numel(shape) * (self.size + 3))


@register
class BatchNorm(Kind):
    """Batch normalisation. params = 2C (scale, shift) when affine; buffers = 2C running
    statistics + 1 batch counter, as PyTorch stores them; ops = 2 per element."""

    name = "bn"
    prefix = "bn"
    doc = "batch normalisation (nn.BatchNorm2d, or BatchNorm1d after flatten)"
    args = {
        "affine": Arg("bool", True, "learn a scale and shift per channel"),
        "eps": Arg("float", 1e-5, "added to the variance", min=0),
    }

    def effect(self, shape: Shape) -> Effect:
        c = shape[0]
        return Effect(output=shape, params=2 * c if self.affine else 0, buffers=2 * c + 1,
                      ops=2 * numel(shape))


# --------------------------------------------------------------------------- elementwise

class _Activation(Kind):
    """An elementwise activation. ops = 1 per element."""

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=numel(shape))


@register
class ReLU(_Activation):
    __doc__ = _Activation.__doc__
    name = "relu"
    prefix = "relu"
    doc = "rectified linear unit, max(0, x); in place, so it adds no activation memory"
    allocates = False


@register
class Sigmoid(_Activation):
    __doc__ = _Activation.__doc__
    name = "sigmoid"
    prefix = "sigmoid"
    doc = "logistic sigmoid"


@register
class Tanh(_Activation):
    __doc__ = _Activation.__doc__
    name = "tanh"
    prefix = "tanh"
    doc = "hyperbolic tangent"


@register
class Dropout(Kind):
    """Dropout: the identity at inference (0 ops, no new tensor)."""

    name = "dropout"
    prefix = "dropout"
    doc = "dropout (nn.Dropout); the identity at inference"
    allocates = False
    args = {"p": Arg("float", 0.5, "probability of zeroing an element", min=0, max=1)}

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape)


@register
class Flatten(Kind):
    """Flatten C x H x W to one vector (a view). Its receptive-field window is the whole
    map, since what follows (a linear layer) sees every position."""

    name = "flatten"
    prefix = "flatten"
    doc = "flatten to a vector (nn.Flatten)"
    allocates = False

    def effect(self, shape: Shape) -> Effect:
        if len(shape) == 3:
            _, h, w = shape
            return Effect(output=(numel(shape),), window=((h, w), (h, w)))
        return Effect(output=(numel(shape),))


@register
class Softmax(Kind):
    """Softmax over a vector. ops = 3 per element (exp, sum, divide)."""

    name = "softmax"
    prefix = "softmax"
    doc = "softmax over the class scores (nn.Softmax)"

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape, ops=3 * numel(shape))


@register
class Identity(Kind):
    """The identity: no cost, no new tensor."""

    name = "identity"
    prefix = "identity"
    doc = "the identity (nn.Identity), e.g. DenseNet's pass-through branch"
    allocates = False

    def effect(self, shape: Shape) -> Effect:
        return Effect(output=shape)


# --------------------------------------------------------------------------- merges

class Merge:
    """Joins the outputs of parallel branches. Not used directly in a spec's layer list:
    ``parallel`` and ``residual`` produce merge rows."""

    name: ClassVar[str]
    allocates = True

    def combine(self, shapes: list[Shape]) -> Effect:  # pragma: no cover - abstract
        raise NotImplementedError


class Concat(Merge):
    """Channel concatenation (Inception, Fire, DenseNet). ops = 0 (a copy)."""

    name = "concat"

    def combine(self, shapes: list[Shape]) -> Effect:
        spatial = {s[1:] for s in shapes}
        if any(len(s) != 3 for s in shapes) or len(spatial) != 1:
            raise SpecError("concat needs branches with the same height and width, got "
                            + ", ".join(fmt_shape(s) for s in shapes))
        h, w = spatial.pop()
        return Effect(output=(sum(s[0] for s in shapes), h, w))


class Add(Merge):
    """Elementwise addition (residual connections). ops = one add per element per extra
    input."""

    name = "add"

    def combine(self, shapes: list[Shape]) -> Effect:
        if len(set(shapes)) != 1:
            raise SpecError("add needs inputs of the same shape, got "
                            + ", ".join(fmt_shape(s) for s in shapes))
        return Effect(output=shapes[0], ops=numel(shapes[0]) * (len(shapes) - 1))


class Mean(Merge):
    """Elementwise mean (FractalNet's join). ops = one add per element per extra input,
    plus one divide per element."""

    name = "mean"

    def combine(self, shapes: list[Shape]) -> Effect:
        if len(set(shapes)) != 1:
            raise SpecError("mean needs inputs of the same shape, got "
                            + ", ".join(fmt_shape(s) for s in shapes))
        return Effect(output=shapes[0], ops=numel(shapes[0]) * len(shapes))


MERGES: dict[str, Merge] = {m.name: m for m in (Concat(), Add(), Mean())}
SHORTCUTS = ("auto", "identity", "zeropad")


def _shortcut_stride(in_shape: Shape, out_shape: Shape, what: str) -> list[int]:
    if len(in_shape) != 3 or len(out_shape) != 3:
        raise SpecError("a residual block must keep a feature map (C, H, W); got "
                        f"{fmt_shape(in_shape)} -> {fmt_shape(out_shape)}")
    stride = []
    for n_in, n_out in zip(in_shape[1:], out_shape[1:]):
        s = next((s for s in range(1, n_in + 1) if (n_in - 1) // s + 1 == n_out), None)
        if s is None:
            raise SpecError(f"no {what} maps {fmt_shape(in_shape)} onto the residual "
                            f"body's output {fmt_shape(out_shape)}")
        stride.append(s)
    return stride


def shortcut_layers(how: str, in_shape: Shape, out_shape: Shape) -> list[tuple[str, Kind]]:
    """The layers of a residual shortcut named by ``how`` (``SHORTCUTS``), given the
    shapes it must map between: ``auto`` is ``projection_shortcut``; ``zeropad`` is He et
    al.'s option A, identity when shapes match, else a ``zeropad`` (named ``shortcut``);
    ``identity`` has no layers."""
    if how == "auto":
        return projection_shortcut(in_shape, out_shape)
    if how == "zeropad":
        if in_shape == out_shape:
            return []
        stride = _shortcut_stride(in_shape, out_shape, "zero-padding shortcut")
        return [("shortcut", ZeroPad.make({"out": out_shape[0], "stride": stride}))]
    return []


def projection_shortcut(in_shape: Shape, out_shape: Shape) -> list[tuple[str, Kind]]:
    """The one place that decides a residual shortcut, as torchvision's ResNet does.

    Identity (no layers) when the body keeps the shape; otherwise a 1x1 convolution
    without bias, with the stride that maps the input size onto the body's output size,
    followed by batch norm. Returns ``(name, layer)`` pairs, torchvision's
    ``downsample.0`` / ``downsample.1``.
    """
    if in_shape == out_shape:
        return []
    stride = _shortcut_stride(in_shape, out_shape, "1x1 projection")
    conv = Conv.make({"out": out_shape[0], "kernel": 1, "stride": stride, "bias": False})
    return [("downsample.0", conv), ("downsample.1", BatchNorm.make({}))]
