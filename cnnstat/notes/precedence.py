"""The one rule that settles what several readers found on one line.

Every reader of a line (``registry.READERS``) emits claims and skips on its own, without
looking at what the others found; each claim carries a ``confidence`` (1.0: a rule read
with nothing guessed, the default; lower: a reader that guessed the intent, the layer or
the quantity). Where two findings meet on a line, ``settle`` decides, in this order:

1. **Superseded.** A reader may name a rival whose findings it replaces on a line where
   it judged something (``Supersede``): the one-line shape reader replaces the
   walkthrough's shapes, the algebra reader the arithmetic reader's "symbols" notes. A
   reader may name every other reader (``YIELDS``): its claims give way where another
   judged something of the rule's kind (any kind: None) on the line.
2. **Conflicting verdicts.** Two claims of one kind on one figure (the same ``claimed``,
   one's text within the other's) that disagree, one right and one wrong: the one of
   higher confidence stands, the other is dropped. At equal confidence both stand (the
   note then shows both, as it did before this rule: nothing is hidden on a tie).
3. **Unsure.** A "wrong" verdict needs a confidence of at least ``WRONG_NEEDS``; below
   it the claim becomes a skip whose reason begins "unsure:", listed by ``--verbose``
   and never counted as a mistake. So does a "wrong" figure that another reading of it
   makes right (``doubts.second_reading``: a scale not read with it, a whole rounded
   from a fraction, a figure that holds the value among other numbers).

The rule reads only the findings of one line, so it costs nothing per note.
"""

from __future__ import annotations

from typing import Collection, NamedTuple, Sequence, Union

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.disowned import disowned_on_line
from cnnstat.notes.shared import shared_on_line
from cnnstat.notes.doubts import corrected_on_line, denied_on_line, \
    second_reading, summed_on_line, supposed_on_line

# what the line around a "wrong" figure may say of it, in the order asked: corrected, denied,
# supposed, disowned (quoted and called wrong), or the total of the parts listed before it
LINE_DOUBTS = (corrected_on_line, denied_on_line, supposed_on_line, disowned_on_line,
               summed_on_line, shared_on_line)

WRONG_NEEDS = 0.5  # the least confidence a "wrong" verdict is shown with
# A figure right as the sum or product of the figures written above it, some of which are
# wrong (``50,240 + 2,090 + 330 = 52,660`` under a wrong 2,090): whether it is a mistake
# of its own is a convention the truth files of real notes settle both ways, so it is
# said as unsure ("it inherits the error of line N's ..."), never counted as a mistake.
INHERITED = 0.4


# a rule's rival that is every other reader: the reader that names it gives way, its claims
# dropped where another reader judged the rule's kind (None: any) on the line (a reader
# that judges what others read more closely: ``namedmaps`` under a layer table)
YIELDS = "*"


class Supersede(NamedTuple):
    """Where the reader that names this judged something of ``kind`` (any kind: None),
    the findings of ``rival`` it replaces: its claims of ``kind`` (when ``reason`` is
    None), or its skips whose reason holds ``reason``."""

    rival: str
    kind: str | None = None
    reason: str | None = None
    # only the rival's claims on a figure (``claimed``) the superseding reader judged
    same_figure: bool = False


class Found(NamedTuple):
    reader: str
    item: Union[Claim, Skip]


def settle(found: Sequence[Found], rules: dict[str, tuple[Supersede, ...]],
           masked: str | None = None, options: Collection[int] = ()
           ) -> tuple[list[Claim], list[Skip]]:
    """The claims and skips that stand, in the order they were found (``masked``: the
    line of prose they were read on, whose words may quote and correct a figure;
    ``options``: the lines that are a quiz's options, candidates rather than claims)."""
    judged = {(f.reader, f.item.kind) for f in found if isinstance(f.item, Claim)}
    if not judged:  # skips alone: nothing to settle
        return [], [f.item for f in found]
    readers = {r for r, _ in judged}
    dropped: set[int] = set()
    figures = {(f.reader, f.item.claimed) for f in found if isinstance(f.item, Claim)}
    for reader, supersedes in rules.items():
        if reader not in readers:
            continue
        for rule in supersedes:
            if rule.rival == YIELDS:  # the reader's own claims of the kind give way
                if any(r != reader for r, kind in judged if rule.kind in (None, kind)):
                    dropped |= {k for k, f in enumerate(found) if f.reader == reader and
                                isinstance(f.item, Claim)}
                continue
            if rule.kind is not None and (reader, rule.kind) not in judged:
                continue
            for k, f in enumerate(found):
                if f.reader != rule.rival:
                    continue
                if rule.reason is None and isinstance(f.item, Claim) and \
                        (rule.kind is None or f.item.kind == rule.kind) and \
                        (not rule.same_figure or (reader, f.item.claimed) in figures):
                    dropped.add(k)
                elif rule.reason is not None and isinstance(f.item, Skip) and \
                        rule.reason in f.item.reason:
                    dropped.add(k)
    claims = [(k, f.item) for k, f in enumerate(found)
              if k not in dropped and isinstance(f.item, Claim)]
    dropped |= _outweighed(claims)
    out_claims: list[Claim] = []
    out_skips: list[Skip] = []
    for k, f in enumerate(found):
        if k in dropped:
            continue
        item = f.item
        if isinstance(item, Claim) and item.verdict == "wrong" and item.line in options:
            out_skips.append(Skip(item.line, item.text, "unsure: an option of a quiz, a "
                                  "candidate the question weighs, not a claim" + (
                                      f" ({item.detail})" if item.detail else "")))
        elif isinstance(item, Claim) and item.verdict == "wrong" and \
                item.confidence < WRONG_NEEDS:
            out_skips.append(Skip(item.line, item.text, "unsure: " + (
                item.detail or f"{item.claimed} may be wrong")))
        elif isinstance(item, Claim) and item.verdict == "wrong" and \
                (why := second_reading(item) or _line_doubt(masked, item)) is not None:
            out_skips.append(Skip(item.line, item.text, f"unsure: {why}" + (
                f" ({item.detail})" if item.detail else "")))
        elif isinstance(item, Claim):
            out_claims.append(item)
        else:
            out_skips.append(item)
    return out_claims, out_skips


def _outweighed(claims: list[tuple[int, Claim]]) -> set[int]:
    """Of each pair of claims that judge one figure both ways, the less confident one."""
    out: set[int] = set()
    judged = [(k, c) for k, c in claims if c.claimed is not None and
              c.verdict in ("right", "wrong")]
    if len(judged) < 2:
        return out
    for a, (ka, ca) in enumerate(judged):
        for kb, cb in judged[a + 1:]:
            if ca.kind != cb.kind or ca.claimed != cb.claimed or ca.verdict == cb.verdict \
                    or ca.confidence == cb.confidence or \
                    not (ca.text in cb.text or cb.text in ca.text):
                continue
            out.add(kb if ca.confidence > cb.confidence else ka)
    return out


def _line_doubt(masked: str | None, item: Claim) -> str | None:
    """The first reason the line gives to doubt a "wrong" ``item`` (``LINE_DOUBTS``)."""
    if not masked:
        return None
    return next((why for doubt in LINE_DOUBTS if (why := doubt(masked, item))), None)
