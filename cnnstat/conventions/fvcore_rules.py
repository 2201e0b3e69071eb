"""fvcore's FlopCountAnalysis: one "flop" per multiply-accumulate of conv and matrix
products, plus batch norm and adaptive average pooling; everything else is skipped.

Functional calls (``functional:`` in the spec) cost what the module form costs: fvcore
traces the model with torch.jit and counts aten ops, whoever called them. The exception
is an op the function runs that the module does not: ``x.mean((2, 3))`` runs aten::mean,
which has no handle (zero), where ``nn.AdaptiveAvgPool2d`` runs
aten::adaptive_avg_pool2d (one per input element)."""

from cnnstat.conventions import Convention, Functional, Rule

_JH = "fvcore/nn/jit_handles.py"
_FC = "fvcore/nn/flop_count.py: _DEFAULT_SUPPORTED_OPS"
_NONE = Rule({}, f"{_FC} has no handle for its aten ops (max_pool2d, avg_pool2d, relu, "
                 "add, cat, ... are skipped or ignored)")

CONVENTION = Convention(
    name="fvcore",
    tool="fvcore FlopCountAnalysis",
    unit="MAC",
    reports="FlopCountAnalysis(model, x).total()",
    tested="fvcore 0.1.5",
    summary="MACs, plus batch norm (1 per element, 2 with affine) and adaptive average "
            "pooling (1 per input element)",
    rules={
        "channel_conv": Rule({"macs": 1}, f"{_JH}: conv_flop_jit for its conv1d, k per "
                                          "output element"),
        "conv": Rule({"macs": 1}, f"{_JH}: conv_flop_jit -> conv_flop_count, batch x "
                                  "prod(weight) x output positions (aten::_convolution); "
                                  "no bias"),
        "table_conv": Rule({"macs": 1}, f"{_JH}: conv_flop_jit, once per output map's "
                                        "conv2d"),
        "linear": Rule({"macs": 1}, f"{_JH}: linear_flop_jit / addmm_flop_jit, "
                                    "in x out per sample; no bias"),
        "rbf": Rule({"macs": 1}, f"{_JH}: matmul_flop_jit for x @ centres^T"),
        "bn": Rule({"in": 1, "affine": 1}, f"{_JH}: batchnorm_flop_jit, in eval mode "
                                           "input elements x (2 if affine else 1)"),
        "adaptive_avgpool": Rule({"in": 1}, f"{_FC}: aten::adaptive_avg_pool2d -> "
                                            "elementwise_flop_counter(1, 0), one per input "
                                            "element (even when the size is unchanged)"),
        "global_avgpool": Rule({"in": 1}, f"{_FC}: aten::adaptive_avg_pool2d -> "
                                          "elementwise_flop_counter(1, 0)"),
        "layernorm": Rule({"in": 4, "affine": 1}, f"{_JH}: norm_flop_counter(2) for "
                                                  "aten::layer_norm, input elements x (5 if "
                                                  "it has a weight else 4)"),
        "conv_transpose": Rule({"macs": 1}, f"{_JH}: conv_flop_jit -> conv_flop_count "
                                            "(transposed: input positions x prod(weight)); "
                                            "no bias"),
        "upsample": Rule({"out": 1, "bilinear": 3},
                         f"{_FC}: aten::upsample_nearest2d -> elementwise_flop_counter(0, 1),"
                         " aten::upsample_bilinear2d -> elementwise_flop_counter(0, 4): 1 or "
                         "4 per output element"),
        **{k: _NONE for k in ("pixel_shuffle", "pixel_unshuffle", "crop", "pad")},
        **{k: _NONE for k in (
            "maxpool", "avgpool", "subsample", "zeropad", "lrn", "relu", "sigmoid", "tanh",
            "dropout", "flatten", "softmax", "identity", "concat", "add", "mean", "mul", "split", "slice", "shuffle",
            "layer_scale", "scale", "stochastic_depth",
            "relu6", "leaky_relu", "hardsigmoid", "silu", "hardswish", "gelu")},
    },
    functional=Functional(True, {
        f: Rule({}, f"{_FC} has no handle for aten::mean, which {f}((2, 3)) runs where "
                    "nn.AdaptiveAvgPool2d runs aten::adaptive_avg_pool2d")
        for f in ("Tensor.mean", "torch.mean")},
        "fvcore/nn/jit_analysis.py: JitModelAnalysis traces the model with torch.jit "
        "(_get_scoped_trace_graph) and counts each aten op of the graph, whether a module "
        "or a function called it"),
)
