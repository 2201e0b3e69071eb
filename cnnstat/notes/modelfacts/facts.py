"""Model facts in prose and in markdown tables, checked against the bundled specs.

Kinds: ``params`` (``60M parameters``, ``파라미터 6천만 개``), ``depth`` (``22 layers``,
``8개의 층``, ``depth 50``), ``conv`` and ``fc`` layer counts (``5 conv``, ``3개 FC``),
``macs`` and ``flops`` (``15.5 GFLOPs``; FLOPs = 2 x MACs, and a figure that matches the
MACs is accepted as the papers' and torchvision's "FLOPs" with a note saying so).

A figure is attributed to a model only when that is clear: the one model named in the
line, or, for a line that names none, the model of its section heading. It is skipped,
never guessed, when a line names two models, contradicts its heading, gives two figures
of one kind (``56-layer`` vs ``20-layer``), a range (``16-19 layer``), a bound (``50이상``)
or a part of a network (a module, a block).
"""

from __future__ import annotations

import bisect
import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.modelfacts.factjudge import COUNTS
from cnnstat.notes.modelfacts.models import Mention
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numerals import Number
from cnnstat.notes.reading.powers import power_at
from cnnstat.notes.reading.places import not_a_count
from cnnstat.notes.signs import Gated

# a word for the layers that hold weights, the ones a depth counts ("16 trainable layers")
_WEIGHTED = r"(?:weight|learned|weighted|deep|trainable|learnable|가중치|학습\s*가능한)"
_LAYER = r"(?:" + _WEIGHTED + r"\s+)?(?:layers?|계?층|레이어)(?![A-Za-z])"
# the layers as the topic, then a word or two (none of them "per": 채널당, 블록마다)
_TOPIC = r"(?:(?:은|는|이|가)\s*(?:(?![가-힣]*(?:당|마다)\s)[가-힣]+\s+){0,2})?"
# "3 big fully connected layers", "two wide FC layers": a word for their size between
_SIZE = r"(?:(?:big|large|huge|massive|small|wide|dense|hidden)\s+)?"
# "알렉스넷 신경망의 층은 8개", "VGG16의 층 수는 16개", "AlexNet은 층이 8개": the network's
# layers as the topic (after its 의, 은 or 는: "풀링 층은 5개" counts a kind of layer), a
# count with 개 after (``KO_TOPIC_COUNT``); "the number of layers (in X) is 8" in English
_LAYERS_TOPIC = (r"(?:의|은|는)\s*(?:전체\s*)?(?:" + _WEIGHTED + r"\s*)?(?:계?층|레이어)\s*"
                 r"(?:의\s*)?(?:수|개수|갯수)?\s*(?:은|는|이|가)\s*(?:총|모두|전부)?\s*$|"
                 r"\bnumber\s+of\s+(?:weight(?:ed)?\s+)?layers\s*(?:is|=|:)\s*$")
KO_TOPIC_COUNT = re.compile(r"(?:의|은|는)\s*(?:전체\s*)?(?:" + _WEIGHTED + r"\s*)?(?:계?층|레이어)"
                            r"[^0-9]*$")
AFTER = {
    "conv": re.compile(r"^\s*(?:개의?\s*)?" + _SIZE + r"(?:conv(?:olution(?:al)?)?s?|합성곱|컨볼루션|"
                       r"cnn(?=\s*(?:layers?|계?층|레이어)(?![A-Za-z])))"
                       r"(?:\s*(?:layers?|계?층|레이어)(?![A-Za-z])|(?=\s*(?:[,)/+.;]|and\b|과|와|$)))",
                       re.I),
    "fc": re.compile(r"^\s*(?:개의?\s*)?" + _SIZE + r"(?:fc|fully[\s-]?connected|완전\s*연결)"
                     r"(?:\s*(?:layers?|계?층|레이어)(?![A-Za-z])|(?=\s*(?:[,)/+.;]|and\b|과|와|$)))",
                     re.I),
    "depth": re.compile(r"^\s*-?\s*" + _LAYER + r"|^\s*개의?\s*(?:" + _WEIGHTED +
                        r"\s*)?(?:계?층|레이어|layers?)(?![A-Za-z])", re.I),
    "params": re.compile(r"^\s*(?:개의?\s*)?(?:trainable\s+|learnable\s+|학습\s*)?"
                         r"(?:parameters?|params?|paras|weights|파라미터|매개\s*변수|가중치)(?![A-Za-z])",
                         re.I),
    "macs": re.compile(r"^\s*([KMGT])?\s*(?:MACs?|MAdds|mult-adds|multiply-adds|"
                       r"multiply-accumulates)(?![A-Za-z])"),
    "flops": re.compile(r"^\s*([KMGT])?\s*(?:FLOPs|FLOPS|flops|Flops|FLOP)(?![A-Za-z])"),
}
BEFORE = {
    # "conv 3개", "합성곱층 13개와 FC층 3개": the kind first, then the count with 개
    # "완전연결층은 분류기에 1개": the kind as the topic, a word or two, then the count
    "conv": re.compile(r"(?:(?:conv(?:olution(?:al)?)?s?|합성곱|컨볼루션)\s*(?:(?:layers?|계?층|레이어)\s*"
                       + _TOPIC + r")?|\bcnn\s*(?:layers?|계?층|레이어)\s*" + _TOPIC + r")$", re.I),
    "fc": re.compile(r"(?:fc|fully[\s-]?connected|완전\s*연결|전결합)\s*(?:(?:layers?|계?층|레이어)\s*"
                     + _TOPIC + r")?$", re.I),
    "depth": re.compile(r"(?:depth|깊이)\s*(?:of|is|:|=|는|가|은|이)?\s*$|" + _LAYERS_TOPIC, re.I),
    "params": re.compile(r"(?:parameters?|params?|paras|파라미터|매개\s*변수|가중치)\s*(?:의\s*)?"
                         r"(?:수|개수|갯수|count|number)?\s*(?:는|은|가|이|:|=|of|is|are|has|"
                         r"약|about|around|approx(?:imately|\.)?|≈|~|\(|\s)*$", re.I),
    # "the FLOPs(G) in that case would be 1.84": the unit in brackets after the quantity
    "macs": re.compile(r"\b(?:MACs?|MAdds)\s*\(\s*(?P<p>[KMGT])\s*\)(?:\s+[A-Za-z]+){0,4}?"
                       r"\s*(?:is|are|be|=|:|of|은|는|이|가)\s*$"),
    "flops": re.compile(r"\b(?:FLOPs|FLOPS)\s*\(\s*(?P<p>[KMGT])\s*\)(?:\s+[A-Za-z]+){0,4}?"
                        r"\s*(?:is|are|be|=|:|of|은|는|이|가)\s*$"),
}
# "the number of parameters for ResNet50 is 0.85M", "the FLOPs of VGG16 are 15.5G": the
# quantity, then the network it is of (one name, and nothing else: see _of_name), then
# the figure
_NAME_SLOT = (r"\s+(?:of|for|in)\s+(?:the\s+)?(?:torchvision(?:'s)?\s+|original\s+|standard\s+)?"
              r"(?P<name>[A-Za-z][\w.-]*(?:\s+[A-Za-z0-9][\w.-]*){0,2}?(?:\s*\([\w-]+\))?)"
              r"\s*(?:is|are|was|were|=|:|comes?\s+to|totals?|of|about|around|approx\w*\.?|"
              r"roughly|only|just|≈|~|\s)*$")
_UNIT_P = r"(?:\s*\(\s*(?P<p>[KMGT])\s*\))?"
OF_NAME = {
    "params": re.compile(r"(?:parameters?|params|paras|parameter\s+count|weights)" + _NAME_SLOT,
                        re.I),  # "paras": a shortening some write (Chinese papers' "Paras (M)")
    "macs": re.compile(r"\b(?:MACs?|MAdds|mult-adds|multiply-adds)" + _UNIT_P + _NAME_SLOT,
                       re.I),
    "flops": re.compile(r"\b(?:FLOPs|FLOPS|flops|FLOP\s+count)" + _UNIT_P + _NAME_SLOT),
}
# "VGG16의 FLOPs는 15.5G", "FLOPs: 4.1G" on a line naming one network: the quantity said
# right before a figure with its scale
_SAID = {"macs": re.compile(r"\b(?:MACs?|MAdds)(?P<p>)\s*(?:은|는|이|가|:|=|is|are)\s*"
                            r"(?:약|about|around|~|≈)?\s*$"),
         "flops": re.compile(r"(?:\b(?:FLOPs|FLOPS|flops|Flops)|연산량)(?P<p>)\s*(?:은|는|이|가|"
                             r":|=|is|are)\s*(?:약|about|around|~|≈)?\s*$")}
_PREFIX = {"K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}
_BOUND_AFTER = re.compile(r"^\s*(?:이상|이하|미만|초과|보다|까지만|or more|or less|or fewer|\+|plus|"
                          r"(?:개\s*)?더\s|more\b|fewer\b|extra\b)", re.I)  # "4개 더": a difference
_BOUND_BEFORE = re.compile(r"(?:more than|less than|fewer than|over|under|up to|at least|"
                           r"at most|(?<![-=])>|<|≥|≤)\s*$", re.I)
_VERSUS = re.compile(r"\bvs\.?(?![A-Za-z])|versus|대비|에 비해", re.I)
# a kind's word after a figure that labels the next one (a model card's "GMACs: 4.1")
# (in a row of labels and values: the figure itself comes after a label's ":" or "=")
_HEADS_NEXT = re.compile(r"\s*(?:\([^)]{0,6}\))?\s*[:=]\s*[-~≈]?\s*[0-9]")
_LABELLED = re.compile(r"[:=]\s*[-~≈]?\s*$")
_RANGE_BEFORE = re.compile(r"\d\s*(?:[-~–]|->|→|=>|to|부터)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:[-~–]|->|→|=>)\s*\d")
# the last of a list of bare numbers that share its word ("20, 32, 44 and 1202 layers",
# "50 or 101 layers"): one figure each of several networks
LIST_BEFORE = re.compile(r"(?<![\w.])\d{1,4}\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|"
                         r"(?:개의?|층)?\s*(?:와|과|및|이나|또는)\s*)$", re.I)  # 100개와 1000개의
_TOTAL = re.compile(r"total|overall|in all|총|전체|모델|model|network|네트워크", re.I)
# (or layers added to a network: "a head with 1,051,653 params on top of the frozen ResNet-50")
# ("per image", "per forward pass": the whole network's cost, once for each input)
_PART = re.compile(r"module|block|branch|stage|모듈|블록|브랜치|\beach\b|\bper\b(?!\s+(?:an?\s+|one\s+|"
                   r"single\s+|\d+\s*[x×]\s*\d+\s+)?(?:images?|forward|inference|pass|sample|"
                   r"input|frame|prediction|picture|example|crop|view))|각\s|당\b|"
                   r"\bon\s+top\s+of\b|\b(?:new|extra|additional|added)\s+(?:\w+\s+)?"
                   r"(?:head|layers?|classifier)\b|\badd(?:ed|ing)?\s+(?:a|an|the|my|two|\d+)\s+",
                   re.I)
# "~10% of the total", "총의 ~90%": a share of the network's figure is a part's figure;
# an accuracy ("an accuracy of 70.6%", "76.1% top-1", "top-5 error 7.3%") is no share
_SHARE = re.compile(r"(?<!\d)(?<!\d\.)\d+(?:\.\d+)?\s*%(?!\s*(?:top-?[15]|accuracy|acc\b|정확도|error))",
                    re.I)
_ACCURACY_BEFORE = re.compile(r"(?:accuracy|acc\.?|top-?[15]|error|정확도|오차)\s*(?:\w+\s+){0,2}?"
                              r"(?:of|is|=|:|은|는|이|가|was|reaches)?\s*(?:about|~|≈|약)?\s*$", re.I)


def is_share(masked: str) -> bool:
    """Whether the line writes a percent that is not an accuracy or an error rate."""
    return any(not _ACCURACY_BEFORE.search(masked[max(0, m.start() - 40):m.start()])
               for m in _SHARE.finditer(masked))
# "- Conv layers (13 in all): ~14.7M params": a kind of layer is the line's subject
# (one layer of the kind too: "The first FC layer of VGG16 holds 103M", "첫 FC layer의 ...")
_KIND_SUBJECT = re.compile(r"^\s*(?:[-*+>|]\s*|\d+[.)]\s*)*(?:\*\*)?(?:the\s+)?"
                           r"(?:(?:first|second|third|last|final|첫|두|세|마지막)\s*(?:번째\s*)?)?"
                           r"(?:conv\w*|fc|fully[\s-]?connected|dense|linear|합성곱|완전\s*연결|"
                           r"전결합)\s*(?:layers?|계?층|레이어)(?![A-Za-z])", re.I)
_COMPARED_AFTER = re.compile(r"\s*(?:과|와|이랑|랑|에)?\s*(?:유사|비슷|같이|처럼|보다|대비|비해|비교)")
# (a few words may stand between: "unlike the later 16 and 19 layer VGG nets")
_COMPARED_BEFORE = re.compile(r"\b(?:similar\s+to|like|than|compared\s+(?:to|with)|unlike|"
                              r"(?:the\s+)?same\s+as|comparable\s+to|on\s+par\s+with|close\s+to|"
                              r"versus|vs\.?|"
                              # "VGG19 is an extension of VGG16, with 19 weight layers": the
                              # network another is built from, its figures the other's
                              r"(?:extension|successor|descendant|modification|refinement)\s+"
                              r"(?:of|to)|based\s+on|builds?\s+(?:up)?on|derived\s+from|"
                              r"inspired\s+by)\s*(?:[\w-]+\s+){0,6}$|"
                              r"(?<=\d)[x×]\s*(?:the\s+)?$", re.I)  # "roughly 2.3x AlexNet (61M)"
# a model figure needs one of these words after or before it (see AFTER and BEFORE)
_FACT_HINT = Gated(("layer", "층", "레이어", "conv", "합성곱", "컨볼루션", "fc", "fully", "완전",
                    "전결합", "param", "paras", "weight", "파라미터", "매개", "가중치", "mac", "madd",
                    "mult", "flop", "depth", "깊이", "연산량"), r"layer|층|레이어|conv|합성곱|컨볼루션|fc|fully|완전|전결합|param|paras|weight|"
                        r"파라미터|매개|가중치|mac|madd|mult|flop|depth|깊이|연산량", re.I)
# what else has a depth: "filter의 depth", "the input volume's depth"
_OWN_DEPTH = re.compile(r"(?:filter|kernel|필터|커널|channel|채널|map|volume|input|output|입력|"
                        r"출력|image|이미지|activation)s?\s*(?:의|'s)?\s*$", re.I)
_COUNT_WORD = re.compile(r"\s*개")
# "1000개의 category", "10개의 클래스": a count of something that is no layer (after a
# topic; "FC 레이어 3개의 파라미터" is the three layers' parameters)
_TOPIC_END = re.compile(r"(?:는|은)\s*$")
_COUNT_OF_OTHER = re.compile(r"\s*개의\s*(?!(?:layers?|계?층|레이어|conv|합성곱|fc|완전|fully)"
                             r")[A-Za-z가-힣]", re.I)
# "16 CONV/FC layers", "16번의 Conv와 Full connect층": the weight layers of both kinds
_COMBINED = re.compile(r"\s*(?:개의?\s*)?(?:conv\w*|fc|합성곱)\s*(?:[/+&]|와|과|및|and)\s*"
                       r"(?:fc|conv\w*|full(?:y)?[\s-]?connect(?:ed)?|합성곱|완전\s*연결)\s*"
                       r"(?:layers?|계?층|레이어)(?![A-Za-z])", re.I)


def _any(patterns: list[re.Pattern]) -> re.Pattern:
    """One pattern that matches where any of ``patterns`` does (each keeps its own case
    rule; named groups unnamed): a number none of them reads is passed over at once."""
    parts = [("(?i:" if p.flags & re.I else "(?:") + re.sub(r"\(\?P<\w+>", "(?:", p.pattern) +
             ")" for p in patterns]
    return re.compile("|".join(parts))


# a number is a figure of some kind only where one of these matches around it
_ANY_AFTER = _any(list(AFTER.values()) + [_COMBINED])  # matched at the number's end
_ANY_BEFORE = _any(list(BEFORE.values()))  # searched in the 40 characters before it
# searched in the 80 characters before it: every pattern ``_of_name`` tries there
_ANY_OF_NAME = _any(list(OF_NAME.values()) + list(_SAID.values()))


def _compared(masked: str, mention: Mention) -> bool:
    return bool(_COMPARED_AFTER.match(masked, mention.end) or
                _COMPARED_BEFORE.search(masked[max(0, mention.start - 60):mention.start]))


class Figure(NamedTuple):
    kind: str
    num: Number
    start: int  # of the number (for --fix)
    end: int
    text: str  # the figure with its unit, as written


def billions(num: Number) -> Number:
    """``0.39B`` of FLOPs or parameters is 0.39 billion, not 0.39 bytes."""
    if num.style != "bytes" or num.unit_text.strip() != "B":
        return num
    return num._replace(value=num.value * 10**9, precision=num.precision * 10**9,
                        unit=10**9, style="suffix")


def scaled(num: Number, prefix: str | None) -> Number:
    if not prefix or num.unit != 1:
        return num
    unit = _PREFIX[prefix]
    # the prefix stays written where it was (15.5GFLOPs): a fix rewrites the digits only
    return num._replace(value=num.value * unit, precision=num.precision * unit, unit=unit,
                        unit_text="", style="suffix")


def figures_in(masked: str, tokens: list[Token], taken: list[tuple[int, int]]
               ) -> tuple[list[Figure], list[tuple[Figure, str]]]:
    """Candidate figures of a line, and the ones set aside with the reason."""
    found: list[Figure] = []
    aside: list[tuple[Figure, str]] = []
    merged: list[list[int]] = []  # the spans taken, merged into disjoint intervals
    for a, b in sorted(taken):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    for idx, tok in enumerate(tokens):
        worded = tok.kind in ("WORD", "HANGUL") and word_count(tok, tokens, idx)
        last = idx
        if worded:
            tok = worded  # "three convolutional layers", "다섯 개의 합성곱 층": a count only
        elif tok.kind != "NUM":
            continue
        elif (power := power_at(tokens, idx, masked)) is not None:
            tok, last = power  # "3.8 x 10^9 FLOPs": one figure
        k = bisect.bisect_right(starts, tok.start) - 1
        if k >= 0 and tok.start < merged[k][1]:
            continue
        prev = tokens[idx - 1] if idx else None
        nxt = tokens[last + 1] if last + 1 < len(tokens) else None
        if prev is not None and not tok.gap and prev.kind == "WORD":
            continue  # C5, conv1, F6
        if (prev is not None and prev.kind == "OP") or (nxt is not None and nxt.kind == "OP"
                                                        and not nxt.gap):
            continue  # part of a calculation or a size (3x3)
        after = masked[tok.end:tok.end + 200]
        before = masked[max(0, tok.start - 200):tok.start]
        if _ANY_AFTER.match(after) is None and _ANY_BEFORE.search(before[-40:]) is None \
                and _ANY_OF_NAME.search(before[-80:]) is None:
            continue  # no kind's words after it, nor before it: no figure (a pattern
            # added below around a number joins _ANY_*: test_check_speed_gates.py checks)
        for kind in COUNTS if worded else ("conv", "fc", "depth", "params", "macs", "flops"):
            m = AFTER[kind].match(after)
            if m and _HEADS_NEXT.match(after, m.end()) and _LABELLED.search(before):
                m = None  # "Params (M): 3.5  GMACs: 0.3": the word labels the next figure
            if kind in ("conv", "fc") and m and _COMBINED.match(after):
                continue  # "16 CONV/FC layers": the weight layers of both kinds, a depth
            if kind == "depth" and not m:
                m = _COMBINED.match(after)
            b = BEFORE.get(kind)
            mb = b.search(before[-40:]) if b and not m else None
            if mb and kind in ("conv", "fc") and (not _COUNT_WORD.match(after) or (
                    _COUNT_OF_OTHER.match(after) and _TOPIC_END.search(before))):
                mb = None  # "conv 3개" counts; "conv 3x3" or "FC 6" names a layer, and
                # "FC layer는 1000개의 category로" counts the classes
            if mb and kind == "depth" and KO_TOPIC_COUNT.search(before[-40:]) and \
                    not _COUNT_WORD.match(after):
                mb = None  # "층은 8": the layers as the topic count with 개 ("층은 8개")
            if mb and kind == "depth" and _OWN_DEPTH.search(before[-40:][:mb.start()]):
                mb = None  # "filter의 depth는 3": a filter's or a map's depth, not the net's
            if mb and kind in ("macs", "flops") and nxt is not None and nxt.kind == "OP":
                mb = None  # "MACs(G) = 0.5 * FLOPs(G)": a factor of a relation
            if not (m or mb) and kind in OF_NAME:
                mb = _of_name(kind, before[-80:], tok.num)
            if not (m or mb):
                continue
            num = billions(tok.num) if kind in ("params", "macs", "flops") else tok.num
            end = tok.end + (m.end() if m else 0)
            if kind in ("macs", "flops") and m:
                num = scaled(num, m.group(1))
            elif kind in ("macs", "flops"):
                num = scaled(num, mb.group("p"))
            text = masked[tok.start:end].strip() if m else masked[tok.start:tok.end]
            fig = Figure(kind, num, tok.start, tok.end, " ".join(text.split()))
            tail = masked[end:]
            if kind in COUNTS and (num.value.denominator != 1 or num.unit != 1
                                   or num.value > 10000):
                break
            why = not_a_count(before, after, int(num.value)) if kind in COUNTS else None
            if kind in COUNTS and (_CHANGE_AFTER.match(masked, end) or
                                   _CHANGE_BEFORE.search(before[-40:])):
                why = "layers removed, added or replaced: a change, not the network's count"
            if why:
                aside.append((fig, why))
                break
            if kind == "params" and num.value < 1000:
                break
            if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after) or \
                    _RANGE_AFTER.match(tail):
                aside.append((fig, "a range or a change, not one figure"))
            elif _BOUND_AFTER.match(tail) or _BOUND_AFTER.match(after) or \
                    _BOUND_BEFORE.search(before):
                aside.append((fig, "a bound, not a figure"))
            else:
                found.append(fig)
            break
    # "three conv layers; put simply, 3 conv layers": a count in words restated in digits
    digits = {(f.kind, f.num.value) for f in found if f.num.style != "word"}
    found = [f for f in found if f.num.style != "word" or (f.kind, f.num.value) not in digits]
    return found, aside


# "FC layer 두 개를 없앴기 때문", "removed the two FC layers", "adds three conv layers": a
# change made to a network counts the layers changed, not the network's
_KO_CHANGES = "없애 없앤 없앴 제거 빼 뺀 뺐 삭제 추가 더하 더해 대체 바꾸 바꿔 바꾼 교체".split()
_EN_CHANGES = r"remov\w*|dropp?\w*|add(?:s|ed|ing)?|append\w*|replac\w*|discard\w*|strip\w*"
_CHANGE_AFTER = re.compile(
    r"[^,.;:]{0,16}?(?:" + "|".join(_KO_CHANGES) + r"|\b(?:were|are|is|was|get|got|been)\s+"
    r"(?:removed|dropped|added|replaced|discarded|cut)|\b(?:removed|dropped|replaced)\b)", re.I)
_CHANGE_BEFORE = re.compile(
    r"\b(?:" + _EN_CHANGES + r"|cut(?:s|ting)?|without|instead\s+of|extra|additional|more|"
    r"fewer|less)\s+(?:the\s+|its\s+|all\s+|those\s+|these\s+|another\s+)?(?:[a-z]+\s+)?$",
    re.I)


# a count written in words: English, or a Korean native numeral before 개 ("다섯 개의 층")
_EN_WORDS = {w: n for n, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split(), 1)}
_KO_WORDS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5,
             "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_KO_COUNT = re.compile(r"(한|하나|두|둘|세|셋|네|넷|다섯|여섯|일곱|여덟|아홉|열)(?=개|$)")


def word_count(tok: Token, tokens: list[Token], idx: int) -> Token | None:
    """A count written in words, as a number token over the word; None for other words.
    A Korean numeral counts only before 개 (``세 개의``, ``세개의``; not ``세 번째``)."""
    if tok.kind == "WORD":
        n = _EN_WORDS.get(tok.text.lower())
        prev = tokens[idx - 1] if idx else None
        if n is None or (prev is not None and prev.text == "-" and not tok.gap):
            return None  # "twenty-two" is read by its parts no more than "ResNet-one"
        word = tok.text
    else:
        m = _KO_COUNT.match(tok.text)
        if m is None:
            return None
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        if m.end() == len(tok.text) and not (nxt is not None and nxt.text.startswith("개")):
            return None
        word, n = m.group(1), _KO_WORDS[m.group(1)]
    num = Number(Fraction(n), Fraction(1), word, "word")
    return tok._replace(kind="NUM", text=word, end=tok.start + len(word), num=num)


def _of_name(kind: str, before: str, num: Number) -> re.Match | None:
    """``parameters for ResNet50 is`` before a figure: the slot holds one network's name
    and nothing more; FLOPs and MACs need a scale (``15.5G``, ``FLOPs (G) of``)."""
    from cnnstat.notes.modelfacts.models import mentions

    m = OF_NAME[kind].search(before)
    if m is None:
        said = _SAID[kind].search(before) if kind in _SAID else None
        return said if said and num.unit > 1 else None
    name = m.group("name").strip()
    found = mentions(name)
    if len(found) != 1 or found[0].start != 0 or name[found[0].end:].strip():
        return None
    if kind != "params" and not m.groupdict().get("p") and num.unit == 1 and num.value < 10**6:
        return None
    return m
