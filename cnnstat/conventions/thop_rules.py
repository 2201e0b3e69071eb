"""thop (pytorch-OpCounter, the MIT original on PyPI): module hooks only, MACs for conv
and linear without bias; BN counted 2-4 per element; ReLU and max pooling free.

Functional calls (``functional:`` in the spec) cost zero: thop hooks leaf modules whose
exact ``type(m)`` is in ``register_hooks`` and wraps no function, so an
``F.adaptive_avg_pool2d`` costs nothing where ``nn.AdaptiveAvgPool2d`` costs
(window + 1) per output element, and an ``F.conv2d`` in a Conv2d subclass's forward
nothing at all."""

from cnnstat.conventions import Convention, Functional, Rule

_PR = "thop/profile.py: register_hooks"
_BH = "thop/vision/basic_hooks.py"
_CF = "thop/vision/calc_func.py"
_NONE = Rule({}, f"{_PR}: no rule for the module class, so zero (custom modules, "
                 "nn.Sigmoid, nn.Tanh, nn.LocalResponseNorm, nn.Flatten, nn.Identity)")

CONVENTION = Convention(
    name="thop",
    tool="thop",
    unit="MAC",
    reports="thop.profile(model, (x,))[0]",
    tested="thop 0.1.1",
    summary="MACs (no bias) + BN 4 per element with affine + average pooling; ReLU and "
            "max pooling are zero",
    rules={
        "channel_conv": Rule({"macs": 1}, f"{_BH}: count_convNd on its nn.Conv1d: "
                                          "output elements x k"),
        "conv": Rule({"macs": 1}, f"{_BH}: count_convNd -> {_CF}: calculate_conv2d_flops, "
                                  "output elements x in/groups x kernel; no bias"),
        "linear": Rule({"macs": 1}, f"{_BH}: count_linear -> calculate_linear, in_features "
                                    "x output elements; no bias"),
        "bn": Rule({"in": 2, "affine": 2}, f"{_BH}: count_normalization, calculate_norm "
                                           "(2 per input element), doubled when affine"),
        "relu": Rule({}, f"{_PR}: nn.ReLU -> zero_ops"),
        "maxpool": Rule({}, f"{_PR}: nn.MaxPool2d -> zero_ops"),
        "dropout": Rule({}, f"{_PR}: nn.Dropout -> zero_ops"),
        "relu6": Rule({}, f"{_PR}: nn.ReLU6 -> zero_ops"),
        "leaky_relu": Rule({}, f"{_BH}: count_relu -> {_CF}: calculate_relu_flops, which "
                               "returns 0"),
        "avgpool": Rule({"out": 1}, f"{_BH}: count_avgpool -> calculate_avgpool, one per "
                                    "output element"),
        "adaptive_avgpool": Rule({"window_out": 1, "out": 1},
                                 f"{_BH}: count_adap_avgpool -> calculate_adaptive_avg, "
                                 "(prod(in size / out size) + 1) x output elements, "
                                 "in float64, truncated"),
        "global_avgpool": Rule({"window_out": 1, "out": 1},
                               f"{_BH}: count_adap_avgpool, (H x W + 1) per output element"),
        "softmax": Rule({"out": 3, "batch": -1}, f"{_BH}: count_softmax -> calculate_softmax, "
                                                 "(n exp + n-1 adds + n divides) per sample"),
        "conv_transpose": Rule({"deconv_out": 1},
                               f"{_BH}: count_convNd -> {_CF}: calculate_conv2d_flops with the "
                               "*output* size: output elements x in/groups x kernel, as if it "
                               "were a conv; no bias"),
        "upsample": Rule({"out": 1, "bilinear": 10},
                         f"{_BH}: count_upsample -> {_CF}: calculate_upsample, output "
                         "elements x (11 if bilinear, else 1)"),
        "pixel_shuffle": Rule({}, f"{_PR}: nn.PixelShuffle -> zero_ops"),
        **{k: _NONE for k in ("pixel_unshuffle", "crop", "pad")},
        **{k: _NONE for k in (
            "table_conv", "rbf", "subsample", "zeropad", "sigmoid", "tanh", "lrn", "flatten",
            "identity", "concat", "add", "mean", "mul", "split", "slice", "shuffle",
            "layernorm", "layer_scale", "scale", "stochastic_depth", "hardsigmoid", "silu", "hardswish",
            "gelu")},
    },
    functional=Functional(False, {}, "thop/profile.py: profile() adds forward hooks to "
                                     "leaf modules whose exact type(m) is in register_hooks "
                                     "and wraps no function, so a layer the model's code "
                                     "calls as a function costs zero"),
)
