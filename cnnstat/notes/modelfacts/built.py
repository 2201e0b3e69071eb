"""A network built from a model zoo in one line of code, its size in the comment after it::

    net = models.resnet34(weights="DEFAULT")        # 21M params
    base = tf.keras.applications.VGG19(weights="imagenet")  // ~144M parameters
    m = timm.create_model("densenet121", pretrained=True)   # 8.0M params

The constructor names the network (torchvision's ``models.X(``, Keras' ``applications.X(``,
timm's ``create_model("X"``); the comment is a parameter count and nothing more. The
figure is judged as a figure in prose (``factjudge.judge``: a rounded or cut-off count is
right, one near another implementation's count unsure). A constructor given anything but
its weights (``num_classes=10``, ``include_top=False``, ``width_mult=0.5``) builds another
network than the bundled one: not read."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.facts import billions
from cnnstat.notes.modelfacts.factjudge import judge
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.reading.numerals import read_number

NEEDS = ("models.", "applications.", "create_model")
_BUILT = re.compile(r"(?:\bmodels|\bapplications)\.([A-Za-z][A-Za-z0-9_]{1,40})\s*"
                    r"\(([^()#]{0,120})\)|"
                    r"\bcreate_model\(\s*['\"]([A-Za-z][\w.-]{1,40})['\"]\s*(?:,([^()#]{0,120}))?\)")
# the arguments that leave the network as bundled: its weights, where they come from
_KEPT_ARG = re.compile(r"^\s*(?:pretrained|weights|progress|include_top\s*=\s*True)\b"
                       r"(?:\s*=\s*[^,]{0,60})?\s*$")
_CHAINED = re.compile(r"(?:\.(?:eval|cuda|cpu|to)\([^()]{0,40}\))*")  # .to(device)
_COMMENT = re.compile(r"\s*(?:#|//)\s*")
_LEAD = re.compile(r"(?:~|≈|about|approx\.?|약)?\s*", re.I)
_PARAMS = re.compile(r"\s*(?:trainable\s+)?(?:params|parameters|weights|파라미터)\b\.?\s*$",
                     re.I)


def check_line(number: int, raw: str) -> list[Claim | Skip]:
    if len(raw) > 300:
        return []
    m = _BUILT.search(raw)
    if m is None:
        return []
    name, args = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    if args and args.strip() and not all(_KEPT_ARG.match(a) for a in args.split(",")
                                         if a.strip()):
        return []  # another head, width or input: not the bundled network
    c = _COMMENT.match(raw, _CHAINED.match(raw, m.end()).end())
    if c is None:
        return []
    lead = _LEAD.match(raw, c.end())
    got = read_number(raw, lead.end()) if raw[lead.end():lead.end() + 1].isdigit() else None
    if got is None or not _PARAMS.match(raw, got[1]):
        return []
    num = billions(got[0])
    found = mentions(name)
    if len(found) != 1 or found[0].text != name:
        return []
    resolved = resolve(found[0])
    if resolved.generic or not (resolved.specs or resolved.candidates):
        return []
    verdict = judge("params", num, found[0], resolved, number,
                    f"{name} built in code: {num.text} parameters", lead.end(), got[1], name)
    return [verdict]
