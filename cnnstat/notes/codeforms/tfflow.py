"""The shapes TensorFlow 1 code gives its tensors, statement by statement: one carried
state (``Flow``) through a fenced block, computed with the layer algebra.

What it follows: inputs written as literal shapes (``tf.placeholder(tf.float32, [None,
28, 28, 1])``, ``tf.reshape(x, [-1, 32, 32, 1])``, ``tf.image.resize_images(s, [64,
64])``); weights made with a literal shape (``weight_variable([3, 3, 1, 16])``,
``tf.Variable(tf.truncated_normal([3, 3, 1, 16]))``, ``tf.get_variable('w', [512,
10])``, entries of a dict of them, ``weights['c1']``); the ops ``tf.nn.conv2d`` (its
filter's shape, ``strides=[1, s, s, 1]``, ``'SAME'`` as ``ceil(n / s)``), ``tf.nn.max_pool``
and ``avg_pool`` (``ksize``), ``tf.layers.conv2d``/``max_pooling2d``/``dense``/``flatten`` and
slim's ``conv2d``/``max_pool2d``/``fully_connected``/``flatten`` (``'SAME'`` by default),
``tf.matmul(x, W)`` (W's columns), ``tf.reshape(x, [-1, n])``, and what keeps a shape
(activations, dropout, ``+ b``). A helper of the note's own whose body returns one of
these ops (``def conv2d(x, W): return tf.nn.conv2d(x, W, ...)``) is applied with its
arguments. Anything else gives an unknown shape (None), never a guessed one.

Shapes are a sample's, the batch left out: ``(H, W, C)`` channels last as TensorFlow
writes them, or ``(F,)``; a dim not written as a number is None.
"""

from __future__ import annotations

import ast
import re

from cnnstat.layers.conv import same_sides
from cnnstat.layers.window import window_out


class Tensor(tuple):
    """A tensor's shape for one sample."""


class Weight(tuple):
    """The literal shape a variable is made with (a filter, a matrix, a bias)."""


KEEP = {"relu", "relu6", "elu", "selu", "sigmoid", "tanh", "softmax", "dropout", "bias_add",
        "leaky_relu", "identity", "batch_normalization", "local_response_normalization",
        "lrn", "softplus", "crelu", "add"}
# calls that make a variable from a literal shape (a weight, a bias)
_MAKERS = re.compile(r"variable|weight|bias|normal|zeros|ones|uniform|constant|init|"
                     r"truncated|xavier", re.I)
# a block this reader has anything to follow in
SIGNS = ("tf.nn.", "tf.layers.", "tf.reshape", "tf.placeholder", "tf.matmul", "slim.",
         "tf.contrib.layers.")


def _name(node: ast.AST) -> str:
    return ast.unparse(node)


class Flow:
    """The values a block's names hold: tensors' shapes, weights' shapes, literal lists,
    and the note's helpers (``name -> (params, returned expression)``)."""

    def __init__(self) -> None:
        self.env: dict[str, object] = {}
        # a helper: its parameters, their defaults, the assignments of its body, what it returns
        self.helpers: dict[str, tuple[list[str], dict, list, ast.expr]] = {}

    # ------------------------------------------------------------------ statements
    def assign(self, stmt: ast.stmt, env: dict | None = None) -> tuple[object, object] | None:
        """Run one statement; what it gives (the value its target now holds) and its
        input (the first tensor it reads), for an assignment; None otherwise."""
        if env is not None:  # a helper's body, in the helper's own names
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                env[_name(stmt.targets[0])] = self.value(stmt.value, env)
            return None
        if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
            return None
        target, value = stmt.targets[0], stmt.value
        if isinstance(value, ast.Dict):  # weights = {'w1': tf.Variable(...), ...}
            for k, v in zip(value.keys, value.values):
                if isinstance(k, ast.Constant):
                    self.env[f"{_name(target)}[{k.value!r}]"] = self.value(v)
            return None
        got, given = self.value(value), self._input(value)
        self.env[_name(target)] = got
        return got, given

    def _input(self, node: ast.AST) -> object:
        """The first tensor an expression reads (its leftmost name holding one)."""
        for sub in ast.walk(node):
            if isinstance(sub, (ast.Name, ast.Attribute, ast.Subscript)):
                got = self.env.get(_name(sub))
                if isinstance(got, Tensor):
                    return got
        return None

    # ------------------------------------------------------------------ expressions
    def value(self, node: ast.AST, env: dict | None = None) -> object:
        env = self.env if env is None else env
        if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
            return env.get(_name(node))
        if isinstance(node, (ast.List, ast.Tuple)):
            if not node.elts or any(isinstance(e, (ast.List, ast.Tuple)) for e in node.elts):
                return None  # nested: a padding's pairs, not a shape
            return tuple(v if type(v) is int else None
                         for v in (self.value(e, env) for e in node.elts))
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            v = self.value(node.operand, env)
            return -v if type(v) is int else None
        if isinstance(node, ast.BinOp):
            a, b = self.value(node.left, env), self.value(node.right, env)
            if type(a) is int and type(b) is int and isinstance(node.op, (ast.Mult, ast.Add,
                                                                            ast.Sub)):
                return a * b if isinstance(node.op, ast.Mult) else a + b if \
                    isinstance(node.op, ast.Add) else a - b
            if isinstance(a, Tensor) and isinstance(b, Tensor):
                return a if a == b else None
            if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
                return a if isinstance(a, Tensor) else b if isinstance(b, Tensor) else None
            return None
        if isinstance(node, ast.Call):
            return self._call(node, env)
        return None

    def _call(self, node: ast.Call, env: dict) -> object:
        func = _name(node.func)
        short = func.rsplit(".", 1)[-1]
        args = list(node.args)
        kw = {k.arg: k.value for k in node.keywords if k.arg}

        def arg(i: int, *names: str) -> ast.AST | None:
            for n in names:
                if n in kw:
                    return kw[n]
            return args[i] if len(args) > i else None

        def val(i: int, *names: str) -> object:
            a = arg(i, *names)
            return None if a is None else self.value(a, env)

        if not func.startswith(("tf.nn.", "tf.layers.")) and _MAKERS.search(func):
            for a in args + list(kw.values()):
                dims = self.value(a, env) if isinstance(a, (ast.List, ast.Tuple)) else None
                if isinstance(a, ast.Call):
                    inner = self._call(a, env)
                    dims = tuple(inner) if isinstance(inner, Weight) else None
                elif isinstance(a, (ast.Name, ast.Attribute)) and \
                        isinstance(self.value(a, env), tuple) and \
                        not isinstance(self.value(a, env), Tensor):
                    dims = tuple(self.value(a, env))
                if isinstance(a, ast.Constant) and type(a.value) is int and len(args) == 1:
                    dims = (a.value,)  # init_bias(16)
                if dims is not None:
                    return Weight(dims)
        if short in self.helpers and not func.startswith("tf."):
            params, defaults, body, returned = self.helpers[short]
            inner = dict(env)
            inner.update({p: self.value(d, env) for p, d in defaults.items()})
            for p, a in zip(params, args):
                inner[p] = self.value(a, env)
            for k, a in kw.items():
                inner[k] = self.value(a, env)
            for stmt in body:  # x = tf.nn.conv2d(x, W, ...); x = tf.nn.bias_add(x, b)
                self.assign(stmt, inner)
            return self.value(returned, inner)
        if short in KEEP or func in ("tf.nn.relu", "tf.identity"):
            x = val(0, "features", "x", "inputs", "input", "value")
            return x if isinstance(x, Tensor) else None
        if short == "placeholder":
            dims = val(1, "shape")
            return Tensor(dims[1:]) if isinstance(dims, tuple) and len(dims) >= 2 else None
        if short == "reshape":
            x, dims = val(0, "tensor"), val(1, "shape")
            if not isinstance(dims, tuple) or len(dims) < 2 or dims[0] not in (-1, None) or \
                    -1 in dims[1:]:
                return None
            if not isinstance(x, Tensor):  # an input given its map: the chain starts here
                return Tensor(dims[1:]) if len(dims) == 4 else None
            if None not in x and None not in dims[1:] and _count(x) != _count(dims[1:]):
                return None  # not the tensor's count: the code would not run
            return Tensor(dims[1:])
        if short in ("resize_images", "resize", "resize_bilinear", "resize_nearest_neighbor"):
            x, size = val(0, "images"), val(1, "size")
            if isinstance(x, Tensor) and len(x) == 3 and isinstance(size, tuple) and len(size) == 2:
                return Tensor(size + x[2:])
            return None
        if short in ("flatten",) and func in ("flatten", "tf.layers.flatten", "slim.flatten",
                                               "tf.contrib.layers.flatten", "layers.flatten"):
            x = val(0, "inputs", "x")
            return Tensor((_count(x),)) if isinstance(x, Tensor) and None not in x else None
        if short == "matmul":
            x, w = val(0, "a"), val(1, "b")
            if isinstance(x, Tensor) and isinstance(w, Weight) and len(x) == 1 and len(w) == 2 \
                    and x[0] in (w[0], None):
                return Tensor(w[1:])
            return None
        if func.startswith("tf.nn.") and short in ("conv2d", "max_pool", "avg_pool",
                                                   "max_pool2d", "avg_pool2d"):
            return self._window(short, val(0, "input", "value"), val(1, "filter", "filters"),
                                val(1 if short != "conv2d" else 99, "ksize"),
                                val(2, "strides"), val(3, "padding"))
        family = next((f for p, f in _FAMILIES if func.startswith(p)), None)
        if family is not None and (family.strip("?"), short) in _SIGNATURES:
            return self._layers(family, short, args, kw, env)
        return None

    # ------------------------------------------------------------------ layers
    @staticmethod
    def _window(op: str, x: object, w: object, ksize: object, strides: object,
                padding: object) -> Tensor | None:
        """``tf.nn.conv2d`` (a filter ``(kh, kw, c_in, c_out)``) or a pooling (``ksize``)."""
        if not isinstance(x, Tensor) or len(x) != 3 or not isinstance(padding, str):
            return None
        if op == "conv2d":
            if not isinstance(w, Weight) or len(w) != 4 or None in (w[0], w[1], w[3]):
                return None
            if None not in (x[2], w[2]) and x[2] != w[2]:
                return None  # the filter does not fit the input: the code would not run
            kernel, out = (w[0], w[1]), w[3]
        else:
            if not isinstance(ksize, tuple) or len(ksize) != 4 or None in ksize[1:3]:
                return None
            kernel, out = (ksize[1], ksize[2]), x[2]
        if isinstance(strides, int):
            strides = (1, strides, strides, 1)
        if not isinstance(strides, tuple) or len(strides) != 4 or None in strides[1:3]:
            return None
        return _sides(x, kernel, strides[1:3], padding, out)

    def _layers(self, family: str, op: str, args: list, kw: dict, env: dict) -> Tensor | None:
        """A layer of ``tf.layers`` or of slim (``tf.contrib.layers``), its arguments bound
        by its signature (``_SIGNATURES``) with the family's defaults; a bare ``layers.``
        may be either, so its padding must be written."""
        names, defaults = _SIGNATURES[(family.strip("?"), op)]
        if len(args) > len(names) or (family.endswith("?") and "padding" in names and
                                      "padding" not in kw and len(args) < 1 + names.index(
                                          "padding")):
            return None
        bound = dict(defaults)
        bound.update({n: self.value(a, env) for n, a in zip(names, args)})
        bound.update({k: self.value(a, env) for k, a in kw.items() if k in names})
        x = bound.get("inputs")
        if not isinstance(x, Tensor):
            return None
        if op in ("dense", "fully_connected"):
            units = bound.get("units", bound.get("num_outputs"))
            return Tensor((units,)) if type(units) is int and len(x) == 1 else None
        if len(x) != 3:
            return None
        pair = lambda v: (v, v) if type(v) is int else v if isinstance(v, tuple) and \
            len(v) == 2 and None not in v else None  # noqa: E731
        kernel = pair(bound.get("kernel_size", bound.get("pool_size")))
        strides = pair(bound.get("strides", bound.get("stride")))
        out = bound.get("filters", bound.get("num_outputs")) if "conv" in op else x[2]
        padding = bound.get("padding")
        if kernel is None or strides is None or type(out) is not int or \
                not isinstance(padding, str):
            return None
        return _sides(x, kernel, strides, padding, out)


# the families of layer functions: a prefix, its name (``?``: the family is a guess)
_FAMILIES = (("tf.layers.", "tf.layers"), ("slim.", "slim"), ("tf.contrib.layers.", "slim"),
             ("tf.contrib.slim.", "slim"), ("layers.", "tf.layers?"))
_POOL = (["inputs", "pool_size", "strides", "padding"], {"padding": "valid"})
_SLIM_POOL = (["inputs", "kernel_size", "stride", "padding"], {"stride": 2, "padding": "VALID"})
_SIGNATURES = {  # each function's positional names, and its defaults
    ("tf.layers", "conv2d"): (["inputs", "filters", "kernel_size", "strides", "padding"],
                              {"strides": 1, "padding": "valid"}),
    ("tf.layers", "max_pooling2d"): _POOL, ("tf.layers", "average_pooling2d"): _POOL,
    ("tf.layers", "dense"): (["inputs", "units"], {}),
    ("slim", "conv2d"): (["inputs", "num_outputs", "kernel_size", "stride", "padding"],
                         {"stride": 1, "padding": "SAME"}),
    ("slim", "max_pool2d"): _SLIM_POOL, ("slim", "avg_pool2d"): _SLIM_POOL,
    ("slim", "fully_connected"): (["inputs", "num_outputs"], {}),
}


def _count(dims: tuple) -> int:
    n = 1
    for d in dims:
        n *= d
    return n


def _sides(x: Tensor, kernel: tuple, strides: tuple, padding: str,
           out: int | None) -> Tensor | None:
    """A window's output map: ``'VALID'`` floors, ``'SAME'`` gives ``ceil(n / s)``."""
    padding = padding.upper()
    if padding not in ("SAME", "VALID"):
        return None
    sides = []
    for n, k, s in zip(x[:2], kernel, strides):
        if n is None:
            sides.append(None)
        elif padding == "SAME":
            sides.append(window_out(n + sum(same_sides(n, k, s)), k, s, 0))
        elif n < k:
            return None
        else:
            sides.append(window_out(n, k, s, 0))
    return Tensor((*sides, out))
