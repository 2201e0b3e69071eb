"""The base of the layer algebra: the registry of kinds (``KINDS``, ``register``) and
the ``Kind`` base class with the rules every kind shares (arguments checked, output
bounded, memory defaults). Arguments are in ``args``, a layer's effect and field in
``effect``, storage types in ``storage``, window arithmetic in ``window``."""

from __future__ import annotations

from typing import Any, ClassVar

from cnnstat.errors import SpecError
from cnnstat.layers.args import Arg, _default, _fmt_val
from cnnstat.layers.effect import Effect, Field, Shape, fmt_shape, numel
from cnnstat.layers.storage import DTYPE_BYTES, Buf, Precision


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


def did_you_mean(word: str, options) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
