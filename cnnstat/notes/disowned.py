"""A statement the line sets out and marks as wrong: a figure in it is not the note's.

Korean study notes (시험 대비 정리, quiz reviews) and English ones write a wrong statement
to warn against it, then mark it: quoted and called wrong after its closing quote
(``"AlexNet은 conv layer가 7개다" ← 틀린 말``, ``'VGG16 has 16 conv layers' is false``,
``"…"라는 설명은 잘못됐다``), or followed by an O/X mark (``AlexNet은 conv layer가 7개 (X)``,
``… 16개 ✗``). A wrong figure inside such a statement is the warning's, so
``precedence.settle`` says unsure with this reason. Only a mark of wrongness disowns:
the same statement marked right (``← 맞는 말``, ``(O)``) or not marked at all is the note's
claim and is judged as written. The first mark after the figure decides
(``7개 (X), 5개 (O)``: each figure its own). A figure a line says it fixed, named
after a word of the former statement (``fixed EfficientNet-B7, which said 37M params``,
``(was 58.09)``, ``수정: 기존 37M``), is the stale figure, not the note's.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

# opening quote -> its closing quotes
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
# a word that calls what comes before it wrong, a little after it (``← 틀린 말``,
# ``라는 설명은 잘못``, ``is false``, ``— a myth``); digits or a sentence's end stop it
_CALLED_WRONG = re.compile(
    r"[^.;!?0-9\n]{0,16}?(?:틀린|틀림|틀렸|틀리|잘못|오답|거짓|사실이\s*아니|"
    r"\b(?:wrong|false|incorrect|untrue|not\s+true|a\s+myth|a\s+(?:common\s+)?mistake)\b|"
    r"\(\s*[Xx✗✘]\s*\)|\[\s*[Xx✗✘]\s*\]|[✗✘❌])", re.I)
# an O/X mark after a statement: the first one after the figure, in its clause
_MARK = re.compile(r"\(\s*([OoXx✗✘○◯])\s*\)|\[\s*([OoXx✗✘○◯])\s*\]|([✗✘❌✓✔⭕])")
_WRONG_MARKS = frozenset("Xx✗✘❌")
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\n")
# a changelog's or an erratum's fix and the former figure it names (``fixed EfficientNet-B7,
# which said 37M params``, ``corrected the top-1 (was 58.09)``, ``오타 수정: 기존 37M``)
_FIXED = re.compile(r"\b(?:fix(?:ed|es)?|correct(?:ed|s|ion)|typo|errat\w*|amend\w*)\b|"
                    r"수정|정정|오타|고침|바로잡", re.I)
_FORMER = re.compile(r"(?:\b(?:said|says|was|were|had|read|listed|stated|claimed|showed|gave|"
                     r"used\s+to\s+(?:say|be))|기존(?:에는?)?|원래|이전(?:에는?)?)"
                     r"\s*(?:as\s+|it\s+)?[\"'“‘(]?\s*[~≈]?\s*$", re.I)


def disowned_on_line(masked: str, claim: Claim) -> str | None:
    """Why a "wrong" ``claim`` may be a statement the line marks as wrong (quoted and
    called wrong, or marked X); None otherwise."""
    if claim.verdict != "wrong" or not claim.claimed:
        return None
    # the edit's place, where it is on this line (a carried figure's edit may be on the
    # line above, and its place past this line's end); else where the figure is written
    edit = next((e for e in claim.edits if e.line == claim.line and e.start < len(masked)),
                None)
    at = edit.start if edit is not None else masked.find(claim.claimed)
    if at < 0:
        return None
    end = at + len(claim.claimed)
    closing = _closing_quote(masked, at)
    if closing is not None and _CALLED_WRONG.match(masked, closing + 1):
        return "the line quotes the statement and calls it wrong: a warning, not a claim"
    if _FIXED.search(masked, 0, at) and _FORMER.search(masked, max(0, at - 24), at):
        return "the line says it fixed a former figure: the stale one, not a claim"
    stop = _CLAUSE_END.search(masked, end)
    mark = _MARK.search(masked, end, stop.start() if stop else len(masked))
    if mark and (mark.group(1) or mark.group(2) or mark.group(3)) in _WRONG_MARKS:
        return "the line marks the statement X: a warning, not a claim"
    return None


def _closing_quote(masked: str, at: int) -> int | None:
    """The position of the quote that closes a quotation holding position ``at``."""
    for start in range(at - 1, -1, -1):
        close = _QUOTES.get(masked[start])
        if close is None:
            continue
        if masked[start] == "'" and start and masked[start - 1].isalnum():
            continue  # an apostrophe (VGG's, don't), not a quote
        found = masked.find(close, at)
        return found if found >= 0 else None
    return None
