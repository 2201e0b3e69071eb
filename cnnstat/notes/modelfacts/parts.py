"""The figures of a part of a network: its conv layers' or its fully connected layers'
parameters (``the FC layers hold about 120M parameters``, ``컨볼루션층은 200만 개, FC층은
6500만 개 가량의 매개변수``), judged against the sum over the spec's layers of that kind.

A part is the subject of its figure: the part's name stands before the figure in its
clause with nothing counted between them (``the FC layers hold ~124M``, ``FC층은 6500만
개``), or right after it (``124M parameters in the FC layers``); a part's name after a
count of its own (``13 conv layers and 138M parameters``) is a count of layers, not a
subject. One layer of a kind (``the first FC layer``, ``each conv layer``) is no part
this reader sums: nothing is said of it.

The network is the one the line names (one network), else its section's. A network drawn
across two GPUs (AlexNet's grouped convs) is as often counted without its groups: both
counts are the network's, and so are its weights without the biases. A figure within
``NEAR`` of a count is left unsure (a paper and an implementation may count the same part
differently), wrong beyond it; but a part's layers are fixed by the maps they read and
the classes they give, so a figure of three or more digits more than one unit of its last
digit off every count (``VGGNet의 FC층은 1억2천2백만 개``: 123,642,856 gives 124M, cut 123M)
is a slip, wrong, where the line names no other dataset or head (``_slip``).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.modelfacts.facts import billions, figures_in
from cnnstat.notes.modelfacts.factjudge import NEAR, _lenient
from cnnstat.notes.modelfacts.models import Mention, figures, mentions, resolve, whole_map_conv
from cnnstat.notes.reading.normalise import Token, scan
from cnnstat.notes.reading.numbers import agrees, plain, write_like
from cnnstat.notes.reading.numerals import Refused
from cnnstat.models.zoo import bundled_names

# the name of a kind of layer, as a part of the network
_FC = (r"(?:fully[\s-]?connected|fc|dense|linear|완전\s*연결|완견\s*연결|전\s*연결|전결합|"
       r"연결)")
_CONV = r"(?:conv(?:olution(?:al)?)?s?|합성곱|컨볼루션|콘볼루션)"
# "FC layers", "FC층", "Fully connected layer) 층": the kind's layers
_LAYERS_KO = r"\s*(?:layers?|층|레이어)(?![A-Za-z])(?:\s*\)\s*(?:층|레이어))?"
# the network without its classifier: "the backbone", "the feature extractor"
_FEATURES = (r"(?:feature[\s-]+extract(?:or|ion)(?:\s+part)?|backbone|conv(?:olutional)?\s+"
             r"(?:part|base|backbone|trunk)|특징\s*추출\s*(?:기|부|층|단)?)")
_PART = re.compile(rf"(?P<fc>{_FC})(?P<l1>{_LAYERS_KO})|(?P<conv>{_CONV})(?P<l2>{_LAYERS_KO})|"
                   rf"(?P<fe>{_FEATURES})", re.I)
_ONE_LAYER = re.compile(r"(?:first|second|third|last|final|each|every|one|single|a|an|"
                        r"첫(?:\s*번째)?|두\s*번째|세\s*번째|마지막|각|하나의|한)\s*(?:the\s+)?$", re.I)
# what may stand between a part's name and its figure: words, never another number or a
# clause's end
_BETWEEN = re.compile(r"^(?:\s*\d{1,2}\s*개의?|\s*\(\s*\d{1,2}\s*\))?[^0-9,;.!?()\[\]]{0,40}$")
# "13 conv layers and 138M parameters": a count of layers, then the network's figure
_AND = re.compile(r"\s*(?:and|plus|&|과|와|및)\s*(?:about|around|~|약)?\s*", re.I)
# a figure of a cost or a size, not a count of parameters ("12 GFLOPs", "500 MB")
_NOT_PARAMS = re.compile(r"\s*(?:[KMGT]?(?:FLOPs?|MACs?|MAdds)|ops\b|operations|bytes|[KMG]i?B\b|"
                         r"연산|바이트|%|배)", re.I)
_PARAM_WORD = re.compile(r"param|weights|파라미터|매개\s*변수|가중치", re.I)
_OTHER_PART = re.compile(r"\beach\b|\bper\b|block|module|stage|branch|블록|모듈|스테이지|"
                         r"마다|\bhead\b|%", re.I)
# the network with the part taken away: what a figure counts is the rest
_REST = re.compile(r"replac|remov|except|exclud|\bleaves\b|\bleft\s+over|remain|\bdropp|제외|빼고|"
                   r"없애|남(?:는|은|기)", re.I)
NEEDS = ("param", "weights", "파라미터", "매개", "가중치")
_NAMES = {"fc": "FC layers", "conv": "conv layers", "features": "all but the FC layers"}


@lru_cache(maxsize=None)
def part_counts(name: str) -> dict[str, tuple[tuple[int, str], ...]]:
    """A bundled spec's parameters by kind of layer: ``conv`` and ``fc``, each with the
    ways it is counted (as drawn; for a two-GPU network, also without its groups)."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        a = analyze(load_bundled(name))
    except Exception:  # noqa: BLE001 - a spec that does not load is not used
        return {}
    conv = sum(r.params for r in a.rows if "conv" in r.type)
    out = {"fc": ((sum(r.params for r in a.rows if r.type in ("linear", "rbf")),
                   "fully connected layers"),),
           "conv": ((conv, "conv layers"),)}
    whole = sum(r.params for r in a.rows if "conv" in r.type and whole_map_conv(r))
    if whole:  # LeNet-5's C5, a conv over the whole 5x5 map: counted as FC as often
        out["conv"] += ((conv - whole, "conv layers, a conv over the whole map counted as "
                                       "fully connected"),)
        out["fc"] += ((out["fc"][0][0] + whole, "fully connected layers, counting a conv "
                                                "over the whole map as one"),)
    f = figures(name)
    if f is not None and f.ungrouped:  # the two GPUs' halves counted as one layer each
        out["conv"] += ((conv + f.ungrouped - f.params, "conv layers without the two GPUs' "
                                                        "groups"),)
    for kind, types in (("fc", ("linear",)), ("conv", None)):
        biases = sum(_biases(r) for r in a.rows if (r.type in types if types else "conv" in r.type))
        if biases:  # the weights alone: how some count a part ("weights", no biases)
            out[kind] += ((out[kind][0][0] - biases, f"{out[kind][0][1]} without biases"),)
    return out


def _biases(row) -> int:
    """The biases of a conv or FC row: one per output channel or unit, if it has them."""
    values = getattr(row.kind, "values", {})
    if not values.get("bias", True):
        return 0
    shape = row.output if isinstance(row.output, tuple) else ()
    return shape[0] if shape else 0


def _kind(m: re.Match) -> str:
    return "fc" if m.group("fc") else "conv" if m.group("conv") else "features"


# after a figure, its part: "124M parameters sit in the FC layers", "(~124M) are in the
# fully connected layers", "1억 2천만 개가 FC층에 있다"
_PART_AFTER = re.compile(r"\s*\)?\s*(?:(?:parameters?|params?|weights)\s*)?(?:(?:are|is|sit|lie|"
                         r"live|reside)\s+)?(?:in|inside|within|of|from)\s+(?:the\s+|its\s+|their\s+)?"
                         r"(?:(?:three|two|\d)\s+)?(?:(?:big|large)\s+)?"
                         r"|\s*(?:개의?\s*)?(?:파라미터|매개\s*변수|가중치)?\s*(?:가|이|는)\s*", re.I)
_KO_AT = re.compile(r"\s*(?:에|안에|에서)")


# a part said to be absent or removed: the figure after it is the network's without it
_ABSENT = re.compile(r"없|빼|제거|\b(?:removed|dropped|discarded|eliminated|replaced)\b", re.I)
# a part the whole is counted with: "the full thing with the 3 FC layers is ~138M",
# "including its FC layers, 138M", "FC층을 포함하면 1억 3800만": the figure is the whole's;
# a participle between ("with the FC layers holding 124M") keeps the part the subject
_WITH_BEFORE = re.compile(r"(?:\bwith|\bincluding|\bincl\.?|\bplus|\bcounting)\s+(?:the\s+|its\s+|"
                          r"all\s+)?(?:(?:\d{1,2}|two|three|four)\s+)?$", re.I)
_WITH_AFTER = re.compile(r"^\s*\)?\s*(?:을|를|까지)?\s*(?:포함|합치|더하)")
_PARTICIPLE = re.compile(r"\b[a-z]+ing\b", re.I)
_ABSENT_BEFORE = re.compile(r"(?:\bno|without|drops?|dropping|removes?|removing|discards?|"
                            r"replaces?|replacing)\s+(?:the\s+|its\s+|any\s+)?$", re.I)


def _subject(masked: str, start: int, end: int) -> tuple[str, re.Match] | None:
    """The part a figure at ``start:end`` is the figure of, if a part's name is its
    subject."""
    before = [m for m in _PART.finditer(masked, 0, start) if
              _BETWEEN.match(_unnamed(masked[m.end():start]))]
    if before:
        m = before[-1]
        lead = masked[max(0, m.start() - 16):m.start()]
        if re.search(r"\d\s*(?:개의?\s*)?$", lead) and _AND.fullmatch(masked[m.end():start]):
            return None  # "13 conv layers and 138M": a count of layers, then the total
        if _ONE_LAYER.search(lead) or _ABSENT_BEFORE.search(lead) or \
                _ABSENT.search(masked, m.end(), start):
            return None  # "it has no FC layers, so about 5M": the part is not there
        if (_WITH_BEFORE.search(lead) and not _PARTICIPLE.search(masked, m.end(), start)) or \
                _WITH_AFTER.match(masked[m.end():start]):
            return None  # "the whole with the FC layers is 138M": the whole's figure
        return _kind(m), m
    m = _PART_AFTER.match(masked, end)
    if m:
        m2 = _PART.match(masked, m.end())
        korean = not re.search(r"[A-Za-z]", m.group(0))
        if m2 and not _ONE_LAYER.search(masked[end:m.end()]) and \
                (not korean or _KO_AT.match(masked, m2.end())):
            return _kind(m2), m2
    return None


def _unnamed(between: str) -> str:
    """The words between a part and its figure with the network's name blanked ("the FC
    layers of VGG16 hold 122M": VGG16's digits are no other count)."""
    if not re.search(r"\d", between):
        return between
    for m in reversed(mentions(between)):
        between = between[:m.start] + "x" * (m.end - m.start) + between[m.end:]
    return between


def is_part(masked: str, start: int, end: int) -> bool:
    """Whether the figure at ``start:end`` is a part's (its subject a kind of layer)."""
    return _subject(masked, start, end) is not None


def _model(masked: str, heading: Mention | None, above: str) -> tuple[str, list[str]] | None:
    """The network a line's parts belong to: its name and specs. The one the line names,
    else its section's, else the one the line above describes by its layers."""
    found = mentions(masked)
    if found:
        return (found[0].text, resolve(found[0]).specs) if len({m.key for m in found}) == 1 \
            else None
    if heading is not None:
        return heading.text, resolve(heading).specs
    return _by_layers(above) if above else None


def _by_layers(above: str) -> tuple[str, list[str]] | None:
    """``- 컨볼루션층 5개와 완전연결층 3개`` on the line above, no network named: the bundled
    networks of exactly that many conv and FC layers (AlexNet's 5 and 3; ZFNet's too),
    if any and no more than a few; a part's figure is then right if it is one of theirs,
    and wrong only if it is none of theirs."""
    if mentions(above):
        return None
    try:
        figs = figures_in(above, scan(above), [])[0]
    except Refused:
        return None
    conv = [f for f in figs if f.kind == "conv"]
    fc = [f for f in figs if f.kind == "fc"]
    if len(conv) != 1 or len(fc) != 1:
        return None
    c, k = conv[0].num.value, fc[0].num.value
    specs = [n for n in bundled_names() if (f := figures(n)) is not None and f.conv == c and
             f.fc == k]
    if not specs or len(specs) > 4:
        return None
    return f"the network of {c} conv and {k} FC layers ({', '.join(specs)})", specs


def check_line(number: int, masked: str, tokens: list[Token], used: list[tuple[int, int]],
               heading: Mention | None, above: str = "") -> tuple[list[Claim], list[Skip]]:
    if not _PARAM_WORD.search(masked) or not _PART.search(masked):
        return [], []
    claims: list[Claim] = []
    skips: list[Skip] = []
    seen: set[str] = set()
    for k, tok in enumerate(tokens):
        if tok.kind != "NUM" or any(a <= tok.start < b for a, b in used):
            continue
        num = billions(tok.num)
        if num.value < 1000 or num.value.denominator != 1 and num.unit == 1:
            continue
        prev = tokens[k - 1] if k else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if (prev is not None and prev.kind == "OP") or (nxt is not None and nxt.kind == "OP"):
            continue  # a term of a calculation
        got = _subject(masked, tok.start, tok.end)
        if got is None:
            continue
        part, m = got
        if _NOT_PARAMS.match(masked, tok.end):
            continue  # a part's figure of something else (its MACs, its size)
        if _REST.search(masked):
            continue  # "replacing VGG16's FC layers by pooling leaves 14.7M": the rest's
        model = _model(masked, heading, above)
        label = f"{_NAMES[part]}: {masked[tok.start:tok.end].strip()}"
        if model is None:
            skips.append(Skip(number, label, "a part's figure without one network it is of"))
            continue
        if _OTHER_PART.search(masked[max(0, m.start() - 30):tok.end + 30]) or part in seen:
            skips.append(Skip(number, label, "a figure of a smaller part (a block, one layer)"))
            continue
        seen.add(part)
        split = _other_split(masked, m, part, model[1])
        if split is not None:
            skips.append(Skip(number, label, split))
            continue
        if part == "features":
            out = features(number, f"{model[0]} {label}", num, model[1])
        else:
            out = judge(part, num, model, number, f"{model[0]} {label}", tok.start, tok.end,
                        masked)
        (claims if isinstance(out, Claim) else skips).append(out)
    return claims, skips


_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_COUNT = re.compile(r"(?<![\w.])(?:(\d{1,2})|(" + "|".join(_WORDS) + r"))\s+$", re.I)


def _other_split(masked: str, m: re.Match, part: str, specs: list[str]) -> str | None:
    """``the two conv layers together use 2,572 parameters`` of LeNet-5 (three convs in its
    spec): the note counts the part's layers as no spec does (C5 taken for an FC layer),
    so its figure is of another split: unsure. None where no count is written, or it is
    one of the specs' (a conv over the whole map, an RBF output counted either way)."""
    got = _COUNT.search(masked, max(0, m.start() - 12), m.start())
    if got is None or part == "features":
        return None
    said = int(got.group(1)) if got.group(1) else _WORDS.index(got.group(2).lower()) + 1
    counts = set()
    for f in (figures(s) for s in specs):
        if f is not None:
            counts |= {f.conv, f.conv - f.whole_map} if part == "conv" else \
                {f.fc, f.fc + f.whole_map, f.fc - f.rbf}
    if not counts or said in counts:
        return None
    return (f"unsure: the note counts {said} {_NAMES[part]}, the spec "
            f"{' or '.join(map(str, sorted(counts)))}: its figure splits the network otherwise")


def _slip(claimed, counts: list[int], context: str) -> bool:
    """A figure of three or more digits more than one unit of its last digit off every
    count, on a line that names no other dataset or classes (another head): no count of
    the part gives it, rounded or cut."""
    return claimed.value >= 100 * claimed.precision and \
        all(abs(claimed.value - v) > claimed.precision for v in counts) and \
        not _OTHER_HEAD.search(context)


# a dataset or a head of another number of classes: the part's last layer is another
_OTHER_HEAD = re.compile(r"cifar|mnist|svhn|stl-?10|tiny|class|클래스|head|헤드|output\s+units",
                         re.I)


def judge(part: str, num, model: tuple[str, list[str]], number: int, label: str, start: int,
          end: int, context: str = "") -> Claim | Skip:
    specs = model[1]
    counts: list[tuple[int, str]] = []
    for s in specs:
        for v, how in part_counts(s).get(part, ()):
            if v and (v, how) not in [(c, h.split(": ", 1)[-1]) for c, h in counts]:
                counts.append((v, f"{s}: {how}"))
    if not counts:
        return Skip(number, label, f"no bundled spec for {model[0]}")
    claimed = _lenient(num, "params")
    for v, how in counts:
        if agrees(Fraction(v), claimed):
            return Claim(number, label, "model", num.text, v, "right", f"{how} {plain(v)}")
    listing = "; ".join(f"{how} {plain(v)}" for v, how in counts[:4])
    near = [v for v, _ in counts if abs(claimed.value - v) <= NEAR * v +
            claimed.precision / 2]
    if near and not _slip(claimed, [v for v, _ in counts], context):
        return Skip(number, label, f"unsure: within {float(NEAR):.1%} of {listing}")
    usual = [c for c in counts if not c[1].endswith("without biases")] or counts
    best = min(usual, key=lambda c: abs(c[0] - claimed.value))[0]
    shown = write_like(Fraction(best), num)
    return Claim(number, label, "model", num.text, best, "wrong", listing,
                 (Edit(number, start, end, shown),), shown)


def features(number: int, label: str, num, specs: list[str]) -> Claim | Skip:
    """A count of the network without its fully connected layers ("Parameters (FE only)"):
    right when it is a spec's (as drawn or without its groups); otherwise nothing is said,
    for what a "feature extractor" leaves out varies (LeNet-5's C5, a GoogLeNet's heads)."""
    claimed = _lenient(num, "params")
    for s in specs:
        f, fc = figures(s), part_counts(s).get("fc", ((0, ""),))[0][0]
        if f is None:
            continue
        for v in (f.params, f.ungrouped):
            if v and agrees(Fraction(v - fc), claimed):
                return Claim(number, label, "model", num.text, v - fc, "right",
                             f"{s}: all but the fully connected layers {plain(v - fc)}")
    return Skip(number, label, "a count without the classifier that is none of the specs'")
