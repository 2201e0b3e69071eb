"""How many images a named dataset holds, where a sentence sets the dataset out::

    MNIST is a collection of 70,000 handwritten digits, 60,000 for training and 10,000
    for testing.
    CIFAR-10 has 60000 images in 10 classes (50000 training images, 10000 test images).

The counts are the datasets' standard splits, as their papers and pages give them: MNIST
(LeCun et al. 1998), Fashion-MNIST (Xiao et al. 2017) and KMNIST (Clanuwat et al. 2018)
60,000 training and 10,000 test images; CIFAR-10 and CIFAR-100 (Krizhevsky 2009) 50,000
and 10,000 (``SPLITS``, the one table of them: ``imagecounts`` takes its CIFAR and MNIST
figures from it; the classes beside an image count are ``imagecounts``'s). A figure is
read where the sentence's subject is the dataset and its
verb says what the dataset is or holds (``is``, ``has``, ``contains``, ``consists of``,
``a collection of``, ``split into``, ``comprises``); its role is the word just after it:
``training``/``train`` (or ``for training``), ``test``/``testing`` (or ``for testing``),
or ``images``/``digits``/``examples``/``samples`` alone (the whole dataset; not ``per
class``). A sentence that says the note uses part of it (``we use``, ``subset``,
``first``, ``only``, ``sample of``, ``randomly``), names a validation split or another
dataset, or asks, is not read. Right where the figure is the split's, wrong where not.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.questions import asks

CONFIDENCE = 0.8  # the sentence is taken to describe the dataset's standard splits
NEEDS = tuple("0123456789")  # a figure (the digits' slot, shared)
# name -> (shown, training images, test images, classes)  (the classes: shown only)
SPLITS = {"mnist": ("MNIST", 60000, 10000, 10), "fashionmnist": ("Fashion-MNIST", 60000, 10000, 10),
           "kmnist": ("KMNIST", 60000, 10000, 10), "cifar10": ("CIFAR-10", 50000, 10000, 10),
           "cifar100": ("CIFAR-100", 50000, 10000, 100)}
# a training split that a widely read source uses in place of the standard one, taken as
# right with its source named: Nielsen's "Neural Networks and Deep Learning" (ch. 1) loads
# MNIST from ``mnist.pkl.gz`` as 50,000 training, 10,000 validation and 10,000 test images
OTHER_TRAIN = {"mnist": (50000, "Nielsen's mnist.pkl.gz keeps 50,000 of them for training "
                                "and 10,000 for validation")}
_NAME = re.compile(r"(?<![A-Za-z])(fashion[\s_-]?mnist|k?mnist|cifar[\s_-]?100|cifar[\s_-]?10)"
                   r"(?![A-Za-z0-9]|-[A-Za-z])", re.I)
# what the dataset is or holds; what makes the sentence about a part of it
_VERBS = ("is a", "is an", "is the", "has", "have", "holds?", "contains?", "consists? of",
          "comprises?", "collection of", "split into", "made up of", "includes?")
_VERB = re.compile(r"\b(?:" + "|".join(v.replace(" ", r"\s+") for v in _VERBS) + r")\b", re.I)
_PARTS = ("we", "our", "I", "use[sd]?", "using", "subset", "first", "only", r"sample[sd]?\s+of",
          r"random\w*", "validation", "val", "dev", r"augment\w*", "extended", "balanced", "letters")
_PART = re.compile(r"\b(?:" + "|".join(_PARTS) + r")(?![A-Za-z])", re.I)
_CLASSES = re.compile(r"\b(?:classes|categories)\b", re.I)
# a figure: 60k, 60,000 or 60000
_NUMBER = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:\.[0-9])?\s*[kK](?![A-Za-z])|[0-9]{1,3}(?:,[0-9]{3})+|"
                     r"[0-9]{2,7})(?![0-9.,]*[0-9])")
_ROLE = (("train", re.compile(r"^\s*(?:handwritten\s+|grayscale\s+|colou?r\s+|labell?ed\s+)?"
                              r"(?:train(?:ing)?\b|(?:images?|examples?|samples?|digits?)?\s*"
                              r"(?:for|in\s+the)\s+train)", re.I)),
         ("test", re.compile(r"^\s*(?:handwritten\s+|grayscale\s+|colou?r\s+|labell?ed\s+)?"
                             r"(?:test(?:ing)?\b|(?:images?|examples?|samples?|digits?)?\s*"
                             r"(?:for|in\s+the)\s+test)", re.I)),
         ("total", re.compile(r"^\s*(?:handwritten\s+|grayscale\s+|colou?r\s+|labell?ed\s+|"
                              r"small\s+|tiny\s+)?(?:images?|digits?|examples?|samples?|pictures?)\b"
                              r"(?!\s+(?:for|in\s+the)\s+(?:train|test|valid))"
                              r"(?!\s+(?:per|each|a|of\s+each|in\s+each)\b)", re.I)))
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|\n")


def _value(text: str) -> int:
    text = text.replace(",", "").strip()
    if text[-1:] in "kK":
        return round(float(text[:-1].strip()) * 1000)
    return int(text)


def check_line(number: int, masked: str) -> list[Claim]:
    out: list[Claim] = []
    folded = masked.lower()
    if "mnist" not in folded and "cifar" not in folded:
        return out
    for sentence in _SENTENCE.split(masked):
        names = {re.sub(r"[\s_-]", "", m.group(1).lower()) for m in _NAME.finditer(sentence)}
        if len(names) != 1 or asks(sentence) or _PART.search(sentence):
            continue
        key = names.pop()
        name = _NAME.search(sentence)
        verb = _VERB.search(sentence, name.end())
        if verb is None or verb.start() - name.end() > 40:
            continue
        shown, train, test, classes = SPLITS[key]
        want = {"train": train, "test": test, "total": train + test}
        for m in _NUMBER.finditer(sentence, verb.start()):
            after = sentence[m.end():]
            role = next((r for r, rx in _ROLE if rx.match(after)), None)
            if role is None or (role == "total" and _CLASSES.search(sentence)):
                continue  # images beside classes: ``imagecounts`` judges the two
            stated = _value(m.group(1))
            ok = stated == want[role]
            other = OTHER_TRAIN.get(key) if role == "train" else None
            also = other is not None and stated == other[0]
            what = {"train": "training images", "test": "test images",
                    "total": "images in all (training and test)"}[role]
            out.append(Claim(number, f"{shown}: {m.group(1)} {what}", "model", m.group(1),
                             stated if also else want[role], "right" if ok or also else "wrong",
                             f"{shown}'s standard split: {train:,} training and {test:,} test "
                             f"images, {classes} classes" + (f"; {other[1]}" if also else ""),
                             confidence=CONFIDENCE))
    return out


__all__ = ["CONFIDENCE", "NEEDS", "OTHER_TRAIN", "SPLITS", "check_line"]
