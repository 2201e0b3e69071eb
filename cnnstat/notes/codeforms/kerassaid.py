"""A shape a sentence says among Keras code: a comment (or a line of prose) that is a
sentence with the shape inside it (``# 자르게 되면 이 층에서 출력 형태는 (None, 9, 9, 10)이 된다``,
``# without padding this layer would give (None, 9, 9, 10), but 'same' keeps it``), not a
shape written beside its layer. Such a sentence speaks of whatever it names: the layer's
input, or its output in a case it walks through (the padding the other way). A shape the
model's reading finds wrong but one of those gives is unsure, never wrong; a bare shape
comment (``# (None, 9, 9, 10)``, ``# 출력: ...``) is judged as before.
"""

from __future__ import annotations

import re

from cnnstat.errors import SpecError
from cnnstat.notes.claims import Claim

CONFIDENCE = 0.4  # below precedence.WRONG_NEEDS: unsure
_WORD = re.compile(r"[가-힣]+|[A-Za-z]{2,}")
_FLIP = {"valid": "'same'", "same": "'valid'"}


def sentence(text: str, start: int, end: int) -> bool:
    """Whether the shape at ``start:end`` of ``text`` stands inside a sentence: three
    words or more after it, or words each side, four or more in all (not a label and its
    shape)."""
    before, after = _WORD.findall(text[:start]), _WORD.findall(text[end:])
    return len(after) >= 3 or bool(before) and bool(after) and len(before) + len(after) >= 4


def _other_padding(model) -> tuple[int, ...] | None:
    """The last layer's output from its input with its padding the other way ('same'
    for 'valid', 'valid' for 'same'); None where that is not known."""
    from cnnstat.notes.codeforms.kerasargs import call_args, keras1
    from cnnstat.notes.codeforms.kerasforms import TF_NAMES
    from cnnstat.notes.codeforms.kerasout import output

    if model.call is None or model.before is None:
        return None
    name = model.call[0]
    if name[:1].islower():
        name = TF_NAMES.get(name.rsplit(".", 1)[-1], "?")
    pos, named = keras1(name, *call_args(model.call[1]))
    flip = _FLIP.get(named.get("padding", "'valid'").strip("'\"").lower())
    if flip is None:
        return None
    try:
        return output(name, pos, dict(named, padding=flip), model.before, model.filters)
    except (SpecError, ValueError, KeyError, IndexError):
        return None


def said(model, shown: re.Match, claimed: tuple[int, ...], claims: list[Claim]
         ) -> list[Claim]:
    """``claims`` (of the shape ``shown``, channels first ``claimed``) with a "wrong" made
    unsure where the shape stands in a sentence and is the layer's input or its output
    under the other padding."""
    if not claims or claims[0].verdict != "wrong" or \
            not sentence(shown.string, shown.start(), shown.end()):
        return claims
    if claimed == model.before:
        why = "the sentence may speak of the layer's input"
    elif claimed == _other_padding(model):
        why = "the layer gives it with its padding the other way: a case the sentence supposes?"
    else:
        return claims
    return [c._replace(confidence=min(c.confidence, CONFIDENCE),
                       detail=f"{why}; as written, the output is {c.actual}") for c in claims]
