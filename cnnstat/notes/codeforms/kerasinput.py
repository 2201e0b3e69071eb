"""A shape a comment line of its own gives as an input, between a Keras model's layers:
``# the input is now (14, 14, 32)`` under a pooling and over the next ``Conv2D``, ``# 입력:
(7, 7, 64)`` over ``Flatten()``, ``# Input shape = (7, 7, 64) numParameters = ...``. A Sequential model feeds each layer the output of the one
before, so the shape is the input of the layer below (the model's shape so far) or, said of
the layer just above (a comment run under it, no blank between), that layer's input:
right where it is either, wrong where both are known and it is neither. The shape is Keras's, channels last. Over the first layer of a
model just begun (``Sequential()`` a few lines above, no layer read) whose ``input_shape``
is a name (``input_shape=in_shape``), it is the model's input, its layers read from it.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.codeforms.kerasforms import INT, NAMED_INPUT, OUT_WORD, PLAIN

CONFIDENCE = 0.85  # the comment is taken to speak of the model its lines sit in
NEAR = 10  # lines below the last layer read that such a comment is the model's
BEGUN = 12  # lines below ``Sequential()`` that a comment's input may be the model's
_INPUT = re.compile(r"\binputs?\b|입력|인풋", re.I)


def judge(model, number: int, offset: int, shown: re.Match, comment: str) -> list[Claim]:
    """``model``: the Keras reader's (``kerascode.Model``), its shape the last layer's
    output (channels first) and ``before`` that layer's input; ``shown``: the shape in
    ``comment``, which starts ``offset`` columns into the line."""
    if not (_INPUT.search(comment, 0, shown.start()) or NAMED_INPUT.match(comment, shown.end())) or \
            OUT_WORD.search(comment, 0, shown.start()):
        return []
    dims = tuple(int(d) for d in INT.findall(shown.group(1)))
    claimed = dims[-1:] + dims[:-1] if len(dims) == 3 else dims
    if model.shape is None and model.filters is None and len(dims) == 3 and \
            model.last < model.begun[0] and 0 < number - model.begun[0] <= BEGUN:
        # over the first layer of a model whose input_shape is a name: the model's input
        model.shape, model.stated, model.last, model.judged = claimed, 0, number, number
        model.var = model.begun[1]
        return []
    if number - model.last > NEAR or model.shape is None or model.stated or model.guessed:
        return []
    # under the layer above, with no blank between: maybe that layer's input; past a blank,
    # the comment speaks of the layer below
    said_of = (model.shape, model.before) if model.place.contiguous else (model.shape,)
    near = [s for s in said_of if s is not None and len(s) == len(dims)]
    if not near or claimed not in near and len(near) < len(said_of):
        return []
    want = claimed if claimed in near else model.shape
    text = ", ".join(map(str, want[1:] + want[:1] if len(want) == 3 else want))
    ok = claimed in near
    how = ("the input of the layer below: the model's shape so far (the layer algebra; "
           "Keras writes channels last)") if want == model.shape else \
        "the input of the layer just above"
    a, b = offset + shown.start(1), offset + shown.end(1)
    return [Claim(number, shown.group(0), "shape", shown.group(1), text,
                  "right" if ok else "wrong", how, () if ok else (Edit(number, a, b, text),),
                  text, CONFIDENCE)]


def alone(model, number: int, offset: int, comment: str) -> list[Claim]:
    """The shape just after an input word in a comment the Keras reader found no one
    shape in (``# Input shape = (7, 7, 64) numParameters = 7*7*64 = 3136``: a count's
    word beside it)."""
    word = _INPUT.search(comment)
    shown = PLAIN.search(comment, word.end(), word.end() + 24) if word else None
    return judge(model, number, offset, shown, comment) if shown else []
