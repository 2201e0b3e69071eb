"""A comment that gives the sizes of the layer its code builds: a fully connected layer's
as ``inputs -> outputs``, or the tensor a conv layer takes (``# convolutional layer (sees
16x16x16 tensor)`` over ``self.conv2 = nn.Conv2d(8, 16, 3)``, ``# input: 28x28x32``).

A fully connected layer's sizes as ``inputs -> outputs``, above the code that builds the
layer or beside it: ``# linear layer (64 * 4 * 4 -> 500)`` over ``self.fc1 =
nn.Linear(64 * 28 * 28, 1000)``, ``# fc: 3136 → 128``, ``# 완전연결층 (1024 -> 10)``.
Templates are copied and their code changed while the comment stays: the code is what
runs, so the comment is judged against the ``nn.Linear`` it describes.

The comment holds a layer word (linear, fc, dense, fully connected, 완전연결, 전결합) and
one arrow between two sizes, each a number or a product of numbers; sizes equal on both
sides (``7x7x64 -> 3136``) are the flatten before the layer, not the layer. The layer is
the first statement after the comment that is not a dropout or an activation (comment and
blank lines between), or the statement the comment closes; it must build one
``nn.Linear`` and no other layer, and each of its two sizes counts only where it is plain
arithmetic of numbers (``64 * 28 * 28``). The comment is wrong where a size it gives is
not the code's, right where both are; a size written as a name (``self.N_classes``) is
not judged.

A conv's input: a comment alone on its line with an input word (sees, input, takes, 입력)
and one map of three sides (not a kernel's or a weight's), over an ``nn.Conv2d`` whose input channels are a number. The
channels are the side apart from two equal ones (``16x16x32``: 32, written last;
``32x16x16``: 32, written first), all three where they are equal; sides all different are
not read. The comment is wrong where its channels are not the conv's; where they are, the
height and width are not judged (they depend on the layers ``forward()`` runs before).
"""

from __future__ import annotations

import ast
import re
from math import prod

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms.torchstate import NOT_MAP

SPAN = 10  # lines between the comment and the end of the layer it is above
CONFIDENCE = 0.85  # the comment is taken to describe the layer under it
_SIZE = r"\d{1,7}(?:\s*[*x×]\s*\d{1,7}){0,3}"
_WORD = re.compile(r"\b(?:linear|fc\d?|dense|fully[\s-]?connected|affine)\b|"
                   r"완전\s*연결|전결합", re.I)
_ARROW = re.compile(r"(?<![\w.*])(?P<a>" + _SIZE + r")\s*(?:->|→|=>)\s*(?P<b>" + _SIZE +
                    r")(?![\w.*]|\s*(?:->|→|=>|[x×*]))")
_INPUT = re.compile(r"\bsees\b|\binputs?\b|\btakes\b|\breceives\b|입력", re.I)
_MAP = re.compile(r"(?<![\w.*])(\d{1,5})\s*[x×*]\s*(\d{1,5})\s*[x×*]\s*(\d{1,5})"
                  r"(?![\w.]|\s*[x×*])|"
                  r"[(\[]\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*[)\]]")
_CONV_IN = re.compile(r"\bConv2d\s*\(\s*(?:in_channels\s*=\s*)?(\d{1,5})\s*[,)]")
_LAYER = re.compile(r"\b(?:Conv\w*|Linear|LazyLinear|Bilinear|Dense|Embedding|LSTM|GRU|RNN|"
                    r"Sequential|BatchNorm\w*)\s*\(")
_PASSED = re.compile(r"\b(?:Dropout\w*|ReLU|LeakyReLU|ELU|GELU|SiLU|Tanh|Sigmoid|Identity)\s*\(")
_ARROWS = re.compile(r"->|→|=>")
_OPS = (ast.Mult, ast.Add, ast.Sub, ast.FloorDiv)


def _number(text: str) -> int:
    return prod(int(p) for p in re.split(r"\s*[*x×]\s*", text.strip()))


def _value(node: ast.AST) -> int | None:
    """A size the code writes as plain arithmetic of numbers; None for anything else."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, _OPS):
        a, b = _value(node.left), _value(node.right)
        if a is None or b is None or (isinstance(node.op, ast.FloorDiv) and b == 0):
            return None
        if isinstance(node.op, ast.Mult):
            return a * b
        if isinstance(node.op, ast.Add):
            return a + b
        return a - b if isinstance(node.op, ast.Sub) else a // b
    return None


def _sizes(code: str) -> tuple[int | None, int | None] | None:
    """The two sizes of the one ``nn.Linear`` a statement builds; None where it builds none,
    or another layer too, or cannot be parsed."""
    found = [m for m in _LAYER.finditer(code)]
    if len(found) != 1 or found[0].group(0).split("(")[0].strip() != "Linear":
        return None
    try:
        tree = ast.parse(code.strip().rstrip(","), mode="exec")
    except SyntaxError:
        try:
            tree = ast.parse(code[found[0].start():].strip().rstrip(","), mode="exec")
        except SyntaxError:
            return None
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and
             (getattr(n.func, "attr", None) or getattr(n.func, "id", None)) == "Linear"]
    if len(calls) != 1:
        return None
    args = {k: v for k, v in zip(("in_features", "out_features"), calls[0].args)}
    args.update({k.arg: k.value for k in calls[0].keywords if k.arg})
    if "in_features" not in args or "out_features" not in args:
        return None
    return _value(args["in_features"]), _value(args["out_features"])


class LayerNote:
    def __init__(self) -> None:
        self.pending: tuple[int, str, re.Match] | None = None  # the comment waiting
        self.since = 0
        self.code: list[str] = []  # a statement that goes on over lines
        self.fallback: list[Claim] = []  # another reader's "right", where the code says none

    def held(self, number: int, found: list) -> list:
        """Another reader's findings on a comment this one holds: its "right" waits for the
        code below (the comment chain it follows may be as stale as the comment)."""
        if self.pending is None or self.pending[0] != number:
            return found
        self.fallback = [c for c in found if isinstance(c, Claim) and c.verdict == "right"]
        return [c for c in found if not (isinstance(c, Claim) and c.verdict == "right")]

    def check_line(self, number: int, raw: str) -> list[Claim]:
        if self.pending is None and "#" not in raw:
            return []
        body, _, comment = raw.partition("#")
        if not body.strip():
            m = _held(comment) if comment else None
            if m is not None:
                out = self._drop()
                self.pending, self.since, self.code = (number, comment, m), number, []
                return out
            return []
        beside = _linear(comment) if comment else None
        out: list[Claim] = []
        if self.pending is not None and number - self.since > SPAN:
            out = self._drop()
        if self.pending is not None:
            self.code.append(body)
            joined = " ".join(self.code)
            if _open(joined) and len(self.code) < 8:
                return []
            at, text, m = self.pending
            self.code = []
            if _LAYER.search(joined) is None and _PASSED.search(joined):
                return []  # a layer that keeps the shape ('self.drop = nn.Dropout(0.5)')
            out = _judge(at, text, m, joined) or self.fallback
            self.pending, self.fallback = None, []
        if beside is not None and not out and _open(body) == 0:
            out = _judge(number, comment, beside, body)
        return out

    def _drop(self) -> list[Claim]:
        out, self.pending, self.code, self.fallback = self.fallback, None, [], []
        return out


def _linear(comment: str) -> re.Match | None:
    """``linear layer (64 * 4 * 4 -> 500)``: a layer word and one arrow."""
    if not _WORD.search(comment) or len(_ARROWS.findall(comment)) != 1:
        return None
    return _ARROW.search(comment)


def _held(comment: str) -> re.Match | None:
    """A comment alone on its line that speaks of the layer below it."""
    m = _linear(comment)
    if m is not None:
        return m
    if _INPUT.search(comment) and len(_MAP.findall(comment)) == 1 and \
            not _ARROWS.search(comment) and not NOT_MAP.search(comment):
        return _MAP.search(comment)
    return None


def _channels(m: re.Match) -> int | None:
    a, b, c = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    if a == b == c:
        return a
    if a == b:
        return c
    return a if b == c else None


def _open(code: str) -> int:
    return code.count("(") - code.count(")") + code.count("[") - code.count("]")


def _judge(line: int, comment: str, m: re.Match, code: str) -> list[Claim]:
    if m.re is _MAP:
        return _judge_input(line, comment, m, code)
    got = _sizes(code)
    if got is None or got == (None, None):
        return []
    a, b = _number(m.group("a")), _number(m.group("b"))
    if a == b:
        return []  # "7x7x64 -> 3136": the flatten before the layer, not the layer
    x, y = got
    off = (x is not None and x != a) or (y is not None and y != b)
    if not off and (x is None or y is None):
        return []
    want = f"{x if x is not None else a} -> {y if y is not None else b}"
    how = "the nn.Linear the comment is above or beside: " + " ".join(code.split())[:80]
    text = comment.strip()
    return [Claim(line, text, "shape", m.group(0), want, "wrong" if off else "right",
                  how, (), "", CONFIDENCE)]


def _judge_input(line: int, comment: str, m: re.Match, code: str) -> list[Claim]:
    """The channels of a map a comment says a conv takes, against the conv's."""
    found = list(_LAYER.finditer(code))
    conv = _CONV_IN.search(code)
    channels = _channels(m)
    if len(found) != 1 or conv is None or channels is None or "groups" in code:
        return []
    want = int(conv.group(1))
    if want == channels:
        return []  # the sides depend on what forward() runs before: not judged
    how = (f"the conv below takes {want} channels, not {channels}: "
           + " ".join(code.split())[:80])
    return [Claim(line, comment.strip(), "shape", m.group(0), f"{want} channels", "wrong",
                  how, (), "", CONFIDENCE)]


def read(at) -> list[Claim]:
    """The reader (``registry``): a line of code, for the comment it may hold."""
    return at.state.layer_note.check_line(at.line.number, at.line.raw)


def comments(at) -> list:
    """``commentchain``'s findings on a line ('nn.Conv2d(...),  # output (16, 28, 28)'),
    less the "right" of a comment this reader holds for the layer below it."""
    return at.state.layer_note.held(
        at.line.number, at.state.code_comments.code_line(at.line.number, at.line.raw))
