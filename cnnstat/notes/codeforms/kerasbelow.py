"""A Keras summary pasted under the model's code: ``model.summary()``, then the printed
table (as plain lines, or as comments in the code), each row's output shape against the
layer the code builds at its place (``kerascode`` computes each layer's output by the
layer algebra; ``'same'`` with a stride is TensorFlow's ``ceil(n / s)``). A row whose
shape the code cannot give (a table printed before the code was changed: ``strides=2``
added, ``padding='same'`` set) is wrong; a row the code gives, right. The rows under a
wrong one go on from the printed shape, not the code's: they are the table's own chain
(``summary``), not read here.

Read only where the table's rows are the code's layers one for one: as many rows (an
``InputLayer`` row aside) as layers, each row's kind (conv, pooling, flatten, dense, ...)
the layer's, and each output of the same rank as the layer's, with its channels (a
conv's filters, a pooling's input's) or a dense layer's units; a layer the code reader cannot take apart leaves the
table unread. Only the first table after the call: a second one under it is another
run's (its heading may say which).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.summary.kinds import TYPES, family
from cnnstat.notes.summary.rows import keras as keras_row

NEAR = 8  # lines from ``.summary()`` to the table's first row
_CALLED = re.compile(r"\.summary\s*\(\s*\)")
_DECOR = re.compile(r"^[\s#]*(?:[_=─━-]{3,}.*|Layer \(type\).*|Model:.*|)$")


class Below:
    """The layers of the Keras model read so far, and the table under its ``summary()``."""

    def __init__(self) -> None:
        # each layer: its line, family, output (channels first) and class
        self.layers: list[tuple[int, str | None, tuple | None, str]] = []
        self.begun = -1  # the ``Sequential(`` the layers are of
        self.called = -1  # the line of ``.summary()``, while its table is awaited
        self.rows: list = []

    def line(self, number: int, raw: str, model) -> list[Claim]:
        """Every code and summary line, after ``kerascode`` read it (``model``)."""
        if model.begun[0] != self.begun:
            self.begun, self.layers = model.begun[0], []
        if model.last == number and model.call is not None and \
                (not self.layers or self.layers[-1][0] != number):
            name = model.call[0].rsplit(".", 1)[-1]
            known = not (model.stated or model.guessed)  # computed, not a comment's sides
            self.layers.append((number, TYPES.get(name.lower()), model.shape if known else None,
                                name))
        if _CALLED.search(raw.partition("#")[0]):
            self.called, self.rows = number, []
            return []
        if self.called < 0:
            return []
        text = raw.strip().lstrip("#").strip()
        row = keras_row(number, text) if "(" in text else None
        if row is not None:
            self.rows.append(row)
            return []
        if not self.rows and _DECOR.match(raw) and number - self.called <= NEAR:
            return []  # the rule and header over the rows, or a comment naming the run
        if not self.rows and number - self.called <= NEAR and raw.lstrip().startswith("#") \
                and "params" not in raw.lower():
            return []
        if self.rows and _DECOR.match(raw):
            return []  # the rules between rows
        rows, self.rows, self.called = self.rows, [], -1
        return _judge(rows, self.layers)


def _judge(rows: list, layers: list) -> list[Claim]:
    rows = [r for r in rows if family(r.type, r.name, r.closed) != "input"]
    if not rows or len(rows) != len(layers):
        return []
    for row, (_, kind, shape, _) in zip(rows, layers):
        if kind is None or shape is None or row.shape is None or \
                family(row.type, row.name, row.closed) != kind or \
                len(row.shape) != len(shape) or \
                (row.shape[0] != shape[0] and (len(shape) == 3 or kind == "linear")):
            return []  # not this code's table, or a layer not known
    out = []
    for row, (number, _, shape, _) in zip(rows, layers):
        shown = ", ".join(map(str, shape[1:] + shape[:1]))
        got = ", ".join(map(str, row.shape[1:] + row.shape[:1]))
        out.append(Claim(row.line, f"{row.name} ({row.type}) (None, {got})", "shape", got,
                         shown, "right" if row.shape == shape else "wrong",
                         f"the layer the code above builds on line {number}, by the layer "
                         "algebra (Keras writes channels last)", (), shown, 1.0))
        if row.shape != shape:
            break  # the rows below go on from the printed shape: the table's own chain
    return out
