"""A model figure written against the model's name, with no word between them.

Notes put a network's size right beside its name, or in brackets after the sentence that
says what is counted::

    VGG의 파라미터는 1억 3800만 개로 AlexNet(6800만)의 두 배       (in brackets after a name)
    fewer weights than AlexNet with 60M                        (after "with" / "has" / ":")
    ResNet-34: 21,797,672 (21.8M)                              (a line of name and figure)
    Its modules cut the parameters of the network (5M, ...)    (in brackets after a sentence)

The figure is the model's parameter count when the line (or the sentence before the
brackets) speaks of parameters and of no cost; a bare ``Name: figure`` line is right when
it agrees with the parameters or the multiply-adds of a spec the name means, and not judged
otherwise (it may count something else). The owner of a bracket after a sentence is the
model the line is about: the one named first, at its start. Figures the prose reader
already judged are left to it.
"""

from __future__ import annotations

import re

from cnnstat.notes.modelfacts import factjudge
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factlines import WHICH
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.normalise import Token

_PARAMS = re.compile(r"param|파라미터|매개\s*변수|weights|가중치", re.I)
_COST = re.compile(r"flop|\bmacs?\b|madds?|mult-?adds?|multipl|연산|operations|\bops\b|memory|"
                   r"메모리|bytes?\b|바이트|accuracy|error|오류|정확|top-?[15]|%", re.I)
_ATTACHED = re.compile(r"^\s*(?:\(\s*(?:약|about|~|≈)?\s*|(?:with|has|having|at)\s+(?:about\s+|~)?"
                       r"|:\s*)$", re.I)
_BRACKET = re.compile(r"\(\s*(?:약|about|~|≈)?\s*$")
_SENTENCE = re.compile(r"[.!?](?:\s|$)|다\.|요\.")
_LINE_ONLY = re.compile(r"^\W*$")
_AFTER_OK = re.compile(r"\s*(?:개|parameters?|params?|[()]|,|;|$)", re.I)


def check_line(number: int, masked: str, tokens: list[Token], done: list[Claim]
               ) -> tuple[list[Claim], list[Skip]]:
    named = mentions(masked)
    if not named or len({m.key for m in named}) > 1 and WHICH.search(masked):
        return [], []  # "Which of AlexNet and ResNet-50 has 138M?": asked of each
    # a size in bytes ("528 MiB (553 MB)") counts no parameters, whatever the line says (a
    # bare "B" is billions: "0.39B")
    figs = [t for t in tokens if t.kind == "NUM" and (t.num.unit > 1 or t.num.value >= 10**5)
            and (t.num.style != "bytes" or t.num.unit_text.strip() == "B")]
    if not figs:
        return [], []
    judged = {c.text.split(": ", 1)[0] for c in done if c.line == number and c.kind == "model"}
    claims: list[Claim] = []
    skips: list[Skip] = []
    owners: set[str] = set()
    for tok in figs:
        owner, how, clause = _owner(masked, named, tok)
        if owner is None or owner.text in judged or owner.key in owners:
            continue
        if not _AFTER_OK.match(masked, tok.end):
            continue  # "6800만 번", "60M images": not a count of the model's parameters
        owners.add(owner.key)
        res = resolve(owner)
        if not res.specs:
            continue
        text = masked[tok.start:tok.end].strip()
        label = f"{owner.text}: {text}"
        says_params = bool(_PARAMS.search(clause)) and not _COST.search(clause)
        if says_params:
            out = factjudge.judge("params", tok.num, owner, res, number, label, tok.start, tok.end,
                              masked)
            out = _compared(out, named, owner, tok, number, masked) or out
        elif how == "line" or how == "name" and "(" in masked[owner.end:tok.start] and \
                _names_only(masked, named):
            # "ResNet-34: 21,797,672", "- VGG16(138M) & VGG19 (144M)": right if it is a
            # figure of the model (a sentence about them says what it counts, or not)
            out = None
            for kind in ("params", "macs"):
                got = factjudge.judge(kind, tok.num, owner, res, number, label, tok.start,
                                  tok.end, masked)
                if isinstance(got, Claim) and got.verdict == "right":
                    out = got
                    break
            if out is None:
                skips.append(Skip(number, label, "a figure beside a name, not said to be "
                                                 "its parameters or its cost"))
                continue
        else:
            continue
        (claims if isinstance(out, Claim) else skips).append(out)
    return claims, skips


# "fewer parameters than AlexNet (5M)": the bracket after the compared network may be its
# figure or the sentence's subject's
_THAN = re.compile(r"(?:\bthan|\bcompared\s+(?:to|with)|\bvs\.?|\bversus|보다|대비|에\s*비해)\s*$",
                   re.I)


def _compared(out: Claim | Skip | None, named: list[Mention], owner: Mention, tok: Token,
              number: int, masked: str) -> Skip | None:
    """A wrong figure in brackets after a compared network ("GoogLeNet ... 12x fewer
    parameters than AlexNet (5M)") that is right for the line's first network, the
    comparison's subject: unsure whose it is."""
    if not (isinstance(out, Claim) and out.verdict == "wrong") or \
            not _THAN.search(masked, 0, owner.start):
        return None
    for other in named:
        if other.end > owner.start or other.key == owner.key:
            continue
        res = resolve(other)
        got = res.specs and factjudge.judge("params", tok.num, other, res, number,
                                            f"{other.text}: {out.claimed}", tok.start,
                                            tok.end, masked)
        if isinstance(got, Claim) and got.verdict == "right":
            return Skip(number, out.text, f"unsure: {out.claimed} in brackets after the "
                        f"compared {owner.text} may be {other.text}'s, and is right for it")
    return None


def _names_only(masked: str, named: list[Mention]) -> bool:
    """A line of names and their bracketed figures, joined by marks or "and" alone."""
    rest = "".join(" " if any(m.start <= i < m.end for m in named) else ch
                   for i, ch in enumerate(masked))
    words = re.findall(r"[A-Za-z가-힣]+", re.sub(r"\([^()]*\)", " ", rest))
    return all(w.lower() in ("and", "vs", "or", "와", "과", "및") for w in words)


def _owner(masked: str, named: list[Mention], tok: Token
           ) -> tuple[Mention | None, str, str]:
    """Whose figure ``tok`` is, how it is written ("line", "name", "bracket"), and the
    text that says what it counts."""
    before = [m for m in named if m.end <= tok.start]
    if not before:
        return None, "", ""
    last = before[-1]
    between = masked[last.end:tok.start]
    if _ATTACHED.match(between):
        whole_line = _LINE_ONLY.match(masked[:last.start]) and between.strip() == ":"
        return last, "line" if whole_line else "name", masked
    # "(5M, compared to ...)" after a sentence on the parameters: the line's subject
    if _BRACKET.search(between) and _LINE_ONLY.match(masked[:named[0].start]) and \
            len({m.key for m in before}) == 1:
        sentence = _SENTENCE.split(masked[:tok.start])[-1]
        return named[0], "bracket", sentence
    return None, "", ""
