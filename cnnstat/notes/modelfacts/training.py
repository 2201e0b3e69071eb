"""How a network was trained, as its paper says, stated in prose: ``weight decay of
0.0005``, ``0.00005의 가중치 감쇠``, ``momentum = 0.9``, ``batch size 128``, ``dropout 0.5``,
``learning rate는 0.01``, under the network's heading or on a line that names it.

The figures are the papers' own, in one table (``PAPERS``: each setting with the paper
and section it is read from). A figure the paper gives is right; another is wrong. Read
only where the line speaks of the paper's training, not a run of its own (our, my, code,
Keras, Adam, fine-tuning, instead, if, ...; a setting written as an identifier assigned,
``batch_size = 32``), and a learning rate only where the line does not say how it changes
(a rate lowered is no longer the initial one), and never on a run's log line (``epoch
10/40 loss 2.23 lr 0.043``: a step counter, a loss or an accuracy). Under a heading that
names the network, a line that does not name it is right where it agrees, and where not
wrong only after another setting of the section (not momentum) was the paper's
(``Recipe``), else unsure: a section about a network holds the writer's runs too. A dropout rate may
be written as the kept share (``keep_prob 0.6`` for a 0.4 dropout): both are taken.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention, mentions
from cnnstat.notes.reading.questions import asks

_AK = "Krizhevsky, Sutskever & Hinton, NIPS 2012"
_VGG = "Simonyan & Zisserman, ICLR 2015, Sec. 3.1"
_RES = "He et al., CVPR 2016"
_GOO = "Szegedy et al., CVPR 2015"
# family -> setting -> (the values the paper gives, where it says so)
PAPERS: dict[str, dict[str, tuple[tuple[str, ...], str]]] = {
    "alexnet": {"weight decay": (("0.0005",), f"{_AK}, Sec. 5"),
                "momentum": (("0.9",), f"{_AK}, Sec. 5"),
                "batch size": (("128",), f"{_AK}, Sec. 5"),
                "dropout": (("0.5",), f"{_AK}, Sec. 4.2"),
                "learning rate": (("0.01",), f"{_AK}, Sec. 5")},
    "vgg": {"weight decay": (("0.0005",), _VGG), "momentum": (("0.9",), _VGG),
            "batch size": (("256",), _VGG), "dropout": (("0.5",), _VGG),
            "learning rate": (("0.01",), _VGG)},
    # ImageNet (Sec. 3.4: mini-batch 256) and CIFAR-10 (Sec. 4.2: mini-batch 128)
    "resnet": {"weight decay": (("0.0001",), f"{_RES}, Sec. 3.4 and 4.2"),
               "momentum": (("0.9",), f"{_RES}, Sec. 3.4 and 4.2"),
               "batch size": (("256", "128"), f"{_RES}, Sec. 3.4 and 4.2"),
               "learning rate": (("0.1",), f"{_RES}, Sec. 3.4 and 4.2")},
    # the main classifier drops 40%, the auxiliary ones 70% (Sec. 5)
    "googlenet": {"momentum": (("0.9",), f"{_GOO}, Sec. 6"),
                  "dropout": (("0.4", "0.7"), f"{_GOO}, Sec. 5")},
}

# a value: 0.0005, .0005, 5e-4, 5*10^{-4}, 5 x 10^-4, 5·10⁻⁴
_VALUE = (r"(?<![0-9A-Za-z_.])(?P<v>[0-9]*\.?[0-9]+(?:[eE][-−]?[0-9]+)?"
          r"(?:\s*(?:[x×*·]|\\times|\\cdot)\s*10\s*"
          r"(?:\^\s*\{?\s*[-−]?\s*[0-9]+\s*\}?|⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?)"
          r"(?![0-9A-Za-z_]|\.[0-9]|\s*%|\s*[x×]\s*[0-9])")
_GLUE = (r"\s*(?:\(\s*L2\s*\)\s*)?(?:rate|ratio|prob(?:ability)?|확률|비율)?\s*"
         r"(?:of|is|was|=|:|는|은|가|이|를|로|으로|\()?\s*(?:p\s*=\s*)?")
_WORDS = {
    "weight decay": (r"weight[\s_-]*decay", r"가중치\s*감쇠"),
    "momentum": (r"momentum", r"모멘텀"),
    "batch size": (r"batch[\s_-]*size|mini-?batch(?:es)?(?:\s+of)?", r"배치\s*(?:크기|사이즈)"),
    "dropout": (r"drop[\s-]?out", r"드롭아웃"),
    "learning rate": (r"learning[\s_-]*rate|\blr\b", r"학습률"),
}
_BEFORE = {k: re.compile(rf"(?:{en}|{ko}){_GLUE}{_VALUE}", re.I) for k, (en, ko) in _WORDS.items()}
_AFTER = {k: re.compile(rf"{_VALUE}\s*(?:의|짜리)\s*(?:{en}|{ko})", re.I)
          for k, (en, ko) in _WORDS.items()}
_OWN = re.compile(r"\bour\b|\bmy\b|\bwe\b|\bI\b|this\s+(?:code|notebook|model|implementation|run)|"
                  r"keras|pytorch|tensorflow|torch|tf\.|implement|code|adam|rmsprop|adagrad|"
                  r"fine-?tun|transfer|instead|replac|chang|modif|suppose|assum|\bif\b|e\.g\.|"
                  r"example|우리|내가|제가|코드|구현|대신|바꾸|바꿔|변경|가정|만약|예를|예시|라면|실험|"
                  r"파인\s*튜닝|전이|일\s*때|tensor|텐서|입력|\binput|inference|추론|flop|\bmacs?\b|"
                  r"memory|메모리|[0-9]\s*[GM]i?B\b", re.I)
# a run's log line: a step counter (epoch 3/90, iter 500, step 1200) or a loss or an
# accuracy the run measured (loss 1.23, acc: 0.71, top1 55.9): the run's own settings
_LOG = re.compile(r"\b(?:iter(?:ation)?|step|it)\s*[:=#]?\s*\d+\s*(?:/|of)\s*\d+|"
                  r"\bepoch\s*[:=#\[]?\s*\d+|"
                  r"\b(?:loss|acc(?:uracy)?|top-?[15](?:\s*acc)?|val_\w+|eta|time)\s*[:=]?\s*\d",
                  re.I)
_CHANGES = re.compile(r"reduc|decreas|divid|lower|drop(?!\s*out)|decay(?!\w)|anneal|schedul|"
                      r"감소|줄|낮|나누|나눠|떨어", re.I)
# a setting written as a program's identifier (``batch_size = 32``, ``weight_decay=1e-4``,
# ``learning_rate=0.01``): the value a script is run with, not the paper's
_IDENTIFIER = re.compile(r"\w*_\w*\s*=")
NEEDS = ("decay", "감쇠", "momentum", "모멘텀", "batch", "배치", "dropout", "drop-out",
         "drop out", "드롭아웃", "learning", "lr", "학습률")


def _value(text: str) -> Fraction | None:
    t = text.replace("−", "-").replace("\\times", "x").replace("\\cdot", "x")
    t = re.sub(r"[{}\s^]", "", t)
    sup = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
    m = re.fullmatch(r"([0-9.]+)(?:e(-?[0-9]+))?(?:[x×*·]10(-?[0-9]+|⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?", t, re.I)
    if m is None:
        return None
    try:
        v = Fraction(m.group(1))
    except (ValueError, ZeroDivisionError):
        return None
    exp = m.group(2) or (m.group(3).translate(sup) if m.group(3) else None)
    return v * Fraction(10) ** int(exp) if exp else v


class Recipe:
    """The settings of the section's network that agreed with its paper so far: a
    section whose lines give the paper's figures is its recipe (momentum, 0.9 nearly
    everywhere, is no sign of it)."""

    def __init__(self) -> None:
        self.heading: Mention | None = None
        self.agreed: set[str] = set()

    def section(self, heading: Mention | None) -> set[str]:
        if heading is not self.heading:
            self.heading, self.agreed = heading, set()
        return self.agreed


def check_line(number: int, masked: str, heading: Mention | None,
               recipe: Recipe | None = None) -> list:
    if asks(masked) or _OWN.search(masked) or _LOG.search(masked):
        return []
    named = [m for m in mentions(masked) if m.family in PAPERS]
    if len({m.family for m in named}) > 1 or (mentions(masked) and not named):
        return []
    mention = named[0] if named else heading
    if mention is None or mention.family not in PAPERS:
        return []
    table = PAPERS[mention.family]
    found = [(k, m) for k in _WORDS for p in (_BEFORE[k], _AFTER[k]) for m in p.finditer(masked)]
    if len({k for k, _ in found}) != len(found):
        return []  # one setting given twice: a change, a comparison
    agreed = (recipe or Recipe()).section(heading) if not named else set()
    read = []
    for setting, m in found:
        if setting not in table or (setting == "learning rate" and _CHANGES.search(masked)):
            continue
        if _IDENTIFIER.match(m.group(0)):
            continue  # "batch_size = 32", "weight_decay=1e-4": a program's own setting
        value = _value(m.group("v"))
        if value is None or value <= 0:
            continue
        papers, source = table[setting]
        allowed = {Fraction(p) for p in papers}
        if setting == "dropout":
            if value >= 1:
                continue
            allowed |= {1 - p for p in allowed}
        read.append((setting, m.group("v"), value in allowed, " or ".join(papers), source))
        if value in allowed and setting != "momentum" and not named:
            agreed.add(setting)
    out = []
    for setting, v, ok, shown, source in read:
        text = f"{mention.text}: {setting} {v}"
        if ok:
            out.append(Claim(number, text, "model", v, shown, "right",
                             f"the paper's {setting} ({source})", confidence=0.9))
        elif not named and not agreed:
            # the network only from the heading, and no other setting of its section has
            # been the paper's: a section about a network holds the writer's own runs too
            # (a dataset of their own, a week's runs): unsure
            out.append(Skip(number, text, f"unsure: the paper's {setting} is {shown} "
                                          f"({source}); a setting under a heading that "
                                          f"names {mention.text} may be the writer's run"))
        else:
            out.append(Claim(number, text, "model", v, shown, "wrong",
                             f"the paper's {setting} is {shown} ({source})", confidence=0.9))
    return out
