"""Layers with weights over their whole input window: convolution, fully connected,
LeNet-5's connection-table convolution, RBF output, and ECA's convolution across
channels."""

from __future__ import annotations

from cnnstat.errors import SpecError
from cnnstat.layers.args import Arg
from cnnstat.layers.base import Kind, register
from cnnstat.layers.effect import Effect, Shape, _spatial, fmt_shape, numel
from cnnstat.layers.storage import DTYPE_BYTES, Buf, Precision
from cnnstat.layers.window import window_out


def weighted_saved(shape: Shape, weights: int, prec: Precision, dtype: str,
                   padded: Shape | None = None) -> list[Buf]:
    """What conv and linear keep for backward: their input (for the weight gradient), or
    with ``padded`` the zero-padded copy of it that the conv actually reads. Under autocast
    they run on copies in the low type: the input's copy (when the input is not already in
    that type) and the weight's copy, both kept for backward (the weight's is made once
    per forward, autocast's cast cache). Weight and bias themselves are parameters,
    counted as weights."""
    low = prec.dtype if prec.amp else dtype
    if padded is not None:
        first = Buf("padded input", "new", numel(padded), low)
    elif dtype == low:
        first = Buf("input", "input", numel(shape), dtype)
    else:
        first = Buf(f"input as {low}", "new", numel(shape), low)
    if not prec.amp:
        return [first]
    return [first, Buf(f"weight as {low}", "new", weights, low, batched=False)]

class Weighted(Kind):
    """A layer with a weight and an optional bias that autocast runs in the low type
    (conv, linear, transposed conv)."""

    def out_dtype(self, dtype: str, prec: Precision) -> str:
        return prec.dtype if prec.amp else dtype

    def param_tensors(self, eff: Effect) -> int:
        return 2 if self.bias else 1


@register
class Conv(Weighted):
    """2-D convolution. params = out x (in/groups) x kh x kw (+ out bias), the weight a
    buffer instead when ``fixed`` (an anti-aliasing blur filter, Zhang, ICML 2019);
    MACs = output elements x (in/groups) x kh x kw; ops = one bias add per output element.
    ``groups: in`` is a depthwise convolution (one group per input channel). Padding
    [top, bottom, left, right] pads each side on its own: out = floor((n + p_before +
    p_after - d(k-1) - 1)/s) + 1."""

    name = "conv"
    prefix = "conv"
    doc = "2-D convolution (nn.Conv2d)"
    counts_depth = True
    args = {
        "out": Arg("int", doc="output channels"),
        "kernel": Arg("pair", doc="kernel size, k or [kh, kw]"),
        "stride": Arg("pair", 1, "stride"),
        "padding": Arg("padding", 0, 'zero padding per side, [h, w], [top, bottom, left, '
                                     'right], or "same"/"valid"', min=0),
        "dilation": Arg("pair", 1, "dilation"),
        "groups": Arg("groups", 1, "groups (AlexNet's two GPUs: 2; depthwise: in)"),
        "bias": Arg("bool", True, "add a learned bias per output channel"),
        "fixed": Arg("bool", False, "the weight is a fixed filter, a buffer that is not "
                                    "trained (an anti-aliasing blur)"),
    }

    def group_count(self, channels: int) -> int:
        """The number of groups for ``channels`` input channels (``in``: one each)."""
        return channels if self.groups == "in" else self.groups

    def padding_pair(self) -> tuple[int, int]:
        """Symmetric padding (height, width); asymmetric padding has ``sides`` instead."""
        if self.padding == "valid":
            return (0, 0)
        if self.padding == "same":
            # total padding d(k-1); PyTorch splits it left=total//2, right=rest
            return tuple(d * (k - 1) // 2 for k, d in zip(self.kernel, self.dilation))  # type: ignore
        if len(self.padding) == 4:
            raise ValueError("asymmetric padding has no (height, width) pair; use sides()")
        return self.padding

    def asymmetric(self) -> bool:
        return isinstance(self.padding, tuple) and len(self.padding) == 4

    def sides(self) -> tuple[int, int, int, int]:
        """Padding as (top, bottom, left, right), for any explicit padding."""
        if self.asymmetric():
            return self.padding
        ph, pw = self.padding_pair()
        return (ph, ph, pw, pw)

    def effect(self, shape: Shape) -> Effect:
        c, h, w = _spatial(shape, "conv")
        groups = self.group_count(c)
        if c % groups or self.out % groups:
            raise SpecError(f"conv groups={groups} must divide both input channels "
                            f"({c}) and output channels ({self.out})")
        (kh, kw), (sh, sw), (dh, dw) = self.kernel, self.stride, self.dilation
        if self.padding == "same":
            if (sh, sw) != (1, 1):
                raise SpecError('padding "same" needs stride 1 (as in PyTorch)')
            oh, ow = h, w
        else:
            top, bottom, left, right = self.sides()
            oh, ow = _out(h, kh, sh, top, bottom, dh), _out(w, kw, sw, left, right, dw)
        per_out = (c // groups) * kh * kw
        out_el = self.out * oh * ow
        weights = self.out * per_out
        return Effect(
            output=(self.out, oh, ow),
            params=(0 if self.fixed else weights) + (self.out if self.bias else 0),
            buffers=weights if self.fixed else 0,
            macs=out_el * per_out,
            ops=out_el if self.bias else 0,
            window=((dh * (kh - 1) + 1, dw * (kw - 1) + 1), (sh, sw)),
        )

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input; under autocast, low-type copies of input and weight. With
        asymmetric padding cnnstat's module pads the input first (``F.pad`` in a forward
        pre-hook) and the conv keeps that padded copy instead. torch:
        tools/autograd/derivatives.yaml, ``convolution`` (backward reads ``input`` and
        ``weight``) and ``constant_pad_nd`` (keeps nothing); aten/src/ATen/autocast_mode.cpp
        (``cached_cast``)."""
        return weighted_saved(shape, eff.params + eff.buffers - (self.out if self.bias else 0),
                              prec, dtype, self._padded(shape))

    def param_tensors(self, eff: Effect) -> int:
        """Weight and bias, less a fixed weight (a buffer)."""
        return (not self.fixed) + bool(self.bias)

    def _padded(self, shape: Shape) -> Shape | None:
        """The padded input's shape when the padding is asymmetric (a separate pad)."""
        if not self.asymmetric():
            return None
        c, h, w = shape
        top, bottom, left, right = self.padding
        return (c, h + top + bottom, w + left + right)

    def transient(self, shape: Shape, eff: Effect, dtype: str) -> int:
        """The output, and with asymmetric padding the padded input too."""
        padded = self._padded(shape)
        return (numel(eff.output) + (numel(padded) if padded else 0)) * DTYPE_BYTES[dtype]



def same_sides(n: int, k: int, s: int, d: int = 1) -> tuple[int, int]:
    """The padding (before, after) that TensorFlow's and Keras's ``padding='same'`` adds to
    a side of ``n`` at any stride: the least total that makes ``ceil(n / s)`` windows fit,
    the odd one after (tf.nn.conv2d, "SAME" padding). PyTorch's "same" is this at stride 1."""
    total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
    return total // 2, total - total // 2


def _out(n: int, k: int, s: int, before: int, after: int, d: int) -> int:
    """window_out with padding ``before`` and ``after``: only their sum matters."""
    if before == after:
        return window_out(n, k, s, before, d)
    return window_out(n + before + after, k, s, 0, d)


@register
class Linear(Weighted):
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

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input; under autocast, low-type copies of input and weight.
        torch: derivatives.yaml, ``addmm`` / ``mm`` (``mat1`` for the weight gradient;
        ``mat2`` is the weight, a parameter); autocast_mode.cpp (``cached_cast``)."""
        return weighted_saved(shape, eff.params - (self.out if self.bias else 0), prec, dtype)



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

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """cnnstat's torch module gathers each output map's input maps (``x[:, row]``, a
        new tensor that its conv keeps) and an int64 index list per map (``index`` keeps
        its indices); the weights are views of one parameter. Under autocast every gather
        and every weight slice is cast, and the casts are kept. torch: derivatives.yaml,
        ``index.Tensor`` (``indices``) and ``convolution`` (``input``)."""
        _, h, w = shape
        maps = sum(len(row) for row in self.table)
        low = prec.dtype if prec.amp else dtype
        out = [Buf("gathered inputs", "new", maps * h * w, low),
               Buf("index lists", "new", maps, "int64", batched=False)]
        if prec.amp:
            out.append(Buf(f"weight as {low}", "new", eff.params - (len(self.table) if self.bias
                                                                    else 0), low, batched=False))
        return out

    def out_dtype(self, dtype: str, prec: Precision) -> str:
        """Under autocast the convs give the low type, but the bias is added after the
        concatenation, in fp32, which promotes the output to fp32."""
        if prec.amp:
            return "fp32" if self.bias else prec.dtype
        return dtype

    def param_tensors(self, eff: Effect) -> int:
        return 2 if self.bias else 1


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

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input: cnnstat's module computes ``|x|^2 - 2 x.w + |w|^2``; the
        matrix product and ``x * x`` keep ``x``, and the frozen centres need no gradient.
        torch: derivatives.yaml, ``mm`` (``self`` when ``mat2`` needs no grad: not kept)
        and ``mul`` (``other``/``self``). Under autocast the product runs on a low-type
        copy of the centres, which ``mm`` keeps (for the input's gradient)."""
        out = [Buf("input", "input", numel(shape), dtype)]
        if prec.amp:
            out.append(Buf(f"centres as {prec.dtype}", "new", eff.params, prec.dtype,
                           batched=False))
        return out

    def out_dtype(self, dtype: str, prec: Precision) -> str:
        """``|w|^2`` of the fp32 centres makes the output fp32 under autocast."""
        return "fp32" if prec.amp else dtype


@register
class ChannelConv(Weighted):
    """A 1-D convolution across the channels (ECA-Net's channel attention, Wang et al.,
    CVPR 2020: a k-wide kernel over the C values of a pooled map, ``nn.Conv1d(1, 1, k,
    padding=(k - 1) // 2, bias=False)`` on the map viewed as (N, 1, C)). One kernel
    shared by every channel and position, zero padding (k - 1) / 2 at both ends, so the
    output has the input's shape. params = k; MACs = k per output element (padded taps
    included, as torch counts a convolution); ops = 0. It mixes channels, not positions:
    window 1 x 1."""

    name = "channel_conv"
    prefix = "channel_conv"
    doc = "1-D convolution of width k across the channels, no bias (ECA-Net)"
    counts_depth = True
    bias = False
    args = {"kernel": Arg("int", doc="kernel width k, odd (the channels keep their number)")}

    def effect(self, shape: Shape) -> Effect:
        if self.kernel % 2 == 0:
            raise SpecError(f"channel_conv's kernel must be odd (padding (k - 1) / 2 at both "
                            f"ends keeps the channels), not {self.kernel}")
        return Effect(output=shape, params=self.kernel, macs=numel(shape) * self.kernel)

    def saved(self, shape: Shape, eff: Effect, prec: Precision, dtype: str) -> list[Buf]:
        """Keeps its input (for the weight gradient); under autocast, low-type copies of
        input and weight. torch: derivatives.yaml, ``convolution`` (as conv)."""
        return weighted_saved(shape, self.kernel, prec, dtype)
