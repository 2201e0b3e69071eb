"""A network written as a list of layer calls, a layer a line, outside code a language
runs (pseudo-code in a plain fence or in prose), from the input the list states::

    input image: 224x224x3
    conv1 = Conv2d(3,64,3) stride=1, padding=1     (settings after the call are its own)
    ReLU(conv1)                                    (keeps the map; so does Dropout(0.5))
    pool2 = MaxPool2d(2) stride=2
    ...
    Flatten(8x8x512)                               (the map flattened: 7x7x512 is walked)
    fc14 = Linear(7x7x512, 4096)                   (its in_features: the flattened length)

Each call (``Conv2d``, ``MaxPool2d``, ``AvgPool2d``, with or without ``nn.``) is read by
``torchcode.layer`` with the settings written after it on its line (``stride=1,
padding=1``) and applied by the layer algebra to the map walked so far. A conv's
``in_channels`` is judged against the map's channels; a ``Flatten(...)`` that states its
map or its length, and a ``Linear``'s ``in_features`` (a number or a product, ``7x7x512``,
``512*7*7``), against the map flattened (``Flatten``); a linear's ``out_features`` goes
on. A conv whose padding is written nowhere on its line makes the maps after it a guess:
a size that disagrees is then unsure. A line with a figure that is none of these, or a
call not read, ends the walk.
"""

from __future__ import annotations

import re
from math import prod

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.codeforms import torchcode
from cnnstat.notes.maps.mapread import maps
from cnnstat.notes.reading.questions import asks

UNSURE = 0.4
_INPUT = re.compile(r"^\W*(?:input|입력)[\w ]{0,20}[:=]", re.I)
_CALL = re.compile(r"(?:nn\.)?(Conv2d|MaxPool2d|AvgPool2d)\s*\(([^()]{0,120})\)(.{0,120})$")
_SETTING = re.compile(r"\b(stride|padding)\s*=\s*(\d{1,2})\b")
_LEAD = r"^\s*(?:\w+\s*=\s*)?(?:nn\.)?"  # "fc14 = ", "nn."
_KEEP = re.compile(_LEAD + r"(?:ReLU|Dropout|BatchNorm2d|Softmax|Sigmoid|Tanh|LeakyReLU)\s*"
                   r"\([^()]{0,40}\)\s*(?:#.*)?$", re.I)
_FLATTEN = re.compile(_LEAD + r"Flatten\s*\(([^()]{0,40})\)", re.I)
_LINEAR = re.compile(_LEAD + r"Linear\s*\(\s*([0-9x×*\s]{1,30}?)\s*,\s*([0-9]{1,6})\s*\)", re.I)
_NUMBER = re.compile(r"[0-9]")


def _length(text: str) -> tuple[int, tuple[int, ...] | None] | None:
    """A length written as a number or a product (``25088``, ``7x7x512``, ``512*7*7``),
    and its factors where it is a product of three."""
    parts = re.split(r"\s*[x×*]\s*", text.strip())
    if not parts or not all(p.isdecimal() and len(p) <= 6 for p in parts):
        return None
    nums = tuple(int(p) for p in parts)
    return prod(nums), (nums if len(nums) == 3 else None)


class Calls:
    """The map walked through the list so far: (C, H, W), or a length; whether a setting
    was guessed on the way."""

    def __init__(self) -> None:
        self.shape: tuple[int, ...] | None = None
        self.guessed = False

    def check_line(self, number: int, masked: str) -> tuple[list[Claim], list[Skip]]:
        if _INPUT.match(masked) and not asks(masked):
            found = maps(masked)
            self.shape = (found[0].c, found[0].h, found[0].w) if len(found) == 1 else None
            self.guessed = False
            return [], []
        if self.shape is None or not _NUMBER.search(masked) and not _KEEP.match(masked):
            return [], []
        if _KEEP.match(masked):
            return [], []
        call = _CALL.search(masked)
        if call is not None:
            return self._layer(number, call), []
        flat = _FLATTEN.match(masked)
        if flat is not None:
            return self._flatten(number, flat), []
        lin = _LINEAR.match(masked)
        if lin is not None:
            return self._linear(number, lin), []
        self.shape = None  # a figure the list does not explain: the walk is lost
        return [], []

    def _layer(self, number: int, call: re.Match) -> list[Claim]:
        args = call.group(2)
        given = {k for k, _ in _SETTING.findall(args)}
        tail = [f"{k}={v}" for k, v in _SETTING.findall(call.group(3)) if k not in given]
        lay = torchcode.layer(f"nn.{call.group(1)}({', '.join([args] + tail)})")
        if lay is None or len(self.shape) != 3:
            self.shape = None
            return []
        out: list[Claim] = []
        if lay.in_channels is not None:
            text = call.group(0).split(")")[0] + ")"
            ok = lay.in_channels == self.shape[0]
            out.append(Claim(number, text, "shape", str(lay.in_channels), str(self.shape[0]),
                             "right" if ok else "wrong",
                             f"in_channels against the {self.shape[0]} channels walked",
                             confidence=1.0 if ok or not self.guessed else UNSURE))
            if not ok:
                self.shape = None
                return out
        if lay.kind == "conv" and "padding" not in lay.args:
            self.guessed = True
        got = torchcode.apply([lay], (1,) + self.shape)
        self.shape = tuple(got[1:]) if got is not None else None
        return out

    def _flat(self) -> int | None:
        return prod(self.shape) if self.shape else None

    def _judged(self, number: int, text: str, stated: tuple[int, tuple | None],
                what: str) -> list[Claim]:
        walked, shape = self._flat(), self.shape
        if walked is None:
            return []
        ok = stated[0] == walked if stated[1] is None or len(shape) != 3 else \
            sorted(stated[1]) == sorted(shape)
        shown = "x".join(str(d) for d in (shape[1], shape[2], shape[0])) \
            if len(shape) == 3 else str(walked)
        return [Claim(number, text, "shape", text, shown, "right" if ok else "wrong",
                      f"{what} against the map walked ({shown}, the layer algebra)",
                      confidence=1.0 if ok or not self.guessed else UNSURE)]

    def _flatten(self, number: int, flat: re.Match) -> list[Claim]:
        inside = flat.group(1).strip()
        stated = _length(inside) if inside else None
        out = self._judged(number, inside, stated, "the map flattened") if stated else []
        walked = self._flat()
        self.shape = (walked,) if walked is not None else None
        return out

    def _linear(self, number: int, lin: re.Match) -> list[Claim]:
        stated = _length(lin.group(1))
        if stated is None:
            self.shape = None
            return []
        if len(self.shape) == 3:  # flattened on the way in
            out = self._judged(number, lin.group(1).strip(), stated, "in_features")
        else:
            out = self._judged(number, lin.group(1).strip(), (stated[0], None), "in_features")
        self.shape = (int(lin.group(2)),)
        return out
