"""PyTorch code read with Python's own parser (``ast``): a literal argument (an int, a
product ``32 * 7 * 7``, a pair), a call's dotted name, what one ``nn`` constructor builds
(``torchcode.build``; the layers that keep a shape, ``nn.Flatten()``,
``nn.AdaptiveAvgPool2d(7)``), and the shape a list of them gives one sample.
"""

from __future__ import annotations

import ast

from cnnstat.errors import SpecError
from cnnstat.notes.codeforms import torchcode

Shape = tuple  # a tensor's shape for one sample: (C, H, W) or (F,), the batch left out

# layers that keep the shape they are given, by their name in ``nn``
KEEPS = {"ReLU", "ReLU6", "Tanh", "Sigmoid", "GELU", "SiLU", "LeakyReLU", "ELU", "PReLU",
          "Dropout", "Dropout2d", "BatchNorm2d", "Identity", "LocalResponseNorm",
          "InstanceNorm2d", "Softmax", "LogSoftmax", "Hardswish", "Mish"}
KEEP_FUNCS = {"relu", "relu6", "sigmoid", "tanh", "dropout", "dropout2d", "leaky_relu",
               "gelu", "silu", "elu", "softmax", "log_softmax", "batch_norm", "mish"}

# the names a note gives a conv's channels, as ResNet's code calls them
_ALIAS = {"in_planes": "in_channels", "out_planes": "out_channels"}


def literal(node: ast.AST):
    """A literal argument: an int, a product of ints, a tuple of them, a bool, a string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, str, bool)):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and \
            isinstance(node.operand, ast.Constant) and type(node.operand.value) is int:
        return -node.operand.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Add, ast.Sub)):
        a, b = literal(node.left), literal(node.right)
        if type(a) is int and type(b) is int:
            return a * b if isinstance(node.op, ast.Mult) else \
                a + b if isinstance(node.op, ast.Add) else a - b
    if isinstance(node, ast.Tuple) and len(node.elts) == 2:
        a, b = (literal(e) for e in node.elts)
        if type(a) is int and type(b) is int:
            return a if a == b else [a, b]
    raise ValueError(ast.dump(node))


def dotted(node: ast.AST) -> str:
    """A call's dotted name: ``nn.Conv2d``, ``F.max_pool2d``, ``self.conv1``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return dotted(node.value) + "." + node.attr
    return "?"


def made(node: ast.AST):
    """What one constructor builds: a ``torchcode.Layer``, ``"keep"``, a flatten or an
    adaptive pooling; None for anything else."""
    if not isinstance(node, ast.Call):
        return None
    name = dotted(node.func)
    module, _, short = name.rpartition(".")
    if module not in ("", "nn", "torch.nn"):
        return None
    if short in KEEPS:
        return "keep"
    try:
        if short == "Flatten" and not node.args and not node.keywords:
            return ("flatten",)
        if short == "AdaptiveAvgPool2d" and len(node.args) == 1 and not node.keywords:
            size = literal(node.args[0])
            return ("adaptive", size) if type(size) is int else None
        if short not in torchcode.POSITIONS or len(node.args) > len(torchcode.POSITIONS[short]):
            return None
        # a conv's input channels may be a name (the class's argument): what it gives
        # does not depend on them, and a conv with in_channels None takes any
        args = [(k, v) for k, v in zip(torchcode.POSITIONS[short], node.args)] + \
            [(_ALIAS.get(k.arg, k.arg), k.value) for k in node.keywords if k.arg]
        named = {k: literal(v) for k, v in args
                 if not (k == "in_channels" and isinstance(v, ast.Name))}
    except ValueError:
        return None
    return torchcode.build(short, named, name)


def apply(layers: list, shape: Shape | None) -> Shape | None:
    from cnnstat.layers import KINDS

    for lay in layers:
        if shape is None:
            return None
        if lay == "keep":
            continue
        try:
            if lay[0] == "flatten":
                shape = tuple(KINDS["flatten"].make({}).apply(shape).output)
            elif lay[0] == "adaptive":
                shape = tuple(KINDS["adaptive_avgpool"].make({"size": lay[1]})
                              .apply(shape).output) if len(shape) == 3 else None
            else:
                got = torchcode.apply([lay], (1,) + shape)
                shape = got[1:] if got is not None else None
        except SpecError:
            return None
    return shape


def adaptive_out(layers: list) -> tuple[Shape, float] | None:
    """The map an adaptive pooling ending ``layers`` gives whatever the input: its size,
    and the channels of the last conv before it (only poolings and layers that keep the
    shape between)."""
    if not layers or not isinstance(layers[-1], tuple) or layers[-1][0] != "adaptive":
        return None
    for lay in reversed(layers[:-1]):
        if lay == "keep" or getattr(lay, "kind", "") in ("maxpool", "avgpool"):
            continue
        if getattr(lay, "kind", "") in ("conv", "conv_transpose"):
            return (lay.args["out"], layers[-1][1], layers[-1][1]), 1.0
        return None
    return None


FUNCTIONAL = ("F", "torch", "nn.functional", "torch.nn.functional")


def is_batch(node: ast.AST) -> bool:
    """``x.size(0)``, ``x.shape[0]``, ``batch_size``: the batch, as a view keeps it."""
    if isinstance(node, ast.Call) and dotted(node.func).endswith(".size"):
        return len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and \
            node.args[0].value == 0
    if isinstance(node, ast.Subscript) and dotted(node.value).endswith(".shape"):
        return isinstance(node.slice, ast.Constant) and node.slice.value == 0
    return isinstance(node, ast.Name) and node.id in ("batch_size", "bs", "n", "N", "B", "b",
                                                       "batch")
