"""Two cost figures of one network in one line, the one the note's author got set against
the one reported: ``the computed GFLOPs is 22.84 for ResNeXt-50, which is different from
the reported 4.2 GFLOPs``, ``my counter gives 31M parameters, which conflicts with the
paper's 25.6M``.

Two figures of one kind in a line are otherwise skipped as several figures compared (which
is the network's is not said); here each is said to be the one network's, by the author
who finds they differ: the first is what the author got (a word of computing or of a
result before it: ``computed``, ``the result is``, ``I get``, ``measured``, ``the output``),
the second the figure it is held against (a word that it differs, ``different from``,
``conflicts with``, ``does not match``, ``instead of``, between the two, and a word of a
source, ``reported``, ``paper``, ``official``, ``published``, or a link to one, right
before the second: ``which conflicts with https://... (4G FLOPs)``).
``factjudge.judge`` then holds each to the network's figure, in every convention it
knows (multiply-adds or two FLOPs each), as it holds a figure alone.

A network's figure the line reports, then, past a turn of contrast, what the writer's own
code or count gives (``the paper reports 0.85M parameters for ResNet50, however in your
code it is 23520842 (23.5M)``, ``the paras of resnet50 is 25.56M, but I get 23.53M``): the
second is no figure of the network and does not compete with the first (``own_count``).
"""

from __future__ import annotations

import re

_COSTS = ("flops", "macs", "params")
_GOT = re.compile(r"\b(?:computed?|calculated?|counted|measured|obtain(?:ed)?|got|get|gets|"
                  r"result(?:s|ing)?|output|prints?|printed|shows?|gives?|returns?)\b", re.I)
_AGAINST = re.compile(r"\b(?:differ(?:s|ent|ence)?\s+(?:with|from|to|than)|"
                      r"conflicts?\s+with|inconsistent\s+with|(?:does\s+not|doesn'?t|do\s+not|"
                      r"don'?t)\s+match|instead\s+of)\b", re.I)
_SOURCE = re.compile(r"\b(?:reported|paper'?s?|official|published|claimed|listed|stated)"
                     r"(?:\s+[\w-]+){0,2}\s*(?:\(\s*|:\s*)?$", re.I)
_GOT_BEFORE = 60  # characters before the first figure its word of a result stands in
# a link right before the second figure (blanked in the masked line; the raw line has it):
# the page cited is the figure's source ("conflicts with https://github.com/... (4G FLOPs)")
_LINK = re.compile(r"(?:https?://|www\.)\S+\s*(?:\(\s*)?$", re.I)


def against_pair(masked: str, figs: list, raw: str = "") -> set[int]:
    """The starts of the two cost figures of such a pair in ``figs``, else none (``raw``,
    the line unmasked, shows a link the masked line blanks)."""
    kinds = {f.kind for f in figs}
    if len(figs) != 2 or len(kinds) != 1 or not kinds <= set(_COSTS):
        return set()
    first, second = sorted(figs, key=lambda f: f.start)
    if not _GOT.search(masked, max(0, first.start - _GOT_BEFORE), first.start):
        return set()
    between = masked[first.end:second.start]
    if not _AGAINST.search(between) or not (
            _SOURCE.search(between) or _LINK.search(raw[first.end:second.start])):
        return set()
    return {first.start, second.start}


# a turn of contrast, then the writer's own count or code: "however in your code it is",
# "but I get", "while my implementation has", "하지만 제 코드에서는"
_OWN = re.compile(r"(?:[,;]\s*|\s)(?:however|but|while|whereas|yet|though|although)\b[\s,]*"
                  r"(?:\w+\s+){0,3}?(?:(?:in|with|from|by)\s+)?(?:(?:your|my|our)\s+(?:own\s+)?"
                  r"(?:code|implementation|model|count|counter|script|run|version|repo)|"
                  r"(?:I|we)\s+(?:get|got|obtain(?:ed)?|count(?:ed)?|see|saw|measured?|found|"
                  r"have|had)|here)\b|(?:하지만|그런데|반면)\s*(?:제|내|우리)\s*(?:코드|구현|모델)", re.I)


def own_count(masked: str, fig_end: int, start: int) -> bool:
    """Whether a number at ``start``, after a network's figure ending at ``fig_end``, stands
    past a turn to the writer's own count (``..., however in your code it is 23.5M``)."""
    return _OWN.search(masked, fig_end, start) is not None
