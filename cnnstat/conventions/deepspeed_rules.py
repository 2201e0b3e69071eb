"""DeepSpeed's flops profiler: patched torch.nn.functional calls, in FLOPs (2 per MAC),
plus one per conv bias add, BN, activation and pooled input element.

Functional calls (``functional:`` in the spec): the profiler counts only through the
functions it wraps, so a call of a wrapped one (``F.relu``, ``F.conv2d``,
``F.batch_norm``, ``F.max_pool2d``, ``F.interpolate``, ...) costs what the module that
calls it costs, and any other (``torch.relu``, ``Tensor.relu``, ``F.hardtanh``,
``torch.flatten``, ``x.mean``) zero."""

from cnnstat.conventions import Convention, Functional, Rule

_P = "deepspeed/profiling/flops_profiler/profiler.py"
_NONE = Rule({}, f"{_P}: _patch_functionals / _patch_tensor_methods do not wrap what it "
                 "calls (torch.cat, +, /, torch.sigmoid, torch.tanh, F.dropout, F.pad, "
                 "torch.flatten)")

_RULES = {
    "channel_conv": Rule({"macs": 2}, f"{_P}: _conv_flops_compute on its F.conv1d, "
                                      "2 x MACs (no bias)"),
    "conv": Rule({"macs": 2, "bias": 1}, f"{_P}: _conv_flops_compute, 2 x MACs + "
                                         "out_channels x output positions if bias"),
    "table_conv": Rule({"macs": 2}, f"{_P}: _conv_flops_compute on each output map's "
                                    "F.conv2d (called without bias)"),
    "linear": Rule({"macs": 2}, f"{_P}: _linear_flops_compute, 2 x in x out; the bias "
                                "is not counted"),
    "bn": Rule({"in": 1, "affine": 1}, f"{_P}: _batch_norm_flops_compute, eval mode: "
                                       "input elements x (2 if affine else 1)"),
    "relu": Rule({"in": 1}, f"{_P}: _relu_flops_compute, input elements"),
    "maxpool": Rule({"in": 1}, f"{_P}: _pool_flops_compute, input elements"),
    "avgpool": Rule({"in": 1}, f"{_P}: _pool_flops_compute, input elements"),
    "adaptive_avgpool": Rule({"in": 1}, f"{_P}: _pool_flops_compute, input elements"),
    "global_avgpool": Rule({"in": 1}, f"{_P}: _pool_flops_compute, input elements"),
    "subsample": Rule({"in": 1}, f"{_P}: _pool_flops_compute on F.avg_pool2d; * and + "
                                 "are not patched"),
    "softmax": Rule({"in": 1}, f"{_P}: _softmax_flops_compute, input elements"),
    "lrn": Rule({"in": 3, "lrn_padded": 1},
                f"{_P}: F.local_response_norm calls the wrapped Tensor.mul (x*x), "
                "F.avg_pool3d (_pool_flops_compute on the channel-padded squares), "
                "Tensor.mul (alpha) and Tensor.add (k) (_elementwise_flops_compute)"),
    "rbf": Rule({"macs": 2}, f"{_P}: _patch_tensor_methods wraps Tensor.__matmul__ too "
                             "(x @ centres^T -> _matmul_flops_compute, 2 x MACs) in "
                             "0.19; older releases did not; * and + are not wrapped"),
    "leaky_relu": Rule({"in": 1}, f"{_P}: _leaky_relu_flops_compute, input elements"),
    "silu": Rule({"in": 1}, f"{_P}: _silu_flops_compute, input elements"),
    "gelu": Rule({"in": 1}, f"{_P}: _gelu_flops_compute, input elements"),
    "relu6": Rule({}, f"{_P}: F.relu6 is wrapped, but nn.ReLU6.forward calls "
                      "F.hardtanh, which is not"),
    "hardswish": Rule({}, f"{_P}: _patch_functionals does not wrap F.hardswish"),
    "hardsigmoid": Rule({}, f"{_P}: _patch_functionals does not wrap F.hardsigmoid"),
    "layernorm": Rule({"in": 4, "affine": 1}, f"{_P}: _layer_norm_flops_compute, input "
                                              "elements x (5 if it has a weight else 4)"),
    "conv_transpose": Rule({"macs": 2, "bias": 1},
                           f"{_P}: _conv_trans_flops_compute, 2 x MACs (input positions) "
                           "+ out_channels x output positions if bias"),
    "upsample": Rule({"out_by_scale": 1, "size_area": 1},
                     f"{_P}: _upsample_flops_compute on F.interpolate: prod(size) when a "
                     "size is given (no batch, no channels), else input elements x "
                     "prod(scale_factor)"),
    **{k: _NONE for k in ("pixel_shuffle", "pixel_unshuffle", "crop", "pad")},
    **{k: _NONE for k in (
        "zeropad", "sigmoid", "tanh", "dropout", "flatten", "identity", "concat", "add",
        "mean", "mul", "split", "slice", "shuffle",
        "layer_scale", "scale", "stochastic_depth")},
}

# A layer the model's code called as a function: DeepSpeed counts only through the
# functions it wraps (_patch_functionals, _patch_tensor_methods), so a call of one of
# them costs what the module that calls it costs, and any other call (torch.relu,
# Tensor.relu, F.hardtanh, torch.flatten) zero. F.relu6 is wrapped too
# (_relu6_flops_compute, input elements), though nn.ReLU6 calls F.hardtanh instead.
_F = "torch.nn.functional."
_WRAPS = f"{_P}: _patch_functionals wraps"
_PATCHED = {
    **{_F + f: _RULES[kind] for f, kind in (
        ("linear", "linear"), ("conv2d", "conv"), ("conv_transpose2d", "conv_transpose"),
        ("conv1d", "channel_conv"),
        ("relu", "relu"), ("leaky_relu", "leaky_relu"), ("silu", "silu"), ("gelu", "gelu"),
        ("batch_norm", "bn"), ("layer_norm", "layernorm"), ("avg_pool2d", "avgpool"),
        ("max_pool2d", "maxpool"), ("adaptive_avg_pool2d", "adaptive_avgpool"),
        ("softmax", "softmax"), ("interpolate", "upsample"), ("upsample", "upsample"))},
    _F + "relu6": Rule({"in": 1}, f"{_WRAPS} F.relu6: _relu6_flops_compute, input elements"),
    **{f: Rule({"out": 1}, f"{_P}: _patch_tensor_methods wraps {f}: _elementwise_flops_compute, "
                           "elements of the broadcast shape")
       for f in ("torch.mul", "Tensor.mul", "torch.add", "Tensor.add")},
}

CONVENTION = Convention(
    name="deepspeed",
    tool="DeepSpeed flops profiler",
    unit="FLOP",
    reports="FlopsProfiler(model).get_total_flops() (get_model_profile's flops)",
    tested="deepspeed 0.19.8",
    summary="2 x MACs + conv bias adds + BN (1-2 per element) + one per ReLU and pooled "
            "input element; its separate MACs figure is cnnstat's MACs",
    rules=_RULES,
    functional=Functional(False, _PATCHED, f"{_P}: flops are counted only by the wrappers "
                                           "_patch_functionals and _patch_tensor_methods put "
                                           "on torch.nn.functional and torch"),
)
