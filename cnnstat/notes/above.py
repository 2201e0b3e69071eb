"""A network's parameter count on the line after the one that names it, in the same
paragraph (``AlexNet won ILSVRC 2012.`` then ``It has about 60 million parameters.``,
``VGG16은 층이 깊다.`` then ``- 약 1억 3800만 개의 파라미터``): the count is the line's
subject alone, as ``totals.whole_count`` reads it under a heading (no part of the network
named, within a factor of two of the network's count), the line names no network of its
own, and the line above names exactly one. Where the section has a network (a heading's),
the line is not read here: the heading's reader owns it."""

from __future__ import annotations

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.facts import _compared, figures_in, judge
from cnnstat.notes.models import mentions, resolve
from cnnstat.notes.totals import whole_count


def check_line(number: int, masked: str, above: str, tokens: list, used: list,
               heading) -> tuple[list[Claim], list[Skip]]:
    if not above or heading is not None or mentions(masked):
        return [], []  # a section's network is the heading reader's (``facts``)
    named = [m for m in mentions(above) if not _compared(above, m)]
    if not named or len({(m.family, m.key) for m in named}) != 1:
        return [], []
    mention = named[0]
    figs, aside = figures_in(masked, tokens, used)
    figs = [f for f in figs if f.kind == "params"]
    if len(figs) != 1 or aside or not whole_count(masked, "params", figs[0].num, mention):
        return [], []
    fig = figs[0]
    got = judge(fig.kind, fig.num, mention, resolve(mention), number,
                f"{mention.text} (the line above): {fig.text}", fig.start, fig.end)
    return ([got], []) if isinstance(got, Claim) else ([], [got])
