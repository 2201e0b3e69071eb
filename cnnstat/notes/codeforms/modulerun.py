"""A module class the note defines, built and applied: ``class Net(nn.Module)`` with an
``__init__`` that builds its parts and a ``forward`` that calls them, then ``model =
Net(num_classes=10)`` and ``out = model(x)`` on a tensor whose shape is known
(``torchcode``'s session then judges what the note says that ``out`` prints).

Both methods are read with Python's own parser (``ast``) once the class's lines end (a
line back at the margin). ``__init__`` is run on the arguments of the call (its defaults
for the rest): a local name bound to a number (``mid = out_ch // 4``) is known, and each
``self.part = ...`` is one of ``nn``'s constructors (its arguments worked out from the
names, as ``torchcode.build`` reads them), an ``nn.Sequential`` of them, or another
class of the note called the same way. ``forward`` is followed statement by statement:
a part called on a tensor, a shape-keeping function (``F.relu``), a flatten (``torch.
flatten(x, 1)``, ``x.view(x.size(0), -1)``), a pooling function (``F.max_pool2d(x, 2)``),
a sum of two tensors of one shape (a residual), ``torch.cat`` along the channels. Each
layer's output is the layer algebra's (``torchcode.apply``, ``cnnstat.layers``). Anything
else in either method (a loop, a branch, a part this reader does not build, a call it
does not know) leaves the module unknown: nothing it prints is judged.
"""

from __future__ import annotations

import ast
import re
from math import prod
from typing import Callable, Optional

from cnnstat.errors import SpecError
from cnnstat.notes.codeforms import torchcode
from cnnstat.notes.codeforms.torchast import FUNCTIONAL, KEEP_FUNCS, KEEPS, dotted
from cnnstat.notes.kept import keep

Shape = tuple  # a tensor's whole shape, the batch first
Part = Callable[[Shape], Optional[Shape]]
_CLASS = re.compile(r"class\s+([A-Za-z_]\w*)\s*(?:\(|:)")
_ALIAS = {"in_planes": "in_channels", "out_planes": "out_channels"}
MAX_LINES = 400  # lines of one class read
DEPTH = 6  # classes built one in another
_POOL_FUNCS = {"max_pool2d": "MaxPool2d", "avg_pool2d": "AvgPool2d"}
REBOUND = re.compile(r"^\s*(?:for\s+([\w\s,()]+?)\s+in\b|([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)"
                      r"\s*=[^=]|([A-Za-z_]\w*)\s*(?:[-+*/%@&|^]|//|\*\*)=)")


def rebound(code: str) -> list[str]:
    """The names a line of code binds anew in a way no shape is read from: ``for x in``,
    ``x, y = ...``, ``x += ...``."""
    m = REBOUND.match(code)
    return re.findall(r"\w+", "".join(m.groups(""))) if m else []


class Unknown(Exception):
    """What this reader does not take apart."""


def _value(node: ast.AST, env: dict):
    """An argument's value: a number, a name bound to one, arithmetic over them, a tuple,
    a bool or a string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, str, bool, type(None))):
        return node.value
    if isinstance(node, ast.Name) and node.id in env and not callable(env[node.id]):
        return env[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = _value(node.operand, env)
        if type(v) is int:
            return -v
    if isinstance(node, ast.BinOp):
        a, b = _value(node.left, env), _value(node.right, env)
        if type(a) is int and type(b) is int:
            ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                   ast.FloorDiv: lambda: a // b if b else None}
            got = ops.get(type(node.op), lambda: None)()
            if got is not None:
                return got
    if isinstance(node, (ast.Tuple, ast.List)):
        vals = [_value(e, env) for e in node.elts]
        if all(type(v) is int for v in vals):
            return tuple(vals)
    raise Unknown(ast.dump(node)[:80])


def _pair(v):
    """A size as ``torchcode.build`` takes it: an int, or [h, w] where they differ."""
    if isinstance(v, tuple):
        if len(v) != 2:
            raise Unknown("size")
        return v[0] if v[0] == v[1] else [v[0], v[1]]
    return v


def _torch_layer(short: str, named: dict) -> Part:
    built = torchcode.build(short, {k: _pair(v) for k, v in named.items()}, short)
    if built is None:
        raise Unknown(short)
    return lambda shape: torchcode.apply([built], shape)


def _flatten(shape: Shape) -> Shape | None:
    return (shape[0], prod(shape[1:])) if len(shape) >= 2 else None


def _adaptive(size) -> Part:
    h, w = (size, size) if type(size) is int else size
    return lambda shape: shape[:2] + (h, w) if len(shape) == 4 else None


class Classes:
    """The module classes of the note read so far, and the one whose lines are coming."""

    def __init__(self) -> None:
        self.defs: dict[str, ast.ClassDef] = {}
        self.lines: list[str] = []

    def see(self, raw: str) -> None:
        """One line of code: a class opens at the margin, and ends at the next line there."""
        if self.lines and raw.strip() and not raw[0].isspace() and not raw.startswith(")"):
            self._close()
        if not self.lines and _CLASS.match(raw):
            self.lines = [raw]
        elif self.lines:
            self.lines.append(raw)
            if len(self.lines) > MAX_LINES:
                self.lines = []
        if self.lines and not self.lines[0].startswith("class"):
            self.lines = []

    def _close(self) -> None:
        text, self.lines = "\n".join(self.lines), []
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            return
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                keep(self.defs, node.name, node)

    def part(self, text: str, parts: dict | None = None) -> Part | None:
        """What ``text``, one expression, builds: a constructor of ``nn``, an
        ``nn.Sequential``, or a class of the note called; None where it is not read."""
        try:
            node = ast.parse(text.strip(), mode="eval").body
        except (SyntaxError, ValueError):
            return None
        if not isinstance(node, ast.Call):
            return None
        try:
            return self._part(node, {}, dict(parts or {}), 0)
        except (Unknown, RecursionError):
            return None

    def _part(self, node: ast.AST, env: dict, parts: dict, depth: int) -> Part:
        if isinstance(node, ast.Name) and node.id in parts:
            return parts[node.id]
        if not isinstance(node, ast.Call):
            raise Unknown("not a call")
        name = dotted(node.func)
        module, _, short = name.rpartition(".")
        if module in ("nn", "torch.nn"):
            return self._nn(short, node, env, parts, depth)
        if module == "" and short in self.defs and depth < DEPTH:
            return self._instance(self.defs[short], node, env, depth + 1)
        raise Unknown(name)

    def _nn(self, short: str, node: ast.Call, env: dict, parts: dict, depth: int) -> Part:
        if short == "Sequential":
            if node.keywords:
                raise Unknown("Sequential(**)")
            chain = [self._part(a, env, parts, depth) for a in node.args]

            def run(shape: Shape) -> Shape | None:
                for p in chain:
                    shape = p(shape) if shape is not None else None
                return shape
            return run
        if short in KEEPS:
            return lambda shape: shape
        args = [_value(a, env) for a in node.args]
        kws = {_ALIAS.get(k.arg, k.arg): _value(k.value, env) for k in node.keywords if k.arg}
        if short == "Flatten" and not args and not kws:
            return _flatten
        if short in ("AdaptiveAvgPool2d", "AdaptiveMaxPool2d") and len(args) == 1 and not kws:
            return _adaptive(args[0])
        positions = torchcode.POSITIONS.get(short)
        if positions is None or len(args) > len(positions):
            raise Unknown(short)
        kws.update(zip(positions, args))
        kws.pop("inplace", None)
        return _torch_layer(short, kws)

    def _instance(self, cls: ast.ClassDef, call: ast.Call, env: dict, depth: int) -> Part:
        methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
        init, forward = methods.get("__init__"), methods.get("forward")
        if init is None or forward is None:
            raise Unknown("no __init__ or forward")
        local = _bind(init.args, call, env)
        attrs: dict[str, Part] = {}
        for st in init.body:
            if _skipped(st):
                continue
            if not isinstance(st, ast.Assign) or len(st.targets) != 1:
                raise Unknown("statement in __init__")
            target = st.targets[0]
            if isinstance(target, ast.Attribute) and dotted(target.value) == "self":
                try:
                    attrs[target.attr] = self._part(st.value, local, {}, depth)
                except Unknown:
                    attrs.pop(target.attr, None)  # used in forward: the module unknown
                continue
            if isinstance(target, ast.Name):
                try:
                    local[target.id] = _value(st.value, local)
                except Unknown:
                    local.pop(target.id, None)
                continue
            raise Unknown("assignment in __init__")
        return _forward(forward, attrs)


def _skipped(st: ast.stmt) -> bool:
    """``super().__init__()``, a docstring, ``pass``."""
    if isinstance(st, ast.Pass):
        return True
    if isinstance(st, ast.Expr):
        if isinstance(st.value, ast.Constant) and isinstance(st.value.value, str):
            return True
        return isinstance(st.value, ast.Call) and dotted(st.value.func).endswith("__init__")
    return False


def _bind(spec: ast.arguments, call: ast.Call, env: dict) -> dict:
    """``__init__``'s names bound to the call's arguments, its defaults for the rest."""
    if spec.vararg or spec.kwarg or spec.kwonlyargs or spec.posonlyargs:
        raise Unknown("*args")
    names = [a.arg for a in spec.args][1:]
    defaults = dict(zip(names[len(names) - len(spec.defaults):], spec.defaults))
    if len(call.args) > len(names) or any(isinstance(a, ast.Starred) for a in call.args):
        raise Unknown("arguments")
    bound = {n: _value(a, env) for n, a in zip(names, call.args)}
    for k in call.keywords:
        if k.arg is None or k.arg not in names or k.arg in bound:
            raise Unknown("keyword")
        bound[k.arg] = _value(k.value, env)
    for n in names:
        if n not in bound:
            if n not in defaults:
                raise Unknown("missing argument")
            try:
                bound[n] = _value(defaults[n], {})
            except Unknown:
                pass  # a default not read (a function): unknown if used
    return bound


def _forward(fn: ast.FunctionDef, attrs: dict[str, Part]) -> Part:
    spec = fn.args
    if len(spec.args) != 2 or spec.vararg or spec.kwarg or spec.kwonlyargs:
        raise Unknown("forward's arguments")
    given = spec.args[1].arg

    def run(shape: Shape) -> Shape | None:
        tensors = {given: shape}
        try:
            for st in fn.body:
                if _skipped(st):
                    continue
                if isinstance(st, ast.Assign) and len(st.targets) == 1 and \
                        isinstance(st.targets[0], ast.Name):
                    tensors[st.targets[0].id] = _tensor(st.value, tensors, attrs)
                elif isinstance(st, ast.Return) and st.value is not None:
                    return _tensor(st.value, tensors, attrs)
                else:
                    return None
        except (Unknown, SpecError, TypeError, ValueError, ZeroDivisionError):
            return None
        return None
    return run


def _tensor(node: ast.AST, tensors: dict, attrs: dict) -> Shape:
    """The shape of the tensor an expression of ``forward`` makes."""
    if isinstance(node, ast.Name):
        if node.id in tensors and tensors[node.id] is not None:
            return tensors[node.id]
        raise Unknown(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _tensor(node.left, tensors, attrs), _tensor(node.right, tensors, attrs)
        if a != b:
            raise Unknown("a sum of two shapes")
        return a
    if not isinstance(node, ast.Call):
        raise Unknown("expression")
    name = dotted(node.func)
    module, _, short = name.rpartition(".")
    first = node.args[0] if node.args else None
    if module == "self" and short in attrs and len(node.args) == 1 and not node.keywords:
        return _known(attrs[short](_tensor(first, tensors, attrs)))
    if module in FUNCTIONAL and short in KEEP_FUNCS and first is not None:
        return _tensor(first, tensors, attrs)
    if module in FUNCTIONAL and short in _POOL_FUNCS and first is not None:
        args = [_value(a, {}) for a in node.args[1:]]
        kws = {k.arg: _value(k.value, {}) for k in node.keywords if k.arg}
        named = dict(zip(("kernel_size", "stride", "padding"), args), **kws)
        return _known(_torch_layer(_POOL_FUNCS[short], named)(_tensor(first, tensors, attrs)))
    if module in FUNCTIONAL and short == "adaptive_avg_pool2d" and len(node.args) == 2:
        return _known(_adaptive(_value(node.args[1], {}))(_tensor(first, tensors, attrs)))
    if name in ("torch.flatten",) and len(node.args) == 2 and _value(node.args[1], {}) == 1:
        return _known(_flatten(_tensor(first, tensors, attrs)))
    if name == "torch.cat":
        return _cat(node, tensors, attrs)
    if isinstance(node.func, ast.Attribute) and short in ("view", "reshape", "flatten"):
        return _reshaped(short, node, _tensor(node.func.value, tensors, attrs))
    raise Unknown(name)


def _known(shape: Shape | None) -> Shape:
    if shape is None:
        raise Unknown("a layer that does not fit")
    return shape


def _cat(node: ast.Call, tensors: dict, attrs: dict) -> Shape:
    dim = node.args[1] if len(node.args) == 2 else \
        next((k.value for k in node.keywords if k.arg == "dim"), None)
    if not node.args or not isinstance(node.args[0], (ast.List, ast.Tuple)) or dim is None or \
            _value(dim, {}) != 1:
        raise Unknown("cat")
    shapes = [_tensor(e, tensors, attrs) for e in node.args[0].elts]
    if not shapes or len({s[:1] + s[2:] for s in shapes}) != 1:
        raise Unknown("cat of shapes that differ")
    return shapes[0][:1] + (sum(s[1] for s in shapes),) + shapes[0][2:]


def _reshaped(how: str, node: ast.Call, shape: Shape) -> Shape:
    """``x.flatten(1)``, ``x.view(x.size(0), -1)``, ``x.view(-1, 16 * 5 * 5)``."""
    args = node.args
    if how == "flatten":
        if len(args) == 1 and _value(args[0], {}) == 1:
            return _known(_flatten(shape))
        raise Unknown("flatten")
    if len(args) != 2:
        raise Unknown("view")
    batch = isinstance(args[0], ast.Call) and dotted(args[0].func).endswith(".size") or \
        isinstance(args[0], ast.Subscript)
    first = None if batch else _value(args[0], {})
    second = _value(args[1], {})
    if (batch or first == -1) and second == -1:
        if not batch:
            raise Unknown("view(-1, -1)")
        return _known(_flatten(shape))
    if first == -1 and type(second) is int and prod(shape[1:]) == second:
        return (shape[0], second)
    raise Unknown("view")


def beside(number: int, comment: str, due: list) -> list:
    """A shape a comment states beside the statement that made (or printed) a tensor whose
    shape is known, the last of ``due`` (``out = conv(x)  # shape: (1, 32, 224, 224)``,
    ``print(model(x).shape)  # (2, 10)``): judged whole, its batch too unless written as a
    word; a comment that names an input, or a shape of another rank, is not judged."""
    from cnnstat.notes.claims import Claim
    from cnnstat.notes.codeforms.commentshape import INPUT_WORD, stated

    said = stated(comment) if due and comment.strip() else None
    if said is None or INPUT_WORD.search(comment):
        return []
    m, dims, batch = said
    what, want, _ = due[-1]
    whole = tuple(want[1:]) if batch else tuple(want)
    if len(dims) != len(whole) or (dims != whole and sorted(dims) == sorted(whole)):
        return []  # another rank, or the same dims in another order (channels last)
    due.pop()  # shown: the output below, if any, shows the next one
    return [Claim(number, f"{what} -> {m.group(0)}", "shape", m.group(0), str(list(want)),
                  "right" if dims == whole else "wrong",
                  f"layer algebra: {what} gives {list(want)}")]
