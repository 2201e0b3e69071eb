"""How many named modules a network stacks: ``GoogLeNet has 9 inception modules``,
``SqueezeNet stacks eight fire modules``, ``DenseNet-121의 dense block은 4개``, ``8개의 블럭으로
구성된 인셉션 모듈`` (the modules' count said as the blocks they are made of).

A kind of module is known by the stem its spec gives each module's layers (``inception3a``,
``fire2``, ``features.denseblock1``): the count is the number of distinct modules of that
stem among the rows of the network's bundled specs through the layer algebra
(``analysis``), judged where every spec the name means agrees and holds at least one. The
network is the one the line names (one family, written as a name, not a variant's), else
the heading's. Not read: a question, a part of the network (``each``, a stage, ``4a-4e``,
``the first``/``last``, ``중``), several counts of modules on the line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.modelfacts.factjudge import variant
from cnnstat.notes.modelfacts.kernelsize import spec_rows
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.questions import asks

# a kind of module: the words a note writes for it, and the stem of its layers' names
KINDS = (
    (r"inception|인셉션", "inception"),
    (r"fire|파이어", "fire"),
    (r"dense|덴스", "denseblock"),
)
NEEDS = ("inception", "인셉션", "fire", "파이어", "dense block", "dense 블", "덴스")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_COUNT = r"(\d{1,2}|" + "|".join(_WORDS) + r")"
_UNIT = r"(?:modules?|blocks?|모듈|블록|블럭)"
_KIND = "(" + "|".join(k for k, _ in KINDS) + ")"
_FORMS = (
    # "9 inception modules", "9개의 인셉션 모듈", "nine Inception blocks"
    re.compile(r"(?<![\d.,\-–~])\b" + _COUNT + r"\s*(?:개의?\s*)?(?:[\w-]+\s+)?" + _KIND +
               r"[\s-]*" + _UNIT, re.I),
    # "인셉션 모듈은 9개", "inception modules: 9", "dense block 4개"
    re.compile(_KIND + r"[\s-]*" + _UNIT + r"\s*(?:은|는|이|가|:|=)?\s*" + _COUNT +
               r"\s*개(?!\s*의)", re.I),
    # "8개의 블럭으로 구성된 인셉션 모듈": the modules counted as the blocks they are
    re.compile(r"(?<![\d.,\-–~])" + _COUNT + r"\s*개의?\s*" + _UNIT +
               r"\s*(?:으로|로)\s*(?:구성된|이루어진|된)\s*" + _KIND + r"[\s-]*" + _UNIT, re.I),
)
# a part of the network, not the whole: its modules are some of them
_PART = re.compile(r"\beach\b|\bper\b|\bstage|\bof\s+(?:them|which|these)|\bfirst\b|\blast\b|"
                   r"\b[3-5][a-e]\b|\b(?:in|inside|within)\s+(?:one|a|each)\b|단계|스테이지|각\s|"
                   r"마다|\s중\b|중에|처음|마지막|앞쪽|뒤쪽|이후의|\bafter\b|\bbefore\b", re.I)


@lru_cache(maxsize=128)
def modules(spec: str, stem: str) -> int | None:
    """The number of distinct modules whose layers' names carry ``stem`` (``inception3a``)
    in a bundled spec; None where it does not load."""
    rows = spec_rows(spec)
    if rows is None:
        return None
    stem_rx = re.compile(re.escape(stem) + r"_?[0-9][0-9a-z]*$", re.I)
    found = set()
    for row in rows:
        parts = row.name.split(".")
        for i, part in enumerate(parts):
            if stem_rx.match(part):
                found.add(".".join(parts[:i + 1]))
                break
    return len(found)


def _network(masked: str, at: int, heading: Mention | None) -> Mention | None:
    """The network the count at ``at`` is of: the one the line names before it (one
    family), else one named after it in its sentence, else the heading's."""
    named = [m for m in mentions(masked) if m.start < at]
    if not named:
        end = _SENTENCE_END.search(masked, at)
        named = [m for m in mentions(masked[:end.start() if end else len(masked)]) if m.start >= at]
    if len({m.key for m in named}) > 1:
        return None
    if named:
        return None if variant(named[0], masked) else named[0]
    return heading


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|다\.|요\.")


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim]:
    found = [m for rx in _FORMS for m in rx.finditer(masked)]
    if len(found) != 1 or asks(masked) or _PART.search(masked):
        return []
    m = found[0]
    said = next(g for g in m.groups() if g and (g.isdigit() or g.lower() in _WORDS))
    kind = next(g for g in m.groups() if g and not (g.isdigit() or g.lower() in _WORDS))
    stem = next(s for k, s in KINDS if re.fullmatch(k, kind, re.I))
    mention = _network(masked, m.start(), heading)
    specs = resolve(mention).specs if mention is not None else []
    counts = {modules(s, stem) for s in specs}
    if not specs or len(counts) != 1 or None in counts or 0 in counts:
        return []
    want = counts.pop()
    n = int(said) if said.isdigit() else _WORDS[said.lower()]
    at = m.start(m.groups().index(said) + 1)
    text = f"{mention.text}: {said} {kind} modules"
    return [Claim(number, text, "model", said, want, "right" if n == want else "wrong",
                  f"{specs[0]} stacks {want} {stem} modules (its bundled spec's layers)",
                  () if n == want or not said.isdigit() else
                  (Edit(number, at, at + len(said), str(want)),), str(want), confidence=0.9)]


__all__ = ["check_line", "modules", "NEEDS"]
