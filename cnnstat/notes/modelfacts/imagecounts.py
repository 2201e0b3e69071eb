"""A dataset's images and classes stated together: ``ImageNet: 1.2 million images in 1000
classes``, ``VGG16, trained on over 14 million images belonging to 1000 classes``,
``CIFAR-10은 10개 클래스, 60,000장의 이미지``. The two figures must be one dataset's.

Published figures (each dataset's own paper or page):
- ImageNet (ILSVRC-2012, the 1000-class set every ImageNet classifier is trained on):
  1,281,167 training images, 50,000 validation, 100,000 test (Russakovsky et al. 2015,
  Table 2); notes write 1.2, 1.28, 1.3 or 1.4 million (with the validation and test sets).
- ImageNet in full (fall 2011, "ImageNet-21k"): 14,197,122 images in 21,841 synsets
  (image-net.org); Krizhevsky et al. 2012: "over 15 million labeled high-resolution
  images belonging to roughly 22,000 categories".
- CIFAR-10 and CIFAR-100: 60,000 32x32 images, 50,000 for training and 10,000 for testing,
  in 10 or 100 classes (Krizhevsky 2009); MNIST and Fashion-MNIST: 70,000 (60,000 + 10,000)
  in 10 classes (LeCun et al. 1998; Xiao et al. 2017).

Judged only where the sentence gives one image count and one class count (not a count
per class or per split beside another), for a dataset it names, or, with no dataset
named, for a network named as trained (ImageNet's networks: the line or the one above
says "trained"). Right when some dataset the name may mean has both; wrong when a
dataset the name may mean has one of them and none has both; else unsure (a subset).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.datasetsizes import OTHER_TRAIN, SPLITS
from cnnstat.notes.modelfacts.factjudge import SMALL_IMAGES
from cnnstat.notes.modelfacts.models import mentions
from cnnstat.notes.reading.normalise import Token, scan
from cnnstat.notes.reading.numbers import plain
from cnnstat.notes.reading.numerals import Refused


class Dataset(NamedTuple):
    name: str
    classes: tuple[int, int]  # the class counts written for it, low and high
    images: tuple[int, ...]  # counts written for it: ranges (low, high) in pairs
    shown: str  # the figures, as a correction says them


_M = 10**6
_IMAGENET = (Dataset("ImageNet ILSVRC-2012 (1000 classes)", (1000, 1000), (1_000_000, 1_500_000),
                     "1,281,167 training images in 1000 classes"),
             Dataset("ImageNet in full (ImageNet-21k)", (20_000, 22_000), (13 * _M, 16 * _M),
                     "14,197,122 images in 21,841 classes"))


def _ranges(key: str) -> tuple[int, ...]:
    """A dataset's whole, training and test counts as (low, high) pairs, from the one
    table of standard splits (``datasetsizes.SPLITS``)."""
    _, train, test, _ = SPLITS[key]
    return (train + test,) * 2 + (train,) * 2 + (test,) * 2


_SPLITS = _ranges("cifar10")  # CIFAR-10's and CIFAR-100's: 60,000 = 50,000 + 10,000
_DATASETS = {
    "imagenet": _IMAGENET, "ilsvrc": _IMAGENET[:1],
    "cifar10": (Dataset("CIFAR-10", (10, 10), _SPLITS, "60,000 images in 10 classes"),),
    "cifar100": (Dataset("CIFAR-100", (100, 100), _SPLITS, "60,000 images in 100 classes"),),
    "mnist": (Dataset("MNIST", (10, 10), _ranges("mnist") + (OTHER_TRAIN["mnist"][0],) * 2,
                      "70,000 images in 10 classes"),),
}
def _one_of(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


_NAME = re.compile("(" + _one_of(r"image[\s-]?net(?![\s-]?(?:1k|21k|22k|-?\d))", "ilsvrc",
                                 r"cifar[\s_-]?100", r"cifar[\s_-]?10",
                                 r"(?:fashion[\s_-]?)?mnist") + ")(?![A-Za-z0-9])", re.I)
# the noun a count is of, a word or two of description between ("training images")
_IMAGE_NOUN = _one_of("images?", "pictures", "photos", "examples", "samples", "이미지", "사진",
                      "영상")
_CLASS_NOUN = _one_of("classes", "categories", r"class\b", "synsets", "labels", "클래스",
                      "카테고리", "범주", "종류", "부류")
_IMAGE_WORD = re.compile(r"\s*(?:장의?\s*|개의\s*)?(?:(?:[a-z-]+|[가-힣]+)\s+){0,2}?" + _IMAGE_NOUN +
                         r"(?![A-Za-z])|\s*장(?:의|을|이|으로|,|\s|$)", re.I)
_CLASS_WORD = re.compile(r"\s*(?:개의?\s*|개\s*)?(?:(?:object|image|different|distinct|[가-힣]+)"
                         r"\s+)?" + _CLASS_NOUN, re.I)
# a count of each class or split, not of the dataset: "6,000 images per class", "each"
_PER = re.compile(_one_of(r"^\s*(?:\w+\s+){0,2}?(?:per|each|a)\s+(?:class|category)",
                          r"^\s*(?:씩|당)", r"^\s*(?:images?\s+)?(?:for|in)\s+each"), re.I)
_DIGIT = re.compile(r"[0-9]")
_TRAINED = re.compile(r"train|학습|훈련", re.I)


def _counts(tokens: list[Token], masked: str, word: re.Pattern) -> list[Token]:
    out = []
    for i, t in enumerate(tokens):
        if t.kind != "NUM" or t.num is None or t.num.value.denominator != 1:
            continue
        if any(0 <= j < len(tokens) and tokens[j].kind == "OP" for j in (i - 1, i + 1)):
            continue  # a size (32x32 images) or a calculation
        if word.match(masked, t.end) and not _PER.match(masked[t.end:]) and \
                not re.search(r"(?:each|per|every|각)\s*$", masked[max(0, t.start - 12):t.start]):
            out.append(t)
    return out


def _inside(n: int, spans: tuple[int, ...]) -> bool:
    return any(lo <= n <= hi for lo, hi in zip(spans[::2], spans[1::2]))


def check_line(number: int, masked: str, above: str) -> list[Claim]:
    """The line's dataset figures: one image count and one class count, judged together."""
    if not _DIGIT.search(masked):
        return []
    try:
        tokens = scan(masked)
    except Refused:  # a number past the digits a figure may have: nothing read
        return []
    images = _counts(tokens, masked, _IMAGE_WORD)
    classes = _counts(tokens, masked, _CLASS_WORD)
    if len(images) != 1 or len(classes) != 1:
        return []
    names = {re.sub(r"[^a-z0-9]", "", m.group(1).lower()).replace("fashion", "")
             for m in _NAME.finditer(masked)}
    if len(names) > 1:
        return []
    named = bool(names)
    if names:
        candidates = _DATASETS[names.pop()]
    elif (mentions(masked) or mentions(above)) and _TRAINED.search(above + " " + masked) \
            and not SMALL_IMAGES.search(above + " " + masked):
        candidates = _IMAGENET[:1]  # a network's weights: ILSVRC-2012's 1000 classes
    else:
        return []
    n, c = int(images[0].num.value), int(classes[0].num.value)
    text = f"{images[0].text} images, {classes[0].text} classes"
    for d in candidates:
        if d.classes[0] <= c <= d.classes[1] and _inside(n, d.images):
            return [Claim(number, text, "model", images[0].text, images[0].text, "right",
                          f"{d.name}: {d.shown}")]
    for d in candidates:
        if d.classes[0] <= c <= d.classes[1] and n > d.images[-1]:
            # the classes name the dataset, and the images are more than it has (fewer
            # may be a split or a subset: "50,000 validation images")
            others = [o for o in _IMAGENET if o is not d and _inside(n, o.images)]
            hint = f" ({plain(Fraction(n))} images is {others[0].name}: {others[0].shown})" \
                if others and d in _IMAGENET else ""
            return [Claim(number, text, "model", images[0].text, d.shown.split(" ")[0],
                          "wrong", f"{d.name}: {d.shown}{hint}")]
    if len(candidates) == 1 and named and _inside(n, candidates[0].images):
        d = candidates[0]  # the one dataset named, its images right: the classes are off
        return [Claim(number, text, "model", classes[0].text, d.classes[0], "wrong",
                      f"{d.name}: {d.shown}")]
    return []
