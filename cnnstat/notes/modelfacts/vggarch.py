"""A VGG written as its blocks, ``(number of convs, channels)`` per block, the way the d2l
book builds it: ``arch16 = ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512))`` then
``vgg16 = VGG(arch=arch16)``, ``conv_arch_19 = [(2, 64), ...]``.

The network is the VGG whose depth the tuple's name, or the line that names it with
``VGG``/``vgg`` (within ``AHEAD`` lines), gives: 11, 13, 16 or 19 (``arch16``,
``vgg19_arch``, ``vgg16 = VGG(arch=arch16)``); a tuple no such name gives a depth to (the
book's own ``conv_arch``, VGG-11's) is not read. Its blocks are read off the bundled spec
(``vgg16``: the convs of each stage and their width, Simonyan & Zisserman, Table 1):

- right where every block has the spec's convs and widths, or the widths are all the
  spec's divided by one factor (a narrow copy for a small dataset);
- wrong where a block's count of convs differs (``(32, 512)`` for ``(3, 512)``: 42 convs,
  not 13), or a block is added or left out;
- unsure where only the widths differ, and not by one factor.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from cnnstat.notes.claims import Claim, Skip

_PAIR = r"[(\[]\s*(\d{1,3})\s*,\s*(\d{1,4})\s*[)\]]"
_TUPLE = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*=\s*[(\[]\s*(?P<pairs>" + _PAIR +
                    r"(?:\s*,\s*" + _PAIR + r"){3,}\s*,?)\s*[)\]]")
_DEPTH = re.compile(r"(?<![0-9])(11|13|16|19)(?![0-9])")
_VGG = re.compile(r"vgg", re.I)
AHEAD = 3  # lines after the tuple on which a VGG call may name it
NEEDS = ("vgg", "(")


@lru_cache(maxsize=8)
def blocks(spec: str) -> tuple[tuple[int, int], ...]:
    """The bundled VGG's (convs, width) per stage, read off the layer algebra's rows."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        rows = analyze(load_bundled(spec)).rows
    except Exception:  # noqa: BLE001 - a spec that does not load is not used
        return ()
    stages: dict[str, list[int]] = {}
    for r in rows:
        m = re.fullmatch(r"(stage\d+)\.conv\d+", r.name)
        if m:
            stages.setdefault(m.group(1), []).append(r.output[0])
    return tuple((len(w), w[0]) for w in stages.values() if len(set(w)) == 1)


def _pairs(text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in re.findall(_PAIR, text)]


def judge(number: int, name: str, pairs: list[tuple[int, int]], depth: str
          ) -> Claim | Skip | None:
    spec = blocks(f"vgg{depth}")
    if not spec:
        return None
    text = f"VGG-{depth} blocks {name} = {tuple(pairs)}"
    where = f"vgg{depth} (Simonyan & Zisserman, Table 1): {tuple(spec)}"
    convs = sum(n for n, _ in pairs)
    if [n for n, _ in pairs] != [n for n, _ in spec]:
        return Claim(number, text, "model", str(tuple(pairs)), str(tuple(spec)), "wrong",
                     f"{convs} convs in {len(pairs)} blocks build a VGG of {convs + 3} "
                     f"weight layers; {where}", confidence=0.9)
    ratios = {Fraction(w, c) for (_, c), (_, w) in zip(pairs, spec)}
    if len(ratios) == 1:
        scale = next(iter(ratios))
        how = "" if scale == 1 else f", each width the spec's divided by {scale}"
        return Claim(number, text, "model", str(tuple(pairs)), str(tuple(spec)), "right",
                     f"{where}{how}")
    return Skip(number, text, f"unsure: the convs are {where}, the widths another's")


class Pending:
    """A tuple of blocks whose name gives no VGG yet, for a call below that names it."""

    def __init__(self) -> None:
        self.held: tuple[int, str, list[tuple[int, int]]] | None = None

    def check_line(self, number: int, raw: str) -> list[Claim | Skip]:
        out: list[Claim | Skip] = []
        if self.held is not None:
            at, name, pairs = self.held
            if number - at > AHEAD:
                self.held = None
            elif re.search(rf"(?<!\w){re.escape(name)}(?!\w)", raw) and _VGG.search(raw):
                depth = _DEPTH.search(raw[:raw.find(name)]) or _DEPTH.search(name)
                self.held = None
                got = judge(at, name, pairs, depth.group(1)) if depth else None
                out += [got] if got else []
        m = _TUPLE.search(raw)
        if m is None:
            return out
        name, pairs = m.group("name"), _pairs(m.group("pairs"))
        depth = _DEPTH.search(name)
        if depth and (_VGG.search(raw) or _VGG.search(name)):
            got = judge(number, name, pairs, depth.group(1))
            return out + ([got] if got else [])
        self.held = (number, name, pairs)
        return out
