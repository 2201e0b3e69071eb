"""The rules of ``opmap.MODULES`` and ``opmap.NAMED``: an ``nn.Module`` (torch's, cnnstat's
own from ``cnnstat.torch.modules``, or a class of an optional package by its name), its
input shapes and its output -> the steps it is.
"""

from __future__ import annotations

from torch import nn

from cnnstat.torch import merges, modules as M
from cnnstat.torch.opmap import MODULES, NAMED, ModuleRule, module
from cnnstat.torch.opsteps import (Step, adaptive_steps, flatten_steps, layernorm, pad_steps,
                                   pair, pool_steps, refuse, shape_of, softmax_steps, upsample)


@module(nn.Conv2d)
def _conv(m: nn.Conv2d, shapes, out) -> list[Step]:
    if m.padding_mode != "zeros":
        refuse(f"a conv with padding_mode={m.padding_mode!r} (cnnstat's conv pads with zeros)")
    padding = m.padding if isinstance(m.padding, str) else pair(m.padding)
    pads = [h.pad for h in m._forward_pre_hooks.values() if isinstance(h, M.PadInput)]
    if pads and padding in (0, [0, 0]):  # cnnstat's asymmetric padding: (l, r, t, b) first
        left, right, top, bottom = pads[0]
        padding = [top, bottom, left, right]
    return [("conv", {"out": m.out_channels, "kernel": pair(m.kernel_size),
                      "stride": pair(m.stride), "padding": padding,
                      "dilation": pair(m.dilation),
                      "groups": "in" if m.groups == m.in_channels > 1 else m.groups,
                      "bias": m.bias is not None, "fixed": "weight" in m._buffers})]


@module(nn.Conv1d)
def _conv1d(m: nn.Conv1d, shapes, out) -> list[Step]:
    k = m.kernel_size[0]
    if (m.in_channels, m.out_channels, m.groups, m.stride, m.dilation) != (1, 1, 1, (1,), (1,)) \
            or m.padding != ((k - 1) // 2,) or k % 2 == 0 or m.bias is not None \
            or m.padding_mode != "zeros" or len(shapes[0]) != 3:
        refuse("a Conv1d other than one across a pooled map's channels (cnnstat's channel_conv "
               "is ECA's: Conv1d(1, 1, k, padding=(k - 1) // 2, bias=False) on the pooled map "
               "viewed as (N, 1, C))")
    return [("channel_conv", {"kernel": k})]


MODULES[M.ChannelConv] = lambda m, shapes, out: [("channel_conv",
                                                  {"kernel": m.conv.kernel_size[0]})]


@module(nn.Linear)
def _linear(m: nn.Linear, shapes, out) -> list[Step] | None:
    if len(shapes[0]) != 2:
        refuse(f"a Linear on a {len(shapes[0])}-D tensor (cnnstat's linear reads a flat vector "
               "per sample)")
    return [("linear", {"out": m.out_features, "bias": m.bias is not None})]


@module(nn.BatchNorm1d, nn.BatchNorm2d)
def _bn(m: nn.BatchNorm2d, shapes, out) -> list[Step] | None:
    if not m.track_running_stats:
        refuse("a BatchNorm without running statistics (cnnstat's bn keeps them as buffers)")
    return [("bn", {"affine": m.affine, "eps": float(m.eps)})]


def _simple(kind: str) -> ModuleRule:
    return lambda m, shapes, out: [(kind, {})]


MODULES[nn.ReLU] = _simple("relu")
MODULES[nn.Sigmoid] = _simple("sigmoid")
MODULES[nn.Tanh] = _simple("tanh")
MODULES[nn.Flatten] = lambda m, shapes, out: flatten_steps(shapes[0], shape_of(out))
MODULES[nn.Identity] = lambda m, shapes, out: [("identity", {})]


@module(nn.Softmax)
def _softmax_module(m: nn.Softmax, shapes, out) -> list[Step] | None:
    return softmax_steps(shapes[0], m.dim)


@module(nn.Dropout, nn.Dropout2d, nn.AlphaDropout)
def _dropout_module(m: nn.Dropout, shapes, out) -> list[Step]:
    return [("dropout", {"p": float(m.p)})]


@module(nn.MaxPool2d)
def _maxpool_module(m: nn.MaxPool2d, shapes, out) -> list[Step]:
    if m.return_indices:
        refuse("a MaxPool2d that returns indices")
    return pool_steps("maxpool", m.kernel_size, m.stride, m.padding, m.ceil_mode, m.dilation)


@module(nn.AvgPool2d)
def _avgpool_module(m: nn.AvgPool2d, shapes, out) -> list[Step]:
    if m.divisor_override is not None:
        refuse("an AvgPool2d with divisor_override")
    return pool_steps("avgpool", m.kernel_size, m.stride, m.padding, m.ceil_mode)


MODULES[nn.AdaptiveAvgPool2d] = lambda m, shapes, out: adaptive_steps(out)


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
MODULES[merges.Concat] = lambda m, shapes, out: [("concat", None)]
MODULES[merges.Add] = lambda m, shapes, out: [("add", None)]
MODULES[merges.Mean] = lambda m, shapes, out: [("mean", None)]
MODULES[merges.Mul] = lambda m, shapes, out: [("mul", None)]
MODULES[M.LayerScale] = lambda m, shapes, out: [("layer_scale", {})]
MODULES[M.Scale] = lambda m, shapes, out: [("scale", {"factor": m.factor, "shift": m.shift,
                                                      "learned": m.learned})]
MODULES[M.ChannelLayerNorm] = lambda m, shapes, out: [
    ("layernorm", {"eps": float(m.eps), "affine": m.weight is not None})]


def _stochastic_depth(m, shapes, out) -> list[Step]:
    return [("stochastic_depth", {"p": float(m.p), "mode": m.mode})]


MODULES[M.StochasticDepth] = _stochastic_depth
NAMED["torchvision.ops.stochastic_depth.StochasticDepth"] = _stochastic_depth


MODULES[nn.LayerNorm] = lambda m, shapes, out: layernorm(
    m, shapes[0][1]) if len(shapes[0]) == 2 else refuse("a LayerNorm on a feature map's last "
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
        refuse(f"a Hardtanh clamping to [{m.min_val}, {m.max_val}] (cnnstat has relu6: [0, 6])")
    return [("relu6", {})]


# dense prediction (issue 20's kinds; module rules only: F.interpolate is the tracer's)
@module(nn.ConvTranspose2d)
def _conv_transpose(m: nn.ConvTranspose2d, shapes, out) -> list[Step]:
    if m.padding_mode != "zeros":
        refuse(f"a ConvTranspose2d with padding_mode={m.padding_mode!r}")
    return [("conv_transpose", {
        "out": m.out_channels, "kernel": pair(m.kernel_size), "stride": pair(m.stride),
        "padding": pair(m.padding), "output_padding": pair(m.output_padding),
        "dilation": pair(m.dilation),
        "groups": "in" if m.groups == m.in_channels > 1 else m.groups,
        "bias": m.bias is not None})]


@module(nn.Upsample, nn.UpsamplingNearest2d, nn.UpsamplingBilinear2d)
def _upsample(m: nn.Upsample, shapes, out) -> list[Step]:
    return upsample(m.mode, m.size, m.scale_factor, m.align_corners, len(shapes[0]))


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
