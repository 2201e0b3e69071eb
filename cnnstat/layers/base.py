"""The base of the layer algebra: arguments, effects, the registry and the ``Kind`` base
class, plus the window arithmetic that conv and pooling share."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import lru_cache
from typing import Any, ClassVar, NamedTuple

from cnnstat.errors import SpecError

Shape = tuple[int, ...]
REQUIRED = object()
_LAYER_NAME = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")


class Arg(NamedTuple):
    """One named argument of a layer kind."""

    type: str  # int | pair | padding | groups | bool | float | choice | table | layer
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
            if isinstance(value, Fraction):  # an exact result of a spec expression
                value = float(value)
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
        if self.type == "layer":
            if not isinstance(value, str) or not _LAYER_NAME.match(value):
                raise SpecError(f"argument '{name}' names an earlier layer (letters, digits, "
                                f"_ and dots), not {value!r}")
            return value
        if self.type == "padding" and value in ("same", "valid"):
            return value
        if self.type == "groups" and value == "in":
            return value
        if self.type in ("pair", "padding"):
            items = list(value) if isinstance(value, (list, tuple)) else [value, value]
            four = self.type == "padding" and len(items) == 4
            if len(items) != 2 and not four:
                more = (", or four [top, bottom, left, right]" if self.type == "padding"
                        else "")
                raise SpecError(f"argument '{name}' must be one integer or a list of two "
                                f"[height, width]{more}, not {value!r}")
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
        if isinstance(value, Fraction):
            raise SpecError(f"argument '{name}' must be an integer, not {value} "
                            f"(= {float(value):g}); round it with floor(), ceil(), round() "
                            "or make_divisible()")
        if isinstance(value, bool) or not isinstance(value, int):
            extra = {"padding": ' or "same"/"valid"', "groups": ' or "in"'}.get(self.type, "")
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


class Field(NamedTuple):
    """The receptive field of one output position: what a layer's value can depend on.

    ``rf`` (height, width) is the span of input pixels that one position reads through
    local windows, ``jump`` the input distance between two neighbouring positions; a layer
    with window (k, s) maps them to ``rf + (k - 1) * jump`` and ``jump * s``.

    **Global context.** Some values depend on the whole input however small their local
    window: a global pooling's output, everything computed from it (a squeeze-and-
    excitation gate), and a map multiplied by such a gate. The rule: global context does
    not move the local ``rf`` or ``jump`` of the path it joins (a C x 1 x 1 gate is one
    number per channel, broadcast to every position; it has no position, so no window and
    no step); it sets ``is_global``, which follows every value computed from it. So an
    SE-ResNet-50 block sees exactly what the ResNet-50 block does (RF 427, jump 32 at the
    last conv at 224 x 224), and says "global" beside it. The pooling that produces the
    context keeps the window arithmetic (its window is the whole map, so its own RF
    covers the input, like ``flatten``'s before a classifier).

    **Limit: where a window sits.** A Field says how wide one position's window is and
    how far apart neighbouring windows are, not where a window sits; a merge takes the
    widest of its inputs' (``Merge.field``). That is the union's width exactly when, at
    every output position, one input's window contains the others': the inputs' jumps
    are equal and their windows are nested (odd kernels padded by (k - 1) / 2 are centred
    on the same pixel; unpadded windows all start at the same pixel), as in every bundled
    spec (``verify`` measures them). Outside that the merge's field is wider:

    1. equal jumps, windows offset so that neither contains the other: wider by a fixed
       offset. Tracking each window's start (each kind's padding) would model it; the
       kinds do not report their padding, so it is not modelled;
    2. unequal jumps that reach one output size by rounding (a zeropad shortcut of
       stride 3 beside two stride-2 convs, 5 -> 2 both ways): the windows drift apart by
       the difference of the jumps at each position, so the union's width grows with the
       position and no single (rf, jump) describes the layer; a number cannot model it
       (a per-position range, or marking the axis irregular from that merge on, as
       ``verify`` does after an adaptive pool of unequal windows, could).

    The parity fuzz (tests/strategies.py) generates case 2, so it compares shapes,
    parameters and MACs but not fields."""

    rf: tuple[int, int] = (1, 1)
    jump: tuple[int, int] = (1, 1)
    is_global: bool = False  # the value depends on the whole input (global context)

    def through(self, window: tuple[tuple[int, int], tuple[int, int]],
                is_global: bool = False) -> "Field":
        """The field after a layer with ``window`` = (kernel, stride)."""
        (kh, kw), (sh, sw) = window
        rf = (self.rf[0] + (kh - 1) * self.jump[0], self.rf[1] + (kw - 1) * self.jump[1])
        return Field(rf, (self.jump[0] * sh, self.jump[1] * sw), self.is_global or is_global)


DTYPE_BYTES = {"fp32": 4, "fp16": 2, "bf16": 2, "int64": 8, "bool": 1}
FLOATS = ("fp32", "fp16", "bf16")


class Precision(NamedTuple):
    """How a training or inference step stores tensors (``cnnstat memory``).

    ``dtype`` is the compute type. Without ``amp`` everything (weights, gradients,
    optimizer state, activations) is stored in it, as after ``model.to(dtype)``. With
    ``amp`` the rules of ``torch.autocast(dtype=...)`` apply: parameters, gradients and
    optimizer state stay fp32 (the fp32 master weights), conv and linear layers run in
    ``dtype`` on ``dtype`` copies of their inputs and weights, and other layers keep the
    type of their input. ``device`` is ``cpu`` or ``cuda``; a few saved-tensor rules
    (dropout's mask) differ between the two.
    """

    dtype: str = "fp32"
    amp: bool = False
    device: str = "cuda"

    @property
    def weights(self) -> str:
        """The type of parameters, gradients and optimizer state."""
        return "fp32" if self.amp else self.dtype


class Buf(NamedTuple):
    """A tensor a layer keeps for backward (or allocates for a moment).

    ``ref`` says which tensor it is: ``input`` (the layer's input, which another layer may
    keep too: counted once; a merge's inputs are ``input0``, ``input1``, ...), ``output``
    (the layer's own output) or ``new`` (a tensor of its own, e.g. max pooling's
    indices). A kept input or output counts its whole storage (a slice's keeps the
    tensor it slices). ``elements`` are per sample when ``batched``,
    else for the whole batch (batch norm's per-channel statistics)."""

    what: str
    ref: str
    elements: int
    dtype: str
    batched: bool = True

    def nbytes(self, batch: int) -> int:
        return self.elements * (batch if self.batched else 1) * DTYPE_BYTES[self.dtype]


def widest(dtypes) -> str:
    """The type torch promotes a mix of floating types to (fp32 beats fp16/bf16)."""
    dtypes = set(dtypes)
    return dtypes.pop() if len(dtypes) == 1 else "fp32"


KINDS: dict[str, type["Kind"]] = {}
# where a person finds every kind with its arguments (errors about kinds name it)
KINDS_POINTER = "`cnnstat kinds` lists every kind with its arguments; docs/spec.md#layer-kinds"


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
    # may write its output over its input (when nothing else reads the input)
    in_place: ClassVar[bool] = False
    # run in place, autograd keeps a copy of the input made before it is overwritten
    copies_input_in_place: ClassVar[bool] = False

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
                                f" (its arguments: {known}; `cnnstat kinds {cls.name}` "
                                "describes them)", path=None)
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

    def field(self, inp: Field, shape: Shape, eff: Effect) -> Field:
        """The receptive field of an output position, given the input's (``Field``): by
        default the window of ``eff`` applied to it. A kind whose output depends on its
        whole input says so by overriding this (global pooling)."""
        return inp.through(eff.window)

    def references(self) -> list[str]:
        """Names of other layers whose output shapes this layer reads (``upsample``'s and
        ``crop``'s ``like``); the walker binds them with ``bind`` before ``effect``."""
        return []

    def bind(self, shapes: dict[str, Shape]) -> "Kind":
        """This layer with its references (``references``) replaced by the shapes of the
        tensors they name: by default the layer itself."""
        return self

    def apply(self, shape: Shape) -> Effect:
        """``effect`` plus the checks every kind shares: positive, bounded sizes."""
        eff = self.effect(shape)
        if any(d <= 0 for d in eff.output):
            raise SpecError(f"{self.name} turns {fmt_shape(shape)} into "
                            f"{fmt_shape(eff.output)}: sizes must stay positive")
        if any(d > MAX_DIM for d in eff.output) or numel(eff.output) > MAX_ELEMENTS:
            raise SpecError(f"{self.name} output {fmt_shape(eff.output)} is implausibly large")
        return eff

    # ---------------------------------------------------------------- memory rules
    # ``cnnstat memory`` asks each kind what it keeps for backward (``saved``), which type
    # its output has (``out_dtype``) and whether its output is a view of its input
    # (``is_view``). Every registered kind defines ``saved`` itself, with the torch source
    # its rule comes from in its docstring; ``tests/test_memory.py`` checks that.

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """The tensors autograd keeps for this layer's backward, given its input ``shape``
        (per sample) and input type ``dtype``. Parameters and buffers are not listed (they
        are counted as weights)."""
        raise NotImplementedError(f"layer kind {self.name!r} declares no saved-tensor rule")

    def out_dtype(self, dtype: str, prec: Precision) -> str:
        """The type of the output, given the input's: by default the same."""
        return dtype

    def is_view(self, training: bool) -> bool:
        """Is the output the input's storage (a view), so that it allocates nothing?"""
        return not self.allocates and not self.in_place

    def transient(self, shape: Shape, eff: Effect, dtype: str) -> int:
        """Bytes per sample the layer holds at once while it computes (inference), its
        output (of type ``dtype``) included, beyond what was alive before: by default just
        the output."""
        return numel(eff.output) * DTYPE_BYTES[dtype]

    def param_tensors(self, eff: Effect) -> int:
        """How many trainable parameter tensors the layer has (Adam keeps a step counter
        for each): by default none."""
        return 0

    def buffer_bytes(self, eff: Effect, dtype: str) -> int:
        """Bytes of the layer's buffers when floating state is stored as ``dtype``."""
        return eff.buffers * DTYPE_BYTES[dtype]

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
    if isinstance(v, tuple) and len(v) == 4:  # padding top, bottom, left, right
        return ",".join(map(str, v))
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
