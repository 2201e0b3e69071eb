"""The kernel size a note gives a network, where no one layer is named: ``LeNet-5's kernels
are 5x5``, under a LeNet-5 heading ``커널 사이즈는 3 by 3``, ``VGG uses 3x3 filters``.

Judged against the windows of the network's convs and pools in every bundled spec the
name means, or, on a line naming several networks, in each sentence naming one of them
(the kernel of a pooling layer is a kernel too: LeNet-5's subsampling is 2x2):
right when some layer has it, wrong only when none of any spec does (LeNet-5 has 5x5
convs and 2x2 pools, no 3x3). "3x3 filters" with no network named in the line is a worked
case's, not the section's network's. Skipped where the line changes the network or speaks of
an implementation of its own (our, this code, Keras, instead, ...), asks, or gives more
than one size."""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve
from cnnstat.notes.reading.questions import asks

# "kernel size is 3x3", "커널 사이즈는 3 by 3", "3x3 kernels", "5 x 5 필터를 사용"
_SIZE = r"(?<![0-9.,])([1-9][0-9]?)\s*(?:[x×X*]|by)\s*([1-9][0-9]?)(?![0-9.,]?[0-9]|\s*(?:[x×X*]|by))"
_SAID = re.compile(r"(?:kernel|filter|커널|필터)s?\s*(?:의\s*)?(?:size|크기|사이즈)\s*(?:은|는|이|가|"
                   r"of|is|are|was|were|=|:)?\s*(?:all\s+|모두\s*)?" + _SIZE +
                   r"|" + _SIZE + r"\s*(?:크기의?\s*)?(?:kernels|filters|커널|필터)"
                   # "its convolution kernels are 7 * 7 in size", "its kernels are 5x5"
                   r"|(?:size\s+of\s+(?:the\s+|its\s+|each\s+)?(?:conv\w*\s+)?(?:kernel|filter)s?|"
                   r"(?:kernel|filter)s)\s+(?:is|are|was|were)\s+(?:all\s+)?" + _SIZE, re.I)
_OWN = re.compile(r"chang|instead|replac|modif|reduc|shrunk|smaller|larger|bigger|줄[였인여]|감소|"
                  r"our\b|my\b|this\s+(?:code|notebook|model|"
                  r"implementation|version)|keras|pytorch|tensorflow|torch|implement|code|"
                  r"대신|바꾸|바꿔|변경|구현|코드|depthwise|pointwise|transpos|deconv|dilat|"
                  r"stride|padding|스트라이드|패딩|suppose|assum|\bif\b|e\.g\.|example|가정|만약|예를|"
                  r"예시|라면", re.I)
# a list of sizes that ends where the one size said begins: "11x11, 7x7 and 5x5 kernels"
_PLAIN = r"(?<![0-9.,])[1-9][0-9]?\s*(?:[x×X*]|by)\s*[1-9][0-9]?(?![0-9])"
_RUN = re.compile(r"(?:" + _PLAIN + r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*(?:와|과|및|,)\s*))+$",
                  re.I)
_ONE = re.compile(r"([1-9][0-9]?)\s*(?:[x×X*]|by)\s*([1-9][0-9]?)", re.I)
# a list in brackets right after the network whose kernels it gives: "the larger kernels in
# AlexNet (11x11, 7x7, 5x5)", "filters used by ZFNet (7x7, 5x5, 3x3)"
_ATTACHED = re.compile(r"(?:kernels|filters)\s+(?:in|of|used\s+(?:in|by))\s+(?P<net>[A-Za-z][\w-]{1,20}?)"
                       r"(?:'s)?\s*\(\s*(?P<list>" + _PLAIN + r"(?:\s*,\s*(?:and\s+)?" + _PLAIN +
                       r"){1,5})\s*\)", re.I)
_LAYER = re.compile(r"\b(?:first|second|third|last|final|conv\d|c\d|layer\s*\d)|첫|두\s*번째|"
                    r"마지막|\d+\s*번째", re.I)


def spec_rows(name: str) -> list | None:
    """The rows of a bundled spec through the layer algebra; None if it does not load."""
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load_bundled

    try:
        return analyze(load_bundled(name)).rows
    except Exception:  # noqa: BLE001 - a broken spec is simply not used
        return None


@lru_cache(maxsize=512)
def square_settings(name: str, kinds: tuple[str, ...], keys: tuple[str, ...],
                    defaults: tuple) -> frozenset[tuple[int, ...]] | None:
    """The settings ``keys`` (kernel, stride, padding, ...) of a bundled spec's layers of
    ``kinds``, square each (one side each way), a ``defaults`` value where a key is unset;
    None if the spec does not load."""
    rows = spec_rows(name)
    if rows is None:
        return None
    out = set()
    for r in rows:
        if type(r.kind).__name__ not in kinds:
            continue
        got = [r.kind.values.get(k) or d for k, d in zip(keys, defaults)]
        got = [r.kind.values.get("kernel") if g == "kernel" else g for g in got]
        if all(isinstance(x, tuple) and len(set(x)) == 1 for x in got):
            out.add(tuple(x[0] for x in got))
    return frozenset(out)


@lru_cache(maxsize=256)
def windows(name: str) -> frozenset[int] | None:
    """The square windows of a bundled spec's convs and pools; None if it does not load."""
    rows = spec_rows(name)
    if rows is None:
        return None
    out = set()
    for r in rows:
        k = getattr(r.kind, "values", {}).get("kernel")
        if isinstance(k, tuple) and len(set(k)) == 1:
            out.add(k[0])
    return frozenset(out)


# a sentence's end: a line of several sentences may speak of one network in each
SENTENCE = re.compile(r"(?<=[a-z0-9)][.;!?])\s+(?=[A-Z>*])|(?<=[.;!?])\s*[,.]?\s+(?=[A-Z])")


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim]:
    got = _attached(number, masked)
    if got:
        return got
    got = _judge(number, masked, heading)
    if got or len({(m.family, m.key) for m in mentions(masked)}) < 2:
        return got
    # "... in AlexNet ... the kernel is 7 * 7. In VGGNet ... the kernel is 3 * 3": each
    # sentence that names one network, on its own (no heading: the line names its own)
    out: list[Claim] = []
    for part in SENTENCE.split(masked):
        if len({(m.family, m.key) for m in mentions(part)}) == 1:
            out += _judge(number, part, None)
    return out


def _judge(number: int, masked: str, heading: Mention | None) -> list[Claim]:
    said = list(_SAID.finditer(masked))
    if len(said) != 1 or asks(masked) or _OWN.search(masked) or _LAYER.search(masked):
        return []
    named = mentions(masked)
    if len({(m.family, m.key) for m in named}) > 1 or (not named and heading is None):
        return []
    mention = named[0] if named else heading
    m = said[0]
    a, b = m.group(1) or m.group(3) or m.group(5), m.group(2) or m.group(4) or m.group(6)
    if a != b or (m.group(3) and not named):
        return []  # "5x5 필터로 1회 연산": filters of a worked case, unless a network has them
    run = _RUN.search(masked, 0, m.start()) if m.group(3) else None
    listed = [(int(x), int(y)) for x, y in _ONE.findall(run.group(0))] if run else []
    if any(x != y for x, y in listed):
        return []
    return _sizes(number, mention, [x for x, _ in listed] + [int(a)])


def _attached(number: int, masked: str) -> list[Claim]:
    """A list in brackets right after the one network it is of (``kernels in AlexNet
    (11x11, 7x7, 5x5)``), whatever else the line names or says of it."""
    got = _ATTACHED.search(masked)
    if got is None or asks(masked):
        return []
    named = [x for x in mentions(masked) if x.start == got.start("net")]
    sizes = [(int(x), int(y)) for x, y in _ONE.findall(got.group("list"))]
    if len(named) != 1 or any(x != y for x, y in sizes):
        return []
    return _sizes(number, named[0], [x for x, _ in sizes])


def _sizes(number: int, mention: Mention, kernels: list[int]) -> list[Claim]:
    """The sizes said of a network's kernels: right where a layer of a spec has each,
    wrong where one of them no layer of any spec the name means has."""
    found = {s: windows(s) for s in resolve(mention).specs}
    if not found or any(w is None or not w for w in found.values()):
        return []
    listing = "; ".join(f"{s} " + ", ".join(f"{k}x{k}" for k in sorted(w))
                        for s, w in found.items())
    missing = [k for k in kernels if not any(k in w for w in found.values())]
    if len(kernels) > 1:
        said = ", ".join(f"{k}x{k}" for k in kernels)
        text = f"{mention.text}: kernels {said}"
        if not missing:
            return [Claim(number, text, "model", said, said, "right", f"a layer's window each: {listing}")]
        return [Claim(number, text, "model", said, ", ".join(f"{k}x{k}" for k in kernels
                                                             if k not in missing),
                      "wrong", f"no conv or pool of {mention.text} has a "
                               f"{missing[0]}x{missing[0]} window: {listing}")]
    kernel = kernels[0]
    text = f"{mention.text}: kernel {kernel}x{kernel}"
    if any(kernel in w for w in found.values()):
        return [Claim(number, text, "model", f"{kernel}x{kernel}", f"{kernel}x{kernel}",
                      "right", f"a layer's window: {listing}")]
    first = ", ".join(f"{k}x{k}" for k in sorted(next(iter(found.values()))))
    return [Claim(number, text, "model", f"{kernel}x{kernel}", first,
                  "wrong", f"no conv or pool of {mention.text} has a {kernel}x{kernel} "
                           f"window: {listing}")]
