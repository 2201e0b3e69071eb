"""A Keras tensor's shape as the note's code prints it and the note pastes the printout
below (a Jupyter cell's output, a fence of its own)::

    x = Conv2D(filters=1, kernel_size=3)(inputs)
    print('x.shape:', x.shape)

    x.shape: (None, 3, 3, 1)

A ``print`` of ``NAME.shape`` (a label in quotes before it or not) is remembered with the
shape the Keras reader (``kerascode.Model``) holds for ``NAME`` at that line: only the
tensor the model's last layer gave (``model.var``); a print of another name leaves its
label unknown. A line below (within ``NEAR`` lines) that is that label and a shape with its
batch (``(None, 3, 3, 1)``) and nothing else is the printout, judged against it
(channels last, as Keras prints).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit

NEAR = 12  # lines below its print that a printout is read
_PRINT = re.compile(r"^\s*print\(\s*(?:(['\"])(?P<label>[^'\"]{0,60})\1\s*,\s*)?"
                    r"(?P<var>[A-Za-z_]\w{0,40})\.shape\s*\)\s*(?:#.*)?$")
_SHOWN = re.compile(r"^\s*(?P<label>[^()\[\]#=]{0,60}?)\s*[(\[]\s*None\s*,\s*"
                    r"(?P<dims>\d{1,5}(?:\s*,\s*\d{1,5}){0,2})\s*,?\s*[)\]]\s*$")


def _key(label: str) -> str:
    return re.sub(r"[\s:]+", "", label)


def read(model, number: int, raw: str) -> list[Claim]:
    """A print of a tensor's shape (remembered), or the printout of one (judged)."""
    printed = model.printed
    m = _PRINT.match(raw)
    if m is not None:
        key, known = _key(m.group("label") or ""), m.group("var") == model.var
        printed[key] = (number, model.shape if known and model.shape is not None else None)
        return []
    shown = _SHOWN.match(raw)
    if shown is None or not printed:
        return []
    line, want = printed.pop(_key(shown.group("label")), (0, None))
    if want is None or number - line > NEAR:
        return []
    dims = tuple(int(d) for d in re.findall(r"\d+", shown.group("dims")))
    keras = want[1:] + want[:1] if len(want) == 3 else want
    text = ", ".join(map(str, keras))
    ok = dims == keras
    how = f"the shape printed on line {line}: the layer algebra from the model's input"
    a, b = shown.start("dims"), shown.end("dims")
    return [Claim(number, raw.strip(), "shape", shown.group("dims"), text,
                  "right" if ok else "wrong", how,
                  () if ok else (Edit(number, a, b, text),), text)]
