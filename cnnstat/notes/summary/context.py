"""The network a summary's totals describe: a line that names it and nothing more
(``VGG16``, ``## ResNet-50``, ``**VGG-13 (BN)**``, ``Model: "vgg16"``, ``=== VGG19 ===``,
``| VGG11 |``, ``model = vgg16_bn()``), until another name, a heading, a rule, or prose
naming another network; and the input a line states (``Input: (3, 224, 224)``,
``summary(model, (3, 224, 224))``, ``입력: 224x224x3``)."""

from __future__ import annotations

import re

from cnnstat.notes.models import Mention, mentions

_DECOR = re.compile(r"[#*_=~`>\[\]<>|:：\"'()\-–—.]+")
# words a name line may hold besides the name: what the printout is, and of which variant
_WORDS = ("model", "network", "net", "summary", "summaries", "of", "for", "the", "with",
          "without", r"batch\s*norm(?:alization)?", "bn", "torchvision", "keras", "torchsummary",
          "torchinfo", "thop", "ptflops", "output", "results?", "architecture", "pytorch", "tf",
          "tensorflow", "paper", "version", "variant", "print", "pretrained", "true", "false")
_FILLER = re.compile(r"\b(?:" + "|".join(_WORDS) + r")\b|모델|네트워크|요약|결과|구조|출력|의|버전",
                     re.I)
_CODE = re.compile(r"^\s*[A-Za-z_]\w{0,40}\s*=\s*(?:[A-Za-z_]\w{0,40}\.){0,3}"
                   r"(?P<call>[A-Za-z_][\w-]{0,40})\s*\(")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")


def name_line(raw: str) -> Mention | None:
    """The network a line is the label of, or None."""
    if len(raw) > 120:
        return None
    found = mentions(raw)
    if not found or len({(m.family, m.key) for m in found}) != 1:
        return None
    code = _CODE.match(raw)
    if code:
        m = found[0]
        return m if code.start("call") <= m.start < code.end("call") else None
    rest = raw
    for m in reversed(found):
        rest = rest[:m.start] + " " + rest[m.end:]
    rest = re.sub(r"\bModel\s*:", " ", rest, flags=re.I)
    rest = _DECOR.sub(" ", _FILLER.sub(" ", rest))
    return found[0] if not rest.strip() else None


_SHAPE = re.compile(r"[(\[]\s*(-?[0-9]{1,5}(?:\s*,\s*(?:None|-?[0-9]{1,5})){2,3})\s*,?\s*[)\]]|"
                    r"(?<![0-9])([0-9]{1,5}(?:\s*[x×*]\s*[0-9]{1,5}){2,3})(?![0-9])")
_INPUT_WORDS = re.compile(r"^\s*(?:[#>*-]\s*)?(?:input(?:[ _](?:size|shape))?|입력(?:\s*(?:크기|형태))?|"
                          r"[\w.]*summary\s*\(|[\w.]*(?:randn|rand|zeros|ones)\s*\()", re.I)


def input_line(raw: str) -> tuple[int, int, int] | None:
    """The input a line states, channels first, or None."""
    if not _INPUT_WORDS.match(raw) or "(mb)" in raw.lower():
        return None
    m = _SHAPE.search(raw)
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
        self.seen: list[Mention] = []  # networks named so far (another's figures)
        self.code = False  # inside a fence: a line opening with "#" is a comment

    def fence(self, raw: str) -> None:
        """Every line passes here, in a summary or not: a fence opens or closes code."""
        if raw.lstrip().startswith(("```", "~~~")):
            self.code = not self.code

    def line(self, raw: str) -> bool:
        """Read a line that is not a total; True when it set the network or the input."""
        named = name_line(raw)
        if named is not None:
            self.model, self.shape = named, None
            if all(m.key != named.key for m in self.seen):
                self.seen = (self.seen + [named])[-16:]
            return True
        shape = input_line(raw)
        if shape is not None and self.model is not None:
            self.shape = shape
            return True
        if _RULE.match(raw) or (not self.code and re.match(r"\s{0,3}#{1,6}\s", raw)):
            self.model = self.shape = None
        elif self.model is not None and any(m.key != self.model.key for m in mentions(raw)):
            self.model = self.shape = None  # the prose goes on about another network
        return False
