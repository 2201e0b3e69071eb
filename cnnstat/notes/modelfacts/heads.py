"""A network's parameters with the classifier of the dataset a note trains it on.

A note on CIFAR-100 counts ResNet-50 with a 100-class head: 23,712,932 parameters
(torchvision's ``resnet50(num_classes=100)``), not the 25,557,032 of its 1000 ImageNet
classes. Where the note has named a dataset of other classes than the spec's (on this line
or any line above), a parameter count of a named network is also read against the spec with
its last linear layer rebuilt for that many classes by the layer algebra (``Linear``'s
``make`` and ``apply``): right where it agrees. A head stated by its classes (``with 10
classes``, ``a 37-way classifier``, ``num_classes=5``, ``클래스 10개``) is read the same way.
The stem is the spec's own; a CIFAR stem (a 3x3 first conv, no max pool) is another network,
not computed here: a count within ``factjudge.NEAR`` of the count with the named head is
unsure (``This ResNet-18 has 11,173,962 parameters with 10 classes``: a 3x3 stem).

``record`` is the first reader of every line (``READERS``): it points the thread at the note
being read, so the model-fact readers (``factjudge``) read the datasets of their own note.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

# a dataset's name folded (lower case, no separators): its name shown, its classes
CLASSES = {"cifar100": ("CIFAR-100", 100), "cifar10": ("CIFAR-10", 10),
           "mnist": ("MNIST", 10), "fashionmnist": ("Fashion-MNIST", 10),
           "kmnist": ("KMNIST", 10), "svhn": ("SVHN", 10), "stl10": ("STL-10", 10),
           "tinyimagenet": ("Tiny ImageNet", 200)}
_NAME = re.compile(r"(?<![A-Za-z0-9])(fashion[\s_-]?mnist|k?mnist|cifar[\s_-]?100|cifar[\s_-]?10|"
                   r"svhn|stl[\s_-]?10|tiny[\s_-]?image[\s-]?net)(?![A-Za-z0-9])", re.I)
# a head stated by its classes: "with 10 classes", "a 37-way classifier", "num_classes=5",
# "클래스 10개", "10개의 클래스"
_CLASSES = re.compile(r"(?<![\d.,])(\d{1,5})[\s-]*(?:output\s+)?(?:classes|class\b|way\b|개의?\s*클래스)|"
                      r"num_classes\s*=\s*(\d{1,5})\b|클래스\s*(\d{1,5})\s*개", re.I)
NEEDS = ("cifar", "mnist", "svhn", "stl", "tiny", "class", "way", "클래스")


class Seen:
    """The datasets a note has named so far, the one named last, last."""

    def __init__(self) -> None:
        self.named: dict[int, tuple[str, int]] = {}  # classes -> (name shown, last line)

    def add(self, number: int, text: str) -> None:
        for m in _NAME.finditer(text):
            name, classes = CLASSES[re.sub(r"[\s_-]", "", m.group(1).lower())]
            self.named.pop(classes, None)
            self.named[classes] = (name, number)  # the latest last
        for m in _CLASSES.finditer(text):
            classes = int(next(g for g in m.groups() if g))
            if 2 <= classes != 1000:
                self.named.pop(classes, None)
                self.named[classes] = (f"{classes} classes", number)


# the note being read in this thread (``record`` sets it on each of its lines: notes
# checked in turn, or interleaved line by line, each read their own)
_HERE = threading.local()


def record(at) -> list:
    """The reader: this note's datasets, for the readers after it on this line."""
    seen = _HERE.note = at.state.heads
    for line in at.block if at.block is not None else (at.line,):
        low = line.raw.lower()  # once a line, not once a word
        if any(map(low.__contains__, NEEDS)):
            seen.add(line.number, line.masked)
    return []


@lru_cache(maxsize=256)
def _swapped(spec: str, classes: int) -> int | None:
    from cnnstat.layers import KINDS
    from cnnstat.notes.modelfacts import specrows

    rows = [r for r in specrows.walk(spec) or [] if r.type == "linear"]
    if not rows or rows[-1].output[-1] == classes:
        return None
    head = rows[-1]
    made = KINDS["linear"].make({**head.kind.values, "out": classes}).apply(head.inputs[0])
    return sum(r.params for r in specrows.walk(spec)) - head.params + made.params


def swapped(spec: str) -> list[tuple[int, str]]:
    """The spec's parameters with the head of each dataset the note named, and how."""
    out = []
    seen = getattr(_HERE, "note", None)
    for classes, (name, number) in reversed(seen.named.items() if seen else ()):  # latest first
        v = _swapped(spec, classes)
        if v is not None:
            out.append((v, f" parameters with a {classes}-class head ({name}, named on line "
                           f"{number})"))
    return out


@lru_cache(maxsize=256)
def headless(spec: str) -> tuple[int, ...]:
    """The spec's parameters without its classifier, every linear layer (a backbone's,
    ``include_top=False``: ResNet-50's 23.5M, VGG16's convolutions alone, 14.7M); a
    network with several linear layers is not counted without its last one alone."""
    rows = specrows_walk(spec)
    linear = [r.params for r in rows if r.type == "linear"]
    return (sum(r.params for r in rows) - sum(linear),) if linear else ()


def specrows_walk(spec: str) -> list:
    from cnnstat.notes.modelfacts import specrows
    return specrows.walk(spec) or []
