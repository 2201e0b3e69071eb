"""A shape a comment in code states: ``(16, 28, 28)``, ``(n, 512, 7, 7)``, ``[B, 6, 14,
14]``, ``-> n, 6, 14, 14`` (the dims after an arrow, no brackets), ``torch.Size([1, 16, 28,
28])``, a product ``16x28x28``, a flattened ``(batch_size, 32 * 7 * 7)``; of ``A -> B`` the
last. How a stated shape fits a computed one: a batch before it (a word, or a number where
the shape has one dim more) left out, channels first or last.
"""

from __future__ import annotations

import re
from math import prod

Shape = tuple  # a tensor's shape for one sample: (C, H, W) or (F,), the batch left out

# a shape in a comment: a tuple or list, maybe after a batch, ``torch.Size([...])``, the
# dims after an arrow without brackets (``-> n, 6, 14, 14``), or a product ``16x28x28``
_DIM = r"\d{1,6}(?:\s*\*\s*\d{1,6}){0,3}"
_BATCH = r"(?:None|batch(?:_size)?|bs|[NnBb]|-1|\?)"
_TUPLE = re.compile(r"[(\[]\s*(?:" + _BATCH + r"\s*,\s*)?(" + _DIM + r"(?:\s*,\s*" + _DIM +
                    r"){0,3})\s*,?\s*[)\]]")
_BARE = re.compile(r"(?:->|→|=>)\s*" + _BATCH + r"\s*,\s*(" + _DIM + r"(?:\s*,\s*" + _DIM +
                   r"){0,3})\b")
_PRODUCT = re.compile(r"(?<![\w.*])(\d{1,5}\s*[x×]\s*\d{1,5}\s*[x×]\s*\d{1,5})"
                      r"(?![\w.]|\s*[x×*])")
# dims without brackets or a batch, right before or after an arrow: ``48,48,32 -> 24,24,32``
_COMMAS = re.compile(r"(?<![\w.,*])(\d{1,5}(?:\s*,\s*\d{1,5}){2,3})(?![\w.,*])")
_BESIDE = re.compile(r"(?:->|→|=>)\s*$"), re.compile(r"\s*(?:->|→|=>)")
ARROW = re.compile(r"->|→|=>|\bto\b")
INPUT_WORD = re.compile(r"\binputs?\b|입력|\bin\s*[:=]", re.I)  # "# input: (3, 32, 32)"


def _dims(text: str) -> tuple[int, ...]:
    return tuple(prod(int(f) for f in d.split("*")) for d in text.split(","))


def _beside(m: re.Match, found: list) -> bool:
    """Whether bare dims ``m`` stand right beside an arrow, inside no other shape found."""
    return ((_BESIDE[0].search(m.string, 0, m.start()) is not None
             or _BESIDE[1].match(m.string, m.end()) is not None)
            and not any(f.start() <= m.start() < f.end() for f in found))


def stated(comment: str) -> tuple[re.Match, tuple[int, ...], bool] | None:
    """The shape a comment states (the last of ``A -> B``), its dims, and whether a batch
    was written before them; None where it states none or several side by side."""
    found = [m for r in (_TUPLE, _BARE, _PRODUCT) for m in r.finditer(comment)]
    found += [m for m in _COMMAS.finditer(comment) if _beside(m, found)]
    if not found:
        return None
    found.sort(key=lambda m: m.start())
    if len(found) > 1 and not all(ARROW.search(comment, a.end(), b.start())
                                  for a, b in zip(found, found[1:])):
        found = [m for m in found if len(_dims(re.sub(r"\s*[x×]\s*", ",", m.group(1)))) >= 3]
        if len(found) != 1:
            return None
    m = found[-1]
    dims = _dims(re.sub(r"\s*[x×]\s*", ",", m.group(1)))
    return m, dims, m.start(1) > m.start() + 1


def fits(dims: tuple[int, ...], batch: bool, want: Shape) -> tuple[bool, bool] | None:
    """(right, channels last) of stated ``dims`` against ``want``; None where the dims
    are not a shape of that rank."""
    if len(dims) == len(want) + 1 and not batch:
        dims = dims[1:]  # a batch written as a number: (1, 16, 28, 28)
    if len(dims) != len(want):
        return None
    if len(want) == 3 and dims != want and dims == want[1:] + want[:1]:
        return True, True
    return dims == want, len(want) == 3 and dims[0] == dims[1] != dims[2]


def per_sample(dims: tuple[int, ...], batch: bool, rank: int | None) -> Shape | None:
    if not batch and rank is not None and len(dims) == rank + 1:
        dims = dims[1:]
    if len(dims) == 3 and dims[0] == dims[1] != dims[2]:
        dims = dims[2:] + dims[:2]  # written channels last
    return dims if 1 <= len(dims) <= 3 else None


def heads(lines: list, i: int, spans: list, shape: Shape | None, got) -> bool:
    """``# Conv5: 13×13×384 → 13×13×256`` alone on its line after a blank one (or the
    block's first line), layers still to come, its input the chain's ``shape`` so far and
    its output not: a step's input and output heading the layers below it, not the output
    of those above (``# 48,48,3 -> 48,48,32`` under the conv that gives it stays that
    conv's)."""
    number, code, comment = lines[i]
    before = lines[i - 1] if i > 1 else ("", "", "")
    arrows = list(ARROW.finditer(comment))
    if shape is None or code.strip() or len(arrows) != 1 or before[1].strip() or \
            before[2] or not any(a > i for a, _ in spans) or \
            (fits(got[1], got[2], shape) or (False,))[0]:
        return False
    source = stated(comment[:arrows[0].start()])
    return source is not None and (fits(source[1], source[2], shape) or (False,))[0]
