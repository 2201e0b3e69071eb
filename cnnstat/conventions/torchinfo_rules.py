"""torchinfo's summary(): "Total mult-adds", counted from parameter counts of leaf
modules, whatever they compute.

Functional calls (``functional:`` in the spec) cost what the module form costs: zero
without weights (no leaf module holds them, and a module without parameters is zero
anyway); with a module's weights (``F.conv2d`` in a Conv2d subclass) that module is
counted from its parameters, as the module form is."""

from cnnstat.conventions import Convention, Functional, Rule

_LI = "torchinfo/layer_info.py: LayerInfo.calculate_macs"
_NONE = Rule({}, f"{_LI}: a module without parameters has no mult-adds")

CONVENTION = Convention(
    name="torchinfo",
    tool="torchinfo",
    unit="MAC",
    reports="summary(model, input_data=x).total_mult_adds",
    tested="torchinfo 1.8.0",
    summary="MACs + one per conv bias element + batch x the parameters of every other "
            "leaf module (linear bias, BN scale and shift)",
    rules={
        "channel_conv": Rule({"macs": 1}, f"{_LI}: its nn.Conv1d, a class named *Conv*: "
                                          "k weights x batch x C output positions"),
        "conv": Rule({"params_positions": 1}, f"{_LI}: a class named *Conv*: (weight + bias "
                                              "elements) x batch x output positions"),
        "linear": Rule({"params": 1}, f"{_LI}: other modules: batch x (weight + bias "
                                      "elements)"),
        "bn": Rule({"params": 1}, f"{_LI}: batch x (weight + bias elements): 2C when "
                                  "affine, 0 without"),
        "subsample": Rule({"params": 1}, f"{_LI}: batch x its weight and bias (2C)"),
        "rbf": Rule({"params": 1}, f"{_LI}: batch x its (frozen) weight elements"),
        "table_conv": Rule({"params_positions": 1},
                           f"{_LI}: cnnstat's TableConv (one flat weight, a leaf) has *Conv* "
                           "in its class name: (weight + bias elements) x batch x output "
                           "positions"),
        "layernorm": Rule({"params": 1}, f"{_LI}: batch x (weight + bias elements): 2C "
                                         "when affine, 0 without"),
        "layer_scale": Rule({"params": 1}, f"{_LI}: batch x its weight elements (C)"),
        "scale": Rule({"params": 1}, f"{_LI}: batch x its learned scalars (cnnstat's Scale "
                                     "names them weight and bias); 0 when constant"),
        "conv_transpose": Rule({"params_positions": 1},
                               f"{_LI}: a class named *Conv* (ConvTranspose2d): (weight + "
                               "bias elements) x batch x *output* positions"),
        **{k: _NONE for k in ("upsample", "pixel_shuffle", "pixel_unshuffle", "crop", "pad")},
        **{k: _NONE for k in (
            "maxpool", "avgpool", "adaptive_avgpool", "global_avgpool", "zeropad", "lrn",
            "relu", "sigmoid", "tanh", "dropout", "flatten", "softmax", "identity",
            "concat", "add", "mean", "mul", "split", "slice", "shuffle",
            "stochastic_depth",
            "relu6", "leaky_relu", "hardsigmoid", "silu", "hardswish", "gelu")},
    },
    # a function call without weights belongs to no leaf module: zero, as its module form
    # (no parameters) is; one with a module's weights (F.conv2d in a Conv2d subclass) is
    # counted with that module, from its parameters, as the module form is
    functional=Functional(True, {}, "torchinfo/layer_info.py: LayerInfo.calculate_macs "
                                    "counts leaf modules from their parameters only, so a "
                                    "function call costs what its module form does (zero "
                                    "without weights)"),
)
