"""``--budget``: memory sizes as a user types them, and the largest batch that fits.

Units are named as they are defined: **GB = 10^9 bytes, GiB = 2^30 bytes** (likewise
kB/KiB, MB/MiB, TB/TiB; a bare number is bytes). A GPU sold as "24 GB" has 24 GiB
(nvidia-smi shows 24,564 MiB), so give ``--budget 24GiB`` for it; ``24GB`` is 22.35 GiB.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from cnnstat.errors import SpecError

UNITS = {"": 1, "b": 1,
         "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
         "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
_SIZE = re.compile(r"\s*([0-9]{1,15}(?:\.[0-9]{1,6})?)\s*([a-zA-Z]{0,3})\s*")


def parse_size(text: str) -> int:
    """``"24GB"`` -> 24,000,000,000; ``"24GiB"`` -> 25,769,803,776 (bytes)."""
    m = _SIZE.fullmatch(text) if len(text) <= 40 else None
    unit = m.group(2).lower() if m else ""
    if m is None or unit not in UNITS:
        raise SpecError(f"--budget {text[:40]!r} must be a size such as 24GiB or 80GB "
                        "(GB = 10^9 bytes, GiB = 2^30 bytes; also MB/MiB, TB/TiB, or bytes)")
    whole, _, frac = m.group(1).partition(".")
    value = (int(whole + frac) * UNITS[unit]) // 10 ** len(frac)  # exact, no float
    if value <= 0:
        raise SpecError(f"--budget must be more than zero bytes, not {text!r}")
    return value


class Fit(NamedTuple):
    budget: int
    limit: int  # the largest batch cnnstat computes
    batch: int  # the largest batch that fits; 0 when not even batch 1 does
    fixed: int  # bytes that do not grow with the batch
    per_sample: int  # bytes each sample adds
    total: int  # bytes at ``batch`` (at batch 1 when nothing fits)
    next_total: int  # bytes at batch + 1


def largest_batch(budget: int, cost: Callable[[int], tuple[int, int]], limit: int) -> Fit:
    """The largest batch b <= ``limit`` with fixed + b x per_sample <= budget, where
    ``cost(b)`` gives (fixed, per_sample) computed at batch b. The total grows with the
    batch but need not be one straight line (a training step's peak moves from the
    optimizer's step to backward as the batch grows): batch 1's line gives a first guess,
    checked at the guess and the next batch, then a bisection between the largest batch
    known to fit and the smallest known not to."""
    def total(b: int) -> int:
        f, p = cost(b)
        return f + b * p

    lo, hi = 0, limit + 1  # total(lo) <= budget (or lo = 0), total(hi) > budget
    fixed, per = cost(1)
    if fixed + per <= budget:
        lo = 1
        guess = limit if per <= 0 else (budget - fixed) // per
        for probe in (guess, guess + 1):
            if lo < probe < hi:
                if total(probe) <= budget:
                    lo = probe
                else:
                    hi = probe
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if total(mid) <= budget:
                lo = mid
            else:
                hi = mid
    b = lo
    at = max(b, 1)
    f, p = cost(at)
    nf, np_ = cost(min(at + 1, limit)) if at < limit else (f, p)
    return Fit(budget, limit, b, f, p, f + at * p, nf + (at + 1) * np_)
