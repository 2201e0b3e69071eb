"""A network's total parameter count stated under its heading without "total": the
count is the line's subject (``파라미터 수는 약 1억 3800만 개로 매우 많다``, ``The parameter
count is about 138M``), no part of the network is named, and the figure lies within a
factor of two of the network's count (a part's count is seldom that close to the whole).
``facts.prose`` then reads it as the network's total; anything else under a heading stays
a count it does not attribute."""

from __future__ import annotations

import re

from cnnstat.notes.models import Mention, figures, resolve
from cnnstat.notes.numerals import Number


# "파라미터 수는 약 1억 3800만 개로 매우 많다", "The parameter count is about 138M" under the
# network's heading: the count is the line's subject, and no part of the network is named
_COUNT_SUBJECT = re.compile(r"^[\s>*+-]*(?:(?:전체|총)\s*)?(?:파라미터|매개\s*변수)\s*(?:의\s*)?"
                            r"(?:수|개수|갯수)?\s*(?:는|은|가|이)\s|^[\s>*+-]*(?:the\s+)?"
                            r"(?:number\s+of\s+parameters|parameter\s+count)\s+(?:is|was)\b",
                            re.I)
_ANY_PART = re.compile(r"conv|fc|fully|dense|linear|layer|층|레이어|block|module|stage|branch|"
                       r"블록|모듈|합성곱|완전\s*연결|head|classifier|분류기|backbone|%", re.I)


def whole_count(masked: str, kind: str, num: Number, mention: Mention) -> bool:
    """A parameter count that is the line's subject, under the network's heading, naming
    no part of it, and within a factor of two of the network's count (a part's count is
    seldom that close to the whole): read as the network's total."""
    if kind != "params" or num.unit == 1 or not _COUNT_SUBJECT.match(masked) or \
            _ANY_PART.search(masked):
        return False
    counts = [f.params for f in (figures(n) for n in resolve(mention).specs[:2]) if f]
    return any(c / 2 <= num.value <= 2 * c for c in counts)
