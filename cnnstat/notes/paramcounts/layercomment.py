"""A layer built in code with its parameter count in the comment beside it::

    ('fc1', nn.Linear(28*28*1, 60)),   # params 23520
    self.conv1 = nn.Conv2d(1, 6, kernel_size=5)  # of params : (5*5*1*6) + (1*6) = 156
    self.fc = nn.Linear(in_features=128*26*26,
                        out_features=136)  # [ n_parameters = (512*6*6)*136 = 2506752 ]
    layers.Dense(10, input_shape=(784,)),  # 7,850 parameters
    Conv2D(16, (3, 3), input_shape=(300, 300, 3)),  # 298x298x16, 448(param)

The layer is read from the call alone (PyTorch's ``Linear``, ``Conv1d``, ``Conv2d``;
Keras's ``Dense`` and ``Conv2D`` where the same call gives its input's shape), its
arguments plain arithmetic of numbers, over one line or the lines of one call; its count
comes from the layer algebra (``cnnstat.layers``): weights, and the biases the call keeps
(``bias=False``, ``use_bias=False`` none). The comment's figure is the one a parameter
word stands beside (``params 23520``, ``n_parameters = ... = 2506752``, ``448(param)``,
``파라미터: 156``); written with a calculation, the calculation's result.

Judged, where a comment on a line of the call gives one: right where it is the layer's
count; wrong where it is neither that count nor its weights alone (the term left out or
added is named where one is); unsure where it is the weights alone of a layer with biases
(whether a note counts biases is its convention), or where the comment says weights and
gives the whole. Not judged: a comment that counts more than the layer (total, so far,
누적), a call that builds a second layer with parameters, a call in a comment (code
switched off), an argument that is a name.
"""

from __future__ import annotations

import ast
import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms.kerascode import CALL_NEEDS
from cnnstat.notes.paramcounts import layerside
from cnnstat.notes.paramcounts.prosein import given_input, per_unit
from cnnstat.notes.reading.grammar import Parser, value
from cnnstat.notes.reading.normalise import scan
from cnnstat.notes.reading.numbers import plain
from cnnstat.notes.reading.numerals import Refused, read_number

CONFIDENCE = 0.9  # the comment is taken to count the layer its line builds
# what a line must hold to open, go on with or close a call (Keras's calls' prefilter:
# one slot for both readers, so that a code line's few slots are tested alone)
NEEDS = CALL_NEEDS
_NEEDS = re.compile("|".join(map(re.escape, CALL_NEEDS)), re.I)  # for prose: NEEDS's words
LINES = 8  # the most lines one call is read over
_QUICK = re.compile(r"Linear|Conv[12]d|Dense|Conv2D|Convolution2D|BatchNorm[123]d")

_CALL = re.compile(r"(?<![\w.])(?:(?:torch\.)?nn\.|(?:tf\.)?(?:keras\.)?layers\.)?"
                   r"(?P<name>Linear|Conv1d|Conv2d|Dense|Conv2D|Convolution2D|BatchNorm[123]d)\s*\(")
_OTHER = re.compile(r"(?<![\w.])(?:(?:torch\.)?nn\.|(?:tf\.)?(?:keras\.)?layers\.)?"
                    r"(?:Linear|Conv\w*|Dense|BatchNorm\w*|LayerNorm|Embedding|LSTM|GRU|"
                    r"Bilinear|SeparableConv\w*|DepthwiseConv\w*|LazyLinear)\s*\(")
_WORD = re.compile(r"n_?param(?:eter)?s?|#\s*of\s*params?|num_?params|param(?:eter)?s?"
                   r"(?:\s*(?:#|count|수|개수))?|파라미터(?:\s*(?:수|개수))?|매개\s*변수(?:\s*수)?|"
                   r"(?P<w>weights?|가중치)(?:\s*(?:수|개수))?", re.I)
_MORE = re.compile(r"\btotal|so\s*far|\bcumul|\baccumul|\brunning\b|\ball\s+layers|\bsum\b|"
                   r"\bmodel\b|\bnet(?:work)?\b|\boverall\b|\bentire\b|\bwhole\b|"
                   r"누적|합계|전체|총|모델|네트워크", re.I)
# a figure or a calculation after the word: a comma only inside a digit group
_EXPR = re.compile(r"[0-9(](?:[0-9 \t()*+×x·/^._=-]|,(?=[0-9]{3}(?![0-9]))){0,120}")
_BEFORE = re.compile(r"(?<![\w.])([0-9][0-9,]*)\s*(?:개의?)?\s*\(?\s*"
                     r"(?:(?:learnable|trainable)\s+)?$", re.I)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")


def _split(raw: str) -> tuple[str, str, int]:
    """The code of a line and its comment (after ``#`` or ``//`` outside a string), and
    where the comment starts."""
    quote = ""
    for k, ch in enumerate(raw):
        if quote:
            quote = "" if ch == quote and raw[k - 1] != "\\" else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" or (raw.startswith("//", k) and (not raw[:k].strip() or
                                                         raw[:k].rstrip()[-1] in ";{},)")):
            return raw[:k], raw[k:], k
    return raw, "", len(raw)


def _int(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Add, ast.Sub)):
        a, b = _int(node.left), _int(node.right)
        if a is None or b is None:
            return None
        return a * b if isinstance(node.op, ast.Mult) else a + b if \
            isinstance(node.op, ast.Add) else a - b
    return None


def _pair(node: ast.AST | None) -> tuple[int, int] | None:
    if node is None:
        return None
    if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == 2:
        a, b = _int(node.elts[0]), _int(node.elts[1])
        return (a, b) if a and b else None
    k = _int(node)
    return (k, k) if k else None


def _flag(node: ast.AST | None, default: bool = True) -> bool | None:
    if node is None:
        return default
    return node.value if isinstance(node, ast.Constant) and type(node.value) is bool else None


def layer(name: str, args: str, given: int | None = None) -> tuple[str, int, int] | None:
    """(the layer as written out, its weights, its biases) for a call's arguments; None
    where they are not all known. ``given``: a Keras layer's input channels or features
    where the call does not give them (the model's shape before it); a batch norm's
    scales and shifts are its weights."""
    from cnnstat.layers import KINDS

    try:
        call = ast.parse(f"f({args})", mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    if not isinstance(call, ast.Call) or any(isinstance(a, ast.Starred) for a in call.args) \
            or any(k.arg is None for k in call.keywords):
        return None
    pos, kw = call.args, {k.arg: k.value for k in call.keywords}
    if name.startswith("BatchNorm"):
        got = dict(zip(("num_features", "eps", "momentum", "affine"), pos)) | kw
        c, affine = _int(got.get("num_features")), _flag(got.get("affine"))
        if not c or affine is None or len(pos) > 4:
            return None
        params = KINDS["bn"].make({"affine": affine}).apply((c, 1, 1)).params
        return f"{name}({args.strip()})", params, 0
    torch = name in ("Linear", "Conv1d", "Conv2d")
    if torch:
        names = ("in_features", "out_features", "bias") if name == "Linear" else \
            ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
             "groups", "bias")
        if len(pos) > len(names) or any(n in kw for n in names[:len(pos)]):
            return None
        got = dict(zip(names, pos)) | kw
        bias = _flag(got.get("bias"))
        c_in, out = _int(got.get(names[0])), _int(got.get(names[1]))
        if name == "Linear":
            kernel, groups = (1, 1), 1
        else:
            k = got.get("kernel_size")
            kernel = (1, _int(k)) if name == "Conv1d" and _int(k) else _pair(k)
            groups = _int(got["groups"]) if "groups" in got else 1
    else:  # Keras: the input's shape from the same call
        if len(pos) > (1 if name == "Dense" else 2):
            return None
        got = dict(zip(("units",) if name == "Dense" else ("filters", "kernel_size"), pos)) | kw
        bias = _flag(got.get("use_bias"))
        out = _int(got.get("units" if name == "Dense" else "filters"))
        shape = got.get("input_shape")
        dims = [_int(e) for e in shape.elts] if isinstance(shape, (ast.Tuple, ast.List)) \
            else []
        if name == "Dense":
            c_in = _int(got["input_dim"]) if "input_dim" in got else \
                dims[0] if len(dims) == 1 else given if not dims else None
            kernel, groups = (1, 1), 1
        else:  # (1, 28, 28): channels first where the config says so, not the call
            c_in = dims[-1] if len(dims) == 3 and not (dims[0] or 9) <= 4 < (dims[-1] or 0) \
                else given if not dims else None
            kernel, groups = _pair(got.get("kernel_size")), 1
            if {"data_format", "groups", "dilation_rate"} & got.keys():
                return None
    if None in (bias, c_in, out, kernel, groups) or not (c_in and out and groups) or \
            c_in % groups or out % groups:
        return None
    kind = "linear" if kernel == (1, 1) and name in ("Linear", "Dense") else "conv"
    if kind == "linear":
        params = KINDS["linear"].make({"out": out, "bias": bias}).apply((c_in,)).params
    else:
        spec = {"out": out, "kernel": list(kernel), "groups": groups, "bias": bias}
        params = KINDS["conv"].make(spec).apply((c_in, kernel[0], kernel[1])).params
    biases = out if bias else 0
    shown = f"{name}({args.strip()})" if len(args) <= 60 else f"{name}(...)"
    return shown, params - biases, biases


def figure(comment: str) -> list[tuple[Fraction, str, bool]] | None:
    """The counts a comment gives beside its parameter words (each value, as written, and
    whether the word is weights): one, or a whole and its weights; None where it gives
    none, or more than one layer's."""
    if _MORE.search(comment):
        return None
    found = []
    for m in _WORD.finditer(comment):
        after = comment[m.end():]
        lead = len(after) - len(after.lstrip(" \t:=："))
        e = _EXPR.match(after, lead) if lead or after[:1] in "([0123456789" else None
        got = _value(e.group(0)) if e and not _WORD.match(after, _skip(after, e.end())) \
            else None  # "900 parameters: 864 weights": 864 is the weights' own
        if got is None:
            b = _BEFORE.search(comment[:m.start()])
            if b is not None and per_unit(comment[:b.start()], after):
                continue  # "64 filters of 27 weights": one filter's count
            # "298,298,16,448(param)": a list whose last item is the count
            got = None if b is None else _value(b.group(1)) if _GROUPED.fullmatch(
                b.group(1)) else _value(b.group(1).rsplit(",", 1)[1])
        if got is not None:
            found.append((*got, bool(m.group("w"))))
    return _one_layer(found)


def _skip(text: str, k: int) -> int:
    """The place of the first character after ``k`` that is no blank."""
    return len(text) - len(text[k:].lstrip(" \t")) if k < len(text) else k


def _one_layer(found: list) -> list[tuple[Fraction, str, bool]] | None:
    """The figures of one layer's count: one figure (told once or more), or a whole and
    its weights (``has 9,472 parameters ... 9,408 weights``), one each; None otherwise."""
    distinct = list({(v, w): (v, t, w) for v, t, w in found}.values())
    if len(distinct) == 1 or (len(distinct) == 2 and distinct[0][2] != distinct[1][2]):
        return distinct
    return None


def _value(text: str) -> tuple[Fraction, str] | None:
    """A figure, or a calculation's last result (``(5*5*1*6) + 6 = 156``)."""
    text = text.strip().rstrip(",.)] ")
    if not text:
        return None
    if "=" in text:
        text = text.rsplit("=", 1)[1].strip()
    try:
        got = read_number(text, 0)
        if got is not None and got[1] == len(text):
            # a figure to a scale (1.2M) is no count to the parameter: not judged here
            return (got[0].value, text) if got[0].precision == 1 else None
        v = value(Parser(scan(text)).parse())
    except (Refused, ValueError, ZeroDivisionError, TypeError, AttributeError):
        return None
    return (v, text) if isinstance(v, Fraction) and v > 0 else None


class Calls:
    """The call being read over several lines, and the comments of its lines."""

    def __init__(self) -> None:
        self.open: tuple[str, str, int, int, list[tuple[int, str]]] | None = None
        self.closed: tuple[int, str, str] | None = None  # the last call read whole
        self.sides = layerside.Sides()  # counts in the comment lines next to a layer

    def check_line(self, number: int, raw: str, prose: bool = False,
                   keras=None) -> list[Claim]:
        if len(raw) > 400 or (self.open is None and not _QUICK.search(raw)):
            self.open = None
            return []
        code, comment, _ = _split(raw)
        if self.open is not None:
            name, args, first, last, notes = self.open
            if number != last + 1 or number - first >= LINES:
                self.open = None
            else:
                return self._go_on(number, name, args + " " + code, first, notes, comment,
                                   keras=keras)
        m = _CALL.search(code)
        if m is None:
            return []
        if len(_OTHER.findall(code)) != 1:
            return []  # two layers with parameters on one line: whose is the count?
        return self._go_on(number, m.group("name"), code[m.end():], number, [], comment, prose,
                           keras)

    def _go_on(self, number: int, name: str, args: str, first: int,
               notes: list[tuple[int, str]], comment: str, prose: bool = False,
               keras=None) -> list[Claim]:
        if comment:
            notes = notes + [(number, comment)]
        depth = 1
        for k, ch in enumerate(args):
            depth += (ch in "([{") - (ch in ")]}")
            if depth == 0:
                given = layerside.keras_input(name, number, keras)  # the model's shape
                if prose and not comment and first == number:  # "Conv2D(...)) 의 Param = 50"
                    tail = re.split(r"\s[/|;]\s|->|→", args[k + 1:])[0]
                    notes = notes + [(number, tail)]
                    given = given_input(name, tail)  # "Conv2D(32, (3,3)) on an RGB image"
                self.open, self.closed = None, (number, name, args[:k])
                if _OTHER.search(args[k:]) or (first != number and _OTHER.search(args)):
                    return []
                return self._judge(name, args[:k], notes, given)
        self.open = (name, args, first, number, notes)
        return []

    def _judge(self, name: str, args: str, notes: list[tuple[int, str]],
               given: int | None = None) -> list[Claim]:
        said = [(n, one) for n, c in notes for one in (figure(c) or ())]
        if not said:
            return []
        got = layer(name, args, given)
        if got is None:
            return []
        shown, weights, biases = got
        total = weights + biases
        out = []
        for number, (stated, text, weights_word) in said:
            if (stated == weights and weights_word) or \
                    (stated == total and not (weights_word and biases)):
                out.append(Claim(number, text, "params", text, int(stated), "right",
                                 f"{shown}: {_how(weights, biases)}", confidence=CONFIDENCE))
            elif stated == weights or stated == total:
                continue  # the weights alone, or a whole called weights: the note's way
            else:
                out.append(Claim(number, text, "params", text, total, "wrong",
                                 f"{shown}: {_how(weights, biases)}"
                                 + _left_out(stated, weights, biases), confidence=CONFIDENCE))
        return out


def read(at) -> list[Claim]:
    """The reader (``registry``): the note's calls are ``at.state.layer_counts``; a line
    of code also goes to their ``sides`` (every line of a fence, blanks too)."""
    calls, number, raw = at.state.layer_counts, at.line.number, at.line.raw
    if at.line.kind != "skip":  # prose: a run of comments the fence closed is judged
        out = calls.sides.flush() if calls.sides.run else []
        return out + (calls.check_line(number, raw, prose=True) if _NEEDS.search(raw) else [])
    out = calls.check_line(number, raw, prose=True,  # "...)) 의 Param = 50": words after a call
                           keras=at.state.keras)
    code, comment, _ = _split(raw)
    closed = calls.closed[1:] if calls.closed and calls.closed[0] == number else None
    return out + calls.sides.line(number, raw, comment, code, closed,
                                  calls.open is not None, at.state.keras)


def _how(weights: int, biases: int) -> str:
    if not biases:
        return f"{weights:,} weights, no bias"
    return f"{weights:,} weights + {biases:,} biases = {weights + biases:,}"


def _left_out(stated: Fraction, weights: int, biases: int) -> str:
    if biases and stated == weights + 2 * biases:
        return f"; {plain(stated)} counts the {biases} biases twice"
    if not biases and stated > weights and (stated - weights) * 1 <= weights and \
            weights % (stated - weights) == 0:
        return f"; {plain(stated)} adds biases the layer does not have"
    for part in (2, 4):
        if stated * part in (weights, weights + biases):
            return f"; {plain(stated)} is 1/{part} of it"
    return ""


__all__ = ["Calls", "figure", "layer", "read"]
