"""Model facts in a markdown table: model names across its header (or down its first
column) and figures under them, each judged as ``facts.judge`` judges a figure in prose."""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.modelfacts import inputsides, parts
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.facts import AFTER, billions, scaled
from cnnstat.notes.modelfacts.factjudge import COUNTS, judge
from cnnstat.notes.modelfacts.models import Mention, figures, mentions, resolve
from cnnstat.notes.reading.numerals import Number, read_number

LABELS = [
    ("conv", re.compile(r"conv|합성곱|컨볼루션", re.I)),
    ("fc", re.compile(r"\bfc\b|fully|완전\s*연결|전결합", re.I)),
    ("macs", re.compile(r"mac|mult-?add|multiply", re.I)),
    ("flops", re.compile(r"flop", re.I)),
    ("params", re.compile(r"param|\bparas\b|파라미터|매개\s*변수|weights|가중치", re.I)),
    ("depth", re.compile(r"depth|layers?|깊이|층|레이어", re.I)),
]


# a column of sizes in bytes (``Params size (MB)``, ``파라미터 크기``): never a count
_BYTES = re.compile(r"\((?:MB|MiB|GB|GiB|KB|KiB|bytes?)\)|\bsize\b|크기|용량|memory|메모리|"
                    # nor a count of the frozen parameters alone
                    r"non-?trainable|frozen|(?:학습|훈련)\s*(?:불가|되지)", re.I)


# a column of scores (``top-1 (torchvision weights V1)``, ``정확도 (사전학습 가중치)``):
# its "weights" are the pretrained ones, and no score is a count
_SCORES = re.compile(r"top-?\s?[15]\b|\bacc(?:uracy|\.)?(?![a-z])|\berr(?:or|\.)?(?![a-z])|"
                     r"\bmAP\b|%|정확도|오차|오류율", re.I)


def _label_kind(label: str) -> str | None:
    if _BYTES.search(label) or _SCORES.search(label):
        return None
    if _FEATURES.search(label) and LABELS[4][1].search(label):
        return "features"
    for kind, rx in LABELS:
        if rx.search(label):
            if kind in ("conv", "fc", "depth") and _CONFIG.search(label):
                return None  # "FC-4096", "Conv3-64", "conv 3x3, 256": the rows of one
                # configuration (a width, a kernel), a part of the kind, not all of it
            if kind == "depth" and _DEPTH_WORDS.sub("", label).strip(" .#:()-_/|*"):
                return None  # "No. of Pooling Layers", a misspelt "Covoluti on Layers":
                # a kind of layer's count, not the network's depth
            return kind
    return None


# a number in a layer's label: its width, kernel or place (FC-4096, conv3-64, 3x3 conv)
_CONFIG = re.compile(r"[0-9]")
# the words a depth's label may hold besides "layers" (``No. of layers``, ``Total
# weight layers``, ``깊이 (층)``); any other names a kind of layer
_DEPTH_WORDS = re.compile(r"depth|layers?|깊이|층|레이어|\bno\b|number|num|\bof\b|total|"
                          r"weight(?:ed)?|learn(?:able|ed)|trainable|count|수|개수|#", re.I)


def _label_unit(label: str) -> str | None:
    m = re.search(r"\(\s*(K|M|G|B|millions?|billions?)\s*\)|"  # Params (M); GFLOPs
                  r"(?<![A-Za-z])([KMGB])(?=(?:FLOPs?|FLOPS|MACs?|MAdds)\b)", label, re.I)
    if not m:
        return None
    return {"k": "K", "m": "M", "g": "G", "b": "G", "million": "M", "millions": "M",
            "billion": "G", "billions": "G"}[(m.group(1) or m.group(2)).lower()]


def _cell_figure(cell: str, kind: str, unit: str | None) -> tuple[Number, int] | None:
    m = re.match(r"^(?:~|≈|약|about|approx\.?)?\s*(?=\d)", cell, re.I)
    if not m:
        return None
    try:
        got = read_number(cell, m.end())
    except ValueError:
        return None
    if got is None:
        return None
    num, j = got
    if kind in ("params", "macs", "flops", "features"):
        num = billions(num)
    rest = cell[j:]
    pm = AFTER[kind].match(rest) if kind in AFTER else None
    if pm:
        if kind in ("macs", "flops"):
            num = scaled(num, pm.group(1))
        rest = rest[pm.end():]
    elif kind in ("macs", "flops"):
        pm2 = re.match(r"^\s*([KMGT])\s*$", rest)
        if pm2:
            num = scaled(num, pm2.group(1))
            rest = ""
    if rest.strip():
        return None
    if unit and num.unit == 1:
        num = scaled(num, unit)
    return num, m.end()


def table(rows: list, cells_of) -> tuple[list[Claim], list[Skip]]:
    """A markdown table with model names across its header (or down its first column)
    and figures under them. ``rows`` are ``Line``s; ``cells_of(line)`` gives cells."""
    from cnnstat.notes.text import is_separator_row

    body = [r for r in rows if not is_separator_row(r)]
    if len(body) < 2:
        return [], []
    header = cells_of(body[0])
    while len(body) > 2 and _continues(header, cells_of(body[1])):
        # "| Model | Params | FLOPs |" over "|  | (M) | (G) |": one header on two rows
        header = [(f"{h[0]} {c[0]}".strip(), h[1], h[2])
                  for h, c in zip(header, cells_of(body[1]))]
        body = [body[0]] + body[2:]
    # "| ResNet-18 | CIFAR-10 | 11.2M |": a row (or a header) of small images' networks;
    # another row's MNIST is that row's
    top = getattr(body[0], "masked", "")
    claims: list[Claim] = []
    skips: list[Skip] = []

    def model_of(cell: str) -> Mention | None:
        found = mentions(cell)
        if len(found) == 2 and found[0].key == found[1].key and re.fullmatch(
                r"\s*\(\s*" + re.escape(found[1].text) + r"\s*\)\W*", cell[found[0].end:]):
            # "GoogLeNet (Inception v1)": one network, its other name in brackets
            cell, found = cell[:found[0].end], found[:1]
        if len(found) == 1 and re.fullmatch(r"\W*" + re.escape(found[0].text) + r"\W*",
                                             cell):
            return found[0]
        return None

    col_models = [model_of(c[0]) for c in header]
    if any(col_models[1:]):
        for row in body[1:]:
            cells = cells_of(row)
            if not cells:
                continue
            label = cells[0][0]
            kind = _label_kind(label)
            if kind is None:
                continue
            for ci, (text, start, end) in enumerate(cells[1:], start=1):
                if ci >= len(col_models) or col_models[ci] is None or not text:
                    continue
                _one(claims, skips, row.number, col_models[ci], kind, label, text, start,
                     _label_unit(label), top + " " + getattr(row, "masked", ""))
        return claims, skips
    kinds = [_label_kind(c[0]) for c in header]
    if not any(kinds[1:]):
        return [], []
    # the header's column of names ("Model"), else the first; a row that left out a cell
    # before its name ("AlexNet | 2012 | 62.3 M" under "Type | Model | Year | Params")
    # is read from its name on, each cell under the header's cell as far from "Model"
    named_col = next((k for k, c in enumerate(header) if _NAME_COLUMN.match(c[0])), 0)
    for row in body[1:]:
        cells = cells_of(row)
        at = next((k for k, c in enumerate(cells[:named_col + 2]) if model_of(c[0])), None)
        if at is None or (at != 0 and at != named_col and at != named_col - 1):
            continue
        mention = model_of(cells[at][0])
        shift = at - named_col
        for ci, (text, start, end) in enumerate(cells[at + 1:], start=at + 1):
            hi = ci - shift
            if hi >= len(kinds) or kinds[hi] is None or not text:
                continue
            _one(claims, skips, row.number, mention, kinds[hi], header[hi][0], text, start,
                 _label_unit(header[hi][0]), top + " " + getattr(row, "masked", "") +
                 inputsides.cell_side(header, cells, shift))
    return claims, skips


def _continues(header: list, cells: list) -> bool:
    """Whether a row under the header goes on with it: as many cells, the first empty and
    none a figure (``|  | (M) | (G) | (%) |``: the header's units on a row of their own)."""
    return len(cells) == len(header) and not cells[0][0].strip() and \
        any(c[0].strip() for c in cells[1:]) and \
        not any(re.match(r"\s*[~≈]?\s*[0-9]", c[0]) for c in cells)


_NAME_COLUMN = re.compile(r"^(?:(?:models?|networks?|architectures?|nets?)(?:\s+names?)?|names?|"
                          r"모델(?:\s*이름|명)?|네트워크)\s*$", re.I)
# a column of the network without its classifier: "Parameters (FE only)", "backbone"
_FEATURES = re.compile(r"\bFE\b|feature[\s-]*extract|backbone|without\s+(?:the\s+)?"
                       r"(?:fc|classifier|head)|특징\s*추출", re.I)


def _one(claims, skips, line: int, mention: Mention, kind: str, label: str, cell: str,
         start: int, unit: str | None, context: str = "") -> None:
    text = f"{mention.text} | {label} | {cell}"
    got = _cell_figure(cell, kind, unit)
    if got is None and kind == "depth" and _VARIANTS.fullmatch(cell):
        # "VGGNet | 16/19": a family's variants, each figure one of its depths
        for m in re.finditer(r"\d+", cell):
            _one(claims, skips, line, mention, kind, label, m.group(), start + m.start(),
                 unit, context)
        return
    if got is None:
        if re.search(r"\d", cell):
            skips.append(Skip(line, text, "a table cell that is not one figure"))
        return
    num, offset = got
    if kind in COUNTS and (num.value.denominator != 1 or num.unit != 1):
        return
    if kind in ("params", "macs", "flops") and num.unit == 1 and num.value < 1000:
        # "| Params | 25.56 |": no network has parameters or operations by the dozen; the
        # column's scale is written somewhere the reader did not see
        skips.append(Skip(line, text, "unsure: a count under a thousand: its scale is "
                                      "not written beside it"))
        return
    if kind == "features":
        out = parts.features(line, text, num, resolve(mention).specs)
        (claims if isinstance(out, Claim) else skips).append(out)
        return
    nstart = start + offset
    out = judge(kind, num, mention, resolve(mention), line, text, nstart,
                nstart + len(num.text), context)
    if isinstance(out, Claim) and out.verdict == "wrong":
        near = _near(kind, num, mention)
        if near is not None:  # EfficientNet-B2's 9.2M (paper) against 9.1M (torchvision)
            out = Skip(line, text, f"unsure: within {float(NEAR):.0%} of {near}; a paper and an "
                                   "implementation may count the same network differently")
    (claims if isinstance(out, Claim) else skips).append(out)


_VARIANTS = re.compile(r"\d{1,3}(?:\s*[/,]\s*\d{1,3}){1,4}")  # "16/19", "50, 101, 152"
NEAR = Fraction(5, 100)  # a figure this close to a bundled count may be another count's


def _near(kind: str, num: Number, mention: Mention) -> str | None:
    """The spec whose parameters or multiply-adds (or twice them, for FLOPs) ``num`` is
    within ``NEAR`` of, if any; none where a spec is the paper's own network (its figure
    is the paper's: a figure off it is a mistake)."""
    found = [f for f in (figures(name) for name in resolve(mention).specs) if f is not None]
    if any(f.label.endswith("(paper)") for f in found):
        return None
    for f in found:
        values = {"params": [f.params], "macs": [f.macs],
                  "flops": [f.macs, 2 * f.macs]}.get(kind, [])
        if any(v and abs(num.value - v) <= NEAR * v for v in values):
            return f.label
    return None
