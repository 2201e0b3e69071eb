"""Comparisons of two models without a figure: "VGG is deeper than AlexNet",
"GoogLeNet has fewer parameters than AlexNet", "AlexNet보다 더 깊은", "VGG보다 파라미터가
적다", "AlexNet보다 parameter가 작아졌다" (a count said small or large as a size is).

Both models' depths (layers with weights on the longest path) or parameter counts come
from the bundled specs of every network the name means (a family name such as "VGG"
means each of its members). The comparison is right when it holds for every pair, wrong
when it fails for every pair, and left unsure when the members disagree.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention, figures, mentions, resolve

_PARAM = r"(?:parameters?|params|weights|파라미터|매개\s*변수|가중치|parameter)"
# what follows "than <model>" in English is before it: "<subject> is deeper than <model>"
_EN = re.compile(r"(?P<q>deeper|shallower|(?:fewer|less|more)\s+" + _PARAM + r"|"
                 r"(?:larger|bigger|smaller)(?=\s+than))"
                 r"(?:\s+[a-z]+){0,3}?\s+than\s+$", re.I)
_KO = re.compile(r"\s*보다\s*(?P<rest>.{0,40})")
_KO_DEPTH = re.compile(r"(?:(?:층|레이어|깊이|네트워크|망)\s*(?:이|가|은|는)?\s*)?(?:더\s*)?(?P<q>깊|얕)")
# (a count said to be small or large, as a size is: "파라미터가 작아졌다", "파라미터가 크다")
_KO_PARAMS = re.compile(r"(?:더\s*)?(?P<q>적은|많은)\s*" + _PARAM + r"|" + _PARAM +
                        r"\s*(?:수|개수)?\s*(?:가|는|이)?\s*(?:(?:더|훨씬|매우|많이|조금|약간)\s*)*(?P<q2>적|많|"
                        r"작(?=아|은|다|고|음|게)|크(?=다|고|게)|커(?=졌|지|서|요))", re.I)
_THAN = re.compile(r"than", re.I)
_MORE = ("deeper", "more", "larger", "bigger", "깊", "많은", "많", "크", "커")


def _values(m: Mention, what: str) -> list[int]:
    out = []
    for name in resolve(m).specs:
        f = figures(name)
        if f is not None:
            out.append(f.depth if what == "depth" else f.params)
    return out


def _judge(number: int, subject: Mention, other: Mention, what: str, more: bool,
           text: str) -> Claim | Skip:
    a, b = _values(subject, what), _values(other, what)
    if not a or not b:
        return Skip(number, text, "a model of the comparison is not bundled")
    holds = [(x > y) if more else (x < y) for x in a for y in b]
    word = "layers with weights" if what == "depth" else "parameters"
    how = (f"{what}: {subject.text} {min(a):,}" + (f" to {max(a):,}" if max(a) != min(a) else "")
           + f"; {other.text} {min(b):,}" + (f" to {max(b):,}" if max(b) != min(b) else "")
           + f" ({word})")
    if all(holds):
        return Claim(number, text, "model", text, how, "right", how)
    if not any(holds):
        return Claim(number, text, "model", text, how, "wrong", how)
    return Skip(number, text, f"true of some members, not others: {how}")


def check_line(number: int, masked: str, heading: Mention | None
               ) -> tuple[list[Claim], list[Skip]]:
    if "보다" not in masked and not _THAN.search(masked):
        return [], []
    named = mentions(masked)
    out: list = []
    for k, other in enumerate(named):
        m = _EN.search(masked[max(0, other.start - 80):other.start])
        found: list[tuple[str, bool]] = []
        if m and re.search(r"[0-9]\s*(?:x|×|times)\s*$",
                           masked[max(0, other.start - 80):other.start][:m.start()]):
            continue  # "12x fewer parameters than": a ratio with its figure (ratios.py)
        if m:
            q = m.group("q").lower()
            what = "params" if re.search(_PARAM, q, re.I) else \
                "depth" if q in ("deeper", "shallower") else None
            if what:
                found.append((what, q.startswith(_MORE)))
            before = [x for x in named[:k] if x.family != other.family]
            subject = before[-1] if before else heading
        else:
            ko = _KO.match(masked, other.end)
            if not ko:
                continue
            rest = ko.group("rest")
            d = _KO_DEPTH.match(rest.lstrip())
            if d:
                found.append(("depth", d.group("q") in _MORE))
            p = _KO_PARAMS.search(rest)
            if p:
                q = p.group("q") or p.group("q2")
                found.append(("params", q in _MORE))
            others = [x for x in named if x is not other and x.family != other.family
                      and x.start < other.start]
            subject = others[-1] if others else heading
        for what, more in found:
            text = " ".join(masked[max(0, other.start - 60):other.end + 30].split())[-90:]
            if subject is None or subject.family == other.family:
                out.append(Skip(number, text, "a comparison without the model it is about"))
                continue
            out.append(_judge(number, subject, other, what, more, text))
    return [x for x in out if isinstance(x, Claim)], [x for x in out if isinstance(x, Skip)]
