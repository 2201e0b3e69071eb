"""A comment that sets out a step of a PyTorch model as its input and output, above the
code that builds the step or beside it: ``# Input: (batch, 256, 32, 32) → Output: (batch,
512, 32, 32)``, ``# (b, 3, 64, 64) -> (b, 16, 32, 32)``, ``# in 32x32x64, out 16x16x128``,
``# 입력 (N, 64, 28, 28) → 출력 (N, 128, 14, 14)``. The output is the input taken through
the layers the code builds, by the layer algebra (``torchast.apply``): a statement
(``model += [nn.Conv2d(...), ...]``, ``layers.append(nn.MaxPool2d(2))``, ``self.conv =
nn.Conv2d(...)``, ``nn.Sequential(...)``), or above the code, the run of statements that
follows the comment with nothing else between (a comment over several layers).

Channels written as names (``ndf * nf_mult``) are not read: the height and width alone are
judged then. Nothing is judged where a layer's settings are not all read (a helper of the
note's own, a name for a kernel or stride), where a channel count the code gives is not the
one stated (the comment is about other code), or where the sides are not one orientation.
Above the code, the output is right as soon as a run of the statements gives it, and wrong
only when none does, once the run ends (a blank line, a comment); a loop or other code
after the layers forgets the comment (it may be of more than the run), and a run of a
module's attributes alone (``self.conv = ...``) that misses the output is unsure:
``forward()`` may apply more than they build. ``pair`` is also how ``kerascode`` reads a
Keras layer's comment that gives its input.
"""

from __future__ import annotations

import ast
import re

from cnnstat.notes.codeforms import torchcode
from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms.commentshape import ARROW, INPUT_WORD, Shape
from cnnstat.notes.codeforms.torchast import KEEPS, apply, dotted, literal

_BATCH = r"(?:None|batch(?:_size)?|bs|[NnBb]|-1|\?)"
_DIM = r"\d{1,5}"
SIDE = _SIDE = re.compile(r"[(\[]\s*(?:" + _BATCH + r"\s*,\s*)?(" + _DIM + r"(?:\s*,\s*" + _DIM +
                   r"){2,3})\s*,?\s*[)\]]|(?<![\w.*])(" + _DIM + r"\s*[x×*]\s*" + _DIM +
                   r"\s*[x×*]\s*" + _DIM + r")(?![\w.]|\s*[x×*])")
_OUTPUT_WORD = re.compile(r"\boutputs?\b|\bout\s*[:=]|출력", re.I)
CONTROL = ("for ", "while ", "if ", "elif ", "else", "def ", "class ", "with ", "try",
           "except", "return", "@")
_ADDS = ("append", "extend", "add_module", "insert")
# a name set from other names before the layers (``mult = min(2 ** n, 8)``): no layer
_SETTING = re.compile(r"^[A-Za-z_]\w*\s*[-+*]?=\s*(?:(?:min|max|int|round|abs)\s*\(|[^()]*$)")
GAP = 8  # lines from the comment to the first statement that builds layers
UNSURE_NAMES = 0.8  # channels written as names: the height and width alone judged
UNSURE_DEFS = 0.4  # a module's attributes: forward() may apply more than they build


def _orient(dims: tuple[int, ...]) -> str | None:
    """"first" (C, H, W), "last" (H, W, C), "any" (all three equal) or None."""
    if dims[0] == dims[1] == dims[2]:
        return "any"
    if dims[1] == dims[2]:
        return "first"
    if dims[0] == dims[1]:
        return "last"
    return None


def pair(comment: str):
    """(input, output, the output's match, orientation) a comment states; None where it
    states not exactly two maps, one the other's input."""
    found = list(_SIDE.finditer(comment))
    if len(found) != 2:
        return None
    a, b = found
    between = comment[a.end():b.start()]
    if not (ARROW.search(between) or (INPUT_WORD.search(comment, 0, a.start()) and
                                      _OUTPUT_WORD.search(between))):
        return None
    if ARROW.search(comment, b.end()) or ARROW.search(comment, 0, a.start()):
        return None  # a chain of more than one step
    sides = []
    for m in (a, b):
        text = m.group(1) or m.group(2)
        dims = tuple(int(x) for x in re.split(r"\s*[,x×*]\s*", text.strip()))
        if len(dims) == 4:
            dims = dims[1:]  # a batch written as a number
        sides.append(dims)
    oa, ob = _orient(sides[0]), _orient(sides[1])
    if oa is None or ob is None or (oa != ob and "any" not in (oa, ob)):
        return None
    way = oa if oa != "any" else ob
    if way == "last":
        sides = [d[2:] + d[:2] for d in sides]
    return sides[0], sides[1], b, way


def split(lines: list) -> tuple[int, str, str]:
    """The input and output of a statement that builds one layer stated on two of its
    lines' comments, each a setting's (``nn.Conv2d( in_channels = 1,  # In : 1 x 224 x
    224`` / ``out_channels = 32,  # Out : 32 x 220 x 220``): the output's line and the two
    joined as one comment (``pair`` reads it); (0, "", "") where no line but the first opens
    with an output word after one that opens with an input word."""
    sides = []
    for number, _, comment in lines:
        head = comment.lstrip(" #")
        word = INPUT_WORD.match(head) or _OUTPUT_WORD.match(head)
        m = _SIDE.search(head) if word is not None else None
        if m is not None:
            sides.append((number, word.group(0), head[word.end():m.end()]))
    if len(sides) != 2 or not INPUT_WORD.match(sides[0][1]) or \
            not _OUTPUT_WORD.match(sides[1][1]):
        return 0, "", ""
    return sides[1][0], "", " ".join(w + text for _, w, text in sides)


def _loose(node: ast.AST):
    """What one constructor builds, its channels where written as names left unknown:
    (layer, channels read); None where it is not a layer; "?" where its settings are not
    all read."""
    if not isinstance(node, ast.Call):
        return "?"
    name = dotted(node.func)
    module, _, short = name.rpartition(".")
    if module not in ("nn", "torch.nn"):
        return "?"
    if short in KEEPS:
        return "keep", True
    names = torchcode.POSITIONS.get(short)
    if names is None or short == "Linear" or len(node.args) > len(names):
        return "?"
    named, known = {}, True
    pairs = list(zip(names, node.args)) + [(k.arg, k.value) for k in node.keywords]
    for key, value in pairs:
        try:
            named[key] = literal(value)
        except ValueError:
            if key not in ("in_channels", "out_channels"):
                return "?"
            known = False
            if key == "out_channels":
                named[key] = 1
    if named.get("in_channels") is not None and not known:
        named.pop("in_channels")
    lay = torchcode.build(short, named, name)
    return (lay, known) if lay is not None else "?"


def built(node: ast.AST):
    """The layers a statement builds, in order; None where it builds none; "?" where one
    is not read."""
    value = None
    if isinstance(node, (ast.Assign, ast.AugAssign)):
        value = node.value
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and \
            isinstance(node.value.func, ast.Attribute) and node.value.func.attr in _ADDS \
            and node.value.args:
        value = node.value.args[-1]
    if isinstance(value, ast.Call) and dotted(value.func).rpartition(".")[2] == "Sequential":
        elements = list(value.args)
    elif isinstance(value, (ast.List, ast.Tuple)):
        elements = list(value.elts)
    elif isinstance(value, ast.Call) and dotted(value.func).startswith(("nn.", "torch.nn.")):
        elements = [value]
    else:
        return None
    if not elements:
        return None
    out = [_loose(e) for e in elements]
    return "?" if "?" in out else out


class Pending:
    """A comment's input and output, and the layers of the statements after it so far."""

    def __init__(self, number: int, comment: str, got, indent: int) -> None:
        self.number, self.comment, self.indent = number, comment, indent
        self.a, self.b, self.match, self.way = got
        self.layers: list = []
        self.lines: list[int] = []
        # every statement a module's attribute (self.conv = ...): forward() may apply
        # more between them (F.max_pool2d), so an output they do not give is unsure
        self.defs_only = True


def judge(p: Pending, final: bool) -> list[Claim] | None:
    """The claim on ``p``'s output once its layers give it (right) or, ``final``, where
    they never did (wrong); None where nothing is known yet, [] where nothing is judged."""
    layers = [lay for lay, _ in p.layers]
    known = all(k for _, k in p.layers)
    shape: Shape | None = apply(layers, p.a) if known else \
        apply([_open(lay) for lay in layers], p.a)
    if shape is None or len(shape) != 3:
        return []
    spatial_ok = shape[1:] == p.b[1:]
    if known and shape[0] != p.b[0]:
        return [] if final else None  # channels not the comment's: another step's code
    if spatial_ok:
        return _claim(p, shape, known, "right")
    return _claim(p, shape, known, "wrong") if final else None


def _open(lay):
    """A layer whose channels are names: it takes any channels."""
    return lay if lay == "keep" else lay._replace(in_channels=None)


def _claim(p: Pending, shape: Shape, known: bool, verdict: str) -> list[Claim]:
    want = shape if known else (p.b[0],) + tuple(shape[1:])
    shown = want[1:] + want[:1] if p.way == "last" else want
    text = ", ".join(map(str, shown))
    where = f"line {p.lines[0]}" if len(set(p.lines)) == 1 else \
        f"lines {p.lines[0]}-{p.lines[-1]}"
    how = f"the layers the code on {where} builds, by the layer algebra" + \
        ("" if known else "; channels written as names: height and width alone")
    sure = 1.0 if known or verdict == "right" else UNSURE_NAMES
    if verdict == "wrong" and p.defs_only:
        sure = UNSURE_DEFS
    m = p.match
    return [Claim(p.number, p.comment.strip(), "shape", m.group(0), text, verdict, how, (),
                  text, sure)]


class Pairs:
    """The comment pair waiting for its code, in one fence of PyTorch code."""

    def __init__(self) -> None:
        self.pending: Pending | None = None

    def plain_line(self, number: int, raw: str) -> list[Claim]:
        """A line outside any statement: a blank line or another comment ends a run; a
        comment with a pair starts one; a loop, a definition or other code after the
        layers forgets it (the comment may be of more than the run)."""
        head = raw.strip()
        out: list[Claim] = []
        p = self.pending
        if p is not None:
            if p.layers and (not head or head.startswith("#")):
                out = self._end()  # a blank line or a comment: the run ends
            elif head.startswith(CONTROL) or number - p.number > GAP or p.layers or \
                    (head and not head.startswith("#") and not _SETTING.match(head)):
                self.pending = None  # a loop, other code: the comment may be of more
        if head.startswith("#"):
            got = pair(head[1:])
            if got is not None:
                if self.pending is not None:
                    out += self._end()
                indent = len(raw) - len(raw.lstrip())
                self.pending = Pending(number, head, got, indent)
        return out

    def statement(self, node: ast.AST, lines: list) -> list[Claim]:
        """A statement read whole: beside it, a pair judged at once; above it, the run
        goes on."""
        layers = built(node)
        one = isinstance(layers, list) and len(layers) == 1 and len(lines) > 1
        for number, code, comment in (lines[0], lines[-1]) + ((split(lines),) if one else ()):
            got = pair(comment) if comment and layers and layers != "?" else None
            if got is not None:
                p = Pending(number, "# " + comment, got, 0)
                p.layers, p.lines = layers, [lines[0][0], lines[-1][0]]
                p.defs_only = False  # beside one layer's code: that layer's output
                return judge(p, True) or []
        p = self.pending
        if p is None:
            return []
        if layers is None:
            if p.layers or not _SETTING.match(lines[0][1].strip()):
                self.pending = None  # other code (a helper of the note's own): not read
            return []
        indent = len(lines[0][1]) - len(lines[0][1].lstrip())
        if layers == "?" or indent != p.indent:
            self.pending = None
            return []
        p.layers += layers
        p.defs_only &= isinstance(node, ast.Assign) and \
            isinstance(node.targets[0], ast.Attribute)
        p.lines.append(lines[0][0])
        p.lines.append(lines[-1][0])
        got = judge(p, False)
        if got is None:
            return []
        self.pending = None
        return got

    def _end(self) -> list[Claim]:
        p, self.pending = self.pending, None
        if p is None or not p.layers:
            return []
        return judge(p, True) or []
