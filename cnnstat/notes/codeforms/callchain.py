"""A model written as a chain of PyTorch layers beside its parameter count::

    | MLP | Flatten -> Linear(784, 256) -> ReLU -> Linear(256, 10) | 203,530 |
    | CNN | Conv2d(1, 32) -> ReLU -> Linear(32 * 26 * 26, 128) -> Linear(128, 10) | 1.2M |
    A small MLP, Linear(100, 50) -> ReLU -> Linear(50, 2), has 5,152 parameters.

Each call's count is the layer algebra's (``Linear(a, b)``: ``(a + 1)·b``, ``bias=False``
``a·b``; ``Conv2d(a, b, k)`` or ``kernel_size=k``: ``(k·k·a + 1)·b``; ``BatchNorm2d(c)``:
``2c``); an argument may be a product (``64 * 16 * 47``). An activation, pooling,
flattening or dropout holds none. A call whose count is not known from what is written
(``Conv2d(1, 32)`` with no kernel, any other layer with arguments) makes the sum a lower
bound: a count below it is wrong (the known layers alone hold more), any other is not
judged. The count is the one figure of a table row's parameter column (a header with
``param``, ``파라미터``) or the one figure a sentence calls parameters; written about
(``약``, ``about``, ``~``) it is right within 1% and wrong beyond 2%; to its digits it must
be exact (or within the precision of its scale, ``1.2M``).
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.grammar import Parser, value
from cnnstat.notes.reading.normalise import scan
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Refused, number_at

NEEDS = ("linear(", "conv2d(", "conv1d(")
CONFIDENCE = 0.9
_CALL = re.compile(r"(?:nn\.)?(?P<name>[A-Z][A-Za-z0-9]{1,30})\s*\((?P<args>[^()]{0,120})\)")
_FREE = re.compile(r"(?i)relu\w*|gelu|silu|sigmoid|tanh|softmax|\w*pool\w*|flatten|dropout\w*|"
                   r"identity|elu|leakyrelu|hardswish|mish|upsample")
_PARAM_HEAD = re.compile(r"param|파라미터|매개\s*변수|#\s*params", re.I)
_APPROX = re.compile(r"(?:약|about|around|approx\w*|roughly|~|≈|∼)\s*$", re.I)
# the chain's own count, right after its last call: "Linear(256, 10) (1,290 params)"
_ATTACHED = re.compile(r"[\s`*_:=(\[,]*(?:with|has|holds|gives|→|->|=)?[\s`*_:=(\[~≈]*", re.I)
# a chain set out as a part of a model, and a count the sentence gives to the whole one
_PART = re.compile(r"(?i)\b(?:head|classifier|backbone|stem|block|replac\w*|switch\w*|swap\w*|"
                   r"chang\w*|add\w*|append\w*|instead|last\s+layers?|final\s+layers?)\b")
_WHOLE = re.compile(r"(?i)\b(?:model|network|net|whole|overall|total|in\s+all|altogether)\b")
_PARAM_WORD = re.compile(r"\s*(?:개의?\s*)?(?:trainable\s+|learnable\s+)?(?:parameters|params|"
                         r"파라미터|매개\s*변수)", re.I)


def _arg(text: str) -> int | None:
    try:
        v = value(Parser(scan(text)).parse())
    except (Refused, ValueError, ZeroDivisionError, TypeError, AttributeError):
        return None
    return int(v) if isinstance(v, Fraction) and v.denominator == 1 and v > 0 else None


def count(text: str) -> tuple[int, bool, int] | None:
    """(the sum of the counts known, whether every call's count is known, the calls
    read) for a chain of at least two layers; None for no chain."""
    calls = list(_CALL.finditer(text))
    if len(calls) < 2:
        return None
    total, known, read = 0, True, 0
    for m in calls:
        name = m.group("name").lower()
        args = [a.strip() for a in m.group("args").split(",")] if m.group("args").strip() else []
        pos = [a for a in args if "=" not in a]
        kw = dict(a.split("=", 1) for a in args if "=" in a)
        kw = {k.strip(): v.strip() for k, v in kw.items()}
        bias = kw.get("bias", "True") != "False"
        if _FREE.fullmatch(name):
            continue
        if name == "linear" and len(pos) >= 2:
            a, b = _arg(pos[0]), _arg(pos[1])
            if a is None or b is None:
                return None
            total += a * b + (b if bias else 0)
        elif name in ("conv2d", "conv1d") and len(pos) >= 2:
            a, b = _arg(pos[0]), _arg(pos[1])
            k_text = pos[2] if len(pos) >= 3 else kw.get("kernel_size")
            if a is None or b is None:
                return None
            k = _arg(k_text) if k_text else None
            if k is None or "groups" in kw:
                known = False
                total += a * b  # at least a 1-wide kernel's weights
                continue
            total += (k * k if name == "conv2d" else k) * a * b + (b if bias else 0)
        elif name.startswith("batchnorm") and len(pos) == 1 and _arg(pos[0]):
            total += 2 * _arg(pos[0])
        else:
            known = False
            continue
        read += 1
    return (total, known, read) if read else None


def _judge(number: int, chain: str, text: str, figure, approx: bool) -> Claim | None:
    got = count(chain)
    if got is None:
        return None
    total, known, _ = got
    want = Fraction(total)
    stated = figure.value
    how = "the layers' counts, added" + ("" if known else
                                        " (a layer's count unknown: at least this)")
    if known:
        if agrees(want, figure) or (approx and abs(stated - want) <= want / 100):
            return Claim(number, text, "params", figure.text, total, "right", how,
                         confidence=CONFIDENCE)
        if approx and abs(stated - want) <= want / 50:
            return None  # about: near enough not to be a slip, too far to be right
        return Claim(number, text, "params", figure.text, total, "wrong",
                     f"{how}: {plain(want)}", confidence=CONFIDENCE)
    if stated < want * Fraction(95, 100) and not agrees(want, figure):
        return Claim(number, text, "params", figure.text, total, "wrong",
                     f"{how}: {plain(want)}, more than {figure.text}", confidence=CONFIDENCE)
    return None


def _figure(cell: str):
    """The one figure of a cell, and whether it is written as about."""
    found = [m for m in re.finditer(r"(?<![0-9.,])[0-9]", cell)]
    if not found:
        return None
    got = number_at(cell, found[0].start())
    if got is None or re.search(r"[0-9]", cell[got[1]:]):
        return None
    return got[0], bool(_APPROX.search(cell[:found[0].start()]))


def table(rows: list[tuple[int, list[tuple[str, int, int]]]]) -> list[Claim]:
    """A table whose rows give a chain of layers and, in a parameter column, its count."""
    if len(rows) < 3:
        return []
    head = [c for c, _, _ in rows[0][1]]
    cols = [j for j, h in enumerate(head) if _PARAM_HEAD.search(h)]
    if len(cols) != 1:
        return []
    col = cols[0]
    out = []
    for number, cells in rows[2:]:
        if len(cells) != len(head):
            continue
        chains = [c for j, (c, _, _) in enumerate(cells) if j != col and "(" in c and
                  count(c) is not None]
        fig = _figure(cells[col][0])
        if len(chains) != 1 or fig is None:
            continue
        name = cells[0][0].strip(" *_")
        got = _judge(number, chains[0], f"{name}: {cells[col][0].strip()}", *fig)
        if got is not None:
            out.append(got)
    return out


def line(number: int, masked: str) -> list[Claim]:
    """A sentence that gives a chain of layers and calls one figure its parameters."""
    low = masked.lower()
    if "(" not in masked or not any(n in low for n in NEEDS):
        return []
    figures = []
    for m in re.finditer(r"(?<![0-9.,A-Za-z])(?<![A-Za-z0-9_]\()[0-9][0-9,.]*\s*[KMB만억]?",
                         masked):
        if _PARAM_WORD.match(masked, m.end()) and "(" not in masked[m.end():m.end() + 1]:
            figures.append(m)
    if not figures:
        return []
    m = figures[0]
    chain = masked[:m.start()]
    calls = list(_CALL.finditer(chain))
    between = chain[calls[-1].end():] if calls else chain
    if len(figures) > 1 and not _ATTACHED.fullmatch(between):
        return []  # several counts, the first not the chain's own: whose is whose is open
    if _PART.search(chain[:calls[0].start()] if calls else "") and _WHOLE.search(between):
        return []  # a part set out ("switched the head to ...") and the whole model's count
    got = number_at(masked, m.start())
    if got is None:
        return []
    approx = bool(_APPROX.search(masked[:m.start()]))
    claim = _judge(number, chain, masked[m.start():got[1]].strip(), got[0], approx)
    return [claim] if claim is not None else []
