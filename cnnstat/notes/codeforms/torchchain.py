"""Shapes a note writes in the comments of a PyTorch module: beside the layers of an
``nn.Sequential`` whose calls go on over several lines (``nn.Conv2d(`` ... ``),  # output
shape (16, 28, 28)``), the block's input on the line that opens it (``self.conv2 =
nn.Sequential(  # input shape (16, 14, 14)``), the flattened size a later ``nn.Linear(32 *
7 * 7, 10)`` takes, and the shapes ``forward()`` goes through, a comment a statement
(``x = self.pool(F.relu(self.conv1(x)))  # -> n, 6, 14, 14``, or ``# (n, 512, 7, 7)``
alone on a line, of the tensor assigned last).

Statements are read whole (Python's own parser, ``ast``, on the lines a statement spans),
each layer built by ``torchcode.build`` and applied by the layer algebra. A shape stated
where the chain is not known starts it again (a conv's channels, where it gives them, are
judged); a layer this reader cannot take apart (a helper of the note's own, ``OrderedDict``)
leaves the chain unknown until a shape is stated. A shape written channels last (``28x28x16``)
is read as such. A block's input taken from the block above it (no input stated, the
blocks in the order ``__init__`` lists them) may be another order's: what disagrees with
it is unsure.
"""

from __future__ import annotations

import ast
import re
from math import prod
from typing import NamedTuple

from cnnstat.notes.codeforms import commentpair, forwardin, torchcode, torchinfer, torchstate
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.codeforms.arrowcomment import through
from cnnstat.notes.codeforms.commentshape import (ARROW, INPUT_WORD, Shape, fits, heads, per_sample,
                                                  stated)
from cnnstat.notes.codeforms.torchast import (FUNCTIONAL, KEEP_FUNCS, adaptive_out, apply, dotted,
                                              is_batch, literal, made)
from cnnstat.notes.codeforms.torchstate import NOT_MAP, UNSURE


_WORDS = ("nn.", "self.", "view", "flatten", "reshape", "F.", "Linear(", "Conv2d(", "#",
          "def ", "class ", "= [", ".append(", ".extend(",  # 'model += [' opens a list
          "torch.")  # an input made: 'x = torch.randn(1, 3, 224, 224)' 
SPAN = 40  # lines a statement may span, blank lines apart (a layer a line, a blank between)


class Block(NamedTuple):
    layers: list  # torchcode.Layer, or ("flatten",) / ("adaptive", size)
    given: Shape | None  # the input a comment on its first line states


def _written(shape: Shape) -> str:
    return " x ".join(map(str, shape))


class Module(torchstate.Carried):
    """The module being read: its blocks by name, the shape its blocks' chain in
    ``__init__`` ended with, and in ``forward()`` each variable's shape."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str, str]] = []  # the statement in progress
        self.blocks: dict[str, Block] = {}
        self.chain: Shape | None = None  # the shape the blocks of __init__ end with
        self.vars: dict[str, Shape] = {}
        self.current: str | None = None  # the variable a comment alone speaks of
        self.forward = False
        self.fixed = None  # the layer the last statement of forward() ended with
        self.source = ""  # the statement's text as parsed
        self.pairs = commentpair.Pairs()  # '# Input: (b, 256, 32, 32) -> Output: ...'
        self.under = None  # in __init__, the layer just defined, its comments to come
        self.held: list = []  # the comments alone under it: (number, code, shape stated)
        self.stated_in = self.pending = None  # the input __init__ states; a pair's output
        self.called = False  # forward() has called a layer of the module's

    def code_line(self, number: int, raw: str) -> list[Claim]:
        head = raw.partition("#")[0].strip()
        ended = forwardin.end(self) if self.pending is not None and not self.lines and \
            (not head or head.startswith(("return", "def "))) else []  # a pair's run ends
        return ended + self._line(number, raw)

    def _line(self, number: int, raw: str) -> list[Claim]:
        code, hash_, comment = raw.partition("#")
        below: list[Claim] = []
        if not self.lines:
            head = code.strip()
            below = self._below(number, code, comment if hash_ else None)
            if below:
                return below + self.pairs.plain_line(number, raw)
            words = any(map(raw.__contains__, _WORDS))
            # a comment's input and output waiting for the code that builds the step
            paired = self.pairs.plain_line(number, raw) if not head or not words or \
                head.startswith(commentpair.CONTROL) else []
            if not words or (not head and not self.forward):
                # "input image size: 224, 224, 3", "# input: (3, 32, 32)": a listing's
                # start; other code ends it
                return paired + self._input_words([(number, code, comment)])
            if head.startswith("class "):
                self.__init__()
                return paired
            if head.startswith("def "):
                args = re.findall(r"\w+", head.partition("(")[2])
                args = [a for a in args if a != "self"]
                self.forward = head.startswith("def forward")
                self.vars, self.current = {}, args[0] if args and self.forward else None
                self.called = False
                if self.forward and self.current and hash_:  # "def forward(self, x):  # x:
                    return paired + (forwardin.start(self, number, raw) or [])  # [N, 3, 32, 32]"
                return paired
            if not head:  # a comment alone: the tensor assigned last
                got = stated(comment) if hash_ and self.forward else None
                return paired + (self._forward_comment(number, raw, got)
                                 if got or (hash_ and self.forward) else [])
        self.lines.append((number, code, comment if hash_ else ""))
        text = "".join(c for _, c, _ in self.lines)
        if text.count("(") + text.count("[") > text.count(")") + text.count("]") and \
                sum(1 for _, c, k in self.lines if c.strip() or k) < SPAN:
            return []
        return self._parse()

    def fence(self) -> list[Claim]:
        """A fence that ends inside a statement (a note that cut its code short, the
        ``nn.Sequential(`` never closed): the statement read closed as it opened."""
        if not self.lines:
            return []
        stack: list[str] = []
        for ch in "".join(c for _, c, _ in self.lines):
            if ch in "([{":
                stack.append(")]}"["([{".index(ch)])
            elif ch in ")]}" and (not stack or stack.pop() != ch):
                self.lines = []
                return []  # brackets that do not nest: not a statement cut short
        n, code, comment = self.lines[-1]
        self.lines[-1] = (n, code.rstrip() + "".join(reversed(stack)), comment)
        return self._parse()

    def _parse(self) -> list[Claim]:
        lines, self.lines = self.lines, []
        source = "\n".join([lines[0][1].strip()] + [c for _, c, _ in lines[1:]])
        self.source = source
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return self._input_words(lines)  # "input image size: 224, 224, 3" in a docstring
        if len(tree.body) != 1:
            return []
        node = tree.body[0]
        return self.pairs.statement(node, lines) + self._node(node, lines)

    def _node(self, node: ast.AST, lines: list) -> list[Claim]:
        value = getattr(node, "value", None)
        if not self.forward and isinstance(node, (ast.Assign, ast.Return, ast.Expr)) and \
                isinstance(value, ast.Call) and \
                dotted(value.func).rpartition(".")[2] == "Sequential" and \
                not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute)):
            # 'model = nn.Sequential(...)', 'return nn.Sequential(...)' in a builder: a
            # block of its own, no module's chain before it
            self.chain = None
            return self._sequential("", value, lines)
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Attribute) and dotted(target.value) == "self" and \
                    not self.forward:
                return self._define(target.attr, node.value, lines)
            if isinstance(target, ast.Name) and self.forward:
                return self._step(target.id, node.value, lines)
        if isinstance(node, ast.Return) and node.value is not None and self.forward:
            return self._step(None, node.value, lines)
        if not self.forward and isinstance(node, (ast.Assign, ast.Expr)):
            return self._listed(node.value, lines)  # "conv1 = nn.Conv2d(...)  # 112, 112, 64"
        return []

    # ------------------------------------------------------------------ __init__
    def _define(self, name: str, value: ast.AST, lines: list) -> list[Claim]:
        if isinstance(value, ast.Call) and dotted(value.func).rpartition(".")[2] == "Sequential":
            return self._sequential(name, value, lines)
        lay = made(value)
        self.blocks.pop(name, None)
        if lay is None:
            return []
        self.stated_in = self.stated_in or forwardin.stated_input(lay, lines, self.blocks)
        self.blocks[name] = Block([lay], None)
        chain = self.chain
        linear = getattr(lay, "kind", "") == "linear"  # on a flattened chain only
        self.chain = apply([lay], chain) if not linear or len(chain or ()) == 1 else None
        self.under = lay
        if not isinstance(lay, torchcode.Layer) or lay.kind != "linear" or chain is None or \
                len(chain) != 3 or prod(chain) != lay.in_channels:
            return []  # a size that is not the chain's may be another order's: not judged
        arg = value.args[0] if value.args else \
            next(k.value for k in value.keywords if k.arg == "in_features")
        number, code, _ = lines[arg.lineno - 1]
        text = ast.get_source_segment(self.source, arg) or ""
        return [Claim(number, f"nn.Linear({text}, ...)", "shape", text, str(prod(chain)),
                      "right", f"the blocks above end with {_written(chain)}, flattened "
                               f"{prod(chain)}")]

    def _sequential(self, name: str, call: ast.Call, lines: list) -> list[Claim]:
        layers = [made(e) for e in call.args]
        convs = [x for x in layers if isinstance(x, torchcode.Layer)]
        in_ch = convs[0].in_channels if convs else None
        out: list[Claim] = []
        chain, self.chain = self.chain, None
        if chain is not None and in_ch is not None and chain[0] != in_ch:
            chain = None
        number, code, comment = lines[0]
        got = stated(comment) if len(lines) > 1 else None
        given = None
        if got is not None and INPUT_WORD.search(comment, 0, got[0].start()):
            dims = per_sample(got[1], got[2], 3)
            if dims is not None and len(dims) == 3:
                given = (in_ch,) + dims[1:] if in_ch is not None else dims
                if chain is not None and (in_ch is None or chain[1:] != dims[1:]):
                    out += self._claim(number, code, got, chain, "the block above ends "
                                       f"with {_written(chain)}", UNSURE)
                elif in_ch is not None:
                    out += self._claim(number, code, got, given, "the block's first layer "
                                       f"takes {in_ch} channel{'s' * (in_ch != 1)}", 1.0)
        shape, sure = (given, 1.0) if given is not None else (chain, UNSURE)
        # no input known: the one the flatten into a linear fixes ('nn.Linear(320, 50)')
        seeds = torchinfer.seeds(layers, in_ch) if shape is None else []
        spans = [(e.lineno - 1, e.end_lineno - 1) for e in call.args]
        done = None  # the layer that ended last
        for i, (number, code, comment) in enumerate(lines):
            ends = [k for k, (a, b) in enumerate(spans) if b == i]
            done = layers[ends[-1]] if ends else done
            for k in ends:
                shape = apply([layers[k]], shape) if layers[k] is not None else None
                seeds = [apply([layers[k]], x) for x in seeds]
                fixed = adaptive_out(layers[:k + 1])  # nn.AdaptiveAvgPool2d(1): any input
                if fixed is not None and (shape is None or shape == fixed[0]) and not seeds:
                    shape, sure = fixed
            if seeds:
                shape, sure = torchinfer.agreed(seeds), torchinfer.CONFIDENCE
            inside = any(a <= i < b for a, b in spans)
            if i == 0 or not comment or (inside and not ends):
                continue
            got = stated(comment)
            if got is None or INPUT_WORD.search(comment, 0, got[0].start()) or \
                    heads(lines, i, spans, shape, got):
                continue
            if seeds and not torchinfer.square(got[1], got[2]):
                continue  # a map not square: the input may not be square either
            if seeds and shape is None:  # the inputs that fit give several maps here
                want = torchinfer.against(got[1], got[2], seeds)
                out += [c._replace(edits=(), shown="", actual=" or ".join(
                    dict.fromkeys(", ".join(map(str, x)) for x in seeds)))
                    for c in self._claim(number, code, got, want, torchinfer.HOW,
                                         torchinfer.CONFIDENCE)] if want else []
                continue
            last = layers[ends[-1]] if ends else None
            if shape is None and not seeds:
                shape, sure = through(done, comment, got), 1.0
            claims, shape, sure = self._judged(number, code, got, shape, last, sure)
            out += claims
        self.blocks[name] = Block(layers, given)
        self.chain = shape if None not in layers else None
        return out

    # ------------------------------------------------------------------ judging
    def _judged(self, number: int, code: str, got, shape: Shape | None, last,
                sure: float, forward: bool = False) -> tuple[list[Claim], Shape | None, float]:
        """The claims a stated shape gives against the chain's ``shape`` (``last``: the
        layer just applied), and the chain's shape after it (the stated one where the
        chain was not known). In ``forward()`` the layer a statement ends with fixes the
        channels (a conv's filters) or features (a linear's) whatever its input: a stated
        shape whose channels are not among its dims is wrong; one that has them (first, its
        size unknown, or elsewhere: channels last on a map that is not square) is not
        judged."""
        m, dims, batch = got
        if NOT_MAP.search(m.string):
            return [], shape, sure  # a weight's or a kernel's shape, not the map's
        if shape is not None:
            fit = fits(dims, batch, shape)
            if fit is None:
                return [], shape, sure
            return self._claim(number, code, got, shape, "the layer algebra", sure), shape, sure
        seed = per_sample(dims, batch, 3)
        if seed is None or len(seed) not in (1, 3):
            return [], None, 1.0
        kind = getattr(last, "kind", "")
        out = last.args.get("out") if kind in ("conv", "linear") else None
        if forward and out is not None and len(seed) == 3 - 2 * (kind == "linear"):
            if (seed[0] != out and out in seed) or (seed[0] == out and kind == "conv"):
                return [], seed, 1.0  # channels last, or the size alone unknown: not judged
            want = (out,) + seed[1:]
            how = (f"{last.text.strip()} gives {out} "
                   + ("channels; the height and width as stated" if kind == "conv"
                      else "features"))
            return self._claim(number, code, got, want, how, 1.0), want, 1.0
        if out is None or kind != "conv" or len(seed) != 3:
            return [], seed, 1.0
        want = (out,) + seed[1:]
        return (self._claim(number, code, got, want, f"a conv with {out} filters gives {out} "
                            "channels; the height and width as stated", UNSURE), want, 1.0)

    def _claim(self, number: int, code: str, got, want: Shape, how: str,
               confidence: float) -> list[Claim]:
        m, dims, batch = got
        ok, last = fits(dims, batch, want) or (False, False)
        shown = want[1:] + want[:1] if last else want
        text = ", ".join(map(str, shown))
        batch_n = f"{dims[0]}, " if len(dims) == len(want) + 1 else ""
        at = len(code) + 1  # the comment's first column
        edits = () if ok or "*" in m.group(1) or "x" in m.group(1) else \
            (Edit(number, at + m.start(1), at + m.end(1), batch_n + text),)
        return [Claim(number, m.group(0).strip(), "shape", m.group(1), text,
                      "right" if ok else "wrong", how, edits, text,
                      confidence if not ok else 1.0)]

    # ------------------------------------------------------------------ forward()
    def _step(self, target: str | None, value: ast.AST, lines: list) -> list[Claim]:
        shape = self._eval(value) or forwardin.beside(self, value, lines[-1][2])
        fixer = self._fixer(value) if shape is None else None
        seen = forwardin.seen(self, shape) if self.pending is not None else []
        self.called = self.called or "self." in self.source
        if target is not None:
            self.vars.pop(target, None)
            if shape is not None:
                self.vars[target] = shape
            self.current, self.fixed = target, fixer  # for a comment alone under it
        number, code, comment = lines[-1]
        got = stated(comment) if comment else None
        if got is None or (INPUT_WORD.search(comment, 0, got[0].start()) and
                           not ARROW.search(comment)):
            return seen
        self.fixed = None  # judged here: a comment under it is not its output again
        claims, new, _ = self._judged(number, code, got, shape, fixer, 1.0, forward=True)
        if target is not None and new is not None:
            self.vars[target] = new
        return seen + claims

    def _forward_comment(self, number: int, raw: str, got) -> list[Claim]:
        """``# (n, 512, 7, 7)`` alone on a line: the shape of the tensor assigned last (at
        the top of ``forward()``, its input)."""
        if self.current is None:
            return []
        code = raw.partition("#")[0]
        shape = self.vars.get(self.current)
        started = forwardin.start(self, number, raw) if shape is None else None
        if started is not None or got is None:
            return started or []
        fixer, self.fixed = (self.fixed if shape is None else None), None
        claims, new, _ = self._judged(number, code, got, shape, fixer, 1.0,
                                      forward=fixer is not None)
        if new is not None:
            self.vars[self.current] = new
        return claims

    def _eval(self, node: ast.AST) -> Shape | None:
        """The shape an expression of ``forward()`` gives; None where it is not known."""
        if isinstance(node, ast.Name):
            return self.vars.get(node.id)
        if not isinstance(node, ast.Call):
            return None
        name = dotted(node.func)
        module, _, short = name.rpartition(".")
        if module == "self" and node.args:
            block = self.blocks.get(short)
            if block is None or None in block.layers:
                return None
            arg = self._eval(node.args[0])
            return apply(block.layers, arg if arg is not None else block.given)
        if isinstance(node.func, ast.Attribute) and module not in FUNCTIONAL:
            return self._method(node, self._eval(node.func.value))
        if not node.args or module not in FUNCTIONAL:
            return None
        arg = self._eval(node.args[0])
        try:
            rest = [literal(a) for a in node.args[1:]]
            named = {k.arg: literal(k.value) for k in node.keywords if k.arg}
        except ValueError:
            return None
        if short in KEEP_FUNCS:
            return arg
        if short == "flatten" and (rest == [1] or named == {"start_dim": 1}):
            return apply([("flatten",)], arg)
        if short in ("max_pool2d", "avg_pool2d") and rest:
            names = ("kernel_size", "stride", "padding")
            lay = torchcode.build("MaxPool2d" if short[0] == "m" else "AvgPool2d",
                                  dict(zip(names, rest), **named), name)
            return apply([lay], arg) if lay is not None else None
        return None

    def _method(self, node: ast.Call, base: Shape | None) -> Shape | None:
        """``x.view(x.size(0), -1)``, ``x.view(-1, 16 * 5 * 5)``, ``x.flatten(1)``,
        ``x.relu()``: the shape of ``x`` (``base``) they give."""
        attr = node.func.attr
        if base is None:
            return None
        if attr in KEEP_FUNCS or attr == "contiguous":
            return base
        try:
            args = [None if is_batch(a) else literal(a) for a in node.args]
        except ValueError:
            return None
        if attr == "flatten" and args == [1]:
            return apply([("flatten",)], base)
        if attr in ("view", "reshape") and len(args) == 2 and \
                (is_batch(node.args[0]) or args[0] == -1):
            if args[1] == -1 and args[0] != -1:
                return apply([("flatten",)], base)
            return (args[1],) if args[1] == prod(base) else None
        return None
