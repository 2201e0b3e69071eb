"""A receptive field a note's own helper prints for a literal list of layers::

    def calc_receptive_field(layers):          # for k, s in layers: ...
        ...
    layers = [(3, 1), (3, 1), (2, 2), (3, 1)]   # (kernel_size, stride) each
    print(f"RF: {calc_receptive_field(layers)}")  # RF: 12

The list is a name assigned a literal list (or tuple) of pairs of whole numbers, on one
line or over several; its pairs are (kernel, stride) where the code or its docstring says
so (``for k, s in layers``, ``(kernel_size, stride)``, ``(k, s)``). The call is to a
function whose name speaks of a receptive field (``receptive``, ``rf``) with that name as
its argument, and the figure is the last number of the comment on its line (``# RF:
44``, ``# 출력: 44``). The true field grows by the analysis's rule
(``cnnstat.analysis.grow``: ``r + (k - 1)·j``, ``j·s``) from 1: right where the figure is
it, wrong where not (the figure is said to be the field, whatever the helper does).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_ASSIGN = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?=[\[(])")
_PAIR = re.compile(r"[(\[]\s*(\d{1,3})\s*,\s*(\d{1,3})\s*[)\]]")
_ORDER = re.compile(r"for\s*\(?\s*k\w*\s*,\s*s\w*\s*\)?\s+in\b|"
                    r"\(\s*(?:kernel(?:_size)?|k)\s*,\s*(?:stride|s)\s*\)", re.I)
_FUNC = re.compile(r"(?<![\w.])(?P<f>[A-Za-z_]*(?:receptive|rf)[A-Za-z_]*)\s*\(\s*"
                   r"(?P<arg>[A-Za-z_]\w*)\s*\)", re.I)
_SAID = re.compile(r"#[^#]*?(?<![\w.])(?P<n>\d{1,5})(?![\w.])\s*$")
_ONLY = re.compile(r"[\s\[\](),\d]*")  # a line of the list: pairs and brackets
MAX_PAIRS = 64
NEEDS = None
CONFIDENCE = 0.9


def _depth(code: str) -> int:
    return code.count("[") + code.count("(") - code.count("]") - code.count(")")


class Lists:
    """The lists of (kernel, stride) pairs assigned so far, and one being written."""

    def __init__(self) -> None:
        self.lists: dict[str, list[tuple[int, int]]] = {}
        self.open: tuple[str, list[tuple[int, int]], int] | None = None
        self.ordered = False  # the code says its pairs are (kernel, stride)

    def feed(self, number: int, raw: str) -> list[Claim]:
        if self.open is None and "(" not in raw and "[" not in raw and "for" not in raw:
            return []  # no pair, no call, no "(k, s)" and no "for k, s in"
        code = raw.split("#", 1)[0]
        if _ORDER.search(raw):
            self.ordered = True
        if self.open is not None:
            name, pairs, depth = self.open
            if not _ONLY.fullmatch(code):
                self.open = None  # not a list of pairs after all
            else:
                pairs += [(int(a), int(b)) for a, b in _PAIR.findall(code)]
                depth += _depth(code)
                self.open = (name, pairs, depth) if depth > 0 else None
                if depth <= 0 and 0 < len(pairs) <= MAX_PAIRS:
                    self.lists[name] = pairs
                return []
        m = _ASSIGN.match(code)
        if m:
            rest = code[m.end():]
            if _ONLY.fullmatch(rest):
                pairs = [(int(a), int(b)) for a, b in _PAIR.findall(rest)]
                if _depth(rest) > 0:
                    self.open = (m.group("name"), pairs, _depth(rest))
                elif 0 < len(pairs) <= MAX_PAIRS:
                    self.lists[m.group("name")] = pairs
            return []
        call = _FUNC.search(code)
        said = _SAID.search(raw) if call else None
        if said is None or not self.ordered or call.group("arg") not in self.lists:
            return []
        from cnnstat.analysis import grow

        pairs = self.lists[call.group("arg")]
        rf, jump = (1, 1), (1, 1)
        for k, s in pairs:
            rf, jump = grow(rf, jump, ((k, k), (s, s)))
        want, n = rf[0], int(said.group("n"))
        text = f"receptive field of {call.group('arg')} = {n}"
        how = (f"{len(pairs)} layers (kernel, stride): r + (k - 1)·j from 1 gives {want}")
        return [Claim(number, text, "receptive field", str(n), want, "right" if n == want else "wrong",
                      how, confidence=CONFIDENCE)]
