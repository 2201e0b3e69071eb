"""Costs in words: how many multiplications, MACs, FLOPs or operations a conv takes, said
in a sentence, judged against the layer the sentence or the lines before set out
(``layerwords``), through the layer algebra.

    For a 6x6x3 input with 5 filters of size 3x3x3, the cost is 2,160 operations.
    Depthwise conv: one filter per channel -> cost: 432
    A standard 3 by 3 conv with 64 input and 128 output channels needs 73,728 operations
    per spatial position; the depthwise step needs 576 and the pointwise step 8,192,
    totaling 8,768. That's an 8.4x reduction.
    따라서 총 약 1240만 번의 연산이 필요하다. ... 10배 가까이 차이

A figure is a cost when a cost word follows it (``operations``, ``multiply-adds``,
``MACs``, ``multiplications``, ``FLOPs``, ``번의 연산``, ``번의 곱셈``) or a cost label
comes before it (``cost:``, ``연산량은``). Its part of the layer is the nearest kind word
(standard, depthwise, pointwise, separable; a total). One multiply-add is 1 MAC; a count
of "operations" may be MACs or FLOPs (2 per MAC, or n multiplies and n - 1 adds a dot
product, with or without the biases): the figure is right when one reading the unit
allows gives it, per output position or over the output map (at ``valid`` and ``same``
padding where none is stated). Anything else is left unsure: a cost that no reading
gives may still be another convention. A total is the sum of the costs stated just
before it; a ratio ("8.4x reduction", "roughly 3x cheaper", "10배 가까이 차이", "8 to 9
times") the first cost over the last, to the digits written.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.costs import layerwords
from cnnstat.notes.arithmetic import reduction
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Number, Refused, read_number
from cnnstat.notes.signs import has_any

WINDOW = 12  # lines a layer and its costs are read on for
_UNIT = re.compile(r"^\s*(?:번의?\s*|회의?\s*)?(?P<u>multiply[- ]?(?:adds?|accumulates?)|mult-?adds|"
                   r"madds|maccs?|macs?|multiplications?|mults|flops|operations|ops|연산|곱셈)"
                   r"(?![A-Za-z])", re.I)
_LABEL = re.compile(r"(?:\bcosts?|연산량|계산량|비용|\btotal(?:ing|s)?|총|합계)\s*(?:is|are|of|:|=|은|는|이|가|→|"
                    r"(?:comes\s+)?to)?\s*(?:about|roughly|approximately|around|only|약|~|≈)?\s*$",
                    re.I)
# the unit before the figure: "MACs: 4,608", "the multiplications are 4,608", "곱셈 연산이 약
# 90만 번"
_UNIT_BEFORE = re.compile(r"(?<![A-Za-z])(?P<u>multiply[- ]?adds|mult-?adds|maccs?|macs|"
                          r"multiplications|flops|operations|곱셈|연산)\s*(?:횟수|수|량)?\s*"
                          r"(?:\(\w{1,8}\))?\s*(?:is|are|:|=|은|는|이|가|of)\s*(?:about|roughly|"
                          r"approximately|around|only|약|~|≈)?\s*$", re.I)
_FOR_KIND = re.compile(r"^\s*(?:operations\s+|ops\s+|MACs\s+)?(?:for|in|of)\s+the\s+"
                       r"(?:depth\s*-?\s*wise|point\s*-?\s*wise)", re.I)
_ANY_UNIT = re.compile(r"operations|\bops\b|mult|macc?s?\b|flops|연산|곱셈", re.I)
# "and the pointwise 8,192" after a cost in the same sentence
_KIND_BEFORE = re.compile(r"(?:depth\s*-?\s*wise|point\s*-?\s*wise|깊이\s*별|점\s*별)(?:\s+(?:part|step|"
                          r"conv\w*|layer))?\s*(?:is|:|=|은|는|이|가|takes|needs|costs?)?\s*$", re.I)
_PER_POSITION = re.compile(r"(?:per|for\s+(?:each|every|one)|at\s+(?:each|every|one))\s+"
                           r"(?:spatial\s+|output\s+)?(?:position|location|pixel)|"
                           r"(?:위치|픽셀)\s*(?:하나)?\s*(?:당|마다)", re.I)
_KINDS = (("separable", re.compile(r"separable|분리", re.I)),
          ("depthwise", re.compile(r"depth\s*-?\s*wise|깊이\s*별", re.I)),
          ("pointwise", re.compile(r"point\s*-?\s*wise|1\s*[x×]\s*1\s*(?:conv|합성곱)|점\s*별", re.I)),
          ("standard", re.compile(r"standard|regular|normal|일반|표준|기존", re.I)),
          ("total", re.compile(r"\btotal|\bin\s+all\b|\bsum\b|총|합계|합쳐", re.I)))
_PRODUCT = re.compile(r"(?<![0-9.,])(?:[0-9]{1,5}\s*(?:x|×|\*|·|times)\s*)+[0-9]{1,5}$", re.I)
_CLAUSE = re.compile(r"[,;(]|\s(?:and|plus|but|while)\s|이고|이며|하고", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=다\.)|(?<=요\.)")
_ABOUT = re.compile(r"about|around|roughly|approximately|nearly|almost|~|≈|약|가까이|거의|정도",
                    re.I)
_RATIO = re.compile(r"(?:(?P<lo>[0-9]{1,3}(?:\.[0-9]{1,2})?)\s*(?:to|-|–|~)\s*)?"
                    r"(?P<k>[0-9]{1,3}(?:\.[0-9]{1,2})?)\s*(?:x|×|times|배)(?![A-Za-z0-9])|"
                    r"factor\s+of\s+(?:about\s+|roughly\s+|~\s*)?(?P<f>[0-9]{1,3}(?:\.[0-9]{1,2})?)", re.I)
_RATIO_WORD = re.compile(r"reduc|cut|cheaper|fewer|less|faster|saving|smaller|efficient|factor|"
                         r"차이|적|줄|감소|빠르", re.I)
_CHEAP = ("ops", "operation", "mult", "mac", "flop", "cost", "연산", "곱셈", "비용", "계산량",
          "total", "총", "합", "times", "배", "×", "x", "filter", "kernel", "channel", "conv",
          "필터", "커널", "채널", "합성곱", "컨볼루션")
_LAYER_WORDS = ("filter", "kernel", "channel", "필터", "커널", "채널", "c_out", "cout")
_COST_WORDS = ("mult", "mac", "flop", "operation", "ops", "연산", "곱셈", "madd", "cost", "비용",
               "계산량", "total", "총", "합계", "comput", "cheap")
_RATIO_SIGNS = ("x", "×", "times", "배", "factor")
# a line holds one of them, or ``check_line`` reads nothing on it ("300M MAdds": a cost)
NEEDS = tuple(dict.fromkeys(_CHEAP + _LAYER_WORDS + _COST_WORDS + _RATIO_SIGNS))
_DIGIT = re.compile(r"[0-9]")
_SEPARABLE = re.compile(r"separable|분리\s*(?:가능한|된)?\s*합성곱|mobilenet", re.I)


class Cost(NamedTuple):
    line: int
    value: Fraction
    kind: str | None


class Figure(NamedTuple):
    num: Number
    start: int
    end: int
    unit: str  # "macs" | "flops" | "ops"
    kind: str | None
    per_position: bool


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith("flop"):
        return "flops"
    if w in ("operations", "ops", "연산"):
        return "ops"
    return "macs"


def _kind(text: str) -> str | None:
    found = [name for name, rx in _KINDS if rx.search(text)]
    if not found:
        return None
    if "separable" in found and "total" not in found:
        return "separable"
    return found[-1] if found[-1] == "total" else found[0] if len(found) == 1 else None


_NUMBER_START = re.compile(r"(?<![\w.])[0-9]")


def _numbers(s: str) -> list[tuple[Number, int, int]]:
    """Every number of a sentence as ``numerals`` reads it, with its span."""
    out, end = [], 0
    for m in _NUMBER_START.finditer(s):
        i = m.start()
        if i < end:
            continue
        try:
            got = read_number(s, i)
        except Refused:
            return []
        if got is not None:
            out.append((got[0], i, got[1]))
            end = got[1]
    return out


numbers = _numbers  # for the readers of other figures in words (``paramwords``)


def figures(sentence: str) -> list[Figure]:
    """The cost figures of a sentence, each with its unit and the kind its words name."""
    nums = _numbers(sentence)
    marks = []
    for k, (num, a, b) in enumerate(nums):
        after = sentence[b:b + 40]
        u = _UNIT.match(after) or _UNIT_BEFORE.search(sentence[max(0, a - 40):a])
        label = _LABEL.search(sentence[max(0, a - 30):a])
        if u is None and label is None and not _FOR_KIND.match(after) and \
                not (_KIND_BEFORE.search(sentence[max(0, a - 40):a]) and _ANY_UNIT.search(sentence)):
            continue
        if re.match(r"\s*(?:[x×*/+^]|by|times)\s*[0-9(A-Za-z]", after) or \
                re.match(r"\s*(?:배|x|×|times|%)(?![A-Za-z0-9])", after):
            continue  # a factor of a product, not its result; a ratio or a share
        prod = _PRODUCT.search(sentence[max(0, a - 80):b])
        if prod is not None and u is not None:  # "64 times 128 times 9 multiply adds"
            value = Fraction(1)
            for f in re.findall(r"[0-9]+", prod.group(0)):
                value *= int(f)
            a = b - len(prod.group(0))
            num = Number(value, Fraction(1), prod.group(0).strip(), "plain")
        elif re.search(r"[x×*/+^(]\s*$|times\s*$", sentence[max(0, a - 7):a]):
            continue
        marks.append((k, num, a, b, _unit(u.group("u")) if u else "ops"))
    out = []
    for j, (k, num, a, b, unit) in enumerate(marks):
        prev_end = marks[j - 1][3] if j else 0
        next_start = nums[k + 1][1] if k + 1 < len(nums) else len(sentence)
        after = _CLAUSE.split(sentence[b:next_start])[0]
        kind = _kind(after)
        if kind is None or kind == "total" and not _kind(sentence[prev_end:a]) == "total" \
                and not re.match(r"\s*(?:operations|ops)?\s*(?:in\s+total|in\s+all)", after):
            kind = _kind(sentence[prev_end:a]) or (kind if kind != "total" else None)
        per = bool(_PER_POSITION.search(sentence[b:next_start]))
        out.append(Figure(num, a, b, unit, kind, per))
    return out


def _readings(unit: str, macs: int, outputs: int) -> dict[str, int]:
    """The counts a unit may stand for, MACs given: a name for each."""
    flops = {"2 x MACs (FLOPs)": 2 * macs, "multiplies and adds, n - 1 adds an output":
             2 * macs - outputs, "2 x MACs + the biases' adds": 2 * macs + outputs}
    if unit == "macs":
        return {"MACs": macs}
    if unit == "flops":
        return flops
    return {"MACs": macs, **flops, "MACs + the biases' adds": macs + outputs}


class Costs:
    """The layer a section set out last, and the costs stated since."""

    def __init__(self) -> None:
        self.layer: layerwords.Layer | None = None
        self.costs: list[Cost] = []

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        out: list[Claim | Skip] = []
        if self.layer is not None and number - self.layer.line > WINDOW:
            self.layer = None
        self.costs = [c for c in self.costs if number - c.line <= WINDOW][-8:]
        # what each step needs (a layer's output channels, a cost's word, a ratio's sign):
        # most lines have none of it
        layer = has_any(masked, _LAYER_WORDS)
        cost = has_any(masked, _COST_WORDS)
        ratio = (cost or bool(self.costs)) and has_any(masked, _RATIO_SIGNS)
        if not (layer or cost or ratio) or not _DIGIT.search(masked):
            return out
        for sentence in _SENTENCE.split(masked):
            if not sentence.strip():
                continue
            got = layerwords.read(sentence) if layer else None
            if got is not None:
                self.layer = got._replace(line=number)
                self.costs = []
            figs = figures(sentence) if cost and has_any(sentence, _COST_WORDS) else []
            for f in figs:
                out += self._judge(number, sentence, f)
            out += self._ratio(number, sentence, figs) if ratio else []
        return out

    def _judge(self, number: int, sentence: str, f: Figure) -> list[Claim | Skip]:
        text = " ".join(sentence[max(0, f.start - 40):f.end + 30].split())
        value = f.num.value
        if f.kind == "total" or (f.kind is None and self.layer is None):
            return self._total(number, text, f)
        layer = self.layer
        kind = f.kind or "standard"
        self.costs.append(Cost(number, value, kind))
        if layer is None or kind == "total":
            return []
        tried: list[str] = []
        for what, macs, outputs in self._candidates(layer, kind, f.per_position):
            for name, count in _readings(f.unit, macs, outputs).items():
                if agrees(Fraction(count), f.num):
                    self.costs[-1] = Cost(number, Fraction(count), kind)
                    return [Claim(number, text, "cost", f.num.text, count, "right",
                                  f"{what}: {name} {plain(count)}")]
            tried.append(f"{what}: {plain(macs)} MACs")
        if f.unit == "flops" and any(agrees(Fraction(m), f.num) for _, m, _ in
                                     self._candidates(layer, kind, f.per_position)):
            return [Skip(number, text, "unsure: FLOPs written for multiply-adds, as papers "
                                       "do: a naming, not judged")]
        return [Skip(number, text, "unsure: no reading of the cost gives it ("
                     + "; ".join(tried[:3]) + ")")]

    def _candidates(self, layer: layerwords.Layer, kind: str, per: bool):
        k = 1 if kind == "pointwise" else layer.k
        out = layer.c_in if kind == "depthwise" else layer.c_out
        name = f"{kind} conv {k}x{k}, {layer.c_in} -> {out} channels"
        yield f"{name}, per output position", layerwords.per_position(layer, kind), 1
        if per or layer.h is None:
            return
        pads = (layer.padding,) if layer.padding is not None else (0, "same")
        for pad in pads:
            got = layerwords.macs(layer, kind, pad)
            if got is not None:
                where = f"{layer.h}x{layer.w}x{layer.c_in} input, stride {layer.stride}, " \
                        f"padding {pad}"
                yield f"{name} on a {where}", got[0], got[1]

    def _total(self, number: int, text: str, f: Figure) -> list[Claim | Skip]:
        before = list(self.costs)
        self.costs.append(Cost(number, f.num.value, f.kind))
        if f.kind != "total" or len(before) < 2:
            return []
        for n in range(2, len(before) + 1):
            parts = before[-n:]
            if any(c.kind == "standard" for c in parts[1:]):
                break
            if parts[0].kind == "standard" and n > 2 and len(before) > n:
                pass
            total = sum(c.value for c in parts)
            if agrees(total, f.num):
                return [Claim(number, text, "cost", f.num.text, total, "right",
                              "the sum of the costs above: " +
                              " + ".join(plain(c.value) for c in parts))]
        return [Skip(number, text, "unsure: a total that no run of the costs above adds up to")]

    @staticmethod
    def _separable_rule(number: int, sentence: str, m: re.Match) -> list[Claim | Skip]:
        """"Depthwise separable convolutions need 8 to 9 times less computation": with 3x3
        kernels a standard conv over its separable version is 1 / (1/N + 1/9) for N output
        channels (Howard et al. 2017), 7.0 at N = 32 and under 9 however many."""
        if not _SEPARABLE.search(sentence) or re.search(r"(?<![0-9])([2-9])\s*(?:x|×|by)\s*\1",
                                                         sentence.replace("3x3", "")):
            return []  # not the separable rule, or a kernel other than 3x3
        written = m.group("k") or m.group("f")
        lo = Fraction(m.group("lo")) if m.group("lo") else Fraction(written)
        hi = Fraction(written)
        half = Fraction(1, 2 * 10 ** len(written.partition(".")[2]))
        text = " ".join(sentence[max(0, m.start() - 40):m.end() + 20].split())
        how = "3x3 kernels: 1 / (1/N + 1/9), 7.0 at N = 32, 8.4 at 128, under 9 for any N"
        if lo + half >= 7 and hi - half <= 9:
            return [Claim(number, text, "ratio", m.group(0), "7 to 9", "right", how)]
        return [Skip(number, text, "unsure: a separable conv's saving depends on N: " + how)]

    def _ratio(self, number: int, sentence: str, figs: list[Figure]) -> list[Claim | Skip]:
        m = _RATIO.search(sentence)
        if m is None or not _RATIO_WORD.search(sentence):
            return []
        numbers = _numbers(sentence)
        if sum(n.unit > 1 for n, _, _ in numbers) == 2 and reduction.DOWN.search(sentence):
            return []  # two scaled figures and a cut: the reduction reader's
        # the two costs before the ratio, or after it: "a ~2x factor between 155M and 305M"
        end = len(sentence) if re.match(r"\s*(?:factor|difference|gap|ratio)?\s*between\b",
                                        sentence[m.end():]) else m.start()
        scaled = [(a, n.value) for n, a, b in numbers if n.unit > 1 and b <= end]
        if any(f.kind in ("depthwise", "pointwise") for f in figs):
            scaled = []  # a separable conv's parts: its ratio is the whole's, below
        here = [v for _, v in sorted({(f.start, f.num.value) for f in figs if f.end <= end and
                                      f.kind not in ("depthwise", "pointwise")} | set(scaled))]
        here = [v for i, v in enumerate(here) if i == 0 or v != here[i - 1]]
        if len(here) >= 2:
            big, small = max(here[0], here[-1]), min(here[0], here[-1])
        else:
            first = next((c for c in reversed(self.costs) if c.kind == "standard"),
                         self.costs[0] if self.costs else None)
            if first is None:
                return self._separable_rule(number, sentence, m)
            later = self.costs[self.costs.index(first) + 1:]
            whole = [c for c in later if c.kind in ("total", "separable")]
            parts = {c.kind: c.value for c in later}
            if whole:
                small = whole[-1].value
            elif set(parts) == {"depthwise", "pointwise"}:  # the two steps, no total
                small = parts["depthwise"] + parts["pointwise"]
            elif later:
                small = later[-1].value
            else:
                return []
            big = first.value
        if not small or big == small:
            return []
        ratio = big / small
        text = " ".join(sentence[max(0, m.start() - 30):m.end() + 20].split())
        written = m.group("k") or m.group("f")
        k = Fraction(written)
        decimals = len(written.partition(".")[2])
        half = Fraction(1, 2 * 10 ** decimals)
        if _ABOUT.search(sentence[max(0, m.start() - 20):m.end() + 12]):
            half = max(half, k / 10) if not decimals else 2 * half  # "about 3x"; "~8.4x"
        lo = Fraction(m.group("lo")) if m.group("lo") else k
        how = f"{plain(big)} / {plain(small)} = {float(ratio):.2f}"
        if lo - half <= ratio <= k + half:
            return [Claim(number, text, "ratio", m.group(0), round(float(ratio), 2), "right",
                          how)]
        return [Skip(number, text, f"unsure: the two costs this ratio is of are guessed: {how}")]
