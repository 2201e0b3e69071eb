"""Merges of parallel branches, and the one place that decides a residual shortcut."""

from __future__ import annotations

from typing import ClassVar

from cnnstat.errors import SpecError
from cnnstat.layers.base import Kind
from cnnstat.layers.effect import Effect, Field, Shape, fmt_shape, numel
from cnnstat.layers.storage import DTYPE_BYTES, Buf, Precision, widest
from cnnstat.layers.conv import Conv
from cnnstat.layers.norm import BatchNorm
from cnnstat.layers.tensor import ZeroPad

class Merge:
    """Joins the outputs of parallel branches. Not used directly in a spec's layer list:
    ``parallel`` and ``residual`` produce merge rows."""

    name: ClassVar[str]
    allocates = True

    def combine(self, shapes: list[Shape]) -> Effect:  # pragma: no cover - abstract
        raise NotImplementedError

    def field(self, inputs: list[Field], shapes: list[Shape]) -> Field:
        """The receptive field of an output position: the widest of the inputs' fields
        and jumps (each position reads the same position of every input); global when any
        input is."""
        return Field((max(f.rf[0] for f in inputs), max(f.rf[1] for f in inputs)),
                     (max(f.jump[0] for f in inputs), max(f.jump[1] for f in inputs)),
                     any(f.is_global for f in inputs))

    # memory rules, as on ``Kind`` (cnnstat memory)
    def saved(self, shapes: list[Shape], eff: Effect, prec: Precision,
              dtypes: list[str]) -> list[Buf]:
        """The tensors autograd keeps for this merge's backward."""
        raise NotImplementedError(f"merge {self.name!r} declares no saved-tensor rule")

    def out_dtype(self, dtypes: list[str], prec: Precision) -> str:
        """torch promotes mixed floating inputs to the widest type."""
        return widest(dtypes)

    def transient(self, shapes: list[Shape], eff: Effect, dtype: str) -> int:
        """Bytes per sample held at once while merging, the output (of type ``dtype``)
        included."""
        return numel(eff.output) * DTYPE_BYTES[dtype]


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

    def saved(self, shapes: list[Shape], eff: Effect, prec: Precision,
              dtypes: list[str]) -> list[Buf]:
        """Keeps nothing: the backward slices the gradient by the inputs' sizes. torch:
        derivatives.yaml, ``cat`` (``cat_tensors_backward(grad, sizes, ...)``)."""
        return []


class Add(Merge):
    """Elementwise addition (residual connections). ops = one add per element per extra
    input."""

    name = "add"

    def combine(self, shapes: list[Shape]) -> Effect:
        if len(set(shapes)) != 1:
            raise SpecError("add needs inputs of the same shape, got "
                            + ", ".join(fmt_shape(s) for s in shapes))
        return Effect(output=shapes[0], ops=numel(shapes[0]) * (len(shapes) - 1))

    def saved(self, shapes: list[Shape], eff: Effect, prec: Precision,
              dtypes: list[str]) -> list[Buf]:
        """Keeps nothing: the gradient passes unchanged to every input. torch:
        derivatives.yaml, ``add.Tensor`` (``handle_r_to_c(self, grad)``)."""
        return []

    def transient(self, shapes: list[Shape], eff: Effect, dtype: str) -> int:
        """cnnstat's module sums left to right: from three inputs on, a partial sum and
        the next one are held at once."""
        return numel(eff.output) * DTYPE_BYTES[dtype] * (2 if len(shapes) > 2 else 1)


class Mean(Merge):
    """Elementwise mean (FractalNet's join). ops = one add per element per extra input,
    plus one divide per element."""

    name = "mean"

    def combine(self, shapes: list[Shape]) -> Effect:
        if len(set(shapes)) != 1:
            raise SpecError("mean needs inputs of the same shape, got "
                            + ", ".join(fmt_shape(s) for s in shapes))
        return Effect(output=shapes[0], ops=numel(shapes[0]) * len(shapes))

    def saved(self, shapes: list[Shape], eff: Effect, prec: Precision,
              dtypes: list[str]) -> list[Buf]:
        """Keeps nothing: sums (``add``) and a division by a Python number, whose backward
        needs only that number. torch: derivatives.yaml, ``add.Tensor`` and
        ``div.Scalar``."""
        return []

    def transient(self, shapes: list[Shape], eff: Effect, dtype: str) -> int:
        """The sum and the divided sum are held at once."""
        return 2 * numel(eff.output) * DTYPE_BYTES[dtype]


class Mul(Merge):
    """Elementwise product with a per-channel gate (squeeze-and-excitation: the map times
    a C x 1 x 1 gate computed from it). Inputs are maps of one shape or C x 1 x 1 gates
    with the same C, broadcast over height and width. ops = one multiply per output
    element per extra input."""

    name = "mul"

    def combine(self, shapes: list[Shape]) -> Effect:
        full = [s for s in shapes if len(s) != 3 or s[1:] != (1, 1)]
        out = full[0] if full else shapes[0]
        if any(len(s) != 3 for s in shapes) or len(set(full)) > 1 \
                or any(s[0] != out[0] for s in shapes):
            raise SpecError("mul needs maps of one shape, or C x 1 x 1 gates with the same "
                            "channels C, got " + ", ".join(fmt_shape(s) for s in shapes))
        return Effect(output=out, ops=numel(out) * (len(shapes) - 1))

    def field(self, inputs: list[Field], shapes: list[Shape]) -> Field:
        """A gate (a C x 1 x 1 factor broadcast over a larger map) is global context: it
        does not move the map's receptive field or jump, and makes the product global
        when it is (``Field``). Maps of one shape combine as in every merge."""
        maps = [f for f, s in zip(inputs, shapes) if s[1:] != (1, 1)] or inputs
        out = super().field(maps, shapes)
        return out._replace(is_global=any(f.is_global for f in inputs))

    def saved(self, shapes: list[Shape], eff: Effect, prec: Precision,
              dtypes: list[str]) -> list[Buf]:
        """Keeps both factors of each product (each one's gradient is the other times the
        incoming gradient); cnnstat's module multiplies left to right, so from the third
        input on it keeps the partial product too. torch: derivatives.yaml,
        ``mul.Tensor`` (``self`` and ``other``)."""
        out = [Buf("input", "input0", numel(shapes[0]), dtypes[0]),
               Buf("input", "input1", numel(shapes[1]), dtypes[1])]
        for i in range(2, len(shapes)):
            out += [Buf("partial product", "new", numel(eff.output), widest(dtypes[:i])),
                    Buf("input", f"input{i}", numel(shapes[i]), dtypes[i])]
        return out

    def transient(self, shapes: list[Shape], eff: Effect, dtype: str) -> int:
        """From three inputs on, a partial product and the next one are held at once."""
        return numel(eff.output) * DTYPE_BYTES[dtype] * (2 if len(shapes) > 2 else 1)


MERGES: dict[str, Merge] = {m.name: m for m in (Concat(), Add(), Mean(), Mul())}
SHORTCUTS = ("auto", "identity", "zeropad", "if_same")


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
    ``identity`` has no layers; ``if_same`` is identity when the shapes match and no
    residual at all otherwise (MobileNetV2's use_res_connect), decided by
    ``keeps_residual``."""
    if how == "auto":
        return projection_shortcut(in_shape, out_shape)
    if how == "zeropad":
        if in_shape == out_shape:
            return []
        stride = _shortcut_stride(in_shape, out_shape, "zero-padding shortcut")
        return [("shortcut", ZeroPad.make({"out": out_shape[0], "stride": stride}))]
    return []


def keeps_residual(how: str, in_shape: Shape, out_shape: Shape) -> bool:
    """Whether a residual with shortcut ``how`` adds its input at all: ``if_same`` only
    when the body keeps the shape (MobileNet's and EfficientNet's blocks)."""
    return how != "if_same" or in_shape == out_shape


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
