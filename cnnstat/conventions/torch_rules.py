"""torch.utils.flop_counter.FlopCounterMode: 2 FLOPs per multiply-accumulate of matrix
products and convolutions, nothing else.

Functional calls (``functional:`` in the spec) cost what the module form costs: the mode
counts aten ops at dispatch, whatever module or function called them."""

from cnnstat.conventions import Convention, Functional, Rule

_SRC = "torch/utils/flop_counter.py"
_NONE = Rule({}, f"{_SRC}: no flop formula is registered for its aten ops (only mm, addmm, "
                 "bmm, baddbmm, convolution and attention are)")

CONVENTION = Convention(
    name="torch",
    tool="PyTorch FlopCounterMode",
    unit="FLOP",
    reports="FlopCounterMode().get_total_flops()",
    tested="torch 2.13",
    summary="2 x the MACs of conv and matrix products; bias, BN, activations, pooling free",
    rules={
        "channel_conv": Rule({"macs": 2}, f"{_SRC}: conv_flop -> conv_flop_count for its "
                                          "conv1d: 2 x batch x k x C positions"),
        "conv": Rule({"macs": 2}, f"{_SRC}: conv_flop -> conv_flop_count, 2 x batch x "
                                  "prod(weight) x output positions; the bias is not counted"),
        "table_conv": Rule({"macs": 2}, f"{_SRC}: conv_flop, once per output map's conv2d"),
        "linear": Rule({"macs": 2}, f"{_SRC}: addmm_flop (with bias) returns mm_flop, "
                                    "2 x m x k x n; the added bias is not counted"),
        "rbf": Rule({"macs": 2}, f"{_SRC}: mm_flop for x @ centres^T; the squares and sums "
                                 "are elementwise ops without a formula"),
        "conv_transpose": Rule({"macs": 2}, f"{_SRC}: conv_flop -> conv_flop_count with "
                                            "transposed=True: 2 x batch x prod(weight) x "
                                            "*input* positions; no bias"),
        **{k: _NONE for k in ("upsample", "pixel_shuffle", "pixel_unshuffle", "crop", "pad")},
        **{k: _NONE for k in (
            "maxpool", "avgpool", "adaptive_avgpool", "global_avgpool", "subsample",
            "zeropad", "lrn", "bn", "relu", "sigmoid", "tanh", "dropout", "flatten",
            "softmax", "identity", "concat", "add", "mean", "mul", "split", "slice", "shuffle",
            "layernorm", "layer_scale", "scale", "stochastic_depth",
            "relu6", "leaky_relu", "hardsigmoid", "silu", "hardswish", "gelu")},
    },
    functional=Functional(True, {}, f"{_SRC}: FlopCounterMode is a TorchDispatchMode: it "
                                    "counts the aten ops that run (aten.convolution, "
                                    "aten.addmm, ...), whatever module or function called "
                                    "them"),
)
