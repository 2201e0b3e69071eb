"""A docstring that lists a Keras model's shapes, one alone on each line, above the
model (``'''`` then ``(N, 5, 5, 1)``, ``(N, 4, 4, 10)``, ... ``(N, 180)`` then ``'''``):
each listed shape is judged against the outputs ``kerascode`` computes for the model
below, in order. The first listed shape must be the model's input (the listing is of
this model); a listed shape is right where a layer at or after the last one matched
gives it, and wrong, against the next output of its rank, where none does (a listing
may leave layers out). Judged when the model ends (a line that adds no layer).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_ALONE = re.compile(r"[(\[]\s*(?:N|None|batch|-1|\?)\s*,\s*(\d{1,6}(?:\s*,\s*\d{1,6}){0,2})"
                    r"\s*,?\s*[)\]]")
_QUOTES = ("'''", '"""')
NEAR = 6  # lines from the listing's end to the model's first layer


class Listing:
    def __init__(self) -> None:
        self.inside = False
        self.items: list = []  # (line, match, dims channels first)
        self.outputs: list = []  # the model's input, then each layer's output
        self.armed = False
        self.last = self.closed = -1

    def line(self, number: int, raw: str, model) -> list[Claim]:
        text = raw.strip()
        if text in _QUOTES:
            self.inside = not self.inside
            self.armed = not self.inside and len(self.items) >= 2
            self.closed = number
            if self.inside:
                self.items, self.outputs = [], []
            return []
        if self.inside:
            m = _ALONE.fullmatch(text)
            if m is None:
                self.items = [] if text else self.items  # prose: no plain listing
                self.inside = bool(text) and self.inside
                return []
            dims = tuple(int(d) for d in re.findall(r"\d+", m.group(1)))
            self.items.append((number, m, dims[-1:] + dims[:-1] if len(dims) == 3 else dims))
            return []
        if not self.armed:
            return []
        if model.last == number and model.last != self.last:
            self.last = number
            if model.shape is None or not self.outputs and (
                    model.before is None or number - self.closed > NEAR):
                self.armed = False  # a layer not known: the model's outputs lost
                return []
            self.outputs += ([model.before] if not self.outputs else []) + [model.shape]
            return []
        if self.outputs and "add(" not in raw and text:
            self.armed = False
            return self._judge()
        return []

    def _judge(self) -> list[Claim]:
        outs, out, pos = self.outputs, [], 0
        if self.items[0][2] != outs[0]:
            return []  # not this model's listing
        for number, m, dims in self.items:
            k = next((i for i in range(pos, len(outs)) if outs[i] == dims), None)
            if k is None:
                k = next((i for i in range(pos, len(outs)) if len(outs[i]) == len(dims)), None)
                if k is None:
                    continue
            want = outs[k]
            shown = ", ".join(map(str, want[1:] + want[:1] if len(want) == 3 else want))
            how = "the model below, its layers in order (Keras writes channels last)"
            out.append(Claim(number, m.group(0), "shape", m.group(1), shown,
                             "right" if want == dims else "wrong", how, (), shown, 1.0))
            pos = k + 1
        return out
