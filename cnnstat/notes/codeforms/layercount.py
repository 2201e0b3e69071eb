"""A parameter count a comment gives beside the PyTorch layer it describes:
``nn.Linear(32, 10, bias=False),  # 파라미터 330`` (32 x 10 = 320 weights: wrong),
``self.conv = nn.Conv2d(3, 8, 3)  # params: 216``. The layer as the code builds it has
``k·k·c_in·c_out`` weights (a linear's ``n_in·n_out``) and one bias an output unless
``bias=False``: the count is right where it is the weights with or without the biases
(notes count both ways), wrong where it is neither. Only a count the comment ties to
parameters (``params 2080``, ``#params: 2080``, ``2,080 parameters``, ``파라미터 2080``)
and a layer whose sizes are all numbers (no grouping or dilation) are read.
"""

from __future__ import annotations

import ast
import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms import torchast, torchcode

HOW = "the layer the code builds: its weights, and one bias an output unless bias=False"
_COUNT = r"(?P<n>\d{1,3}(?:,\d{3})+|\d{1,9})(?!\d|[.,]\d|\s*[*x×+/-]\s*\d|\s*[KMkm]\b)"
_SAID = re.compile(r"(?:#\s*)?(?:\bparam(?:eter)?s?\b|파라미터(?:\s*수)?|매개변수(?:\s*수)?)\s*"
                   r"(?:[:=]|는|은)?\s*" + _COUNT + r"|(?<![\w.,])" +
                   _COUNT.replace("?P<n>", "?P<m>") +
                   r"\s*(?:params|parameters|개의\s*파라미터)\b", re.I)
NEEDS = ("param", "파라미터", "매개변수")  # a comment's words that tie a count to parameters
_CALL = re.compile(r"\bnn\.(?:Conv2d|Linear|MaxPool2d|AvgPool2d)\s*\(")


def constructed(code: str) -> torchcode.Layer | None:
    """The one PyTorch layer a line of code builds (``nn.Linear(28*28*1, 60)`` inside a
    list, a tuple or an assignment), read by Python's parser; None for none or several."""
    found = list(_CALL.finditer(code))
    if len(found) != 1:
        return None
    depth, start = 0, found[0].start()
    for i in range(found[0].end() - 1, len(code)):
        depth += {"(": 1, ")": -1}.get(code[i], 0)
        if depth == 0:
            try:
                return torchast.made(ast.parse(code[start:i + 1], mode="eval").body)
            except (SyntaxError, ValueError, TypeError):
                return None
    return None


def read(number: int, raw: str) -> list[Claim]:
    """A layer's line of code and the parameter count its comment gives."""
    code, hash_, comment = raw.partition("#")
    if not hash_ or not any(w in comment.casefold() for w in NEEDS):
        return []
    lay = constructed(code)
    if not isinstance(lay, torchcode.Layer) or lay.kind not in ("conv", "linear") or \
            re.search(r"\bgroups\s*=|\bdilation\s*=", code):
        return []
    said = [m for m in _SAID.finditer(comment)]
    if len(said) != 1:
        return []  # none, or counts of several things
    m = said[0]
    key = "n" if m.group("n") else "m"
    n = int(m.group(key).replace(",", ""))
    out_units = lay.args.get("out")
    if lay.kind == "linear":
        weights = lay.in_channels * out_units if type(lay.in_channels) is int and \
            type(out_units) is int else None
    else:
        k = lay.args.get("kernel")
        kh, kw = (k, k) if type(k) is int else tuple(k) if isinstance(k, (list, tuple)) and \
            len(k) == 2 else (None, None)
        weights = kh * kw * lay.in_channels * out_units if None not in (kh, kw) and \
            type(lay.in_channels) is int and type(out_units) is int else None
    if weights is None:
        return []
    bias = 0 if re.search(r"\bbias\s*=\s*False", code) else out_units
    ok = n in (weights, weights + bias)
    shown = f"{weights + bias:,}"
    return [Claim(number, m.group(0).strip(), "params", m.group(key), weights + bias,
                  "right" if ok else "wrong",
                  f"{HOW}: {weights:,} weights" + (f" + {bias} biases" if bias else ""),
                  (), shown)]
