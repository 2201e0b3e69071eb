"""A figure the writer reports as what they got, and is puzzled by: a question's own working.

Q&A posts (인프런, OKKY, 지식iN, Stack Overflow, GitHub issues) set out the asker's own
working, wrong (that is why they ask), and the answers below correct it:
``두 번째 줄은 제가 (4-1)*2 - 2 + 4 = 7 이 나와서요...``,
``제가 계산하면 13*13*64 = 10,816 이 나오는데 왜 에러가 나죠?``,
``but I get 5*5*16 = 480 here, what am I missing?``. Such a figure is reported in the first
person with a verb of getting (나와서요, 나오는데, 나왔는데 right after it; "I get", "I got",
"I'm getting" before it) on a line that doubts (a question mark, 왜, 모르겠, 이상, an
ellipsis, "why", "missing", "confused"). A "wrong" on it is the question's working, not the
note's claim, so ``precedence.settle`` says unsure with this reason. A first-person figure
stated as a fact (``제가 계산해보니 15 입니다``), or a doubting line with no first person
and no verb of getting, stays judged.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_SIGNS = {
    # the first person before the figure, in its sentence
    "first": r"제가|저는|제\s*계산|내가|내\s*계산|\bI\b|\bmy\b",
    # a verb of getting right after the figure (Korean) or just before it (English)
    "after": r"^\s*\)?\s*(?:개|이|가|으로|로)?\s*(?:나와서|나오는데|나왔는데|나오네|나와요|"
             r"나오더|나옵니다만|떠서|뜨는데|떠요|(?:이|였|이었)?는데|인데)",
    "before": r"\bI(?:\s+(?:keep|always))?\s*(?:'m|\s+am)?\s+(?:get|got|getting|"
              r"obtain(?:ed)?|calculated|computed|end(?:ed)?\s+up\s+with)\b[^.;!?]{0,60}$",
    # a doubt anywhere on the line
    "doubt": r"[?？]|\.{2,}|…|왜|모르겠|이상|헷갈|어디가|ㅠ|ㅜ|\bwhy\b|\bmissing\b|"
             r"\bconfus\w*|\bwhat\s+am\s+I\b|\bexpected\b",
    "sentence": r"[.!?。](?:\s|$)",
}
_RE = {name: re.compile(rx, re.I) for name, rx in _SIGNS.items()}


def puzzled_on_line(masked: str, claim: Claim) -> str | None:
    """Why a "wrong" ``claim`` may be the asker's own working that the line reports and
    doubts; None otherwise."""
    if claim.verdict != "wrong" or not claim.claimed or \
            (at := claim.edits[0].start if claim.edits else masked.find(claim.claimed)) < 0:
        return None
    tail = masked[at + len(claim.claimed):][:16]
    head = masked[:at][max([m.end() for m in _RE["sentence"].finditer(masked[:at])] or [0]):]
    if (_RE["after"].match(tail) or _RE["before"].search(head)) and \
            _RE["first"].search(head) and _RE["doubt"].search(masked):
        return "the asker reports a figure they got and doubts it: the question's working"
    return None
