"""A list of networks each written with its figure: one quantity, several networks.

Survey posts and cheat sheets list several networks' figures of one kind in a line::

    Params at a glance: AlexNet 60M, VGG16 138M, ResNet-50 25.6M, GoogLeNet 6.8M
    Depths: AlexNet 8, VGG16 16, GoogLeNet 22, ResNet-50 50
    GFLOPs: AlexNet 0.7, VGG16 15.5, ResNet-50 4.1
    ResNet-18 (11.7M) and ResNet-34 (21.8M) use basic blocks; ResNet-50 (25.6M) ...

An item is a network's name with its figure right after it (a colon, an equals sign or a
bracket between at most). The quantity is the one the line says, once: a kind word in the
label before the first item (``Params at a glance:``, ``Depths:``) with its scale
(``GFLOPs:``, ``(millions)``), or one kind of word written anywhere in the line (``AlexNet
has 60M parameters, VGG16 138M and ResNet-50 25.6M``). Where the line says none, the items
are a list of one quantity if each figure has the same scale (60M, 138M, 25.6M) and most
of them agree with the networks' parameters: the list is then of parameters, and a figure
that agrees with none is wrong. A line of two kinds (``25.6M params and 4.1 GFLOPs``) or
no two items is left to the other readers, and so is a network they judged on the line.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts import factjudge
from cnnstat.notes.modelfacts.factlines import WHICH
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.normalise import Token

# the words of each quantity (a scale in a FLOPs word: GFLOPs, MFLOPs)
_KINDS = {
    "params": re.compile(r"\b(?:param(?:eter)?s?|weights|model\s+sizes?)\b|파라미터|매개\s*변수",
                         re.I),
    "flops": re.compile(r"\b[KMGT]?FLOPS?\b", re.I),
    "macs": re.compile(r"\b[KMGT]?(?:MACs?|MAdds|mult-?adds|multiply-?adds)\b", re.I),
    "depth": re.compile(r"\b(?:depths?|layers|layer\s+counts?)\b|깊이|층\s*수", re.I),
}
# what else a line of figures may count: then it says no one quantity
_OTHER = re.compile(r"accura|error|top-?[15]|\bacc\b|%|latency|\bms\b|fps|\bMB\b|bytes|memory|"
                    r"\byears?\b|released|images|classes|정확|오차|메모리", re.I)
_SCALE_WORD = {"k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "millions": 10**6,
               "g": 10**9, "b": 10**9, "billion": 10**9, "billions": 10**9}
# the label's scale: "GFLOPs:", "(millions)", "(M)", "Params (M):"
_LABEL_SCALE = re.compile(r"\b([KMGT])(?:FLOPS?|MACs?)\b|\(\s*(?:in\s+)?(k|m|g|b|thousands?|"
                          r"millions?|billions?)\s*\)", re.I)
_BETWEEN = re.compile(r"\s*(?:[:=]\s*|\(\s*|(?:has|have|with|is|at|needs|costs)\s+)?(?:~|≈|about\s+|around\s+|approx\.?\s+|약\s*)?", re.I)
# after the figure: its bracket, a kind word of its own, then the item's end
_ITEM_END = re.compile(r"\s*(?:\)|(?P<word>[A-Za-z가-힣-]+))?\s*(?:$|[,;/&]|\.(?:\s|$)|\band\b|"
                       r"\bvs\.?\b|\bversus\b|과|와)", re.I)
_BRACKETED_END = re.compile(r"\s*(?P<word>[A-Za-z-]+)?\s*\)")  # "(11.7M params)"


class Item:
    __slots__ = ("mention", "tok", "word")

    def __init__(self, mention: Mention, tok: Token, word: str):
        self.mention, self.tok, self.word = mention, tok, word


def _items(masked: str, named: list[Mention], tokens: list[Token]) -> list[Item]:
    """The name-and-figure items of a line, in order."""
    out = []
    nums = [t for t in tokens if t.kind == "NUM"]
    for m in named:
        tok = next((t for t in nums if t.start >= m.end), None)
        if tok is None or not _BETWEEN.fullmatch(masked, m.end, tok.start):
            continue
        opened = "(" in masked[m.end:tok.start]
        end = (_BRACKETED_END if opened else _ITEM_END).match(masked, tok.end)
        if end is None:
            continue
        out.append(Item(m, tok, end.group("word") or ""))
    return out if len(out) > 1 else _figure_first(masked, named, nums)


# an item written figure first ("Params: 25.6M ResNet-50, 44.5M ResNet-101"): the figure
# opens the item (after the label's colon, a separator or "and") and the name closes it
_OPENS = re.compile(r"(?:^|[:=,;/&]|\band|\bvs\.?)\s*(?:~|≈|about\s+|around\s+)?$", re.I)
_CLOSES = re.compile(r"\s*(?:$|[,;/&]|\.(?:\s|$)|\band\b|\bvs\.?\b)", re.I)


def _figure_first(masked: str, named: list[Mention], nums: list[Token]) -> list[Item]:
    out = []
    for m in named:
        tok = next((t for t in reversed(nums) if t.end <= m.start), None)
        if tok is None or masked[tok.end:m.start].strip() or \
                not _OPENS.search(masked, 0, tok.start) or not _CLOSES.match(masked, m.end):
            return []  # every name closes an item of the form, or the line is none
        out.append(Item(m, tok, ""))
    return out


# a count of one kind of layer: "conv layers: VGG16 13, VGG19 16" counts no depth
_LAYER_KINDS = {
    "conv": re.compile(r"\bconv(?:olution(?:al)?)?s?\s*(?:layers?)?\b|합성곱\s*층?", re.I),
    "fc": re.compile(r"\b(?:fc|fully[\s-]?connected|dense|linear)\s*(?:layers?)?\b|완전\s*연결\s*층?",
                     re.I),
}


def _kind_of(text: str) -> set[str]:
    out = set()
    for k, rx in _LAYER_KINDS.items():
        if rx.search(text):
            out.add(k)
            text = rx.sub(" ", text)
    return out | {k for k, rx in _KINDS.items() if rx.search(text)}


def _scaled(num, scale: int):
    """A bare figure under a label with a scale (``GFLOPs: ... 15.5``)."""
    if scale == 1 or num.unit != 1:
        return num
    return num._replace(value=num.value * scale, precision=num.precision * scale, unit=scale)


def check_line(number: int, masked: str, tokens: list[Token], done: list[Claim]
               ) -> tuple[list[Claim], list[Skip]]:
    named = mentions(masked)
    if len({m.key for m in named}) < 2:
        return [], []
    items = _items(masked, named, tokens)
    if len({it.mention.key for it in items}) < 2 or len(items) != len({i.mention.key
                                                                          for i in items}):
        return [], []
    if _OTHER.search(masked) or WHICH.search(masked):
        return [], []
    first = items[0].mention.start
    label = masked[:first]
    kinds = _kind_of(masked)
    if len(kinds) > 1:
        return [], []
    scale = 1
    s = _LABEL_SCALE.search(label)
    if s:
        scale = _SCALE_WORD[(s.group(1) or s.group(2)).lower()]
    judged = {c.text.split(": ", 1)[0] for c in done if c.line == number and c.kind == "model"}
    # the items' own figures blanked: "ResNet-101 4.1" under "GFLOPs:" is no width 4.1
    for it in items:
        masked = masked[:it.tok.start] + "#" * (it.tok.end - it.tok.start) + masked[it.tok.end:]
    if kinds:
        kind = next(iter(kinds))
        return _judge_all(number, masked, items, kind, scale, judged)
    return _by_siblings(number, masked, items, judged)


def in_comment(number: int, raw: str) -> tuple[list[Claim], list[Skip]]:
    """A list in a code comment (``# parameters: 2.5M Res50, 6M Res152``), read as in
    prose; the code before the comment blanked, so columns stay those of the line."""
    from cnnstat.notes.paramcounts.layercomment import _split
    from cnnstat.notes.reading.normalise import scan
    from cnnstat.notes.reading.numerals import Refused
    from cnnstat.notes.text import mask

    _, comment, at = _split(raw)
    if not comment:
        return [], []
    masked = " " * (at + 1) + mask(comment[1:])
    try:
        tokens = scan(masked)
    except Refused:  # a number too long to read: no list of figures
        return [], []
    return check_line(number, masked, tokens, [])


def _fits(kind: str, num) -> bool:
    if kind in ("depth", "conv", "fc"):
        return num.unit == 1 and num.value.denominator == 1 and 1 <= num.value < 2000
    return num.unit > 1 or num.value >= 10**5  # "60M", "61,100,840"


def _judge_all(number: int, masked: str, items: list[Item], kind: str, scale: int,
               judged: set[str]) -> tuple[list[Claim], list[Skip]]:
    claims: list[Claim] = []
    skips: list[Skip] = []
    for it in items:
        if it.mention.text in judged:
            continue
        num = _scaled(it.tok.num, scale) if kind not in ("depth", "conv", "fc") else it.tok.num
        if not _fits(kind, num):
            continue
        res = resolve(it.mention)
        if not res.specs:
            continue
        label = f"{it.mention.text}: {it.tok.text.strip()}"
        out = factjudge.judge(kind, num, it.mention, res, number, label, it.tok.start,
                              it.tok.end, masked)
        (claims if isinstance(out, Claim) else skips).append(out)
    return claims, skips


def _by_siblings(number: int, masked: str, items: list[Item], judged: set[str]
                 ) -> tuple[list[Claim], list[Skip]]:
    """No kind said: a list of parameter counts if its figures share one scale and most
    of them are the networks' parameters."""
    units = {it.tok.num.unit_text.strip().upper() for it in items}
    if len(units) != 1 or any(it.tok.num.unit <= 1 or it.word for it in items):
        return [], []
    outs = []
    for it in items:
        res = resolve(it.mention)
        if not res.specs:
            return [], []
        label = f"{it.mention.text}: {it.tok.text.strip()}"
        outs.append((it, factjudge.judge("params", it.tok.num, it.mention, res, number, label,
                                         it.tok.start, it.tok.end, masked)))
    right = sum(isinstance(o, Claim) and o.verdict == "right" for _, o in outs)
    if right < 2 or 2 * right < len(outs):
        return [], []
    claims = [o for it, o in outs if isinstance(o, Claim) and it.mention.text not in judged]
    skips = [o for it, o in outs if isinstance(o, Skip)]
    return claims, skips
