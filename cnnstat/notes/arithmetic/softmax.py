"""A softmax worked out on a vector the note gives:

    z = [2.0, 1.0, 0.1]
    softmax(z) = [0.66, 0.24, 0.10]                     right to the digits written
    softmax([1, 2, 3]) = [0.09, 0.24, 0.67]             right
    소프트맥스(z) = [0.15, 0.01, 0.60]                     judged against z's softmax

``softmax(z)_i = exp(z_i) / Σ_j exp(z_j)``. The vector is the one written in the brackets,
or the last one given its name (``z = [...]``) on the line or up to ``SPAN`` lines above;
a vector left partly unwritten (``...``, ``…``) or of another length than the result is
not read. Each value is held to the digits written: right where every one is the true
value rounded to its decimals (within half a unit of its last place, and a little more
for a value rounded from a rounded sum); wrong where one is off by more than one and a
half units of its last place; unsure (nothing said) in between.
"""

from __future__ import annotations

import math
import re

from cnnstat.notes.claims import Claim

NEEDS = ("softmax", "소프트맥스", "[")
SPAN = 6

_NUM = r"[-−]?\d+(?:\.\d+)?"
_VECTOR = r"\[\s*(" + _NUM + r"(?:\s*,\s*" + _NUM + r")*)\s*\]"
_NAMED = re.compile(r"(?<![\w.])([A-Za-z]\w{0,5})\s*=\s*" + _VECTOR)
_SOFTMAX = re.compile(r"(?:softmax|소프트맥스)\s*\(\s*(?:([A-Za-z]\w{0,5})|" + _VECTOR + r")\s*\)"
                      r"\s*(?:=|≈|→|->)\s*" + _VECTOR, re.I)
_PARTIAL = re.compile(r"\.\.\.|…")


def _values(text: str) -> list[float]:
    return [float(v.replace("−", "-")) for v in re.split(r"\s*,\s*", text.strip())]


def _decimals(text: str) -> list[int]:
    return [len(v.split(".")[1]) if "." in v else 0 for v in re.split(r"\s*,\s*", text.strip())]


class Softmax:
    """The vectors named on the lines read so far: name -> (line, values)."""

    def __init__(self) -> None:
        self.named: dict[str, tuple[int, str]] = {}

    def check_line(self, number: int, masked: str) -> list[Claim]:
        out: list[Claim] = []
        if "[" not in masked:
            return out
        low = masked.lower()
        found = list(_SOFTMAX.finditer(masked)) if "softmax" in low or "소프트맥스" in low else []
        cut = found[0].start() if found else len(masked)
        for m in _NAMED.finditer(masked, 0, cut):  # the vectors given before the softmax
            if not _PARTIAL.search(masked, m.end(), m.end() + 4):
                self.named[m.group(1)] = (number, m.group(2))
        for m in found:
            vector = m.group(2)
            if vector is None:
                line, vector = self.named.get(m.group(1), (-SPAN - 1, ""))
                if number - line > SPAN:
                    continue
            got = self._judge(number, masked, m, vector)
            if got is not None:
                out.append(got)
        if len(self.named) > 16:
            del self.named[next(iter(self.named))]
        return out

    def _judge(self, number: int, masked: str, m: re.Match, vector: str) -> Claim | None:
        z, said, places = _values(vector), _values(m.group(3)), _decimals(m.group(3))
        if len(z) != len(said) or len(z) < 2 or max(places) == 0:
            return None
        top = max(z)
        exps = [math.exp(v - top) for v in z]
        total = sum(exps)
        true = [e / total for e in exps]
        off = [abs(s - t) / 10 ** -d for s, t, d in zip(said, true, places)]
        shown = "[" + ", ".join(f"{t:.{max(d, 2)}f}" for t, d in zip(true, places)) + "]"
        text = " ".join(m.group(0).split())[:120]
        claimed = "[" + m.group(3).strip() + "]"
        if all(o <= 0.6 for o in off):
            return Claim(number, text, "arithmetic", claimed, shown, "right",
                         f"softmax of [{vector.strip()}]: exp(z_i) / sum of exp(z_j)")
        if max(off) > 1.5:
            worst = max(range(len(off)), key=off.__getitem__)
            written = re.split(r"\s*,\s*", m.group(3).strip())
            return Claim(number, text, "arithmetic", claimed, shown, "wrong",
                         f"softmax of [{vector.strip()}]: exp(z_i) / sum of exp(z_j); entry "
                         f"{worst + 1} is {true[worst]:.3f}, not {written[worst]}", shown=shown)
        return None


__all__ = ["Softmax", "NEEDS"]
