"""ptflops' pytorch backend (get_model_complexity_info, backend="pytorch"): module hooks
for known nn classes *and* patched torch.nn.functional calls, summed; "MACs", with
bias adds, BN, activations and pooling counted as one each.

Functional calls (a layer the model's code called as a function: ``functional:`` in the
spec): no module hook sees them (hooks go on modules whose exact ``type(module)`` is in
MODULES_MAPPING). Only the functions ``patch_functional`` and ``patch_tensor_ops`` replace
are counted, once per call: ``F.relu`` costs its input elements once (``nn.ReLU`` costs
them twice, hook and wrapped ``F.relu``), ``F.max_pool2d`` and ``F.adaptive_avg_pool2d``
their input elements once, while ``torch.relu``, ``Tensor.relu``, ``F.hardtanh``,
``F.batch_norm``, ``F.conv2d``, ``F.linear`` and ``torch.flatten`` cost zero."""

from cnnstat.conventions import Convention, Functional, Rule

_OPS = "ptflops/pytorch_ops.py"
_ENG = "ptflops/pytorch_engine.py"
_NONE = Rule({}, f"{_OPS}: no module hook in MODULES_MAPPING and no patched functional or "
                 "tensor op runs (torch.cat, +, torch.flatten, dropout are not counted)")

# A layer the model's code called as a function: no module hook runs, and only what
# pytorch_engine.py: patch_functional / patch_tensor_ops replace in torch.nn.functional and
# torch is counted, once per call (F.linear's wrapper is commented out there; torch.relu,
# Tensor.relu, F.hardtanh, F.batch_norm, F.conv2d, torch.flatten are not wrapped).
_NUMEL = f"{_OPS}: _numel_functional_flops_hook, input elements"
_F = "torch.nn.functional."
_PATCHED = {
    **{_F + f: Rule({"in": 1}, f"{_ENG}: patch_functional wraps F.{f}; {_NUMEL}")
       for f in ("relu", "prelu", "elu", "relu6", "gelu", "silu", "softmax",
                 "avg_pool1d", "avg_pool2d", "avg_pool3d", "max_pool1d", "max_pool2d",
                 "max_pool3d", "adaptive_avg_pool1d", "adaptive_avg_pool2d",
                 "adaptive_avg_pool3d", "adaptive_max_pool1d", "adaptive_max_pool2d",
                 "adaptive_max_pool3d")},
    **{_F + f: Rule({"out": 1}, f"{_ENG}: patch_functional wraps F.{f}; {_OPS}: "
                                "_interpolate_functional_flops_hook, N x C x the target "
                                "size (or input elements x scale^2): output elements")
       for f in ("interpolate", "upsample")},
    **{f: Rule({"out": 1}, f"{_ENG}: patch_tensor_ops wraps {f}; {_OPS}: "
                           "_elementwise_tensor_flops_hook, elements of the broadcast "
                           "shape")
       for f in ("torch.mul", "Tensor.mul", "torch.add", "Tensor.add")},
}

CONVENTION = Convention(
    name="ptflops",
    tool="ptflops (pytorch backend)",
    unit="MAC",
    reports="get_model_complexity_info(model, res, backend='pytorch', as_strings=False)[0]",
    tested="ptflops 0.7.5",
    summary="MACs + bias adds + BN (1-2 per element) + ReLU and pooling counted twice "
            "(module hook and patched functional)",
    rules={
        "channel_conv": Rule({"macs": 1}, f"{_OPS}: conv_flops_counter_hook on its "
                                          "nn.Conv1d (no bias): k x C positions"),
        "conv": Rule({"macs": 1, "bias": 1}, f"{_OPS}: conv_flops_counter_hook, kernel x "
                                             "in x out/groups per position + one bias add "
                                             "per output element"),
        "linear": Rule({"macs": 1, "bias": 1}, f"{_OPS}: linear_flops_counter_hook, "
                                               "(in x out + out if bias) per sample "
                                               "(F.linear is not patched)"),
        "bn": Rule({"in": 1, "affine": 1}, f"{_OPS}: bn_flops_counter_hook, input elements "
                                           "x (2 if affine else 1)"),
        "relu": Rule({"out": 1, "in": 1}, f"{_OPS}: relu_flops_counter_hook (output "
                                          "elements) + {_ENG}: patch_functional wraps "
                                          "F.relu, which nn.ReLU.forward calls "
                                          "(input elements) again"),
        "maxpool": Rule({"in": 2}, f"{_OPS}: pool_flops_counter_hook (input elements) + the "
                                   f"patched F.max_pool2d ({_ENG}: patch_functional) again"),
        "avgpool": Rule({"in": 2}, f"{_OPS}: pool_flops_counter_hook + the patched "
                                   "F.avg_pool2d, input elements each"),
        "adaptive_avgpool": Rule({"in": 2}, f"{_OPS}: pool_flops_counter_hook + the patched "
                                            "F.adaptive_avg_pool2d, input elements each"),
        "global_avgpool": Rule({"in": 2}, f"{_OPS}: pool_flops_counter_hook + the patched "
                                          "F.adaptive_avg_pool2d, input elements each"),
        "softmax": Rule({"in": 1}, f"{_OPS}: no nn.Softmax hook; the patched F.softmax "
                                   "counts input elements (_numel_functional_flops_hook)"),
        "lrn": Rule({"in": 3, "lrn_padded": 1},
                    f"{_OPS}: no LocalResponseNorm hook, but F.local_response_norm calls "
                    "the patched Tensor.mul (x*x), F.avg_pool3d (on the channel-padded "
                    "squares), Tensor.mul (alpha) and Tensor.add (k) "
                    "(_elementwise_tensor_flops_hook, _numel_functional_flops_hook)"),
        "subsample": Rule({"in": 1}, f"{_OPS}: the patched F.avg_pool2d (window sums) counts "
                                     "input elements; the coefficient and bias use * and +, "
                                     "which are not patched"),
        "table_conv": Rule({}, f"{_OPS}: a custom module, not nn.Conv2d, and ptflops does "
                               "not patch F.conv2d"),
        "rbf": Rule({}, f"{_ENG}: patch_tensor_ops wraps torch.matmul and Tensor.matmul, but "
                        "x @ w is Tensor.__matmul__, a C slot that bypasses them"),
        "relu6": Rule({"out": 1}, f"{_OPS}: relu_flops_counter_hook (output elements); "
                                  "nn.ReLU6.forward calls F.hardtanh, which is not patched"),
        "leaky_relu": Rule({"out": 1}, f"{_OPS}: relu_flops_counter_hook (output elements); "
                                       "F.leaky_relu is not in FUNCTIONAL_MAPPING"),
        "silu": Rule({"in": 1}, f"{_OPS}: no nn.SiLU hook; the patched F.silu counts input "
                                "elements (_numel_functional_flops_hook)"),
        "gelu": Rule({"out": 1, "in": 1}, f"{_OPS}: MODULES_MAPPING[nn.GELU] = "
                                          "relu_flops_counter_hook (output elements) + the "
                                          "patched F.gelu (input elements)"),
        "hardswish": Rule({}, f"{_OPS}: no hook for nn.Hardswish and F.hardswish is not "
                              "patched"),
        "hardsigmoid": Rule({}, f"{_OPS}: no hook for nn.Hardsigmoid and F.hardsigmoid is "
                                "not patched"),
        "conv_transpose": Rule({"macs": 1, "bias": 1},
                               f"{_OPS}: conv_flops_counter_hook(transpose=True), kernel x "
                               "in x out/groups per *input* position + one bias add per "
                               "output element"),
        "upsample": Rule({"out_sample": 1, "out": 1},
                         f"{_OPS}: upsample_flops_counter_hook (the elements of output[0], "
                         "one sample) + the patched F.interpolate "
                         "(_interpolate_functional_flops_hook: N x C x the target size)"),
        **{k: _NONE for k in ("pixel_shuffle", "pixel_unshuffle", "crop", "pad")},
        **{k: _NONE for k in (
            "zeropad", "sigmoid", "tanh", "dropout", "flatten", "identity", "concat", "add",
            "mean", "mul", "split", "slice", "shuffle",
            "layernorm", "layer_scale", "scale", "stochastic_depth")},
    },
    functional=Functional(False, _PATCHED, f"{_ENG}: a layer the model's code calls as a "
                                           "function has no module for a hook "
                                           "(is_supported_instance: type(module) in "
                                           "MODULES_MAPPING); only the functions that "
                                           "patch_functional and patch_tensor_ops wrap are "
                                           "counted"),
)
