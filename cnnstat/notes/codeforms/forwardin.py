"""The input ``forward()`` starts from, for ``torchchain``'s walk of its calls: the one a
comment beside the first conv's settings in ``__init__`` states (``in_channels = 1  # In :
1 x 224 x 224``), or the one ``forward()``'s first comment states, channels first or last
(``# In: 224 x 224 x 1``: the first conv's channels say which), or the left side of a
pair there (``# 8x1x28x28 => 8x16x26x26``: a batch before each side).

Where both are stated and ``forward()``'s disagrees with ``__init__``'s in its height or
width, ``forward()``'s is wrong and the walk goes on from ``__init__``'s; an input whose
channels are not the first conv's (two sides alike, so it reads as a map) is wrong. A pair's
output is right as soon as one of the calls under it gives it, and wrong where none does
once the run of calls ends (a blank line, a comment alone, a ``return``); a call whose shape
is not known forgets it.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms.commentshape import ARROW, INPUT_WORD, fits, per_sample, stated
from cnnstat.notes.codeforms.initchain import oriented, written

CONFIDENCE = 0.8  # forward()'s first call taken as the first conv __init__ defines
_SIDE = re.compile(r"(?<![\w.*])(\d{1,5}(?:\s*[x×]\s*\d{1,5}){2,3})(?![\w.]|\s*[x×*])")
_DEF_FORWARD = re.compile(r"\s*def\s+forward\s*\(")
_HOW_INIT = "the input the comments of __init__ state"


def _dims(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.split(r"\s*[x×]\s*", text.strip()))


def first_channels(blocks: dict) -> int | None:
    """The input channels of the first conv ``__init__`` defines."""
    for block in blocks.values():
        for lay in block.layers:
            if getattr(lay, "kind", "") == "conv":
                return lay.in_channels if isinstance(lay.in_channels, int) else None
    return None


def stated_input(lay, lines: list, blocks: dict) -> tuple | None:
    """The input a comment on the first conv's own lines states (``# In : 1 x 224 x 224``)."""
    if getattr(lay, "kind", "") != "conv" or first_channels(blocks) is not None or \
            not isinstance(lay.in_channels, int):
        return None
    for _, _, comment in lines:
        got = stated(comment) if comment and INPUT_WORD.search(comment) else None
        if got is not None and INPUT_WORD.search(comment, 0, got[0].start()) and \
                not ARROW.search(comment):
            dims = got[1][1:] if len(got[1]) == 4 and not got[2] else got[1]
            return oriented(dims, False, lay.in_channels) if len(dims) == 3 else None
    return None


def _sides(comment: str) -> list:
    """The maps a comment states, each (match, dims per sample), in order."""
    out = []
    for m in _SIDE.finditer(comment):
        dims = _dims(m.group(1))
        out.append((m, dims[1:] if len(dims) == 4 else dims))
    if not out:
        got = stated(comment)
        if got is not None:
            dims = per_sample(got[1], got[2], 3)
            out = [(got[0], got[1][1:] if len(got[1]) == 4 and not got[2] else got[1])] \
                if dims is not None and len(dims) == 3 else []
    return out


def _claim(number: int, comment: str, m, want, verdict: str, how: str) -> Claim:
    text, actual = " ".join(comment.split())[:80], want if isinstance(want, str) else written(want)
    return Claim(number, text, "shape", m.group(0).strip(), actual, verdict, how, (), actual,
                 CONFIDENCE if verdict == "wrong" else 1.0)


def start(mod, number: int, raw: str) -> list[Claim] | None:
    """``forward()``'s first comment with a map: its input seeds the walk (claims on it);
    None where this form is not read (``torchchain`` reads the comment as it did)."""
    comment = raw.partition("#")[2]
    sides = _sides(comment)
    pair = len(sides) == 2 and ARROW.search(comment, sides[0][0].end(), sides[1][0].start())
    # the comment beside "def forward(self, x):" is its argument's ("# x: [N, 3, 32, 32]")
    marked = INPUT_WORD.search(comment) or _DEF_FORWARD.match(raw)
    if mod.called or not pair and (len(sides) != 1 or ARROW.search(comment) or not marked):
        return None  # after a call of the module's: a shape of the chain, not its input
    ch = first_channels(mod.blocks)
    m, dims = sides[0]
    if ch is None or len(dims) != 3:
        return None
    seed = oriented(dims, False, ch)
    out: list[Claim] = []
    given = mod.stated_in
    if seed is None:
        if len(set(dims)) == 3:
            return None  # no two sides alike: not read as a map
        how = f"the first conv __init__ defines takes {ch} channel{'s' * (ch != 1)}"
        out.append(_claim(number, comment, m, f"{ch} channels", "wrong", how))
        seed = given
    elif given is not None and given[0] == seed[0]:
        ok = seed in (given, given[:1] + given[:0:-1])
        out.append(_claim(number, comment, m, given, "right" if ok else "wrong", _HOW_INIT))
        seed = given
    mod.vars[mod.current] = seed
    if pair and seed is not None:
        mod.pending = (number, comment, sides[1], [])
    return out


def seen(mod, shape) -> list[Claim]:
    """A call under a pair: its shape, None where not known."""
    number, comment, (m, dims), shapes = mod.pending
    if shape is None:
        mod.pending = None
        return []
    if len(shape) == 3 and (fits(dims, False, shape) or (False,))[0]:
        mod.pending = None
        return [_claim(number, comment, m, shape, "right", "forward()'s calls under it")]
    shapes.append(shape)
    return []


def end(mod) -> list[Claim]:
    """The run of calls under a pair ends: none gave its output."""
    pending, mod.pending = mod.pending, None
    if pending is None or not pending[3]:
        return []
    number, comment, (m, dims), shapes = pending
    last = shapes[-1]
    if len(last) != 3 or fits(dims, False, last) is None:
        return []
    return [_claim(number, comment, m, last, "wrong", "forward()'s calls under it")]


def beside(mod, value, comment: str):
    """A statement of ``forward()`` whose input is not known, its comment a pair of maps
    (``x = self.conv1(x)  # [1, 28, 28] -> [32, 26, 26]``, ``# (3, 32, 32) -> (6, 28,
    28)``): the left side is the tensor it calls on (the one variable, not known yet, that
    its calls take first); the statement's shape from it, None where not read."""
    import ast

    a = ARROW.search(comment or "")
    left = stated(comment[:a.start()]) if a is not None else None
    dims = per_sample(left[1], left[2], 3) if left is not None else None
    if dims is None or len(dims) != 3 or stated(comment[a.end():]) is None:
        return None
    names = {c.args[0].id for c in ast.walk(value) if isinstance(c, ast.Call) and c.args
             and isinstance(c.args[0], ast.Name)} - set(mod.vars)
    if len(names) != 1:
        return None
    name = names.pop()
    mod.vars[name] = dims
    shape = mod._eval(value)
    if shape is None:
        del mod.vars[name]
    return shape
