"""A named network's convs picked out by their kernel, and a setting stated of them:
``AlexNet's 11x11 convolution uses a stride of 2``, ``VGG16 uses 3x3 convolutions with
stride 1 and padding 1``, ``알렉스넷의 합성곱 계층은 필터 크기가 11 x 11에 스트라이드가 2``.

The convs are those of every bundled spec the name means whose kernel is the one written;
a stride or padding is judged only where all of them share it in every spec (AlexNet's
one 11x11 conv, stride 4; VGG's 3x3 convs, stride 1 and padding 1), never where the
kernel's convs differ (ResNet's 3x3 convs stride 1 or 2) or a spec has none. The setting
must stand in the kernel's own clause (``11x11 with stride 4, but 7x7 with stride 2``: a
clause each), the clause speaks of convolutions and not of pooling, the line names one
network, asks nothing and changes nothing (``ZFNet changed ... to``, ``instead``)."""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.reading.questions import asks
from cnnstat.notes.reading.settings import PAD, POOL_WORD, STRIDE

_KERNEL = re.compile(r"(?<![0-9.,])([1-9][0-9]?)\s*[x×X*]\s*([1-9][0-9]?)(?![0-9.,]?[0-9]|\s*[x×X*])")
_CLAUSE = re.compile(r"[,;()]|[.!?](?:\s|$)|지만|\bbut\b|\bwhile\b|\bwhereas\b|반면")
_CONV = re.compile(r"conv|합성곱|컨볼루션|filter|필터|kernel|커널", re.I)
_OTHER = re.compile(r"chang|instead|replac|modif|대신|바꾸|바꿔|변경|our\b|my\b|"
                    r"depthwise|pointwise|transpos|deconv|dilat", re.I)


@lru_cache(maxsize=256)
def settings(name: str, kernel: int) -> tuple[frozenset[int], frozenset[int]] | None:
    """The strides and paddings of a bundled spec's convs with a ``kernel`` x ``kernel``
    window; None where it has none or does not load."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        rows = analyze(load_bundled(name)).rows
    except Exception:  # noqa: BLE001 - a broken spec is simply not used
        return None
    strides, pads = set(), set()
    for r in rows:
        v = getattr(r.kind, "values", {})
        if r.type == "conv" and v.get("kernel") == (kernel, kernel) and v.get("groups", 1) == 1:
            strides.add(v.get("stride", (1, 1))[0] if len(set(v.get("stride", (1, 1)))) == 1
                        else -1)
            pads.add(v.get("padding", (0, 0))[0] if len(set(v.get("padding", (0, 0)))) == 1
                     else -1)
    return (frozenset(strides), frozenset(pads)) if strides else None


def check_line(number: int, masked: str) -> list[Claim]:
    named = mentions(masked)
    if not named or len({(m.family, m.key) for m in named}) != 1 or asks(masked) or \
            _OTHER.search(masked):
        return []
    mention = named[0]
    specs = resolve(mention).specs
    out: list[Claim] = []
    start = 0
    for end in [m.start() for m in _CLAUSE.finditer(masked)] + [len(masked)]:
        clause, start = masked[start:end], end
        kernels = {int(k.group(1)) for k in _KERNEL.finditer(clause) if k.group(1) == k.group(2)}
        if len(kernels) != 1 or not _CONV.search(clause) or POOL_WORD.search(clause):
            continue
        kernel = kernels.pop()
        found = [(s, settings(s, kernel)) for s in specs]
        if not found or any(got is None for _, got in found):
            continue
        for key, rx, at in (("stride", STRIDE, 0), ("padding", PAD, 1)):
            stated = {int(next(g for g in m.groups() if g)) for m in rx.finditer(clause)}
            truth = {s: got[at] for s, got in found}
            if len(stated) != 1 or any(len(t) != 1 or -1 in t for t in truth.values()):
                continue
            value = stated.pop()
            listing = "; ".join(f"{s} {next(iter(t))}" for s, t in truth.items())
            text = f"{mention.text} {kernel}x{kernel} conv {key} {value}"
            if any(value in t for t in truth.values()):
                out.append(Claim(number, text, "model", str(value), value, "right",
                                 f"the {kernel}x{kernel} convs' {key}: {listing}"))
            else:
                actual = next(iter(next(iter(truth.values()))))
                out.append(Claim(number, text, "model", str(value), actual, "wrong",
                                 f"the {kernel}x{kernel} convs' {key}: {listing}"))
    return out
