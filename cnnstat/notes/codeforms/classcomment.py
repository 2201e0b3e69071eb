"""An output layer built in code with the number of classes in the comment beside it::

    model.add(Dense(5, activation='softmax'))  # softmax로 클래스 10개의 확률을 출력
    self.fc3 = nn.Linear(84, 10)  # 10개 클래스의 점수
    layers.Dense(100, activation="softmax"),  # CIFAR-100: 100 classes
    Dense(1, activation='sigmoid')  # 2 classes (binary)

The layer's units are the call's (Keras's ``Dense``: the first argument or ``units=``;
PyTorch's ``Linear``: the second or ``out_features=``), a plain number; the comment's count
is the one a class word stands beside (``10 classes``, ``클래스 10개``, ``10개의 클래스``,
``10-way``). Right where they agree (one sigmoid unit for two classes too); wrong where
they do not and the line says it is the output (softmax, probabilities, 확률, 출력,
output, logits, scores); unsure otherwise (a hidden layer's comment may name the task's
classes).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.paramcounts.layercomment import _split

NEEDS = ("dense", "linear")
_CALL = re.compile(r"(?<![\w.])(?:(?:torch\.)?nn\.|(?:tf\.)?(?:keras\.)?layers\.)?"
                   r"(?P<name>Dense|Linear)\s*\((?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)")
_UNITS = {"Dense": (0, "units"), "Linear": (1, "out_features")}
_COUNT = re.compile(r"(?<![\w.])(?P<n>[0-9]{1,5})\s*(?:개의?\s*|-\s*|\s)?(?:classes|class|"
                    r"categories|labels|클래스|범주|카테고리|레이블|종류|way\b)|"
                    r"(?:classes|클래스|범주|카테고리)\s*(?:수\s*)?(?:[:=]\s*|는\s*|은\s*)?"
                    r"(?P<m>[0-9]{1,5})(?![0-9.]|[A-Za-z_])", re.I)
_OUTPUT = re.compile(r"softmax|sigmoid|확률|출력|output|logit|score|점수|probab|분류|classif",
                     re.I)
_BINARY = re.compile(r"sigmoid|binary|이진", re.I)


def _units(name: str, args: str) -> int | None:
    place, keyword = _UNITS[name]
    m = re.search(rf"\b{keyword}\s*=\s*([0-9]+)\b", args)
    if m:
        return int(m.group(1))
    parts = [p.strip() for p in args.split(",")]
    if len(parts) <= place or "=" in parts[place] or not parts[place].isdecimal():
        return None
    return int(parts[place])


def read(at) -> list[Claim | Skip]:
    code, comment, start = _split(at.line.raw)
    if not comment:
        return []
    calls = list(_CALL.finditer(code))
    counts = list(_COUNT.finditer(comment))
    if len(calls) != 1 or len(counts) != 1:
        return []
    units = _units(calls[0].group("name"), calls[0].group("args"))
    if units is None:
        return []
    said = int(counts[0].group("n") or counts[0].group("m"))
    number = at.line.number
    text = f"{calls[0].group(0)}: {counts[0].group(0).strip()}"
    if said == units or (units == 1 and said == 2 and _BINARY.search(at.line.raw)):
        return [Claim(number, text, "shape", str(said), units, "right",
                      f"the layer has {units} output unit{'s' if units > 1 else ''}")]
    if not _OUTPUT.search(at.line.raw):
        return [Skip(number, text, f"unsure: {said} classes in the comment of a layer of "
                                   f"{units} units that the line does not call the output")]
    return [Claim(number, text, "shape", str(said), units, "wrong",
                  f"the layer outputs {units} values, one a class: {units} classes, not "
                  f"{said}", confidence=0.9)]


__all__ = ["NEEDS", "read"]
