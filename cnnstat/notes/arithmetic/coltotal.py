"""A total under lines that each give a labelled figure, a layer a line::

    CONV3-64: [224x224x64]  memory:  224*224*64=3.2M   weights: (3*3*3)*64 = 1,728
    POOL2: [112x112x64]     memory:  112*112*64=800K   weights: 0
    ...
    TOTAL memory: 24M * 4 bytes ~= 93MB / image
    TOTAL params: 138M parameters

``TOTAL <label>: <figure>`` is the sum of the figures its label (or a word for the same
quantity: weights, params, parameters, 파라미터, 가중치) gave on the lines above it; each
figure is its calculation where it shows one (``224*224*3=150K`` counts 150,528), else the
number written. The total is judged to the precision it is written with (``24M``: to the
million) when three lines or more gave the label and every one of them could be read; a
line of the run that gave it unread leaves the total unsure, and so does a total within
1% of the sum (the biases the lines left out: VGG-16's 138,357,544 against the weights'
138,344,128). A run ends ``GAP`` lines
after its last labelled line.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.numbers import agrees, plain, write_like
from cnnstat.notes.reading.numerals import Refused, read_number

_GROUPS = {"memory": "memory", "activations": "memory", "메모리": "memory",
           "weights": "params", "params": "params", "parameters": "params",
           "파라미터": "params", "가중치": "params", "flops": "flops", "macs": "macs",
           "mult-adds": "macs"}
_LABEL = r"(?:memory|activations|weights|params|parameters|flops|macs|mult-adds|메모리|파라미터|가중치)"
_FIELD = re.compile(rf"(?<![\w-])(?P<label>{_LABEL})\s*:\s*(?P<val>.*?)"
                    rf"(?=\s+{_LABEL}\s*:|\s*$)", re.I)
_TOTAL = re.compile(rf"^[\W_]*(?:total|합계|총|전체)\s*(?P<label>{_LABEL})\s*(?:수\s*)?[:=]\s*", re.I)
NEEDS = ("memory", "activations", "weights", "params", "parameters", "flops", "macs",
         "mult-adds", "메모리", "파라미터", "가중치")
GAP = 3  # lines (blank ones too) a run waits for its next labelled line
MIN_ROWS = 3
CONFIDENCE = 0.8  # the column is read from its label words, the rows from their layout


class Runs:
    def __init__(self) -> None:
        self.sums: dict[str, list] = {}  # group -> [sum, rows, all read]
        self.last = 0

    def check_line(self, number: int, masked: str) -> list[Claim]:
        if number - self.last > GAP:
            self.sums = {}
        total = _TOTAL.match(masked)
        if total is not None:
            return self._total(number, masked, total)
        # a field holds a figure: "weights: 0", "memory: 224*224*3=150K" (not a lead-in,
        # "... the total number of weights:")
        fields = [f for f in _FIELD.finditer(masked) if f.group("val")[:1].isdigit() or
                  f.group("val")[:1] == "("]
        if not fields:
            return []
        self.last = number
        for f in fields:
            group = _GROUPS[f.group("label").lower()]
            run = self.sums.setdefault(group, [Fraction(0), 0, True])
            value = _value(f.group("val"))
            run[1] += 1
            if value is None:
                run[2] = False
            else:
                run[0] += value
        return []

    def _total(self, number: int, masked: str, m: re.Match) -> list[Claim]:
        group = _GROUPS[m.group("label").lower()]
        run = self.sums.pop(group, None)
        got = read_number(masked, m.end())
        if run is None or got is None or run[1] < MIN_ROWS or not run[2]:
            return []
        figure, end = got
        want, rows = run[0], run[1]
        text = masked[m.start("label"):end].strip()
        how = f"the {m.group('label')} of the {rows} lines above, added"
        if agrees(want, figure):
            return [Claim(number, text, "arithmetic", figure.text, _num(want), "right", how,
                          confidence=CONFIDENCE)]
        if abs(figure.value - want) * 100 <= want:
            return []  # within 1%: biases the lines left out, a rounding of its own
        shown = write_like(want, figure)
        return [Claim(number, text, "arithmetic", figure.text, _num(want), "wrong",
                      f"{how}: {plain(want)}", (Edit(number, m.end(), end, shown),), shown,
                      CONFIDENCE)]


def _value(text: str) -> Fraction | None:
    """A field's figure: its calculation where it shows one, else its one number."""
    from cnnstat.notes.reading.grammar import evaluate

    text = text.strip().rstrip(",;")
    left = text.split("=")[0].strip() if "=" in text else text
    one = read_number(left, 0) if left[:1].isdigit() else None
    if one is not None and one[1] == len(left) and one[0].style in ("plain", "grouped"):
        return one[0].value  # "1,728", "4096"
    if not left or not re.fullmatch(r"[\d\s.*x×()+/-]+", left):
        return None
    try:
        return Fraction(evaluate(left.replace("x", "*").replace("×", "*")))
    except (Refused, ValueError, ZeroDivisionError, ArithmeticError, TypeError):
        return None


def _num(v: Fraction):
    return int(v) if v.denominator == 1 else float(v)
