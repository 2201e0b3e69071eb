"""Layers with weights over their whole input window: convolution, fully connected,
LeNet-5's connection-table convolution and RBF output."""

from __future__ import annotations

from cnnstat.errors import SpecError
from cnnstat.layers.base import Arg, Effect, Kind, Shape, _spatial, fmt_shape, register, window_out

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
