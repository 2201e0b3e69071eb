"""Ratios between models: "GoogLeNet has 12x fewer parameters than AlexNet",
"VGG16은 GoogLeNet보다 파라미터가 약 20배 많다".

The ratio is computed from the bundled specs of both models (every variant the name
means: the paper's count and torchvision's give a range). Notes round such ratios
freely and papers quote their own ("12x fewer" in the GoogLeNet paper is against its
own 5M estimate), so the verdict is generous: right when the figure lies in the range
(widened by the precision written, and by 15% after "about"/"약"), wrong only when it is
off by more than 40% or points the wrong way, and left unsure in between.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Callable, Iterator

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention, figures, mentions, resolve

_QUANTITIES = (r"parameters|params|weights|flops|macs|multiply-adds|mult-adds|operations|"
               r"computation")
# "12x fewer parameters than", "7-8 times fewer parameters and FLOPs than": a range is
# written as two figures; a figure is whole ("1000× more", never its "000")
_EN = re.compile(r"(?P<about>about|around|roughly|~|≈)?\s*(?:between\s+)?"
                 r"(?<![0-9.,])(?P<k>[0-9]{1,4}(?:\.[0-9]{1,2})?)(?:\s*[x×](?=\s*(?:-|–|~|to|and)\s*\d))?"
                 r"(?:\s*(?:-|–|~|to|and)\s*(?P<k2>[0-9]{1,4}(?:\.[0-9]{1,2})?))?\s*"
                 r"(?:x|×|times)\s+(?P<dir>fewer|less|more|smaller|larger|bigger|higher|lower)"
                 rf"\s+(?:(?P<what>{_QUANTITIES})(?:\s*(?:and|&|or|,)\s*(?P<what2>{_QUANTITIES}))?)?\s*"
                 r"(?:than|compared\s+(?:to|with))\s+$", re.I)
# "VGG16(138M)에 비해 MobileNet은 ...": a bracketed figure after the network compared
# against, and the subject between the comparison's word and the ratio
_KO_AGAINST = (r"(?:\s*\([^()]{1,24}\))?\s*(?:보다|에\s*비해|대비|(?:와|과|이랑|랑)\s*비교하면)\s*"
               r"(?:[A-Za-z][\w.\-]{0,24}(?:\s*\([^()]{1,24}\))?\s*(?:은|는|이|가)\s+)?")
_KO = re.compile(_KO_AGAINST + r"(?:(?P<what>파라미터|매개\s*변수|가중치|연산량?|"
                 r"FLOPs|MACs)\s*(?:수|개수)?\s*(?:가|는|이)?\s*)?(?P<about>약\s*)?"
                 r"(?<![0-9.,])(?P<k>[0-9]{1,4}(?:\.[0-9]{1,2})?)(?:\s*[-~～]\s*(?P<k2>[0-9]{1,4}(?:\.[0-9]{1,2})?))?"
                 r"\s*배\s*(?:정도|가량)?\s*(?:더\s*)?"
                 r"(?P<dir>적|많|작|크|가볍|무겁)", re.I)
# the ratio in brackets after the network compared against (``_EN``'s groups)
_AGAINST = re.compile(r"(?:compared\s+(?:to|with)|than)\s+(?:the\s+)?$", re.I)
_BRACKETED = re.compile(r"\s*[(\[]\s*(?P<about>about|around|roughly|~|≈)?\s*"
                        r"(?<![0-9.,])(?P<k>[0-9]{1,4}(?:\.[0-9]{1,2})?)(?P<k2>(?!))?\s*(?:x|×|times)\s+"
                        r"(?P<dir>fewer|less|more|smaller|larger|bigger)\s+"
                        rf"(?P<what>{_QUANTITIES})(?P<what2>(?!))?\s*[)\]]", re.I)
_LESS = ("fewer", "less", "smaller", "lower", "적", "작", "가볍")


def _quantity(what: str | None) -> str:
    w = (what or "").lower()
    if "flop" in w or "mac" in w or "mult" in w or "operation" in w or "comput" in w or \
            "연산" in w:
        return "macs"  # FLOPs = 2 x MACs: a ratio is the same in either
    return "params"


# the quantity a ratio without its own word is of: the last one its clause names (a model
# size in MB, a compressed file, a speed are not a count of parameters)
_KINDS = re.compile(r"(?P<params>param|weight|파라미터|매개\s*변수|가중치)|"
                    r"(?P<macs>flop|\bmacs?\b|mult-?adds|multiply|operations|comput|연산)|"
                    r"(?P<other>size|[0-9.]\s*[KMGT]i?B\b|\bbytes?\b|memory|storage|disk|"
                    r"compress|quantiz|prun|speed|faster|slower|latency|\btime|accura|error|"
                    r"energy|power|bandwidth|throughput|fps|용량|크기|메모리|속도|시간|압축|정확|"
                    r"depth|deeper|깊이|깊어)",
                    re.I)
_CLAUSE_END = re.compile(r"[.!?;:](?:\s|$)|[.。]\s*$")
_DEPTH_AFTER = re.compile(r"\s*(?:[가-힣A-Za-z]+\s+)?(?:depth|layers?|deeper|층|깊)", re.I)


def clause_kind(before: str, after: str = "") -> str | None:
    """The quantity named nearest a ratio: in the words just after the model it is
    measured against (``than AlexNet in model size``), else the last one in its clause
    before (``compressed to 0.5MB (510x smaller than``); None when neither names one."""
    tail = CONTRAST.split(re.split(r"[.,;:()!?]", after, maxsplit=1)[0], maxsplit=1)[0][:30]
    first = _KINDS.search(tail) if re.match(r"\s*(?:'s|’s|in\b|on\b|by\b|for\b|of\b|의|에서|"
                                            r"[가-힣]*\s*(?:[가-힣]+\s+)?(?:파라미터|가중치|용량|크기|메모리|연산))",
                                            tail) else None
    if first:
        return first.lastgroup
    if _DEPTH_AFTER.match(tail):
        return "other"  # "8배 많은 depth", "8x more layers": a ratio of depths
    cut = list(_CLAUSE_END.finditer(before))
    found = list(_KINDS.finditer(before[cut[-1].end():] if cut else before))
    return found[-1].lastgroup if found else None


def _counts(m: Mention, kind: str) -> list[int]:
    specs = resolve(m).specs[:2]
    out = []
    for s in specs:
        f = figures(s)
        if f is not None:
            out.append(f.params if kind == "params" else f.macs)
    return out


def pairs(masked: str, named: list[Mention], en: re.Pattern, ko: re.Pattern,
          heading: Mention | None = None, key: Callable[[Mention], str] = lambda m: m.family
          ) -> Iterator[tuple[re.Match, Mention | None, Mention]]:
    """Each comparison of a line: its match, the network it is about and the one it is
    measured against. English puts the words before the other ("12x fewer parameters
    than AlexNet": the subject named before); Korean after it ("AlexNet보다 12배 적다":
    the subject the line's other network), else the section's network."""
    for k, other in enumerate(named):
        m = en.search(masked[max(0, other.start - 120):other.start])
        if m:
            before = [x for x in named[:k] if key(x) != key(other) and not _measured(masked, x)]
            subject = before[-1] if before else heading
        elif en is _EN and _AGAINST.search(masked[max(0, other.start - 40):other.start]) and \
                _BRACKETED.match(masked, other.end):
            # "reduce parameters compared to VGG (12x fewer parameters)": the ratio in
            # brackets after the network it is measured against
            m = _BRACKETED.match(masked, other.end)
            before = [x for x in named[:k] if key(x) != key(other) and  # not compared too
                      not _AGAINST.search(masked[max(0, x.start - 40):x.start])]
            subject = before[-1] if before else heading
        else:
            m = ko.match(masked, other.end)
            if m is None:
                continue
            rest = [x for x in named if x is not other and key(x) != key(other) and
                    not _measured(masked, x)]
            subject = rest[0] if rest else heading
        yield m, subject, other


_AGAINST_KO = re.compile(r"(?:\s*\([^()]{1,24}\))?\s*(?:보다|에\s*비해|대비|(?:와|과|이랑|랑)\s*비교)")


def _measured(masked: str, x: Mention) -> bool:
    """Whether ``x`` is itself a network measured against ("12x fewer than AlexNet and 27x
    fewer than VGG16", "AlexNet보다 12배, VGG16보다 27배 적은"): the other side of a
    comparison of its own, never the subject of the next one (that is the line's subject
    or the section's)."""
    return bool(_AGAINST.search(masked[max(0, x.start - 40):x.start]) or
                _AGAINST_KO.match(masked, x.end))


def check_line(number: int, masked: str, heading: Mention | None
               ) -> tuple[list[Claim], list[Skip]]:
    if "/" in masked:
        got = fraction(number, masked, heading)
        if got[0] or got[1]:
            return got
    if "배" not in masked and not re.search(r"than|compared", masked, re.I):
        return [], []
    named = mentions(masked)
    if not named:
        return [], []
    claims: list[Claim] = []
    skips: list[Skip] = []
    for m, subject, other in pairs(masked, named, _EN, _KO, heading):
        text = " ".join(masked[max(0, other.start - 120):other.end + 40].split())[-100:]
        if subject is None or subject.family == other.family:
            skips.append(Skip(number, text, "a ratio without the model it is about"))
            continue
        kinds = dict.fromkeys(_quantity(m.groupdict().get(g)) for g in ("what", "what2")
                              if g == "what" or m.groupdict().get(g))
        if not m.group("what"):  # the clause says what the ratio is of
            if m.re is _EN:
                near = clause_kind(masked[max(0, other.start - 120):other.start][:m.start()],
                                   masked[other.end:])
            else:
                near = clause_kind(masked[:other.start], masked[m.end():])
            if near == "other":
                skips.append(Skip(number, text, "unsure: a ratio of another quantity "
                                                "than parameters or operations"))
                continue
            kinds = {near or "params": None}
        for kind in kinds:
            got = _judge(number, m, subject, other, kind)
            if not m.group("what") and isinstance(got, Claim) and got.verdict == "wrong" and \
                    not m.group("dir").lower().startswith(("fewer", "less", "more", "적", "많")):
                # "510x smaller than AlexNet": a file's size (compressed, quantised) as
                # often as its count of parameters
                got = Skip(number, got.text, f"unsure: smaller or larger in what? {got.detail}")
            (claims if isinstance(got, Claim) else skips).append(got)
    return claims, skips


def _judge(number: int, m: re.Match, subject: Mention, other: Mention, kind: str
           ) -> Claim | Skip:
    """One ratio (``12x``) or range of ratios (``7-8 times``) of one quantity."""
    written = m.group("k") + (f"-{m.group('k2')}" if m.group("k2") else "")
    label = f"{subject.text} vs {other.text}: {written}x"
    a, b = _counts(subject, kind), _counts(other, kind)
    if not a or not b:
        return Skip(number, label, "a model of the ratio is not bundled")
    less = m.group("dir").lower().startswith(_LESS)
    ratios = [Fraction(y, x) if less else Fraction(x, y) for x in a for y in b]
    lo, hi = min(ratios), max(ratios)
    slack = Fraction(115, 100) if m.group("about") else Fraction(1)
    how = (f"{kind}: {subject.text} {', '.join(f'{x:,}' for x in a)}; "
           f"{other.text} {', '.join(f'{y:,}' for y in b)}: "
           f"{float(lo):.1f}x to {float(hi):.1f}x")
    if m.group("k2"):  # a range says its own precision: the truth lies in it
        low, high = sorted((Fraction(m.group("k")), Fraction(m.group("k2"))))
        if low / slack <= hi and lo <= high * slack:
            return Claim(number, label, "ratio", written, round(float(lo), 2), "right", how)
        if high * slack * Fraction(11, 10) < lo or hi < low / slack / Fraction(11, 10):
            return Claim(number, label, "ratio", written, round(float(lo), 2), "wrong", how)
        return Skip(number, label, f"unsure: a range of ratios off by less than 10%: {how}")
    claimed = Fraction(m.group("k"))
    decimals = len(m.group("k").partition(".")[2])
    half = Fraction(1, 2 * 10 ** decimals)
    if lo / slack - half <= claimed <= hi * slack + half:
        return Claim(number, label, "ratio", written, round(float(lo), 2), "right", how)
    if claimed > hi * Fraction(14, 10) or claimed < lo / Fraction(14, 10) or lo < 1:
        return Claim(number, label, "ratio", written, round(float(lo), 2), "wrong", how)
    return Skip(number, label, f"a ratio off by less than 40%: {how}")


# "SqueezeNet has 1/50 of AlexNet's parameters", "MobileNet uses about 1/30 the parameters
# of VGG16", "SqueezeNet은 AlexNet의 1/50 파라미터로", "AlexNet 대비 1/50의 파라미터"
_FRACTION = re.compile(r"(?P<about>about|around|roughly|only|~|≈|약)?\s*(?<![0-9.])1\s*/\s*"
                       r"(?P<k>[0-9]{1,4}(?:\.[0-9]{1,2})?)(?![0-9./])", re.I)
_OF_AFTER = re.compile(r"^\s*(?:th\s+)?(?:of\s+)?(?:the\s+)?(?:(?:number\s+of\s+)?"
                       r"(?P<what>parameters|params|weights|computation|flops|macs|operations)\s+"
                       r"(?:of|in|that)\s+)?$", re.I)
_OF_BEFORE = re.compile(r"^\s*(?:의|대비|에\s*비해|보다)\s*$|^" + _KO_AGAINST +
                        r"(?:(?:파라미터|매개\s*변수|가중치|연산량?)\s*(?:수|개수)?\s*"
                        r"(?:가|는|이|은)?\s*)?(?:약\s*)?$")
_WHAT = re.compile(r"(?P<what>param|weight|파라미터|매개\s*변수|가중치|flop|mac|연산|comput|"
                   r"operation)", re.I)


# a share written as a bound: "less than 1/3 of", "not even a 1/3", "1/3도 안 되는", "1/3
# 미만", and its other side "over 1/3", "1/3 이상", "1/3이 넘는"
# (each side: the words before the share, the words after it)
_BOUNDS = (("under", re.compile(r"(?:(?:less|fewer)\s+than|under|below|not\s+even|at\s+most|"
                                r"barely)\s*$", re.I),
            re.compile(r"\s*(?:도|이|가|에)?\s*(?:안\s*(?:되|돼|된)|못\s*(?:미치|되|된)|미만|이하|"
                       r"(?:에\s*)?못\s*미치)")),
           ("over", re.compile(r"(?:(?:more|greater)\s+than|over|above|at\s+least)\s*$", re.I),
            re.compile(r"\s*(?:이|가|을|를)?\s*(?:넘|이상|초과|웃돌)")))
# where a clause of contrast begins or ends: "..., 인데/는데/지만 ...", "but", "while", ";"
CONTRAST = re.compile(r"(?:는데|인데|지만|반면|으나)(?=\s|,|$)|[;]|,?\s+(?:but|while|whereas|"
                      r"yet|though)\s", re.I)


def _own_clause(masked: str, start: int, end: int) -> str:
    """The clause a figure sits in, cut at words of contrast (``..., but ...``, ``는데``)."""
    cuts = [m for m in CONTRAST.finditer(masked)]
    lo = max([m.end() for m in cuts if m.end() <= start], default=0)
    hi = min([m.start() for m in cuts if m.start() >= end], default=len(masked))
    return masked[lo:hi]


def _bound(masked: str, start: int, end: int) -> str | None:
    """``under`` or ``over`` where the share is written as a bound, else None."""
    before = masked[max(0, start - 20):start]
    return next((side for side, pre, post in _BOUNDS
                 if pre.search(before) or post.match(masked, end)), None)


def fraction(number: int, masked: str, heading: Mention | None = None
             ) -> tuple[list[Claim], list[Skip]]:
    """A model's count written as a fraction of another's (``1/50 of AlexNet's``): judged
    to the digits of N (``1/50``: 45 to 55; ``1/12``: 11.5 to 12.5), widened by 15% after
    "about"; unsure when off by less than a quarter beyond that, wrong beyond. A line
    naming only the other network (``파라미터 수는 VGGNet의 1/12``) is about its section's."""
    fr = list(_FRACTION.finditer(masked))
    named = mentions(masked)
    what = _WHAT.search(masked)
    families = {m.family for m in named}
    if len(fr) != 1 or not what or not (len(families) == 2 or len(families) == 1 and
                                        heading is not None and heading.family not in families):
        return [], []
    f = fr[0]
    after = [m for m in named if m.start >= f.end()]
    before = [m for m in named if m.end <= f.start()]
    if after and _OF_AFTER.match(masked[f.end():after[0].start]):
        other = after[0]  # "SqueezeNet has 1/50 of AlexNet's"
    else:  # "SqueezeNet은 AlexNet의 1/50", "VGG16에 비해 MobileNet은 파라미터가 약 1/33"
        other = next((m for m in reversed(before)
                      if _OF_BEFORE.match(masked[m.end:f.start()])), None)
        if other is None:
            return [], []
    subjects = [m for m in before if m.family != other.family]
    if not subjects and len(families) == 2:
        return [], []
    subject = subjects[0] if subjects else heading
    near = clause_kind(masked[:f.start()], masked[max(f.end(), other.end):])
    if near == "other":  # "1/510 of AlexNet's size": not its parameters
        return [], [Skip(number, f.group(0), "unsure: a ratio of another quantity than "
                                             "parameters or operations")]
    own = _WHAT.search(_own_clause(masked, f.start(), f.end()))
    if near is None and own is None:  # "800만 개로 ResNet-50의 1/3도 안 되는데 연산량은 ..."
        return [], [Skip(number, f.group(0), "unsure: the ratio's own clause names no "
                                             "quantity (another clause's may not be its)")]
    kind = near or _quantity(own.group("what"))
    x, y = _counts(subject, kind), _counts(other, kind)
    if not x or not y:
        return [], [Skip(number, f.group(0), "a model of the ratio is not bundled")]
    ratios = [Fraction(q, p) for p in x for q in y]
    lo, hi = min(ratios), max(ratios)
    k = f.group("k")
    claimed = Fraction(k)
    digits = k.partition(".")[2]
    half = Fraction(1, 2 * 10 ** len(digits)) if digits else \
        Fraction(10 ** (len(k) - len(k.rstrip("0"))), 2)
    slack = Fraction(115, 100) if f.group("about") and f.group("about") != "only" else 1
    label = f"{subject.text} = 1/{k} of {other.text}"
    how = (f"{kind}: {subject.text} {', '.join(f'{v:,}' for v in x)}; "
           f"{other.text} {', '.join(f'{v:,}' for v in y)}: 1/{float(lo):.1f} to "
           f"1/{float(hi):.1f}")
    bound = _bound(masked, f.start(), f.end())
    if bound:  # "less than 1/3" holds while the true share is under 1/k: hi >= k (a bound
        # is no rounding: "under 1/10" means 10, not 5 to 15)
        near = Fraction(105, 100) * slack
        holds = hi * near >= claimed if bound == "under" else lo / near <= claimed
        broken = hi * Fraction(5, 4) < claimed if bound == "under" else lo > claimed * Fraction(5, 4)
        if holds or not broken:
            return ([Claim(number, label, "ratio", k, round(float(lo), 2), "right",
                           f"{bound} 1/{k}: {how}")], []) if holds else \
                ([], [Skip(number, label, f"unsure: a bound near the digits written: {how}")])
        return [Claim(number, label, "ratio", k, round(float(lo), 2), "wrong",
                      f"not {bound} 1/{k}: {how}")], []
    if lo / slack - half <= claimed <= hi * slack + half:
        return [Claim(number, label, "ratio", k, round(float(lo), 2), "right", how)], []
    if claimed > (hi * slack + half) * Fraction(5, 4) or \
            claimed < (lo / slack - half) / Fraction(5, 4):
        return [Claim(number, label, "ratio", k, round(float(lo), 2), "wrong", how)], []
    return [], [Skip(number, label, f"unsure: a ratio near the digits written: {how}")]
