"""The year a classic ImageNet network came out, stated in prose: ``VGG16 was proposed
for the ImageNet challenge in 2014``, ``AlexNet (2012)``, ``ResNet은 2015년 ILSVRC에서
우승``, ``In 2013, ZFNet won``. A year is right when it is the year of the network's
ImageNet challenge entry (its paper says which) or of its paper's publication (the
bundled specs' ``paper:``); a three-digit number where the year stands that is one of
those years with a digit dropped (``in 204``) is a slip for it.

Only a year tied to the network is read: in brackets right after its name, or in the
sentence where the network is the subject, a word of its coming out (proposed,
introduced, won, challenge, 제안, 발표, 우승, ...) between the name and the year, and
nothing that hands the year to another thing (after, since, than, its successor, 이후,
the network's own parts: ``VGG's successor came out in 2016``). A sentence naming
several networks is right when any of them came out that year; wrong only when none did.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.questions import asks

# the ImageNet challenge each network was entered in, as its own paper says
CHALLENGE = {
    "alexnet": 2012,  # Krizhevsky et al. 2012, Sec. 1: "entered ... the ILSVRC-2012 competition"
    "zfnet": 2013,  # Zeiler & Fergus 2014, Sec. 5: their ImageNet 2013 entry (Table 2)
    "vgg": 2014,  # Simonyan & Zisserman 2015, abstract: "our ImageNet Challenge 2014 submission"
    "googlenet": 2014,  # Szegedy et al. 2015, abstract: "submission for ILSVRC14"
    "resnet": 2015,  # He et al. 2016, abstract: "1st place on the ILSVRC 2015 classification"
}
NEEDS = ("19", "20", "ilsvrc")
_YEAR = r"(?P<year>(?:19[89]|20[0-3])[0-9]|[12][0-9]{2})(?![0-9.,]?[0-9])(?![-–~]\s*[0-9])"
# the words of a network's coming out
_TIE = re.compile("|".join((
    r"propos|introduc|publish|present|releas|develop|invent|appear|came\s+out|\bwon\b|\bwin",
    r"runner|place|entry|submission|challenge|competition|contest",
    "제안|발표|등장|우승|대회|공개|개발|나온|소개|출시")), re.I)
# what hands the year to another thing than the network named before it
_BLOCK = re.compile("|".join((
    r"\bafter|since|before|than|later|follow|succe|improv|extend|based|inspir|\buse[ds]?\b",
    r"\busing|trained|fine-?tun|\bwe\b|\bour\b|\bI\b|\bits\s|version|variant",
    "이후|다음|뒤에|후에|전에|보다|개선|발전|사용|학습")), re.I)
# ILSVRC-2012 and ImageNet 2012 are also the data set's names: a year beside its data is
# the data's, not the network's
_DATA = re.compile(r"data|validation|\bval\b|train|\btest|images|classes|labels|데이터|검증|"
                   r"학습|이미지", re.I)
_AFTER_NAME = re.compile(r"\s*(?:'s|’s|의)")
_BRACKET = re.compile(r"\s*\((?P<who>[^()0-9]{0,40}?)" + _YEAR + r"[a-z]?\s*\)")
_ILSVRC = re.compile(r"ILSVRC\s*[-']?\s*(?P<short>[0-9]{2})(?![0-9])", re.I)
# a sentence that opens with the year, the network the subject right after it
_FULL_YEAR = re.compile(r"(?<![0-9])(?:19[89]|20[0-3])[0-9](?![0-9])")  # four digits: not a depth
_FIRST_YEAR = re.compile(r"[\s>*+\-•]*(?:(?:in|by)\s+)?(?P<year>(?:19[89]|20[0-3])[0-9])"
                         r"(?:\s*년\s*(?:에|도에)?\s*(?:[가-힣]+(?:된|한|온)\s*)?|\s*,\s*)$", re.I)
_SENTENCE = re.compile(r"[.!?;](?=\s|$)|다\.")


@lru_cache(maxsize=64)
def _papers(family: str, number: str | None) -> tuple[str, ...]:
    """The ``paper:`` of each bundled spec a name means (torchvision's twins left out: their
    reference is the implementation's, AlexNet's 2014 "one weird trick")."""
    from cnnstat.models.zoo import load_bundled

    out = []
    for name in resolve(Mention(family, number, 0, 0, "")).specs:
        if name.endswith("-tv"):
            continue
        try:
            out.append(load_bundled(name).paper or "")
        except Exception:  # noqa: BLE001 - a broken spec is simply not used
            continue
    return tuple(out)


def accepted(family: str, number: str | None) -> frozenset[int]:
    """The years a network came out: its challenge entry's and its paper's publication."""
    found = (re.search(r"\b(?:19|20)[0-9]{2}\b", p) for p in _papers(family, number))
    return frozenset({CHALLENGE[family]} | {int(f.group(0)) for f in found if f})


def authors(family: str) -> tuple[str, ...]:
    """The first authors' surnames of a family's papers (``Krizhevsky``, ``He``)."""
    found = (re.match(r"\s*([A-Z][A-Za-z-]+)", p) for p in _papers(family, None))
    return tuple(sorted({f.group(1) for f in found if f}))


def _slip(written: str, years: frozenset[int]) -> int | None:
    """The year a three-digit number is, with one of its digits dropped (204 for 2014)."""
    for y in sorted(years):
        s = str(y)
        if any(s[:i] + s[i + 1:] == written for i in range(4)):
            return y
    return None


def cited(number: int, masked: str) -> list[Claim]:
    """A network of no ImageNet challenge dated in brackets right after its name, a year
    alone or its paper's first author and a year (``MobileNet (2017)``, ``MobileNet V2
    (Sandler et al., 2018)``): right when
    the year is its paper's (its bundled spec's ``paper:``) or the year before (the
    preprint's), wrong otherwise; another author's citation is not read."""
    out = []
    for m in mentions(masked):
        b = _BRACKET.match(masked, m.end)
        if m.family in CHALLENGE or b is None or len(b.group("year")) != 4 or \
                (m.family == "lenet" and m.number is None):
            continue  # (LeNet unnumbered may be the 1989 network, LeNet-5 the 1998 one)
        names = authors(m.family)
        if b.group("who").strip() and not any(re.search(rf"\b{re.escape(a)}\b", b.group("who"))
                                              for a in names):
            continue  # "EfficientNet (Smith et al., 2021)": another's paper
        papers = [y for p in _papers(m.family, m.number) for y in _paper_years(p)]
        if not papers:
            continue
        years = sorted({y - k for y in papers for k in (0, 1)})
        written = b.group("year")
        if int(written) not in years and _sibling_year(m, int(written)):
            continue  # "MobileNet (2018)": the name without its version, V2's year
        listing = ", ".join(map(str, sorted(set(papers))))
        verdict = "right" if int(written) in years else "wrong"
        truth = written if verdict == "right" else str(min(papers, key=lambda y: abs(y - int(written))))
        out.append(Claim(number, f"{m.text} year {written}", "model", written, truth, verdict,
                         f"{m.text}: its paper came out in {listing} (a preprint the year "
                         "before)"))
    return out


def _sibling_year(m: Mention, year: int) -> bool:
    """Whether a name written without any digit (``MobileNet``) dates another version of
    its family to ``year`` (MobileNetV2's 2018) or the year after."""
    from cnnstat.notes.modelfacts.models import FAMILIES

    base = re.match(r"[a-z]+", m.family)
    if re.search(r"[0-9]", m.text) or base is None:
        return False
    return any(year in (y, y - 1) for fam, _, _, _, _ in FAMILIES
               if fam != m.family and fam.startswith(base.group())
               for p in _papers(fam, None) for y in _paper_years(p))


def _paper_years(paper: str) -> list[int]:
    """The years a spec's ``paper:`` gives: a venue's (``CVPR 2018``) or an arXiv number's
    (``arXiv 1704.04861``: 2017)."""
    found = [int(y) for y in re.findall(r"\b((?:19|20)[0-9]{2})\b", paper)]
    found += [2000 + int(y) for y in re.findall(r"arXiv[:\s]*([0-9]{2})[0-9]{2}\.", paper)]
    return found[:1]  # the first source named: the paper's (others are implementations')


def check_line(number: int, masked: str, above: str = "", raw: str = "") -> list[Claim]:
    """The years tied to a network on the line (``cited``: one of no challenge, dated in
    brackets after its name)."""
    return _challenge(number, masked, above, raw) + cited(number, masked)


def _challenge(number: int, masked: str, above: str = "", raw: str = "") -> list[Claim]:
    """The years tied to a network of the challenge on the line; a line that goes on with a
    sentence the line above left open (hard-wrapped prose: ``... was proposed for the
    ImageNet`` then ``challenge in 204.``) is read with it, for the years on this line."""
    if not any(m.family in CHALLENGE for m in mentions(masked)) and not (
            above and any(m.family in CHALLENGE for m in mentions(above))):
        return []  # no network of the challenge named here or on the line above
    shift = 0
    if above.strip() and not _CLOSED.search(above) and not _ITEM.match(raw or masked):
        shift = len(above) + 1
        masked = above + " " + masked
    named = [m for m in mentions(masked) if m.family in CHALLENGE]
    if not named or asks(masked[shift:]):
        return []
    out: list[Claim] = []
    start = 0
    for end in [m.end() for m in _SENTENCE.finditer(masked)] + [len(masked)]:
        if end > shift:
            out += _sentence(number, masked, start, end, [m for m in named
                                                          if start <= m.start < end], shift)
        start = end
    return out


# a line that ends its sentence; a list's item or a table's row, which starts its own
_CLOSED = re.compile(r"[.!?:;。|]\s*$|다\s*$")
# (a timeline's row too: "2014  VGG (19 layers)", "2015: ResNet", "2012 — AlexNet")
_ITEM = re.compile(r"\s*(?:[-*+>|•]|[0-9]+[.)])\s|\s*(?:19|20)[0-9]{2}(?:\s{2,}|\t|\s*[:|–—-]\s)")


def _sentence(number: int, masked: str, start: int, end: int, named: list[Mention],
              shift: int = 0) -> list[Claim]:
    if not named or _RESPECTIVELY.search(masked, start, end):
        return []
    out: list[Claim] = []
    seen: set[int] = set()
    for m, at, written in _years(masked, start, end, named):
        if at in seen or at < shift:
            continue  # a year of the line above is that line's
        seen.add(at)
        years = accepted(m.family, m.number)
        listing = ", ".join(str(y) for y in sorted(years))
        text = f"{m.text} year {written}"
        if len(written) == 4 and int(written) in years:
            out.append(Claim(number, text, "model", written, written, "right",
                             f"{m.text}: challenge entry or paper ({listing})"))
            continue
        truth = _slip(written, years) if len(written) == 3 else None
        if len(written) == 4 or truth is not None:
            truth = truth or min(years, key=lambda y: (abs(y - int(written)), y))
            out.append(Claim(number, text, "model", written, str(truth), "wrong",
                             f"{m.text} came out in {listing} (challenge entry, paper)"))
    return out


_RESPECTIVELY = re.compile(r"respectively|각각", re.I)


def _years(masked: str, start: int, end: int, named: list[Mention]):
    """(network, position, year as written) of each year tied to a network of the
    sentence."""
    for m in named:
        b = _BRACKET.match(masked, m.end, end)
        if b and (not b.group("who").strip() or any(
                re.search(rf"\b{re.escape(a)}\b", b.group("who")) for a in authors(m.family))):
            # "AlexNet (2012)", "VGG (Simonyan & Zisserman, 2014)"; another's citation
            # ("ResNet-50 (Smith et al., 2019)") is not the network's year
            yield m, b.start("year"), b.group("year")
            continue
        first = _FIRST_YEAR.match(masked, start, m.start)
        if first and _TIE.search(masked, first.start(), min(end, m.end + 40)) and \
                not _FULL_YEAR.search(masked, m.end, end):
            # (a year after the name is the network's: "In 2015, AlexNet, introduced in
            # 2012, ...": the first one dates the sentence)
            # "In 2014, VGG was proposed", "2012년에 발표된 AlexNet은"
            yield m, first.start("year"), first.group("year")
            continue
        if _AFTER_NAME.match(masked, m.end):
            continue  # "VGG's successor ...": the year may be another thing's
        for y in re.finditer(_YEAR, masked[:end]):
            if y.start() < m.end or y.start() - m.end > 80:
                continue
            between = masked[m.end:y.start()]
            if not _TIE.search(masked[m.end:min(end, y.end() + 15)]) or _BLOCK.search(between) \
                    or _DATA.search(masked, m.end, min(end, y.end() + 25)) \
                    or re.search(r"[0-9]{3}", between) or any(
                        o.start >= m.end and o.end <= y.start() for o in named if o is not m):
                continue
            if len(y.group("year")) == 3 and not re.search(r"(?:in|of)\s+$", between):
                continue  # a three-digit number is read as a year only where one stands
            yield m, y.start(), y.group("year")
            break
        for s in _ILSVRC.finditer(masked, m.end, end):
            between = masked[m.end:s.start()]
            if len(between) <= 60 and not _BLOCK.search(between) and \
                    _TIE.search(masked, m.end, min(end, s.end() + 15)) and \
                    not _DATA.search(masked, m.end, min(end, s.end() + 25)):
                yield m, s.start("short"), "20" + s.group("short")
            break
