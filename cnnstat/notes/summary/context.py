"""The network a summary's totals describe: a line that names it and nothing more
(``VGG16``, ``## ResNet-50``, ``**VGG-13 (BN)**``, ``Model: "vgg16"``, ``=== VGG19 ===``,
``| VGG11 |``, ``model = vgg16_bn()``), until another name, a heading, a rule, or prose
naming another network; and the input a line states (``Input: (3, 224, 224)``,
``summary(model, (3, 224, 224))``, ``입력: 224x224x3``)."""

from __future__ import annotations

import re
from typing import Collection

from cnnstat.notes.modelfacts.models import Mention, mentions
from cnnstat.notes.signs import has_any
from cnnstat.notes.summary import totals

_DECOR = re.compile(r"[#*_=~`>\[\]<>|:：\"'()\-–—.]+")
# words a name line may hold besides the name: what the printout is, and of which variant
_WORDS = ("model", "network", "net", "summary", "summaries", "of", "for", "the", "with",
          "without", r"batch\s*norm(?:alization)?", "bn", "torchvision", "keras", "torchsummary",
          "torchinfo", "thop", "ptflops", "output", "results?", "architecture", "pytorch", "tf",
          "tensorflow", "paper", "version", "variant", "print", "pretrained", "true", "false",
          # a lead-in: "Here is the summary of VGG16:", "VGG16 summary below"
          "here", "is", "are", "this", "below", "following", "printed", "printout", "gives",
          "shows", "looks", "like", "totals?")
_FILLER = re.compile(r"\b(?:" + "|".join(_WORDS) + r")\b|모델|네트워크|요약|결과|구조|출력|버전|"
                     r"다음과\s*같(?:다|습니다|이)|아래와\s*같(?:다|습니다|이)|(?:의|은|는|을|를)(?=[\s.:]|$)",
                     re.I)
# a model built or counted in code: ``model = SmallNet()``, ``summary(Net(), ...)``; where it
# is not a network of the zoo, the totals after it are its own
_BUILT = re.compile(r"^\s*(?:(?:model|net|network|base|backbone)\w{0,20}\s*=\s*|(?:print\s*\(\s*)?"
                    r"(?:[\w.]{0,40}\.)?(?:summary|profile|stat|get_model_complexity_info)\s*\(\s*)"
                    r"(?:[A-Za-z_]\w{0,40}\.){0,3}[A-Za-z_]\w{0,40}\s*\(", re.I)
_CODE = re.compile(r"^\s*[A-Za-z_]\w{0,40}\s*=\s*(?:[A-Za-z_]\w{0,40}\.){0,4}"
                   # timm and the hubs name it in quotes: create_model("resnet50", ...)
                   r"(?:(?:create_model|load|get_model)\s*\(\s*(?:['\"][\w./-]{0,60}['\"],\s*)?"
                   r"['\"](?P<quoted>[\w.-]{1,60})['\"]|(?P<call>[A-Za-z_][\w-]{0,40})\s*\()")
# a counter called on the network: ``summary(vgg16(), (3, 224, 224))``, ``print(profile(
# resnet50(), inputs=(x,)))``, ``get_model_complexity_info(models.resnet18(), ...)``
_COUNTER = re.compile(r"^\s*(?:[\w\s,]{1,60}=\s*)?(?:print\s*\(\s*)?(?:[A-Za-z_][\w.]{0,40}\.)?"
                      r"(?:summary|profile|stat|get_model_complexity_info|count_ops)\s*\(\s*"
                      r"(?:[A-Za-z_]\w{0,40}\.){0,3}(?P<call>[A-Za-z_][\w-]{0,40})")
MAX_AGE = 20  # lines (not blank, not totals) a name is read on for

_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_HEADING = re.compile(r"\s{0,3}#{1,6}\s")


def name_line(raw: str) -> Mention | None:
    """The network a line is the label of, or None."""
    if len(raw) > 120:
        return None
    found = mentions(raw)
    if not found or len({(m.family, m.key) for m in found}) != 1:
        return None
    code = _CODE.match(raw) or _COUNTER.match(raw)
    if code:
        group = "quoted" if code.groupdict().get("quoted") else "call"
        return next((m for m in found if code.start(group) <= m.start < code.end(group)), None)
    rest = raw
    for m in reversed(found):
        rest = rest[:m.start] + " " + rest[m.end:]
    rest = re.sub(r"\bModel\s*:", " ", rest, flags=re.I)
    rest = _DECOR.sub(" ", _FILLER.sub(" ", rest))
    return found[0] if not rest.strip() else None


_SHAPE = re.compile(r"[(\[]\s*(-?[0-9]{1,5}(?:\s*,\s*(?:None|-?[0-9]{1,5})){2,3})\s*,?\s*[)\]]|"
                    r"(?<![0-9])([0-9]{1,5}(?:\s*[x×*]\s*[0-9]{1,5}){2,3})(?![0-9])")
_INPUT_WORDS = re.compile(r"^\s*(?:[#>*-]\s*)?(?:print\s*\(\s*)?(?:input(?:[ _](?:size|shape))?|"
                          r"입력(?:\s*(?:크기|형태))?|[\w.]*(?:summary|get_model_complexity_info)\s*\(|"
                          r"[\w.]*(?:randn|rand|zeros|ones)\s*\()|"
                          r"\binput_(?:shape|size)\s*=", re.I)


# every match of ``_INPUT_WORDS`` holds one of these (case-folded), and ``_SHAPE`` a digit
_INPUT_SIGNS = ("input", "입력", "summary", "get_model_complexity_info", "rand", "zeros",
                "ones")
_DIGIT = re.compile(r"[0-9]")


def input_line(raw: str) -> tuple[int, int, int] | None:
    """The input a line states, channels first, or None."""
    if not _DIGIT.search(raw) or not has_any(raw, _INPUT_SIGNS):
        return None
    words = _INPUT_WORDS.search(raw)
    if not words or (words.start() and not words.group(0).startswith("input_")) or \
            "(mb)" in raw.lower():
        return None
    m = _SHAPE.search(raw, words.start())
    if not m:
        return None
    dims = [int(d) for d in re.findall(r"-?[0-9]+", m.group(1) or m.group(2))]
    if len(dims) == 4:
        dims = dims[1:]
    dims = [abs(d) for d in dims]
    if dims[0] in (1, 3) and dims[2] > 4:
        return dims[0], dims[1], dims[2]
    if dims[2] in (1, 3) and dims[0] > 4:
        return dims[2], dims[0], dims[1]
    return None


class Context:
    """The network the totals below describe, and the input they were made at."""

    def __init__(self) -> None:
        self.model: Mention | None = None
        self.shape: tuple[int, int, int] | None = None
        self.code = False  # inside a fence: a line opening with "#" is a comment
        self.age = 0  # lines read since the name, outside summaries (``MAX_AGE``)

    def fence(self, raw: str) -> None:
        """Every line passes here, in a summary or not: a fence opens or closes code."""
        if raw.lstrip().startswith(("```", "~~~")):
            self.code = not self.code

    def line(self, raw: str) -> bool:
        """Read a line that is not a total; True when it set the network or the input."""
        named = name_line(raw)
        if named is not None:
            self.model, self.shape, self.age = named, input_line(raw), 0
            return True
        if self.model is None and self.shape is None:
            # no network named (most lines): what follows changes only the input and the
            # age of a name, both read only while a network is named, and a name set
            # sets them anew; nothing to read
            return False
        if "(" in raw and _BUILT.match(raw):  # every match of it ends with "("
            self.model = self.shape = None  # a model of the note's own
            return False
        shape = input_line(raw)
        if shape is not None and self.model is not None:
            self.shape, self.age = shape, 0
            return True
        if raw.strip() and not totals.opens(raw):
            self.age += 1
            if self.age > MAX_AGE:  # too far from the name to be its printout
                self.model = self.shape = None
        if not self.code and ((_RULE.match(raw) and len(raw.strip()) <= 20) or  # a break,
                              _HEADING.match(raw)):  # not a summary's rule
            self.model = self.shape = None
        elif self.model is not None and any(m.key != self.model.key for m in mentions(raw)):
            self.model = self.shape = None  # the prose goes on about another network
        return False


_ROW_NAME = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*[_-]?[0-9]+(?![\w-])")


def names_row(masked: str, names: Collection[str]) -> bool:
    """Whether a line names a row of the summary above by a name with a number in it
    (``conv2d_2``, ``dense_1``; a bare ``dense`` or ``flatten`` is a word too)."""
    return bool(names) and any(m.group(0) in names for m in _ROW_NAME.finditer(masked))
