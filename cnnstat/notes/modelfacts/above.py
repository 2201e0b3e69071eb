"""A network's parameter count on the line after the one that names it, in the same
paragraph (``AlexNet won ILSVRC 2012.`` then ``It has about 60 million parameters.``,
``VGG16은 층이 깊다.`` then ``- 약 1억 3800만 개의 파라미터``): the count is the line's
subject alone, as ``totals.whole_count`` reads it under a heading (no part of the network
named, within a factor of two of the network's count), the line names no network of its
own, and the line above names exactly one. Where the section has a network (a heading's),
the line is not read here: the heading's reader owns it. A line that is a name alone
(``title_of``) is a heading to the rest of its paragraph (``facts`` reads under it); a
short line that starts with a name (``pseudo_heading``) starts a section of that network."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.facts import _compared, figures_in
from cnnstat.notes.modelfacts.factjudge import judge
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.modelfacts.totals import whole_count


def check_line(number: int, masked: str, above: str, tokens: list, used: list,
               heading) -> tuple[list[Claim], list[Skip]]:
    if not above or heading is not None or mentions(masked) or title_of(above):
        return [], []  # a section's network (a heading's, a title line's) is ``facts``'
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


# what may stand beside the name on a line that is a title: markup, a list's number, a colon
_TITLE_REST = re.compile(r"[\s*_#>+\-•:.\d)\[\]`]*")


# a markdown link, its text in brackets (a citation: ``[[D2L, Section 8.1]](https://...)``)
_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()\s]*\)")


def title_of(masked: str, raw: str = "") -> str:
    """The line, if it is a network's name and nothing more (``**ResNet-50**``, ``1.
    AlexNet``, ``VGG (Visual Geometry Group)``, ``GoogLeNet:``): the lines after it in its
    paragraph are about that network, as under a heading; else "". A link beside the name
    in ``raw`` (a reference: ``* AlexNet: [[D2L 8.1]](https://...)``) is no part of it."""
    if raw and len(raw) == len(masked) and "](" in raw:
        unlinked = _LINK.sub(lambda m: " " * (m.end() - m.start()), raw)
        bare = "".join(c if u != " " or r == " " else " " for c, u, r in
                       zip(masked, unlinked, raw)).rstrip()
        # the name outside the links ("AlexNet [[Krizhevsky 2012]](...)"); a name that is
        # the link ("[ResNet-50](...)") is read as written
        if title_of(bare):
            return title_of(bare)
    if len(masked) > 80 or not any(c.isalpha() for c in masked):
        return ""
    found = mentions(masked)
    if len(found) != 1:
        return ""
    m = found[0]
    rest = re.sub(r"\([^()]*\)", "", masked[:m.start] + " " + masked[m.end:])
    return masked if _TITLE_REST.fullmatch(rest) else ""


# a line that leads a list about one network: "Key points of VGG16 architecture:",
# "ResNet-50의 특징:"; not one that sets it against another ("Changes from VGG16:")
_LEAD_END = re.compile(r"[:：]\s*[*_`]*\s*$|(?:다음|아래)과\s*같(?:습니다|다|음)\.?\s*$|"
                       r"\bas\s+follows\.?\s*$", re.I)  # "... 요약하자면 다음과 같습니다."
_NOT_LEAD = re.compile(r"than|-?like\b|style|based|유사|비슷|처럼|스타일|\bvs\.?|versus|unlike|\bfrom\b|differ|compar|instead|over\b|"
                       r"beyond|after|before|대비|비해|보다|달리|차이|비교|이후|이전", re.I)


def lead_of(masked: str) -> str:
    """The line, if it leads a list about the one network it names (ends with a colon,
    holds no figure); its items speak of that network as under a heading; else ""."""
    if len(masked) > 100 or not _LEAD_END.search(masked) or _NOT_LEAD.search(masked):
        return ""
    found = mentions(masked)
    if len(found) != 1 or re.search(r"[0-9]", masked[:found[0].start] + masked[found[0].end:]):
        return ""
    return masked


_ITEM = re.compile(r"\s*(?:[-*+•]|[0-9]{1,2}[.)])\s")


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def carried_title(titled: str, item: int | None, masked: str, raw: str, above: str
                  ) -> tuple[str, int | None]:
    """The title line (``title_of``, ``lead_of``) a prose line is under, and the indent of
    the list item it stands in (None: no item). Within its paragraph a title holds; past a
    blank line, a lead's holds for the items of its list (``Key points of VGG16:``), and a
    network's name that is an item of a list (``- **LeNet-5**``) for the lines nested under
    it, indented deeper, however many blank lines part them (a loose list); a line that is
    not nested ends it."""
    if titled and not above and not (_indent(raw) > item if item is not None
                                     else _ITEM.match(raw)):
        titled, item = "", None  # past the blank line, no line of the title's list
    new = title_of(masked, raw)
    if new:
        return new, _indent(raw) if _ITEM.match(raw) else None
    lead = lead_of(masked)
    return (lead, None) if lead else (titled, item)


def kept_past_blank(titled: str, item: int | None) -> str:
    """The title that holds past a blank line: a lead's, or a network's name as an item."""
    return titled if is_lead(titled) or (titled and item is not None) else ""


def is_lead(text: str) -> bool:
    """Whether a title line (``title_of``, ``lead_of``) leads a list, past a blank line."""
    return bool(text) and bool(_LEAD_END.search(text))


def titled(line: str) -> Mention | None:
    """The network a title line (``title_of``) names."""
    found = mentions(line) if line else []
    return found[0] if found else None


# "LeNet-5 architecture", "VGG16 구조": a name and one word for its layout heads its layers
_LAYOUT = re.compile(r"(?:architecture|structure|layers|구조|아키텍처|구성)", re.I)
# "GoogleNet 핵심", "- GoogLeNet 특징", "ResNet summary": a name and one word for an
# account of it heads what follows, a list's first item too
_ACCOUNT = re.compile(r"(?:(?:key\s+)?features|summary|overview|key\s+points|특징|핵심|요약|정리)",
                      re.I)


def pseudo_heading(raw: str, masked: str) -> Mention | None:
    """A short line that is just a model name: ``AlexNet``, ``VGGNet(…)``, ``LeNet-5: …``,
    ``LeNet-5 architecture``,
    in bold too (``** 2) VGG-16 : … **``; a bare name in bold is ``title_of``'s)."""
    raw = raw.strip()
    if not raw or len(raw) > 80 or raw[0] in "-*+>|" and not (
            raw[:2] == raw[-2:] in ("**", "__") and not title_of(masked)) and not \
            _ACCOUNT.search(raw):
        return None
    text = masked.strip()
    if raw[0] in "-*+>|" and not raw.startswith(("**", "__")):
        found = mentions(text)  # "- GoogLeNet 특징": an item that is a name and an account
        return found[0] if found and found[0].start == 0 and _ACCOUNT.fullmatch(
            text[found[0].end:].strip()) else None
    # "3. VGG (2014)": a numbered item that is only a name heads what follows it
    item = re.match(r"\d+[.)]\s+", text)
    text = text[item.end():] if item else text
    found = mentions(text)
    if not found or found[0].start != 0 or len(text) > 60:
        return None
    rest = text[found[0].end:].strip()
    if rest and not (rest.startswith("(") and rest.endswith(")")) and not rest.startswith(":") \
            and not _LAYOUT.fullmatch(rest) and not _ACCOUNT.fullmatch(rest):
        return None
    return found[0]


# a question's title standing on its own line, in bold, asking: a FAQ's or an exam's
# ("**Q9. Why do gradients vanish?**", "**왜 FNN을 쓰지 않나?**"); a worksheet's "Q5. Add
# them up." under a network's heading is a step of that network's exercise
_QUESTION_TITLE = re.compile(r"\s*(\*\*|__)[^*_]{2,150}\?\s*\1\s*$")


def question_title(state, raw: str, masked: str) -> list:
    """A line that titles a question starts a topic of its own: the network of the section
    above (or of a breakdown above) is not the one its answer speaks of, unless the
    question names it (the one network it names then is)."""
    if _QUESTION_TITLE.match(raw) and len(raw) <= 200:
        found = mentions(masked)
        state.heading = found[0] if len({(m.family, m.key) for m in found}) == 1 else None
        if state.heading is None:
            state.breakdown.net = None  # nor is the network a breakdown above set out
    return []
