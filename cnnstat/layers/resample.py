"""Layers that change the spatial size the other way, or without a window: upsampling
(nearest, bilinear), transposed convolution, pixel shuffle and unshuffle, centre crop,
padding outside a convolution.

Upsampling layers have a fractional stride: one step of their output moves 1/s steps on
their input, so the receptive field's *jump* (input pixels between neighbouring output
positions) divides by s. ``Effect.window`` carries that stride as a ``Fraction``.

``upsample`` and ``crop`` may take their output size from another layer (``like:
NAME``, or ``like: input`` for the network's input); the walker binds that name to the
named tensor's shape (``Kind.bind``) before asking for the effect.
"""

from __future__ import annotations

from fractions import Fraction

from cnnstat.errors import SpecError
from cnnstat.layers.args import Arg
from cnnstat.layers.base import Kind, register
from cnnstat.layers.effect import Effect, Shape, _spatial
from cnnstat.layers.storage import Buf, Precision
from cnnstat.layers.conv import Weighted, weighted_saved


class _Sized(Kind):
    """A kind whose output size is ``size`` or another layer's (``like``), bound before use."""

    def references(self) -> list[str]:
        return [self.like] if self.like else []

    def bind(self, shapes: dict[str, Shape]) -> "Kind":
        if not self.like:
            return self
        ref = shapes[self.like]
        if len(ref) != 3:
            raise SpecError(f"{self.name} takes its size from '{self.like}', whose output "
                            f"{'x'.join(map(str, ref))} is not a feature map (C, H, W)")
        return type(self)({**self.values, "like": None, "size": tuple(ref[1:])})

    def _target(self, h: int, w: int) -> tuple[int, int]:
        given = [k for k in ("scale", "size", "like") if self.values.get(k)]
        if len(given) != 1:
            raise SpecError(f"{self.name} takes exactly one of "
                            f"{', '.join(k for k in ('scale', 'size', 'like') if k in self.args)}"
                            f"; got {', '.join(given) or 'none'}")
        if self.like:  # pragma: no cover - the walker binds it first
            raise SpecError(f"{self.name}'s 'like: {self.like}' was not bound to a shape")
        if self.size:
            return self.size
        return h * self.scale[0], w * self.scale[1]


@register
class Upsample(_Sized):
    """Upsampling by interpolation (nn.Upsample, F.interpolate): to ``size``, to the size of
    the layer named by ``like``, or by an integer ``scale``. No parameters, no MACs.
    ops: nearest 0 (a copy); bilinear 7 per output element (a weighted sum of 4
    neighbours: 4 multiplies, 3 adds). Window: nearest reads 1 input position per output,
    bilinear 2 per axis; the stride is 1/scale (output size / input size when by size)."""

    name = "upsample"
    prefix = "up"
    doc = "upsampling, nearest or bilinear (nn.Upsample / F.interpolate)"
    args = {
        "scale": Arg("pair", None, "integer scale factor, s or [sh, sw]"),
        "size": Arg("pair", None, "output size, n or [h, w]"),
        "like": Arg("layer", None, "take the output size from this layer's output "
                                   "(or 'input', the network's)"),
        "mode": Arg("choice", "nearest", "interpolation", choices=("nearest", "bilinear")),
        "align_corners": Arg("bool", False, "bilinear only: corner pixels aligned (torch's "
                                            "align_corners)"),
    }

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        if self.align_corners and self.mode != "bilinear":
            raise SpecError("align_corners goes with mode bilinear (as in PyTorch)")
        oh, ow = self._target(h, w)
        out = c * oh * ow
        k = 2 if self.mode == "bilinear" else 1
        return Effect(output=(c, oh, ow), ops=7 * out if self.mode == "bilinear" else 0,
                      window=((min(k, h), min(k, w)), (Fraction(h, oh), Fraction(w, ow))))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: the backward needs only sizes (and align_corners). torch:
        derivatives.yaml, ``upsample_nearest2d.vec`` and ``upsample_bilinear2d.vec``
        (``upsample_*_backward(grad, output_size, input.sym_sizes(), ...)``)."""
        return []


@register
class Crop(_Sized):
    """Centre crop (the U-Net paper's crop of a skip connection before concatenation):
    keep the middle ``size`` (or the size of the layer named by ``like``), offset
    floor((n - size) / 2). A view: no parameters, no ops, no new tensor."""

    name = "crop"
    prefix = "crop"
    doc = "centre crop to a size or to another layer's size (a view)"
    allocates = False
    args = {
        "size": Arg("pair", None, "output size, n or [h, w]"),
        "like": Arg("layer", None, "take the output size from this layer's output"),
    }

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        oh, ow = self._target(h, w)
        if oh > h or ow > w:
            raise SpecError(f"crop to {oh}x{ow} is larger than its input {h}x{w}")
        return Effect(output=(c, oh, ow))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: a slice (a view), whose backward needs only sizes. torch:
        derivatives.yaml, ``slice.Tensor``."""
        return []


@register
class Pad(Kind):
    """Padding of a map's height and width outside a convolution (``F.pad``,
    ``nn.ZeroPad2d``; HGNetV2's stem pads once for a conv and a max pool): ``padding``
    rows and columns, one integer, [height, width] or [top, bottom, left, right], filled
    with zeros or by reflecting, replicating or wrapping the map (``mode``). A new
    tensor: no parameters, ops = 0 (a copy; torch's FlopCounterMode counts none). Window
    1 x 1: an output position reads at most one input position."""

    name = "pad"
    prefix = "pad"
    doc = "pad height and width with zeros, or by reflecting, replicating or wrapping"
    args = {
        "padding": Arg("padding", doc="n, [height, width] or [top, bottom, left, right]",
                       min=0),
        "mode": Arg("choice", "zeros", "what the border holds",
                    choices=("zeros", "reflect", "replicate", "circular")),
    }

    def sides(self) -> tuple[int, int, int, int]:
        """(top, bottom, left, right)."""
        p = self.padding
        if isinstance(p, str):
            raise SpecError(f"pad takes a number of rows and columns, not {p!r}")
        return tuple(p) if len(p) == 4 else (p[0], p[0], p[1], p[1])  # type: ignore

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        top, bottom, left, right = self.sides()
        if self.mode in ("reflect", "circular") and (max(top, bottom) >= h + (
                self.mode == "circular") or max(left, right) >= w + (self.mode == "circular")):
            raise SpecError(f"{self.mode} padding of {top},{bottom},{left},{right} needs a "
                            f"map larger than that, not {h}x{w}")
        return Effect(output=(c, h + top + bottom, w + left + right))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: the backward of a pad crops (or, for reflect, replicate and
        circular, folds back) the gradient, which needs only sizes. torch:
        derivatives.yaml, ``constant_pad_nd``, ``reflection_pad2d``,
        ``replication_pad2d``; circular padding is made of slices and a cat."""
        return []


def transposed_out(n: int, k: int, s: int, p: int, op: int, d: int) -> int:
    """Transposed convolution's output size: (n - 1)s - 2p + d(k - 1) + output_padding + 1."""
    return (n - 1) * s - 2 * p + d * (k - 1) + op + 1


@register
class ConvTranspose(Weighted):
    """Transposed convolution (nn.ConvTranspose2d, "deconvolution"): out = (n - 1)s - 2p +
    d(k - 1) + output_padding + 1. params = in x (out/groups) x kh x kw (+ out bias);
    MACs = *input* elements x (out/groups) x kh x kw (each input value is scattered over
    a k x k patch of every output map of its group, padding crops included, as torch
    computes it); ops = one bias add per output element. Window: an output position
    receives from floor(d(k-1)/s) + 1 input positions per axis; stride 1/s."""

    name = "conv_transpose"
    prefix = "deconv"
    doc = "transposed convolution (nn.ConvTranspose2d)"
    counts_depth = True
    args = {
        "out": Arg("int", doc="output channels"),
        "kernel": Arg("pair", doc="kernel size, k or [kh, kw]"),
        "stride": Arg("pair", 1, "stride (the upsampling factor)"),
        "padding": Arg("pair", 0, "padding removed from each side of the full output", min=0),
        "output_padding": Arg("pair", 0, "extra rows/columns added on one side", min=0),
        "dilation": Arg("pair", 1, "dilation"),
        "groups": Arg("groups", 1, "groups (depthwise: in)"),
        "bias": Arg("bool", True, "add a learned bias per output channel"),
    }

    def group_count(self, channels: int) -> int:
        return channels if self.groups == "in" else self.groups

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        groups = self.group_count(c)
        if c % groups or self.out % groups:
            raise SpecError(f"conv_transpose groups={groups} must divide both input channels "
                            f"({c}) and output channels ({self.out})")
        for op, s, d in zip(self.output_padding, self.stride, self.dilation):
            if op >= s and op >= d:
                raise SpecError(f"output_padding {op} must be smaller than the stride {s} or "
                                f"the dilation {d} (a PyTorch rule)")
        (kh, kw), (sh, sw), (ph, pw) = self.kernel, self.stride, self.padding
        (oph, opw), (dh, dw) = self.output_padding, self.dilation
        oh = transposed_out(h, kh, sh, ph, oph, dh)
        ow = transposed_out(w, kw, sw, pw, opw, dw)
        per_in = (self.out // groups) * kh * kw
        out_el = self.out * oh * ow
        return Effect(
            output=(self.out, oh, ow),
            params=c * per_in + (self.out if self.bias else 0),
            macs=c * h * w * per_in,
            ops=out_el if self.bias else 0,
            window=((dh * (kh - 1) // sh + 1, dw * (kw - 1) // sw + 1),
                    (Fraction(1, sh), Fraction(1, sw))),
        )

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input; under autocast, low-type copies of input and weight. torch:
        derivatives.yaml, ``convolution`` (transposed is an argument of the same op; its
        backward reads ``input`` and ``weight``); autocast_mode.cpp (``cached_cast``)."""
        return weighted_saved(shape, eff.params - (self.out if self.bias else 0), prec, dtype)



@register
class PixelShuffle(Kind):
    """Pixel shuffle (nn.PixelShuffle, ESPCN's sub-pixel convolution): C x H x W ->
    C/r^2 x rH x rW, a copy. No parameters, ops = 0. Window: 1 input position per
    output, stride 1/r."""

    name = "pixel_shuffle"
    prefix = "shuffle_up"
    doc = "pixel shuffle, C x H x W -> C/r^2 x rH x rW (nn.PixelShuffle)"
    args = {"factor": Arg("int", doc="upscale factor r")}

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        r = self.factor
        if c % (r * r):
            raise SpecError(f"pixel_shuffle by {r} needs channels divisible by {r * r}, not {c}")
        return Effect(output=(c // (r * r), h * r, w * r),
                      window=((1, 1), (Fraction(1, r), Fraction(1, r))))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: its backward is a pixel unshuffle of the gradient. torch:
        derivatives.yaml, ``pixel_shuffle`` (``pixel_unshuffle(grad, upscale_factor)``)."""
        return []


@register
class PixelUnshuffle(Kind):
    """Pixel unshuffle (nn.PixelUnshuffle, space-to-depth): C x H x W -> Cr^2 x H/r x
    W/r, a copy. ``order`` says how the output's channels are laid out: ``channels``
    (torch's: channel c's r x r block is channels c r^2 to (c + 1) r^2 - 1) or
    ``blocks`` (TensorFlow's space_to_depth and TResNet's: block offset (i, j) first,
    channel i r C + j C + c). No parameters, ops = 0. Window: an output position covers
    r x r input positions, stride r."""

    name = "pixel_unshuffle"
    prefix = "shuffle_down"
    doc = "pixel unshuffle, C x H x W -> Cr^2 x H/r x W/r (nn.PixelUnshuffle)"
    args = {"factor": Arg("int", doc="downscale factor r"),
            "order": Arg("choice", "channels", "output channels by input channel "
                         "(torch) or by block offset (TensorFlow's space_to_depth)",
                         choices=("channels", "blocks"))}

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, self.name)
        r = self.factor
        if h % r or w % r:
            raise SpecError(f"pixel_unshuffle by {r} needs height and width divisible by "
                            f"{r}, not {h}x{w}")
        return Effect(output=(c * r * r, h // r, w // r), window=((r, r), (r, r)))

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps nothing: its backward is a pixel shuffle of the gradient. torch:
        derivatives.yaml, ``pixel_unshuffle`` (``pixel_shuffle(grad, downscale_factor)``)."""
        return []

