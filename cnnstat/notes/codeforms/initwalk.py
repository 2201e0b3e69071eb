"""The shapes a PyTorch module's ``__init__`` states in comments around the layers it
defines, followed as one chain: the network the code builds, from the input a comment
states, each layer's output carried to the next in the order ``__init__`` defines them.

Notes write these comments above the layer (``# the output tensor will have dimensions:
(32, 220, 220)`` / ``# after one pool layer, this becomes (32, 110, 110)`` over
``self.conv1 = nn.Conv2d(1, 32, 5)``), beside its settings (``in_channels = 32  # In : 32
x 110 x 110``), below it (``# Out after max-pooling: 32 x 110 x 110``) or as the next
layer's input (``# convolutional layer (sees 16x112x112 tensor)``). A comment's shape is,
by its words:
- the layer's input (sees, input, takes, 입력, ``In:``): the chain at that point;
- after a pooling (a pooling word on it or on the comment line just before): the
  module's pooling layer applied to the chain (a pooling defined under the comments is
  that layer); a pooling not defined yet makes the stated shape the chain, unjudged;
- otherwise the layer's output: the layer below applied to the chain; ``A -> B``: both.
The first input stated seeds the chain (a plane ``224*224`` takes the layer's channels);
a layer this reader cannot take apart ends it until a shape is stated again. Where no
pooling was defined or stated since the last conv, ``forward()`` may pool between the
layers: the chain may be pooled any number of times there (by the module's pooling, or
by 2x2 and 3x3 stride-2 ones while none is defined), a stated shape that one of these
gives is right and becomes the chain, and one none gives is wrong. A fully connected
layer's output is its ``out_features`` whatever its input (``# dims = (2000, 1)``,
``# after fc1 = 2,000``), and a comment over it that gives its input as a product of a
count and a map (``# 512 outputs * the 5*5 pooled map``) is judged against its
``in_features``. A comment pair over a layer with no blank line between whose input
channels are not the layer's is wrong.
"""

from __future__ import annotations

import ast
import re
from math import prod
from typing import NamedTuple

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms import commentpair
from cnnstat.notes.codeforms.commentshape import ARROW, fits, per_sample, stated
from cnnstat.notes.codeforms.initchain import oriented, pooled, through, written
from cnnstat.notes.codeforms.torchast import dotted, made
from cnnstat.notes.codeforms.torchstate import NOT_MAP
from cnnstat.notes.reading.settings import POOL_WORD as _POOL_WORD

CONFIDENCE = 0.8  # the order __init__ defines the layers in is taken as forward()'s
UNSURE = 0.4  # a pair's sides alone off under one layer: forward() may apply more
SPAN = 12  # lines a statement may go on over
_IN = re.compile(r"\bsees\b|\binputs?\b|\btakes\b|\breceives\b|입력|(?<![\w.])in\s*[:=]", re.I)
_OUT = re.compile(r"\boutputs?\b|\bout\b|\bafter\b|\bbecomes?\b|출력|결과", re.I)
_PLANE = re.compile(r"(?<![\w.*])(\d{1,5})\s*[x×*]\s*(\d{1,5})(?![\w.]|\s*[x×*])")
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{1,7})"
# '512 outputs * the 5*5 filtered/pooled map size': a count times a map, words between
_FLAT = re.compile(r"(?<![\w.*])(\d{1,5})(?:\s+[A-Za-z]{1,12}){0,2}\s*[*×]\s*(?:[A-Za-z]{1,8}\s+)?"
                   r"(\d{1,4})\s*[*×x]\s*(\d{1,4})(?![\w.]|\s*[*×x])")
# a pooling's word, and the slips and synonyms notes write for it ('max-polling')
POOL_WORD = re.compile(_POOL_WORD.pattern + r"|max[-\s]?pol+ing|subsampl|downsampl", re.I)


class Item(NamedTuple):
    number: int
    at: int  # the comment's first column in its line
    text: str
    role: str  # "in", "out", "pool", "flat", "features"
    got: tuple  # (match, dims, batch) as ``commentshape.stated`` gives


def _takes(lay, dims: tuple) -> bool:
    """Whether a map stated over a conv, no word for what it is, with the layer's own
    comment under it, is the conv's input: its channels (first or last) the conv's
    ``in_channels`` and not its filters."""
    c_in, c_out = getattr(lay, "in_channels", None), lay.args.get("out")
    return c_in is not None and c_in != c_out and len(dims) >= 3 and \
        c_in in (dims[-3], dims[-1]) and c_out not in (dims[-3], dims[-1])


def _open(code: str) -> int:
    return code.count("(") - code.count(")") + code.count("[") - code.count("]")


class Walk:
    """One class's ``__init__`` read so far: the chain, the module's pooling, the
    comments waiting for the layer below them."""

    def __init__(self) -> None:
        self.on = True  # in a module's __init__ (or a fragment of one: no def seen)
        self.chain: list | None = None  # the shapes the chain may have, the first if no pooling
        self.pool = None  # the module's pooling layer
        self.pooled = True  # a pooling since the last conv: the chain is not pooled more
        self.by_comment = False  # the comments apply the pooling (a shared self.pool)
        self.group: list[Item] = []
        self.armed = False  # a pooling word on the comment line before
        self.lines: list[tuple[int, str, str, int]] = []  # a statement in progress
        self.last_comment = -10
        self.after = -10  # the last line of the last layer that changes the shape
        self.below = False  # the comments waiting start right under that layer
        self.shared = False  # the module's pooling is one layer forward() reuses
        self.first = 0  # the first line of the layer's statement

    def check_line(self, number: int, raw: str) -> list[Claim]:
        code, hash_, comment = raw.partition("#")
        head = code.strip()
        if self.lines:
            self.lines.append((number, code, comment if hash_ else "", len(code) + 1))
            if _open("".join(c for _, c, _, _ in self.lines)) > 0 and len(self.lines) < SPAN:
                return []
            return self._statement()
        if head.startswith("class "):
            self.__init__()
            return []
        if head.startswith("def "):
            self.__init__()
            self.on = head.startswith("def __init__")
            return []
        if not self.on:
            return []
        if not head:
            if hash_:
                self._comment(number, comment, len(code) + 1)
            return []
        self.lines = [(number, code, comment if hash_ else "", len(code) + 1)]
        if _open(code) > 0:
            return []
        return self._statement()

    # ------------------------------------------------------------------ comments
    def _comment(self, number: int, comment: str, at: int, inline: bool = False) -> None:
        self.last_comment = number
        if not self.group and not inline:
            self.below = number == self.after + 1
        got = stated(comment)
        pool = POOL_WORD.search(comment) is not None
        if got is None or NOT_MAP.search(comment):
            flat = _FLAT.search(comment)
            if flat is not None and _OUT.search(comment) and not inline:
                self.group.append(Item(number, at, comment, "flat", (flat, (), False)))
            elif got is None:
                plane = _PLANE.findall(comment)
                if _IN.search(comment) and len(plane) == 1 and not NOT_MAP.search(comment):
                    m = _PLANE.search(comment)
                    self.group.append(Item(number, at, comment, "plane", (m, (), False)))
                elif any(ch.isdigit() for ch in comment):  # 'after fc1 = 2,000' (by name)
                    self.group.append(Item(number, at, comment, "text", (None, (), False)))
            self.armed = pool and got is None
            return
        pair = commentpair.pair(comment)
        if pair is not None:
            self.group.append(Item(number, at, comment, "pair", (pair, (), False)))
        else:
            m = _IN.search(comment)
            role = "pool" if pool or self.armed else \
                "in" if (m and m.start() < got[0].start() and
                         not _OUT.search(comment, 0, m.start())) or \
                ARROW.search(comment, got[0].end()) else "out"  # '3 x 96 x 96 to 1': an input
            if role == "out" and self.below and not inline:
                role = "seen"  # the layer above's output, under it (``torchstate``'s)
            self.group.append(Item(number, at, comment, role, got))
        self.armed = False

    # ------------------------------------------------------------------ statements
    def _statement(self) -> list[Claim]:
        lines, self.lines = self.lines, []
        source = "\n".join([lines[0][1].strip()] + [c for _, c, _, _ in lines[1:]])
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            self.chain, self.group = None, []
            return []
        node = tree.body[0] if len(tree.body) == 1 else None
        value = getattr(node, "value", None)
        is_layer = isinstance(node, ast.Assign) and isinstance(value, ast.Call) and \
            dotted(value.func).startswith(("nn.", "torch.nn.")) and \
            isinstance(node.targets[0], ast.Attribute) and dotted(node.targets[0].value) == "self"
        if not is_layer:
            if not (isinstance(node, ast.Expr) and isinstance(value, ast.Call)) or "nn." in source:
                self.group = []  # a setting, layers built into a list: the comments were of it
                if "nn." in source or "(" in source.partition("=")[2]:
                    self.chain = None  # a block of the note's own, layers not in the chain
            return []  # 'I.xavier_uniform_(self.conv1.weight)': no layer, the comments wait
        target = node.targets[0]
        name = target.attr if isinstance(target, ast.Attribute) else ""
        lay = made(value)
        self.below, before = False, len(self.group)
        for number, _, comment, at in lines:
            if comment:
                self._comment(number, comment, at, inline=True)
        roles = [it.role for it in self.group[before:]]
        if "in" in roles and "out" in roles[:roles.index("in")]:
            del self.group[before:]  # the output before the input on a call's lines: not read
        # a comment on the line above the layer, or on its own lines, is of it
        adjacent = any(it.number >= lines[0][0] - 1 for it in self.group)
        group, self.group, self.armed = self.group, [], False
        if lay == "keep":  # an input stated over a dropout is of the layer after it
            self.group = [it for it in group if it.role == "in"]
            group = [it for it in group if it.role != "in"]
        if lay is not None and lay != "keep":
            self.after = lines[-1][0]
        if lay is None or (isinstance(lay, tuple) and lay[0] == "adaptive"):
            self.chain = None
            return []
        self.first = lines[0][0]
        return self._layer(lay, name, group, adjacent, value)

    def _layer(self, lay, name: str, group: list[Item], adjacent: bool,
               value: ast.Call) -> list[Claim]:
        kind = getattr(lay, "kind", "")
        is_pool = kind in ("maxpool", "avgpool")
        if is_pool:
            self.pool = lay
            # one pooling, not numbered ('self.pool'): forward() applies it where it will
            self.shared = not any(ch.isdigit() for ch in name)
        out: list[Claim] = []
        applied = False
        # a shape stated before the layer's input is the chain's as it stands (the layer
        # above's output, under it), not this layer's output
        last_in = max((k for k, it in enumerate(group) if it.role in ("in", "pair")),
                      default=-1)
        group = [it._replace(role="chain") if k < last_in and it.role == "out" else it
                 for k, it in enumerate(group)]
        if self.chain is None and kind == "conv" and len(group) > 1 and last_in < 0 and \
                group[0].number < self.first and _takes(lay, group[0].got[1]):
            group[0] = group[0]._replace(role="in")  # '# size: 3 * 36 * 120' over the first
        for it in group:
            if it.role == "pair":
                a, b, m, _ = it.got[0]
                out += [c for c in self._input(it, a, False, lay, adjacent,
                                               commentpair.SIDE.search(it.text))
                        if c.verdict == "wrong"]  # the output is the pair's claim
                if not applied:  # the pair is of this layer, a shared pooling too
                    applied = self._apply(lay, force=it.number >= self.first)
                got = self._judge(it._replace(got=(m, b, False)), "the layers defined above, "
                                  "in their order")
                # sides alone off: forward() may apply more than the layer (commentpair)
                out += [c._replace(confidence=UNSURE) if c.verdict == "wrong" and
                        c.actual.split(" x ")[0] == str(b[0]) and it.number < self.first
                        else c for c in got]
            elif it.role == "in":
                out += self._input(it, it.got[1], it.got[2], lay, adjacent, it.got[0])
            elif it.role == "plane":
                m = it.got[0]
                if self.chain is None and getattr(lay, "in_channels", None) and kind == "conv":
                    self.chain = [(lay.in_channels, int(m.group(1)), int(m.group(2)))]
            elif it.role == "pool":
                pool = self.pool if self.pool is not None else None
                if is_pool and not applied:
                    applied = True
                if pool is None or self.chain is None:
                    seed = per_sample(it.got[1], it.got[2], 3)
                    self.chain = [seed] if seed is not None and len(seed) == 3 else None
                    self.pooled = self.by_comment = True
                    continue
                # a pooling just applied (its label under it): the chain as it is, or pooled
                before = list(self.chain) if self.pooled else []
                self.chain = before + (through([pool], self.chain) or [])
                self.pooled = self.by_comment = True
                out += self._judge(it, f"the pooling {pool.text.strip()} applied to the chain")
            elif it.role == "seen":
                if self.chain is None:
                    seed = per_sample(it.got[1], it.got[2], 3)
                    self.chain = [seed] if seed is not None and len(seed) == 3 else None
            elif it.role == "chain":
                out += self._judge(it, "the layers defined above, in their order")
            elif it.role == "out":
                if not applied and kind != "linear" and self._fits_chain(it):
                    # the layer above's output, written under it
                    out += self._judge(it, "the layers defined above, in their order")
                    continue
                if not applied:  # beside a pooling, shared or not: its output
                    applied = self._apply(lay, force=is_pool)
                if kind == "linear":
                    out += self._features(it, lay)
                else:
                    out += self._judge(it, "the layers defined above, in their order", lay)
            elif it.role == "flat" and kind == "linear":
                out += self._flat(it, lay)
        if not applied and not (is_pool and self.by_comment):
            self._apply(lay)
        if kind == "linear":
            out += self._named(group, name, lay)
        return out

    def _apply(self, lay, force: bool = False) -> bool:
        kind = getattr(lay, "kind", "")
        if self.chain is None:
            return True
        if kind == "linear":
            flat = [(prod(s),) if len(s) == 3 else s for s in self.chain]
            got = [s for s in flat if s == (lay.in_channels,)]
            self.chain = [(lay.args["out"],)] if got else None
            return True
        if kind in ("maxpool", "avgpool"):
            if self.shared and not force:
                return True  # the chain may be pooled there: ``pooled`` at the next conv
            self.pooled = True
        elif kind in ("conv", "conv_transpose"):
            if not self.pooled:
                self.chain = pooled(self.chain, self.pool)
            self.pooled = False
        self.chain = through([lay], self.chain)
        return True

    # ------------------------------------------------------------------ judging
    def _input(self, it: Item, dims: tuple, batch: bool, lay, adjacent: bool,
               m) -> list[Claim]:
        seed = per_sample(dims, batch, 3)
        if seed is None or len(seed) != 3:
            return []
        want_ch = getattr(lay, "in_channels", None)
        if getattr(lay, "kind", "") not in ("conv", "conv_transpose"):
            want_ch = None
        if want_ch is not None and want_ch not in dims[-3:]:
            if not adjacent or len(set(dims[-3:])) == 3:  # no two sides alike: not read
                return []
            how = f"the layer below takes {want_ch} channels: {lay.text.strip()}"
            return [_claim(it, m, f"{want_ch} channels", "wrong", how)]
        if self.chain is None:
            seed = seed if want_ch is None or seed[0] == want_ch else \
                oriented(dims, batch, want_ch)
            self.chain = [seed] if seed is not None else None
            return []
        candidates = self.chain if self.pooled else pooled(self.chain, self.pool)
        out = self._against(it, m, dims, batch, candidates,
                            "the layers defined above, in their order")
        if len(self.chain or ()) == 1 and not any(c.verdict == "wrong" for c in out):
            self.pooled = True  # the layer's input as stated: no pooling before it
        return out

    def _fits_chain(self, it: Item) -> bool:
        m, dims, batch = it.got
        got = [fits(dims, batch, c) for c in self.chain or () if len(c) == 3]
        return any(g is not None and g[0] for g in got)

    def _judge(self, it: Item, how: str, lay=None) -> list[Claim]:
        m, dims, batch = it.got
        seed = per_sample(dims, batch, 3) if dims else None
        if seed is None or len(seed) != 3:
            return []
        if self.chain is None:  # the first shape stated: the chain starts there
            ch = lay.args.get("out") if getattr(lay, "kind", "") == "conv" else None
            if ch is not None and ch not in dims and _OUT.search(it.text):
                how = f"{lay.text.strip()} gives {ch} channels"
                return [_claim(it, m, f"{ch} channels", "wrong", how)]
            if ch is not None and seed[0] != ch:
                seed = oriented(dims, batch, ch)
            self.chain = [seed] if seed is not None else None
            return []
        return self._against(it, m, dims, batch, self.chain, how)

    def _against(self, it: Item, m, dims: tuple, batch: bool, candidates: list,
                 how: str) -> list[Claim]:
        candidates = [c for c in candidates if c is not None and len(c) == 3]
        if not candidates:
            return []
        for k, c in enumerate(candidates):
            fit = fits(dims, batch, c)
            if fit is not None and fit[0]:
                self.chain = [c]  # pooled by forward() as the note says: not judged
                return [_claim(it, m, written(c), "right", how)] if k == 0 else []
        want = candidates[0]
        if fits(dims, batch, want) is None:
            return []
        if len(candidates) > 1:
            how += "; none of the poolings forward() may apply between gives it"
        return [_claim(it, m, written(want), "wrong", how)]

    def _features(self, it: Item, lay) -> list[Claim]:
        m, dims, batch = it.got
        if len(dims) == 2 and 1 in dims:
            dims = (max(dims),)
        if len(dims) != 1:
            return []
        want = lay.args["out"]
        how = f"{lay.text.strip()} gives {want} features"
        return [_claim(it, m, str(want), "right" if dims[0] == want else "wrong", how)]

    def _flat(self, it: Item, lay) -> list[Claim]:
        m = it.got[0]
        said = prod(int(g) for g in m.groups())
        want = lay.in_channels
        if not isinstance(want, int):
            return []
        how = f"{lay.text.strip()} takes {want:,} features"
        return [_claim(it, m, f"{want:,}", "right" if said == want else "wrong", how)]

    def _named(self, group: list[Item], name: str, lay) -> list[Claim]:
        """``# after fc1 = 2,000``: the layer's output by its name."""
        if not name:
            return []
        rule = re.compile(r"\b" + re.escape(name) + r"\b[^=:\d]{0,12}[=:]\s*" + _NUMBER +
                          r"(?![\w.]|\s*[x×*,(])")
        out = []
        for it in group:
            m = rule.search(it.text)
            if m is None or it.role != "flat" and stated(it.text) is not None:
                continue
            said, want = int(m.group(1).replace(",", "")), lay.args["out"]
            how = f"{lay.text.strip()} gives {want} features"
            out.append(_claim(it, m, str(want), "right" if said == want else "wrong", how))
        return out


def _claim(it: Item, m, actual: str, verdict: str, how: str) -> Claim:
    text = " ".join(it.text.split())[:80]
    return Claim(it.number, text, "shape", m.group(0).strip(), actual, verdict, how, (),
                 actual, CONFIDENCE if verdict == "wrong" else 1.0)


def read(at) -> list[Claim]:
    """The reader (``registry``): a line of code."""
    return at.state.init_walk.check_line(at.line.number, at.line.raw)
