"""A conv set out in a sentence, not in code: its filters, kernel and input channels.

``a conv layer with ten 5x5 filters on a 32x32x3 input``, ``16 filters of 3x3``, ``5x5 필터
10개``: the one conv a sentence (a quiz's question) sets out, read with the input channels
of the one H x W x C map the sentence gives it (called an input, or what the conv runs on;
a map written as what the conv gives is its output). Two convs, two maps or a kernel that
is not square: nothing is read. ``intent`` judges a count of the conv as a coded one's.
"""

from __future__ import annotations

import re

from cnnstat.notes.maps.walkthrough import INPUT_AFTER, ON

# a conv in words: "a conv layer with ten 5x5 filters", "16 filters of 3x3", "5x5 필터 10개";
# its input channels from the one H x W x C map the sentence gives it
_WORD_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8,
                "ten": 10, "twelve": 12, "sixteen": 16, "twenty": 20, "thirty-two": 32}
_KSQ = r"([0-9]{1,2})\s*[x×]\s*([0-9]{1,2})(?!\s*[x×]\s*[0-9])"
_PROSE_CONV = [
    re.compile(r"(?<![0-9A-Za-z.])(?P<n>[0-9]{1,4}|" + "|".join(_WORD_COUNTS) + r")\s+" + _KSQ
               + r"\s+(?:conv\w*\s+)?(?:filters|kernels)", re.I),
    re.compile(r"(?<![0-9A-Za-z.])(?P<n>[0-9]{1,4}|" + "|".join(_WORD_COUNTS) + r")\s+"
               r"(?:filters|kernels)\s+(?:of\s+(?:size\s+)?)?" + _KSQ, re.I),
    re.compile(_KSQ + r"\s*(?:크기의?\s*)?(?:필터|커널)\s*(?P<n>[0-9]{1,4})\s*개"),
    re.compile(r"(?P<n>[0-9]{1,4})\s*개의?\s*" + _KSQ + r"\s*(?:크기의?\s*)?(?:필터|커널)"),
]
_MAP3 = re.compile(r"(?<![0-9.])([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})\s*[x×]\s*([0-9]{1,4})"
                   r"(?![0-9]|\s*[x×]\s*[0-9])")
_IMAGE_AFTER = re.compile(r"\s*(?:(?:RGB|colou?r)\s+)?(?:images?|이미지)", re.I)


def prose_conv(masked: str) -> tuple[int, int, int] | None:
    """(filters, k, input channels) of the one conv a sentence sets out on a map."""
    found = set()
    for rx in _PROSE_CONV:
        for m in rx.finditer(masked):
            n = m.group("n").lower()
            ks = [g for g in m.groups() if g and g.isdigit() and g != m.group("n")]
            if len(set(ks)) != 1:
                return None
            found.add((_WORD_COUNTS.get(n) or int(n), int(ks[0])))
    # the map the conv runs on: called an input ("a 32x32x3 input", "입력 32x32x3"); a map
    # written as what the conv gives (→ 13x13x384) is its output, not its input
    maps = {int(m.group(3)) for m in _MAP3.finditer(masked) if m.group(1) == m.group(2)
            and (ON.search(masked[max(0, m.start() - 16):m.start()])
                 or INPUT_AFTER.match(masked, m.end()) or _IMAGE_AFTER.match(masked, m.end()))}
    if len(found) != 1 or len(maps) != 1:
        return None
    (n, k), = found
    return n, k, maps.pop()
