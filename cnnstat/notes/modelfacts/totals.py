"""A network's total parameter count stated under its heading without "total": the
count is the line's subject (``파라미터 수는 약 1억 3800만 개로 매우 많다``, ``The parameter
count is about 138M``), no part of the network is named, and the figure lies within a
factor of two of the network's count (a part's count is seldom that close to the whole).
``facts.prose`` then reads it as the network's total; anything else under a heading stays
a count it does not attribute."""

from __future__ import annotations

import re

from cnnstat.notes.modelfacts.models import Mention, figures, resolve
from cnnstat.notes.reading.numerals import Number


# "파라미터 수는 약 1억 3800만 개로 매우 많다", "The parameter count is about 138M" under the
# network's heading: the count is the line's subject, and no part of the network is named
_COUNT_SUBJECT = re.compile(r"^[\s>*+•·◦▪-]*(?:(?:전체|총)\s*)?(?:파라미터|매개\s*변수)\s*(?:의\s*)?"
                            r"(?:수|개수|갯수)?\s*(?:는|은|가|이)\s|^[\s>*+-]*(?:the\s+)?"
                            r"(?:number\s+of\s+parameters|parameter\s+count)\s+(?:is|was)\b|"
                            # "- 1억 3천 8백만 parameter 사용", "- about 60M parameters": a
                            # bullet that is the count alone (and the word for using it)
                            r"^[\s>*+•·◦▪-]*(?:약|about|around|roughly|approximately|~|≈)?\s*"
                            r"[0-9][0-9.,\s]*(?:[억만천백]\s*[0-9.,\s]*)*(?:[MmKkBb]|million|billion)?"
                            r"\s*(?:개의?\s*)?(?:parameters?|params|파라미터|매개\s*변수)\s*"
                            r"(?:(?:를|을)?\s*(?:사용(?:한다|함|했다)?|가진다|갖는다)|used|in\s+all)?"
                            r"\s*[.!]?\s*$|"
                            # "It has about 60 million parameters.", "이 모델은 약 6천만 개의
                            # 파라미터를 가진다": the section's network as a pronoun
                            r"^[\s>*+•·◦▪-]*(?:it|this\s+(?:network|model|net)|the\s+(?:network|model))"
                            r"\s+(?:has|had|uses|used|holds|contains)\s+(?:about|around|roughly|"
                            r"approximately|nearly|~|≈)?\s*[0-9][0-9.,]*\s*(?:[MmKkBb]|million|"
                            r"billion)?\s*(?:trainable\s+)?(?:parameters|params|weights)\s*"
                            # "..., making it a large model", "..., which makes it heavy": a
                            # clause on the count, no other figure
                            r"(?:,\s*(?:making|which\s+(?:makes|is)|so\s+it\s+is)\b[^0-9]*)?"
                            r"[.!]?\s*$|"
                            # "- Has 60 Million parameters compared to 60k of LeNet-5.": a
                            # bullet whose subject is the section's network, left unsaid
                            r"^[\s>*+•·◦▪-]*(?:has|had|uses|holds|contains)\s+(?:about|around|"
                            r"roughly|approximately|nearly|~|≈)?\s*[0-9][0-9.,]*\s*(?:[MmKkBb]|"
                            r"million|billion)?\s*(?:trainable\s+)?(?:parameters?|params|weights)"
                            r"(?:\s*,?\s*(?:compared\s+(?:to|with)|versus|vs\.?|against|unlike)\s.*)?"
                            r"[.!]?\s*$|"
                            # "The architecture's number of parameters (138M) ...", "Its
                            # parameter count is 25.6M": the section's network's, by a possessive
                            r"^[\s>*+•·◦▪-]*(?:its|the\s+(?:network|model|architecture|net)'s)\s+"
                            r"(?:\w+\s+){0,2}?(?:number\s+of\s+parameters|parameter\s+count)\s*"
                            r"(?:\(|is\b|was\b|:)|"
                            r"^[\s>*+•·◦▪-]*이\s*(?:네트워크|모델|신경망|망)(?:은|는)\s*(?:약|대략)?\s*"
                            r"[0-9][0-9.,\s]*(?:[억만천백]\s*[0-9.,\s]*)*\s*(?:개의?\s*)?"
                            r"(?:파라미터|매개\s*변수)(?:를|을)\s*(?:가진다|갖는다|가지고\s*있다|사용한다)"
                            r"\s*[.!]?\s*$",
                            re.I)
# "- Params: 25.6M", "- FLOPs: 4.1G", "파라미터 수: 2,555만": a bullet that is a label and
# the figure, nothing more
_ALONE = (r"\s*[:=]\s*(?:약|about|~|≈)?\s*[0-9][0-9.,]*\s*(?:[KMGB]|million|billion|만|억)?\s*"
          r"(?:개)?\s*[.]?\s*$")
# "파라미터 : 1억 3800만개": a count of parameters in myriads, written in parts (not a cost:
# "연산량" may be MACs, FLOPs, of a grouped network or not)
_MYRIADS = (r"\s*[:=]\s*(?:약|about|~|≈)?\s*[0-9][0-9.,]*\s*억\s*[0-9][0-9.,]*\s*[천백]?\s*만\s*"
            r"(?:개)?\s*[.]?\s*$")
_LABELLED = {kind: re.compile(r"^[\s>*+•·◦▪-]*" + label + (f"(?:{_ALONE}|{_MYRIADS})" if kind ==
                                                      "params" else _ALONE), re.I)
             for kind, label in (
    ("params", r"(?:total\s+|전체\s*|총\s*)?(?:#\s*)?(?:params|parameters|parameter\s+count|"
               r"파라미터(?:\s*수)?|매개\s*변수(?:\s*수)?)"),
    ("flops", r"[GM]?(?:FLOPs|연산량)"), ("macs", r"[GM]?(?:MACs|MAdds|Mult-Adds)"))}
_ANY_PART = re.compile(r"conv|fc|fully|dense|linear|layer|층|레이어|block|module|stage|branch|"
                       r"블록|모듈|합성곱|완전\s*연결|head|classifier|분류기|backbone|%", re.I)


def whole_count(masked: str, kind: str, num: Number, mention: Mention) -> bool:
    """A parameter count that is the line's subject, under the network's heading, naming
    no part of it, and within a factor of two of the network's count (a part's count is
    seldom that close to the whole): read as the network's total. So is a bullet that is
    a label and its figure (``- Params: 25.6M``, ``- FLOPs: 4.1G``: MACs or twice them)."""
    if kind not in _LABELLED or num.unit == 1 or _ANY_PART.search(masked) or not (
            _LABELLED[kind].match(masked) or kind == "params" and _COUNT_SUBJECT.match(masked)):
        return False
    found = [f for f in (figures(n) for n in resolve(mention).specs[:2]) if f]
    counts = [f.params for f in found] if kind == "params" else \
        [v for f in found for v in ((f.macs, 2 * f.macs) if kind == "flops" else (f.macs,))]
    return any(c / 2 <= num.value <= 2 * c for c in counts)
