"""What a note's code prints, shown in a comment after the ``print``.

Notes paste short Python and write what it prints beside it::

    model = models.resnet50()
    total = sum(p.numel() for p in model.parameters())
    print(f"Total parameters: {total:,}")         # 25,557,032
    print(f"Size (MB): {total * 4 / 1e6:.1f}")    # 97.5 MB
    expected = (224 + 2 * 2 - 11) // 4 + 1
    print(f"Expected output size: {expected}x{expected}")  # 55x55

An ``assert a == b`` is worked out on both sides. A name gets a value (at the top level
only: an indented line may run many times; a name changed in any other way, ``x += 1``,
``a, b = ...``, a ``for`` loop, is no longer known) from plain arithmetic over numbers and names already known (Python's
``//`` floors), or from counting a layer's parameters (``conv = nn.Conv2d(3, 64, 3)``,
whose ``{conv.weight.shape}`` and ``{conv.bias.numel()}`` print too) or a torchvision model's, taken from the bundled
spec that matches it (``torchvision.models.resnet50``; every parameter of such a model is
trainable, so ``if p.requires_grad`` counts the same). A ``print`` of an f-string whose
fields all have values is formatted as Python would (``:,``, ``:.1f``), and the numbers it
prints are compared with the numbers in the comment, in order; a comment with another
count of numbers, or a field with no value, is not judged.
"""

from __future__ import annotations

import ast
import math
import re

from cnnstat.notes.claims import Claim

_ASSIGN = re.compile(r"^\s*([A-Za-z_]\w{0,40})\s*=\s*([^=].{0,300})$")
_PRINT = re.compile(r"^\s*print\(\s*f([\"'])(.{0,300}?)\1\s*\)\s*#\s*(.{1,120})$")
_FIELD = re.compile(r"\{([^{}:!]{1,120})(?::([,.0-9a-z%]{0,12}))?\}")
_MODEL = re.compile(r"^(?:torchvision\.)?models\.([a-z0-9_]{2,40})\(\s*(?:weights\s*=\s*None"
                    r"|pretrained\s*=\s*False)?\s*\)\s*$")
_COUNT = re.compile(r"^sum\(\s*(\w+)\.numel\(\)\s+for\s+\1\s+in\s+(\w+)\.parameters\(\)"
                    r"(?:\s+if\s+\1\.requires_grad)?\s*\)\s*$")
_ASSERT = re.compile(r"^\s*assert\s+([^=]{1,200}?)\s*==\s*([^=,]{1,60}?)\s*(?:,.*)?$")
_CHANGED = re.compile(r"^\s*(?:for\s+([\w\s,()]+?)\s+in\b|([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)"
                      r"\s*=[^=]|([A-Za-z_]\w*)\s*(?:[-+*/%@&|^]|//|\*\*)=)")
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
MAX_NAMES = 256


class Printed:
    def __init__(self) -> None:
        self.values: dict[str, float | int] = {}
        self.models: dict[str, int] = {}  # name -> parameters
        self.tensors: dict[str, dict[str, tuple[int, ...]]] = {}  # a layer's weight, bias

    def check_line(self, number: int, raw: str) -> list[Claim]:
        if "=" not in raw and "print" not in raw:
            return []
        p = _PRINT.match(raw)
        if p is not None and not raw[:1].isspace():  # an indented print may run often
            return self._print(number, p.group(2), p.group(3))
        t = _ASSERT.match(raw.split("#", 1)[0].rstrip())
        if t is not None:
            return self._assert(number, t.group(1), t.group(2))
        code = raw.split("#", 1)[0].rstrip()
        changed = _CHANGED.match(code)
        if changed is not None:  # x += 1, a, b = ..., for i in ...: a value no longer known
            names = " ".join(g for g in changed.groups() if g)
            for name in re.findall(r"[A-Za-z_]\w*", names):
                self.values.pop(name, None)
            return []
        a = _ASSIGN.match(code)
        if a is not None and code[:1].isspace():  # indented: in a loop or a function,
            self.values.pop(a.group(1), None)      # run any number of times
            return []
        if a is None or len(self.values) >= MAX_NAMES:
            return []
        name, rhs = a.group(1), a.group(2).strip()
        self.values.pop(name, None)
        self.models.pop(name, None)
        self.tensors.pop(name, None)
        built = _LAYER.match(rhs)
        if built is not None:  # conv = nn.Conv2d(3, 64, kernel_size=3): its tensors
            got = layer_tensors(built.group(1), built.group(2))
            if got is not None:
                self.tensors[name] = got
                self.models[name] = sum(math.prod(t) for t in got.values())
            return []
        m = _MODEL.match(rhs)
        if m is not None:
            params = _torchvision_params(m.group(1))
            if params is not None:
                self.models[name] = params
            return []
        c = _COUNT.match(rhs)
        if c is not None:
            if c.group(2) in self.models:
                self.values[name] = self.models[c.group(2)]
            return []
        value = _evaluate(rhs, self.values)
        if value is not None:
            self.values[name] = value
        return []

    def _assert(self, number: int, left: str, right: str) -> list[Claim]:
        """``assert 64 * (32 * 9 + 1) == 18496``: both sides worked out."""
        a, b = _evaluate(left, self.values), _evaluate(right, self.values)
        if a is None or b is None or not re.search(r"[-+*/]", left):
            return []
        text = f"{left.strip()} == {right.strip()}"
        return [Claim(number, text, "arithmetic", right.strip(), a,
                      "right" if a == b else "wrong",
                      f"the assertion worked out: {left.strip()} = {a:,}")]

    def _print(self, number: int, template: str, comment: str) -> list[Claim]:
        fields = list(_FIELD.finditer(template))
        if not fields:
            return []
        shown, stated = [], _NUMBER.findall(comment)
        for f in fields:
            t = _TENSOR.match(f.group(1).strip())
            dims = self.tensors.get(t.group(1), {}).get(t.group(2)) if t else None
            if dims is not None and not f.group(2):  # {conv.weight.shape}, .numel()
                shown.append(f"torch.Size({list(dims)})" if t.group(3) != "numel" else
                             str(math.prod(dims)))
                continue
            value = _evaluate(f.group(1), self.values)
            if value is None:
                return []
            try:
                text = format(value, f.group(2) or "")
            except (ValueError, TypeError):
                return []
            shown.append(text)
        got = [x for s in shown for x in _NUMBER.findall(s)]
        if not got or len(got) != len(stated):
            return []
        ok = all(_same(a, b) for a, b in zip(got, stated))
        return [Claim(number, f"print → {comment.strip()}", "arithmetic", comment.strip(),
                      " ".join(shown), "right" if ok else "wrong",
                      "the f-string formatted with the values above it: " + " ".join(shown))]


_LAYER = re.compile(r"^(?:torch\.)?nn\.(Conv[12]d|Linear)\s*\((.{0,200})\)\s*$")
_TENSOR = re.compile(r"^([A-Za-z_]\w*)\.(weight|bias)\.(shape|numel|size)(?:\(\))?$")


def layer_tensors(name: str, args: str) -> dict[str, tuple[int, ...]] | None:
    """The weight's and the bias's shapes of ``nn.Conv2d(...)``/``nn.Linear(...)`` as
    PyTorch stores them ((out, in, kh, kw), (out,)), held to the layer algebra's count
    (``layercomment.layer``); None where an argument is not a number written in the call."""
    from cnnstat.notes.paramcounts.layercomment import layer

    got = layer(name, args)
    try:
        call = ast.parse(f"f({args})", mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    if got is None or not isinstance(call, ast.Call) or len(call.args) < 2 or \
            not all(isinstance(a, ast.Constant) and type(a.value) is int for a in call.args[:2]):
        return None
    c_in, out = call.args[0].value, call.args[1].value
    weight = (out, c_in)
    if name != "Linear":
        k = next((kw.value for kw in call.keywords if kw.arg == "kernel_size"),
                 call.args[2] if len(call.args) > 2 else None)
        side = k.value if isinstance(k, ast.Constant) and type(k.value) is int else None
        groups = next((kw.value for kw in call.keywords if kw.arg == "groups"), None)
        if side is None or groups is not None:
            return None
        weight = (out, c_in) + ((side,) if name == "Conv1d" else (side, side))
    tensors = {"weight": weight}
    if got[2]:
        tensors["bias"] = (out,)
    return tensors if sum(math.prod(t) for t in tensors.values()) == got[1] + got[2] else None


def _same(a: str, b: str) -> bool:
    return float(a.replace(",", "")) == float(b.replace(",", ""))


# a character no arithmetic of numbers and names holds: a subscript, a literal, a tuple,
# a comparison, a bitwise or other operator ``_node`` refuses, or no Python at all
_NOT_ARITHMETIC = re.compile(r"[\[\]{},:;=<>!&|^~@$?'\"`]")


def _evaluate(text: str, names: dict):
    """Plain arithmetic over numbers and known names, as Python computes it; None for
    anything else (a call, an attribute, an unknown name, a huge power)."""
    if _NOT_ARITHMETIC.search(text):
        return None  # parsed, it is no arithmetic ``_node`` reads, or no Python at all
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    try:
        return _node(tree, names, 0)
    except (ValueError, ZeroDivisionError, OverflowError, KeyError, TypeError):
        return None


_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
        ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b,
        ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b}


def _node(node, names: dict, depth: int):
    if depth > 40:
        raise ValueError("too deep")
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.Name):
        return names[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _node(node.operand, names, depth + 1)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a, b = _node(node.left, names, depth + 1), _node(node.right, names, depth + 1)
        if isinstance(node.op, ast.Pow):
            if abs(b) > 64 or abs(a) > 10**6:
                raise ValueError("power too large")
            return a ** b
        op = _OPS.get(type(node.op))
        if op is None:
            raise ValueError("operator")
        return op(a, b)
    raise ValueError("not arithmetic")


def _torchvision_params(name: str) -> int | None:
    """The parameters of ``torchvision.models.<name>()``, from the bundled spec that
    matches it."""
    from cnnstat.notes.modelfacts.models import figures
    from cnnstat.models.zoo import bundled_names, load_bundled

    for spec in (name, f"{name}-tv"):
        if spec not in bundled_names():
            continue
        try:
            matches = load_bundled(spec).matches or ""
        except Exception:  # noqa: BLE001 - a spec that does not load is not used
            continue
        if matches.split(" ")[0] == f"torchvision.models.{name}":
            f = figures(spec)
            return f.params if f is not None else None
    return None
