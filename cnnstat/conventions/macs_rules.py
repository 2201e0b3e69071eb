"""cnnstat's own count: multiply-accumulates of conv and linear layers only, whether a
module or a function call (``functional:`` in the spec) computes them."""

from cnnstat.conventions import Convention, Functional, Rule

_MAC = Rule({"macs": 1}, "cnnstat/layers/conv.py: Conv/Linear/TableConv/RBF.effect, one "
                         "multiply-add = 1")
_ZERO = Rule({}, "cnnstat/layers: not a conv or linear layer; its cost is in `ops`, "
                 "not in MACs")

CONVENTION = Convention(
    name="macs",
    tool="cnnstat (torchvision's \"GFLOPS\", the ResNet and GoogLeNet papers)",
    unit="MAC",
    reports="cnnstat params: MACs",
    tested="-",
    summary="multiply-accumulates of conv and linear layers only",
    rules={
        "channel_conv": _MAC,
        "conv": _MAC, "linear": _MAC, "table_conv": _MAC, "rbf": _MAC,
        "conv_transpose": Rule({"macs": 1}, "cnnstat/layers/resample.py: ConvTranspose."
                                            "effect, input elements x out/groups x kh x kw"),
        **{k: _ZERO for k in ("upsample", "pixel_shuffle", "pixel_unshuffle", "crop", "pad")},
        **{k: _ZERO for k in (
            "maxpool", "avgpool", "adaptive_avgpool", "global_avgpool", "subsample",
            "zeropad", "lrn", "bn", "relu", "sigmoid", "tanh", "dropout", "flatten",
            "softmax", "identity", "concat", "add", "mean", "mul", "split", "slice", "shuffle",
            "layernorm", "layer_scale", "scale", "stochastic_depth",
            "relu6", "leaky_relu", "hardsigmoid", "silu", "hardswish", "gelu")},
    },
    functional=Functional(True, {}, "cnnstat/layers: a layer's MACs are its arithmetic, "
                                    "whether a module or a function computes it"),
)
