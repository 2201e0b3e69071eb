"""The state a PyTorch module's comments are judged against where its chain of shapes is
not known throughout (``torchchain.Module`` inherits it): in ``forward()``, the layer a
statement ends with fixes the channels (a conv's filters) or the features (a linear's)
whatever its input; in ``__init__``, comments alone under a layer's definition, ended by
a blank line, state that layer's output, judged against the chain of ``__init__`` in the
order its layers are defined (a size it alone disagrees with is unsure: ``forward()`` may
apply them in another order, a pooling twice) and the channels the layer gives (sure).
"""

from __future__ import annotations

import ast
import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms.commentshape import ARROW, INPUT_WORD, Shape, fits, per_sample, stated
from cnnstat.notes.codeforms.torchast import FUNCTIONAL, KEEP_FUNCS, apply, dotted, literal, made

UNSURE = 0.4  # a size from an order of layers that may not be theirs
LISTED_GAP = 6  # lines between two layers of a listing that go on with its chain
# three dims ending a comment, written bare: "# (224-7+6)/2+1=112.    112, 112, 64"
_BARE = re.compile(r"(?<![\w.,*=+(\[-])\s*((\d{1,4})\s*,\s*\d{1,4}\s*,\s*\d{1,4})\s*\.?\s*$")
_INPUT_MAKERS = ("randn", "rand", "zeros", "ones", "empty", "Tensor")
# a comment about a layer's weights, not the map it gives
NOT_MAP = re.compile(r"weight|kernel|filter|param|bias|가중치|커널|필터", re.I)


def _code(text: str) -> bool:
    """Whether a line is Python (not a docstring's words), other than a print."""
    text = text.strip()
    if text.startswith("print("):
        return False
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


class Carried:
    """What ``torchchain.Module`` keeps for the comments it cannot judge by its chain."""

    listed = -LISTED_GAP - 1  # the line of the listing's last layer
    under: object  # in __init__, the layer just defined, its comments to come
    held: list  # the comments alone under it: (number, code, shape stated)
    blocks: dict
    chain: Shape | None
    forward: bool

    def _fixer(self, node: ast.AST):
        """The conv or linear layer whose output an expression of ``forward()`` ends
        with, the layers after it keeping its channels (a pooling, an activation); None
        where another layer, a flatten or code of the note's own comes between."""
        while isinstance(node, ast.Call):
            module, _, short = dotted(node.func).rpartition(".")
            if module == "self" and node.args:
                block = self.blocks.get(short)
                if block is None or None in block.layers:
                    return None
                for lay in reversed(block.layers):
                    kind = getattr(lay, "kind", "")
                    if kind in ("conv", "linear"):
                        return lay
                    if lay != "keep" and kind not in ("maxpool", "avgpool") and \
                            getattr(lay, "__getitem__", None) and lay[0] != "adaptive":
                        return None
                node = node.args[0]
            elif module in FUNCTIONAL and node.args and \
                    (short in KEEP_FUNCS or short in ("max_pool2d", "avg_pool2d")):
                node = node.args[0]
            elif isinstance(node.func, ast.Attribute) and module not in FUNCTIONAL and \
                    node.func.attr in KEEP_FUNCS:
                node = node.func.value
            else:
                return None
        return None

    def _below(self, number: int, code: str, comment: str | None) -> list[Claim]:
        """In ``__init__``, comments alone under a layer's definition (``self.conv3 =
        nn.Conv2d(64, 128, 3, padding=1)`` / ``# 출력 [batch, 128, 8, 8]``) are of its
        output where a blank line ends them (judged then); a definition right after them
        leaves them unread (they may be of it: a note's comments go above a layer as
        often as below it)."""
        if self.forward or self.under is None:
            return []
        head = code.strip()
        if not head and comment is not None:
            got = stated(comment)
            if got is not None and not INPUT_WORD.search(comment) and \
                    not NOT_MAP.search(comment):
                self.held.append((number, code, got))
            return []
        held, self.held, lay, self.under = self.held, [], self.under, None
        if head and not head.startswith(("def ", "class ")):
            return []  # the comments may be of the code that follows
        out: list[Claim] = []
        for number, code, got in held:
            claims, self.chain = self._under(number, code, got, lay, self.chain)
            out += claims
        return out

    def _under(self, number: int, code: str, got, lay, shape: Shape | None,
               sure: float = UNSURE, how: str = "the layers defined above, in their order"):
        """A comment's stated shape under ``lay``'s definition, against the chain of
        ``__init__`` (``shape``, in the order its layers are defined: maybe not the
        order ``forward()`` applies them, so a size it alone disagrees with is unsure)
        and the channels or features ``lay`` gives (sure). Where only the channels are
        known, a shape that has them is not judged (its size may be wrong)."""
        dims, batch = got[1], got[2]
        seed = per_sample(dims, batch, 3)
        kind = getattr(lay, "kind", "")
        out = lay.args.get("out") if kind in ("conv", "linear") else None
        if seed is None or len(seed) not in (1, 3):
            return [], None
        if out is not None and len(seed) == 3 - 2 * (kind == "linear"):
            if seed[0] != out and out in seed:
                return [], None  # channels last on a map that is not square: not read
            known = shape is not None and shape[0] == out
            if not known and seed[0] == out and kind == "conv":
                return [], seed  # the channels agree, the size is not known: not judged
            want = shape if known else (out,) + seed[1:]
            fit = fits(dims, batch, want)
            if fit is None:
                return [], None
            if seed[0] == out and not fit[0]:  # only the size differs
                return self._claim(number, code, got, want, how, sure), seed
            return self._claim(number, code, got, want, how if known else f"{lay.text} gives "
                               f"{out} " + ("channels" if kind == "conv" else "features"),
                               1.0), want
        if shape is None or fits(dims, batch, shape) is None:
            return [], seed
        return self._claim(number, code, got, shape, how, sure), shape

    def _shape_of(self, comment: str):
        """The shape a comment states (``stated``), or three dims written bare at its end."""
        got = stated(comment)
        if got is not None:
            return got
        m = _BARE.search(comment)
        if m is None:
            return None
        return m, tuple(int(x) for x in m.group(1).split(",")), False

    def _input_words(self, lines: list) -> list[Claim]:
        """A line no parser reads that states an input (``input image size: 224, 224, 3``
        in a docstring): a listing's chain starts there."""
        text = " ".join(c + " " + m for _, c, m in lines)
        if self.forward:
            return []
        if not INPUT_WORD.search(text):
            if self.chain is not None and lines[-1][1].strip() and _code(lines[-1][1]):
                self.chain = None  # code no reader takes apart: the chain is not known
            return []
        got = self._shape_of(text)
        if got is not None and not ARROW.search(text):
            self.chain, self.listed = per_sample(got[1], got[2], 3), lines[-1][0]
        return []

    def _listed(self, value: ast.AST, lines: list) -> list[Claim]:
        """A layer built in a listing of layers outside ``forward()`` (``conv1 =
        nn.Conv2d(...)`` or a constructor alone, each taking the one before it's output, as
        in a docstring that sets out a model), its output stated beside it; an input made
        (``torch.randn(1, 3, 224, 224)``) starts the chain, other code ends it."""
        number = lines[-1][0]
        chain = self.chain if number - self.listed <= LISTED_GAP + len(lines) else None
        made_input = isinstance(value, ast.Call) and \
            dotted(value.func).rpartition(".")[2] in _INPUT_MAKERS
        lay = made(value)
        if made_input:
            try:
                dims = tuple(literal(a) for a in value.args)
            except ValueError:
                dims = ()
            self.chain = dims[1:] if len(dims) == 4 and all(type(d) is int for d in dims) \
                else None
            self.listed = number
            return []
        if lay is None:
            if not (isinstance(value, ast.Call) and dotted(value.func) == "print"):
                self.chain = None
            return []
        linear = getattr(lay, "kind", "") == "linear"
        shape = apply([lay], chain) if not linear or len(chain or ()) == 1 else None
        self.chain, self.listed = shape, number
        for number, code, comment in (lines[-1], lines[0]):
            got = self._shape_of(comment) if comment else None
            if got is None:
                continue
            if (INPUT_WORD.search(comment) and not ARROW.search(comment)) or \
                    NOT_MAP.search(comment):
                return []
            claims, self.chain = self._under(number, code, got, lay, shape, 1.0,
                                             "the layers listed above, in their order")
            self.listed = lines[-1][0]
            return claims
        return []
