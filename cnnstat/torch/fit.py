"""Will a model fit? Memory a forward pass needs (a lower bound from the analysis), against
what the machine has free, checked before torch allocates anything; and torch's own allocation
failures turned into located errors.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator, NamedTuple

import torch

from cnnstat.analysis import Analysis
from cnnstat.errors import SpecError


class Estimate(NamedTuple):
    """Bytes a forward pass needs at least (inference: tensors are freed layer by layer)."""

    weights: int  # parameters and buffers
    input: int  # the input batch
    activations: int  # the largest layer's inputs and output together, x batch

    @property
    def total(self) -> int:
        return self.weights + self.input + self.activations


def _numel(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def estimate(a: Analysis, element_size: int = 4) -> Estimate:
    widest = max((sum(_numel(s) for s in r.inputs) + _numel(r.output) for r in a.rows),
                 default=0)
    return Estimate((a.totals.params + a.totals.buffers) * element_size,
                    _numel(a.input) * a.batch * element_size, widest * a.batch * element_size)


def available(device: torch.device) -> int | None:
    """Bytes free for new allocations on ``device`` (None when it cannot be told)."""
    return _memory(device, free=True)


def installed(device: torch.device) -> int | None:
    """All the memory of ``device``, free or not (None when it cannot be told)."""
    return _memory(device, free=False)


def _memory(device: torch.device, *, free: bool) -> int | None:
    if device.type == "cuda":
        try:
            return int(torch.cuda.mem_get_info(device)[0 if free else 1])
        except RuntimeError:
            return None
    key = "MemAvailable:" if free else "MemTotal:"
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        pages = os.sysconf("SC_AVPHYS_PAGES" if free else "SC_PHYS_PAGES")
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def gib(n: int) -> str:
    return f"{n / 2**30:,.2f} GiB"


def describe(e: Estimate) -> str:
    return (f"{gib(e.total)}: weights {gib(e.weights)}, input {gib(e.input)}, largest layer's "
            f"activations {gib(e.activations)}")


def require(a: Analysis, device: torch.device, what: str, element_size: int = 4,
            *, free: int | None = None) -> Estimate:
    """A SpecError with the figures when the forward pass cannot fit in free memory."""
    e = estimate(a, element_size)
    free = available(device) if free is None else free
    if free is not None and e.total > free:
        raise SpecError(f"{what} needs at least {describe(e)}; {device.type} has "
                        f"{gib(free)} free. Use a smaller --batch or --input")
    return e


@contextmanager
def torch_errors(what: str) -> Iterator[None]:
    """Out-of-memory and torch's refusals inside ``what`` as a SpecError (exit 2)."""
    try:
        yield
    except MemoryError:
        raise SpecError(f"{what}: out of memory") from None
    except torch.cuda.OutOfMemoryError as err:
        raise SpecError(f"{what}: out of GPU memory ({_first(err)})") from None
    except RuntimeError as err:
        text = str(err)
        if "memory" in text.lower() or "alloc" in text.lower():
            raise SpecError(f"{what}: out of memory ({_first(err)})") from None
        raise


def _first(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__
