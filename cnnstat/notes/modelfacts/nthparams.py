"""The n-th layer of a kind and its parameters, said in one clause of a named network's
breakdown (``breakdown`` judges the figure)::

    the first conv layer has 9,408 parameters
    첫 번째 convolution layer의 parameter 수가 2.7k

An ordinal (``first`` ... ``fifth``, ``last``, ``2nd``, ``첫 번째``, ``마지막``) before a kind
(conv, fc/dense/fully connected, pool) names the n-th row of that kind of each spec the
network means (``specrows.walk``); the figure is the one right beside a word of parameters
in the clause that follows (up to its end or the next ordinal). A clause with a
calculation in it, or one that speaks of operations, gives no figure.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.modelfacts import specrows
from cnnstat.notes.signs import Gated

_ORDINAL = Gated(("conv", "합성곱", "컨볼루션", "fc", "fully", "dense", "pool", "풀링"),
                 r"(?<![A-Za-z])(?P<ord>first|second|third|fourth|fifth|last|"
                      r"첫(?:\s*번째)?|두\s*번째|세\s*번째|네\s*번째|다섯\s*번째|마지막|"
                      r"[1-9](?:st|nd|rd|th))\s+(?P<kind>conv\w*|합성곱|컨볼루션|fc|"
                      r"fully[\s-]connected|dense|pool\w*|풀링)", re.I)
# every match of ``_ORDINAL`` holds one of these too: the line is searched only with a
# word of a kind (decided by the line's one prefilter scan) and an ordinal's
_ORDINAL_WORD = Gated(("first", "second", "third", "fourth", "fifth", "last", "첫", "번째",
                       "마지막") + tuple(f"{d}{s}" for d in "123456789"
                                       for s in ("st", "nd", "rd", "th")),
                      r"(?<![A-Za-z])(?:first|second|third|fourth|fifth|last|첫|번째|마지막|"
                      r"[1-9](?:st|nd|rd|th))", re.I, scanned=False)  # asked seldom
_ABOUT = re.compile(r"(?:약|about|around|roughly|approximately|~|≈)\s*$", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
             "첫": 1, "첫번째": 1, "두번째": 2, "세번째": 3, "네번째": 4, "다섯번째": 5, "마지막": -1}
_FIG = r"(?P<fig>(?<![0-9.,])(?:[0-9][0-9,.]*[0-9]|[0-9])\s*(?:[KkMm]|억(?:\s*\d{1,4}\s*만)?|만)?)(?![0-9x×*])"
_FIGURE_AFTER = re.compile(_FIG + r"\s*(?:개의?\s*)?(?:trainable\s+|learnable\s+)?"
                           r"(?:parameters?|params?|weights|파라미터|매개\s*변수|가중치)", re.I)
_FIGURE_BEFORE = re.compile(r"(?:parameters?|params?|파라미터|매개\s*변수|가중치)\s*"
                            r"(?:수|개수|count)?\s*(?:는|은|가|이|:|of|is|are|약|about|~|≈|\s)*"
                            + _FIG, re.I)
_CLAUSE_END = re.compile(r"[.!?;,](?:\s|$)|다\.|요\.|니다")


class Said(NamedTuple):
    """One clause's figure and the rows it counts."""
    label: str  # "first conv"
    figure: str  # "9,408"
    groups: dict  # spec -> [its n-th row of the kind]
    about: bool  # "about", "약" before the figure: written to its digits


def said(masked: str) -> bool:
    """Whether the line names the n-th layer of a kind."""
    return _ORDINAL_WORD.open(masked) and _ORDINAL.search(masked) is not None


def clauses(masked: str, specs, ops: Gated) -> list[Said]:
    """The line's n-th layers with a figure of parameters beside them, in one clause
    without a calculation (``ops``: the sign of operations, not parameters, counted)."""
    out: list[Said] = []
    found = list(_ORDINAL.finditer(masked))
    for k, m in enumerate(found):
        end = _CLAUSE_END.search(masked, m.end())
        stop = min(end.start() if end else len(masked),
                   found[k + 1].start() if k + 1 < len(found) else len(masked))
        clause = masked[m.end():stop]
        if ops.search(clause) or re.search(r"[=*×+]", clause):
            continue
        # the figure right beside the word: "1,792 parameters", "파라미터 수는 36,928개"
        fig = _FIGURE_AFTER.search(clause) or _FIGURE_BEFORE.search(clause)
        if fig is None:
            continue
        word = m.group("ord").lower().replace(" ", "")
        n = int(word[0]) if word[:1].isdigit() else _ORDINALS[word]
        kind = "linear" if re.match(r"fc|fully|dense", m.group("kind"), re.I) else \
            "pool" if re.search(r"pool|풀링", m.group("kind"), re.I) else "conv"
        groups = {}
        for spec in specs:
            rows = specrows.walk(spec) or []
            of_kind = [r for r in rows if kind in r.type and r.kind is not None]
            if of_kind and -len(of_kind) <= (n - 1 if n > 0 else n) < len(of_kind):
                groups[spec] = [of_kind[n - 1 if n > 0 else n]]
        if groups:
            out.append(Said(f"{m.group('ord')} {m.group('kind')}", fig.group("fig").strip(),
                            groups, _ABOUT.search(clause[:fig.start("fig")]) is not None))
    return out
