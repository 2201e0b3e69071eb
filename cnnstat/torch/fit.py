"""Will a model fit? Memory a forward pass needs (``cnnstat.mem``'s inference peak: the
weights and the live activations of eager PyTorch at their peak), against what the machine
has free, checked before torch allocates anything; and torch's own allocation failures
turned into located errors.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator, NamedTuple

import torch

from cnnstat.analysis import Analysis
from cnnstat.errors import SpecError
from cnnstat.layers import DTYPE_BYTES


class Estimate(NamedTuple):
    """Bytes one inference forward needs: the weights, and the peak of live activations
    that ``cnnstat.mem`` predicts for eager PyTorch (its one liveness rule), split into
    the input (held by the caller throughout) and the rest alive at the peak."""

    weights: int  # parameters and buffers
    input: int  # the input batch
    activations: int  # the other activations alive at the peak, x batch
    peak_layer: str = ""  # where the peak happens

    @property
    def total(self) -> int:
        return self.weights + self.input + self.activations


def estimate(a: Analysis, dtype: str = "fp32", device: str = "cpu") -> Estimate:
    """The forward pass of ``a``'s spec at ``a.batch`` and ``a.input`` in ``dtype``, by
    ``cnnstat.mem.memory`` (no second memory model here)."""
    from cnnstat.mem import memory

    m = memory(a.spec, batch=a.batch, dtype=dtype, device=device, input=a.input)
    x = _numel(a.input) * a.batch * DTYPE_BYTES[dtype]
    return Estimate(m.weights + m.buffers, x, m.activation_peak - x, m.peak_layer)


def _numel(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


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
    return (f"{gib(e.total)}: weights {gib(e.weights)}, input {gib(e.input)}, other "
            f"activations alive at the peak ({e.peak_layer}) {gib(e.activations)}")


def require(a: Analysis, device: torch.device, what: str, dtype: str = "fp32",
            *, free: int | None = None) -> Estimate:
    """A SpecError with the figures when the forward pass cannot fit in free memory."""
    e = estimate(a, dtype, "cuda" if device.type == "cuda" else "cpu")
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
