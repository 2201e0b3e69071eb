"""Where a VGG's named layers stand in torchvision's ``features``: ``conv4_2`` is
``vgg19.features[21]``. Notes on style transfer and feature extraction list them::

    : conv1_1, conv1_2 --> 0, 2                       (names, then their indices)
    layers = {'0': 'conv1_1', '19': 'conv4_1', '21': 'conv4_2'}
    conv4_2 (features[21]) holds the content

A name ``convX_Y`` (``reluX_Y``) is the Y-th conv (ReLU) of stage X, ``poolX`` its pool;
its index is its place among the layers of the bundled spec, a twin of torchvision's
``features`` (``vgg19``, ``vgg16_bn``). The network is the one the line names, else its
section's; only a VGG named with its depth is read (VGG-16's and VGG-19's indices part
after stage 3). A conv's index one short of the ReLU after it is that ReLU's, the output
some take for the conv's: unsure, not wrong."""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.signs import Gated

NEEDS = Gated(("conv", "relu", "pool"), r"(?:conv|relu|pool)[1-5](?:_[1-4])?")
_NAME = r"(?P<kind>conv|relu|pool)(?P<stage>[1-5])(?:_(?P<nth>[1-4]))?(?![0-9_])"
# '21': 'conv4_2' / 21: "conv4_2"; 'conv4_2': 21; conv4_2 (features[21]); features[21] (conv4_2)
_PAIRS = re.compile(r"(?P<q1>['\"]?)(?P<i1>[0-9]{1,2})(?P=q1)\s*:\s*['\"]" + _NAME + r"['\"]|"
                    r"['\"]" + _NAME.replace("?P<", "?P<b") + r"['\"]\s*:\s*['\"]?"
                    r"(?P<i2>[0-9]{1,2})(?![0-9.])|"
                    + _NAME.replace("?P<", "?P<c") + r"\s*\(?\s*(?:=|is|:|가|는|은|이)?\s*(?:[\w.]*\.)?"
                    r"features\s*\[\s*(?P<i3>[0-9]{1,2})\s*\]", re.I)
_ARROW = re.compile(r"(?P<names>(?:(?:conv|relu|pool)[1-5](?:_[1-4])?\s*,\s*)*"
                    r"(?:conv|relu|pool)[1-5](?:_[1-4])?)\s*(?:-+>|→|=>)\s*"
                    r"(?P<idx>[0-9]{1,2}(?:\s*,\s*[0-9]{1,2})*)(?![0-9])", re.I)

_INDEX_WORD = re.compile(r"ind(?:ex|ices)|\bidx|features|인덱스|번째|번호", re.I)


@lru_cache(maxsize=16)
def positions(spec: str) -> dict[str, int]:
    """``conv4_2`` -> its index in the spec's features (the layers of its stages)."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        rows = analyze(load_bundled(spec)).rows
    except Exception:  # noqa: BLE001 - a broken spec is simply not used
        return {}
    out = {}
    for i, r in enumerate(x for x in rows if x.name.startswith("stage")):
        m = re.fullmatch(r"stage([1-5])\.(conv|relu|pool)([1-4])", r.name)
        if m:
            key = f"{m.group(2)}{m.group(1)}" + ("" if m.group(2) == "pool" else f"_{m.group(3)}")
            out[key] = i
    return out


def _pairs(masked: str) -> list[tuple[str, int, bool]]:
    """(layer name, index, whether the form says it is an index) of each pair the line
    writes: a quoted dict entry or ``features[i]`` says so; ``conv1_1, conv1_2 --> 0, 2``
    may map the names to any figure (a receptive field, a size)."""
    out = []
    for m in _PAIRS.finditer(masked):
        g = m.groupdict()
        for p, i in (("", "i1"), ("b", "i2"), ("c", "i3")):
            if g.get(i) is not None:
                name = (g[p + "kind"] + g[p + "stage"] + (f"_{g[p + 'nth']}" if g[p + "nth"]
                                                          else "")).lower()
                # a name's value may be any figure (a style weight); an index's name, or
                # features[i], is an index
                out.append((name, int(g[i]), i != "i2"))
    # a name then a number ("conv3_1 → 56") is as often its size or its width: an index
    # only where the line says indices, or in a code comment that maps a list of names to
    # as many numbers
    said, comment = _INDEX_WORD.search(masked), masked.lstrip().startswith("#")
    for m in _ARROW.finditer(masked) if said or comment else ():
        names = re.findall(r"[a-z]+[1-5](?:_[1-4])?", m.group("names").lower())
        if not said and len(names) < 2:
            continue
        idx = [int(x) for x in re.findall(r"[0-9]+", m.group("idx"))]
        if len(names) == len(idx):
            out += [(n, i, False) for n, i in zip(names, idx)]
    return out


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim | Skip]:
    """Each (name, index) pair of the line (``masked``: the raw line, code and links kept)
    against the spec of the VGG it is about."""
    pairs = _pairs(masked)
    if not pairs:
        return []
    named = [m for m in mentions(masked) if m.family == "vgg" and m.number]  # not vgg.features
    mention = named[0] if len({m.key for m in named}) == 1 else None if named else heading
    if mention is None or mention.family != "vgg" or not mention.number:
        return []
    # the network itself, torchvision's twin: not another configuration (vgg16-c) nor,
    # unless named, the one with batch norm (its indices run on by a layer a conv)
    bn = mention.text.lower().rstrip().endswith("bn")
    specs = [s for s in resolve(mention).specs if positions(s) and
             re.fullmatch(rf"vgg{mention.number}(?:_bn)?", s) and ("_bn" in s) == bn]
    out: list[Claim | Skip] = []
    # names mapped to figures by an arrow are indices only where one of them is one
    listing_ok = any(index in {positions(s).get(name) for s in specs}
                     for name, index, said in pairs if not said)
    for name, index, said in pairs:
        truth = {s: positions(s).get(name) for s in specs}
        if not truth or None in truth.values() or not (said or listing_ok):
            continue
        listing = "; ".join(f"{s}.features[{i}]" for s, i in truth.items())
        text = f"{mention.text} {name} at {index}"
        if index in truth.values():
            out.append(Claim(number, text, "model", str(index), index, "right",
                             f"{name} is {listing}"))
        elif name.startswith("conv") and index - 1 in truth.values():
            out.append(Skip(number, text, f"unsure: {index} is the ReLU after {name} "
                                          f"({listing}), taken for its output?"))
        else:
            actual = next(iter(truth.values()))
            out.append(Claim(number, text, "model", str(index), actual, "wrong",
                             f"{name} is {listing}"))
    return out
