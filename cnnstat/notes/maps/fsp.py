"""A layer written in the course notation ``f``, ``s``, ``p`` between two maps:
``5x5x2 → f=3, s=1 max pool → 3x3x2``, ``32x32x3 → conv f=5, s=1, 8 filters → 28x28x8``,
``$28\\times28\\times8 \\to$ $f=2, s=2$ max pool $\\to 14\\times14\\times8$``.

``f`` is the window, ``s`` the stride, ``p`` the padding (``same``: the kernel's half;
none: 0). The output is the layer algebra's (``cnnstat.layers``): a pool keeps the
channels, a conv makes as many as its filters (read only where the filters are stated;
else only the width and height are judged). Read only where the stride is stated and
both maps are square.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.reading.settings import POOL_WORD
from cnnstat.notes.signs import Gated

NEEDS = Gated(("=",), r"(?<![A-Za-z])f\s*=\s*\d", re.I)
CONFIDENCE = 0.9  # the layer is read from its letters; the algebra is a rule
_SIZE = r"(\d{1,4})\s*[x×]\s*(\d{1,4})(?:\s*[x×]\s*(\d{1,5}))?(?![0-9])"
_ARROW = r"(?:→|->|⇒|=>|⟶)"
_STEP = re.compile(r"(?<![0-9.])" + _SIZE + r"\s*" + _ARROW + r"([^→⇒]{1,80}?)" + _ARROW +
                   r"\s*(?=" + _SIZE + ")")
_NEXT = re.compile(_SIZE)
_F = re.compile(r"(?<![A-Za-z])f\s*=\s*(\d{1,2})(?![0-9])", re.I)
_S = re.compile(r"(?<![A-Za-z])s\s*=\s*(\d{1,2})(?![0-9])", re.I)
_P = re.compile(r"(?<![A-Za-z])p\s*=\s*(\d{1,2})(?![0-9])", re.I)
_SAME = re.compile(r"\bsame\b", re.I)
_FILTERS = re.compile(r"(\d{1,4})\s*(?:filters|kernels|개의?\s*필터|개)|필터\s*(\d{1,4})\s*개",
                      re.I)


def _plain(masked: str) -> str:
    return masked.replace("\\times", "×").replace("\\to", "→").replace("¦", " ")


def check_line(number: int, masked: str) -> list[Claim]:
    text = _plain(masked)
    out = []
    for m in _STEP.finditer(text):
        mid = m.group(4)
        nxt = _NEXT.match(text, m.end())
        fs, ss, ps = _F.findall(mid), _S.findall(mid), _P.findall(mid)
        if len(fs) != 1 or len(ss) != 1 or len(ps) > 1 or nxt is None:
            continue
        h, w, c = m.group(1), m.group(2), m.group(3)
        oh, ow, oc = nxt.group(1), nxt.group(2), nxt.group(3)
        if h != w or oh != ow:
            continue
        f, s = int(fs[0]), int(ss[0])
        pad = int(ps[0]) if ps else ((f - 1) // 2 if _SAME.search(mid) else 0)
        pool = bool(POOL_WORD.search(mid))
        filters = [int(a or b) for a, b in _FILTERS.findall(_F.sub(" ", _S.sub(" ", mid)))]
        got = _apply(int(h), f, s, pad, pool)
        if got is None:
            continue
        channels = (int(c) if c else None) if pool else (filters[0] if len(filters) == 1
                                                         else None)
        want = f"{got}x{got}" + (f"x{channels}" if channels is not None and oc else "")
        stated = f"{oh}x{ow}" + (f"x{oc}" if channels is not None and oc else "")
        what = f"{'pool' if pool else 'conv'} f={f} s={s} p={pad}"
        ok = want == stated
        out.append(Claim(number, f"{m.group(0).strip()} {nxt.group(0)}", "shape", stated, want,
                         "right" if ok else "wrong",
                         f"layer algebra: {what} on {h}x{w}" + ("" if ok else
                                                               f" gives {want}, not {stated}"),
                         confidence=CONFIDENCE))
    return out


def _apply(size: int, f: int, s: int, pad: int, pool: bool) -> int | None:
    from cnnstat.errors import SpecError
    from cnnstat.layers import KINDS

    try:
        if pool:
            layer = KINDS["maxpool"].make({"kernel": f, "stride": s, "padding": pad})
        else:
            layer = KINDS["conv"].make({"out": 1, "kernel": f, "stride": s, "padding": pad})
        return layer.apply((1, size, size)).output[1]
    except SpecError:
        return None
