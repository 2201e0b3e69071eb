"""The map a network's layer gives, the layer called by the name its paper gives it (LeNet-5's
``C1``, ``S2``, ``C3``, ``S4``, ``C5``): ``the output of layer S2 is 14x14x6``, ``C1 feature
maps are 28x28``, ``S4 → 5x5x16`` in a note on LeNet-5.

The network is the one the line names, else its section's; only a bundled spec whose rows
carry such names (an upper-case letter and a digit) is read, and the map is that row's
output through the layer algebra (``analysis.analyze``). The line names one such layer before
one map (``H x W`` or ``H x W x C``, channels last or first), with no number, kernel word or
other layer between and nothing of another input (a small image, a changed network, a
question). Right where a spec the name means gives that map, unsure where it is the map of
an unpadded MNIST picture (28x28, the input LeNets are most often fed in notes), wrong
otherwise.

So is a sentence on what the network's k-th conv outputs (``The output volume of the first
conv layer is 224x224x64``, ``conv1``, ``3rd convolutional layer``; ``nthconv``'s names), its
map the one after the conv's name, where the line also states the spec's own input (``The
input to the first conv layer in VGG16 is a 224x224x3 image``): a note that gives the
network another input is not read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.factjudge import CHANGED, SMALL_IMAGES
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.modelfacts.nthconv import _NAMED, _OURS, _which
from cnnstat.notes.reading.questions import asks

_NAME = r"(?<![\w-])[A-Z][1-9](?![\w-])"
_LABEL = re.compile(_NAME)
NEEDS = _NAME + r"|(?i:conv)"  # a layer's name, or a conv's order
# a map, written with x (not a product in a calculation: "(5*5*1 + 1)*6", "5x5x16 + 1")
_MAP = re.compile(r"(?<![0-9.,(*/+-])(?<![(*/+-]\s)(\d{1,3})\s*[x×X]\s*(\d{1,3})"
                  r"(?:\s*[x×X]\s*(\d{1,4}))?(?![0-9.,]?[0-9]|\s*[x×X*]\s*\d|\s*(?:[-+*/=]\s*[0-9(]|\)))")
# between the name and its map: what the layer gives, not a window, a count or its input
_NOT_BETWEEN = re.compile(r"\d|[.;?!](?:\s|$)|kernel|filter|window|neighbo|input|from|\bon\b|"
                          r"\bof\s+(?:a|an|the)\b|connect|subset|->|→", re.I)
_KERNEL_AFTER = re.compile(r"\s*\)?\s*(?:filters?|kernels?|windows?|neighbo|convolution|pool)",
                           re.I)


@lru_cache(maxsize=32)
def spec_rows(spec: str) -> tuple:
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        return tuple(analyze(load_bundled(spec)).rows)
    except Exception:  # noqa: BLE001 - a broken spec is simply not used
        return ()


def _named_maps(spec: str) -> dict[str, tuple[int, int, int]]:
    """A bundled spec's rows named as a paper names them, with their (C, H, W) outputs."""
    return {r.name: tuple(r.output) for r in spec_rows(spec)
            if re.fullmatch(_LABEL.pattern, r.name) and len(r.output) == 3}


# the other input a note may feed a network whose layers it names: an MNIST digit, unpadded
_OTHER_SIDES = (28,)


@lru_cache(maxsize=32)
def other_maps(spec: str) -> dict[str, set[tuple[int, int, int]]]:
    """The named rows' outputs from the ``_OTHER_SIDES`` inputs, as far as the chain goes."""
    rows = spec_rows(spec)
    out: dict[str, set[tuple[int, int, int]]] = {}
    if not rows or len(rows[0].input) != 3 or not all(len(r.inputs) <= 1 for r in rows):
        return out
    for side in _OTHER_SIDES:
        shape = (rows[0].input[0], side, side)
        for r in rows:
            try:
                shape = tuple(r.kind.apply(shape).output)
            except Exception:  # noqa: BLE001 - the chain stops where the input is too small
                break
            if len(shape) == 3 and re.fullmatch(_NAME, r.name):
                out.setdefault(r.name, set()).add(shape)
    return out


def _conv_maps(spec: str) -> tuple[tuple[int, int, int], dict[str, tuple[int, int, int]]]:
    """A chain spec's input and its convs' outputs by their order (``"1"``, ``"2"``...)."""
    rows = spec_rows(spec)
    if not rows or not all(len(r.inputs) <= 1 for r in rows) or len(rows[0].input) != 3:
        return (0, 0, 0), {}
    outs = [tuple(r.output) for r in rows if r.type == "conv" and len(r.output) == 3]
    return tuple(rows[0].input), {str(k): o for k, o in enumerate(outs, 1)}


_SENTENCE = re.compile(r"[^.!?]+(?:[.!?](?!\d)|$)")
_OUTPUT = re.compile(r"\boutput|\bgives\b|\bproduces\b", re.I)
_ELSEWHERE = re.compile(r"pool|\bfc\b|fully|dense|linear|param|weight", re.I)


def _kth_conv(masked: str, network: Mention) -> list[Claim | Skip]:
    """The k-th conv's output where the line states the spec's own input."""
    specs = [(s, *_conv_maps(s)) for s in resolve(network).specs]
    specs = [x for x in specs if x[2]]
    maps = [(int(m.group(1)), int(m.group(2)), m.group(3)) for m in _MAP.finditer(masked)]
    if not specs or not any((a, b) == x[1][1:] and c in (None, str(x[1][0]))
                            for x in specs for a, b, c in maps):
        return []
    for sentence in _SENTENCE.finditer(masked):
        text = sentence.group(0)
        k = _which(text)
        named = _NAMED.search(text)
        if k is None or not _OUTPUT.search(text[:named.start()] + text[named.end():]) or \
                _ELSEWHERE.search(text):
            continue
        found = list(_MAP.finditer(text, named.end()))
        if len(found) != 1 or _KERNEL_AFTER.match(text, found[0].end()):
            continue
        return _judged(found[0], str(k), f"conv{k}", [(s, convs) for s, _, convs in specs],
                       network)
    return []


def _judged(m, name: str, shown: str, specs, network: Mention) -> list[Claim | Skip]:
    a, b, c = (int(g) if g else None for g in m.groups())
    truths = [(s, maps[name]) for s, maps in specs if name in maps]
    if not truths:
        return []
    ok = [s for s, (ch, h, w) in truths if (a, b) == (h, w) and c in (None, ch) or
          (a, b, c) == (ch, h, w)]
    listing = "; ".join(f"{s} {shown}: {h}x{w}x{ch}" for s, (ch, h, w) in truths)
    text = f"{network.text} {shown} map {m.group(0)}"
    if ok:
        return [Claim(0, text, "model", m.group(0), m.group(0), "right", listing)]
    other = {o for s, _ in specs for o in other_maps(s).get(name, ())}
    if any((a, b) == (h, w) and c in (None, ch) for ch, h, w in other):
        return [Skip(0, text, "unsure: the map of an unpadded 28x28 input (MNIST), not the "
                              "paper's 32x32")]
    ch, h, w = truths[0][1]
    want = f"{h}x{w}" + (f"x{ch}" if c is not None else "")
    return [Claim(0, text, "model", m.group(0), want, "wrong", listing)]


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim | Skip]:
    named = mentions(masked)
    if len({(m.family, m.key) for m in named}) > 1:
        return []
    network = named[0] if named else heading
    if network is None or asks(masked) or SMALL_IMAGES.search(masked) or \
            CHANGED.search(masked) or _OURS.search(masked):
        return []
    specs = [(s, _named_maps(s)) for s in resolve(network).specs]
    specs = [(s, maps) for s, maps in specs if maps]
    out = []
    for label in _LABEL.finditer(masked) if specs else ():
        name = label.group(0)
        m = _MAP.search(masked, label.end())
        if m is None or not any(name in maps for _, maps in specs):
            continue
        between = masked[label.end():m.start()]
        if len(between) > 50 or _NOT_BETWEEN.search(between) or \
                _LABEL.search(between) or _KERNEL_AFTER.match(masked, m.end()) or \
                _MAP.search(masked, m.end()):
            continue
        out += _judged(m, name, name, specs, network)
    if not out and not specs and _NAMED.search(masked):
        out = _kth_conv(masked, network)
    return [c._replace(line=number) for c in out]


__all__ = ["NEEDS", "check_line"]
